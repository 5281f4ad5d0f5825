"""Digits and numbers told by their digits (pure).

- A line of digits: "The second line contains n digits, the digits are separated by a single
  space" (n integers 0..9), "n digits without spaces", "a string of n digits" (one string of
  decimal digits): `digit_values`, the variable of the line's one unnamed item.
- An unnamed string's characters told one by one: "a sequence of characters each of which can
  either be a "0", a "1" or a "?"": `each_of_which`.
- A number told by how many digits it has: "The first line contains a positive integer n. The
  number of digits in this number does not exceed 10^5", "This number contains more than 1 and
  at most 10^5 digits": such a number does not fit a machine integer (the checker reads no bound
  past 400 digits), so it is read as what it is written as, a string of decimal digits (binary
  ones when the statement says "in the binary notation") with those lengths; a positive one
  starts with a non-zero digit (a `first_char` claim), as does the one string of digits of
  "It is guaranteed that the first digit of the number does not equal zero". `digit_strings` does
  it once the layout is known: the number is one value of a line, named by the sentence ("the number of digits in
  n") or the one value the sentence before spoke of ("this number"), and no count or bound uses it.
"""

from __future__ import annotations

import re

from alphasolve.inputs.spec import Bound, Claim, Item, Spec, Variable, layout_items
from alphasolve.inputs.spec_eval import whole_number
from alphasolve.inputs.spec_wordline import GROUPED_NUMBER

DIGITS = "0123456789"
#: what a line of digits is told as, before its tail ("n digits", "a string of n digits")
_HEAD = re.compile(r"^\s*[:,]?\s*(?:(?:a|an|the|one)\s+)?(?:(?:string|sequence|line|row)\s+of\s+)?"
                   r"(?:(?:exactly\s+)?[A-Za-z0-9_{}]+\s+)?(?:(?:decimal|space-separated|separate)\s+)*"
                   r"(?P<binary>binary\s+)?digits?\b", re.I)
_QUOTED = r"(?:an?\s+)?(?:\"([^\"])\"|'([^'])')"
_EACH = re.compile(r"\beach of (?:which|them) (?:can |may |will |must )?(?:either )?(?:be |is |equals? )?(?:either )?"
                   r"(?:equal to )?(?P<list>" + _QUOTED + r"(?:\s*(?:,|or|and|, or|, and)\s*" + _QUOTED + r")+)", re.I)
_NUM = GROUPED_NUMBER
_AT_MOST = r"(?:≤|<|is at most|at most|is no more than|no more than|is not more than|not more than|up to)"
#: "the number of digits in this number ≤ 10^5", "... is from 1 to 10^5"
_COUNT = re.compile(r"^(?:the )?(?:number|count|amount) of digits (?:in|of) (?P<subj>.+?) (?:is )?(?:(?P<op>" + _AT_MOST +
                    r") (?P<hi>" + _NUM + r")|(?:from|between) (?P<lo>" + _NUM + r") (?:to|and) (?P<hi2>" + _NUM +
                    r")(?:,? inclusive)?)$", re.I)
#: "this number contains more than 1 and ≤ 10^5 digits", "n has at most 100 digits"
_HAS = re.compile(r"^(?P<subj>.+?) (?:contains|has|consists of) (?:(?:(?:more than|>) (?P<gt>" + _NUM + r")|(?:at least|≥) "
                  r"(?P<ge>" + _NUM + r")),? and )?(?:(?P<op>" + _AT_MOST + r") (?P<hi>" + _NUM + r")|(?:from|between) "
                  r"(?P<lo>" + _NUM + r") (?:to|and) (?P<hi2>" + _NUM + r"))(?: decimal)? digits(?:,? inclusive)?$", re.I)
#: "the public key of the messenger — an integer without leading zeroes, its length is in range from 1 to 10^6 digits"
_DESCRIBED = re.compile(r"^(?:the |a |an )?[a-z][a-z' ]{0,60}? — (?:a |an )?(?:positive |non-negative )?(?:integer|number)"
                        r"(?P<nlz> without (?:any )?leading zeroe?s)?,? (?:its|whose) length is (?:in (?:the )?range )?"
                        r"(?:from|between) (?P<lo>" + _NUM + r") (?:to|and) (?P<hi>" + _NUM + r") digits$", re.I)
#: "It is guaranteed that the first digit of the number does not equal zero", "the first digit is not '0'"
_FIRST = re.compile(r"^(?:it is guaranteed that |it's guaranteed that )?(?:the )?first digit(?: of (?:the |this |that |"
                    r"given )?(?:number|string|integer|sequence))? (?:does not equal(?: to)?|doesn't equal|is not equal to|"
                    r"is not|isn't|≠|can't be|cannot be|is never) (?:zero|0|'0'|\"0\")$", re.I)
_GENERIC = re.compile(r"^(?:(?:this|the|that|given|input)\s+)*(?:number|integer)$|^it$", re.I)


def digit_values(rest: str, items: list[Item]) -> list[Variable]:
    """The variable of a line told as digits (`rest`: the words after 'contains'): integers 0..9
    when they are separate tokens ("n digits, separated by spaces"), else a string of digits."""
    if len(items) != 1 or not items[0].name.startswith("_") or items[0].words is not None:
        return []
    m = _HEAD.match(re.split(r"\s[—-]\s|\(|;|:", rest, maxsplit=1)[0])
    if not m:
        return []
    item, top = items[0], "1" if m.group("binary") else "9"
    if item.count is not None:
        return [Variable(item.name, "int", low=Bound(value=0), high=Bound(value=int(top)), indexed=True,
                         source=m.group(0).strip())]
    return [Variable(item.name, "string", alphabet=DIGITS[:int(top) + 1], source=m.group(0).strip())]


def digit_line(rest: str, anon) -> Variable | None:
    """The variable (named by `anon()`) of a line told as a described integer by its digit count
    ("the public key — an integer without leading zeroes, its length is in range from 1 to 10^6
    digits"): a string of digits; None when `rest` is not told so."""
    m = _DESCRIBED.match(rest.strip(" ."))
    if not m or whole_number(m.group("lo")) is None or whole_number(m.group("hi")) is None:
        return None
    lo, hi = whole_number(m.group("lo")), whole_number(m.group("hi"))
    if not 1 <= lo <= hi:
        return None
    return Variable(anon(), "string", length_low=Bound(value=lo), length_high=Bound(value=hi), alphabet=DIGITS,
                    source=rest.strip(" ."))


def each_of_which(rest: str) -> str | None:
    """The alphabet of "characters each of which can either be a "0", a "1" or a "?"" (None: not said so)."""
    m = _EACH.search(rest)
    if not m:
        return None
    chars = {a or b for a, b in re.findall(_QUOTED, m.group("list"))}
    return "".join(sorted(chars)) if len(chars) >= 2 else None


def _count(sentence: str) -> tuple[str, int, int] | None:
    """(subject, fewest, most digits) of a sentence telling a number's digit count."""
    text = sentence.strip(" .")
    m = _COUNT.match(text) or _HAS.match(text)
    if not m:
        return None
    hi = whole_number(m.group("hi") or m.group("hi2") or "")
    groups = m.groupdict()
    lo = whole_number(groups.get("lo") or groups.get("ge") or "1")
    if groups.get("gt"):
        lo = None if whole_number(groups["gt"]) is None else whole_number(groups["gt"]) + 1
    if hi is None or lo is None or lo < 1 or lo > hi:
        return None
    if m.group("op") == "<":
        hi -= 1
    return m.group("subj").strip(), lo, hi


def digit_strings(spec: Spec, sentences: list[str]) -> None:
    """Numbers told by their digit count become strings of digits (see the module's doc); in place."""
    items = layout_items(spec.layout or [])
    scalars = {i.name for i in items if i.count is None and i.words is None and i.length is None}
    if not scalars:
        return
    names = [i.name for i in items]
    for var in spec.variables:      # a digit line "without leading zeroes" (`digit_line`)
        described = _DESCRIBED.match(var.source or "") if var.type == "string" and var.name in names else None
        if described and described.group("nlz") and not any(c.subject == [var.name] for c in spec.claims):
            spec.claims.append(Claim("no_leading_zeros", [var.name], var.source))
    used = _used(spec)
    before: list[str] = []
    for sentence in sentences:
        if _FIRST.match(sentence.strip(" .")):
            _first_digit(spec, sentence)
        said = [w for w in dict.fromkeys(re.findall(r"[A-Za-z]\w*", re.sub(r"\([^()]*\)", " ", sentence)))
                if w in scalars]
        found = _count(sentence)
        if found is not None:
            subject, lo, hi = found
            name = subject if subject in scalars else \
                (before[0] if len(before) == 1 else None) if _GENERIC.match(subject) else None
            var = spec.var(name) if name else None
            if var is not None and name not in used and names.count(name) == 1:
                _to_digits(spec, var, lo, hi, sentence)
        before = said or before


def _to_digits(spec: Spec, var: Variable, lo: int, hi: int, sentence: str) -> None:
    if var.type not in ("int", "unknown") or (var.high is not None and var.high.known()):
        return
    low = var.low.value if var.low is not None else None
    if low is not None and low not in (0, 1):
        return
    binary = bool(re.search(r"\bbinary\b", var.source + " " + sentence, re.I))
    var.type, var.alphabet = "string", "01" if binary else DIGITS
    var.low = var.high = None
    var.length_low, var.length_high = Bound(value=lo), Bound(value=hi)
    var.source = (var.source + " | " if var.source else "") + sentence
    if low == 1 or lo > 1:      # a positive number (or one of two digits or more) starts with a non-zero digit
        spec.claims.append(Claim("first_char", [var.name], sentence, "1" if binary else DIGITS[1:]))
    spec.unknown = [u for u in spec.unknown if _count(u) is None]


def _first_digit(spec: Spec, sentence: str) -> None:
    """'It is guaranteed that the first digit of the number does not equal zero': a first_char
    claim on the one string of decimal digits the layout reads."""
    names = {i.name for i in layout_items(spec.layout or [])}
    strings = [v for v in spec.variables if v.name in names and v.type == "string" and v.alphabet == DIGITS]
    if len(strings) != 1:
        return
    name = strings[0].name
    if not any(c.kind == "first_char" and c.subject == [name] for c in spec.claims):
        spec.claims.append(Claim("first_char", [name], sentence.strip(), DIGITS[1:]))
    spec.unknown = [u for u in spec.unknown if not _FIRST.match(u.strip(" ."))]


def _used(spec: Spec) -> set[str]:
    """Names a count, a repeat or a bound of the spec uses."""
    exprs = [b.expr for v in spec.variables for b in (v.low, v.high, v.length_low, v.length_high) if b and b.expr]
    exprs += [e for i in layout_items(spec.layout or []) for e in (i.count, i.length) if e]

    def repeats(nodes: list) -> list[str]:
        return [r for n in nodes if hasattr(n, "repeat") for r in [n.repeat] + repeats(n.body)]
    exprs += repeats(spec.layout or [])
    return {name for e in exprs for name in re.findall(r"[A-Za-z]\w*", e)} | {spec.testcases or ""}

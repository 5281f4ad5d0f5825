"""Guarantees on some element, one element or one end of the input's values (pure): read from a
statement's sentences, checked on a reading, and honoured when drawing (by repairing a drawn
input).

- "It is guaranteed that at least one of those numbers is larger than zero", "not all a_i are
  zero": `some_positive` / `some_nonzero` on an array (or a column of rows);
- "This particularly means that a_1 = 0", "That is, b_n = 0": `pinned`, one element of an
  array (`expr` "a_1 = 0": the index is a number or the name of a value, 1-based);
- "All laptops have different prices": `distinct` on the value the noun names ("100 ≤ cost
  ≤ 1000 is price in tugriks": the one variable whose own sentences say the noun);
- "All paths start with at least one character '/'", "The text begins and ends with a Latin
  letter", "without leading zeroes": `first_char` / `last_char` (`expr`: the allowed
  characters) and `no_leading_zeros` on a string (a line of words: on its first and last word).

A subject the sentence does not name ("those numbers", "all paths") is the array the sentence
before named, else is found once the layout is read (`resolve_deferred`): a noun by the
descriptions of the variables (the input section's sentences that name only it, the words the
layout tied to an unnamed value), "those numbers" as the layout's only array. What cannot be
tied to exactly one variable gives no claim."""

from __future__ import annotations

import re
import string

from alphasolve.inputs.spec import Claim, Spec, layout_items
from alphasolve.inputs.spec_chain import short
from alphasolve.inputs.spec_expr import Token, tokenize
from alphasolve.inputs.spec_facts import namelike

#: the claim kinds of this module (checked by `check_pins`, drawn by `repair`)
PIN_KINDS = ("some_positive", "some_nonzero", "pinned", "first_char", "last_char", "no_leading_zeros", "max_degree")

_ONE = r"(?:≥|\bat least) (?:one|1)\b"
_POSITIVE = r"(?:positive|>\s*(?:zero|0)|(?:larger|greater|more|bigger) than (?:zero|0))"
_NONZERO = r"(?:non-?zero|not (?:equal to )?(?:zero|0)|≠\s*(?:zero|0)|different from (?:zero|0))"
_WHAT = r"(?P<what>[^,;.()]*?)"
_SOME = [
    re.compile(rf"{_ONE} (?:of )?{_WHAT}\s+(?:(?:is|are|will be|must be) )?(?P<pred>{_POSITIVE}|{_NONZERO})"
               r"(?![\w(])", re.I),
    re.compile(rf"\bnot all (?:of )?{_WHAT}\s+(?:are|is|will be|equal|=)\s*(?:equal to |= )?(?P<pred>zeros?|zeroes|0)\b",
               re.I),
    re.compile(rf"^(?:it is guaranteed that |you may assume that )?{_WHAT}\s+(?:are|is) not all\s+(?:equal to )?"
               r"(?P<pred>zeros?|zeroes|0)\b", re.I),
    re.compile(rf"\bthere (?:is|exists|will be) {_ONE} (?P<pred>positive|non-?zero) {_WHAT}$", re.I),
]
_REFUSE = re.compile(r"\b(?:if|unless|when|whether|may|might|can|could|otherwise|not guaranteed)\b", re.I)
#: words for "the values just described" ("those numbers", "them")
_GENERIC = {"", "numbers", "integers", "values", "elements", "them", "they", "these", "those", "the", "all", "given",
            "which",
            "of", "input", "numbers in the input"}

#: nouns of the input's shape, not of a value ("each line starts with ...")
_STRUCTURE = {"line", "lines", "input", "file", "test", "tests", "case", "cases", "row", "rows", "query", "queries",
              "data", "output"}
_LETTERS = {"lowercase": string.ascii_lowercase, "small": string.ascii_lowercase,
            "uppercase": string.ascii_uppercase, "capital": string.ascii_uppercase}
_CLASS = (r"(?:'(?P<q>[^'])'|\"(?P<dq>[^\"])\"|(?P<adj>(?:(?:lowercase|uppercase|small|capital|latin|english) )*)"
          r"(?P<cls>letter|digit|non-?zero digit))")
_ENDS = re.compile(r"^(?:(?:it is guaranteed that|note that|we know that) )?(?:all |each |every |the |any )?"
                   r"(?:given )?(?P<what>[\w ]{1,40}?) (?:always )?(?P<verb>(?:starts?|begins?)(?: and ends?)?|"
                   r"ends?(?: and (?:starts?|begins?))?) with (?:≥ one |at least one |an? |the |one )?"
                   r"(?:(?:character|symbol|char) )?" + _CLASS + r"(?!\w)", re.I)
_LEADING = re.compile(r"\b(?:without (?:any )?|(?:has|have|contains?|with) no |(?:does not|doesn't|do not|don't) "
                      r"(?:have|contain) (?:any )?)leading zero(?:e?s)?\b", re.I)


def read_pins(reader, scope: str, tokens: list[Token], plain: str, is_input: bool) -> bool:
    """The guarantees of one sentence as claims on the reader (`spec_parse._Reader`), or
    deferred to `resolve_deferred`; True when the sentence gave one. `is_input`: a sentence of
    the input (or limits) sections; elsewhere (the legend) only a string's ends are read, and
    only of a variable its noun names."""
    names = reader.named(tokens)
    if is_input:      # (every word that is a variable's name: "100 ≤ cost ≤ 1000 is price in tugriks")
        reader.log.append((plain, reader.named(tokens, namelike_only=False)))
        for n in re.findall(r"\b([A-Za-z]\w*?)_\{?0\}?(?!\w)", plain):
            reader.zero_based.add(n)
    found = False
    if is_input and not _REFUSE.search(plain):
        for pattern in _SOME:
            m = pattern.search(plain)
            if m:
                pred = m.group("pred").lower()
                kind = "some_positive" if re.match(_POSITIVE, pred, re.I) else "some_nonzero"
                found |= _claim(reader, scope, kind, m.group("what"), plain, None, before=plain[:m.start()])
                break
        found |= _distinct_noun(reader, scope, plain)
        degree = _DEGREE.match(plain.strip().rstrip("."))
        if degree and (k := _count(degree.group("k"))) is not None:    # "each student has at most two archenemies"
            _add(reader, scope, Claim("max_degree", [], short(plain), str(k)),
                 later=(degree.group("node"), degree.group("edge")))
            found = True
        once = _ONCE.match(plain.strip().rstrip("."))
        if once:      # "Each enmity occurs in the list exactly once": the pairs of its block never repeat
            _add(reader, scope, Claim("no_multi_edges", [], short(plain)), later=(None, once.group("edge")))
            found = True
        lead = _LEADING.search(plain)
        if lead and len(names) == 1 and not re.search(r"\b(?:can|may|might|allowed|possibl\w*)\b", plain, re.I):
            said = [m.end() for m in re.finditer(r"(?<![\w])" + re.escape(names[0]) + r"(?![\w])", plain[:lead.start()])]
            between = plain[said[-1]:lead.start()] if said else " and "     # nothing else said of in between
            if not re.search(r"\b(?:and|or|integers|numbers|values|strings|words|each|digits)\b", between, re.I):
                _add(reader, scope, Claim("no_leading_zeros", names, short(plain)))
                found = True
    m = _ENDS.search(plain)
    if m and not re.search(r"\b(?:not|n't|if|may|might|can|should|must)\b", plain, re.I):
        allowed = _allowed(m)
        verb = m.group("verb").lower()
        kinds = (["first_char"] if re.search(r"start|begin", verb) else []) + (["last_char"] if "end" in verb else [])
        for kind in kinds:
            found |= _claim(reader, scope, kind, m.group("what"), plain, allowed, strict=not is_input)
    return found


#: `_add`'s default: a claim whose subject is known now (not deferred)
_NOW = object()


def _add(reader, scope: str, claim: Claim, later=_NOW) -> None:
    """`claim` onto the reader, or deferred to `resolve_deferred` with what tells its subject
    (`later`: a noun, a (node, edge) pair, or None for the layout's only array)."""
    if later is _NOW:
        reader.claims.append((scope, claim))
    else:
        reader.deferred.append((scope, claim, later))
    reader.produced += 1


def _allowed(m: re.Match) -> str:
    quoted = m.group("q") or m.group("dq")
    if quoted:
        return quoted
    cls = m.group("cls").lower()
    if cls.startswith("non"):
        return "123456789"
    if cls == "digit":
        return string.digits
    adjs = m.group("adj").lower().split()
    chars = "".join(_LETTERS[a] for a in adjs if a in _LETTERS)
    return chars or string.ascii_letters


def _claim(reader, scope: str, kind: str, what: str, plain: str, expr: str | None, strict: bool = False,
           before: str = "") -> bool:
    """A claim on the variable `what` names: one it names itself (an array for an element
    guarantee, a string or value for its ends), the array just named ("those numbers"), or one
    found once the layout is read (deferred)."""
    toks = [t for t in tokenize(what) if t.kind == "ident" and namelike(t)]
    named = reader.named(toks)
    if toks:
        if len(named) != 1 or len(toks) != 1 or strict:
            return False
        if kind.startswith("some") and not reader.vars[named[0]].indexed:
            return False
        _add(reader, scope, Claim(kind, named, short(plain), expr))
        return True
    words = re.sub(r"\b(?:the|those|these|all|of|given|input|each|every|any)\b", " ", what.lower()).split()
    if kind.startswith("some") and not words or " ".join(words) in _GENERIC:
        # "n integers, at least one of which is positive": the values this sentence brings, not named
        brings = bool(re.search(r"\b(?:integers|numbers|values|elements)\b", before, re.I))
        indexed = [n for n in reader.log[-1][1] if reader.vars[n].indexed] if reader.log else []
        if kind.startswith("some") and brings and not indexed and not strict:
            _add(reader, scope, Claim(kind, [], short(plain), expr), later=None)
            return True
        if kind.startswith("some") and len(reader.last_indexed) == 1 and not strict:
            _add(reader, scope, Claim(kind, list(reader.last_indexed), short(plain), expr))
            return True
        if kind.startswith("some") and len(reader.log) >= 2 and not reader.log[-2][1] and not strict:
            _add(reader, scope, Claim(kind, [], short(plain), expr), later=None)
            return True
        return False
    if len(words) != 1 or words[0] in _STRUCTURE:
        return False
    _add(reader, scope, Claim(kind, [], short(plain), expr), later=words[0])
    return True


_DISTINCT_NOUN = [
    re.compile(r"^(?:it is guaranteed that )?(?:all|any two) (?:the )?(?:\w+ )?\w+ (?:have|has) (?:pairwise )?"
               r"(?:distinct|different) (?P<noun>[a-z]+)$", re.I),
    re.compile(r"^(?:it is guaranteed that )?no two (?:\w+ )?\w+ (?:have|has) (?:the same|equal) (?P<noun>[a-z]+)$",
               re.I),
    re.compile(r"^(?:it is guaranteed that )?(?:all )?(?:the )?(?P<noun>[a-z]+) (?:of (?:all )?(?:the )?\w+ )?"
               r"are (?:pairwise )?(?:distinct|different)$", re.I),
]


def _distinct_noun(reader, scope: str, plain: str) -> bool:
    """"All laptops have different prices": distinct on the value the noun describes."""
    text = plain.strip().rstrip(".")
    for pattern in _DISTINCT_NOUN:
        m = pattern.match(text)
        if m and m.group("noun").lower() not in _GENERIC | {"strings", "words", "names", "letters", "characters",
                                                             "points", "edges", "pairs", "lines", "coordinates",
                                                             "positions", "cells", "locations", "squares"}:
            if re.search(r"_|\b[A-Za-z]\b", text):
                return False       # a name: read by the claim reader
            _add(reader, scope, Claim("distinct", [], short(plain)), later=m.group("noun"))
            return True
    return False


_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}
_DEGREE = re.compile(r"^(?:it is guaranteed that |note that |we know that )?(?:each|every|any) (?P<node>[a-z]+) "
                     r"(?:has|have|is (?:connected|adjacent) to|is incident to) (?:≤|at most|no more than|not more than) "
                     r"(?P<k>\d+|" + "|".join(_WORDS) + r") (?:other )?(?P<edge>[a-z]+)$", re.I)


_ONCE = re.compile(r"^(?:it is guaranteed that )?(?:each|every|any) (?P<edge>[a-z]+) (?:occurs|appears|is (?:given|listed|"
                   r"described|mentioned)) (?:in the (?:list|input)(?: data)? )?(?:exactly|at most|only|no more than|≤) "
                   r"once$", re.I)


def _count(word: str) -> int | None:
    return int(word) if word.isdigit() else _WORDS.get(word.lower())


def _edge_blocks(nodes, out: list) -> list:
    """(repeat, the first two values) of each block of one line starting with two single values."""
    from alphasolve.inputs.spec import Block, Line
    for node in nodes:
        if isinstance(node, Block):
            line = node.body[0] if len(node.body) == 1 and isinstance(node.body[0], Line) else None
            if line is not None and len(line.items) >= 2 and all(i.count is None and not i.words for i in line.items[:2]):
                out.append((node.repeat, [line.items[0].name, line.items[1].name]))
            _edge_blocks(node.body, out)
    return out


def _degree_subject(spec: Spec, log: list[tuple[str, list[str]]], node: str | None, edge: str) -> list[str]:
    """The ends of the one block of edges that the statement calls `edge` (said with its count
    or its ends) and whose ends it calls `node` (said with the ends or the bound of their
    labels; None: any)."""
    found = []
    for repeat, pair in _edge_blocks(spec.layout or [], []):
        bounds = {b.expr for n in pair if (v := spec.var(n)) is not None for b in (v.high,) if b and b.expr}
        edges = any(_says(text, edge, True) for text, names in log if set(names) & ({repeat.strip()} | set(pair)))
        nodes = node is None or any(_says(text, node, True) for text, names in log if set(names) & (set(pair) | bounds))
        if edges and nodes:
            found.append(pair)
    return found[0] if len(found) == 1 else []


_IRREGULAR = [("vertex", "vertices"), ("index", "indices"), ("matrix", "matrices"), ("child", "children"),
              ("person", "people"), ("man", "men")]


def _stems(noun: str) -> set[str]:
    n = noun.lower()
    out = {n} | {a for pair in _IRREGULAR for a in pair if n in pair}
    if n.endswith("ies"):
        out.add(n[:-3] + "y")
    elif n.endswith("es"):
        out |= {n[:-2], n[:-1]}
    elif n.endswith("s"):
        out.add(n[:-1])
    else:
        out |= {n + "s", n + "es"}
    return out


def _says(text: str, noun: str, counted: bool = False) -> bool:
    """Whether `text` describes a thing by `noun` (not "the number of <noun>", unless `counted`)."""
    before = "" if counted else r"(?<!number of )(?<!count of )(?<!amount of )(?<!numbers of )"
    return any(re.search(before + r"\b" + re.escape(s) + r"\b", text, re.I) for s in _stems(noun))


def resolve_deferred(spec: Spec, log: list[tuple[str, list[str]]], deferred: list, zero_based: set[str]) -> None:
    """The deferred claims' subjects, once the layout is read; claims on elements of an array
    the statement also indexes from 0 are dropped (their index is not 1-based)."""
    spec.claims = [c for c in spec.claims if not (c.kind == "pinned" and c.subject[0] in zero_based)]
    items = layout_items(spec.layout or [])
    for _scope, claim, noun in deferred:
        if isinstance(noun, tuple):
            subject = _degree_subject(spec, log, *noun)
        elif noun is None:
            arrays = [i for i in items if i.count is not None and not i.words]
            named = [v for v in spec.variables if v.indexed and not v.name.startswith("_")]
            var = spec.var(arrays[0].name) if len(arrays) == 1 and not named else None
            subject = [var.name] if var is not None and var.type in ("int", "real") else []
        else:
            read = {i.name for i in items}
            found = {v.name for v in spec.variables if v.name in read and (
                any(_says(text, noun) for text, names in log if names == [v.name])
                or v.name.startswith("_") and _says(v.source, noun))}
            subject = sorted(found) if len(found) == 1 else []
        if subject and claim.kind in ("first_char", "last_char") and (spec.var(subject[0]).type != "string" or (
                isinstance(noun, str) and noun.lower() in ("word", "words")
                and any(i.words for i in items if i.name == subject[0]))):
            subject = []      # (each word of a line of words: not read, the claim is on the line's ends)
        if not subject:
            spec.unknown.append(claim.source)
        elif not any(c.kind == claim.kind and c.subject == subject and c.expr == claim.expr for c in spec.claims):
            claim.subject = subject
            spec.claims.append(claim)


# -- checking ------------------------------------------------------------------------------------

def has_some(kind: str, values: list) -> bool:
    """Whether `values` keep a some_positive / some_nonzero claim (a value > 0, or ≠ 0)."""
    return any(isinstance(v, (int, float)) and (v > 0 if kind == "some_positive" else v != 0) for v in values)


def parse_pin(expr: str) -> tuple[str, str, int | float] | None:
    """("a", "1", 0) of "a_1 = 0"."""
    m = re.fullmatch(r"(?P<name>.+)_(?P<at>\w+) = (?P<v>-?\d+(?:\.\d+)?)", expr or "")
    if not m:
        return None
    return m.group("name"), m.group("at"), (float(m.group("v")) if "." in m.group("v") else int(m.group("v")))


def pin_position(at: str, toks: list, reading) -> int | None:
    """The 0-based position in a group of the element `at` names ("1", "n"), if within it."""
    if at.isdigit():
        k = int(at)
    else:
        value = reading.lookup(at, toks[0].path) if toks else None
        if not isinstance(value, int) or isinstance(value, bool):
            return None
        k = value
    return k - 1 if 1 <= k <= len(toks) else None


def string_ends(spec: Spec, reading, name: str) -> list[list]:
    """The tokens whose first and last characters a string claim on `name` speaks of: each
    token, or the words of one line together (a line of words)."""
    words = {i.name for i in layout_items(spec.layout or []) if i.words}
    toks = [t for t in reading.tokens if t.name == name]
    if name not in words:
        return [[t] for t in toks]
    lines: dict[int, list] = {}
    for t in toks:
        lines.setdefault(t.line, []).append(t)
    return list(lines.values())


def check_pins(spec: Spec, claim: Claim, reading, out) -> None:
    """The reasons `claim` (one of PIN_KINDS) gives against a reading (`spec_check.Reading`),
    into `out` (`spec_check._Reasons`)."""
    from alphasolve.inputs.spec_check import token_groups, token_label, token_value
    name = claim.subject[0] if claim.subject else ""
    if claim.kind in ("some_positive", "some_nonzero"):
        for toks in token_groups(reading, name).values():
            values = [token_value(t.text) for t in toks]
            if not toks or not all(isinstance(v, (int, float)) for v in values):
                continue
            if not has_some(claim.kind, values):
                out.add((claim.kind, name), f"no {name} is {'positive' if claim.kind == 'some_positive' else 'non-zero'}"
                        f" (line {toks[0].line})")
    elif claim.kind == "pinned" and (pin := parse_pin(claim.expr or "")) is not None:
        for toks in token_groups(reading, name).values():
            k = pin_position(pin[1], toks, reading)
            if k is not None and token_value(toks[k].text) != pin[2]:
                out.add((claim.kind, claim.expr), f"{name}[{k + 1}] = {toks[k].text}, not {claim.expr} "
                        f"(line {toks[k].line})")
    elif claim.kind == "max_degree" and len(claim.subject) == 2 and (claim.expr or "").isdigit():
        us, vs = token_groups(reading, claim.subject[0]), token_groups(reading, claim.subject[1])
        for key, utoks in us.items():
            vtoks = vs.get(key, [])
            degree: dict[str, int] = {}
            for u, v in zip(utoks, vtoks) if len(vtoks) == len(utoks) else ():
                for end in (u.text, v.text):
                    degree[end] = degree.get(end, 0) + 1
                    if degree[end] == int(claim.expr) + 1:
                        out.add((claim.kind,), f"{end} is an end of more than {claim.expr} of the pairs "
                                f"{claim.subject[0]}, {claim.subject[1]} (line {u.line})")
    elif claim.kind in ("first_char", "last_char", "no_leading_zeros"):
        for toks in string_ends(spec, reading, name):
            first, last = toks[0].text, toks[-1].text
            if claim.kind == "first_char" and first and first[0] not in (claim.expr or ""):
                out.add((claim.kind, name), f"{name} starts with {first[0]!r}, not one of {claim.expr!r} "
                        f"(line {toks[0].line})")
            elif claim.kind == "last_char" and last and last[-1] not in (claim.expr or ""):
                out.add((claim.kind, name), f"{name} ends with {last[-1]!r}, not one of {claim.expr!r} "
                        f"(line {toks[0].line})")
            elif claim.kind == "no_leading_zeros" and re.match(r"-?0.", first):
                out.add((claim.kind, name), f"{token_label(toks[0])} = {first} has a leading zero (line {toks[0].line})")

"""Unnamed values told more of in their own sentence or the next (pure).

"The second line contains n space-separated integers. The i-th integer equals the length of the
i-th stick a_i (1 ≤ a_i ≤ 100)": the line reader makes the n integers an unnamed block ("_1"),
and the bounds of a_i would never reach them. When the values of one unnamed block are named by
a following "the i-th integer ... a_i" / "the i-th number is ... x_i" / ", the i-th of which is
a_i" (one name with that index, said of no other line), the block takes that name (`ith_name`;
the layout applies it once every sentence is read, `spec_layout._Parser.finish`).

"The second line contains seven non-negative space-separated integers that do not exceed 1000":
the sentence bounds its unnamed values itself; those bounds become a variable of the unnamed
name (`block_bounds`): "non-negative" (0), "positive" (1), "that do not exceed X", "not exceeding
X", "not greater than X", "at most X", "between X and Y", "... X in absolute value" (-X..X). A
bound in any other words (a sum, a product, "not exceeding n·m") is not read.
"""

from __future__ import annotations

import re

from alphasolve.inputs.spec_digits import DIGITS
from alphasolve.inputs.spec_eval import whole_number
from alphasolve.inputs.spec import Bound, Item, Line, Spec, Variable, layout_items
from alphasolve.inputs.spec_strline import told_later as told_of_string
from alphasolve.inputs.spec_wordline import NUMBER, limit_line, spacing, total_length, understood
from alphasolve.inputs.spec_words import fold

_ITH = r"(?:the )?(?P<i>[ijk])-th"
#: "The i-th integer equals ...", "the i-th number is ...", "the i-th of them ...", "the i-th of which is ..."
_START = re.compile(r"^" + _ITH + r" (?:(?:integer|number|value|element)(?: of (?:them|these|the (?:sequence|array|list)))?"
                    r"|of (?:them|these|which|those)(?: (?:integers|numbers|values))?)\b(?P<rest>.*)$", re.I)
#: the same clause after the line's items ("n integers, the i-th of which is a_i")
_CLAUSE = re.compile(r"(?:[,;:] (?:where |and |with )?|\bwhere )(?P<c>(?:the )?[ijk]-th (?:integer|number|value|element|of "
                     r"(?:them|these|which|those))\b.*)$", re.I)
_NUM = "-?" + NUMBER
_HIGH = re.compile(r"\b(?:integers|numbers|values|elements),? (?:each |all )?(?:(?:that|which) )?(?:(?:are|is) )?"
                   r"(?:do not exceed|don't exceed|does not exceed|doesn't exceed|not exceeding|(?:are )?not "
                   r"(?:greater|larger|more) than|no (?:greater|larger|more) than|at most|(?:are )?"
                   r"(?:less than or equal to)|≤) (?P<x>" + _NUM + r")(?P<after>(?: (?:in|by) (?:absolute value|modulus|"
                   r"module))?)(?=$|\s*[—,.;(]|\s+-\s)", re.I)
_BETWEEN = re.compile(r"\b(?:integers|numbers|values|elements),? (?:each |all )?(?:(?:that|which) )?(?:(?:are|is|lie) )?"
                      r"(?:between|from) (?P<lo>" + _NUM + r") (?:and|to) (?P<hi>" + _NUM + r")(?:,? inclusive)?"
                      r"(?=$|\s*[—,.;(]|\s+-\s)", re.I)
#: a bound said of the values just told, in a sentence of its own ("Each of them ≤ 100 and stands for ...")
_EACH = re.compile(r"^(?:each of them|all of them|each of these (?:integers|numbers|values)|each (?:integer|number|value))"
                   r" (?:is )?(?P<op>≤|<) (?P<x>" + NUMBER + r")(?: and (?!\S*\d)[a-z][^≤<≥>=]*)?$", re.I)
_TYPE = re.compile(r"\b(?:integers?|numbers?|values?|elements?)\b", re.I)



def block_bounds(rest: str, items: list[Item]) -> list[Variable]:
    """The bounds a line's own words give its values when all of them are unnamed (`rest`: the
    words after 'contains', before parentheses were taken out): a variable per unnamed name."""
    if not items or not all(i.name.startswith("_") and i.length is None and i.words is None for i in items):
        return []
    text = re.split(r"\s[—-]\s|\(|;|:", rest, maxsplit=1)[0].strip()
    kind = _TYPE.search(text)
    if kind is None:
        return []
    before = text[:kind.start()]
    low = high = None
    if re.search(r"\bnon-?negative\b", before, re.I):
        low = 0
    elif re.search(r"(?<!-)\bpositive\b", before, re.I) and not re.search(r"\bnon-?positive\b", before, re.I):
        low = 1
    m = _HIGH.search(text)
    if m and whole_number(m.group("x")) is not None:
        high = whole_number(m.group("x"))
        if m.group("after"):
            if low is not None:
                return []       # "non-negative ... not exceeding 10 in absolute value": not read
            low = -high
    between = _BETWEEN.search(text)
    if between and not m and low is None:
        low, high = whole_number(between.group("lo")), whole_number(between.group("hi"))
    if low is None and high is None:
        return []
    vtype = "int" if re.match(r"integer", kind.group(0), re.I) else \
        "real" if re.search(r"\breal\b|\bfloating", before, re.I) else "unknown"
    return [Variable(i.name, vtype, low=None if low is None else Bound(value=low),
                     high=None if high is None else Bound(value=high), indexed=i.count is not None,
                     source=text) for i in items]


def ith_name(sentence: str, names: set[str], clause: bool = False) -> str | None:
    """The one name a sentence about 'the i-th integer' gives the values ("The i-th integer
    equals the length of the i-th stick a_i" -> "a"); None when it names none or several.
    `clause`: look for the i-th clause after the line's own words."""
    if clause:
        found = _CLAUSE.search(sentence)
        if not found:
            return None
        sentence = found.group("c")
    m = _START.match(sentence.strip())
    if not m:
        return None
    letter = m.group("i").lower()
    rest = re.sub(r"\([^()]*\)", " ", m.group("rest"))     # "(1 ≤ a_i ≤ 100)": a bound, not a name
    if re.search(r"\blines?\b", rest, re.I):
        return None
    subscripted = set(re.findall(r"\b([A-Za-z][A-Za-z0-9]*)_\{?" + letter + r"\}?(?![A-Za-z0-9_])", rest))
    others = re.findall(r"\b[A-Za-z][A-Za-z0-9]*_\{?(?:[A-Za-z0-9]+)\}?", rest)
    if len(subscripted) != 1 or len({o.split("_")[0] for o in others}) != 1:
        return None
    name = fold(f"{subscripted.pop()}_{letter}", names)
    return name if "_" not in name else None


def told_later(parser, sentence: str) -> bool:
    """Whether `sentence` tells more of values the layout reader (`spec_layout._Parser`) has read:
    the total length or spacing of a line of words, the name of an unnamed block ("The i-th
    integer equals the length of the i-th stick a_i"): recorded on the parser."""
    if parser.word_items and total_length(sentence):   # "The overall number of characters ... ≤ 10^5"
        limit_line(parser.word_items[-1], parser.found, total_length(sentence) or "")
        return True
    if parser.word_items and spacing(sentence):
        return True
    if told_of_string(parser.strings, parser.found, sentence):    # "This string only consists of ..."
        return True
    last = parser.target[-1] if parser.target else None
    block = unnamed_block(last) if parser.pending is None and isinstance(last, Line) else None
    m = _EACH.match(sentence.strip(" .")) if block is not None else None
    if m and whole_number(m.group("x")) is not None:      # "Each of them ≤ 100 and stands for the price of ..."
        var = parser.found.setdefault(block.name, Variable(block.name, indexed=True))
        if var.high is None:
            var.high = Bound(value=whole_number(m.group("x")) - (m.group("op") == "<"))
            var.source = (var.source + " | " if var.source else "") + sentence.strip()
        return True
    name = ith_name(sentence, parser.names) if parser.pending is None and isinstance(last, Line) else None
    if name and unnamed_block(last):
        parser.renames.append((unnamed_block(last), name))
        return True
    return False


def rename(renames: list[tuple[Item, str]], lines: list[Line], found: dict[str, Variable]) -> None:
    """Unnamed blocks take the name a later 'the i-th integer ... a_i' gives them, when it is
    the only name given them and no line reads it (their sentence's bounds go with them)."""
    read = {i.name for line in lines for i in line.items}
    names = [n for _, n in renames]
    for item, name in renames:
        if name in read or names.count(name) > 1 or [i for i, _ in renames].count(item) > 1:
            continue
        if item.name in found:
            found[name] = found.pop(item.name)
            found[name].name = name
        item.name = name


def unnamed_block(line: Line) -> Item | None:
    """The line's one unnamed block of values (count given), if it has exactly one."""
    blocks = [i for i in line.items if i.name.startswith("_") and i.count is not None and i.words is None]
    return blocks[0] if len(blocks) == 1 else None


def add_types(spec: Spec, types: dict[str, str]) -> None:
    """The types a line's words give its values ("n lines with n real numbers each — matrix a")
    to the variables the statement bounds on both sides but leaves untyped (one without bounds
    keeps what the public inputs show it as)."""
    for name, kind in types.items():
        var = spec.var(name)
        if var is None and name.startswith("_"):     # for `spec_tie` to give the variable it names
            spec.variables.append(Variable(name, kind, indexed=True, source=TYPE_WORDS))
        elif var is not None and var.type == "unknown" and all(b is not None and b.known() for b in (var.low, var.high)):
            var.type = kind


#: the source of an unnamed value's variable that only holds the type its line's words say
TYPE_WORDS = "the type words of its line"


def add_found(spec: Spec, found: dict[str, Variable]) -> None:
    """The variables the layout reading found (word lines, bounds of unnamed values) into
    `spec`: a name the statement also bounds keeps its own bounds, and takes these only where
    it has none."""
    for name, var in found.items():
        mine = spec.var(name)
        if mine is None:
            spec.variables.append(var)
            continue
        for side in ("low", "high", "length_low", "length_high", "alphabet"):
            if getattr(mine, side) is None and getattr(var, side) is not None:
                setattr(mine, side, getattr(var, side))
        if mine.type == "unknown" and var.type != "unknown":
            mine.type = var.type
    words = any(i.words for i in layout_items(spec.layout or []))
    # (a string's source is its line's words, then the phrases and sentences told of it)
    read = [part for v in found.values() if v.name.startswith("_")
            for k, part in enumerate(v.source.split(" | ")) if part and (v.type != "string" or v.alphabet == DIGITS or k)]
    spec.unknown = [u for u in spec.unknown if not (words and understood(u)) and not any(r in u for r in read)]

"""The words of line descriptions (pure): numbers, articles and type words, and what a run of
words names: a variable (`fold`, `is_name`), a count ("n - 1", "2n", "three": `count_expr`), an
index's range ("1 ≤ i ≤ n": `index_counts`), a list "a_1, a_2, ..., a_n" (`name_range`).
`spec_line` reads a line's items with them; `spec_layout` its counts of lines."""

from __future__ import annotations

import re

NUMBERS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve".split())}
LETTERS = {"character", "characters", "letter", "letters", "digit", "digits", "symbol",
            "symbols", "char", "chars"}
ARTICLES = {"a", "an", "one", "single", "the", "only", "exactly", "some", "another"}
#: words naming what a token is; the value says whether it is made of characters
TYPES = {"integer": False, "integers": False, "number": False, "numbers": False,
          "real": False, "reals": False, "value": False, "values": False, "element": False,
          "elements": False, "string": True, "strings": True, "word": True, "words": True,
          "character": True, "characters": True, "letter": True, "letters": True,
          "digit": True, "digits": True, "symbol": True, "symbols": True, "char": True,
          "chars": True, "sequence": False, "list": False, "array": False, "pair": False}
TYPE_WORDS = set(TYPES)
_INDEX = re.compile(r"^(?:[ijkl]|[ijk][+-]1|\d+|[ijk],?[ijk]|[nmk]|[nm][+-]1|[ijk],[ijk])$")
TOKEN = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z]+)*(?:_(?:\{[^{}]*\}|[A-Za-z0-9]+))?"
                   r"|\d+[A-Za-z](?![A-Za-z0-9_])|\d+(?:\.\d+)?|\.\.\.|[^\sA-Za-z0-9]")


def fold(token: str, names: set[str]) -> str:
    """A statement's name to the spec's: the full name if the statement uses it ("p_l"),
    otherwise without an index subscript ("a_i", "a_{i,j}", "x_1" -> "a", "a", "x")."""
    token = token.replace("{", "").replace("}", "").replace(" ", "")
    if token in names or "_" not in token:
        return token
    base, sub = token.split("_", 1)
    if base in names or _INDEX.match(sub):
        return base
    return token


def is_name(tok: str, names: set[str]) -> bool:
    """Whether a word can be a variable: a statement's name, a letter (with digits or an index
    subscript); longer plain words only when the statement names them ("mod", "commands")."""
    if not re.match(r"^[A-Za-z]", tok) or "-" in tok:
        return False
    if "_" in tok or tok in names or re.match(r"^[A-Za-z][0-9]*$", tok):
        return True
    return False


class Fail(Exception):
    """A sentence about the layout that is not understood: the layout is unknown."""


def count_expr(toks: list[str], names: set[str]) -> tuple[str, int]:
    """An expression for a count at the start of `toks` ("n", "n - 1", "2n", "2·n", "n·m",
    "three"): its text and the number of tokens it used; ("", 0) when there is none."""
    parts: list[str] = []
    i = 0
    while i < len(toks):
        t = toks[i]
        operand = None
        if t.lower() in NUMBERS and not parts:
            operand = str(NUMBERS[t.lower()])
        elif re.fullmatch(r"\d+", t):
            operand = t
        elif is_name(t, names) and t.lower() not in ARTICLES and not (
                len(t) > 1 and t.lower() in TYPES):
            operand = fold(t, names)
        elif re.fullmatch(r"(\d+)([A-Za-z])", t):       # "2n"
            m = re.fullmatch(r"(\d+)([A-Za-z])", t)
            operand = f"{m.group(1)} * {m.group(2)}"
        if operand is None or (parts and parts[-1] not in "+-*"):
            break
        parts.append(operand)
        i += 1
        if i + 1 < len(toks) and toks[i] in ("+", "-", "·", "*", "×") and (
                re.fullmatch(r"\d+|[A-Za-z]\w*", toks[i + 1])):
            parts.append("*" if toks[i] in "·×" else toks[i])
            i += 1
    while parts and parts[-1] in "+-*":
        parts.pop()
        i -= 1
    return " ".join(parts), i


def index_counts(chain: str, names: set[str]) -> dict[str, str]:
    """What a parenthesis says of an index's range: '1 ≤ i ≤ n' -> {"i": "n"}, '0 ≤ j < m' ->
    {"j": "m"} (the count of the values the index runs over; only ranges from 0 or 1)."""
    out = {}
    for m in re.finditer(r"(?:^|[,;]\s*)([01])\s*≤\s*([ijk])\s*(≤|<)\s*([A-Za-z]\w*)\s*(?=$|[,;])", chain.strip()):
        first, letter, op, last = m.groups()
        if not is_name(last, names) or last in "ijk":
            continue
        size = {("1", "≤"): last, ("0", "<"): last, ("1", "<"): f"{last} - 1", ("0", "≤"): f"{last} + 1"}
        out[letter] = size[(first, op)]
    return out


def name_range(toks: list[str], names: set[str]) -> tuple[str, str, int] | None:
    """'a_1, a_2, ..., a_n' (commas optional) -> ("a", "n", tokens used)."""
    m = re.fullmatch(r"([A-Za-z][A-Za-z0-9]*)_\{?([01])\}?", toks[0]) if toks else None
    if not m:
        return None
    base, first = m.group(1), m.group(2)
    i = 1
    while i < len(toks) and toks[i] in (",", "...") or (
            i < len(toks) and re.fullmatch(re.escape(base) + r"_\{?\d+\}?", toks[i])):
        if toks[i] == "..." and i + 1 < len(toks):
            j = i + 1 + (toks[i + 1] == ",")
            last = re.fullmatch(re.escape(base) + r"_(?:\{([^{}]*)\}|([A-Za-z0-9]+))", toks[j]) \
                if j < len(toks) else None
            if not last:
                return None
            count = (last.group(1) or last.group(2)).strip()
            count, _ = count_expr(TOKEN.findall(count), names | {count})
            if first == "0":
                count = count[:-4] if count.endswith(" - 1") else f"{count} + 1"
            return fold(base + "_i", names), count, j + 1
        i += 1
    return None


def alphabet_end(toks: list[str], i: int) -> int:
    """Where a list of the characters allowed ends, after characters' type word ("m characters
    0 or 1", "characters '.', 'X' or '0'"): two or more single characters (letters only quoted:
    a bare letter may be a name) joined by ',' and a last 'or' / 'and'; `i` when none starts there."""
    def char_end(j: int) -> int | None:
        if j + 2 < len(toks) and toks[j] in ("'", '"') and toks[j + 2] == toks[j] and len(toks[j + 1]) == 1:
            return j + 3
        return j + 1 if j < len(toks) and re.fullmatch(r"[0-9#.*?]", toks[j]) else None

    end = char_end(i)
    if end is None:
        return i
    count, last = 1, ""
    while True:
        k = end
        while k < len(toks) and toks[k] in (",", "or", "and"):
            k += 1
        after = char_end(k) if k > end else None
        if after is None:
            break
        count, last, end = count + 1, toks[k - 1], after
    return end if count >= 2 and last in ("or", "and") else i

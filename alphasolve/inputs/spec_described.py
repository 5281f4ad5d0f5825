"""Values named after their description (pure): Code Jam writes "two integers: the budget you still
have, B, and the number of numbers other players have placed bets on, N", "three integers: E, the
maximum amount of energy, R, the amount you regain after each activity, and N, the number of
activities", "the number of towers, n", "the size of the side of the board, N". `spec_line`'s
grammar refuses such a line, or reads its values as unnamed ("two integers" and a tail), so that a
later "the next N lines" has no N and the layout is unfinished.

`described_items` splits the words after the type at commas and "and" (parentheses dropped): each
part is a name, or a description (lowercase words) ending in a name or standing alone. The line is
read only when the names are distinct and as many as the values told ("two integers": two; no
count: one), so a name a description mentions ("the number of cells next to X, N") makes it unread.
"""

from __future__ import annotations

import re

from alphasolve.inputs.spec import Item
from alphasolve.inputs.spec_words import NUMBERS, fold

_HEAD = re.compile(r"^\s*[:,]?\s*(?:(?P<n>a|an|one|a single|exactly one|two|three|four|five|six|seven|eight|\d+)\s+)?"
                   r"(?:(?:positive|non-negative|nonnegative|space-separated|single-space-separated|separate|distinct)\s+)*"
                   r"(?P<type>integers?|numbers?|values?)?\s*(?:[:,—]|--|-)?\s*(?P<body>.*)$", re.I)
_WORD = re.compile(r"[a-z][a-z'-]*|\d+")
_OF = {"of", "to", "from", "in", "by", "with", "between", "on", "at", "for", "than", "into", "over"}


def _name(tok: str, names: set[str]) -> bool:
    """A value's name: a statement's name, or a letter with digits or a subscript (not 'a', 'i')."""
    return tok in names or (bool(re.fullmatch(r"[A-Za-z](?:\d+|_\{?\w+\}?)?", tok)) and tok not in ("a", "i", "A"))


def described_items(rest: str, names: set[str]) -> list[Item] | None:
    """The items of a line whose values are named after (or before) their descriptions; None when
    `rest` is not such a line."""
    text = re.sub(r"\([^()]*\)", " ", rest).strip(" .")
    m = _HEAD.match(text)
    if not m or (m.group("n") and not m.group("type")):
        return None
    n = (m.group("n") or "").lower()
    want = int(n) if n.isdigit() else NUMBERS.get(n.split()[-1], 1) if n else 1
    if m.group("type") and m.group("type").lower().endswith("s") and not n:
        return None             # "integers: ..." without a count
    found: list[str] = []
    described = False
    for part in re.split(r"\s*[,;]\s*(?:and\s+)?|\s+and\s+", m.group("body")):
        words = part.split()
        if not words:
            continue
        last = words[-1]
        if len(words) > 1 and words[-2] in _OF and _name(last, names):
            return None         # "the number of cells next to X": X is told of, not the value's name
        if _name(last, names) and all(_WORD.fullmatch(w) for w in words[:-1]) and (
                len(words) == 1 or words[0] in ("the", "a", "an", "its", "their")):
            if len(words) > 1 and not m.group("type"):
                return None     # "the coordinates of point B": no count told, the name must stand alone
            found.append(last)
            described = described or len(words) > 1
        elif all(_WORD.fullmatch(w) for w in words) and words[0] in ("the", "a", "an", "its", "their", "which",
                                                                     "that", "representing", "denoting"):
            described = True
        else:
            return None
    folded = [fold(f, names) for f in found]
    if not described or len(found) != want or len(set(folded)) != len(folded):
        return None
    return [Item(f) for f in folded]

"""Token-level helpers for input mutation: classify tokens and perturb values plausibly.

Everything here is pure and takes an explicit `random.Random`; nothing iterates over a set
without sorting it first, so results depend only on the seed.
"""

from __future__ import annotations

import random
import re
import string
from dataclasses import dataclass, field

_INT_RE = re.compile(r"-?\d+\Z")
_FLOAT_RE = re.compile(r"-?\d+\.\d+\Z")
_PLAIN_RE = re.compile(r"(?:0|-?[1-9]\d{0,17})\Z")

# Values that are almost always constants of the statement (moduli, type limits): never change.
SPECIAL_INTS = frozenset({1000000007, 1000000009, 998244353, 2147483647, 2147483648, 4294967295,
                          4294967296, 9223372036854775807})
INT32_MAX = 2**31 - 1
INT64_MAX = 2**63 - 1


def kind(tok: str) -> str:
    """'i' (digits, maybe a leading '-'), 'f' (decimal with a point) or 'w' (anything else)."""
    if _INT_RE.match(tok):
        return "i"
    if _FLOAT_RE.match(tok):
        return "f"
    return "w"


def is_plain_int(tok: str) -> bool:
    """An integer value (not a digit string such as '047' or a 30-digit number)."""
    return _PLAIN_RE.match(tok) is not None


def char_class(c: str) -> str:
    if "a" <= c <= "z":
        return "l"
    if "A" <= c <= "Z":
        return "u"
    if "0" <= c <= "9":
        return "d"
    return c  # punctuation and the like: its own class, never replaced


FULL_ALPHABETS = {"l": string.ascii_lowercase, "u": string.ascii_uppercase, "d": string.digits}


@dataclass
class Column:
    """What we know about the values at one position across an input (a column of a group,
    the tokens of an array line, or a single token)."""

    ints: list[int] = field(default_factory=list)
    floats: list[float] = field(default_factory=list)
    chars: dict[str, set[str]] = field(default_factory=dict)  # char class -> observed chars
    min_int: int | None = None

    def add(self, tok: str) -> None:
        if is_plain_int(tok):
            v = int(tok)
            self.min_int = v if self.min_int is None else min(self.min_int, v)
            if len(self.ints) < 2000:
                self.ints.append(v)
        elif kind(tok) == "f":
            if len(self.floats) < 2000:
                self.floats.append(float(tok))
        for c in tok[:200]:
            self.chars.setdefault(char_class(c), set()).add(c)

    @property
    def is_flag(self) -> bool:
        return bool(self.ints) and all(v in (0, 1) for v in self.ints) and \
            (len(self.ints) >= 2 or self.ints[0] == 0)

    def alphabet(self, cls: str) -> list[str]:
        seen = sorted(self.chars.get(cls, ()))
        if cls in FULL_ALPHABETS and len(seen) >= (3 if cls == "d" else 6):  # else e.g. "UDLR" only
            return list(FULL_ALPHABETS[cls])
        return seen


def roundish(a: int) -> bool:
    """Looks like a constraint bound (10^k, 2*10^k, 5*10^k): don't go above it."""
    if a < 10:
        return False
    s = str(a)
    return s[0] in "125" and set(s[1:]) == {"0"}


def perturb_int(rng: random.Random, v: int, col: Column | None = None, lo: int | None = None,
                hi: int | None = None) -> int:
    """A new integer of the same sign and similar magnitude; 0/1 flags stay flags.
    `lo`/`hi` are structural bounds (e.g. an index must stay <= n)."""
    if v in SPECIAL_INTS or -v in SPECIAL_INTS:
        return v
    if col is not None and col.is_flag and v in (0, 1):
        new = rng.randint(0, 1)
    else:
        sign = -1 if v < 0 else 1
        a = abs(v)
        if a == 0:
            new, sign = (0 if rng.random() < 0.4 else rng.randint(1, 2)), 1
            if new and col is not None and col.min_int is not None and col.min_int < 0 and rng.random() < 0.5:
                new = -new
        elif a < 10:  # 1 is often degenerate (a divisor, a step): don't go there from above
            new = rng.randint(1 if a == 1 else 2, max(2 * a, 3))
        else:
            top = a if roundish(a) else 2 * a
            top = min(top, INT32_MAX if a <= INT32_MAX else INT64_MAX)
            bottom = max(1, a // 4)
            # as many digits (a year stays a year), within [a/4, 2a]; so a power of ten (a bound)
            # stays: values at the bound, "100 100 100", revealed bugs (Codeflaws 108-B) that
            # letting it vary (and an array's distinct values be repaired) lost
            low, high = max(bottom, 10 ** (len(str(a)) - 1)), max(a, min(top, 10 ** len(str(a)) - 1))
            r = rng.random()
            if r < 0.2:
                new = a + rng.choice((-3, -2, -1, 1, 2, 3))
            elif r < 0.75:
                new = rng.randint(max(low, a // 2), max(a, min(high, a + a // 2)))
            else:
                new = rng.randint(low, high)
            new = max(low, min(high, new))
        new *= sign
    if lo is not None and new < lo:
        new = rng.randint(lo, hi) if hi is not None and hi >= lo else lo
    if hi is not None and new > hi:
        new = rng.randint(lo, hi) if lo is not None and lo <= hi else hi
    return new


def perturb_float(rng: random.Random, tok: str, col: Column | None = None) -> str:
    """Same number of decimals and the same sign; values in [0, 1] stay in [0, 1]."""
    decimals = len(tok.split(".", 1)[1]) if "." in tok else 0
    v = float(tok)
    unit = col is not None and col.floats and all(0.0 <= x <= 1.0 for x in col.floats)
    if unit and 0.0 <= v <= 1.0:
        new = rng.random()
    elif v == 0.0:
        new = 0.0 if rng.random() < 0.4 else rng.uniform(0, 1)
    else:
        new = v * rng.uniform(0.5, 1.5)
    text = f"{new:.{decimals}f}"
    if text.startswith("-") and not tok.startswith("-"):
        text = text[1:]
    if tok.startswith("-") and not text.startswith("-"):
        text = "-" + text
    return text


def new_value_like(rng: random.Random, tok: str, col: Column | None = None,
                   lo: int | None = None, hi: int | None = None) -> str:
    """A new token of the same kind as `tok` (used to grow arrays and to change values)."""
    if is_plain_int(tok):
        return str(perturb_int(rng, int(tok), col, lo, hi))
    if kind(tok) == "f":
        return perturb_float(rng, tok, col)
    return mutate_string(rng, tok, col) or tok


def _positions_by_class(s: str) -> dict[str, list[int]]:
    out: dict[str, list[int]] = {}
    for i, c in enumerate(s):
        out.setdefault(char_class(c), []).append(i)
    return out


TIME_RE = re.compile(r"([01]\d|2[0-3]):[0-5]\d(?::[0-5]\d)?\Z")


def new_time(rng: random.Random, s: str, edge: bool = False) -> str:
    """Another clock time in the format of `s` ("12:21", "07:05:59"): any valid one, or with
    `edge` one at a boundary (midnight, the last minute of an hour or of the day)."""
    parts = len(s.split(":"))
    if edge:
        h = rng.choice((0, 23, rng.randint(0, 23)))
        rest = [rng.choice((0, 59)) for _ in range(parts - 1)]
    else:
        h, rest = rng.randint(0, 23), [rng.randint(0, 59) for _ in range(parts - 1)]
    return ":".join(f"{v:02d}" for v in [h] + rest)


def mutate_string(rng: random.Random, s: str, col: Column | None = None) -> str | None:
    """Change or move characters of `s`, keeping its length and each position's character
    class (letters stay letters of the same case, digits stay digits, punctuation stays put)
    and drawing new characters from the column's alphabet; a clock time ("12:21") becomes
    another valid time. None if nothing can change."""
    if not s:
        return None
    if TIME_RE.match(s):
        new = new_time(rng, s)
        return new if new != s else None
    chars = list(s)
    by_class = _positions_by_class(s)
    alpha = {cls: (col.alphabet(cls) if col is not None else sorted(set(s[i] for i in pos)))
             for cls, pos in by_class.items()}
    changeable = [cls for cls in sorted(by_class) if len(alpha.get(cls, ())) >= 2]
    movable = [cls for cls in sorted(by_class)
               if len(set(s[i] for i in by_class[cls])) >= 2]
    ops = (["change"] * 3 if changeable else []) + (["swap", "shuffle"] if movable else [])
    if not ops:
        # no class has two symbols ("X0X", "(()"): treat the column's symbols as one class
        mixed = sorted(set().union(*col.chars.values())) if col is not None else sorted(set(s))
        pos = [i for i, c in enumerate(s) if c in mixed]
        if len(mixed) < 2 or not pos:
            return None
        by_class, alpha, changeable, movable = {"*": pos}, {"*": mixed}, ["*"], []
        if len({s[i] for i in pos}) >= 2:
            movable = ["*"]
        ops = ["change"] * 3 + (["swap", "shuffle"] if movable else [])
    op = rng.choice(ops)
    if op == "change":
        cls = rng.choice(changeable)
        pos = by_class[cls]
        k = 1 if rng.random() < 0.6 else rng.randint(1, max(1, len(pos) // 3))
        for i in rng.sample(pos, min(k, len(pos))):
            chars[i] = rng.choice([c for c in alpha[cls] if c != chars[i]] or alpha[cls])
    elif op == "swap":
        cls = rng.choice(movable)
        pos = by_class[cls]
        i = rng.choice(pos)
        others = [j for j in pos if chars[j] != chars[i]]
        j = rng.choice(others)
        chars[i], chars[j] = chars[j], chars[i]
    else:
        cls = rng.choice(movable)
        pos = by_class[cls]
        vals = [chars[i] for i in pos]
        rng.shuffle(vals)
        for i, c in zip(pos, vals):
            chars[i] = c
    if s.isdigit() and s[0] != "0":
        chars[0] = s[0]  # a number keeps its leading digit nonzero
    out = "".join(chars)
    return out if out != s else None


def resize_string(rng: random.Random, s: str, length: int, col: Column | None = None) -> str:
    """`s` cut or grown to `length` characters of its own alphabet (grown in place at random
    positions with characters of the neighbouring class)."""
    length = max(1, length)
    chars = list(s)
    while len(chars) > length:
        del chars[rng.randrange(len(chars))]
    while len(chars) < length:
        i = rng.randrange(len(chars) + 1)
        ref = chars[min(i, len(chars) - 1)] if chars else "a"
        cls = char_class(ref)
        alpha = (col.alphabet(cls) if col is not None else []) or [ref]
        chars.insert(i, rng.choice(alpha))
    if s and s[0] != "0" and chars[0] == "0" and s.isdigit():
        chars[0] = s[0]
    return "".join(chars)

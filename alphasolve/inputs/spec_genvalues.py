"""Value distributions of `spec_gen`'s drawing modes (pure): values of uniform magnitude, values
near zero."""

from __future__ import annotations

import random


def log_uniform(rng: random.Random, lo: int, hi: int) -> int:
    """A value whose number of digits is uniform (counted from the end of the range nearest to
    zero, on either side of zero): 7, 613 and 48210 as often as values of the range's top
    magnitude, where a uniform draw from [1, 10^9] lands 9 times in 10. Bugs at moderate
    values (a carry at 10^3, a loop bound of 100) are found by such draws."""
    if hi - lo < 100:
        return rng.randint(lo, hi)
    base = lo if lo >= 0 else (hi if hi <= 0 else 0)
    up, down = hi - base, base - lo
    span = up if down == 0 or (up > 0 and rng.random() < 0.5) else -down
    digits = rng.randint(1, len(str(abs(span))))
    magnitude = rng.randint(10 ** (digits - 1) if digits > 1 else 0, min(abs(span), 10 ** digits - 1))
    return base + (magnitude if span > 0 else -magnitude)


def near_zero(rng: random.Random, lo: int, hi: int) -> int:
    """A value of small magnitude (-2..2 where the range allows; else the range's end nearest
    to zero and a few after it): degenerate cases (zero, equal values, parallel lines) that
    uniform draws from a range of 10^9 never hit."""
    if lo <= 2 and hi >= -2:
        return rng.randint(max(lo, -2), min(hi, 2))
    if lo > 2:
        return rng.randint(lo, min(hi, lo + 3))
    return rng.randint(max(lo, hi - 3), hi)

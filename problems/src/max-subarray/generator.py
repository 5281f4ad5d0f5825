"""Tests for max-subarray: `tests()` gives (name, input) pairs, `solve()` is the reference."""

import random

SAMPLES = ["8\n-2 1 -3 4 -1 2 1 -5\n"]


def solve(text: str) -> str:
    tokens = text.split()
    n = int(tokens[0])
    best = current = None
    for token in tokens[1:1 + n]:
        x = int(token)
        current = x if current is None or current < 0 else current + x
        best = current if best is None else max(best, current)
    return f"{best}\n"


def _case(values: list[int]) -> str:
    return f"{len(values)}\n{' '.join(map(str, values))}\n"


def tests() -> list[tuple[str, str]]:
    rng = random.Random(20240602)
    big = 10 ** 9
    return [
        ("single-negative", _case([-7])),
        ("single-positive", _case([42])),
        ("all-negative", _case([-5, -3, -9, -4, -3, -8])),
        ("sum-overflows-int32", _case([big, big, -1, big])),
        ("best-at-start", _case([9, 8, -20, 3, -1, 4])),
        ("best-at-end", _case([-4, 1, -6, 2, 3, 5])),
        ("whole-array", _case([rng.randint(1, big) for _ in range(50)])),
        ("zeros-and-negatives", _case([0, -1, 0, -2, -3, 0])),
        ("alternating-large", _case([big if i % 2 else -big + 1 for i in range(101)])),
        ("random-big-values", _case([rng.randint(-big, big) for _ in range(1000)])),
        ("random-small-values", _case([rng.randint(-100, 100) for _ in range(2000)])),
        ("large-n", _case([rng.randint(-99, 99) for _ in range(15000)])),
    ]

"""Tests for sum-of-pairs: `tests()` gives (name, input) pairs, `solve()` is the reference."""

import random
from collections import Counter

SAMPLES = ["5 6\n1 5 3 2 4\n", "4 0\n-1 1 0 2\n"]


def solve(text: str) -> str:
    tokens = text.split()
    n, k = int(tokens[0]), int(tokens[1])
    seen: Counter = Counter()
    pairs = 0
    for token in tokens[2:2 + n]:
        x = int(token)
        pairs += seen[k - x]
        seen[x] += 1
    return f"{pairs}\n"


def _case(k: int, values: list[int]) -> str:
    return f"{len(values)} {k}\n{' '.join(map(str, values))}\n"


def tests() -> list[tuple[str, str]]:
    rng = random.Random(20240601)
    big = 2 * 10 ** 9
    target = 3 * 10 ** 9
    planted = [rng.randint(-big, big) for _ in range(1000)]
    planted += [target - x for x in planted[:300] if abs(target - x) <= big]
    rng.shuffle(planted)
    return [
        ("single-element", _case(2, [1])),
        ("two-elements", _case(-3, [-1, -2])),
        ("all-equal-half-k", _case(6, [3, 3, 3])),
        ("small-duplicates", _case(5, [rng.randint(0, 5) for _ in range(12)])),
        ("negative-k", _case(-7, [rng.randint(-10, 3) for _ in range(30)])),
        ("no-pairs", _case(1, [2 * rng.randint(-50, 50) for _ in range(40)])),
        ("zeros", _case(0, [0] * 500)),
        ("sum-overflows-int32", _case(2_100_000_000, [big, 100_000_000, 1_500_000_000, 1_900_000_000, 600_000_000])),
        ("k-beyond-int32", _case(2 * big, [big, big, 1, big])),
        ("most-negative-k", _case(-2 * big, [-big, 3, -big, -big, 0])),
        ("random-medium", _case(rng.randint(-60, 60), [rng.randint(-50, 50) for _ in range(1000)])),
        ("random-large-values", _case(target, planted)),
        ("large-n", _case(20, [rng.randint(0, 20) for _ in range(15000)])),
    ]

# Input generator for max-subarray: reads a seed, prints one random valid input.
# Small arrays (n <= 10) with values from a few magnitudes, up to the 10^9 bound.
import random
import sys

rng = random.Random(int(sys.stdin.read().split()[0]))
n = rng.randint(1, 10)
bound = rng.choice((9, 100, 10 ** 9))
low = rng.choice((0, 1)) if rng.random() < 0.4 else -bound  # all non-negative: sums grow
values = [rng.randint(low, bound) for _ in range(n)]
print(n)
print(*values)

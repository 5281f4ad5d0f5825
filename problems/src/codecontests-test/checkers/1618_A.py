"""Checker for CodeContests 1618_A Polycarp and Sums of Subsequences (written for alphasolve).

Accepts any three positive integers whose seven non-empty subsequence sums, sorted, are b.
"""
from _common import *  # noqa: F403 (scripts/build_problems.py puts _common.py's code here)


def sums(x, y, z):
    return sorted([x, y, z, x + y, x + z, y + z, x + y + z])


def read_input(inp):
    cases = []
    for _ in range(inp.int(1, 5000, "t")):
        b = [inp.int(1, 10 ** 9, "b_i") for _ in range(7)]
        if sums(b[0], b[1], b[6] - b[0] - b[1]) != b:  # a = (b_1, b_2, b_7 - b_1 - b_2) whenever any a exists
            invalid("no array a gives this b")
        cases.append(b)
    return cases


def check(cases, answer, out):
    for case, b in enumerate(cases, 1):
        x, y, z = (out.int(1, 10 ** 9, f"test case {case}: a_{k}") for k in (1, 2, 3))
        if sums(x, y, z) != b:
            wrong(f"test case {case}: {x} {y} {z} give the sums {sums(x, y, z)}, not {b}")


run(read_input, check)

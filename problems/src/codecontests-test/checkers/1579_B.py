"""Checker for CodeContests 1579_B Shifting Sort (written for alphasolve).

Accepts at most n cyclic shifts "l r d" (1 <= l < r <= n, 1 <= d <= r - l) that sort the array.
"""
from _common import *  # noqa: F403 (scripts/build_problems.py puts _common.py's code here)


def read_input(inp):
    cases = []
    for _ in range(inp.int(1, 1000, "t")):
        n = inp.int(2, 50, "n")
        cases.append([inp.int(-10 ** 9, 10 ** 9, "a_i") for _ in range(n)])
    return cases


def check(cases, answer, out):
    for case, a in enumerate(cases, 1):
        n = len(a)
        for step in range(1, out.int(0, n, f"test case {case}: k") + 1):
            where = f"test case {case}, shift {step}"
            l = out.int(1, n, f"{where}: l")
            r = out.int(l + 1, n, f"{where}: r")
            d = out.int(1, r - l, f"{where}: d")
            segment = a[l - 1:r]
            a[l - 1:r] = segment[d:] + segment[:d]
        if any(a[i] > a[i + 1] for i in range(n - 1)):
            wrong(f"test case {case}: the array is not sorted after the shifts")


run(read_input, check)

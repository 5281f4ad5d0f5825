"""Checker for CodeContests 1594_A Consecutive Sum Riddle (written for alphasolve).

Accepts any l < r within [-10^18, 10^18] with l + (l + 1) + ... + r = n.
"""
from _common import *  # noqa: F403 (scripts/build_problems.py puts _common.py's code here)


def read_input(inp):
    return [inp.int(1, 10 ** 18, "n") for _ in range(inp.int(1, 10 ** 4, "t"))]


def check(cases, answer, out):
    for case, n in enumerate(cases, 1):
        l = out.int(-10 ** 18, 10 ** 18, f"test case {case}: l")
        r = out.int(-10 ** 18, 10 ** 18, f"test case {case}: r")
        if l >= r:
            wrong(f"test case {case}: l = {l} is not less than r = {r}")
        if (r - l + 1) * (l + r) // 2 != n:
            wrong(f"test case {case}: {l} + ... + {r} is not {n}")


run(read_input, check)

"""Checker for CodeContests 1586_A Windblume Ode (written for alphasolve).

Accepts x distinct indices whose elements have a composite sum, when x is the largest size
possible (the reference answer's x).
"""
from _common import *  # noqa: F403 (scripts/build_problems.py puts _common.py's code here)


def read_input(inp):
    cases = []
    for _ in range(inp.int(1, 100, "t")):
        n = inp.int(3, 100, "n")
        # the statement's a_i are distinct and positive; the check means the same for repeated values and
        # zeros (generated tests have them), so only values outside [0, 200] leave just the reference answer
        cases.append([inp.int(0, 200, "a_i") for _ in range(n)])
    return cases


def composite(value):
    return value > 3 and any(value % d == 0 for d in range(2, int(value ** 0.5) + 1))


def check(cases, answer, out):
    at = 0
    for case, a in enumerate(cases, 1):
        n, best = len(a), int(answer[at])
        at += 1 + best
        x = out.int(1, n, f"test case {case}: x")
        if x != best:
            wrong(f"test case {case}: a subset of {x}, but {best} is the largest size")
        chosen = [out.int(1, n, f"test case {case}: index {k + 1}") for k in range(x)]
        if len(set(chosen)) != x:
            wrong(f"test case {case}: an index is repeated")
        total = sum(a[i - 1] for i in chosen)
        if not composite(total):
            wrong(f"test case {case}: the sum {total} is not composite")


run(read_input, check)

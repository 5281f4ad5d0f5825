"""Checker for CodeContests 1579_D Productive Meeting (written for alphasolve).

Accepts k talks "i j" (1 <= i, j <= n, i != j) when k is the largest number possible (the
reference answer's k) and nobody talks more than a_i times.
"""
from _common import *  # noqa: F403 (scripts/build_problems.py puts _common.py's code here)


def read_input(inp):
    cases, people, talks = [], 0, 0
    for _ in range(inp.int(1, 1000, "t")):
        n = inp.int(2, 2 * 10 ** 5, "n")
        cases.append([inp.int(0, 2 * 10 ** 5, "a_i") for _ in range(n)])
        people, talks = people + n, talks + sum(cases[-1])
    if people > 2 * 10 ** 5 or talks > 2 * 10 ** 5:
        invalid("the sum of n or of a_i exceeds 2 * 10^5")
    return cases


def check(cases, answer, out):
    at = 0
    for case, a in enumerate(cases, 1):
        best = int(answer[at])
        at += 1 + 2 * best
        k = out.int(0, sum(a), f"test case {case}: k")
        if k != best:
            wrong(f"test case {case}: {k} talks, but {best} are possible")
        left = list(a)
        for talk in range(1, k + 1):
            i = out.int(1, len(a), f"test case {case}, talk {talk}: i")
            j = out.int(1, len(a), f"test case {case}, talk {talk}: j")
            if i == j:
                wrong(f"test case {case}, talk {talk}: person {i} talks to themselves")
            for p in (i, j):
                left[p - 1] -= 1
                if left[p - 1] < 0:
                    wrong(f"test case {case}, talk {talk}: person {p} has already left")


run(read_input, check)

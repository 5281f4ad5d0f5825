"""Checker for CodeContests 1594_C Make Them Equal (written for alphasolve).

Accepts m operations x_1..x_m (1 <= x <= n) that make every character c, when m is the least
number possible (the reference answer's m).
"""
from _common import *  # noqa: F403 (scripts/build_problems.py puts _common.py's code here)


LOWER = re.compile(r"[a-z]+\Z")


def read_input(inp):
    cases, total = [], 0
    for _ in range(inp.int(1, 10 ** 4, "t")):
        n, c, s = inp.int(3, 3 * 10 ** 5, "n"), inp.word("c"), inp.word("s")
        if len(c) != 1 or not LOWER.match(c) or len(s) != n or not LOWER.match(s):
            invalid("c or s is not as the statement says")
        cases.append((c, s))
        total += n
    if total > 3 * 10 ** 5:
        invalid("the sum of n exceeds 3 * 10^5")
    return cases


def check(cases, answer, out):
    at = 0
    for case, (c, s) in enumerate(cases, 1):
        n, s, best = len(s), list(s), int(answer[at])
        at += 1 + best
        m = out.int(0, n, f"test case {case}: m")
        if m != best:
            wrong(f"test case {case}: {m} operations, but {best} suffice")
        for step in range(1, m + 1):
            x = out.int(1, n, f"test case {case}: x_{step}")
            for i in range(1, n + 1):
                if i % x:
                    s[i - 1] = c
        if any(ch != c for ch in s):
            wrong(f"test case {case}: not every character is {c!r} after the operations")


run(read_input, check)

"""Checker for CodeContests 1606_A AB Balance (written for alphasolve).

Accepts a string of a and b with AB(s) = BA(s) that differs from the given one in as few
positions as the reference answer does.
"""
from _common import *  # noqa: F403 (scripts/build_problems.py puts _common.py's code here)


AB = re.compile(r"[ab]{1,100}\Z")


def read_input(inp):
    cases = [inp.word("s") for _ in range(inp.int(1, 1000, "t"))]
    if not all(AB.match(s) for s in cases):
        invalid("a string is not 1 to 100 letters a and b")
    return cases


def pairs(s, pair):
    return sum(1 for i in range(len(s) - 1) if s[i:i + 2] == pair)


def check(cases, answer, out):
    for case, s in enumerate(cases, 1):
        got = out.word(f"test case {case}: the string")
        if len(got) != len(s) or not AB.match(got):
            wrong(f"test case {case}: expected {len(s)} letters a and b, got {got[:40]!r}")
        if pairs(got, "ab") != pairs(got, "ba"):
            wrong(f"test case {case}: AB(s) != BA(s) for {got[:40]!r}")
        steps = sum(x != y for x, y in zip(s, got))
        least = sum(x != y for x, y in zip(s, answer[case - 1]))
        if steps != least:
            wrong(f"test case {case}: {steps} changes, but {least} suffice")


run(read_input, check)

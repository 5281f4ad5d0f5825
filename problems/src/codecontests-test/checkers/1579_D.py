"""Checker for CodeContests 1579_D Productive Meeting (written for alphasolve).

Accepts k talks "i j" (1 <= i, j <= n, i != j) when k is the largest number possible (the
reference answer's k) and nobody talks more than a_i times.

The reference answer is always accepted; on an input that breaks the statement's constraints
(some generated tests do) only the reference answer is. Kattis convention:
checker input answer feedback_dir < output; exit 42 accepted, 43 wrong answer.
"""
import os
import re
import sys

INT = re.compile(r"-?[0-9]+\Z")


def finish(accepted, message=""):
    if message:
        with open(os.path.join(sys.argv[3], "judgemessage.txt"), "w") as f:
            f.write(message)
    sys.exit(42 if accepted else 43)


class Invalid(Exception):
    """The test's input breaks the statement's constraints (some generated tests do)."""


class Tokens:
    """Whitespace-separated tokens; `bad` is called on a token that does not fit."""

    def __init__(self, text, bad):
        self.items, self.at, self.bad = text.split(), 0, bad

    def word(self, what):
        if self.at >= len(self.items):
            self.bad(f"ends before {what}")
        self.at += 1
        return self.items[self.at - 1]

    def int(self, low, high, what):
        token = self.word(what)
        if not INT.match(token) or not low <= int(token) <= high:
            self.bad(f"{what}: expected an integer in [{low}, {high}], got {token[:40]!r}")
        return int(token)

    def end(self):
        if self.at < len(self.items):
            self.bad(f"extra tokens from token {self.at + 1}: {self.items[self.at][:40]!r}")


def wrong(message):
    finish(False, message)


def invalid(message):
    raise Invalid(message)


def run(read_input, check):
    """The reference answer is always accepted. Otherwise the output must be a valid answer;
    where the input breaks the statement's constraints, only the reference answer is."""
    answer = open(sys.argv[2]).read()
    output = sys.stdin.read()
    if output.split() == answer.split():
        finish(True)
    try:
        reader = Tokens(open(sys.argv[1]).read(), invalid)
        cases = read_input(reader)
        reader.end()
    except Invalid as exc:
        finish(False, f"not the reference answer, and the input breaks the statement's constraints ({exc}): "
                      "there only the reference answer is accepted")
    out = Tokens(output, lambda message: wrong(f"output {message}"))
    check(cases, answer.split(), out)
    out.end()
    finish(True)


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

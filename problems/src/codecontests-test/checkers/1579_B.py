"""Checker for CodeContests 1579_B Shifting Sort (written for alphasolve).

Accepts at most n cyclic shifts "l r d" (1 <= l < r <= n, 1 <= d <= r - l) that sort the array.

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

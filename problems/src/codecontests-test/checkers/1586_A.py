"""Checker for CodeContests 1586_A Windblume Ode (written for alphasolve).

Accepts x distinct indices whose elements have a composite sum, when x is the largest size
possible (the reference answer's x).

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

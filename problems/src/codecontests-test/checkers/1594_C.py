"""Checker for CodeContests 1594_C Make Them Equal (written for alphasolve).

Accepts m operations x_1..x_m (1 <= x <= n) that make every character c, when m is the least
number possible (the reference answer's m).

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

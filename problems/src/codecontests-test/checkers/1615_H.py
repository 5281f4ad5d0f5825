"""Checker for CodeContests 1615_H Reindeer Games (written for alphasolve).

Accepts scores b_1..b_n (|b_i| <= 10^15) that satisfy every requirement b_u <= b_v with the least
total change sum |a_i - b_i| (the reference answer's).

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
    n, m = inp.int(2, 1000, "n"), inp.int(1, 1000, "m")
    a = [inp.int(1, 10 ** 9, "a_i") for _ in range(n)]
    pairs = [(inp.int(1, n, "u"), inp.int(1, n, "v")) for _ in range(m)]
    if any(u == v for u, v in pairs):
        invalid("a requirement has u = v")
    return a, pairs


def check(cases, answer, out):
    a, pairs = cases
    b = [out.int(-10 ** 15, 10 ** 15, f"b_{i + 1}") for i in range(len(a))]
    for u, v in pairs:
        if b[u - 1] > b[v - 1]:
            wrong(f"requirement ({u}, {v}) broken: b_{u} = {b[u - 1]} > b_{v} = {b[v - 1]}")
    cost = sum(abs(x - y) for x, y in zip(a, b))
    least = sum(abs(x - int(y)) for x, y in zip(a, answer))
    if cost != least:
        wrong(f"{cost} operations, but {least} suffice")


run(read_input, check)

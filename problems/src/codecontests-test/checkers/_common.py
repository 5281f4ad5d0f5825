"""What the CodeContests checkers written for alphasolve share; not a checker itself.

A checker runs in the sandbox as one standalone program, so scripts/build_problems.py
(`checker_code`) joins each problem's file here with this one: the problem file's line
`from _common import *` is replaced by everything below this docstring. Run in place
(`python 1579_B.py input answer feedback_dir < output`), the import does the same.

A problem's file holds only what differs: its docstring (what it accepts), `read_input(inp)` (reads
the test's input from a Tokens whose `bad` raises Invalid, for an input that breaks the statement's
constraints), `check(cases, answer, out)` (reads the output from a Tokens whose `bad` is `wrong`;
`answer` is the reference answer's tokens) and, last, `run(read_input, check)`.
"""
# The reference answer is always accepted; on an input that breaks the statement's constraints
# (some generated tests do) only the reference answer is. Kattis convention:
# checker input answer feedback_dir < output; exit 42 accepted, 43 wrong answer.
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

"""Tests that no program can pass within the executor's limits, found at import, not at solve time.

A test whose expected output is larger than the executor's output limit (`Limits.output_bytes`,
the default `[execute] output_limit_mb`, 16 MiB) would fail every candidate, the correct ones
included, with `output_limit`: `alphasolve import` skips such a problem with the reason
`tests_too_large` and names the test. Inputs have no executor limit of their own (a run reads its
input from a memory file), so only their size is reported beside the outputs'.
"""

from __future__ import annotations

from typing import Any

from alphasolve.execute.verdicts import Limits
from alphasolve.problem import parse_problem
from alphasolve.sources import Skip, SkipReason

#: the executor's default output limit, what an imported problem's answers must fit in
OUTPUT_LIMIT_BYTES = Limits().output_bytes


def test_sizes(problem: dict[str, Any], where: str) -> list[tuple[str, int, int]]:
    """(test name, input bytes, output bytes) of every test: public 1.., then hidden 1.."""
    parsed = parse_problem(problem, where)
    named = [(f"public test {k}", t) for k, t in enumerate(parsed.public_tests, 1)]
    named += [(f"hidden test {k}", t) for k, t in enumerate(parsed.hidden_tests, 1)]
    return [(name, len(t.input.encode("utf-8", "surrogateescape")), len(t.output.encode("utf-8", "surrogateescape")))
            for name, t in named]


def oversized_tests_skip(ident: str, problem: dict[str, Any], output_bytes: int = OUTPUT_LIMIT_BYTES) -> Skip | None:
    """A `tests_too_large` Skip when an expected output exceeds `output_bytes`, else None."""
    over = [(name, size) for name, _, size in test_sizes(problem, ident) if size > output_bytes]
    if not over:
        return None
    name, size = max(over, key=lambda item: item[1])
    return Skip(ident, SkipReason.TESTS_TOO_LARGE,
                f"{len(over)} test(s) expect more output than the executor's limit of {output_bytes:,} bytes "
                f"(largest: {name}, {size:,} bytes): every program would fail them with output_limit")

"""A problem's input spec, trusted only as far as its own examples allow (pure, no I/O).

    spec, warning = problem_spec(problem)        # the inputs stage and `alphasolve spec`
    report = check_official(spec, problem)        # `alphasolve spec --check`, bench/spec_quality.py
    filled = fill_from_examples(spec, inputs)     # spec_gen: what the statement leaves unsaid

The statement is parsed once (`spec_parse.parse_spec`). A spec that rejects one of the problem's
own public inputs is wrong somewhere (a misread bound, a layout the parser got wrong): it is
discarded for the run (an empty spec, with a one-line warning), so that it never drops the
public tests nor the inputs like them.
"""

from __future__ import annotations

import copy
import functools
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Sequence

from alphasolve.inputs.spec import Bound, Spec, Variable, layout_items
from alphasolve.inputs.spec_subproblem import part_of, subproblem_text

_INT = re.compile(r"[+-]?\d{1,18}")  # an integer token (not a 10^5-digit number)

if TYPE_CHECKING:
    from alphasolve.problem import Problem


@dataclass
class Rejected:
    test: str          # "public 1", "private 3", "generated 2"
    reason: str


@dataclass
class OfficialCheck:
    tests: int = 0
    rejected: list[Rejected] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"tests": self.tests, "rejected": [{"test": r.test, "reason": r.reason} for r in self.rejected]}


def _statement(problem: "Problem") -> str:
    """The statement the spec is read from: of a subproblem (A1 of A1/A2), its own limits only."""
    return subproblem_text(problem.description or "", part_of(problem.problem_id, problem.name))


def parse_problem_spec(problem: "Problem") -> Spec:
    from alphasolve.inputs.spec_parse import parse_spec

    return parse_spec(_statement(problem))


def problem_spec(problem: "Problem") -> tuple[Spec, str | None]:
    """The spec to use for a run: the parsed one, or an empty one (and why) when it rejects a
    public input. Computed once per statement and public inputs (the inputs key, the inputs stage
    and generator prompts all ask): treat the Spec as read-only."""
    return _problem_spec(_statement(problem), tuple(t.input for t in problem.public_tests))


@functools.lru_cache(maxsize=64)
def _problem_spec(description: str, public: tuple[str, ...]) -> tuple[Spec, str | None]:
    from alphasolve.inputs.spec_check import check_input
    from alphasolve.inputs.spec_parse import parse_spec

    spec = parse_spec(description)
    if spec.empty():
        return spec, None
    for k, text in enumerate(public):
        reasons = check_input(spec, text)
        if reasons:
            return Spec(unknown=spec.unknown, section=spec.section), \
                f"the statement's input spec rejects public input {k + 1} ({reasons[0]}): spec not used"
    _types_from_examples(spec, public)
    return spec, None


def _example_tokens(spec: Spec, inputs: Sequence[str]) -> dict[str, list[str]] | None:
    """The tokens the layout gives each variable in `inputs` (None: one does not read)."""
    from alphasolve.inputs.spec_check import read_input

    seen: dict[str, list[str]] = {}
    for text in inputs:
        reading = read_input(spec, text)
        if reading is None:
            return None
        for tok in reading.tokens + reading.counted:
            seen.setdefault(tok.name, []).append(tok.text)
    return seen


def _types_from_examples(spec: Spec, inputs: Sequence[str]) -> None:
    """Variables the statement bounds without naming their type ("1 ≤ a, b ≤ 10^9") are integers
    when every token the public inputs give them is an integer (evidence, not a guess: the layout
    ties those tokens to them)."""
    untyped = {v.name: v for v in spec.variables if v.type == "unknown"}
    seen = _example_tokens(spec, inputs) if untyped and spec.layout else None
    for name, texts in (seen or {}).items():
        v = untyped.get(name)
        if v is None:
            continue
        integral = all(b is None or b.value is None or isinstance(b.value, int) for b in (v.low, v.high))
        if integral and all(_INT.fullmatch(t) for t in texts):
            v.type = "int"
            v.source = (v.source + " | " if v.source else "") + "integer in every public input"


def official_tests(problem: "Problem") -> list[tuple[str, str]]:
    """(name, input) of every official test: public, private, generated."""
    out = []
    for kind, tests in (("public", problem.public_tests), ("private", problem.private_tests),
                        ("generated", problem.generated_tests)):
        out += [(f"{kind} {k + 1}", t.input) for k, t in enumerate(tests)]
    return out


def check_official(spec: Spec, problem: "Problem") -> OfficialCheck:
    """Every official test input checked against `spec`: the rejected ones with their first reason."""
    from alphasolve.inputs.spec_check import check_input

    report = OfficialCheck()
    for name, text in official_tests(problem):
        report.tests += 1
        reasons = check_input(spec, text)
        if reasons:
            report.rejected.append(Rejected(name, reasons[0]))
    return report


def integer_coverage(spec: Spec) -> tuple[int, int]:
    """(integer variables with both bounds known, integer variables) among the named ones."""
    ints = [v for v in spec.variables if v.type == "int" and not v.name.startswith("_")]
    both = sum(1 for v in ints if v.low is not None and v.high is not None and v.low.known() and v.high.known())
    return both, len(ints)


def constraints_text(spec: Spec) -> str:
    """The spec as a list for a prompt: a line per variable with what is known of it, then the claims
    and sums; "" for an empty spec."""
    lines = []
    for v in spec.variables:
        if v.name.startswith("_") or (v.type == "unknown" and not v.source):
            continue
        name = v.name + ("_i" if v.indexed else "")
        lines.append(f"- {name}: {v.type if v.type != 'unknown' else 'value'}, {v.bounds_text()}")
    lines += [f"- {c.kind.replace('_', ' ')}: {', '.join(c.subject)}" for c in spec.claims]
    lines += [f"- the sum of {s.name} over all test cases is at most {s.high}" for s in spec.sums]
    return "\n".join(lines)


def fill_from_examples(spec: Spec, examples: Sequence[str]) -> Spec:
    """A copy of `spec` in which what the statement does not say of a layout variable is taken
    from the public inputs, which are valid: an integer's missing bound from the least or largest
    value they give it, a string's alphabet and lengths from theirs, an unnamed token's type. The
    public inputs are evidence of valid values, not of the extremes: where the statement is
    silent, inputs stay within what the examples show."""
    seen = _example_tokens(spec, examples)
    if seen is None:
        return spec
    filled = copy.deepcopy(spec)
    sized = _sized_strings(spec.layout or [])
    for name, texts in seen.items():
        var = filled.var(name)
        if var is None:
            var = Variable(name, source="the public inputs")
            filled.variables.append(var)
        integers = all(_INT.fullmatch(t) for t in texts)
        if var.type == "int" or (var.type == "unknown" and integers):
            if not integers:
                continue
            var.type = "int"
            values = [int(t) for t in texts]
            var.low = var.low if var.low and var.low.known() else Bound(value=min(values))
            var.high = var.high if var.high and var.high.known() else Bound(value=max(values))
        elif var.type == "string" or (var.type == "unknown" and not any(_INT.fullmatch(t) for t in texts)):
            var.type = "string"
            var.alphabet = var.alphabet or "".join(sorted(set("".join(texts))))
            if name in sized:
                continue        # the layout gives its exact length ("a string of C characters")
            lengths = [len(t) for t in texts]
            var.length_low = var.length_low if var.length_low and var.length_low.known() else Bound(value=min(lengths))
            var.length_high = var.length_high if var.length_high and var.length_high.known() \
                else Bound(value=max(lengths))
    return filled


def _sized_strings(nodes: list) -> set[str]:
    """Names whose every layout item has an exact length (an expression such as "C")."""
    lengths: dict[str, bool] = {}
    for item in layout_items(nodes):
        lengths[item.name] = lengths.get(item.name, True) and item.length is not None
    return {name for name, sized in lengths.items() if sized}

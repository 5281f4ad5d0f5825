"""Output comparison: whitespace-separated tokens, optional float tolerance and case folding,
or a checker program (run by the executor, see checker.py)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from alphasolve.execute.checker import Checker


@dataclass(frozen=True)
class CompareSpec:
    """How a problem compares outputs. Never set- or order-insensitive.

    With a `checker`, the executor judges outputs by running it (the token options then only
    shape `normalize`, which clustering uses to find identical outputs).
    """

    float_abs: float | None = None  # absolute tolerance for numeric tokens
    float_rel: float | None = None  # relative tolerance for numeric tokens
    case_sensitive: bool = True
    checker: "Checker | None" = None

    def to_dict(self) -> dict:
        """What cache keys hash; the checker (only when there is one) by its digest."""
        data = {"float_abs": self.float_abs, "float_rel": self.float_rel, "case_sensitive": self.case_sensitive}
        if self.checker is not None:
            data["checker"] = self.checker.to_dict()
        return data


def _float(token: str) -> float | None:
    try:
        value = float(token)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def _tokens_equal(expected: str, actual: str, spec: CompareSpec) -> bool:
    if expected == actual:
        return True
    if not spec.case_sensitive and expected.lower() == actual.lower():
        return True
    if spec.float_abs is None and spec.float_rel is None:
        return False
    e, a = _float(expected), _float(actual)
    if e is None or a is None:
        return False
    diff = abs(e - a)
    if spec.float_abs is not None and diff <= spec.float_abs * (1 + 1e-9):
        return True
    return spec.float_rel is not None and diff <= spec.float_rel * abs(e) * (1 + 1e-9)


def outputs_match(expected: str, actual: str, spec: CompareSpec = CompareSpec()) -> bool:
    """True when the outputs agree token by token under `spec` (which must not need a checker:
    only the executor can run one)."""
    if spec.checker is not None:
        raise ValueError("this comparison needs its checker program: judge through the Executor")
    exp, act = expected.split(), actual.split()
    if len(exp) != len(act):
        return False
    return all(_tokens_equal(e, a, spec) for e, a in zip(exp, act))


def normalize(output: str, spec: CompareSpec = CompareSpec()) -> str:
    """A canonical form of an output: equal forms mean equal outputs (exact without tolerance)."""
    text = " ".join(output.split())
    return text if spec.case_sensitive else text.lower()

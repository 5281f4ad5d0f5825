"""Output comparison: whitespace-separated tokens, optional float tolerance and case folding."""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class CompareSpec:
    """How a problem compares outputs. Never set- or order-insensitive."""

    float_abs: float | None = None  # absolute tolerance for numeric tokens
    float_rel: float | None = None  # relative tolerance for numeric tokens
    case_sensitive: bool = True

    def to_dict(self) -> dict:
        return asdict(self)


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
    """True when the outputs agree token by token under `spec`."""
    exp, act = expected.split(), actual.split()
    if len(exp) != len(act):
        return False
    return all(_tokens_equal(e, a, spec) for e, a in zip(exp, act))


def normalize(output: str, spec: CompareSpec = CompareSpec()) -> str:
    """A canonical form of an output: equal forms mean equal outputs (exact without tolerance)."""
    text = " ".join(output.split())
    return text if spec.case_sensitive else text.lower()

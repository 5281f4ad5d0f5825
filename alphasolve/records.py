"""Typed records that stages exchange and the runner writes to disk.

Every record carries `problem_id` and `sample_id`, so results computed in any order join
back deterministically. SCHEMA_VERSION is written into every artifact.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from alphasolve.execute.verdicts import program_id
from alphasolve.fromdict import FromDict

SCHEMA_VERSION = 1


@dataclass
class Sample(FromDict):
    """One candidate drawn from a sampler."""

    problem_id: str
    sample_id: int
    language: str | None  # None when no code could be extracted
    code: str | None
    text: str = ""  # the raw completion (for replay: the code itself)
    origin: str = ""  # e.g. "replay:solutions[3]" or "vllm"
    label: str | None = None  # ground truth when known (replay): "correct" / "incorrect"
    num_tokens: int | None = None
    cumulative_logprob: float | None = None
    mean_logprob: float | None = None
    finish_reason: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)  # prompt variant, temperature, ...

    @property
    def program_id(self) -> str | None:
        if self.code is None or self.language is None:
            return None
        return program_id(self.language, self.code)

    def to_dict(self) -> dict[str, Any]:
        return {"schema": SCHEMA_VERSION, **asdict(self), "program_id": self.program_id}

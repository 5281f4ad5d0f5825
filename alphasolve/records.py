"""Typed records that stages exchange and the runner writes to disk.

Every record carries `problem_id` and `sample_id`, so results computed in any order join
back deterministically. SCHEMA_VERSION is written into every artifact.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from alphasolve.execute.verdicts import program_id
from alphasolve.fromdict import FromDict, without_defaults

SCHEMA_VERSION = 1


#: samples.jsonl records: 2 stores the program once, as `code_span` into `text` when it is a slice of it
SAMPLE_SCHEMA = 2


@dataclass
class Sample(FromDict):
    """One candidate drawn from a sampler."""

    problem_id: str
    sample_id: int
    language: str | None  # None when no code could be extracted
    code: str | None
    text: str = ""  # the raw completion (for replay: the code itself); "" when loaded for the stages
    origin: str = ""  # e.g. "replay:solutions[3]" or "vllm"
    label: str | None = None  # ground truth when known (replay): "correct" / "incorrect"
    num_tokens: int | None = None
    cumulative_logprob: float | None = None
    mean_logprob: float | None = None
    finish_reason: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)  # prompt variant, temperature, ...

    @property
    def program_id(self) -> str | None:
        """The program's content hash (computed once: the stages ask for it per sample, again and again)."""
        if self.code is None or self.language is None:
            return None
        cached = self.__dict__.get("_program_id")
        if cached is None or cached[0] is not self.code:
            cached = self.__dict__["_program_id"] = (self.code, program_id(self.language, self.code))
        return cached[1]

    def to_dict(self) -> dict[str, Any]:
        """The record: the program is stored once, as its span in the completion when it is a slice
        of it (a model's fenced block, a replayed program), else as `code`."""
        record = {"schema": SAMPLE_SCHEMA, **without_defaults(self), "program_id": self.program_id}
        start = self.text.find(self.code) if self.code else -1
        if start >= 0:
            del record["code"]
            record["code_span"] = [start, start + len(self.code)]
        return record

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Sample":
        """From a record of either schema (1 held `code` itself)."""
        span = data.get("code_span")
        if span is not None and "code" not in data:
            data = {**data, "code": data.get("text", "")[span[0]:span[1]]}
        sample = super().from_dict({"code": None, **data})
        if data.get("program_id") and sample.code is not None:  # computed when it was written
            sample.__dict__["_program_id"] = (sample.code, data["program_id"])
        return sample

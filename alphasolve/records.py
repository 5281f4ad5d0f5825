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


@dataclass(slots=True)
class Sample(FromDict):
    """One candidate drawn from a sampler (slots: a run holds one per sample, a million in a large one)."""

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
    #: the program's content hash, of (language, code): computed here unless read from a record
    program_id: str | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        if self.program_id is None and self.code is not None and self.language is not None:
            self.program_id = program_id(self.language, self.code)

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
        """From a record of either schema (1 held `code` itself); its program id is the one computed
        when it was written."""
        span = data.get("code_span")
        if span is not None and "code" not in data:
            data = {**data, "code": data.get("text", "")[span[0]:span[1]]}
        return super(Sample, cls).from_dict({"code": None, **data})

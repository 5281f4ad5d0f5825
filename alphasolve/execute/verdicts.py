"""Typed execution results: a verdict and everything measured about one run."""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass
from enum import Enum


class Verdict(str, Enum):
    OK = "ok"  # ran to completion with exit code 0; output not judged
    ACCEPTED = "accepted"
    WRONG_ANSWER = "wrong_answer"
    TIME_LIMIT = "time_limit"
    MEMORY_LIMIT = "memory_limit"
    OUTPUT_LIMIT = "output_limit"
    RUNTIME_ERROR = "runtime_error"
    COMPILE_ERROR = "compile_error"

    @property
    def passed(self) -> bool:
        return self in (Verdict.OK, Verdict.ACCEPTED)


@dataclass(frozen=True)
class Program:
    """A candidate program: a language ("python3", "c", "cpp") and its source text."""

    language: str
    source: str

    @property
    def program_id(self) -> str:
        return program_id(self.language, self.source)


def program_id(language: str, source: str) -> str:
    return hashlib.sha256(f"{language}\0{source}".encode()).hexdigest()[:16]


@dataclass(frozen=True)
class Limits:
    time_s: float = 2.0
    memory_bytes: int = 512 * 1024 * 1024
    output_bytes: int = 16 * 1024 * 1024
    stderr_bytes: int = 64 * 1024


@dataclass(frozen=True)
class ExecResult:
    verdict: Verdict
    stdout: str = ""
    stderr: str = ""
    exit_code: int | None = None
    signal: int | None = None
    cpu_time: float = 0.0
    wall_time: float = 0.0
    peak_memory: int = 0

    def to_dict(self) -> dict:
        data = asdict(self)
        data["verdict"] = self.verdict.value
        return data

    @classmethod
    def from_dict(cls, data: dict) -> "ExecResult":
        return cls(**{**data, "verdict": Verdict(data["verdict"])})

"""Typed execution results: a verdict and everything measured about one run."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from enum import Enum

from alphasolve.digest import short_hash


class Verdict(str, Enum):
    OK = "ok"  # ran to completion with exit code 0; output not judged
    ACCEPTED = "accepted"
    WRONG_ANSWER = "wrong_answer"
    TIME_LIMIT = "time_limit"
    MEMORY_LIMIT = "memory_limit"
    OUTPUT_LIMIT = "output_limit"
    RUNTIME_ERROR = "runtime_error"
    COMPILE_ERROR = "compile_error"
    JUDGE_ERROR = "judge_error"  # the checker failed (crashed, timed out, bad exit status): not the candidate's verdict

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
    return short_hash(f"{language}\0{source}")


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
    judge_message: str = ""  # what a checker said about the output (or why it failed)

    def to_dict(self) -> dict:
        data = asdict(self)
        data["verdict"] = self.verdict.value
        return data

    @classmethod
    def from_dict(cls, data: dict) -> "ExecResult":
        return cls(**{**data, "verdict": Verdict(data["verdict"])})


#: stderr a program may write (and we discard beyond `stderr_bytes`) before it is stopped
STDERR_ALLOWANCE = 16 << 20


def file_bytes(limits: Limits) -> int:
    """The most a run may write to stdout or to stderr before it is stopped."""
    return max(limits.output_bytes, limits.stderr_bytes, STDERR_ALLOWANCE)


MEMORY_MARKERS = ("MemoryError", "std::bad_alloc", "Cannot allocate memory", "memory exhausted")


def classify(raw: dict, stdout: bytes, stderr: bytes, limits: Limits, stderr_tail: bytes = b"") -> ExecResult:
    """An ExecResult from a worker's raw report of one run (not judged against an answer).

    `stderr` is capped; `stderr_tail` (its last few KiB) shows how a failed run ended.
    """
    import signal as _signal

    exit_code, sig = raw.get("exit_code"), raw.get("signal")
    cpu, peak = float(raw.get("cpu", 0.0)), int(raw.get("maxrss", 0))
    err_text = stderr.decode("utf-8", errors="replace")
    ending = (stderr_tail or stderr[-4096:]).decode("utf-8", errors="replace")
    failed = exit_code != 0
    if raw.get("timed_out") or cpu > limits.time_s or sig == _signal.SIGXCPU:
        verdict = Verdict.TIME_LIMIT
    elif raw.get("out_size", 0) > limits.output_bytes or sig == _signal.SIGXFSZ \
            or raw.get("err_size", 0) > file_bytes(limits):
        verdict = Verdict.OUTPUT_LIMIT
    elif failed and (peak >= limits.memory_bytes * 0.9 or any(m in ending for m in MEMORY_MARKERS)):
        verdict = Verdict.MEMORY_LIMIT
    elif not failed:
        verdict = Verdict.OK
    else:
        verdict = Verdict.RUNTIME_ERROR
    return ExecResult(verdict, stdout.decode("utf-8", errors="replace"), err_text, exit_code, sig,
                      round(cpu, 4), round(float(raw.get("wall", 0.0)), 4), peak)

"""What every executor offers, declared once: `Job` and the `Executor` protocol.

The local executor (`alphasolve.execute.LocalExecutor`), the Ray one (`ray_executor.RayExecutor`),
the per-stage counting wrapper (`cost.CountingExecutor`) and the one a batch's problems share
(`factory.SharedExecutor`) each implement every member below, explicitly: callers (the filter,
inputs, cluster and eval stages, `alphasolve judge`) rely on nothing else and probe for nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable, Iterator, Protocol, Self, Sequence

from alphasolve.execute.checker import Checker, CheckResult
from alphasolve.execute.compare import CompareSpec
from alphasolve.execute.sandbox import Protections
from alphasolve.execute.verdicts import ExecResult, Limits, Program


@dataclass(frozen=True)
class Job:
    """One program on a list of inputs. `key` is the caller's, returned with the results."""

    key: Any
    program: Program
    inputs: Sequence[str]
    limits: Limits = Limits()
    expected: Sequence[str] | None = None
    compare: CompareSpec = field(default_factory=CompareSpec)
    stop_on_failure: bool = False


class Executor(Protocol):
    """Runs programs on inputs with limits and judges their outputs."""

    workers: int  # executions it runs at once

    @property
    def protections(self) -> Protections:
        """The isolation in force: mode, active protections, and those that are off."""
        ...

    def run(self, program: Program, inputs: Sequence[str], limits: Limits = Limits(),
            expected: Sequence[str] | None = None, compare: CompareSpec = CompareSpec(),
            stop_on_failure: bool = False) -> list[ExecResult]:
        """`program` on each input (with `expected`: judged); a compile error is one result."""
        ...

    def map(self, jobs: Iterable[Job]) -> Iterator[tuple[Job, list[ExecResult]]]:
        """Jobs in parallel, read lazily, equivalent ones run once; (job, results) as they finish.
        May be called from several threads at once."""
        ...

    def check(self, checker: Checker, triples: Sequence[tuple[str, str, str]]) -> list[CheckResult]:
        """`checker` on (input, answer, output) triples in the sandbox; one decision each."""
        ...

    def checker_error(self, checker: Checker) -> str | None:
        """Why `checker` cannot run (it does not compile), or None."""
        ...

    def close(self) -> None: ...

    # an executor is its own context manager: these two are inherited by explicit implementations
    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

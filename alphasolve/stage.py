"""What a stage is (`Stage`) and what its run function gets (`StageContext`).

A stage is one module in `alphasolve/stages/` defining one `Stage`, and one entry in the registry
(`alphasolve.stages.STAGES`). The runner (`run.py`), `show` (`views.py`), invalidation messages,
cost accounting and `eval` all read the registry; nothing else lists the stages.
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, Iterator, Protocol

from alphasolve.cost import CountingExecutor, StageMeter
from alphasolve.execute import Executor, Limits
from alphasolve.execute.factory import make_executor

if TYPE_CHECKING:
    from alphasolve.config import Config
    from alphasolve.problem import Problem
    from alphasolve.rundir import RunDir


class Reporter(Protocol):
    """How the runner tells a person what it does (the CLI draws rich progress bars)."""

    def note(self, stage: str, text: str) -> None: ...

    def progress(self, stage: str, total: int) -> Any:
        """A context manager yielding `advance(n=1)`."""
        ...


class QuietReporter:
    def note(self, stage: str, text: str) -> None:
        pass

    @contextmanager
    def progress(self, stage: str, total: int) -> Iterator[Callable[[int], None]]:
        yield lambda n=1: None


@dataclass(frozen=True)
class Stage:
    """One stage of a run.

    `upstream`: the stages whose artifacts it reads; their keys are chained into its key, so a
    change there reruns it. `artifacts`: the run-directory files it owns (`rundir` names), removed
    when it is reset. `settings(problem, config)`: exactly the settings that change its result
    (hashed into its key, kept in the manifest to say what changed). `run(ctx)`: computes what is
    missing (what is on disk is reused) and returns its counts for the manifest.
    `uses_model`: it may run a model (batch: one in-process engine at a time). `on_demand`: not
    part of `solve` (eval). `partial_counts(run)`: what `show` says of it while unfinished."""

    name: str
    upstream: tuple[str, ...]
    artifacts: tuple[str, ...]
    settings: Callable[["Problem", "Config"], dict[str, Any]]
    run: Callable[["StageContext"], dict[str, Any]]
    uses_model: bool = False
    on_demand: bool = False
    partial_counts: Callable[["RunDir"], dict[str, int]] | None = None


def execution_limits(problem: "Problem", config: "Config") -> Limits:
    ex = config.execute
    return Limits(
        time_s=problem.time_limit_s or ex.time_limit_s,
        memory_bytes=problem.memory_limit_bytes or ex.memory_limit_mb * 1024 * 1024,
        output_bytes=ex.output_limit_mb * 1024 * 1024,
        stderr_bytes=ex.stderr_limit_kb * 1024,
    )


@dataclass
class StageContext:
    """What a stage function gets: the problem, settings, the run directory, the reporter, and an
    executor that counts what it runs into the current stage's meter."""

    problem: "Problem"
    config: "Config"
    run: "RunDir"
    reporter: Reporter
    limits: Limits
    meter: StageMeter = field(default_factory=StageMeter, repr=False)
    shared_executor: Executor | None = field(default=None, repr=False)  # the caller's (batch): used, never closed here
    _executor: CountingExecutor | None = field(default=None, repr=False)

    @property
    def n_samples(self) -> int:
        return self.config.sample.samples

    def executor(self) -> Executor:
        if self._executor is None:
            self._executor = CountingExecutor(self.shared_executor or make_executor(self.config.execute))
        self._executor.meter = self.meter
        return self._executor

    def close(self) -> None:
        if self._executor is not None:
            if self.shared_executor is None:
                self._executor.close()
            self._executor = None

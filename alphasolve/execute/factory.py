"""The executor a run's `[execute]` settings ask for: local, or on a Ray cluster.

The Ray backend is imported only when chosen, so nothing else ever imports ray.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Iterable, Iterator, Sequence

from alphasolve.errors import AlphasolveError
from alphasolve.execute import (Checker, CheckResult, CompareSpec, ExecResult, Executor, Job, Limits, LocalExecutor,
                                Program, Protections)

if TYPE_CHECKING:
    from alphasolve.config import ExecuteConfig

BACKENDS = ("local", "ray")


def check_backend(name: str) -> str:
    if name not in BACKENDS:
        raise AlphasolveError(f"unknown executor {name!r} (expected one of: {', '.join(BACKENDS)})",
                              field="execute.backend")
    return name


def make_executor(config: "ExecuteConfig", workers: int | None = None,
                  isolation: str = "auto") -> Executor:
    """An executor for `config` (`workers` overrides `config.workers`; 0/None = every core or CPU)."""
    workers = workers or config.workers or None
    if check_backend(config.backend) == "ray":
        from alphasolve.execute.ray_executor import RayExecutor

        return RayExecutor(address=config.ray_address, num_cpus=config.ray_cpus, workers=workers,
                           isolation=isolation)
    return LocalExecutor(workers=workers, isolation=isolation)


class SharedExecutor(Executor):
    """One executor for several runs at once (`alphasolve batch --concurrency N`): made on first
    use, from whichever thread comes first, and closed by its owner. `LocalExecutor.map` and
    `RayExecutor.map` may be called from several threads at once; each call runs its own jobs."""

    def __init__(self, config: "ExecuteConfig", workers: int | None = None):
        self._lock = threading.Lock()
        self._config, self._workers = config, workers
        self._inner: Executor | None = None

    def get(self) -> Executor:
        with self._lock:
            if self._inner is None:
                self._inner = make_executor(self._config, self._workers)
            return self._inner

    @property
    def workers(self) -> int:  # type: ignore[override]
        return self.get().workers

    @property
    def protections(self) -> Protections:
        return self.get().protections

    def run(self, program: Program, inputs: Sequence[str], limits: Limits = Limits(),
            expected: Sequence[str] | None = None, compare: CompareSpec = CompareSpec(),
            stop_on_failure: bool = False) -> list[ExecResult]:
        return self.get().run(program, inputs, limits, expected, compare, stop_on_failure)

    def map(self, jobs: Iterable[Job]) -> Iterator[tuple[Job, list[ExecResult]]]:
        return self.get().map(jobs)

    def check(self, checker: Checker, triples: Sequence[tuple[str, str, str]]) -> list[CheckResult]:
        return self.get().check(checker, triples)

    def checker_error(self, checker: Checker) -> str | None:
        return self.get().checker_error(checker)

    def close(self) -> None:
        with self._lock:
            inner, self._inner = self._inner, None
        if inner is not None:
            inner.close()

"""What runs on a Ray worker for `RayExecutor`: an actor owning one `LocalExecutor`.

Importing this module never imports ray: the driver decorates `ExecActor` with ray.remote
when it starts an actor, and the actor imports ray only to fetch shared lists.
"""

from __future__ import annotations

import os
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, replace
from typing import Any

from alphasolve.execute import Checker, CheckResult, ExecResult, Job, LocalExecutor

SHARED_REFS = 64  # distinct shared lists kept (by the driver: referenced; by an actor: fetched)


@dataclass(frozen=True)
class SharedTexts:
    """A large list of strings sent once, through the object store; `key` names it."""

    key: str


class ExecActor:
    """Runs on a Ray worker: one local Executor, batches of jobs in, results out.

    Decorated with ray.remote at run time (see `RayExecutor._start_actor`), so importing
    this module never imports ray."""

    def __init__(self, workers: int, cache_dir: str | None, isolation: str):
        self.executor = LocalExecutor(workers=workers, cache_dir=cache_dir, isolation=isolation)
        self.shared: OrderedDict[str, tuple[str, ...]] = OrderedDict()
        self.lock = threading.Lock()  # batches run in concurrent threads

    def info(self) -> dict:
        import socket

        return {"pid": os.getpid(), "host": socket.gethostname(), "workers": self.executor.workers,
                "protections": self.executor.protections}

    def run_batch(self, jobs: list[Job], refs: dict[str, Any]) -> tuple[int, float, list[list[ExecResult]]]:
        """(pid, seconds, results of each job in order)."""
        start = time.perf_counter()
        jobs = [self._resolve(job, refs) for job in jobs]
        results: list[list[ExecResult] | None] = [None] * len(jobs)
        for job, res in self.executor.map(replace(j, key=k) for k, j in enumerate(jobs)):
            results[job.key] = res
        return os.getpid(), time.perf_counter() - start, results  # type: ignore[return-value]

    def _resolve(self, job: Job, refs: dict[str, Any]) -> Job:
        if not isinstance(job.inputs, SharedTexts) and not isinstance(job.expected, SharedTexts):
            return job
        return replace(job, inputs=self._fetch(job.inputs, refs), expected=self._fetch(job.expected, refs))

    def _fetch(self, value: Any, refs: dict[str, Any]) -> Any:
        if not isinstance(value, SharedTexts):
            return value
        with self.lock:
            texts = self.shared.get(value.key)
        if texts is None:
            import ray

            texts = ray.get(refs[value.key])
        with self.lock:
            self.shared[value.key] = texts
            self.shared.move_to_end(value.key)
            if len(self.shared) > SHARED_REFS:
                self.shared.popitem(last=False)
        return texts

    # the rest of the Executor API, run here
    def check(self, checker: Checker, triples: list[tuple[str, str, str]]) -> list[CheckResult]:
        return self.executor.check(checker, triples)

    def checker_error(self, checker: Checker) -> str | None:
        return self.executor.checker_error(checker)

    def verify_isolation(self) -> dict:
        return self.executor.verify_isolation()

    def close(self) -> bool:
        self.executor.close()
        return True

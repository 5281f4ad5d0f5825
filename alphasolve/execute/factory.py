"""The executor a run's `[execute]` settings ask for: local, or on a Ray cluster.

The Ray backend is imported only when chosen, so nothing else ever imports ray.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any

from alphasolve.errors import AlphasolveError
from alphasolve.execute import Executor

if TYPE_CHECKING:
    from alphasolve.config import ExecuteConfig
    from alphasolve.execute.ray_executor import RayExecutor

BACKENDS = ("local", "ray")


def check_backend(name: str) -> str:
    if name not in BACKENDS:
        raise AlphasolveError(f"unknown executor {name!r} (expected one of: {', '.join(BACKENDS)})",
                              field="execute.backend")
    return name


def make_executor(config: "ExecuteConfig", workers: int | None = None,
                  isolation: str = "auto") -> "Executor | RayExecutor":
    """An executor for `config` (`workers` overrides `config.workers`; 0/None = every core or CPU)."""
    workers = workers or config.workers or None
    if check_backend(config.backend) == "ray":
        from alphasolve.execute.ray_executor import RayExecutor

        return RayExecutor(address=config.ray_address, num_cpus=config.ray_cpus, workers=workers,
                           isolation=isolation)
    return Executor(workers=workers, isolation=isolation)


class SharedExecutor:
    """One executor for several runs at once (`alphasolve batch --concurrency N`): made on first
    use, from whichever thread comes first, and closed by its owner. `Executor.map` and
    `RayExecutor.map` may be called from several threads at once; each call runs its own jobs."""

    def __init__(self, config: "ExecuteConfig", workers: int | None = None):
        self._lock = threading.Lock()
        self._config, self._workers = config, workers
        self._inner: Any = None

    def get(self) -> "Executor | RayExecutor":
        with self._lock:
            if self._inner is None:
                self._inner = make_executor(self._config, self._workers)
            return self._inner

    def __getattr__(self, name: str) -> Any:  # map, run, check, protections, ...
        return getattr(self.get(), name)

    def close(self) -> None:
        with self._lock:
            inner, self._inner = self._inner, None
        if inner is not None:
            inner.close()

"""The executor a run's `[execute]` settings ask for: local, or on a Ray cluster.

The Ray backend is imported only when chosen, so nothing else ever imports ray.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

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

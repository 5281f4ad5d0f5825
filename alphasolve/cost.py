"""What a run costs: wall time, CPU-seconds, executions and tokens, per stage.

CPU-seconds cover this process and every process under it (sandbox workers, compilers and
the candidates they reaped), read with psutil before and after a stage.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any, Iterable, Iterator, Sequence

import psutil

from alphasolve.execute import (Checker, CheckResult, CompareSpec, ExecResult, Executor, Job, Limits, Program,
                                Protections)


def process_tree_cpu_seconds() -> float:
    """User + system CPU of this process, its reaped children and all live descendants."""
    me = psutil.Process()
    total = 0.0
    for proc in [me, *me.children(recursive=True)]:
        try:
            t = proc.cpu_times()
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue
        total += t.user + t.system + getattr(t, "children_user", 0.0) + getattr(t, "children_system", 0.0)
    return total


@dataclass
class StageMeter:
    """Measures one stage; `add_to` accumulates into a manifest entry (resumed runs add up)."""

    wall_start: float = field(default_factory=time.monotonic)
    cpu_start: float = field(default_factory=process_tree_cpu_seconds)
    executions: int = 0
    exec_cpu_s: float = 0.0
    tokens: int = 0

    def add_to(self, cost: dict[str, Any] | None) -> dict[str, Any]:
        cost = dict(cost or {})
        wall = time.monotonic() - self.wall_start
        cpu = max(0.0, process_tree_cpu_seconds() - self.cpu_start)
        for key, value in (("wall_s", wall), ("cpu_s", cpu), ("exec_cpu_s", self.exec_cpu_s)):
            cost[key] = round(cost.get(key, 0.0) + value, 3)
        for key, value in (("executions", self.executions), ("tokens", self.tokens)):
            cost[key] = cost.get(key, 0) + value
        return cost


class CountingExecutor(Executor):
    """An executor that tells the current stage's meter what it ran (`inner` does the running)."""

    def __init__(self, inner: Executor):
        self.inner = inner
        self.meter: StageMeter | None = None

    def _count(self, results: list[ExecResult]) -> None:
        if self.meter is not None:
            self.meter.executions += len(results)
            self.meter.exec_cpu_s += sum(r.cpu_time for r in results)

    @property
    def workers(self) -> int:  # type: ignore[override]
        return self.inner.workers

    @property
    def protections(self) -> Protections:
        return self.inner.protections

    def run(self, program: Program, inputs: Sequence[str], limits: Limits = Limits(),
            expected: Sequence[str] | None = None, compare: CompareSpec = CompareSpec(),
            stop_on_failure: bool = False) -> list[ExecResult]:
        results = self.inner.run(program, inputs, limits, expected, compare, stop_on_failure)
        self._count(results)
        return results

    def map(self, jobs: Iterable[Job]) -> Iterator[tuple[Job, list[ExecResult]]]:
        for job, results in self.inner.map(jobs):
            self._count(results)
            yield job, results

    def check(self, checker: Checker, triples: Sequence[tuple[str, str, str]]) -> list[CheckResult]:
        return self.inner.check(checker, triples)

    def checker_error(self, checker: Checker) -> str | None:
        return self.inner.checker_error(checker)

    def close(self) -> None:
        self.inner.close()


def total_cost(costs: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Sum of per-stage costs ({stage: cost}, `rundir.Manifest.costs`), with each stage's share of the wall time."""
    total: dict[str, Any] = {"wall_s": 0.0, "cpu_s": 0.0, "exec_cpu_s": 0.0, "executions": 0, "tokens": 0}
    for cost in costs.values():
        for key in total:
            total[key] += cost.get(key, 0)
    total = {k: round(v, 3) if isinstance(v, float) else v for k, v in total.items()}
    wall = total["wall_s"] or 1.0
    total["wall_share"] = {s: round(c.get("wall_s", 0.0) / wall, 4) for s, c in costs.items()}
    return total

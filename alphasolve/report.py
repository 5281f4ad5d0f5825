"""The report `batch --eval` ends with (pure; the CLI gathers the runs and prints it).

solved@1 and solved@10 over the evaluated problems, the samples per problem, the published
figures of the benchmark the problems come from (`published.py`) at the nearest sample budget,
and the cost per stage summed over the runs (tokens, executions, CPU-seconds, wall time), the
evaluation included.
"""

from __future__ import annotations

from collections import Counter
from typing import Any, Sequence

from alphasolve.evaluate import ProblemReport
from alphasolve.published import BENCHMARKS

COST_KEYS = ("wall_s", "cpu_s", "exec_cpu_s", "executions", "tokens")
REPORT_SCHEMA = 1


def batch_report(reports: Sequence[ProblemReport], stages: Sequence[dict[str, Any]],
                 benchmarks: Sequence[str | None], failed: int = 0) -> dict[str, Any]:
    """The report of evaluated runs: `stages[i]` is run i's manifest stages, `benchmarks[i]` its
    problem's `provenance.benchmark` (or None); `failed` counts problems that were not evaluated."""
    n = len(reports)
    samples = [r.samples for r in reports]
    solved = {k: sum(r.solved_at.get(k, False) for r in reports) for k in ("1", "10")}
    report: dict[str, Any] = {
        "schema": REPORT_SCHEMA,
        "problems": n, "failed": failed,
        "samples_per_problem": {"min": min(samples, default=0), "max": max(samples, default=0),
                                "mean": round(sum(samples) / n, 3) if n else 0.0},
        "solved_at": solved,
        "solved_at_rate": {k: round(v / n, 6) if n else 0.0 for k, v in solved.items()},
        "comparisons": comparisons(reports, benchmarks),
        "cost": stage_costs(stages, [r.cost.get("eval") or {} for r in reports]),
    }
    return report


def comparisons(reports: Sequence[ProblemReport], benchmarks: Sequence[str | None]) -> list[dict[str, Any]]:
    """Per published benchmark among the problems: its problems' solved@1/@10 beside the published 10@k."""
    out = []
    for key, count in sorted(Counter(b for b in benchmarks if b in BENCHMARKS).items()):
        bench = BENCHMARKS[key]
        mine = [r for r, b in zip(reports, benchmarks) if b == key]
        samples = round(sum(r.samples for r in mine) / len(mine))
        nearest = bench.nearest(samples)
        out.append({
            "benchmark": key, "title": bench.title, "problems": count, "benchmark_problems": bench.problems,
            "samples_per_problem": samples,
            "solved_at": {k: sum(r.solved_at.get(k, False) for r in mine) for k in ("1", "10")},
            "solved_at_rate": {k: round(sum(r.solved_at.get(k, False) for r in mine) / count, 6) for k in ("1", "10")},
            "published": None if nearest is None else {
                "system": nearest.system, "metric": f"{nearest.submissions}@{_budget(nearest.samples)}",
                "submissions": nearest.submissions, "samples": nearest.samples, "rate": nearest.rate},
            "published_all": [{"system": p.system, "metric": f"{p.submissions}@{_budget(p.samples)}", "rate": p.rate}
                              for p in bench.results],
            "source": bench.source,
            "note": (f"{count} of the {bench.problems} problems of the {bench.title} (a subset: rates are not "
                     f"directly comparable); {samples:,} samples per problem here, {nearest.samples:,} in the "
                     "published figure" if nearest else f"{count} of the {bench.problems} problems"),
        })
    return out


def stage_costs(stages: Sequence[dict[str, Any]], evals: Sequence[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """{stage: summed cost} over the runs, in pipeline order, then "eval" and "total"."""
    order: list[str] = []
    for run in stages:
        order += [s for s in run if s not in order]
    costs = {s: _zero() for s in order}
    for run in stages:
        for stage, entry in run.items():
            _add(costs[stage], entry.get("cost") or {})
    costs["eval"] = _zero()
    for cost in evals:
        _add(costs["eval"], cost)
    costs["total"] = _zero()
    for stage in [*order, "eval"]:
        _add(costs["total"], costs[stage])
    return {s: {k: round(v, 3) if isinstance(v, float) else v for k, v in c.items()} for s, c in costs.items()}


def _zero() -> dict[str, Any]:
    return {k: 0 if k in ("executions", "tokens") else 0.0 for k in COST_KEYS}


def _add(total: dict[str, Any], cost: dict[str, Any]) -> None:
    for key in COST_KEYS:
        total[key] += cost.get(key, 0) or 0


def _budget(samples: int) -> str:
    """1000 -> "1k", 100000 -> "100k", 1000000 -> "1M"."""
    if samples >= 1_000_000 and samples % 1_000_000 == 0:
        return f"{samples // 1_000_000}M"
    if samples >= 1_000 and samples % 1_000 == 0:
        return f"{samples // 1_000}k"
    return str(samples)

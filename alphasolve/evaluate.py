"""Evaluation metrics: solved@n (AlphaCode's n@k), unbiased pass@k, and run summaries.

Pure functions over typed records; `run_eval.py` judges programs on the hidden tests and
owns the files.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from math import comb
from typing import Any, Sequence

#: the n of solved@n reported and plotted
SOLVED_AT = tuple(range(1, 11))
PASS_AT = (1, 10, 100)


def pass_at_k(n: int, c: int, k: int) -> float:
    """Unbiased pass@k (Chen et al. 2021): chance that k of n samples include one of the c correct."""
    if k > n:
        k = n
    if n - c < k:
        return 1.0
    return 1.0 - comb(n - c, k) / comb(n, k)


def solved_at(correct_by_rank: Sequence[bool], n: int) -> bool:
    """Solved if any of the first n submissions passes every hidden test."""
    return any(correct_by_rank[:n])


@dataclass
class ProblemReport:
    problem_id: str
    run_dir: str
    hidden_tests: int
    samples: int
    survivors: int
    correct_samples: int  # samples whose program passes the public and hidden tests
    clusters: int
    submissions: int
    correct_submissions: list[bool] = field(default_factory=list)  # by rank
    solved_at: dict[str, bool] = field(default_factory=dict)
    pass_at: dict[str, float] = field(default_factory=dict)
    filter_rate: float = 0.0  # share of samples that failed the public tests
    correct_cluster_share: float = 0.0  # share of survivors in clusters whose members are correct
    first_correct_rank: int | None = None
    cost: dict[str, Any] = field(default_factory=dict)  # the run's cost (cost.total_cost) and the eval's

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def problem_report(problem_id: str, run_dir: str, hidden_tests: int, samples: int, survivors: int,
                   correct_samples: int, clusters: int, correct_by_rank: Sequence[bool],
                   correct_cluster_share: float) -> ProblemReport:
    first = next((k + 1 for k, ok in enumerate(correct_by_rank) if ok), None)
    return ProblemReport(
        problem_id=problem_id, run_dir=run_dir, hidden_tests=hidden_tests, samples=samples,
        survivors=survivors, correct_samples=correct_samples, clusters=clusters,
        submissions=len(correct_by_rank), correct_submissions=list(correct_by_rank),
        solved_at={str(n): solved_at(correct_by_rank, n) for n in SOLVED_AT},
        pass_at={str(k): round(pass_at_k(samples, correct_samples, k), 6) for k in PASS_AT if k <= max(samples, 1)},
        filter_rate=round(1 - survivors / samples, 6) if samples else 0.0,
        correct_cluster_share=round(correct_cluster_share, 6),
        first_correct_rank=first,
    )


def summarize(reports: Sequence[ProblemReport]) -> dict[str, Any]:
    """Totals over problems: how many solved at each n, mean pass@k, mean filter rate."""
    n = len(reports)
    if not n:
        return {"problems": 0}
    pass_keys = sorted({k for r in reports for k in r.pass_at}, key=int)
    return {
        "problems": n,
        "solved_at": {str(k): sum(r.solved_at[str(k)] for r in reports) for k in SOLVED_AT},
        "solved_at_rate": {str(k): round(sum(r.solved_at[str(k)] for r in reports) / n, 6) for k in SOLVED_AT},
        "mean_pass_at": {k: round(sum(r.pass_at.get(k, 0.0) for r in reports) / n, 6) for k in pass_keys},
        "mean_filter_rate": round(sum(r.filter_rate for r in reports) / n, 6),
        "samples": sum(r.samples for r in reports),
        "cost": {k: round(sum((r.cost or {}).get(k, 0) for r in reports), 3)
                 for k in ("wall_s", "cpu_s", "executions", "tokens")},
    }

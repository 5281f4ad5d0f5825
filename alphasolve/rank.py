"""Rank: order the clusters and pick one submission from each of the best ones."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Sequence

from alphasolve.cluster import Cluster
from alphasolve.records import Sample


@dataclass
class Submission:
    rank: int  # 1 = the first submission
    problem_id: str
    sample_id: int
    program_id: str
    language: str
    cluster_id: int
    scores: dict[str, float] = field(default_factory=dict)  # everything that went into the order

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Submission":
        names = cls.__dataclass_fields__
        return cls(**{k: v for k, v in data.items() if k in names})


def rank_clusters(clusters: Sequence[Cluster], samples: dict[int, Sample], survivors: int,
                  limit: int = 10) -> list[Submission]:
    """Largest clusters first (AlphaCode); from each, its most-sampled program."""
    ordered = sorted(clusters, key=lambda c: (-c.size, c.members[0]))
    submissions = []
    for cluster in ordered[:limit]:
        program = cluster.programs[0]  # most sampled first, ties by first sample id
        first = min(s for s in cluster.members if samples[s].program_id == program)
        sample = samples[first]
        submissions.append(Submission(
            rank=len(submissions) + 1, problem_id=sample.problem_id, sample_id=sample.sample_id,
            program_id=program, language=sample.language or "", cluster_id=cluster.cluster_id,
            scores={"cluster_size": float(cluster.size),
                    "cluster_share": round(cluster.size / survivors, 6) if survivors else 0.0},
        ))
    return submissions

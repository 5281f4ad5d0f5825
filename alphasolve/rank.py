"""Rank: score the clusters, pick the best member of each, emit at most N submissions.

A cluster's score combines (weights in `[rank]` of the config):
  - size: log of its share of the clustered survivors (AlphaCode ranks by size alone);
  - logprob: the mean over its members of their mean token log-probability (model backends);
  - scorer: log P(yes) that its representative is correct, from a scoring model (AlphaCode 2;
    `alphasolve.score`); clusters the model was not asked about rank after those it was;
  - failures: minus the share of clustering inputs on which it crashed or timed out;
  - agreement with the other survivors (`alphasolve.agreement`, from the clustering runs):
    mbr (MBR-exec agreement) and plurality (share of inputs on which it gives the most common
    output), both shares, and support: log of the share of samples in clusters within
    `rank.support_distance` differing inputs of it.
Within a cluster the member with the best mean log-probability is picked, else the most sampled.
When there are fewer clusters than submissions, the next distinct programs of the best
clusters fill the list (`fill`), marked as such.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field
from typing import Any, Sequence

from alphasolve.agreement import Agreement
from alphasolve.cluster import Cluster
from alphasolve.fromdict import FromDict
from alphasolve.records import Sample


@dataclass(frozen=True)
class RankWeights:
    size: float = 1.0
    logprob: float = 0.0
    scorer: float = 0.0
    failures: float = 0.0
    mbr: float = 0.0
    plurality: float = 0.0
    support: float = 0.0


@dataclass
class Submission(FromDict):
    rank: int  # 1 = the first submission
    problem_id: str
    sample_id: int
    program_id: str
    language: str
    cluster_id: int
    scores: dict[str, float] = field(default_factory=dict)  # everything that went into the order
    fill: bool = False  # a further member of an already submitted cluster

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None


def member_order(cluster: Cluster, samples: dict[int, Sample]) -> list[str]:
    """The cluster's programs, best first: highest mean log-probability, else most sampled."""
    by_program: dict[str, list[int]] = {}
    for s in cluster.members:
        by_program.setdefault(samples[s].program_id, []).append(s)

    def key(pid: str) -> tuple:
        ids = by_program[pid]
        lp = _mean([samples[s].mean_logprob for s in ids if samples[s].mean_logprob is not None])
        return (0.0 if lp is None else -lp, -len(ids), min(ids))

    return sorted(cluster.programs, key=key)


def cluster_scores(cluster: Cluster, samples: dict[int, Sample], survivors: int, weights: RankWeights,
                   failure_share: float = 0.0, scorer_yes: float | None = None,
                   agreement: Agreement | None = None) -> dict[str, float]:
    lps = [samples[s].mean_logprob for s in cluster.members if samples[s].mean_logprob is not None]
    scores = {"cluster_size": float(cluster.size),
              "cluster_share": round(cluster.size / survivors, 6) if survivors else 0.0,
              "failure_share": round(failure_share, 6)}
    total = weights.size * math.log(max(scores["cluster_share"], 1e-12)) - weights.failures * failure_share
    if lps:
        scores["mean_logprob"] = round(sum(lps) / len(lps), 6)
        total += weights.logprob * scores["mean_logprob"]
    if scorer_yes is not None:
        scores["scorer_p_yes"] = round(scorer_yes, 6)
        total += weights.scorer * math.log(max(scorer_yes, 1e-12))
    if agreement is not None:
        scores.update(agreement=agreement.mbr, plurality=agreement.plurality, support=agreement.support)
        total += (weights.mbr * agreement.mbr + weights.plurality * agreement.plurality
                  + weights.support * math.log(max(agreement.support, 1e-12)))
    scores["total"] = round(total, 6)
    return scores


def rank_clusters(clusters: Sequence[Cluster], samples: dict[int, Sample], survivors: int, limit: int = 10,
                  weights: RankWeights = RankWeights(), failure_shares: dict[int, float] | None = None,
                  scorer: dict[str, float] | None = None, fill: bool = True,
                  agreements: dict[int, Agreement] | None = None) -> list[Submission]:
    """The submissions: the best member of each cluster by score, then fills (if `fill`).
    `agreements`: by cluster id (a cluster without one scores no agreement terms)."""
    failure_shares = failure_shares or {}
    scorer = scorer or {}
    agreements = agreements or {}
    scored = []
    for cluster in clusters:
        order = member_order(cluster, samples)
        scores = cluster_scores(cluster, samples, survivors, weights, failure_shares.get(cluster.cluster_id, 0.0),
                                scorer.get(order[0]), agreements.get(cluster.cluster_id))
        scored.append((cluster, order, scores))
    # with a scoring model, clusters it was not asked about (beyond rank.scorer_top) come after the others
    unscored = lambda scores: bool(scorer) and "scorer_p_yes" not in scores  # noqa: E731
    scored.sort(key=lambda t: (unscored(t[2]), -t[2]["total"], -t[0].size, t[0].members[0]))
    picks: list[tuple[Cluster, str, dict[str, float], bool]] = [(c, o[0], s, False) for c, o, s in scored[:limit]]
    depth = 1
    while fill and len(picks) < limit and any(len(o) > depth for _, o, _ in scored):
        for cluster, order, scores in scored:
            if len(order) > depth and len(picks) < limit:
                picks.append((cluster, order[depth], scores, True))
        depth += 1
    submissions = []
    for cluster, program, scores, is_fill in picks:
        first = min(s for s in cluster.members if samples[s].program_id == program)
        sample = samples[first]
        submissions.append(Submission(rank=len(submissions) + 1, problem_id=sample.problem_id,
                                      sample_id=sample.sample_id, program_id=program,
                                      language=sample.language or "", cluster_id=cluster.cluster_id,
                                      scores=dict(scores), fill=is_fill))
    return submissions


def fallback_candidates(samples: dict[int, Sample], verdicts: dict[int, Any], limit: int) -> list[Submission]:
    """When nothing passes the public tests: the distinct programs that compiled, most tests passed first."""
    best: dict[str, tuple] = {}
    for sid, record in verdicts.items():
        sample = samples.get(sid)
        if sample is None or sample.program_id is None or record.verdict in ("compile_error", "no_code"):
            continue
        lp = sample.mean_logprob if sample.mean_logprob is not None else -math.inf
        key = (-record.tests_passed, -lp, sid)
        if sample.program_id not in best or key < best[sample.program_id]:
            best[sample.program_id] = key
    chosen = sorted(best.items(), key=lambda kv: kv[1])[:limit]
    return [Submission(rank=k + 1, problem_id=samples[key[2]].problem_id, sample_id=key[2], program_id=pid,
                       language=samples[key[2]].language or "", cluster_id=-1,
                       scores={"public_tests_passed": float(-key[0])})
            for k, (pid, key) in enumerate(chosen)]

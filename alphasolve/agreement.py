"""Agreement signals: how much a cluster's behaviour agrees with the other survivors'.

Pure functions over a signature table: one row per cluster (its signature on the valid
clustering inputs, with a checker the output classes, as clustering uses them) and its
number of samples. Output symbols are "out:<hash>"; anything else (crash, time limit, ...)
is a failure, which never agrees with anything in `mbr` and `plurality`. The signals, all
computed from `cluster_runs.jsonl` (no new executions):

  - mbr (MBR-exec, Shi et al. 2022): the share of (other surviving sample, input) pairs on
    which the cluster's output equals the other sample's: its expected agreement with a random
    other survivor on a random input. The cluster's own further samples count as others.
  - plurality: the share of inputs on which its output is the most common survivor output
    (by samples; on a tie every most common output counts).
  - support: the share of the clustered samples in clusters whose signature differs from its
    own on at most `distance` inputs (itself included; failures compare as symbols, as in
    clustering): distance 0 is the cluster's own share.

No survivor to agree with (a single sample) or no input gives 0 for mbr and plurality.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Sequence


@dataclass(frozen=True)
class Agreement:
    mbr: float
    plurality: float
    support: float

    def to_dict(self) -> dict[str, float]:
        return asdict(self)


def _is_output(symbol: str) -> bool:
    return symbol.startswith("out:")


def _check(signatures: Sequence[Sequence[str]], weights: Sequence[int]) -> int:
    if len(signatures) != len(weights):
        raise ValueError(f"{len(signatures)} signatures but {len(weights)} weights")
    lengths = {len(s) for s in signatures}
    if len(lengths) > 1:
        raise ValueError(f"signatures of different lengths: {sorted(lengths)}")
    return lengths.pop() if lengths else 0


def output_counts(signatures: Sequence[Sequence[str]], weights: Sequence[int]) -> list[dict[str, int]]:
    """Per input, the samples giving each output (failures left out)."""
    n = _check(signatures, weights)
    counts: list[dict[str, int]] = [{} for _ in range(n)]
    for signature, weight in zip(signatures, weights):
        for k, symbol in enumerate(signature):
            if _is_output(symbol):
                counts[k][symbol] = counts[k].get(symbol, 0) + weight
    return counts


def mbr_scores(signatures: Sequence[Sequence[str]], weights: Sequence[int]) -> list[float]:
    n = _check(signatures, weights)
    total = sum(weights)
    if n == 0 or total <= 1:
        return [0.0] * len(signatures)
    counts = output_counts(signatures, weights)
    return [sum(counts[k][s] - 1 for k, s in enumerate(signature) if _is_output(s)) / ((total - 1) * n)
            for signature in signatures]


def plurality_scores(signatures: Sequence[Sequence[str]], weights: Sequence[int]) -> list[float]:
    n = _check(signatures, weights)
    if n == 0:
        return [0.0] * len(signatures)
    counts = output_counts(signatures, weights)
    best = [max(c.values(), default=0) for c in counts]
    return [sum(1 for k, s in enumerate(signature) if _is_output(s) and counts[k][s] == best[k]) / n
            for signature in signatures]


def support_scores(signatures: Sequence[Sequence[str]], weights: Sequence[int], distance: int = 1) -> list[float]:
    """Pairwise distances with numpy (a dependency of datasets and matplotlib), in blocks of rows:
    thousands of clusters take seconds, not the minutes of a Python loop over pairs."""
    import numpy as np

    n = _check(signatures, weights)
    total = sum(weights)
    if total <= 0 or not signatures:
        return [0.0] * len(signatures)
    codes: list[dict[str, int]] = [{} for _ in range(n)]
    table = np.array([[codes[k].setdefault(symbol, len(codes[k])) for k, symbol in enumerate(row)]
                      for row in signatures], dtype=np.int32).reshape(len(signatures), n)
    w = np.asarray(weights, dtype=np.float64)
    support = np.empty(len(signatures))
    block = max(1, 4_000_000 // max(1, len(signatures) * max(n, 1)))
    for start in range(0, len(signatures), block):
        differ = (table[start:start + block, None, :] != table[None, :, :]).sum(axis=2)
        support[start:start + block] = (differ <= distance) @ w
    return [float(x) / total for x in support]


def agreement(signatures: Sequence[Sequence[str]], weights: Sequence[int], distance: int = 1) -> list[Agreement]:
    """The three signals for each row of the table."""
    return [Agreement(round(m, 6), round(p, 6), round(s, 6)) for m, p, s in zip(
        mbr_scores(signatures, weights), plurality_scores(signatures, weights),
        support_scores(signatures, weights, distance))]


def plurality_side(counts: dict[str, int], a: str, b: str) -> str:
    """On one input where A gives `a` and B gives `b`: which side the plurality of survivors took,
    "a", "b", "tie" (both most common), or "neither" (another output, or only failures)."""
    best = max(counts.values(), default=0)
    top_a = _is_output(a) and counts.get(a, 0) == best
    top_b = _is_output(b) and counts.get(b, 0) == best
    if top_a and top_b:
        return "tie"
    return "a" if top_a else "b" if top_b else "neither"

"""Published results a run can be placed beside: AlphaCode on the CodeContests test split.

Problem files name their benchmark in `provenance.benchmark` (the shipped
`problems/codecontests-test/` say "codecontests-test"); `batch --eval` compares a batch's
solved@10 with the published 10@k at the sample budget k nearest its own samples per problem.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

ALPHACODE_SOURCE = ("Li et al. 2022, \"Competition-level code generation with AlphaCode\", Science 378(6624):1092-1097 "
                    "(arXiv:2203.07814), Table 5: solve rates on the CodeContests test set, 10@k")


@dataclass(frozen=True)
class Published:
    """One published figure: `system` solved `rate` of the benchmark's problems with n@k."""

    system: str
    submissions: int  # the n of n@k: submissions allowed per problem
    samples: int  # the k of n@k: samples drawn per problem
    rate: float  # share of the benchmark's problems solved


@dataclass(frozen=True)
class Benchmark:
    key: str  # what problem files give as provenance.benchmark
    title: str
    problems: int  # problems in the benchmark as published
    results: tuple[Published, ...]
    source: str

    def nearest(self, samples: int, submissions: int = 10) -> Published | None:
        """The published n@k with n = `submissions` whose k is nearest `samples` (on a log scale)."""
        candidates = [r for r in self.results if r.submissions == submissions]
        if not candidates or samples < 1:
            return None
        return min(candidates, key=lambda r: (abs(math.log(r.samples / samples)), r.samples))


BENCHMARKS: dict[str, Benchmark] = {
    "codecontests-test": Benchmark(
        key="codecontests-test", title="CodeContests test split", problems=165,
        results=(
            Published("AlphaCode 41B + clustering", 10, 1_000, 0.164),
            Published("AlphaCode 41B + clustering", 10, 10_000, 0.254),
            Published("AlphaCode 41B + clustering", 10, 100_000, 0.296),
        ),
        source=ALPHACODE_SOURCE,
    ),
}

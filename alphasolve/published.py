"""Published results a run can be placed beside: AlphaCode on the CodeContests test split.

Problem files name their benchmark in `provenance.benchmark` (the shipped
`problems/codecontests-test/` say "codecontests-test"); `batch --eval` compares a batch's
solved@10 with the published 10@k at the sample budget k nearest its own samples per problem.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

# Checked (2026-12-06) against the text of the paper, arXiv:2203.07814v1 (8 Feb 2022), Section 5.2
# "CodeContests evaluation", Table 5, caption "Solve rates of our best systems on the validation set and
# test set." Its test-set columns are 10@1k, 10@10k and 10@100k (10@1M is given for the validation set only):
#     9B                 14.3%  21.5%  25.8%
#     41B                15.6%  23.2%  27.7%
#     41B + clustering   16.4%  25.4%  29.6%
# Kept: "41B + clustering", the setting alphasolve follows (filter on the example tests, cluster, submit 10);
# the 9B and 41B rows are without clustering. The paper's n@k are expectations computed by bootstrapping
# (Section 2.2); its test set has 165 problems (Table 1). The Science version (378(6624):1092-1097,
# doi:10.1126/science.abq1158) was not consulted: the section and table numbers are the preprint's.
ALPHACODE_SOURCE = ("Li et al. 2022, \"Competition-Level Code Generation with AlphaCode\", arXiv:2203.07814v1, "
                    "Section 5.2, Table 5 (solve rates on the validation and test sets), row \"41B + clustering\", "
                    "test set 10@k; published in Science 378(6624):1092-1097")


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

"""The replay sampler: draw candidates from a problem's recorded solutions, no model needed.

Sample `i` is drawn (with replacement) by a generator seeded with (problem, seed, i), so any subset
of ids can be drawn in any order and a resumed run draws exactly what an uninterrupted
one would.
"""

from __future__ import annotations

import random
from typing import TYPE_CHECKING, Iterator, Sequence

from alphasolve import languages
from alphasolve.errors import AlphasolveError
from alphasolve.records import Sample

if TYPE_CHECKING:
    from alphasolve.config import SampleConfig
    from alphasolve.problem import Problem


class ReplaySampler:
    def __init__(self, config: "SampleConfig"):
        self.seed = config.seed
        self.include_incorrect = config.replay_incorrect

    def pool(self, problem: "Problem") -> list[tuple[str, int, str, str]]:
        """(label, index, language, code) of every executable recorded solution."""
        pool = [("correct", k, s.language, s.code) for k, s in enumerate(problem.solutions)]
        if self.include_incorrect:
            pool += [("incorrect", k, s.language, s.code) for k, s in enumerate(problem.incorrect_solutions)]
        return [entry for entry in pool if entry[2] in languages.EXECUTABLE]

    def sample(self, problem: "Problem", sample_ids: Sequence[int]) -> Iterator[Sample]:
        pool = self.pool(problem)
        if not pool:
            raise AlphasolveError("the replay sampler needs solutions in Python 3, C or C++; "
                                  "this problem has none", file=problem.path, field="solutions")
        for sample_id in sample_ids:
            rng = random.Random(f"replay:{problem.problem_id}:{self.seed}:{sample_id}")
            label, index, language, code = pool[rng.randrange(len(pool))]
            field = "solutions" if label == "correct" else "incorrect_solutions"
            yield Sample(problem_id=problem.problem_id, sample_id=sample_id, language=language,
                         code=code, text=code, origin=f"replay:{field}[{index}]", label=label)

    def close(self) -> None:
        pass

"""Filter: run each distinct candidate on the public tests; keep those that pass them all.

Pure over typed records: the runner supplies samples, an executor and the results already
known from an earlier, interrupted run; this module yields one FilterRecord per sample. A
problem with a checker is judged by it (it travels in `problem.compare`); a checker that
fails on an output gives the verdict judge_error, with its message in `judge_message`.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Iterable, Iterator

from alphasolve.errors import AlphasolveError
from alphasolve.execute import ExecResult, Executor, Job, Limits, Program, Verdict
from alphasolve.fromdict import FromDict, without_defaults
from alphasolve.problem import Problem
from alphasolve.records import SCHEMA_VERSION, Sample

NO_CODE = "no_code"


@dataclass(slots=True)
class FilterRecord(FromDict):
    problem_id: str
    sample_id: int
    program_id: str | None
    passed: bool
    verdict: str  # a Verdict value, or "no_code"
    tests_passed: int
    tests_total: int
    failed_test: int | None = None  # index of the first public test that failed
    max_cpu_time: float = 0.0
    stderr: str = ""  # of the failing run, capped
    judge_message: str = ""  # what the checker said about the failing run (or why it failed)

    def to_dict(self) -> dict[str, Any]:
        return {"schema": SCHEMA_VERSION, **without_defaults(self)}

    def for_sample(self, sample: Sample) -> "FilterRecord":
        """The same judgement for another sample with the same program."""
        return FilterRecord(**{**asdict(self), "sample_id": sample.sample_id})


def judgement(sample: Sample, results: list[ExecResult], total: int) -> FilterRecord:
    passed_count = 0
    for result in results:
        if result.verdict != Verdict.ACCEPTED:
            break
        passed_count += 1
    failing = results[passed_count] if passed_count < len(results) else None
    return FilterRecord(
        problem_id=sample.problem_id, sample_id=sample.sample_id, program_id=sample.program_id,
        passed=passed_count == total, tests_passed=passed_count, tests_total=total,
        verdict=(failing.verdict.value if failing else Verdict.ACCEPTED.value),
        failed_test=None if failing is None else passed_count,
        max_cpu_time=max((r.cpu_time for r in results), default=0.0),
        stderr=failing.stderr[-500:] if failing else "",
        judge_message=failing.judge_message[:1000] if failing else "",
    )


def filter_samples(problem: Problem, samples: Iterable[Sample], executor: Executor, limits: Limits,
                   known: dict[str, FilterRecord] | None = None) -> Iterator[FilterRecord]:
    """Judge samples on the public tests; each distinct program runs at most once.

    `known` maps program ids to earlier judgements (reused without running anything).
    Records come in completion order; every sample gets exactly one.
    """
    known = dict(known or {})
    tests = problem.public_tests
    waiting: dict[str, list[Sample]] = {}
    jobs: list[Job] = []
    for sample in samples:
        pid = sample.program_id
        if pid is None:
            yield FilterRecord(sample.problem_id, sample.sample_id, None, False, NO_CODE, 0, len(tests))
        elif pid in known:
            yield known[pid].for_sample(sample)
        elif pid in waiting:
            waiting[pid].append(sample)
        else:
            waiting[pid] = [sample]
            jobs.append(Job(key=pid, program=Program(sample.language, sample.code),
                            inputs=[t.input for t in tests], limits=limits,
                            expected=[t.output for t in tests], compare=problem.compare,
                            stop_on_failure=True))
    if not jobs:
        return
    for job, results in executor.map(jobs):
        group = waiting.pop(job.key)
        first = judgement(group[0], results, len(tests))
        yield first
        for sample in group[1:]:
            yield first.for_sample(sample)


def require_checker(problem: Problem, executor: Executor) -> None:
    """Raise a clear error, naming the problem file, when its checker cannot run (does not compile)."""
    why = executor.checker_error(problem.checker) if problem.checker is not None else None
    if why:
        raise AlphasolveError(why, file=problem.path, field="checker")


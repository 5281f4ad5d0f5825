"""The clustering time budget: less CPU for programs that time out, the same clusters otherwise.

A looping program burns the whole time limit on every clustering input. Under a `TimeBudget`
([cluster] `time_budget_factor`, `time_budget_floor_s`, `time_budget_references`,
`skip_after_timeouts`) each run's CPU limit is a budget calibrated, per language, on what the
survivors need (`BudgetedRuns`), and a program that timed out on `skip_after` inputs is not run on
the later ones (SKIPPED). Both depend only on the executions' results, in input order: neither the
order in which jobs finish nor the number of workers changes anything. A program that never times
out gets exactly the results it gets without the budget. CPU time, not wall time, is the measure.
Pure: the runner keeps the calibration (cluster_budget.json) and passes it back on a resume.
"""

from __future__ import annotations

import math
from collections import deque
from dataclasses import asdict, dataclass, field, replace
from typing import Any, Callable, Iterable, Iterator, Sequence

from alphasolve.execute import ExecResult, Executor, Job, Limits, Program, Verdict
from alphasolve.fromdict import FromDict
from alphasolve.records import Sample

#: the signature symbol of an input a program was not run on: it had timed out on
#: `TimeBudget.skip_after` inputs before it. A failure like a time-out (it never agrees with an
#: output); it says nothing of the input (`cluster.valid_input_indices` counts the programs that ran)
SKIPPED = "skipped"


@dataclass(frozen=True)
class TimeBudget:
    """How clustering runs spend CPU on programs that time out ([cluster] settings).

    - `factor` (`time_budget_factor`): each run's CPU limit is the budget: `factor` x the
      reference time, at least `floor_s`, at most the problem's limit. The reference time, per
      language, is the slowest of: the survivors' public-test times (filter.jsonl) and, over the
      clustering inputs, the time the typical reference program needs (`BudgetedRuns`). 0: every
      run gets the problem's limit.
    - `skip_after` (`skip_after_timeouts`): a program that timed out on this many clustering inputs
      is not run on the later ones (SKIPPED). 0: never.
    - `references` (`time_budget_references`): reference programs per language.
    """

    factor: float = 0.0
    floor_s: float = 0.25
    references: int = 5
    skip_after: int = 0

    @property
    def on(self) -> bool:
        return self.factor > 0 or self.skip_after > 0

    @classmethod
    def of(cls, config: Any) -> "TimeBudget":
        """From the [cluster] settings."""
        return cls(config.time_budget_factor, config.time_budget_floor_s, config.time_budget_references,
                   config.skip_after_timeouts)

    def budget(self, limit_s: float, reference_s: float) -> float:
        return min(limit_s, max(self.floor_s, self.factor * reference_s)) if self.factor > 0 else limit_s


class _Row:
    """One program's results on the inputs, in input order, as far as they are known.

    The skip rule: once it has timed out on `skip_after` inputs it is done, and what was run
    past that point is discarded. So its results depend only on its own runs, in input order,
    never on which job finished first."""

    def __init__(self, sample: Sample, n_inputs: int, limit_s: float, skip_after: int,
                 results: Sequence[ExecResult] = ()):
        self.sample, self.n, self.limit_s, self.skip_after = sample, n_inputs, limit_s, skip_after
        self.results: list[ExecResult] = []
        self.timeouts = 0
        self.add(results)

    @property
    def done(self) -> bool:
        return len(self.results) >= self.n or 0 < self.skip_after <= self.timeouts

    def add(self, results: Sequence[ExecResult]) -> None:
        if len(results) == 1 and results[0].verdict == Verdict.COMPILE_ERROR:
            results = list(results) * (self.n - len(self.results))
        for result in results:
            if self.done:
                return  # past the cut: discarded
            self.results.append(result)
            self.timeouts += result.verdict == Verdict.TIME_LIMIT

    def job(self, inputs: Sequence[str], limits: Limits) -> Job:
        """The rest of its inputs; stops at the first failure (a time-out may be the cut)."""
        return Job(key=self, program=Program(self.sample.language, self.sample.code),
                   inputs=inputs[len(self.results):], limits=replace(limits, time_s=self.limit_s),
                   stop_on_failure=True)


def _run_rows(executor: Executor, rows: Iterable[_Row], inputs: Sequence[str], limits: Limits) -> Iterator[_Row]:
    """Run each row until it is done; yields rows as they are done. A job stops at a failure and
    the row goes on from the next input in a later job, so nothing past a cut is run."""
    queue: deque[_Row] = deque()
    for row in rows:
        if row.done:
            yield row
        else:
            queue.append(row)

    def jobs() -> Iterator[Job]:
        while queue:
            yield queue.popleft().job(inputs, limits)

    while queue:  # a row that goes on after the executor read its last job waits for the next map
        for job, results in executor.map(jobs()):
            row: _Row = job.key
            row.add(results)
            if row.done:
                yield row
            else:
                queue.append(row)


def _at_budget(results: Sequence[ExecResult], budget_s: float, skip_after: int) -> list[ExecResult]:
    """Results obtained with a larger CPU limit, as the budget would have given them: a run that
    needed more CPU than `budget_s` timed out, and the skip rule cuts again."""
    out, timeouts = [], 0
    for result in results:
        if 0 < skip_after <= timeouts:
            break
        if result.verdict != Verdict.TIME_LIMIT and result.cpu_time > budget_s:
            result = ExecResult(Verdict.TIME_LIMIT, cpu_time=result.cpu_time, wall_time=result.wall_time,
                                peak_memory=result.peak_memory)
        timeouts += result.verdict == Verdict.TIME_LIMIT
        out.append(result)
    return out


def _typical_times(rows: Sequence[_Row], n_inputs: int) -> list[float]:
    """Per input, the lower median of the rows' CPU times (a time-out or a skip: infinite)."""
    times = []
    for k in range(n_inputs):
        column = sorted(row.results[k].cpu_time if k < len(row.results) and row.results[k].verdict != Verdict.TIME_LIMIT
                        else math.inf for row in rows)
        times.append(column[(len(column) - 1) // 2])
    return times


@dataclass
class Calibration(FromDict):
    """One language's budget and how it was found (cluster_budget.json)."""

    language: str
    budget_s: float  # every run's CPU limit
    limit_s: float  # the problem's
    public_s: float  # slowest public-test time of the language's survivors
    reference_s: float | None  # the typical reference's time on its slowest input (None: not calibrated)
    provisional_s: float  # the references' first budget (from public_s)
    references: list[str]  # program ids
    probe: dict[str, Any] | None = None  # the typical reference timed out: one reran there with the limit
    escalated_s: list[float] = field(default_factory=list)  # the limits the references' time-outs were rerun with

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


class BudgetedRuns:
    """Clustering runs under a `TimeBudget`. Deterministic given the executions' results: the
    order in which jobs finish and the number of workers change nothing.

    Per language, the budget is calibrated on reference programs first (the first
    `budget.references` distinct survivors in sample order, which more samples do not change).
    They run with the provisional budget (from the survivors' public-test times). When the
    typical (lower median) reference's time on its slowest input calls for more, their time-outs
    are rerun with the budget it calls for (then, if it calls for more again, with the limit).
    Where the typical reference times out, one of the references is rerun there with the problem's
    limit (the probe): if it finishes, the typical survivor is slow there, not looping, and their
    time-outs are rerun with the limit. The budget is `factor` x the slower of the public-test time
    and the typical reference's time on its slowest input (inputs it times out on even then do not
    count), at least the floor, at most the limit; the references' runs are judged as the budget
    would have (`_at_budget`), and every other program runs with it. Each program runs its inputs
    in order and stops after `skip_after` time-outs (`_Row`).
    """

    def __init__(self, budget: TimeBudget, inputs: Sequence[str], limits: Limits):
        self.budget, self.inputs, self.limits = budget, list(inputs), limits

    def run(self, programs: Iterable[Sample], executor: Executor, *, references: Sequence[Sample] = (),
            public_s: dict[str, float] | None = None, calibration: dict[str, Calibration] | None = None,
            on_calibrated: Callable[[dict[str, Calibration]], None] | None = None
            ) -> Iterator[tuple[Sample, list[ExecResult]]]:
        """Run `programs`: yields each with its results on the first inputs, in input order (SKIPPED on
        the others), as they are done. `references`: every program to be clustered, in sample order
        (the reference programs are the first ones of each language); `public_s`: their public-test
        CPU times by program id; `calibration`: the budgets found before (a resumed run), by language.
        When languages are newly calibrated, `on_calibrated(all calibrations)` is called before any of
        their runs is yielded (the runner keeps them for a resume); their references are run (again,
        if they were done before without a calibration) and yielded first, in sample order."""
        programs = list(programs)
        calibration = dict(calibration or {})
        n, skip = len(self.inputs), self.budget.skip_after
        if self.budget.factor > 0:
            wanted = {s.language for s in programs} - set(calibration)
            refs: dict[str, list[Sample]] = {}
            for sample in references:
                group = refs.setdefault(sample.language, [])
                if sample.language in wanted and len(group) < self.budget.references:
                    group.append(sample)
            if wanted:
                found, ref_runs = self._calibrate({lang: refs[lang] for lang in wanted if refs.get(lang)},
                                                  executor, public_s or {})
                calibration.update(found)
                if on_calibrated is not None:
                    on_calibrated(calibration)
                order = {s.program_id: k for k, s in enumerate(references)}
                yield from sorted(ref_runs, key=lambda pair: order[pair[0].program_id])
                ran = {s.program_id for s, _ in ref_runs}
                programs = [s for s in programs if s.program_id not in ran]
        rows = [_Row(s, n, calibration[s.language].budget_s if s.language in calibration else self.limits.time_s,
                     skip) for s in programs]
        for row in _run_rows(executor, rows, self.inputs, self.limits):
            yield row.sample, row.results

    def _calibrate(self, refs: dict[str, list[Sample]], executor: Executor, public_s: dict[str, float]
                   ) -> tuple[dict[str, Calibration], list[tuple[Sample, list[ExecResult]]]]:
        """Each language's calibration, and its references' results judged at its budget."""
        budget, limit, n, skip = self.budget, self.limits.time_s, len(self.inputs), self.budget.skip_after
        public = {lang: max((public_s.get(s.program_id, 0.0) for s in group), default=0.0)
                  for lang, group in refs.items()}
        cals = {lang: Calibration(lang, budget.budget(limit, public[lang]), limit, public[lang], None,
                                  budget.budget(limit, public[lang]), [s.program_id for s in group])
                for lang, group in refs.items()}
        rows = {lang: [_Row(s, n, cals[lang].budget_s, skip) for s in group] for lang, group in refs.items()}
        list(_run_rows(executor, [r for group in rows.values() for r in group], self.inputs, self.limits))
        while True:
            raise_to: dict[str, float] = {}  # the references' time-outs are rerun with this limit
            probes: dict[str, tuple[_Row, int]] = {}
            for lang, group in rows.items():
                cal, typical = cals[lang], _typical_times(group, n)
                wanted = budget.budget(limit, max([public[lang], *(t for t in typical if t < math.inf)]))
                if wanted > cal.budget_s:  # the typical reference needs more than the references had
                    raise_to[lang] = wanted if not cal.escalated_s else limit
                elif math.inf in typical and cal.budget_s < limit and cal.probe is None:
                    k = typical.index(math.inf)  # the typical reference timed out: slow, or looping?
                    timed_out = [r for r in group if k < len(r.results) and r.results[k].verdict == Verdict.TIME_LIMIT]
                    probes[lang] = ((timed_out or [r for r in group if k >= len(r.results)])[0], k)
            jobs = [Job(key=lang, program=Program(row.sample.language, row.sample.code), inputs=[self.inputs[k]],
                        limits=self.limits) for lang, (row, k) in probes.items()]
            for job, results in executor.map(jobs) if jobs else ():
                row, k = probes[job.key]
                cals[job.key].probe = {"program_id": row.sample.program_id, "input": k,
                                       "verdict": results[0].verdict.value, "cpu_time": results[0].cpu_time}
                if results[0].verdict != Verdict.TIME_LIMIT:  # it finishes: the limit tells the typical time
                    raise_to[job.key] = limit
            if not raise_to:
                break
            again = []  # each reference that timed out, rerun from its first time-out
            for lang, new in raise_to.items():
                cals[lang].budget_s = new
                cals[lang].escalated_s.append(new)
                for k, row in enumerate(rows[lang]):
                    first = next((i for i, r in enumerate(row.results) if r.verdict == Verdict.TIME_LIMIT), None)
                    if first is not None:
                        again.append((lang, k, _Row(row.sample, n, new, skip, row.results[:first])))
            list(_run_rows(executor, [r for _, _, r in again], self.inputs, self.limits))
            for lang, k, row in again:
                rows[lang][k] = row
        ref_runs = []
        for lang, group in rows.items():
            cal = cals[lang]
            finite = [t for t in _typical_times(group, n) if t < math.inf]
            cal.reference_s = max(finite) if finite else None
            cal.budget_s = budget.budget(limit, max(public[lang], cal.reference_s or 0.0))
            ref_runs += [(row.sample, _at_budget(row.results, cal.budget_s, skip)) for row in group]
        return cals, ref_runs

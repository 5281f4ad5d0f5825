"""Cluster: run survivors on the clustering inputs and group them by output signature.

A program's signature is its vector of normalised outputs on the valid inputs (crash, time
limit, memory limit, ... as distinct symbols). Equal signatures form one cluster. With a
checker, checker_classes.py first maps each output to its class's representative output, so
outputs the checker accepts as equal count as one.

Time-outs are the costly runs (a looping program burns the whole limit on every input): under a
`TimeBudget` (cluster_budget.py; [cluster] `time_budget_*`, `skip_after_timeouts`) runs get a
calibrated CPU budget and a program stops being run after a few time-outs (SKIPPED on the rest of
the inputs); with its settings off every program runs on every input with the problem's limit.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from typing import Any, Callable, Collection, Iterable, Iterator, Sequence

from alphasolve.cluster_budget import SKIPPED, BudgetedRuns, Calibration, TimeBudget
from alphasolve.execute import CompareSpec, ExecResult, Executor, Job, Limits, Program, Verdict, normalize
from alphasolve.fromdict import FromDict
from alphasolve.records import SCHEMA_VERSION, Sample

__all__ = ["SKIPPED", "Calibration", "Cluster", "ProgramRun", "TimeBudget", "cluster_programs", "run_on_inputs",
           "signature_hash", "symbol", "valid_input_indices"]

PREVIEW_CHARS = 120  # per input per program: kept small, cluster_runs.jsonl grows as programs x inputs
#: an input on which more than this share of survivors fail (crash, time out) is dropped
INVALID_INPUT_FAILURE_SHARE = 0.5
#: an input on which more than this share of survivors exceed a resource limit is dropped
INVALID_INPUT_LIMIT_SHARE = 0.1


@dataclass
class ProgramRun(FromDict):
    """One surviving program's behaviour on every clustering input."""

    problem_id: str
    sample_id: int  # the first sample with this program
    program_id: str
    signature: list[str]  # per input: "out:<hash>" or a verdict value
    previews: list[str]  # per input: the start of the normalised output

    def to_dict(self) -> dict[str, Any]:
        return {"schema": SCHEMA_VERSION, **asdict(self)}


@dataclass
class Cluster(FromDict):
    cluster_id: int  # 0 = the largest
    size: int  # samples in the cluster
    signature_hash: str
    programs: list[str]  # program ids, most sampled first
    members: list[int]  # sample ids
    program_sizes: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def symbol(result: ExecResult, compare: CompareSpec) -> tuple[str, str]:
    """(signature symbol, preview) of one run."""
    if result.verdict == Verdict.OK:
        text = normalize(result.stdout, compare)
        return "out:" + hashlib.sha256(text.encode()).hexdigest()[:16], text[:PREVIEW_CHARS]
    return result.verdict.value, ""


def run_on_inputs(programs: Iterable[Sample], inputs: Sequence[str], executor: Executor,
                  limits: Limits, compare: CompareSpec,
                  on_output: Callable[[str, str], None] | None = None,
                  budget: TimeBudget | None = None, **budgeted: Any) -> Iterator[ProgramRun]:
    """Run each (distinct) program on all inputs; yields in completion order.

    `on_output(symbol, stdout)` sees every output before its run is yielded (a checker needs
    the outputs themselves, not only their hashes). With a `budget` that is on, `BudgetedRuns`
    runs them (`budgeted`: the arguments of its `run`), and a program may be SKIPPED on the last inputs.
    """
    if budget is not None and budget.on:
        for sample, results in BudgetedRuns(budget, inputs, limits).run(programs, executor, **budgeted):
            yield _program_run(sample, results, len(inputs), compare, on_output)
        return
    jobs = (Job(key=s, program=Program(s.language, s.code), inputs=list(inputs), limits=limits)
            for s in programs)
    for job, results in executor.map(jobs):
        sample: Sample = job.key
        if len(results) == 1 and results[0].verdict == Verdict.COMPILE_ERROR:
            results = results * len(inputs)
        yield _program_run(sample, results, len(inputs), compare, on_output)


def _program_run(sample: Sample, results: Sequence[ExecResult], n_inputs: int, compare: CompareSpec,
                 on_output: Callable[[str, str], None] | None) -> ProgramRun:
    """The run of `sample` from its results on the first inputs (the rest: SKIPPED)."""
    pairs = [symbol(r, compare) for r in results] + [(SKIPPED, "")] * (n_inputs - len(results))
    if on_output is not None:
        for (sym, _), result in zip(pairs, results):
            if sym.startswith("out:"):
                on_output(sym, result.stdout)
    return ProgramRun(sample.problem_id, sample.sample_id, sample.program_id,
                      [p[0] for p in pairs], [p[1] for p in pairs])


def valid_input_indices(runs: Sequence[ProgramRun], n_inputs: int, keep: int = 0,
                        by_spec: Collection[int] = ()) -> list[int]:
    """Inputs on which the survivors' behaviour says the input is probably valid; the first
    `keep` (the public ones) always stay.

    Dropped: inputs on which more than INVALID_INPUT_FAILURE_SHARE of the survivors fail, and
    inputs on which more than INVALID_INPUT_LIMIT_SHARE (a tenth) exceed a resource limit (time,
    memory, output): an input too large for the problem's constraints, or runs slowed down by a
    busy machine, would otherwise split programs that agree everywhere else. (A tenth, not any:
    among thousands of survivors a few loop forever on every input.)

    Shares are of the survivors that ran on the input: one SKIPPED there (`TimeBudget`) says nothing
    about the input, only that the program had timed out on earlier ones.

    Inputs `by_spec` satisfy the statement's input spec: their size is one the statement allows,
    so exceeding a limit there is the program's fault (an O(n^2) loop at n = 2*10^5), not the
    input's: only crashes count against them (a constraint the spec did not read may still be
    broken, and programs crash on it).
    """
    limits = {Verdict.TIME_LIMIT.value, Verdict.MEMORY_LIMIT.value, Verdict.OUTPUT_LIMIT.value}
    by_spec = set(by_spec)
    valid = []
    for k in range(n_inputs):
        if k < keep or not runs:
            valid.append(k)
            continue
        symbols = [run.signature[k] for run in runs if run.signature[k] != SKIPPED]
        failures = sum(1 for s in symbols if not s.startswith("out:"))
        over = sum(1 for s in symbols if s in limits)
        if k in by_spec:
            failures, over = failures - over, 0
        if failures > INVALID_INPUT_FAILURE_SHARE * len(symbols) or over > INVALID_INPUT_LIMIT_SHARE * len(symbols):
            continue
        valid.append(k)
    return valid


def signature_hash(symbols: Sequence[str]) -> str:
    """A cluster's id for its signature on the valid inputs (clusters.json's signature_hash)."""
    return hashlib.sha256("\0".join(symbols).encode()).hexdigest()[:16]


def cluster_programs(runs: Iterable[ProgramRun], members: dict[str, list[int]],
                     valid: Sequence[int]) -> list[Cluster]:
    """Group programs by signature on the valid inputs; sort by size, then first member."""
    groups: dict[tuple[str, ...], list[str]] = {}
    for run in runs:
        key = tuple(run.signature[k] for k in valid)
        groups.setdefault(key, []).append(run.program_id)
    clusters = []
    for key, programs in groups.items():
        programs.sort(key=lambda p: (-len(members[p]), min(members[p])))
        sample_ids = sorted(s for p in programs for s in members[p])
        clusters.append(Cluster(
            cluster_id=-1, size=len(sample_ids),
            signature_hash=signature_hash(key),
            programs=programs, members=sample_ids,
            program_sizes={p: len(members[p]) for p in programs},
        ))
    clusters.sort(key=lambda c: (-c.size, c.members[0]))
    for k, c in enumerate(clusters):
        c.cluster_id = k
    return clusters

"""The filter stage: judge each distinct program on the public tests (`alphasolve.filter`) into
filter.jsonl; judgements are reused by program on resume."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from alphasolve.artifacts import JsonlAppender, iter_jsonl
from alphasolve.digest import json_hash
from alphasolve.fromdict import load_by_sample
from alphasolve.execute.checker import one_line
from alphasolve.filter import FilterRecord, filter_samples, require_checker
from alphasolve.rundir import FILTER, RunDir
from alphasolve.stage import Stage, execution_limits
from alphasolve.stages.sample import load_samples

if TYPE_CHECKING:
    from alphasolve.config import Config
    from alphasolve.problem import Problem
    from alphasolve.stage import StageContext


def load_filter_file(path: Path, repair: bool = True) -> dict[int, FilterRecord]:
    """The judgements by sample, streamed; the strings repeated for every sample of a program (its
    id, verdict, stderr, the checker's message) are held once."""
    return load_by_sample(path, FilterRecord, ("problem_id", "program_id", "verdict", "stderr", "judge_message"),
                          repair=repair)


def load_filter(run: RunDir, repair: bool = True) -> dict[int, FilterRecord]:
    return load_filter_file(run.file(FILTER), repair=repair)


def settings(problem: "Problem", config: "Config") -> dict[str, Any]:
    """The public tests, the limits and how outputs are compared."""
    return {"public_tests": json_hash([[t.input, t.output] for t in problem.public_tests]),
            "limits": vars(execution_limits(problem, config)) | {}, "compare": problem.compare.to_dict()}


def run(ctx: "StageContext") -> dict[str, int]:
    samples = load_samples(ctx.run)
    done = load_filter(ctx.run)
    known = {r.program_id: r for r in done.values() if r.program_id}
    todo = [samples[i] for i in range(ctx.n_samples) if i not in done]
    to_run = len({s.program_id for s in todo if s.program_id and s.program_id not in known})
    if done and todo:
        ctx.reporter.note("filter", f"resuming: {len(done)} samples judged before, {len(known)} programs known")
    if todo:
        ctx.reporter.note("filter", f"running {to_run} distinct programs on {len(ctx.problem.public_tests)} "
                                    f"public tests for {len(todo)} samples")
        executor = ctx.executor() if to_run else None
        if executor is not None and ctx.problem.checker is not None:
            require_checker(ctx.problem, executor)  # a clear error before anything runs
        with JsonlAppender(ctx.run.file(FILTER)) as out, \
                ctx.reporter.progress("filter", len(todo)) as advance:
            for record in filter_samples(ctx.problem, todo, executor, ctx.limits, known):
                out.write(record.to_dict())
                done[record.sample_id] = record  # (not read back: a million lines)
                advance(1)
    passed = sum(1 for i in range(ctx.n_samples) if done[i].passed)
    errors = [done[i] for i in range(ctx.n_samples) if done[i].verdict == "judge_error"]
    if errors:
        ctx.reporter.note("filter", f"judge error: the checker failed on {len(errors)} of {ctx.n_samples} samples "
                                    f"(they count as failed); first: {one_line(errors[0].judge_message)}")
    counts = {"judged": ctx.n_samples, "executed_programs": to_run, "passed": passed}
    return counts | ({"judge_errors": len(errors)} if errors else {})


def partial_counts(run_dir: RunDir) -> dict[str, int]:
    judged = passed = 0
    for record in iter_jsonl(run_dir.file(FILTER), repair=False):
        judged, passed = judged + 1, passed + bool(record.get("passed"))
    return {"judged": judged, "passed": passed}


STAGE = Stage("filter", upstream=("sample",), artifacts=(FILTER,), settings=settings, run=run,
              partial_counts=partial_counts)

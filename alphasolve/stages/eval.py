"""The eval stage (on demand: `alphasolve eval`, `batch --eval`): judge every surviving program on
the hidden tests into eval_runs.jsonl (reused by program on resume). `run_eval.py` runs it on a
finished run and writes the report (eval.json) from what it judged.

Its key holds only the hidden tests, the limits and the comparison: whether a program passes them
does not depend on how it was sampled or ranked, so a rerun of the other stages keeps its judgements.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from alphasolve.artifacts import JsonlAppender, read_jsonl
from alphasolve.digest import json_hash
from alphasolve.execute import Job, Program, Verdict
from alphasolve.execute.checker import one_line
from alphasolve.filter import require_checker
from alphasolve.records import SCHEMA_VERSION, Sample
from alphasolve.rundir import EVAL, EVAL_RUNS, RunDir
from alphasolve.stage import Stage, execution_limits
from alphasolve.stages.filter import load_filter
from alphasolve.stages.sample import load_samples

if TYPE_CHECKING:
    from alphasolve.config import Config
    from alphasolve.problem import Problem
    from alphasolve.stage import StageContext


def settings(problem: "Problem", config: "Config") -> dict[str, Any]:
    """The hidden tests, the limits and how outputs are compared."""
    return {"hidden_tests": json_hash([[t.input, t.output] for t in problem.hidden_tests]),
            "limits": vars(execution_limits(problem, config)) | {}, "compare": problem.compare.to_dict()}


def survivors(run: RunDir, n_samples: int) -> list[Sample]:
    """The samples (of the first `n_samples`) that passed the public tests."""
    samples = load_samples(run, repair=False)
    verdicts = load_filter(run, repair=False)
    return [samples[i] for i in range(n_samples) if verdicts[i].passed]


def load_judged(run: RunDir) -> dict[str, bool]:
    """Program id -> whether it passed every hidden test."""
    return {r["program_id"]: r["passed"] for r in read_jsonl(run.file(EVAL_RUNS))}


def run(ctx: "StageContext") -> dict[str, int]:
    hidden = ctx.problem.hidden_tests
    alive = survivors(ctx.run, ctx.n_samples)
    judged = load_judged(ctx.run)
    todo: dict[str, Sample] = {}
    for s in alive:
        if s.program_id not in judged:
            todo.setdefault(s.program_id, s)
    judge_errors: list[str] = []
    if todo:
        ctx.reporter.note("eval", f"judging {len(todo)} surviving programs on {len(hidden)} hidden tests")
        jobs = [Job(key=s, program=Program(s.language, s.code), inputs=[t.input for t in hidden], limits=ctx.limits,
                    expected=[t.output for t in hidden], compare=ctx.problem.compare, stop_on_failure=True)
                for s in todo.values()]
        executor = ctx.executor()
        with JsonlAppender(ctx.run.file(EVAL_RUNS)) as out, ctx.reporter.progress("eval", len(jobs)) as advance:
            require_checker(ctx.problem, executor)
            for job, results in executor.map(jobs):
                ok = len(results) == len(hidden) and all(r.verdict == Verdict.ACCEPTED for r in results)
                judge_errors += [r.judge_message for r in results if r.verdict == Verdict.JUDGE_ERROR]
                s = job.key
                out.write({"schema": SCHEMA_VERSION, "problem_id": s.problem_id, "sample_id": s.sample_id,
                           "program_id": s.program_id, "passed": ok, "verdict": results[-1].verdict.value})
                judged[s.program_id] = ok
                advance(1)
        if judge_errors:
            ctx.reporter.note("eval", f"judge error: the checker failed {len(judge_errors)} times (those programs "
                                      f"count as not solving the problem); first: {one_line(judge_errors[0])}")
    counts = {"survivors": len(alive), "judged_programs": len(judged), "executed_programs": len(todo),
              "passed_programs": sum(judged.values())}
    return counts | ({"judge_errors": len(judge_errors)} if judge_errors else {})


STAGE = Stage("eval", upstream=(), artifacts=(EVAL_RUNS, EVAL), settings=settings, run=run, on_demand=True)

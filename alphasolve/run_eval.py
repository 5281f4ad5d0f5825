"""Evaluate finished runs on their hidden tests (resumable), and write the reports.

Per run: `eval_runs.jsonl` (each surviving program judged on the hidden tests, append-only)
and `eval.json` (the ProblemReport). For a directory of runs: `eval-summary.json` and a plot
`eval-summary.png` (solved@n against n).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any, Callable, Sequence

from alphasolve.artifacts import JsonlAppender, read_json, read_jsonl, write_json_atomic
from alphasolve.config import load_config
from alphasolve.cost import StageMeter, total_cost
from alphasolve.errors import AlphasolveError
from alphasolve.evaluate import SOLVED_AT, ProblemReport, problem_report, summarize
from alphasolve.execute import Job, Program, Verdict
from alphasolve.execute.checker import one_line
from alphasolve.execute.factory import make_executor
from alphasolve.filter import require_checker
from alphasolve.lock import run_lock
from alphasolve.problem import parse_problem
from alphasolve.records import SCHEMA_VERSION
from alphasolve.rundir import RunDir
from alphasolve.run import QuietReporter, Reporter, execution_limits
from alphasolve.stages import load_filter_file, load_samples_file


def find_runs(path: Path) -> list[Path]:
    """A run directory itself, or every run directory directly inside `path`."""
    if (path / "manifest.json").exists():
        return [path]
    if not path.is_dir():
        raise AlphasolveError("no such run directory", file=str(path))
    runs = sorted(p for p in path.iterdir() if (p / "manifest.json").exists())
    if not runs:
        raise AlphasolveError("neither a run directory nor a directory of runs", file=str(path))
    return runs


def evaluate_run(path: Path, workers: int | None = None, reporter: Reporter | None = None,
                 on_locked: Callable[[Path], None] | None = None) -> ProblemReport:
    """Judge a finished run's survivors on the hidden tests; the run directory is locked throughout
    (`alphasolve.lock`: a run being solved or evaluated by another process is refused at once);
    `on_locked(path)` is called once it is, before anything is written."""
    RunDir(path).require()
    with run_lock(path):
        return _evaluate_locked(path, workers, reporter, on_locked)


def _evaluate_locked(path: Path, workers: int | None, reporter: Reporter | None,
                     on_locked: Callable[[Path], None] | None) -> ProblemReport:
    reporter = reporter or QuietReporter()
    run = RunDir(path).require()
    manifest = run.load_manifest()
    if manifest["stages"].get("rank", {}).get("status") != "done":
        raise AlphasolveError("the run is not finished (rerun `alphasolve solve` to complete it)", file=str(path))
    problem = parse_problem(read_json(run.file("problem.json")), str(run.file("problem.json")))
    hidden = problem.hidden_tests
    if not hidden:
        raise AlphasolveError("the problem has no hidden tests (private_tests, generated_tests) to evaluate on",
                              file=str(run.file("problem.json")))
    config = load_config(run.file("config.toml"))
    if on_locked is not None:
        on_locked(path)
    limits = execution_limits(problem, config)
    n = config.sample.samples
    samples = load_samples_file(run.file("samples.jsonl"), repair=False)
    verdicts = load_filter_file(run.file("filter.jsonl"), repair=False)
    survivors = [samples[i] for i in range(n) if verdicts[i].passed]

    key = hashlib.sha256(json.dumps([[t.input, t.output] for t in hidden] + [vars(limits), problem.compare.to_dict()],
                                    sort_keys=True).encode()).hexdigest()[:16]
    eval_file = run.file("eval_runs.jsonl")
    if manifest.get("eval_key") != key:
        eval_file.unlink(missing_ok=True)
        manifest["eval_key"] = key
        run.save_manifest(manifest)
    meter = StageMeter()
    judged = {r["program_id"]: r["passed"] for r in read_jsonl(eval_file)}
    todo: dict[str, Any] = {}
    for s in survivors:
        if s.program_id not in judged:
            todo.setdefault(s.program_id, s)
    if todo:
        reporter.note("eval", f"judging {len(todo)} surviving programs on {len(hidden)} hidden tests")
        jobs = [Job(key=s, program=Program(s.language, s.code), inputs=[t.input for t in hidden], limits=limits,
                    expected=[t.output for t in hidden], compare=problem.compare, stop_on_failure=True)
                for s in todo.values()]
        judge_errors = []
        with make_executor(config.execute, workers=workers) as ex, JsonlAppender(eval_file) as out, \
                reporter.progress("eval", len(jobs)) as advance:
            require_checker(problem, ex)
            for job, results in ex.map(jobs):
                ok = len(results) == len(hidden) and all(r.verdict == Verdict.ACCEPTED for r in results)
                judge_errors += [r.judge_message for r in results if r.verdict == Verdict.JUDGE_ERROR]
                s = job.key
                out.write({"schema": SCHEMA_VERSION, "problem_id": s.problem_id, "sample_id": s.sample_id,
                           "program_id": s.program_id, "passed": ok, "verdict": results[-1].verdict.value})
                judged[s.program_id] = ok
                meter.executions += len(results)
                meter.exec_cpu_s += sum(r.cpu_time for r in results)
                advance(1)
        if judge_errors:
            reporter.note("eval", f"judge error: the checker failed {len(judge_errors)} times (those programs "
                                  f"count as not solving the problem); first: {one_line(judge_errors[0])}")

    clusters = read_json(run.file("clusters.json"))
    ranking = read_json(run.file("ranking.json"))["submissions"]
    correct_by_rank = [judged.get(s["program_id"], False) for s in ranking]
    correct_samples = sum(1 for s in survivors if judged.get(s.program_id))
    clustered = clusters["clustered_samples"] or 1
    correct_share = sum(c["size"] for c in clusters["clusters"] if judged.get(c["programs"][0])) / clustered
    report = problem_report(problem.problem_id, str(path), len(hidden), n, len(survivors), correct_samples,
                            len(clusters["clusters"]), correct_by_rank, correct_share)
    manifest["eval_cost"] = meter.add_to(manifest.get("eval_cost"))
    run.save_manifest(manifest)
    report.cost = {**total_cost(manifest["stages"]), "eval": manifest["eval_cost"]}
    write_json_atomic(run.file("eval.json"), {"schema": SCHEMA_VERSION, **report.to_dict()})
    return report


def write_summary(root: Path, reports: Sequence[ProblemReport]) -> dict[str, Any]:
    summary = {"schema": SCHEMA_VERSION, **summarize(reports), "runs": [r.run_dir for r in reports]}
    write_json_atomic(root / "eval-summary.json", summary)
    if reports:
        plot_solved_at(root / "eval-summary.png", summary, title=str(root))
        summary["plot"] = str(root / "eval-summary.png")
    return summary


def plot_solved_at(path: Path, summary: dict[str, Any], title: str = "") -> None:
    """solved@n against n, as a PNG a person would rather look at than read."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    ns = list(SOLVED_AT)
    rates = [100 * summary["solved_at_rate"][str(n)] for n in ns]
    fig, ax = plt.subplots(figsize=(6, 4), dpi=100)
    ax.plot(ns, rates, marker="o", color="#1f77b4")
    for n, r in zip(ns, rates):
        if n in (1, 10):
            ax.annotate(f"{r:.0f}%", (n, r), textcoords="offset points", xytext=(0, 8), ha="center")
    ax.set_xticks(ns)
    ax.set_ylim(0, 112)
    ax.set_xlabel("n (submissions allowed)")
    ax.set_ylabel("problems solved (%)")
    ax.set_title(f"solved@n over {summary['problems']} problems" + (f"\n{title}" if title else ""), fontsize=10)
    ax.grid(alpha=0.3)
    fig.tight_layout()
    tmp = path.with_name(f".{path.name}.tmp.png")
    fig.savefig(tmp)
    plt.close(fig)
    tmp.replace(path)

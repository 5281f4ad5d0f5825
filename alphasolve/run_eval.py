"""Evaluate finished runs on their hidden tests (resumable), and write the reports.

Per run: the eval stage (stages/eval.py: `eval_runs.jsonl`, each surviving program judged on the
hidden tests, append-only) run like any other stage (key, resume, cost), then `eval.json` (the
ProblemReport, with the run's cost and the eval's). For a directory of runs: `eval-summary.json` and a plot
`eval-summary.png` (solved@n against n).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any, Callable, Sequence

from alphasolve import stages as registry
from alphasolve.artifacts import read_json, write_json_atomic
from alphasolve.config import load_config
from alphasolve.cost import total_cost
from alphasolve.errors import AlphasolveError
from alphasolve.evaluate import SOLVED_AT, ProblemReport, problem_report, summarize
from alphasolve.lock import run_lock
from alphasolve.problem import parse_problem
from alphasolve.records import SCHEMA_VERSION
from alphasolve.run import invalidate, run_stage, stage_key
from alphasolve.rundir import CONFIG, EVAL, EVAL_PLOT, EVAL_SUMMARY, PROBLEM, RANKING, RunDir, is_run_dir
from alphasolve.stage import QuietReporter, Reporter, StageContext, execution_limits
from alphasolve.stages.cluster import load_clusters
from alphasolve.stages.eval import load_judged, survivors


def find_runs(path: Path) -> list[Path]:
    """A run directory itself, or every run directory directly inside `path`."""
    if is_run_dir(path):
        return [path]
    if not path.is_dir():
        raise AlphasolveError("no such run directory", file=str(path))
    runs = sorted(p for p in path.iterdir() if is_run_dir(p))
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
        return _evaluate_locked(path, workers, reporter or QuietReporter(), on_locked)


def _evaluate_locked(path: Path, workers: int | None, reporter: Reporter,
                     on_locked: Callable[[Path], None] | None) -> ProblemReport:
    run = RunDir(path).require()
    manifest = run.load_manifest()
    last = registry.pipeline()[-1].name
    if last not in manifest.stages or manifest.stages[last].status != "done":
        raise AlphasolveError("the run is not finished (rerun `alphasolve solve` to complete it)", file=str(path))
    problem = parse_problem(read_json(run.file(PROBLEM)), str(run.file(PROBLEM)))
    if not problem.hidden_tests:
        raise AlphasolveError("the problem has no hidden tests (private_tests, generated_tests) to evaluate on",
                              file=str(run.file(PROBLEM)))
    config = load_config(run.file(CONFIG))
    if workers:
        config = replace(config, execute=replace(config.execute, workers=workers))
    if on_locked is not None:
        on_locked(path)
    stage = registry.by_name("eval")
    settings = {stage.name: stage.settings(problem, config)}
    key = stage_key(stage, settings[stage.name], {u: manifest.stages[u].key or "" for u in stage.upstream})
    if stage.name not in manifest.stages:  # judgements of unknown origin (an older version's): start afresh
        run.remove(stage.artifacts)
    invalidate(run, manifest, settings, {stage.name: key}, reporter, only=(stage.name,))
    ctx = StageContext(problem, config, run, reporter, execution_limits(problem, config))
    try:
        entry = run_stage(ctx, stage, manifest, key, settings[stage.name])
    finally:
        ctx.close()
    report = _report(run, problem.problem_id, len(problem.hidden_tests), config.sample.samples)
    report.cost = {**total_cost(manifest.costs(s.name for s in registry.pipeline())), "eval": entry.cost}
    write_json_atomic(run.file(EVAL), {"schema": SCHEMA_VERSION, **report.to_dict()})
    return report


def _report(run: RunDir, problem_id: str, hidden: int, n: int) -> ProblemReport:
    """The problem's report from the eval stage's judgements and the run's clusters and ranking."""
    judged = load_judged(run)
    alive = survivors(run, n)
    clusters = load_clusters(run)
    ranking = read_json(run.file(RANKING))["submissions"]
    correct_by_rank = [judged.get(s["program_id"], False) for s in ranking]
    correct_samples = sum(1 for s in alive if judged.get(s.program_id))
    clustered = clusters["clustered_samples"] or 1
    correct_share = sum(c["size"] for c in clusters["clusters"] if judged.get(c["programs"][0])) / clustered
    return problem_report(problem_id, str(run.path), hidden, n, len(alive), correct_samples,
                          len(clusters["clusters"]), correct_by_rank, correct_share)


def write_summary(root: Path, reports: Sequence[ProblemReport]) -> dict[str, Any]:
    summary = {"schema": SCHEMA_VERSION, **summarize(reports), "runs": [r.run_dir for r in reports]}
    write_json_atomic(root / EVAL_SUMMARY, summary)
    if reports:
        plot_solved_at(root / EVAL_PLOT, summary, title=str(root))
        summary["plot"] = str(root / EVAL_PLOT)
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

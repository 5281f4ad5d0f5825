"""`alphasolve eval`: judge a run's submissions on the hidden tests; solved@n, pass@k, ..."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Sequence

import typer
from rich.markup import escape
from rich.table import Table

from alphasolve.cli import state
from alphasolve.cli.options import JsonOpt, WorkersOpt
from alphasolve.cli.reporter import RichReporter
from alphasolve.cli.state import console


def eval_(
    path: Path = typer.Argument(..., help="A run directory, or a directory of runs (e.g. runs/)."),
    workers: WorkersOpt = None, json_: JsonOpt = False,
) -> None:
    """Evaluate on the hidden tests: solved@1 and solved@10 (n@k), pass@k over all samples (an oracle's
    upper bound), filter rate, clusters, the share of survivors in correct clusters, and where the
    first correct submission ranked. A directory of runs also gets a summary and a plot (PNG)."""
    from alphasolve.cli.options import check_flag
    from alphasolve.run_eval import find_runs
    from alphasolve.rundir import LOGS, is_run_dir

    check_flag("workers", workers)
    runs = find_runs(path)
    reports, errors = evaluate_many(runs, workers, quiet=json_,
                                    log_dir=None if runs == [path] else path / LOGS)  # other libraries' output
    summary = None
    if len(runs) > 1 or not is_run_dir(path):
        from alphasolve.run_eval import write_summary

        summary = write_summary(path, reports)
    if json_:
        print(json.dumps({"problems": [r.to_dict() for r in reports], "errors": errors, "summary": summary}, indent=1),
              file=console().file)  # the terminal, also when other libraries' output goes to a log
    else:
        print_reports(reports, errors, summary)
    if errors:
        raise typer.Exit(1)


def evaluate_many(runs: Sequence[Path], workers: int | None, quiet: bool = False, log_dir: Path | None = None):
    from alphasolve.errors import AlphasolveError
    from alphasolve.cli import quiet as libraries
    from alphasolve.lock import RunLocked
    from alphasolve.run import QuietReporter
    from alphasolve.run_eval import evaluate_run

    reports, errors = [], {}
    for run_dir in runs:
        try:
            reports.append(evaluate_run(run_dir, workers, QuietReporter() if quiet else RichReporter(),
                                        on_locked=libraries.hook(log_dir, "eval")))
        except RunLocked:  # another process is on it: exit 2 at once
            raise
        except AlphasolveError as exc:
            if state.debug:
                raise
            errors[str(run_dir)] = str(exc)
    return reports, errors


def print_reports(reports, errors: dict[str, str], summary: dict | None) -> None:
    table = Table(title="evaluation on the hidden tests", title_justify="left")
    for col in ("problem", "samples", "filtered", "clusters", "correct share", "pass@1", "pass@10",
                "solved@1", "solved@10", "first correct", "wall s", "CPU s"):
        table.add_column(col, justify="left" if col == "problem" else "right")
    yes = lambda ok: "[green]yes[/]" if ok else "[red]no[/]"  # noqa: E731
    for r in reports:
        table.add_row(escape(r.problem_id), str(r.samples), f"{r.filter_rate:.0%}", str(r.clusters),
                      f"{r.correct_cluster_share:.0%}", f"{r.pass_at.get('1', 0):.2f}", f"{r.pass_at.get('10', 0):.2f}",
                      yes(r.solved_at["1"]), yes(r.solved_at["10"]),
                      str(r.first_correct_rank) if r.first_correct_rank else "-",
                      f"{r.cost.get('wall_s', 0) + r.cost.get('eval', {}).get('wall_s', 0):.1f}",
                      f"{r.cost.get('cpu_s', 0) + r.cost.get('eval', {}).get('cpu_s', 0):.1f}")
    for run_dir, message in errors.items():
        table.add_row(escape(Path(run_dir).name), "", "", "", "", "", "", "", "", "[red]error[/]", "", "")
    console().print(table)
    for run_dir, message in errors.items():
        console().print(f"[bold red]error:[/] {escape(message)}", highlight=False, soft_wrap=True)
    if summary and summary.get("problems"):
        n = summary["problems"]
        console().print(f"[bold]solved@1 {summary['solved_at']['1']}/{n}, solved@10 {summary['solved_at']['10']}/{n}[/]"
                        f"; mean pass@1 {summary['mean_pass_at'].get('1', 0):.2f}; plot: {escape(str(summary.get('plot')))}",
                        highlight=False, soft_wrap=True)

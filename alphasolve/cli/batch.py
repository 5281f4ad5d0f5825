"""`alphasolve batch`: solve every problem file in a directory (resumable), one summary table."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.table import Table

from alphasolve.cli.options import BackendOpt, ConfigOpt, ExecutorOpt, SamplesOpt, SeedOpt, SetOpt, WorkersOpt, build_config
from alphasolve.cli.reporter import RichReporter
from alphasolve.cli import state
from alphasolve.cli.state import console


def batch(
    directory: Path = typer.Argument(..., help="Directory of problem files (*.json)."),
    out: Annotated[Optional[Path], typer.Option("--out", "-o", help="Runs root: one run directory per problem (default: runs/).")] = None,
    config: ConfigOpt = None, samples: SamplesOpt = None, seed: SeedOpt = None,
    backend: BackendOpt = None, workers: WorkersOpt = None, executor: ExecutorOpt = None, set_: SetOpt = None,
    evaluate: Annotated[bool, typer.Option("--eval", help="Then evaluate every run on its hidden tests.")] = False,
) -> None:
    """Solve every problem in DIRECTORY; rerun to resume. A failing problem does not stop the others."""
    from alphasolve.errors import AlphasolveError
    from alphasolve.problem import find_problem_files, load_problem
    from alphasolve.cost import total_cost
    from alphasolve.run import default_run_dir, solve as run_solve

    cfg = build_config(config, samples, seed, backend, workers, set_, executor=executor)
    files = find_problem_files(directory)
    if not files:
        raise AlphasolveError("no problem files (*.json) here", file=str(directory))
    rows = []
    totals = [0.0, 0.0, 0, 0]
    for k, path in enumerate(files, 1):
        prefix = f"[dim]{k}/{len(files)}[/] "
        try:
            problem = load_problem(path)
            run_dir = default_run_dir(problem, out)
            console().print(f"{prefix}[bold]{problem.problem_id}[/] → {run_dir}", highlight=False, soft_wrap=True)
            manifest = run_solve(problem, cfg, run_dir, RichReporter(prefix))
            st = manifest["stages"]
            cost = total_cost(st)
            rows.append([problem.problem_id, str(st["filter"]["counts"]["judged"]),
                         str(st["filter"]["counts"]["passed"]), str(st["cluster"]["counts"]["clusters"]),
                         str(st["rank"]["counts"]["submissions"]), "[green]done[/]", str(run_dir),
                         f"{cost['wall_s']:.1f}", f"{cost['cpu_s']:.1f}", f"{cost['executions']:,}",
                         f"{cost['tokens']:,}"])
            totals = [t + v for t, v in zip(totals, (cost["wall_s"], cost["cpu_s"], cost["executions"], cost["tokens"]))]
        except AlphasolveError as exc:
            if state.debug:
                raise
            console().print(f"{prefix}[bold red]error:[/] {exc}", highlight=False, soft_wrap=True)
            rows.append([path.name, "", "", "", "", f"[red]error[/]: {exc}", "", "", "", "", ""])
    table = Table(title=f"batch: {directory}", title_justify="left")
    for col in ("problem", "samples", "passed", "clusters", "submissions", "status", "run", "wall s", "CPU s",
                "executions", "tokens"):
        table.add_column(col, justify="left" if col in ("problem", "status", "run") else "right")
    for row in rows:
        table.add_row(*row)
    table.add_section()
    table.add_row("total", "", "", "", "", "", "", f"{totals[0]:.1f}", f"{totals[1]:.1f}", f"{totals[2]:,}",
                  f"{totals[3]:,}")
    console().print(table)
    failed = sum(1 for r in rows if "error" in r[5])
    if evaluate:
        from alphasolve.cli.eval import evaluate_many, print_reports
        from alphasolve.run_eval import write_summary

        from alphasolve.run import runs_root

        root = runs_root(out)
        done = [Path(r[6]) for r in rows if r[6]]
        reports, errors = evaluate_many(done, workers)
        print_reports(reports, errors, write_summary(root, reports))
        failed += len(errors)
    if failed:
        console().print(f"[bold red]{failed} of {len(rows)} problems failed[/]" if not evaluate else f"[bold red]{failed} failures[/]")
        raise typer.Exit(1)

"""`alphasolve show`: the stages of a run directory, their status and counts."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.table import Table

from alphasolve.cli.options import JsonOpt
from alphasolve.cli.state import console


def show(run_dir: Path = typer.Argument(..., help="A run directory (runs/<problem>)."), json_: JsonOpt = False) -> None:
    """Show each stage's status and counts (works on a run in progress or interrupted)."""
    from alphasolve.views import run_status

    status = run_status(run_dir)
    if json_:
        print(json.dumps(status, indent=1))
        return
    console().print(f"[bold]{status['problem_id']}[/] in {run_dir}", highlight=False)
    table = Table()
    for col in ("stage", "status", "counts"):
        table.add_column(col)
    colour = {"done": "green", "running": "yellow", "interrupted": "yellow", "not started": "dim"}
    for stage, entry in status["stages"].items():
        counts = ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in entry.get("counts", {}).items())
        table.add_row(stage, f"[{colour.get(entry['status'], 'white')}]{entry['status']}[/]", counts)
    console().print(table)

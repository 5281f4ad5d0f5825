"""`alphasolve show`: the stages of a run directory, their status and counts."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.markup import escape
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
    console().print(f"[bold]{escape(status['problem_id'])}[/] in {escape(str(run_dir))}", highlight=False)
    table = Table()
    for col in ("stage", "status", "counts", "wall s", "share", "CPU s", "executions", "tokens"):
        table.add_column(col, justify="left" if col in ("stage", "status", "counts") else "right")
    colour = {"done": "green", "running": "yellow", "interrupted": "yellow", "not started": "dim"}
    total = status["cost"]
    for stage, entry in status["stages"].items():
        counts = ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in entry.get("counts", {}).items())
        cost = entry.get("cost") or {}
        table.add_row(stage, f"[{colour.get(entry['status'], 'white')}]{entry['status']}[/]", counts,
                      *_cost_cells(cost, total["wall_share"].get(stage)))
    table.add_section()
    table.add_row("total", "", "", *_cost_cells(total, 1.0 if total["wall_s"] else None))
    console().print(table)


def _cost_cells(cost: dict, share: float | None) -> list[str]:
    if not cost:
        return ["", "", "", "", ""]
    return [f"{cost.get('wall_s', 0):.1f}", f"{share:.0%}" if share is not None else "",
            f"{cost.get('cpu_s', 0):.1f}", f"{cost.get('executions', 0):,}", f"{cost.get('tokens', 0):,}"]

"""`alphasolve clusters`: the clusters of a run, largest first."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from alphasolve.cli.options import JsonOpt
from alphasolve.cli.state import console


def clusters(
    run_dir: Path = typer.Argument(..., help="A run directory (runs/<problem>)."),
    top: Annotated[int, typer.Option("--top", "-k", min=1, help="How many clusters to list.")] = 20,
    json_: JsonOpt = False,
) -> None:
    """List the clusters: size, share of survivors, languages and the representative's first lines."""
    from alphasolve.views import cluster_view

    view = cluster_view(run_dir)
    if json_:
        print(json.dumps(view, indent=1))
        return
    if not view["clusters"]:
        console().print(f"no clusters yet in {run_dir} ({view['survivors']} survivors)")
        return
    table = Table(title=f"{view['problem_id']}: {len(view['clusters'])} clusters of {view['survivors']} survivors "
                        f"on {view['valid_inputs']}/{view['inputs']} inputs", title_justify="left")
    for col in ("cluster", "size", "share", "programs", "languages", "representative"):
        table.add_column(col, justify="right" if col in ("cluster", "size", "share", "programs") else "left",
                         overflow="fold")
    for c in view["clusters"][:top]:
        table.add_row(str(c["cluster_id"]), str(c["size"]), f"{c['share']:.1%}", str(len(c["programs"])),
                      ", ".join(c["languages"]), c["preview"])
    console().print(table)

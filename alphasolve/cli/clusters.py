"""`alphasolve clusters`: the clusters of a run, one cluster in detail, or where two disagree."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.markup import escape
from rich.syntax import Syntax
from rich.table import Table

from alphasolve.cli.options import JsonOpt
from alphasolve.cli.state import console

_LEXER = {"python3": "python", "c": "c", "cpp": "cpp"}


def clusters(
    run_dir: Path = typer.Argument(..., help="A run directory (runs/<problem>)."),
    top: Annotated[int, typer.Option("--top", "-k", min=1, help="How many clusters to list.")] = 20,
    show: Annotated[Optional[int], typer.Option("--show", help="Show cluster K: its representative and members.")] = None,
    diff: Annotated[Optional[tuple[int, int]], typer.Option(
        "--diff", help="Show the inputs on which clusters A and B disagree, and which side the plurality took.")] = None,
    json_: JsonOpt = False,
) -> None:
    """List the clusters: size, share of survivors, agreement with the other survivors, submission
    rank, languages and the representative's first lines.

    Agreement columns (from the clustering runs): "agree", MBR-exec agreement (share of (other
    sample, input) pairs with the same output); "plurality", share of inputs on which it gives
    the most common output; "support", share of samples in clusters differing from it on at most
    rank.support_distance inputs. Works on a run in progress or interrupted: it shows what is on disk.
    """
    from alphasolve.views import cluster_detail, cluster_diff, cluster_view

    if show is not None:
        data = cluster_detail(run_dir, show)
        return print(json.dumps(data, indent=1)) if json_ else _print_detail(data)
    if diff is not None:
        data = cluster_diff(run_dir, *diff)
        return print(json.dumps(data, indent=1)) if json_ else _print_diff(data)
    view = cluster_view(run_dir)
    if json_:
        return print(json.dumps(view, indent=1))
    if not view["clusters"]:
        console().print(f"no clusters yet in {run_dir} ({view['survivors']} survivors)", markup=False)
        return
    table = Table(title=f"{escape(view['problem_id'])}: {len(view['clusters'])} clusters of {view['survivors']} survivors "
                        f"on {view['valid_inputs']}/{view['inputs']} inputs", title_justify="left")
    numbers = ("cluster", "size", "share", "agree", "plurality", "support", "rank", "programs")
    for col in numbers + ("languages", "representative"):
        table.add_column(col, justify="right" if col in numbers else "left", overflow="fold")
    for c in view["clusters"][:top]:
        table.add_row(str(c["cluster_id"]), str(c["size"]), f"{c['share']:.1%}", f"{c['mbr']:.1%}",
                      f"{c['plurality']:.1%}", f"{c['support']:.1%}", str(c["rank"] or "-"), str(len(c["programs"])),
                      escape(", ".join(c["languages"])), escape(c["preview"]))
    console().print(table)
    if len(view["clusters"]) > top:
        console().print(f"[dim]... {len(view['clusters']) - top} more (--top N)[/]")


def _print_detail(data: dict) -> None:
    console().print(f"[bold]cluster {data['cluster_id']}[/]: {data['size']} samples ({data['share']:.1%}), "
                    f"{len(data['programs'])} distinct programs; representative: sample "
                    f"{data['representative_sample_id']}", highlight=False)
    console().print(Syntax(data["code"], _LEXER.get(data["language"] or "", "text"), line_numbers=True))
    table = Table(title="members", title_justify="left")
    for col in ("program", "language", "samples", "sample ids", "replayed from"):
        table.add_column(col)
    for p in data["programs"]:
        ids = ", ".join(map(str, p["samples"][:8])) + (" ..." if len(p["samples"]) > 8 else "")
        table.add_row(p["program_id"], p["language"] or "", str(len(p["samples"])), ids,
                      {"correct": "correct solution", "incorrect": "incorrect solution"}.get(p["label"] or "", ""))
    console().print(table)


def _print_diff(data: dict) -> None:
    n = len(data["disagreements"])
    a, b, sides = data["a"], data["b"], data["plurality_sides"]
    line = f"clusters {a} and {b} disagree on {n} of {data['inputs_compared']} inputs"
    if n:
        line += (f"; the plurality of survivors took cluster {a}'s side on {sides['a']}, cluster {b}'s on "
                 f"{sides['b']}" + "".join(f", {what} on {sides[key]}" for key, what in
                                           (("tie", "a tie"), ("neither", "neither")) if sides[key]))
    console().print(line, highlight=False)
    table = Table(show_lines=True)
    table.add_column("input", overflow="fold")
    table.add_column(f"cluster {a}", overflow="fold")
    table.add_column(f"cluster {b}", overflow="fold")
    table.add_column("plurality", overflow="fold")
    for w in data["disagreements"][:10]:
        side = {"a": f"cluster {a}", "b": f"cluster {b}", "tie": "tie", "neither": "neither"}[w["plurality"]]
        table.add_row(f"[dim]#{w['input_id']} {escape(w['origin'])}[/]\n{escape(_clip(w['input']))}",
                      escape(_clip(w["a"])) + f"\n[dim]{w['a_share']:.0%} of survivors[/]",
                      escape(_clip(w["b"])) + f"\n[dim]{w['b_share']:.0%} of survivors[/]",
                      f"{side}\n[dim]{w['plurality_share']:.0%} gave the commonest output[/]")
    console().print(table)


def _clip(text: str, limit: int = 400) -> str:
    return text if len(text) <= limit else text[:limit] + " ..."

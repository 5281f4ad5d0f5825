"""`alphasolve import`: turn a dataset (Hugging Face or local files) into alphasolve problem files."""

from __future__ import annotations

import json
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Callable, Iterator, Optional

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from alphasolve.cli.options import JsonOpt
from alphasolve.cli.state import console

_FORMAT_HELP = ("Source format (default: detected): hub (a Hugging Face dataset name), folder (a directory of data "
                "files), disk (a save_to_disk folder), parquet, json (json/jsonl, .gz too), arrow, kattis (package "
                "directories or a .tar.gz of them), codeflaws, gcj (Code Jam archive .jsonl.gz).")
_SCHEMA_HELP = ("Record layout of a dataset (default: detected from its fields): codecontests (also alphasolve's own "
                "format), apps, taco, livecodebench, codeforces (open-r1/codeforces).")


def import_(
    source: str = typer.Argument(..., help="A Hugging Face dataset name (deepmind/code_contests) or a local file or directory."),
    out: Annotated[Path, typer.Option("--out", "-o", help="Directory for the problem files (one JSON file per problem).")] = ...,
    format_: Annotated[Optional[str], typer.Option("--format", help=_FORMAT_HELP)] = None,
    schema: Annotated[Optional[str], typer.Option("--schema", help=_SCHEMA_HELP)] = None,
    split: Annotated[Optional[str], typer.Option("--split", help="Dataset split (train, valid, test, ...); "
                                                 "for a single file only a label in APPS/TACO ids.")] = None,
    subset: Annotated[Optional[str], typer.Option("--subset", help="Dataset configuration name (hub, folder).")] = None,
    revision: Annotated[Optional[str], typer.Option("--revision", help="Dataset revision: branch, tag or commit (hub).")] = None,
    difficulty: Annotated[Optional[str], typer.Option(
        "--difficulty", help="MIN:MAX, either end optional: ratings (CodeContests cf_rating, Codeforces rating, "
                             "e.g. 800:1600) or names (CodeContests EASY..HARDEST or A..V, APPS introductory:interview, "
                             "TACO EASY..VERY_HARD, LiveCodeBench easy..hard).")] = None,
    date: Annotated[Optional[str], typer.Option(
        "--date", help="FROM:TO contest dates, YYYY[-MM[-DD]], either end optional (e.g. 2024-06: for problems "
                       "after a model's training cutoff). Records without a date are left out.")] = None,
    limit: Annotated[Optional[int], typer.Option("--limit", "-n", min=1, help="Stop after importing N problems.")] = None,
    keep_checker_problems: Annotated[bool, typer.Option(
        "--keep-checker-problems", help="Also import problems that need a checker (several correct answers, "
                                        "custom validators), judged by token comparison.")] = False,
    allow_missing_tests: Annotated[bool, typer.Option(
        "--allow-missing-tests", help="Also import problems without hidden tests or with an incomplete test set.")] = False,
    statements: Annotated[Optional[Path], typer.Option(
        "--statements", help="Codeflaws: a .jsonl(.gz) of {problem, statement} records giving the problems "
                             "their statements (e.g. codeflaws-dev-statements.jsonl.gz).")] = None,
    json_: JsonOpt = False,
) -> None:
    """Import problems from a dataset into DIR: one alphasolve problem file each, plus import-report.json.

    Repeatable: the same source and options give the same files (problem files the previous
    import wrote and this one does not are removed). Skipped records are listed with the reason.
    """
    from alphasolve.errors import AlphasolveError
    from alphasolve.sources.codeflaws import read_codeflaws_statements
    from alphasolve.sources.load import Filters, import_source, open_source

    src = open_source(source, format=format_, schema=schema, split=split, subset=subset, revision=revision)
    filters = Filters(difficulty=difficulty, date=date, limit=limit)
    filters.record_tests(src.schema)  # a filter the source cannot apply is an error before anything is read
    if statements is not None and src.schema.name != "codeflaws":
        raise AlphasolveError(f"--statements is for Codeflaws sources (this one is {src.schema.name})",
                              field="--statements", file=str(statements))
    by_name = read_codeflaws_statements(statements) if statements is not None else None
    if not json_:
        console().print(f"[bold]import[/] {source} ({src.format}, {src.schema.title}"
                        f"{', split ' + split if split else ''}) → {out}", highlight=False, soft_wrap=True)
    with _progress(src.total if not limit else None, quiet=json_) as advance:
        result = import_source(src, out, filters, keep_checker_problems=keep_checker_problems,
                               allow_missing_tests=allow_missing_tests, statements=by_name, advance=advance)
    if json_:
        console().print_json(json.dumps(result.report))
        return
    print_summary(out, result.report, result.removed)


@contextmanager
def _progress(total: int | None, quiet: bool) -> Iterator[Callable[[], None]]:
    if quiet or not console().is_terminal:  # logs and pipes get the summary, not bar redraws
        yield lambda: None
        return
    columns = (TextColumn("[bold cyan] import[/]"), BarColumn(), MofNCompleteColumn() if total else TextColumn(
        "{task.completed} records"), TimeElapsedColumn())
    with Progress(*columns, console=console(), transient=True) as bar:
        task = bar.add_task("import", total=total)
        yield lambda: bar.advance(task)


def print_summary(out: Path, report: dict, removed: list[str]) -> None:
    counts = report["counts"]
    console().print(f"[bold green]imported {counts['imported']}[/] of {counts['records']} records into {out}",
                    highlight=False, soft_wrap=True)
    if report["skipped"]:
        table = Table(title=f"skipped {counts['skipped']}", title_justify="left")
        for col in ("reason", "count", "problems", "why (first)"):
            table.add_column(col, justify="right" if col == "count" else "left", overflow="fold")
        for reason, count in sorted(report["skip_reasons"].items(), key=lambda kv: (-kv[1], kv[0])):
            entries = [s for s in report["skipped"] if s["reason"] == reason]
            ids = ", ".join(s["source_id"] for s in entries[:3]) + (f", … (+{len(entries) - 3})" if len(entries) > 3 else "")
            table.add_row(reason, str(count), ids, entries[0]["detail"])
        console().print(table)
    if counts["filtered"]:
        why = "; ".join(f"{n} {reason}" for reason, n in report["filtered_reasons"].items())
        console().print(f"filtered out {counts['filtered']} ({why})", highlight=False, soft_wrap=True)
    if removed:
        console().print(f"removed {len(removed)} problem file(s) of the previous import: {', '.join(removed[:5])}"
                        + (" …" if len(removed) > 5 else ""), highlight=False, soft_wrap=True)
    if not counts["imported"]:
        console().print("[bold yellow]nothing imported[/]: see the reasons above", highlight=False)
    console().print(f"report: {out / 'import-report.json'}", highlight=False, soft_wrap=True)

"""`alphasolve spec`: the input spec read from a problem's statement, and its check on the official tests."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.markup import escape
from rich.table import Table

from alphasolve.cli.options import JsonOpt
from alphasolve.cli.state import console


def spec(
    problem: Path = typer.Argument(..., help="A problem file (JSON)."),
    check: bool = typer.Option(False, "--check", help="Check every official test input (public and hidden) "
                                                     "against the spec; exit 1 if one is rejected."),
    json_: JsonOpt = False,
) -> None:
    """Print the input spec read from the statement: variables, types, bounds, claims, layout.

    What the parser did not understand is listed, never guessed. Exit 0 (no official input
    rejected), 1 (some are, with --check), 2 (a bad problem file)."""
    from alphasolve.inputs.spec_problem import check_official, parse_problem_spec
    from alphasolve.problem import load_problem

    prob = load_problem(problem)
    parsed = parse_problem_spec(prob)
    report = check_official(parsed, prob) if check else None
    if json_:
        data = parsed.to_dict()
        data["variables"] = [{**v, "min": _plain(v["low"]), "max": _plain(v["high"])} for v in data["variables"]]
        if report is not None:
            data["check"] = report.to_dict()
        print(json.dumps(data, indent=1))
    else:
        _print(prob.problem_id, parsed, report)
    if report is not None and report.rejected:
        raise typer.Exit(1)


def _plain(bound: dict | None):
    """A bound as JSON: its number, or its expression ("n - 1"), or null."""
    if not bound:
        return None
    return bound["value"] if bound.get("value") is not None else bound.get("expr")


def _print(problem_id: str, parsed, report) -> None:
    out = console()
    if not parsed.section:
        out.print(f"{escape(problem_id)}: no input section found in the statement: the spec is empty "
                  "(clustering inputs come from the public inputs alone)", highlight=False, soft_wrap=True)
    elif parsed.variables:
        table = Table(title=f"input spec of {escape(problem_id)}", title_justify="left")
        for col in ("variable", "type", "bounds", "from the statement"):
            table.add_column(col, overflow="fold")
        for v in parsed.variables:
            table.add_row(escape(v.name + ("_i" if v.indexed else "")), v.type, escape(v.bounds_text()),
                          escape(v.source))
        out.print(table)
    else:
        out.print(f"{escape(problem_id)}: no variables understood in the input section", highlight=False)
    for c in parsed.claims:
        what = f"{', '.join(c.subject)}: {c.expr}" if c.expr else ", ".join(c.subject)
        out.print(f"claim: {c.kind} ({escape(what)}): {escape(c.source)}", highlight=False,
                  soft_wrap=True)
    for s in parsed.sums:
        out.print(f"sum over test cases: {escape(s.name)} <= {escape(str(s.high))}", highlight=False)
    if parsed.section:
        out.print("layout: " + (escape(_layout_text(parsed.layout)) if parsed.layout else "not understood"),
                  highlight=False, soft_wrap=True)
    for phrase in parsed.unknown:
        out.print(f"not understood: {escape(phrase)}", highlight=False, soft_wrap=True)
    if report is not None:
        if report.rejected:
            out.print(f"[bold red]{len(report.rejected)} of {report.tests} official inputs rejected[/]",
                      highlight=False)
            for r in report.rejected:
                out.print(f"  {escape(r.test)}: {escape(r.reason)}", highlight=False, soft_wrap=True)
        else:
            out.print(f"[bold green]all {report.tests} official inputs satisfy the spec[/]", highlight=False)


def _layout_text(nodes) -> str:
    from alphasolve.inputs.spec import Block

    parts = []
    for node in nodes:
        if isinstance(node, Block):
            parts.append(f"{node.repeat} x {{{_layout_text(node.body)}}}")
        else:
            parts.append(" ".join(i.name + (f"[{i.count}]" if i.count else "") for i in node.items))
    return " / ".join(parts)

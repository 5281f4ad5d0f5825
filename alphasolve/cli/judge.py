"""`alphasolve judge`: judge program files against a problem's tests, in the sandbox."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from alphasolve.cli.options import ConfigOpt, JsonOpt, SetOpt, WorkersOpt

TEST_SETS = ("public", "hidden", "all")
SHOWN_CHARS = 4096  # stdout/stderr characters kept per test in --json output

TestsOpt = Annotated[str, typer.Option("--tests", "-t", help="Which tests: public, hidden or all.")]
IsolationOpt = Annotated[str, typer.Option(
    "--isolation", help="auto (bubblewrap when it works), bwrap (required) or none (unsafe as root).")]


def judge(
    problem: Path = typer.Argument(..., help="Problem file (JSON)."),
    solutions: list[Path] = typer.Argument(..., help="Program files (.py, .c, .cpp/.cc)."),
    tests: TestsOpt = "all",
    json_out: JsonOpt = False,
    workers: WorkersOpt = None,
    config: ConfigOpt = None,
    sets: SetOpt = None,
    isolation: IsolationOpt = "auto",
) -> None:
    """Judge program files against a problem's tests: a verdict per program and per test."""
    from alphasolve import languages
    from alphasolve.cli import state
    from alphasolve.cli.options import build_config
    from alphasolve.errors import AlphasolveError
    from alphasolve.execute import Job, LocalExecutor, Program
    from alphasolve.filter import require_checker
    from alphasolve.problem import load_problem
    from alphasolve.run import execution_limits

    if tests not in TEST_SETS:
        raise AlphasolveError(f"expected one of {', '.join(TEST_SETS)}, got {tests!r}", field="--tests")
    if isolation not in ("auto", "bwrap", "none"):
        raise AlphasolveError(f"expected auto, bwrap or none, got {isolation!r}", field="--isolation")
    prob = load_problem(problem)
    cfg = build_config(config, workers=workers, sets=sets)
    chosen = _tests(prob, tests)
    if not chosen:
        raise AlphasolveError(f"the problem has no {tests} tests", file=str(problem))
    programs = []
    for path in solutions:
        try:
            language = languages.from_path(str(path))
            source = path.read_text(encoding="utf-8", errors="surrogateescape")
        except ValueError as exc:
            raise AlphasolveError(str(exc), file=str(path)) from None
        except OSError as exc:
            raise AlphasolveError(f"cannot read: {exc.strerror or exc}", file=str(path)) from None
        programs.append((path, Program(language, source)))
    limits = execution_limits(prob, cfg)
    jobs = [Job(k, program, [t.input for _, t in chosen], limits, [t.output for _, t in chosen], prob.compare)
            for k, (_, program) in enumerate(programs)]
    from alphasolve.execute.sandbox import OnceWarning

    try:  # the warning is printed below, with rich, not logged
        executor = LocalExecutor(workers=cfg.execute.workers or None, isolation=isolation, warn=OnceWarning(done=True))
    except RuntimeError as exc:
        raise AlphasolveError(str(exc), field="--isolation") from None
    with executor:
        if not executor.protections.full:
            state.console_err().print(f"[bold yellow]warning:[/] {executor.protections.describe()}",
                                      highlight=False, soft_wrap=True)
        require_checker(prob, executor)  # a checker that does not compile: one clear error
        results = dict((job.key, res) for job, res in executor.map(jobs))
    reports = [_report(path, program, chosen, results[k]) for k, (path, program) in enumerate(programs)]
    if json_out:
        for report in reports:
            typer.echo(json.dumps(report))
    else:
        _print(reports, limits)


def _tests(problem, which: str) -> list[tuple[str, object]]:
    public = [("public", t) for t in problem.public_tests]
    hidden = [("hidden", t) for t in problem.hidden_tests]
    return {"public": public, "hidden": hidden, "all": public + hidden}[which]


def _overall(results) -> str:
    for result in results:
        if not result.verdict.passed:
            return result.verdict.value
    return "accepted"


def _report(path: Path, program, chosen, results) -> dict:
    rows = []
    numbering: dict[str, int] = {}
    for (which, _), result in zip(chosen, results):
        numbering[which] = numbering.get(which, 0) + 1
        row = {"set": which, "index": numbering[which], **result.to_dict()}
        row["stdout"], row["stderr"] = row["stdout"][:SHOWN_CHARS], row["stderr"][:SHOWN_CHARS]
        rows.append(row)
    if len(results) == 1 and results[0].verdict.value == "compile_error":
        rows = [{"set": "compile", "index": 0, **results[0].to_dict()}]
    return {
        "solution": str(path), "language": program.language, "program_id": program.program_id,
        "verdict": _overall(results), "passed": sum(r.verdict.passed for r in results), "total": len(chosen),
        "tests": rows,
    }


STYLE = {"accepted": "green", "ok": "green", "wrong_answer": "red", "compile_error": "magenta",
         "judge_error": "bold red"}


def _print(reports: list[dict], limits) -> None:
    from rich.table import Table

    from alphasolve.cli import state

    console = state.console()
    console.print(f"limits: {limits.time_s:g} s, {limits.memory_bytes >> 20} MiB", highlight=False)
    for report in reports:
        colour = STYLE.get(report["verdict"], "yellow")
        console.print(f"[bold]{escape(report['solution'])}[/] ({escape(report['language'])}): [{colour}]{report['verdict']}[/] "
                      f"{report['passed']}/{report['total']}", highlight=False)
        table = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
        for column in ("test", "verdict", "cpu s", "wall s", "memory MiB", "exit"):
            table.add_column(column, justify="left" if column in ("test", "verdict") else "right")
        for row in report["tests"]:
            exit_text = f"signal {row['signal']}" if row["signal"] is not None else \
                ("" if row["exit_code"] is None else str(row["exit_code"]))
            table.add_row(f"{row['set']} {row['index']}" if row["set"] != "compile" else "compile",
                          f"[{STYLE.get(row['verdict'], 'yellow')}]{row['verdict']}[/]",
                          f"{row['cpu_time']:.3f}", f"{row['wall_time']:.3f}",
                          f"{row['peak_memory'] / 2**20:.1f}", exit_text)
        console.print(table)
        for row in report["tests"]:
            if row.get("verdict") == "judge_error":  # the checker failed: say how, once per program
                console.print(f"judge error on {row['set']} {row['index']}: {row['judge_message'].rstrip()}",
                              style="red", highlight=False, markup=False)
                break
        if report["verdict"] == "compile_error":
            console.print(report["tests"][0]["stderr"].rstrip(), style="dim", highlight=False, markup=False)

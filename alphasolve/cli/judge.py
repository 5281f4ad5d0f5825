"""`alphasolve judge`: judge program files against a problem's tests (placeholder)."""

from __future__ import annotations

from pathlib import Path

import typer


def judge(
    problem: Path = typer.Argument(..., help="Problem file (JSON)."),
    solutions: list[Path] = typer.Argument(..., help="Program files (.py, .c, .cpp/.cc)."),
) -> None:
    """Judge program files against a problem's tests."""
    raise typer.Exit(1)

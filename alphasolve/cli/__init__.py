"""The `alphasolve` command line: this file only registers commands and prints errors.

Each command lives in its own module and calls library functions; options shared by
several commands are declared once in `alphasolve.cli.options`.
"""

from __future__ import annotations

import sys

import typer

from alphasolve.cli import state

app = typer.Typer(
    name="alphasolve",
    help="Solve competitive-programming problems AlphaCode-2 style: sample, filter, cluster, rank.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
def _root(debug: bool = typer.Option(False, "--debug", help="Show full tracebacks on errors.")) -> None:
    state.debug = debug


def _register() -> None:
    from alphasolve.cli import judge

    app.command("judge")(judge.judge)


_register()


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the app; print an AlphasolveError as one line (traceback with --debug)."""
    from alphasolve.errors import AlphasolveError

    try:
        app(args=argv, standalone_mode=False)
    except AlphasolveError as exc:
        if state.debug:
            raise
        state.console_err().print(f"[bold red]error:[/] {exc}", highlight=False, soft_wrap=True)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        state.console_err().print("[yellow]interrupted[/]: rerun the same command to resume")
        sys.exit(130)
    except Exception as exc:  # click errors and the unexpected
        import click

        if isinstance(exc, click.exceptions.Exit):
            sys.exit(exc.exit_code)
        if isinstance(exc, click.ClickException):
            exc.show()
            sys.exit(exc.exit_code)
        if isinstance(exc, click.exceptions.Abort):
            sys.exit(1)
        if state.debug:
            raise
        state.console_err().print(f"[bold red]error:[/] {type(exc).__name__}: {exc} (rerun with --debug for the traceback)")
        sys.exit(1)

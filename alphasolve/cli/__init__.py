"""The `alphasolve` command line: this file only registers commands and prints errors.

Each command lives in its own module and calls library functions; options shared by
several commands are declared once in `alphasolve.cli.options`. An AlphasolveError is
printed as one readable line (exit 2); `--debug` shows the full traceback instead.
"""

from __future__ import annotations

import typer
from rich.text import Text
from typer.core import TyperGroup

from alphasolve.cli import state


class _Group(TyperGroup):
    def invoke(self, ctx):
        from alphasolve.errors import AlphasolveError

        try:
            return super().invoke(ctx)
        except AlphasolveError as exc:
            if state.debug:
                raise
            state.console_err().print(Text.assemble(("error:", "bold red"), f" {exc}"), highlight=False, soft_wrap=True)
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt:
            state.console_err().print("[yellow]interrupted[/]: rerun the same command to resume")
            raise typer.Exit(130) from None
        except typer.BadParameter as exc:  # a flag's value that does not parse: one line too, exit 2
            if state.debug:
                raise
            state.console_err().print(Text.assemble(("error:", "bold red"), f" {exc.format_message()}"),
                                      highlight=False, soft_wrap=True)
            raise typer.Exit(2) from None
        except (typer.Exit, typer.Abort, typer.exceptions.TyperException):
            raise
        except Exception as exc:
            if state.debug or (hasattr(exc, "show") and hasattr(exc, "exit_code")):  # click's usage errors
                raise
            from alphasolve.artifacts import disk_error

            refused = disk_error(exc, exc.filename or "a file") if isinstance(exc, OSError) else None
            if refused is not None:  # a full or read-only disk outside the artifact writers (lock, logs, caches)
                state.console_err().print(Text.assemble(("error:", "bold red"), f" {refused}"), highlight=False,
                                          soft_wrap=True)
                raise typer.Exit(refused.exit_code) from None
            from alphasolve.cli import quiet

            log = quiet.log_path()  # a library's failure: what it said is in the log
            state.console_err().print(Text.assemble(("error:", "bold red"), f" {type(exc).__name__}: {exc} "
                                                    "(rerun with --debug for the traceback"
                                                    + (f"; other libraries' messages: {log})" if log else ")")),
                                      highlight=False, soft_wrap=True)
            raise typer.Exit(1) from None


app = typer.Typer(
    name="alphasolve",
    cls=_Group,
    help="Solve competitive-programming problems AlphaCode-2 style: sample, filter, cluster, rank.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        from alphasolve import __version__

        typer.echo(f"alphasolve {__version__}")
        raise typer.Exit()


@app.callback()
def _root(debug: bool = typer.Option(False, "--debug", help="Show full tracebacks on errors (and, as --verbose, "
                                     "other libraries' messages)."),
          verbose: bool = typer.Option(False, "--verbose", help="Show other libraries' messages (vLLM, torch, "
                                       "Triton, Ray, ...) on the terminal instead of in the run's logs/."),
          version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                       help="Print alphasolve's version and exit.")) -> None:
    state.debug = debug
    from alphasolve.cli import quiet

    quiet.verbose = verbose or debug


def _register() -> None:
    from alphasolve.cli import batch, clusters, eval, import_, judge, show, solve, spec

    app.command("solve")(solve.solve)
    app.command("batch")(batch.batch)
    app.command("show")(show.show)
    app.command("clusters")(clusters.clusters)
    app.command("eval")(eval.eval_)
    app.command("judge")(judge.judge)
    app.command("import")(import_.import_)
    app.command("spec")(spec.spec)


_register()


def main() -> None:
    app()

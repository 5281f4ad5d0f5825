"""Rich rendering for the runner: stage notes, progress bars, and the result tables."""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Iterator

from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn
from rich.table import Table
from rich.text import Text

from alphasolve.cli.state import console


class RichReporter:
    """`bars=False`: notes only (several runs at once cannot share the terminal's one live display)."""

    def __init__(self, prefix: str = "", bars: bool = True):
        self.prefix = prefix
        self.bars = bars

    def note(self, stage: str, text: str) -> None:
        """Print `text` as it is (it may quote a program's output or a path); the prefix is markup."""
        head = Text.from_markup(f"{self.prefix}[bold cyan]{stage:>7}[/] ")
        console().print(Text.assemble(head, text), highlight=False, soft_wrap=True)

    @contextmanager
    def progress(self, stage: str, total: int) -> Iterator[Callable[[int], None]]:
        if not self.bars or not console().is_terminal:  # logs and pipes get the notes, not bar redraws
            yield lambda n=1: None
            return
        columns = (TextColumn(f"{self.prefix}[bold cyan]{stage:>7}[/]"), BarColumn(), MofNCompleteColumn(),
                   TimeElapsedColumn(), TextColumn("eta"), TimeRemainingColumn())
        from alphasolve.cli import quiet

        # with other libraries' output in the log, the bars must not catch their Python-level prints
        catch = quiet.log_path() is None
        with Progress(*columns, console=console(), redirect_stdout=catch, redirect_stderr=catch) as bar:
            task = bar.add_task(stage, total=total)
            yield lambda n=1: bar.advance(task, n)


def submissions_table(run_dir: Path, ranking: list[dict[str, Any]], labels: dict[int, str | None]) -> Table:
    table = Table(title=f"submissions in {escape(str(run_dir / 'submissions'))}", title_justify="left")
    for col in ("rank", "file", "language", "cluster", "size", "share"):
        table.add_column(col, justify="right" if col in ("rank", "cluster", "size", "share") else "left")
    show_labels = any(labels.values())
    if show_labels:
        table.add_column("replayed from")
    for sub in ranking:
        row = [str(sub["rank"]), escape(Path(sub["file"]).name), sub["language"], str(sub["cluster_id"]),
               f"{sub['scores'].get('cluster_size', 0):.0f}", f"{sub['scores'].get('cluster_share', 0):.1%}"]
        if show_labels:
            label = labels.get(sub["sample_id"])
            row.append({"correct": "[green]correct solution[/]", "incorrect": "[red]incorrect solution[/]"}
                       .get(label or "", ""))
        table.add_row(*row)
    return table

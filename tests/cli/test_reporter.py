"""The rich reporter prints what it is given as text: brackets in a note are not markup."""

import io

from rich.console import Console

from alphasolve.cli import reporter
from alphasolve.cli.reporter import RichReporter


def test_a_note_with_brackets_is_printed_verbatim(monkeypatch):
    out = Console(file=io.StringIO(), width=400, color_system=None)
    monkeypatch.setattr(reporter, "console", lambda: out)
    # a program's output, a markup-like tag, a closing tag with nothing to close, paths with brackets
    # and backslashes, an emoji code, a trailing backslash
    text = r"first: expected [bold]3[/bold], got [/] :smile: in runs/[a]/b.py [link=x] C:\dir\[y]\ end" + "\\"
    RichReporter(prefix="[dim]1/2[/] ").note("filter", text)  # the prefix is ours: markup
    assert out.file.getvalue() == f"1/2  filter {text}\n"

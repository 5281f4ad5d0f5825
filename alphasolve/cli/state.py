"""Process-wide CLI state (set by the root callback) and the consoles."""

from __future__ import annotations

from functools import lru_cache

debug = False


@lru_cache(maxsize=1)
def console():
    import os

    from rich.console import Console

    c = Console()
    if not c.is_terminal and "COLUMNS" not in os.environ:  # logs and pipes: do not squeeze tables
        c = Console(width=160)
    return c


@lru_cache(maxsize=1)
def console_err():
    from rich.console import Console

    return Console(stderr=True)

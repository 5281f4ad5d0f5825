"""Process-wide CLI state (set by the root callback) and the consoles."""

from __future__ import annotations

from functools import lru_cache

debug = False


@lru_cache(maxsize=1)
def console():
    from rich.console import Console

    return Console()


@lru_cache(maxsize=1)
def console_err():
    from rich.console import Console

    return Console(stderr=True)

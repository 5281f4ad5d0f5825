"""The one error type the CLI prints nicely (one line, exit code 2 by default)."""

from __future__ import annotations


class AlphasolveError(Exception):
    """A user-facing error: bad input, a missing file, an impossible request."""

    exit_code = 2

    def __init__(self, message: str, *, file: str | None = None, field: str | None = None):
        self.file = file
        self.field = field
        prefix = ""
        if file:
            prefix = f"{file}: "
        if field:
            prefix += f"field '{field}': "
        super().__init__(prefix + message)

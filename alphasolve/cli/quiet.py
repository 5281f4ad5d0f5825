"""Other libraries' messages (vLLM, torch, Triton, transformers, Ray, warnings, progress bars) go
to a log file, not the terminal; alphasolve's own lines (its rich consoles) still do.

Once a command holds its run directory (`run.solve`/`evaluate_run` call the hook this module
gives them), file descriptors 1 and 2 of the process are pointed at `logs/<command>.log` in the
run directory (batch: in the runs root), so whatever anything else prints goes there: Python
code (`print`, `logging`, `warnings`), C and C++ code (torch's NUMA warning), and the processes
started from then on (vLLM's engine process, Ray). alphasolve's consoles write to copies of the
original descriptors, the terminal; errors are printed there as one line, as always. The
redirection lasts until the process exits, so messages printed while it shuts down (vLLM's
engine, leaked-resource warnings) go to the log too.

Not redirected: with `--verbose` or `--debug`, when the user set a library's own log level
(`VLLM_LOGGING_LEVEL`), or when stdout/stderr are not the process's descriptors 1 and 2 (an
in-process test runner). With the log, vLLM logs at INFO (its default) into it.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from pathlib import Path
from typing import Callable, TextIO

verbose = False  # --verbose / --debug: leave other libraries' output on the terminal
LEVEL_VARIABLES = ("VLLM_LOGGING_LEVEL",)  # a library's own log level set by the user: show its messages

_lock = threading.Lock()
_log: Path | None = None
_terminal: tuple[TextIO, TextIO] | None = None


def log_path() -> Path | None:
    """The log file other libraries' output goes to (None: not redirected)."""
    return _log


def hook(log_dir: Path | None, command: str) -> Callable[[Path], None]:
    """The `on_locked` hook for `run.solve` / `run_eval.evaluate_run`: the first run directory
    locked starts the log, in `log_dir` or (None) that run directory's `logs/`."""
    def start(run_dir: Path) -> None:
        from alphasolve.rundir import LOGS

        to_log((log_dir or Path(run_dir) / LOGS) / f"{command}.log", command)
    return start


def _redirectable() -> bool:
    try:
        return sys.stdout.fileno() == 1 and sys.stderr.fileno() == 2
    except (AttributeError, OSError, ValueError):
        return False


def to_log(path: Path, command: str) -> Path | None:
    """From now on, descriptors 1 and 2 go to `path` (appended, after a header line) and
    alphasolve's consoles to the terminal. Once per process; returns the log (None: not redirected)."""
    global _log, _terminal
    with _lock:
        if _log is not None:
            return _log
        if verbose or any(v in os.environ for v in LEVEL_VARIABLES) or not _redirectable():
            return None
        from alphasolve.cli import state

        consoles = state.console(), state.console_err()  # made while 1 and 2 are still the terminal
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND | os.O_CLOEXEC, 0o644)
        stamp = time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime())
        os.write(fd, f"=== alphasolve {command}, pid {os.getpid()}, {stamp} UTC ===\n".encode())
        sys.stdout.flush()
        sys.stderr.flush()
        out, err = os.dup(1), os.dup(2)  # the terminal (not inherited by child processes)
        os.dup2(fd, 1)
        os.dup2(fd, 2)
        os.close(fd)
        _terminal = (os.fdopen(out, "w", buffering=1, encoding=sys.stdout.encoding, errors="replace"),
                     os.fdopen(err, "w", buffering=1, encoding=sys.stderr.encoding, errors="replace"))
        consoles[0].file, consoles[1].file = _terminal
        os.environ.setdefault("VLLM_LOGGING_LEVEL", "INFO")  # into the log: what vLLM says by default
        _log = path
        return _log

"""One writer per run directory: an advisory lock on `RUN/.lock`, held for the whole of `solve`,
`eval` and each problem of `batch`. A second process on the directory is refused at once with
an AlphasolveError (exit 2) naming the directory and the pid holding it; readers (`show`,
`clusters`) do not take the lock.

The lock is a POSIX record lock (`fcntl.lockf`, F_SETLK): the kernel drops it when the process
ends, however it ends (SIGKILL included), so no stale lock is left behind; and unlike `flock`
it is not shared with forked children (the executor's workers, vLLM's engine processes), so a
killed run's children that are still shutting down do not keep its directory locked. POSIX locks
belong to the process and are released when any descriptor of the file is closed, so this module
opens the file once per directory and counts nested acquisitions (`solve` called inside a CLI
command that already holds the directory).
"""

from __future__ import annotations

import errno
import fcntl
import os
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from alphasolve.errors import AlphasolveError

LOCK_NAME = ".lock"

_held: dict[Path, list[int]] = {}  # resolved directory -> [fd, depth]
_guard = threading.Lock()


class RunLocked(AlphasolveError):
    """Another process holds the run directory."""


@contextmanager
def run_lock(run_dir: str | Path) -> Iterator[None]:
    """Hold `run_dir`'s lock (creating the directory) for the duration of the block."""
    path = Path(run_dir)
    path.mkdir(parents=True, exist_ok=True)
    key = path.resolve()
    with _guard:
        entry = _held.get(key)
        if entry is not None:
            entry[1] += 1
        else:
            _held[key] = [_acquire(path), 1]
    try:
        yield
    finally:
        with _guard:
            entry = _held[key]
            entry[1] -= 1
            if entry[1] == 0:
                del _held[key]
                os.close(entry[0])  # releases the lock


def _acquire(path: Path) -> int:
    lock_file = path / LOCK_NAME
    fd = os.open(lock_file, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    try:
        fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        os.close(fd)
        if exc.errno not in (errno.EACCES, errno.EAGAIN):
            raise AlphasolveError(f"cannot lock the run directory: {exc.strerror}", file=str(path)) from None
        raise RunLocked(f"in use by another alphasolve process (pid {holder(path) or 'unknown'}); "
                        "wait for it to finish or use another --out", file=str(path)) from None
    os.ftruncate(fd, 0)
    os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
    return fd


def holder(run_dir: str | Path, wait_s: float = 0.5) -> int | None:
    """The pid written by the process holding the lock (it writes it just after locking: a
    moment's wait covers a holder that has just started)."""
    lock_file = Path(run_dir) / LOCK_NAME
    deadline = time.monotonic() + wait_s
    while True:
        try:
            text = lock_file.read_text().strip()
        except OSError:
            text = ""
        if text.isdigit():
            return int(text)
        if time.monotonic() > deadline:
            return None
        time.sleep(0.02)

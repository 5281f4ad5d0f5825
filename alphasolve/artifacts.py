"""Artifact files: atomic JSON writes and append-only JSONL that survives a kill.

A JSONL file is only ever appended to, one record per line. A process killed mid-write
leaves at most one torn last line; `read_jsonl` detects it, drops it and truncates the
file back to the last complete record, so appends continue cleanly.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator

from alphasolve.errors import AlphasolveError


#: a write refused by the disk, not by alphasolve: full, read-only, over quota, no permission
DISK_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES, errno.EPERM, errno.EFBIG})


def disk_error(exc: OSError, path: Path | str) -> AlphasolveError | None:
    """The one-line error for a write the disk refused (None for other OSErrors). Nothing written
    before is lost: JSON artifacts are replaced atomically and a torn JSONL line is dropped on resume."""
    if exc.errno not in DISK_ERRNOS:
        return None
    return AlphasolveError(f"cannot write: {os.strerror(exc.errno).lower()}; free space or make it writable, "
                           "then rerun the same command to resume", file=str(exc.filename or path))


@contextmanager
def writing(path: Path | str) -> Iterator[None]:
    """Turn a disk's refusal while writing `path` into `disk_error`'s AlphasolveError."""
    try:
        yield
    except OSError as exc:
        error = disk_error(exc, path)
        if error is None:
            raise
        raise error from exc


def write_text_atomic(path: Path, text: str) -> None:
    with writing(path):
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                f.write(text)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise


def write_json_atomic(path: Path, data: Any) -> None:
    write_text_atomic(path, json.dumps(data, indent=1, sort_keys=False) + "\n")


def read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise AlphasolveError(f"corrupt JSON ({exc.msg} at line {exc.lineno})", file=str(path)) from None


def read_jsonl(path: Path, *, repair: bool = True) -> list[dict[str, Any]]:
    """All complete records. A torn last line is dropped (and cut off the file if `repair`)."""
    return list(iter_jsonl(path, repair=repair))


def iter_jsonl(path: Path, *, repair: bool = True) -> Iterator[dict[str, Any]]:
    """The complete records, one line read at a time (a million samples never sit in memory at
    once). A torn last record (killed mid-write: no newline, or not JSON) is dropped and, once the
    file has been read to its end with `repair`, cut off it; a bad record before the last is an error."""
    if not path.exists():
        return
    good_end, bad_line = 0, 0
    with open(path, "rb") as f:
        for lineno, line in enumerate(f, 1):
            if bad_line:
                raise AlphasolveError(f"corrupt record on line {bad_line}", file=str(path))
            complete = line.endswith(b"\n")
            if not line.strip():
                good_end += len(line) if complete else 0
                continue
            try:
                record = json.loads(line) if complete else None
            except (json.JSONDecodeError, UnicodeDecodeError):
                record = None
            if record is None:
                bad_line = lineno  # the torn last record, unless another line follows
                continue
            good_end += len(line)
            yield record
        size = f.tell()
    if repair and good_end < size:
        with writing(path), open(path, "r+b") as f:
            f.truncate(good_end)


class JsonlAppender:
    """Append records to a JSONL file, one flushed line each (safe against SIGKILL)."""

    def __init__(self, path: Path):
        self.path = path
        with writing(path):
            path.parent.mkdir(parents=True, exist_ok=True)
            self._f = open(path, "a", encoding="utf-8")

    def write(self, record: dict[str, Any]) -> None:
        with writing(self.path):
            self._f.write(json.dumps(record, separators=(",", ":")) + "\n")
            self._f.flush()

    def close(self) -> None:
        if self._f.closed:
            return
        try:
            with writing(self.path):
                self._f.flush()
                os.fsync(self._f.fileno())
        finally:  # a refused flush still closes the file (what did not fit is a torn line, dropped on resume)
            try:
                self._f.close()
            except OSError:
                pass

    def __enter__(self) -> "JsonlAppender":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()


def replace_dir_atomic(target: Path, files: dict[str, str]) -> None:
    """Write `files` into a fresh directory and swap it in place of `target`."""
    with writing(target):
        _replace_dir_atomic(target, files)


def _replace_dir_atomic(target: Path, files: dict[str, str]) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}."))
    for name, text in files.items():
        (tmp / name).write_text(text, encoding="utf-8")
    old = None
    if target.exists():
        old = target.with_name(f".{target.name}.old")
        shutil.rmtree(old, ignore_errors=True)
        os.replace(target, old)
    os.replace(tmp, target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)

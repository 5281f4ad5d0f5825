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
    if not path.exists():
        return []
    data = path.read_bytes()
    lines = data.split(b"\n")  # the last element is b"" when the file ends cleanly
    records: list[dict[str, Any]] = []
    good_end = 0
    for lineno, line in enumerate(lines, 1):
        is_last = lineno == len(lines) or (lineno == len(lines) - 1 and lines[-1] == b"")
        complete = lineno < len(lines)
        if not line.strip():
            if complete:
                good_end += len(line) + 1
            continue
        try:
            record = json.loads(line) if complete else None
        except (json.JSONDecodeError, UnicodeDecodeError):
            record = None
        if record is None:
            if is_last:
                break  # a torn final record (killed mid-write): drop it
            raise AlphasolveError(f"corrupt record on line {lineno}", file=str(path))
        records.append(record)
        good_end += len(line) + 1
    if repair and good_end < len(data):
        with open(path, "r+b") as f:
            f.truncate(good_end)
    return records


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

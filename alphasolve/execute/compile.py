"""Compile C and C++ once per distinct source; Python needs no compile step here."""

from __future__ import annotations

import hashlib
import os
import subprocess
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

from alphasolve.execute.verdicts import Program

FLAGS = {
    "c": ["gcc", "-O2", "-std=gnu11", "-x", "c", "-o", "{out}", "{src}", "-lm"],
    "cpp": ["g++", "-O2", "-std=gnu++17", "-x", "c++", "-o", "{out}", "{src}"],
}
COMPILE_TIMEOUT_S = 30.0


@dataclass(frozen=True)
class Compiled:
    ok: bool
    binary: Path | None
    message: str = ""


class CompileCache:
    """Binaries keyed by (language, source, flags); safe to share between threads."""

    def __init__(self, directory: Path | None = None):
        self.directory = Path(directory or tempfile.mkdtemp(prefix="alphasolve-bin-"))
        self.directory.mkdir(parents=True, exist_ok=True)
        self._locks: dict[str, threading.Lock] = {}
        self._guard = threading.Lock()

    def compile(self, program: Program) -> Compiled:
        argv = FLAGS[program.language]
        key = hashlib.sha256("\0".join([program.language, program.source, *argv]).encode()).hexdigest()[:24]
        binary = self.directory / f"{key}.bin"
        failed = self.directory / f"{key}.err"
        with self._guard:
            lock = self._locks.setdefault(key, threading.Lock())
        with lock:
            if binary.exists():
                return Compiled(True, binary)
            if failed.exists():
                return Compiled(False, None, failed.read_text(errors="replace"))
            with tempfile.TemporaryDirectory(prefix="alphasolve-cc-") as work:
                src = Path(work) / ("main.c" if program.language == "c" else "main.cpp")
                src.write_text(program.source)
                out = Path(work) / "main"
                cmd = [a.format(out=out, src=src) for a in argv]
                try:
                    proc = subprocess.run(cmd, cwd=work, capture_output=True, text=True,
                                          timeout=COMPILE_TIMEOUT_S, stdin=subprocess.DEVNULL)
                    message, ok = proc.stderr[-4000:], proc.returncode == 0
                except subprocess.TimeoutExpired:
                    message, ok = f"compilation took longer than {COMPILE_TIMEOUT_S:.0f} s", False
                if not ok:
                    failed.write_text(message)
                    return Compiled(False, None, message)
                tmp = binary.with_suffix(f".tmp{os.getpid()}")
                os.replace(out, tmp)
                os.replace(tmp, binary)
                return Compiled(True, binary)

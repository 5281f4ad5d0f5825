"""Compile C and C++ once per distinct source, in the sandbox, with limits.

Binaries are cached on disk keyed by (language, source, flags, compiler). C++ uses a
precompiled ``bits/stdc++.h`` per flag set (built once, kept under the PCH directory),
which cuts a typical competitive-programming compile by more than half. The compiler runs
in the same kind of sandbox as the candidates (no network, read-only system, only its
work directory writable, its own uid as root) with CPU, memory, file-size and wall-clock
limits, so `#include "/dev/random"`, template bombs and huge arrays end as compile errors.
"""

from __future__ import annotations

import functools
import hashlib
import os
import resource
import shutil
import stat
import struct
import subprocess
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

from alphasolve.digest import short_hash
from alphasolve.execute import sandbox
from alphasolve.execute.verdicts import Program

FLAGS = {
    "c": ["gcc", "-O2", "-std=gnu11", "-pipe"],
    "cpp": ["g++", "-O2", "-std=gnu++17", "-pipe"],
}
LIBS = {"c": ["-lm"], "cpp": []}
COMPILE_TIMEOUT_S = 30.0
COMPILE_MEMORY_BYTES = 2 << 30
COMPILE_OUTPUT_BYTES = 256 << 20
MESSAGE_BYTES = 8000
PCH_HEADER = "bits/stdc++.h"


@dataclass(frozen=True)
class Compiled:
    ok: bool
    binary: Path | None
    message: str = ""
    static_bytes: int = 0  # memory the binary maps before running (text, data, bss)


@functools.lru_cache(maxsize=None)
def compiler_version(cc: str) -> str:
    try:
        return subprocess.run([cc, "--version"], capture_output=True, text=True, timeout=30).stdout.split("\n")[0]
    except (OSError, subprocess.TimeoutExpired):
        return "missing"


def static_memory(binary: Path) -> int:
    """Sum of the PT_LOAD segments' memory sizes of an ELF64 file (0 if not one)."""
    with open(binary, "rb") as f:
        head = f.read(64)
        if len(head) < 64 or head[:4] != b"\x7fELF" or head[4] != 2:
            return 0
        endian = "<" if head[5] == 1 else ">"
        phoff, = struct.unpack_from(endian + "Q", head, 32)
        phentsize, phnum = struct.unpack_from(endian + "HH", head, 54)
        f.seek(phoff)
        table = f.read(phentsize * phnum)
    total = 0
    for k in range(phnum):
        ptype, = struct.unpack_from(endian + "I", table, k * phentsize)
        if ptype == 1:  # PT_LOAD
            memsz, = struct.unpack_from(endian + "Q", table, k * phentsize + 40)
            total += memsz
    return total


def _limits(uid: int | None):
    def apply() -> None:  # used only without bubblewrap
        resource.setrlimit(resource.RLIMIT_AS, (COMPILE_MEMORY_BYTES, COMPILE_MEMORY_BYTES))
        resource.setrlimit(resource.RLIMIT_CPU, (int(COMPILE_TIMEOUT_S), int(COMPILE_TIMEOUT_S) + 1))
        resource.setrlimit(resource.RLIMIT_FSIZE, (COMPILE_OUTPUT_BYTES, COMPILE_OUTPUT_BYTES))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    return apply


class CompileCache:
    """Binaries keyed by (language, source, flags); safe to share between threads."""

    def __init__(self, directory: Path | None = None, mode: str = "none", pch_dir: Path | None = None,
                 parallel: int = 2):
        self.directory = Path(directory or tempfile.mkdtemp(prefix="alphasolve-bin-"))
        self.directory.mkdir(parents=True, exist_ok=True)
        self.mode = mode
        self.pch_dir = Path(pch_dir) if pch_dir else None
        self._locks: dict[str, threading.Lock] = {}
        self._guard = threading.Lock()
        self._slots = threading.Semaphore(max(1, parallel))
        self._pch_failed: set[str] = set()

    def _lock(self, key: str) -> threading.Lock:
        with self._guard:
            return self._locks.setdefault(key, threading.Lock())

    def key(self, program: Program) -> str:
        flags = FLAGS[program.language] + LIBS[program.language]
        parts = [program.language, program.source, *flags, compiler_version(flags[0])]
        return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:24]

    def compile(self, program: Program) -> Compiled:
        key = self.key(program)
        binary = self.directory / f"{key}.bin"
        failed = self.directory / f"{key}.err"
        with self._lock(key):
            if binary.exists():
                return Compiled(True, binary, static_bytes=static_memory(binary))
            if failed.exists():
                return Compiled(False, None, failed.read_text(errors="replace"))
            ok, message, out = self._build(program, binary)
            if not ok:
                failed.write_text(message)
                return Compiled(False, None, message)
            return Compiled(True, binary, static_bytes=static_memory(binary))

    def _build(self, program: Program, binary: Path) -> tuple[bool, str, Path | None]:
        lang = program.language
        src_name = "main.c" if lang == "c" else "main.cpp"
        extra_ro, include = [], []
        if lang == "cpp" and PCH_HEADER in program.source:
            pch = self.pch(FLAGS[lang])
            if pch is not None:
                extra_ro, include = [(str(pch), "/pch")], ["-I", "/pch" if self._sandboxed else str(pch)]
        argv = [*FLAGS[lang], *include, "-o", "main", src_name, *LIBS[lang]]
        ok, message, out = self.run_compiler(argv, {src_name: program.source}, "main", extra_ro)
        if out is not None:
            try:
                tmp = binary.with_suffix(f".tmp{os.getpid()}.{threading.get_ident()}")
                shutil.copyfile(out, tmp)
                os.replace(tmp, binary)
            finally:
                shutil.rmtree(out.parent, ignore_errors=True)
        return ok, message, out

    @property
    def _sandboxed(self) -> bool:
        return self.mode.startswith("bwrap")

    def run_compiler(self, argv: list[str], files: dict[str, str], output: str,
                     extra_ro: list[tuple[str, str]] = ()) -> tuple[bool, str, Path | None]:
        """Run a compiler on `files` in a fresh sandboxed directory; (ok, message, output path).

        The caller removes the output's directory. The output must be a regular file (a
        planted symlink is refused).
        """
        uid = sandbox.new_uid() if os.geteuid() == 0 else None
        work = Path(tempfile.mkdtemp(prefix="alphasolve-cc-"))
        try:
            os.chmod(work, 0o755)  # bwrap (root without capabilities) must enter it
            for name, text in files.items():
                (work / name).write_bytes(text.encode("utf-8", "surrogateescape"))
            if uid is not None:
                for path in [work, *(work / n for n in files)]:
                    os.chown(path, uid, uid)
        except BaseException:
            shutil.rmtree(work, ignore_errors=True)
            raise
        cmd = sandbox.compiler_argv(self.mode, str(work), list(extra_ro), argv, uid)
        # rlimits: inherited through bwrap; set in a preexec function only when unsandboxed
        # (bwrap's own setup would fail under RLIMIT_AS), and by prlimit otherwise.
        kwargs = {}
        if not self._sandboxed:
            kwargs = {"preexec_fn": _limits(uid), "user": uid, "group": uid, "extra_groups": [],
                      "env": {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "TMPDIR": str(work)}} \
                if uid is not None else {"preexec_fn": _limits(uid),
                                         "env": {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "TMPDIR": str(work)}}
        else:
            cmd = ["prlimit", f"--as={COMPILE_MEMORY_BYTES}", f"--cpu={int(COMPILE_TIMEOUT_S)}",
                   f"--fsize={COMPILE_OUTPUT_BYTES}", "--core=0", "--", *cmd] if shutil.which("prlimit") else cmd
        with self._slots:
            try:
                proc = subprocess.run(cmd, cwd=work, capture_output=True, timeout=COMPILE_TIMEOUT_S,
                                      stdin=subprocess.DEVNULL, start_new_session=True, **kwargs)
                message = proc.stderr[-MESSAGE_BYTES:].decode("utf-8", "replace")
                ok = proc.returncode == 0
                if not ok and not message.strip():
                    message = f"compiler exited with status {proc.returncode}"
            except subprocess.TimeoutExpired:
                message, ok = f"compilation took longer than {COMPILE_TIMEOUT_S:.0f} s", False
            except BaseException:
                shutil.rmtree(work, ignore_errors=True)
                raise
        out = work / output
        if ok:
            try:
                st = os.lstat(out)
                ok = stat.S_ISREG(st.st_mode)
                message = message if ok else "compiler output is not a regular file"
            except FileNotFoundError:
                ok, message = False, "compiler produced no output"
        if not ok:
            shutil.rmtree(work, ignore_errors=True)
            return False, message, None
        return True, message, out

    def pch(self, flags: list[str]) -> Path | None:
        """A directory holding bits/stdc++.h.gch for `flags` (built on first use), or None."""
        if self.pch_dir is None:
            return None
        key = short_hash("\0".join([*flags, compiler_version(flags[0])]))
        target = self.pch_dir / key
        gch = target / "bits" / "stdc++.h.gch"
        with self._lock("pch" + key):
            if gch.exists():
                return target
            if key in self._pch_failed:
                return None
            header = f"#include <{PCH_HEADER}>\n"
            ok, _message, out = self.run_compiler([*flags, "-x", "c++-header", "-o", "stdc++.h.gch", "h.h"],
                                                  {"h.h": header}, "stdc++.h.gch")
            if not ok or out is None:  # remembered for this cache only: it may be transient
                self._pch_failed.add(key)
                return None
            target.mkdir(parents=True, exist_ok=True)
            (target / "bits").mkdir(exist_ok=True)
            tmp = target / "bits" / f".tmp{os.getpid()}.{threading.get_ident()}"
            shutil.copyfile(out, tmp)
            shutil.rmtree(out.parent, ignore_errors=True)
            os.chmod(tmp, 0o644)
            os.chmod(target, 0o755)
            os.chmod(target / "bits", 0o755)
            os.replace(tmp, gch)
            return target

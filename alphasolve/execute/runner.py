"""Run one prepared program on one input in a subprocess with hard limits.

This is the basic runner: a new session, rlimits, output to files (so a daemon holding
stdout cannot block us), and a kill of the whole process group when it ends.
"""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from alphasolve.execute.verdicts import ExecResult, Limits, Verdict


def _limits_preexec(limits: Limits):
    cpu = max(1, int(limits.time_s + 1))

    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
        resource.setrlimit(resource.RLIMIT_AS, (limits.memory_bytes, limits.memory_bytes))
        resource.setrlimit(resource.RLIMIT_FSIZE, (limits.output_bytes + 1, limits.output_bytes + 1))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        resource.setrlimit(resource.RLIMIT_NOFILE, (64, 64))

    return apply


def command_for(language: str, path: Path) -> list[str]:
    if language == "python3":
        return [sys.executable, "-I", "-S", "-B", str(path)]
    return [str(path)]


def run_command(argv: list[str], stdin_text: str, limits: Limits) -> ExecResult:
    with tempfile.TemporaryDirectory(prefix="alphasolve-run-") as work:
        work_path = Path(work)
        (work_path / "in").write_text(stdin_text)
        with open(work_path / "in", "rb") as fin, open(work_path / "out", "wb") as fout, \
                open(work_path / "err", "wb") as ferr:
            start = time.monotonic()
            proc = subprocess.Popen(argv, stdin=fin, stdout=fout, stderr=ferr, cwd=work,
                                    env={"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"},
                                    start_new_session=True, preexec_fn=_limits_preexec(limits))
            timed_out = False
            try:
                _, status, usage = _wait(proc, limits.time_s * 1.5 + 0.5)
            except subprocess.TimeoutExpired:
                timed_out = True
                _killpg(proc.pid)
                _, status, usage = os.wait4(proc.pid, 0)
            wall = time.monotonic() - start
            _killpg(proc.pid)
        out_size = (work_path / "out").stat().st_size
        stdout = _read_capped(work_path / "out", limits.output_bytes)
        stderr = _read_capped(work_path / "err", limits.stderr_bytes)
    cpu = usage.ru_utime + usage.ru_stime
    peak = usage.ru_maxrss * 1024
    exit_code = os.WEXITSTATUS(status) if os.WIFEXITED(status) else None
    sig = os.WTERMSIG(status) if os.WIFSIGNALED(status) else None
    if timed_out or cpu > limits.time_s or sig == signal.SIGXCPU:
        verdict = Verdict.TIME_LIMIT
    elif out_size > limits.output_bytes or sig == signal.SIGXFSZ:
        verdict = Verdict.OUTPUT_LIMIT
    elif peak >= limits.memory_bytes * 0.95 or (exit_code != 0 and "MemoryError" in stderr) \
            or (exit_code != 0 and "bad_alloc" in stderr):
        verdict = Verdict.MEMORY_LIMIT
    elif exit_code == 0:
        verdict = Verdict.OK
    else:
        verdict = Verdict.RUNTIME_ERROR
    return ExecResult(verdict, stdout, stderr, exit_code, sig, round(cpu, 4), round(wall, 4), peak)


def _wait(proc: subprocess.Popen, timeout: float):
    deadline = time.monotonic() + timeout
    delay = 0.0005
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            proc.returncode = status
            return pid, status, usage
        if time.monotonic() > deadline:
            raise subprocess.TimeoutExpired(proc.args, timeout)
        time.sleep(delay)
        delay = min(delay * 2, 0.02)


def _killpg(pid: int) -> None:
    try:
        os.killpg(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def _read_capped(path: Path, cap: int) -> str:
    with open(path, "rb") as f:
        return f.read(cap).decode("utf-8", errors="replace")

"""One writer per run directory (alphasolve/lock.py), with real processes: a second `solve`,
`batch` or `eval` on a directory another process is solving exits 2 at once, naming the
directory and the holder's pid; `show` still reads it; after a SIGKILL the rerun is not blocked."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from support import add_problem, run_cli

from alphasolve.lock import LOCK_NAME, RunLocked, holder, run_lock

SLOW = "import time\ntime.sleep(3)  # {}\na, b = map(int, input().split())\nprint(a + b)\n"


@pytest.fixture
def slow_problem(tmp_path) -> Path:
    """A problem whose recorded solutions take 3 s a test: a run that lasts long enough to meet."""
    data = add_problem(solutions={"language": [3] * 4, "solution": [SLOW.format(i) for i in range(4)]},
                       incorrect_solutions={"language": [], "solution": []},
                       time_limit={"seconds": 20, "nanos": 0})
    path = tmp_path / "problems" / "add-two.json"
    path.parent.mkdir()
    path.write_text(json.dumps(data))
    return path


def start_solve(problem: Path, run: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "alphasolve", "solve", str(problem), "--out", str(run),
                             "--samples", "4", "--workers", "2", "--set", "inputs.count=2"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True)


def wait_until_locked(proc: subprocess.Popen, run: Path) -> None:
    deadline = time.monotonic() + 60
    while not ((run / LOCK_NAME).exists() and (run / "manifest.json").exists() and holder(run, 0) == proc.pid):
        assert proc.poll() is None, proc.stderr.read()
        assert time.monotonic() < deadline, "the first solve never locked its run directory"
        time.sleep(0.05)


def test_a_second_process_is_refused_at_once_and_a_sigkill_leaves_no_stale_lock(tmp_path, slow_problem):
    run = tmp_path / "runs" / "add-two"
    first = start_solve(slow_problem, run)
    try:
        wait_until_locked(first, run)
        for args in (["solve", str(slow_problem), "--out", str(run), "--samples", "4"],
                     ["batch", str(slow_problem.parent), "--out", str(run.parent), "--samples", "4"],
                     ["eval", str(run)]):
            started = time.monotonic()
            second = run_cli(*args, timeout=60)
            took = time.monotonic() - started
            assert second.returncode == 2, (args, second.stdout, second.stderr)
            errors = [line for line in (second.stdout + second.stderr).splitlines() if "error" in line]
            assert len(errors) == 1 and second.stderr.count("\n") == 1, (second.stdout, second.stderr)
            assert f"{run}: in use by another alphasolve process (pid {first.pid})" in errors[0]
            assert took < 15, took  # refused at once: no stage ran
            assert first.poll() is None
        shown = run_cli("show", str(run), timeout=60)  # readers do not take the lock
        assert shown.returncode == 0, shown.stderr
        assert first.poll() is None  # still solving: the refusals above met a live holder
    finally:
        first.send_signal(signal.SIGKILL)
        first.wait()
    # killed mid-run: the kernel dropped the lock; the rerun resumes and finishes
    rerun = run_cli("solve", str(slow_problem), "--out", str(run), "--samples", "4", "--workers", "2",
                    "--set", "inputs.count=2", timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert json.loads((run / "manifest.json").read_text())["stages"]["rank"]["status"] == "done"


def test_the_lock_is_reentrant_in_a_process_and_released_after(tmp_path):
    run = tmp_path / "run"
    code = ("import sys, time\nfrom alphasolve.lock import run_lock\n"
            "with run_lock(sys.argv[1]):\n    print('locked', flush=True)\n    time.sleep(60)\n")
    with run_lock(run):
        with run_lock(run):  # nested (solve inside a command that holds it): still held after the inner exit
            pass
        other = subprocess.Popen([sys.executable, "-c", code, str(run)], stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE, text=True)
        _, err = other.communicate(timeout=60)
        assert other.returncode == 1 and f"pid {os.getpid()}" in err and "RunLocked" in err
    other = subprocess.Popen([sys.executable, "-c", code, str(run)], stdout=subprocess.PIPE, text=True)
    try:
        assert other.stdout.readline() == "locked\n"
        with pytest.raises(RunLocked, match=f"pid {other.pid}"):
            with run_lock(run):
                pass
    finally:
        other.kill()
        other.wait()

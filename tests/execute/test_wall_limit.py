"""The CPU limit decides time-outs; the wall limit only stops sleepers (worker.Server.wait)."""

from __future__ import annotations

import multiprocessing
import os

from alphasolve.execute import LocalExecutor, Limits, Program, Verdict
from alphasolve.execute.worker import starved

# about 0.45 s of CPU time, whatever the machine's load, then the answer
COMPUTE_PY = ("import time\nstart = time.process_time()\nx = 0\n"
              "while time.process_time() - start < 0.45:\n    x += 1\n"
              "a, b = map(int, input().split())\nprint(a + b)\n")


def test_starved_means_computing_at_the_deadline():
    assert starved(0.3, 2.0) and starved(1.0, 1.0)
    assert not starved(0.0, 2.0) and not starved(0.01, 2.0) and not starved(0.0, 0.0)


def _hog() -> None:
    os.setsid()  # a session of its own: with autogroup scheduling, sessions share the CPU evenly
    while True:
        pass


def test_a_program_within_the_cpu_limit_is_not_timed_out_on_a_busy_machine():
    """Many busy processes leave the program a small share of a core: its 0.45 s of CPU take longer
    than the wall limit (2 x 0.5 + 1 s), yet it is judged by its CPU time."""
    limits = Limits(time_s=0.5, memory_bytes=256 << 20)
    ctx = multiprocessing.get_context("fork")
    hogs = [ctx.Process(target=_hog, daemon=True) for _ in range(10 * (os.cpu_count() or 1))]
    for h in hogs:
        h.start()
    try:
        with LocalExecutor(workers=1) as ex:
            result = ex.run(Program("python3", COMPUTE_PY), ["1 2\n"], limits)[0]
    finally:
        for h in hogs:
            h.kill()
            h.join()
    assert result.verdict == Verdict.OK, result
    assert result.stdout.strip() == "3" and result.cpu_time < limits.time_s

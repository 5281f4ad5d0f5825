"""Other libraries' output goes to the run's logs/, alphasolve's lines to the terminal
(alphasolve/cli/quiet.py), in real processes: Python prints, warnings and logging, C-level writes
to descriptor 2 and child processes all land in the log; --verbose leaves them on the terminal.
(tests/sample/test_quiet_default_run.py checks a real default-config run on vLLM.)"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from support import run_cli

SCRIPT = r"""
import logging, os, subprocess, sys, warnings
from pathlib import Path
from alphasolve.cli import quiet, state
quiet.verbose = sys.argv[2] == "1"
state.console().print("alphasolve: before")
print("log:", quiet.to_log(Path(sys.argv[1]) / "logs" / "solve.log", "solve"), file=state.console().file)
state.console().print("alphasolve: mine")
print("library print")
warnings.warn("library warning", FutureWarning)
logging.basicConfig()
logging.getLogger("vllm").warning("library log")
os.write(2, b"C-level write\n")
subprocess.run(["sh", "-c", "echo child process >&2"])
state.console_err().print("error: one line")
"""
LIBRARY = ("library print", "library warning", "library log", "C-level write", "child process")


@pytest.mark.parametrize("verbose", [False, True])
def test_other_libraries_output_goes_to_the_log_and_alphasolves_to_the_terminal(tmp_path, verbose):
    env = {k: v for k, v in os.environ.items() if k != "VLLM_LOGGING_LEVEL"}
    done = subprocess.run([sys.executable, "-c", SCRIPT, str(tmp_path), "1" if verbose else "0"], env=env,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    log = tmp_path / "logs" / "solve.log"
    if verbose:
        assert not log.exists()
        assert all(line in done.stdout + done.stderr for line in LIBRARY)
        return
    assert done.stdout == f"alphasolve: before\nlog: {log}\nalphasolve: mine\n"
    assert done.stderr == "error: one line\n"
    text = log.read_text()
    assert text.startswith("=== alphasolve solve, pid ") and all(line in text for line in LIBRARY), text


def test_a_refused_run_writes_no_log_and_an_error_reaches_the_terminal(tmp_path, add_problem_file):
    run = tmp_path / "run"
    done = run_cli("solve", str(add_problem_file), "--out", str(run), "--samples", "4", "--set", "inputs.count=3")
    assert done.returncode == 0, done.stderr
    assert (run / "logs" / "solve.log").read_text().startswith("=== alphasolve solve, pid ")
    assert done.stderr == ""
    # a run of another problem in this directory: refused after the lock, one line on the terminal
    other = tmp_path / "other.json"
    other.write_text(add_problem_file.read_text().replace('"add-two"', '"add-three"'))
    before = (run / "logs" / "solve.log").read_text()
    done = run_cli("solve", str(other), "--out", str(run))
    assert done.returncode == 2 and done.stderr.count("\n") == 1 and "holds a run of problem" in done.stderr
    assert (run / "logs" / "solve.log").read_text() == before


def test_a_library_failure_mid_run_is_one_line_on_the_terminal_naming_the_log(tmp_path, add_problem_file):
    run = tmp_path / "run"
    script = ("import dataclasses, sys\nimport alphasolve.stages as stages\n"
              "def failing(ctx):\n"
              "    print('engine: something went wrong', file=sys.stderr)\n"
              "    raise RuntimeError('engine died')\n"
              "stages.STAGES = tuple(dataclasses.replace(s, run=failing) if s.name == 'sample' else s\n"
              "                      for s in stages.STAGES)\n"
              "from alphasolve.cli import main\n"
              f"sys.argv = ['alphasolve', 'solve', {str(add_problem_file)!r}, '--out', {str(run)!r}]\n"
              "main()\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120,
                          stdin=subprocess.DEVNULL)
    log = run / "logs" / "solve.log"
    assert done.returncode == 1, done.stderr
    assert done.stderr == ("error: RuntimeError: engine died (rerun with --debug for the traceback; "
                           f"other libraries' messages: {log})\n")
    assert "engine: something went wrong" in log.read_text()


def test_batch_logs_in_the_runs_root_and_eval_in_the_run_directory(tmp_path, add_problem_file):
    root = tmp_path / "runs"
    done = run_cli("batch", str(add_problem_file.parent), "--out", str(root), "--samples", "3",
                   "--set", "inputs.count=3")
    assert done.returncode == 0 and done.stderr == "", done.stderr
    assert (root / "logs" / "batch.log").read_text().startswith("=== alphasolve batch, pid ")
    assert not (root / "add-two" / "logs").exists()
    done = run_cli("eval", str(root / "add-two"))
    assert done.returncode == 0 and done.stderr == "", done.stderr
    assert (root / "add-two" / "logs" / "eval.log").read_text().startswith("=== alphasolve eval, pid ")

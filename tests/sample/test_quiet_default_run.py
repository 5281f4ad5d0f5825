"""`alphasolve solve` with the default config (vLLM's CPU engine on the shipped SmolLM2) as a real
subprocess: its output holds alphasolve's lines only; vLLM's, torch's and Triton's messages are in
the run's logs/solve.log (alphasolve/cli/quiet.py)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest
from conftest import make_problem, require_vllm

pytestmark = pytest.mark.slow

OURS = [
    r"\S+ → .+",  # the problem and its run directory
    r" *(sample|filter|inputs|cluster|rank) .+",  # stage notes
    r"\d+ samples, \d+ passed the public tests \(\d+%\), \d+ clusters",
    r"no submissions: no candidate passed the public tests",
    r"submissions in .+",  # the submissions table: title, rules and rows
    r"[┏┃┡│└━─┳╇┼┴╋ ].*",
]


def test_the_default_run_prints_alphasolves_lines_only(smollm2_dir, tmp_path):
    require_vllm()
    problem = tmp_path / "add.json"
    problem.write_text(json.dumps(make_problem().to_dict()))
    cache = tmp_path / "subprocess-cache"  # its own cache, holding only the converted model
    cache.mkdir()
    (cache / "models").symlink_to(smollm2_dir.parent, target_is_directory=True)
    env = {k: v for k, v in os.environ.items() if k not in ("ALPHASOLVE_CONFIG", "VLLM_LOGGING_LEVEL")}
    env["ALPHASOLVE_CACHE"] = str(cache)
    run = tmp_path / "run"
    done = subprocess.run([sys.executable, "-m", "alphasolve", "solve", str(problem), "--out", str(run),
                           "--samples", "2", "--set", "sample.max_tokens=32", "--set", "inputs.count=5",
                           "--set", "inputs.generators=1", "-j", "2"],
                          env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, (done.stdout, done.stderr)
    assert done.stderr == ""
    lines = [line for line in done.stdout.splitlines() if line.strip()]
    strangers = [line for line in lines if not any(re.fullmatch(p, line) for p in OURS)]
    assert not strangers and any("samples," in line for line in lines), done.stdout
    log = (run / "logs" / "solve.log").read_text()
    assert log.startswith("=== alphasolve solve, pid ")
    assert "vLLM" in log or "vllm" in log, log[-3000:]  # the engine's messages were caught, not lost

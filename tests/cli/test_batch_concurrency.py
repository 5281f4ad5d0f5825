"""`alphasolve batch --concurrency N` through the CLI on the shipped problems (replay config): the
same run directories, summary and evaluation as one problem at a time. The Ray executor's case
is in tests/execute/test_ray_executor.py (it needs that module's local Ray cluster)."""

from __future__ import annotations

import json
import re
import shutil
import threading
from pathlib import Path

import pytest
from support import REPO
from typer.testing import CliRunner

from alphasolve.cli import app

PROBLEMS = REPO / "problems"
SAMPLES = "10"


def batch(out: Path, *extra: str):
    result = CliRunner().invoke(app, ["batch", str(PROBLEMS), "--out", str(out), "--samples", SAMPLES, *extra])
    assert result.exit_code == 0, (result.output, result.exception)
    return result


def run_artifacts(root: Path) -> dict:
    """Per run directory, what must not depend on how many problems ran at once."""
    runs = {}
    for run in sorted(p for p in root.iterdir() if (p / "manifest.json").exists()):
        runs[run.name] = {
            "ranking.json": (run / "ranking.json").read_text(),
            "clusters.json": (run / "clusters.json").read_text(),
            "samples.jsonl": sorted((run / "samples.jsonl").read_text().splitlines()),
            "submissions": {p.name: p.read_text() for p in sorted((run / "submissions").iterdir())},
        }
    return runs


def summary_rows(output: str) -> list[list[str]]:
    """The summary tables' rows (problem .. status; then the eval table's), without costs and paths."""
    rows = []
    for line in output.splitlines():
        cells = [c.strip() for c in line.strip().strip("│").split("│")]
        if line.startswith("│") and len(cells) > 6 and not re.fullmatch(r"[\d.]*", cells[0]):
            rows.append(cells[:6])
    return rows


def without_cost(summary: dict) -> dict:
    return {k: v for k, v in summary.items() if k not in ("cost", "runs")}


@pytest.fixture(scope="module")
def sequential(tmp_path_factory):
    out = tmp_path_factory.mktemp("sequential") / "runs"
    return out, batch(out, "--eval", "--concurrency", "1")


def test_concurrent_batch_equals_sequential(sequential, tmp_path, monkeypatch):
    """Two problems at once (proven: the first two wait for each other before solving), with the
    setting from the config this time; same run directories, summary and evaluation."""
    import alphasolve.run as run_mod

    both_started = threading.Barrier(2, timeout=120)
    calls = []
    original = run_mod.solve

    def solve_after_both_started(*args, **kwargs):
        calls.append(kwargs.get("executor"))
        if len(calls) <= 2:
            both_started.wait()  # breaks (failing the run) unless two problems are in flight together
        return original(*args, **kwargs)

    monkeypatch.setattr(run_mod, "solve", solve_after_both_started)
    seq_out, seq_result = sequential
    out = tmp_path / "runs"
    result = batch(out, "--eval", "--set", "batch.concurrency=2")
    assert len(calls) == 6 and len({id(c) for c in calls}) == 1  # one executor shared by every problem
    assert run_artifacts(out) == run_artifacts(seq_out) and len(run_artifacts(out)) == 6
    assert summary_rows(result.output) == summary_rows(seq_result.output) and len(summary_rows(result.output)) >= 12
    assert without_cost(json.loads((out / "eval-summary.json").read_text())) == \
        without_cost(json.loads((seq_out / "eval-summary.json").read_text()))
    again = batch(out, "--concurrency", "3")  # finished: nothing redone, whatever the concurrency
    assert again.output.count("up to date") == 6 * 5


def test_one_model_engine_at_a_time_with_the_vllm_backend(tmp_path, monkeypatch):
    """With the in-process vllm backend the sample stages of concurrent problems take turns. The
    engine is stood in for by the replay sampler (two real vLLM engines take minutes to start
    here): it counts samplers alive at once, waiting a little in each for a second to appear."""
    import alphasolve.sample as sample_mod
    from alphasolve.sample.replay import ReplaySampler

    alive, most, lock = [0], [0], threading.Lock()
    second = threading.Event()

    class ReplayStandInForVLLM(ReplaySampler):
        def __init__(self, config):
            super().__init__(config)
            with lock:
                alive[0] += 1
                most[0] = max(most[0], alive[0])
                if alive[0] > 1:
                    second.set()
            second.wait(1.0)  # without the turn-taking, the other problem's sampler shows up meanwhile

        def close(self):
            with lock:
                alive[0] -= 1
            super().close()

    def make_sampler(config):
        assert config.backend == "vllm"
        return ReplayStandInForVLLM(config)

    monkeypatch.setattr(sample_mod, "make_sampler", make_sampler)
    problems = tmp_path / "problems"
    problems.mkdir()
    for name in ("max-subarray.json", "sum-of-pairs.json", "kattis-different.json"):
        shutil.copy(PROBLEMS / name, problems / name)
    result = CliRunner().invoke(app, ["batch", str(problems), "--out", str(tmp_path / "runs"), "--samples", SAMPLES,
                                      "--backend", "vllm", "--concurrency", "3"])
    assert result.exit_code == 0, (result.output, result.exception)
    assert most[0] == 1 and alive[0] == 0
    assert all((tmp_path / "runs" / p.stem / "ranking.json").exists() for p in problems.iterdir())


def test_bad_concurrency_is_a_one_line_error(tmp_path):
    result = CliRunner().invoke(app, ["batch", str(PROBLEMS), "--set", "batch.concurrency=0"])
    assert result.exit_code == 2 and "field 'batch.concurrency': expected a positive integer, got 0" in result.output

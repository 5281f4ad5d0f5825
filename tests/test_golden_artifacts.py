"""Behaviour is unchanged: a fixed replay batch over the shipped problems (with `--eval`) gives, per
problem, the same stage artifacts as the code they were recorded from (tests/golden_artifacts.py:
what is hashed, what is normalised away, and how to re-record)."""

from __future__ import annotations

import json

import pytest
from golden_artifacts import RECORDED, hashes, run_batch


@pytest.mark.slow
def test_batch_artifacts_match_the_recorded_hashes(tmp_path):
    root = tmp_path / "runs"
    done = run_batch(root)
    assert done.returncode == 0, done.stdout + done.stderr
    recorded = json.loads(RECORDED.read_text())["hashes"]
    found = hashes(root)
    assert sorted(found) == sorted(recorded)
    changed = [f"{run}/{name}" for run in recorded for name in recorded[run]
               if found[run].get(name) != recorded[run][name]]
    assert not changed, f"artifacts differ from the recorded ones: {changed}"

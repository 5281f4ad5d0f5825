"""Fixtures shared by the whole suite. Every run directory and cache stays inside tmp_path."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from support import REPO, add_problem


@pytest.fixture(autouse=True)
def _isolated_runs(tmp_path, monkeypatch):
    """Keep run directories and caches inside tmp_path, whatever a test does."""
    monkeypatch.setenv("ALPHASOLVE_RUNS", str(tmp_path / "runs"))
    monkeypatch.setenv("ALPHASOLVE_CACHE", os.environ.get("ALPHASOLVE_TEST_CACHE", str(tmp_path / "cache")))
    monkeypatch.chdir(tmp_path)
    # An engine started in this process (a session fixture) sets VLLM_LOGGING_LEVEL for itself; an
    # `alphasolve` subprocess inheriting it would take it for the user's and keep vLLM on the terminal
    monkeypatch.delenv("VLLM_LOGGING_LEVEL", raising=False)


def pytest_configure(config):
    # The suite replays recorded solutions unless a test asks for a model (module-scoped fixtures
    # included, hence here and not in a function fixture). Tests of the default config unset it.
    os.environ["ALPHASOLVE_CONFIG"] = str(REPO / "configs" / "replay.toml")
    # No test may reach a model or dataset hub, even by mistake (vLLM resolves a name it does not
    # find on disk on the hub; `datasets` does too): every model and dataset here is local.
    for name in ("HF_HUB_OFFLINE", "HF_DATASETS_OFFLINE", "TRANSFORMERS_OFFLINE"):
        os.environ[name] = "1"


@pytest.fixture
def add_problem_file(tmp_path) -> Path:
    path = tmp_path / "add-two.json"
    path.write_text(json.dumps(add_problem()))
    return path



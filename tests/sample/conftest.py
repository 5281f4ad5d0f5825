"""Fixtures for the sampling tests: the converted SmolLM2 model, a tiny random-weight model with
SmolLM2's real tokenizer (vLLM's load_format="dummy"), and helpers to require vLLM.

The model cache is the real user cache (not the per-test one the suite's autouse fixture sets),
so the one-time GGUF conversion is shared by every test and every run.
"""

from __future__ import annotations

import importlib
import json
import os
import shutil
import socket
import sys
from pathlib import Path

import pytest

from alphasolve.problem import parse_problem
from alphasolve.sample import model as model_mod

REAL_CACHE = str(model_mod.cache_root())  # read before any test changes $ALPHASOLVE_CACHE
TINY = {"hidden_size": 128, "intermediate_size": 256, "num_hidden_layers": 2, "num_attention_heads": 2,
        "num_key_value_heads": 1, "head_dim": 64, "max_position_embeddings": 2048}
TOKENIZER_FILES = ("tokenizer.json", "tokenizer_config.json", "chat_template.jinja", "special_tokens_map.json")


def require_vllm() -> None:
    """Skip without vLLM, except under CI, where a missing install must fail loudly."""
    try:
        importlib.import_module("vllm")
    except ImportError as exc:
        if os.environ.get("CI"):
            pytest.fail(f"vLLM is not installed ({exc}): run scripts/install.sh")
        pytest.skip(f"vLLM is not installed ({exc}): run scripts/install.sh")


@pytest.fixture(scope="session")
def smollm2_dir() -> Path:
    """The shipped SmolLM2-135M-Instruct converted to safetensors (converting it once if needed)."""
    try:
        model_mod.find_gguf()
    except Exception as exc:
        if os.environ.get("CI"):
            pytest.fail(str(exc))
        pytest.skip(str(exc))
    old = os.environ.get("ALPHASOLVE_CACHE")
    os.environ["ALPHASOLVE_CACHE"] = REAL_CACHE
    try:
        return model_mod.default_model_dir()
    finally:
        if old is None:
            os.environ.pop("ALPHASOLVE_CACHE", None)
        else:
            os.environ["ALPHASOLVE_CACHE"] = old


@pytest.fixture
def real_cache(monkeypatch) -> str:
    """Point $ALPHASOLVE_CACHE back at the real cache (where the converted model is)."""
    monkeypatch.setenv("ALPHASOLVE_CACHE", REAL_CACHE)
    return REAL_CACHE


@pytest.fixture(scope="session")
def tiny_model_dir(smollm2_dir, tmp_path_factory) -> Path:
    """A 2-layer Llama config with SmolLM2's tokenizer and chat template, for load_format="dummy"."""
    out = tmp_path_factory.mktemp("tiny-model")
    config = json.loads((smollm2_dir / "config.json").read_text())
    config.update(TINY)
    (out / "config.json").write_text(json.dumps(config, indent=1))
    for name in TOKENIZER_FILES + ("generation_config.json",):
        if (smollm2_dir / name).exists():
            shutil.copy(smollm2_dir / name, out / name)
    return out


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def make_problem(description: str = "Read two integers a and b and print a + b.", **extra):
    data = {"name": "add-two", "description": description,
            "public_tests": [{"input": "1 2\n", "output": "3\n"}, {"input": "5 7\n", "output": "12\n"}],
            "cf_rating": 800, "tags": ["math", "implementation"], **extra}
    return parse_problem(data, "add-two.json")


@pytest.fixture
def problem():
    return make_problem()


PYTHON = sys.executable

"""The openai backend against a real vLLM OpenAI-compatible server (CPU build), started here on
127.0.0.1 with the tiny random-weight model and SmolLM2's tokenizer, and always stopped."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.request

import pytest

from alphasolve.config import SampleConfig
from alphasolve.sample import make_sampler

from conftest import free_port, require_vllm

pytestmark = pytest.mark.slow
READY_TIMEOUT_S = 300


@pytest.fixture(scope="module")
def server(tiny_model_dir, tmp_path_factory):
    require_vllm()
    port = free_port()
    log_path = tmp_path_factory.mktemp("vllm-server") / "server.log"
    cmd = [sys.executable, "-m", "vllm.entrypoints.openai.api_server", "--model", str(tiny_model_dir),
           "--served-model-name", "tiny", "--load-format", "dummy", "--host", "127.0.0.1", "--port", str(port),
           "--enforce-eager", "--dtype", "float32", "--max-model-len", "1024", "--seed", "0",
           "--kv-cache-memory-bytes", str(256 << 20), "--no-enable-chunked-prefill"]
    env = {**os.environ, "VLLM_LOGGING_LEVEL": "WARNING"}
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, env=env, start_new_session=True)
    url = f"http://127.0.0.1:{port}/v1"
    try:
        deadline = time.monotonic() + READY_TIMEOUT_S
        while True:
            if proc.poll() is not None:
                pytest.fail(f"vLLM server exited with {proc.returncode}:\n{log_path.read_text()[-3000:]}")
            try:
                with urllib.request.urlopen(url + "/models", timeout=5) as resp:
                    if resp.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"vLLM server not ready after {READY_TIMEOUT_S} s:\n{log_path.read_text()[-3000:]}")
            time.sleep(1)
        yield url
    finally:
        try:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=30)
        except ProcessLookupError:
            pass


def sampler(url, model="tiny", **engine):
    return make_sampler(SampleConfig(backend="openai", model=model, max_tokens=12, concurrency=4,
                                     engine={"base_url": url, "max_retries": 2, **engine}))


def by_id(samples):
    return {s.sample_id: s for s in samples}


def test_chat_with_prefill_and_per_sample_seeds(server, problem):
    s = sampler(server, model="", continue_final_message=True)
    assert s.model == "tiny"  # the server's first model
    together = by_id(s.sample(problem, range(8)))
    assert sorted(together) == list(range(8))
    for x in together.values():
        assert x.origin == "openai:tiny" and x.finish_reason in ("length", "stop")
        assert 0 < x.num_tokens <= 12 and x.cumulative_logprob < 0
        assert x.meta["prefill"].startswith("```") and x.meta["extract"] in ("fenced", "none")
    apart = by_id([*s.sample(problem, [5, 1]), *s.sample(problem, [6])])
    assert all(apart[i].text == together[i].text for i in apart)  # the server honours the seeds


def test_completions_api(server, problem):
    samples = list(sampler(server, api="completions").sample(problem, range(3)))
    assert len(samples) == 3 and all(x.num_tokens and x.mean_logprob < 0 for x in samples)
    assert all(x.meta["prefill"] for x in samples)


def test_n_per_request_when_seeds_are_off(server, problem):
    s = sampler(server, per_sample_seed=False, max_n=8)
    samples = list(s.sample(problem, range(10)))
    assert sorted(x.sample_id for x in samples) == list(range(10)) and s._n_supported
    assert len({x.text for x in samples}) > 5

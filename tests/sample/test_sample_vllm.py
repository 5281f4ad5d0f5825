"""The vllm backend on the real vLLM CPU engine, with a tiny random-weight model (load_format="dummy")
and SmolLM2's real tokenizer and chat template: fast, but its completions are noise."""

from __future__ import annotations

import math

import pytest

from alphasolve.config import SampleConfig
from alphasolve.sample.prompts import build_prompts
from alphasolve.sample.vllm import VLLMSampler

from conftest import make_problem, require_vllm

pytestmark = pytest.mark.slow

MAX_MODEL_LEN = 1024


@pytest.fixture(scope="module")
def dummy_llm(tiny_model_dir):
    """One engine for the whole module (starting one takes ~20 s)."""
    require_vllm()
    sampler = VLLMSampler(SampleConfig(backend="vllm", model=str(tiny_model_dir), engine={
        "load_format": "dummy", "max_model_len": MAX_MODEL_LEN, "kv_cache_memory_bytes": 256 << 20}))
    yield sampler.llm
    sampler.close()


def make(llm, **kw):
    engine = kw.pop("engine", {})
    return VLLMSampler(SampleConfig(backend="vllm", max_tokens=kw.pop("max_tokens", 16), engine=engine, **kw), llm=llm)


def by_id(samples):
    return {s.sample_id: s for s in samples}


def test_one_generate_call_yields_a_full_record_per_id(dummy_llm, problem):
    samples = list(make(dummy_llm).sample(problem, range(6)))
    assert sorted(s.sample_id for s in samples) == list(range(6))
    for s in samples:
        assert s.problem_id == "add-two" and s.origin.startswith("vllm:tiny-model")
        assert s.finish_reason in ("length", "stop") and 0 < s.num_tokens <= 16
        assert s.cumulative_logprob < 0 and math.isclose(s.mean_logprob, s.cumulative_logprob / s.num_tokens)
        assert s.meta["prompt_language"] in ("python3", "cpp") and s.meta["prompt_tokens"] > 50
        assert s.meta["prefill"] == "```" + {"python3": "python", "cpp": "cpp"}[s.meta["prompt_language"]] + "\n"
        assert s.meta["extract"] in ("fenced", "none") and isinstance(s.meta["seed"], int)
        assert s.text  # random weights: noise, but generated noise


def test_sample_i_does_not_depend_on_chunking(dummy_llm, problem):
    """A resumed run draws the same samples: ids drawn together or apart give the same completions."""
    sampler = make(dummy_llm, seed=5)
    together = by_id(sampler.sample(problem, range(10)))
    apart = by_id([*sampler.sample(problem, [7, 3]), *sampler.sample(problem, range(4, 7)), *sampler.sample(problem, [9])])
    for i, s in apart.items():
        assert s.text == together[i].text and s.cumulative_logprob == pytest.approx(together[i].cumulative_logprob, abs=1e-3)
    other = by_id(make(dummy_llm, seed=6).sample(problem, range(10)))
    assert sum(other[i].text == together[i].text for i in range(10)) < 3


def test_grouped_requests_without_per_sample_seeds(dummy_llm, problem):
    samples = list(make(dummy_llm, engine={"per_sample_seed": False}).sample(problem, range(12)))
    assert sorted(s.sample_id for s in samples) == list(range(12))
    assert all("seed" not in s.meta for s in samples)
    assert len({s.text for s in samples}) > 6


def test_greedy_and_plain_prompts(dummy_llm, problem):
    greedy = list(make(dummy_llm, temperature=0.0, languages=["python3"]).sample(problem, range(3)))
    assert len({s.text for s in greedy}) == 1
    plain = list(make(dummy_llm, engine={"chat": False}, languages=["cpp"]).sample(problem, [0]))
    chat = list(make(dummy_llm, languages=["cpp"]).sample(problem, [0]))
    assert plain[0].meta["prompt_tokens"] != chat[0].meta["prompt_tokens"]


def test_long_prompts_are_capped_or_marked(dummy_llm):
    sampler = make(dummy_llm, max_tokens=200, languages=["python3"])
    tokens = len(sampler.prompt_token_ids(build_prompts(sampler.config, make_problem(), [0])[0]))
    filler = " word" * (MAX_MODEL_LEN - tokens - 30)  # leaves ~30 tokens of room
    [near] = sampler.sample(make_problem("Read two integers." + filler), [0])
    assert near.finish_reason == "length" and near.num_tokens < 60
    [over] = sampler.sample(make_problem("Read two integers." + " word" * 2 * MAX_MODEL_LEN), [1])
    assert over.code is None and over.finish_reason == "error" and "max_model_len" in over.meta["error"]


def test_engine_options_are_checked(dummy_llm):
    from alphasolve.errors import AlphasolveError

    with pytest.raises(AlphasolveError, match="chat"):
        make(dummy_llm, engine={"chat": "yes"})
    with pytest.raises(AlphasolveError, match="per_sample_seed"):
        make(dummy_llm, engine={"per_sample_seed": 1})

"""The keyword arguments the vllm backend gives `vllm.LLM`, checked against the installed vLLM's own
`EngineArgs` (so every name is one vLLM knows), for the GPU presets' parallel layouts. No engine
starts here: these GPU layouts cannot run on this machine."""

from __future__ import annotations

import pytest
from support import REPO

from alphasolve.config import load_config
from alphasolve.errors import AlphasolveError
from alphasolve.sample.vllm import VLLMSampler, engine_kwargs

from conftest import require_vllm


def preset(name: str):
    return load_config(REPO / "configs" / "default.toml", REPO / "configs" / f"{name}.toml").sample


def test_tensor_parallel_preset_reaches_vllm_engine_args(smollm2_dir):
    require_vllm()
    from vllm import EngineArgs

    kwargs = engine_kwargs(preset("qwen2.5-coder-32b-tp4"), model="Qwen/Qwen2.5-Coder-32B-Instruct", cpu=False)
    assert (kwargs["tensor_parallel_size"], kwargs["pipeline_parallel_size"], kwargs["distributed_executor_backend"]) \
        == (4, 1, "mp")
    assert {"per_sample_seed", "chat", "logprobs"}.isdisjoint(kwargs)  # alphasolve's own options stay here
    assert "kv_cache_memory_bytes" not in kwargs and kwargs["dtype"] == "bfloat16"  # no CPU defaults on a GPU
    assert kwargs["model"] == "Qwen/Qwen2.5-Coder-32B-Instruct" and kwargs["seed"] == 0
    # vLLM checks the names against a local model folder (a hub name would make it look online)
    args = EngineArgs(**(kwargs | {"model": str(smollm2_dir)}))
    assert (args.tensor_parallel_size, args.pipeline_parallel_size, args.distributed_executor_backend) == (4, 1, "mp")


def test_default_config_on_a_cpu_gets_the_cpu_defaults_and_a_single_copy(smollm2_dir):
    require_vllm()
    from vllm import EngineArgs

    config = preset("smollm2-cpu")
    config.engine = {k: v for k, v in config.engine.items() if k not in ("dtype", "enforce_eager")}
    kwargs = engine_kwargs(config, model=str(smollm2_dir), cpu=True)
    assert kwargs["dtype"] == "float32" and kwargs["enforce_eager"] is True
    assert kwargs["enable_chunked_prefill"] is False and kwargs["kv_cache_memory_bytes"] == 2 << 30
    default = load_config(REPO / "configs" / "default.toml").sample
    layout = {k: engine_kwargs(default, model="m", cpu=True)[k]
              for k in ("tensor_parallel_size", "pipeline_parallel_size", "data_parallel_size")}
    assert layout == {"tensor_parallel_size": 1, "pipeline_parallel_size": 1, "data_parallel_size": 1}
    EngineArgs(**kwargs)


def test_data_parallel_is_refused_with_the_recipe_as_vllm_llm_refuses_it():
    """vLLM 0.x's LLM refuses data_parallel_size > 1 in one process; alphasolve says so first,
    pointing at the openai multi-endpoint recipe, before importing or starting anything."""
    config = preset("qwen2.5-coder-7b")
    config.engine["data_parallel_size"] = 8
    with pytest.raises(AlphasolveError) as err:
        VLLMSampler(config)
    assert "field 'sample.engine.data_parallel_size'" in str(err.value) and "vllm serve" in str(err.value)
    require_vllm()
    import vllm

    with pytest.raises(ValueError, match="not supported for single"):
        vllm.LLM(model="unused", data_parallel_size=2)

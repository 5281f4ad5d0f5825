"""The vllm backend with the real converted SmolLM2-135M-Instruct weights on the vLLM CPU engine,
and `alphasolve solve` with the default config end to end (sharing this module's engine)."""

from __future__ import annotations

import json
import os
import traceback

import pytest
from typer.testing import CliRunner

from alphasolve.config import SampleConfig
from alphasolve.sample import make_sampler

from conftest import REAL_CACHE, make_problem, require_vllm

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def real_sampler(smollm2_dir):
    """Built as a user's config builds it: model "" (the shipped default), the sampler's CPU defaults."""
    require_vllm()
    old = os.environ.get("ALPHASOLVE_CACHE")
    os.environ["ALPHASOLVE_CACHE"] = REAL_CACHE
    try:
        sampler = make_sampler(SampleConfig(backend="vllm", model="", max_tokens=96, temperature=0.7,
                                            languages=["python3"], engine={"max_model_len": 2048}))
    finally:
        if old is None:
            os.environ.pop("ALPHASOLVE_CACHE", None)
        else:
            os.environ["ALPHASOLVE_CACHE"] = old
    yield sampler
    sampler.close()


def test_real_weights_write_python_through_the_chat_template(real_sampler, problem):
    assert real_sampler.uses_chat() and real_sampler.model_name.startswith("SmolLM2-135M-Instruct")
    args = real_sampler.llm.llm_engine.model_config
    assert str(args.dtype) == "torch.float32" and args.max_model_len == 2048
    samples = list(real_sampler.sample(problem, range(6)))
    assert len(samples) == 6
    # a trained model is confident (random weights: about log(1/49152) = -10.8 per token)
    assert sum(s.mean_logprob for s in samples) / 6 > -2.5
    assert all(s.language == "python3" for s in samples if s.code)
    assert any(s.meta["plausible"] for s in samples), [s.text for s in samples]
    stopped = [s for s in samples if s.finish_reason == "stop"]
    assert all(s.num_tokens < 96 for s in stopped)


def test_solve_cli_with_the_default_config_resumes_without_regenerating(real_sampler, tmp_path, monkeypatch):
    """`alphasolve solve` with the default config (vLLM CPU, the shipped model): samples, filters,
    clusters, ranks; more samples later extend the run, and the extended run holds exactly what a
    fresh run of that size draws."""
    import alphasolve.sample as sample_mod
    from alphasolve.cli import app
    from alphasolve.sample.vllm import VLLMSampler

    made = []

    def shared_engine(config):
        assert config.backend == "vllm" and config.model == "" and config.engine["dtype"] == "float32"
        made.append(config)
        return VLLMSampler(config, llm=real_sampler.llm)

    monkeypatch.setattr(sample_mod, "make_sampler", shared_engine)
    monkeypatch.delenv("ALPHASOLVE_CONFIG", raising=False)  # the suite's replay default: off here
    problem_file = tmp_path / "add.json"
    problem_file.write_text(json.dumps(make_problem().to_dict()))
    common = ["solve", str(problem_file), "--set", "sample.max_tokens=64",
              "--set", "inputs.count=5", "-j", "2"]
    runner = CliRunner()

    for out, n in (("run", 3), ("run", 5), ("fresh", 5)):
        result = runner.invoke(app, common + ["--out", str(tmp_path / out), "--samples", str(n)])
        trace = "".join(traceback.format_exception(*result.exc_info)) if result.exc_info else ""
        assert result.exit_code == 0, result.output + trace

    def samples(run):
        rows = [json.loads(line) for line in (tmp_path / run / "samples.jsonl").read_text().splitlines()]
        return {r["sample_id"]: r for r in rows}

    extended, once = samples("run"), samples("fresh")
    assert sorted(extended) == sorted(once) == list(range(5))
    assert len((tmp_path / "run" / "samples.jsonl").read_text().splitlines()) == 5  # 3 + 2, none redrawn
    for i in range(5):
        assert extended[i]["text"] == once[i]["text"], (i, extended[i], once[i])
        assert extended[i]["origin"].startswith("vllm:SmolLM2")
    manifest = json.loads((tmp_path / "run" / "manifest.json").read_text())
    assert manifest["stages"]["sample"]["counts"]["generated"] == 2
    assert all(manifest["stages"][s]["status"] == "done" for s in ("sample", "filter", "cluster", "rank"))
    assert (tmp_path / "run" / "ranking.json").exists() and len(made) == 3

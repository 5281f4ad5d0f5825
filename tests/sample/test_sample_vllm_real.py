"""The vllm backend with the real converted SmolLM2-135M-Instruct weights on the vLLM CPU engine,
and `alphasolve solve` with the default config end to end (sharing this module's engine): extending
a run, resuming after a SIGKILL mid-sampling (real subprocesses), input generators, the scoring model."""

from __future__ import annotations

import json
import os
import re
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
    if (os.cpu_count() or 1) <= 4:  # a small machine: no core kept back for vLLM's engine-core process
        assert os.environ["VLLM_CPU_NUM_OF_RESERVED_CPU"] == "0"
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
    assert (tmp_path / "run" / "ranking.json").exists()
    assert len([c for c in made if c.prompt == "default"]) == 3  # (input generators ask too: their own prompt)


def _records(path):
    return [json.loads(line) for line in path.read_text().splitlines()]


def test_solve_killed_mid_sampling_resumes_drawing_only_the_missing_samples(real_sampler, smollm2_dir, tmp_path,
                                                                             monkeypatch):
    """`alphasolve solve` with the default config as a real subprocess, SIGKILLed (its whole process
    group, vLLM's engine processes included) once samples.jsonl holds some but not all samples, with
    a torn half-written line added; the rerun resumes, draws only the missing samples (tokens and
    counts in the manifest), and its samples.jsonl is exactly an uninterrupted run's."""
    import signal
    import subprocess
    import sys
    import time

    import alphasolve.sample as sample_mod
    from alphasolve.cli import app
    from alphasolve.sample.vllm import VLLMSampler

    n = 4
    problem_file = tmp_path / "add.json"
    problem_file.write_text(json.dumps(make_problem().to_dict()))
    args = ["solve", str(problem_file), "--samples", str(n), "--set", "sample.max_tokens=32",
            "--set", "sample.chunk_size=2", "--set", "inputs.count=5", "-j", "2"]
    cache = tmp_path / "subprocess-cache"  # its own cache, holding only the converted model
    cache.mkdir()
    (cache / "models").symlink_to(smollm2_dir.parent, target_is_directory=True)
    env = {k: v for k, v in os.environ.items() if k != "ALPHASOLVE_CONFIG"}  # the default config
    env["ALPHASOLVE_CACHE"] = str(cache)
    run = tmp_path / "killed"
    samples_file = run / "samples.jsonl"

    log = open(tmp_path / "killed.log", "w+")
    proc = subprocess.Popen([sys.executable, "-m", "alphasolve", *args, "--out", str(run)], env=env,
                            stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + 600  # a hang guard, not a timing assertion
        while proc.poll() is None and time.monotonic() < deadline:
            if samples_file.exists() and samples_file.read_bytes().count(b"\n") >= 1:
                break
            time.sleep(0.02)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        log.seek(0)
        output = log.read()
        log.close()
    assert proc.returncode == -signal.SIGKILL, output[-3000:]
    if "VLLM_LOGGING_LEVEL" not in env:  # vLLM's start-up warnings (triton, LD_PRELOAD, ...) are not shown
        assert not re.search(r"pid=\d+\) WARNING", output), output[-3000:]
    manifest = json.loads((run / "manifest.json").read_text())
    assert manifest["stages"]["sample"]["status"] == "running"
    complete = samples_file.read_bytes()
    complete = complete[:complete.rfind(b"\n") + 1]  # the kill may have torn the last line itself
    on_disk = [json.loads(line) for line in complete.splitlines()]
    assert 0 < len(on_disk) < n, output[-3000:]
    with open(samples_file, "ab") as f:  # as if killed mid-write of the next record
        f.write(b'{"schema":1,"problem_id":"add-two","sample_id":%d,"text":"def ma' % len(on_disk))

    # the rerun and an uninterrupted run, in this process on this module's engine (what is resumed
    # is on disk; a second engine start in a subprocess would only cost time)
    monkeypatch.delenv("ALPHASOLVE_CONFIG")
    monkeypatch.setattr(sample_mod, "make_sampler", lambda config: VLLMSampler(config, llm=real_sampler.llm))
    rerun = CliRunner().invoke(app, args + ["--out", str(run)])
    assert rerun.exit_code == 0, rerun.output
    assert f"resuming: {len(on_disk)} of {n} samples on disk" in rerun.output, rerun.output

    resumed = _records(samples_file)
    assert samples_file.read_bytes().startswith(complete)  # the records on disk were kept as they were
    ids = [r["sample_id"] for r in resumed]
    assert sorted(ids) == list(range(n)) and len(ids) == len(set(ids))
    missing = [r for r in resumed if r["sample_id"] not in {s["sample_id"] for s in on_disk}]
    entry = json.loads((run / "manifest.json").read_text())["stages"]["sample"]
    assert entry["status"] == "done" and entry["counts"]["generated"] == n - len(on_disk)
    assert entry["cost"]["tokens"] == sum(r["num_tokens"] for r in missing) > 0  # only these were generated

    result = CliRunner().invoke(app, args + ["--out", str(tmp_path / "uninterrupted")])
    assert result.exit_code == 0, result.output
    once = _records(tmp_path / "uninterrupted" / "samples.jsonl")
    # the same samples: texts, tokens, code, seeds exactly; log-probabilities are float sums whose
    # last digits depend on which requests the engine batched together (and its threads)
    floats = ("cumulative_logprob", "mean_logprob")
    assert [{k: v for k, v in r.items() if k not in floats} for r in resumed] == \
        [{k: v for k, v in r.items() if k not in floats} for r in once]
    for r, o in zip(resumed, once):
        assert r["cumulative_logprob"] == pytest.approx(o["cumulative_logprob"], rel=1e-4, abs=1e-4)


def test_solve_asks_the_model_for_input_generators_and_runs_them(real_sampler, tmp_path, monkeypatch):
    """`inputs.generators` with the vllm backend: the generator prompt goes to the real engine, the
    programs it writes are saved in generators.json and run in the sandbox with every seed; whatever
    they print that is new joins the clustering inputs (the shipped 135M model rarely writes a
    working generator: the path is what is tested, not the model)."""
    import alphasolve.sample as sample_mod
    from alphasolve.cli import app
    from alphasolve.sample.vllm import VLLMSampler

    made = []

    def shared_engine(config):
        made.append(config)
        return VLLMSampler(config, llm=real_sampler.llm)

    monkeypatch.setattr(sample_mod, "make_sampler", shared_engine)
    monkeypatch.delenv("ALPHASOLVE_CONFIG", raising=False)
    problem_file = tmp_path / "add.json"
    problem_file.write_text(json.dumps(make_problem().to_dict()))
    out = tmp_path / "run"
    args = ["solve", str(problem_file), "--out", str(out), "--samples", "2", "--set", "sample.max_tokens=96",
            "--set", "inputs.count=12", "--set", "inputs.generators=3", "--set", "inputs.generator_seeds=4", "-j", "2"]
    result = CliRunner().invoke(app, args)
    trace = "".join(traceback.format_exception(*result.exc_info)) if result.exc_info else ""
    assert result.exit_code == 0, result.output + trace

    generator_configs = [c for c in made if c.prompt == "generator"]
    assert len(generator_configs) == 1 and generator_configs[0].languages == ["python3"]
    assert generator_configs[0].seed != made[0].seed  # generators are not the solutions' samples
    record = json.loads((out / "generators.json").read_text())
    assert [g["generator_id"] for g in record["generators"]] == [0, 1, 2]
    assert all(g["source"] == "model" for g in record["generators"])
    ran = [g for g in record["generators"] if g["code"]]
    assert all(g["runs"]["runs"] == 4 for g in ran)  # every seed ran, whatever the program did
    inputs = [json.loads(line) for line in (out / "inputs.jsonl").read_text().splitlines()]
    from_generators = [r for r in inputs if r["origin"].startswith("generator[")]
    assert len(from_generators) <= min(6, sum(g["runs"]["usable"] for g in ran))  # generator_share 0.5 of 12
    assert inputs[0]["origin"] == "public[0]" and len(inputs) <= 12
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["stages"]["inputs"]["counts"]["from_generators"] == len(from_generators)
    assert manifest["stages"]["inputs"]["cost"]["tokens"] > 0  # the generators' tokens are counted

    again = CliRunner().invoke(app, args)
    assert again.exit_code == 0 and len([c for c in made if c.prompt == "generator"]) == 1  # cached


def test_solve_with_the_scoring_model_scores_representatives_once(real_sampler, tmp_path, monkeypatch):
    """`alphasolve solve` with the default config and rank.scorer_weight=1: the real engine is asked
    about each cluster's best member (one token, top log-probabilities), scores.jsonl holds P(yes),
    ranking.json shows it; reranking with other rank settings reuses the scores, and a changed
    scoring prompt asks again."""
    import alphasolve.sample as sample_mod
    from alphasolve.cli import app
    from alphasolve.sample.vllm import VLLMSampler

    made = []

    def shared_engine(config):
        made.append(config)
        return VLLMSampler(config, llm=real_sampler.llm)

    monkeypatch.setattr(sample_mod, "make_sampler", shared_engine)
    monkeypatch.delenv("ALPHASOLVE_CONFIG", raising=False)  # the default config: vLLM, the shipped model
    problem_file = tmp_path / "hello.json"  # a task this model gets right now and then
    problem_file.write_text(json.dumps({"name": "hello", "description": "Print Hello, World!",
                                        "public_tests": [{"input": "", "output": "Hello, World!\n"}]}))
    out = tmp_path / "run"
    common = ["solve", str(problem_file), "--out", str(out), "--samples", "8", "--set", "sample.max_tokens=40",
              "--set", 'sample.languages=["python3"]', "--set", "inputs.count=5", "-j", "2",
              "--set", "rank.scorer_weight=1", "--set", "inputs.generators=0"]
    runner = CliRunner()

    def solve(*extra):
        result = runner.invoke(app, common + list(extra))
        trace = "".join(traceback.format_exception(*result.exc_info)) if result.exc_info else ""
        assert result.exit_code == 0, result.output + trace
        manifest = json.loads((out / "manifest.json").read_text())
        return result.output, manifest["stages"]["rank"], json.loads((out / "ranking.json").read_text())

    output, rank, ranking = solve()
    clusters = json.loads((out / "clusters.json").read_text())["clusters"]
    assert clusters, "no sample passed the public test: pick another problem for this model"
    scores = _records(out / "scores.jsonl")
    assert len(scores) == len(clusters) == rank["counts"]["scored"] == rank["counts"]["scores"]
    assert f"asking the scoring model about {len(clusters)} cluster representatives" in output
    assert all(r["problem_id"] == "hello" and 0 < r["p_yes"] < 1 and r["yes"] > 0 and r["no"] > 0 for r in scores)
    by_program = {r["program_id"]: r["p_yes"] for r in scores}
    cluster_of = {p: c["cluster_id"] for c in clusters for p in c["programs"]}
    assert sorted(cluster_of[r["program_id"]] for r in scores) == sorted(c["cluster_id"] for c in clusters)
    subs = ranking["submissions"]
    assert subs and ranking["weights"]["scorer"] == 1.0
    for sub in subs:
        p = sub["scores"]["scorer_p_yes"]
        assert 0 < p < 1
        if not sub["fill"]:
            assert p == round(by_program[sub["program_id"]], 6)
    assert len(made) == 2  # one sampler for the sample stage, one scorer for the rank stage

    # other rank settings: rank reruns, the model is not asked again
    output, rank, ranking = solve("--set", "rank.submissions=1")
    assert "settings changed (rank.submissions 10 → 1)" in output and "asking the scoring model" not in output
    assert rank["counts"]["scored"] == 0 and rank["counts"]["scores"] == len(clusters)
    assert len(_records(out / "scores.jsonl")) == len(clusters) and len(made) == 2 and len(ranking["submissions"]) == 1

    # a changed scoring prompt changes the scores' key: rank reruns and asks again
    from alphasolve.sample.prompts import PROMPTS_DIR

    prompt = tmp_path / "score2.txt"
    prompt.write_text((PROMPTS_DIR / "score.txt").read_text().replace("Is this program correct?",
                                                                       "Does this program solve the problem?"))
    output, rank, ranking = solve("--set", f"rank.scorer_prompt={json.dumps(str(prompt))}")
    assert "rank.scorer_prompt" in output and rank["counts"]["scored"] == len(clusters) and len(made) == 3
    assert len(_records(out / "scores.jsonl")) == 2 * len(clusters)
    assert json.loads((out / "manifest.json").read_text())["stages"]["sample"]["counts"]["generated"] == 8


def test_samplers_with_the_same_engine_settings_share_the_process_engine(real_sampler, monkeypatch):
    """Sampling, input generators and the scoring model of a run ask for samplers with other prompts,
    seeds and languages: they get the running engine instead of starting another (about 20 s on a CPU)."""
    import dataclasses

    monkeypatch.setenv("ALPHASOLVE_CACHE", REAL_CACHE)  # where the fixture found the shipped model

    for change in ({"prompt": "generator", "languages": ["python3"], "seed": 1_000_003}, {"temperature": 0.0},
                   {"samples": 3, "max_tokens": 8}):
        other = make_sampler(dataclasses.replace(real_sampler.config, **change))
        assert other.llm is real_sampler.llm, change
        other.close()  # lets go of it: the engine stays up for the others
        assert real_sampler.llm.llm_engine is not None


def test_the_faster_cpu_top_p_changes_no_sample(real_sampler, problem, monkeypatch):
    """`sample.engine.fast_top_p` (alphasolve.sample.vllm_top_p, on by default) against vLLM's own
    sort-based top-p: another engine (its key differs), the same samples token for token.
    Last in the module: it leaves the second engine running."""
    import dataclasses

    monkeypatch.setenv("ALPHASOLVE_CACHE", REAL_CACHE)
    config = dataclasses.replace(real_sampler.config, top_p=0.9, temperature=1.0, max_tokens=48)
    fast = list(make_sampler(config).sample(problem, range(100, 106)))
    assert os.environ["ALPHASOLVE_VLLM_FAST_TOP_P"] == "1"
    slow_sampler = make_sampler(dataclasses.replace(config, engine={**config.engine, "fast_top_p": False}))
    assert os.environ["ALPHASOLVE_VLLM_FAST_TOP_P"] == "0"
    assert slow_sampler.llm is not real_sampler.llm
    slow = list(slow_sampler.sample(problem, range(100, 106)))
    assert [s.text for s in fast] == [s.text for s in slow]
    assert [s.num_tokens for s in fast] == [s.num_tokens for s in slow]
    assert len({s.text for s in fast}) > 1

"""Settings: one source of defaults (configs/default.toml, found through the package), every value
type- and range-checked wherever it comes from, refusals as one line (exit 2) that leave the run
directory as it was; `alphasolve --version`."""

from __future__ import annotations

import dataclasses
import tomllib
from pathlib import Path

import pytest
from support import REPO, run_cli
from typer.testing import CliRunner

import alphasolve
from alphasolve.cli import app
from alphasolve.config import CONFIGS_DIR, DEFAULTS, Check, Config, apply, load_config
from alphasolve.errors import AlphasolveError


def test_configs_are_found_through_the_package_and_are_the_repositorys():
    assert CONFIGS_DIR == Path(alphasolve.__file__).parent / "configs"
    assert CONFIGS_DIR.resolve() == (REPO / "configs").resolve()  # a link in a clone: one copy
    from alphasolve.sample.prompts import PROMPTS_DIR

    assert PROMPTS_DIR == CONFIGS_DIR / "prompts" and (PROMPTS_DIR / "default.txt").exists()


def test_default_toml_names_every_setting_and_equals_the_dataclass_defaults():
    text = tomllib.loads((REPO / "configs" / "default.toml").read_text())
    assert text == DEFAULTS
    for section in dataclasses.fields(Config):
        names = {f.name for f in dataclasses.fields(getattr(Config(), section.name))}
        assert set(text[section.name]) == names, section.name
    assert set(text) == {f.name for f in dataclasses.fields(Config)}
    assert load_config(REPO / "configs" / "default.toml") == Config()
    assert apply(Config(), text) == Config()  # every default passes its own check
    assert Config().sample.engine is not Config().sample.engine  # mutable defaults are copies


def test_every_setting_declares_what_it_allows():
    for section in dataclasses.fields(Config):
        obj = getattr(Config(), section.name)
        for f in dataclasses.fields(obj):
            check = f.metadata.get("check")
            assert isinstance(check, Check), f"{section.name}.{f.name}"
            assert check.allowed(type(getattr(obj, f.name)))


@pytest.mark.parametrize("name", sorted(p.stem for p in (REPO / "configs").glob("*.toml")))
def test_every_preset_passes_the_checks(name):
    load_config(REPO / "configs" / f"{name}.toml")


@pytest.mark.parametrize("data, message", [
    ({"sample": {"samples": -5}}, "field 'sample.samples': expected a positive integer, got -5"),
    ({"sample": {"samples": 0}}, "field 'sample.samples': expected a positive integer, got 0"),
    ({"sample": {"samples": 2.5}}, "field 'sample.samples': expected a positive integer, got 2.5"),
    ({"sample": {"temperature": -1.0}}, "field 'sample.temperature': expected a number of at least 0, got -1.0"),
    ({"sample": {"top_p": 0}}, "field 'sample.top_p': expected a number above 0, at most 1, got 0.0"),
    ({"sample": {"top_p": 1.5}}, "field 'sample.top_p': expected a number above 0, at most 1, got 1.5"),
    ({"sample": {"backend": "hf"}}, "field 'sample.backend': unknown sampler backend 'hf' (expected one of: replay, vllm, openai)"),
    ({"sample": {"languages": []}}, "field 'sample.languages': expected a non-empty list of: python3, cpp, c, got []"),
    ({"sample": {"languages": ["java"]}}, "expected a non-empty list of: python3, cpp, c, got ['java']"),
    ({"sample": {"prompt": ""}}, "field 'sample.prompt': expected a non-empty string, got ''"),
    ({"sample": {"replay_incorrect": 1}}, "field 'sample.replay_incorrect': expected true or false, got 1"),
    ({"rank": {"submissions": 0}}, "field 'rank.submissions': expected a positive integer, got 0"),
    ({"rank": {"size_weight": float("inf")}}, "field 'rank.size_weight': expected a number, got inf"),
    ({"execute": {"time_limit_s": 0}}, "field 'execute.time_limit_s': expected a number above 0, got 0.0"),
    ({"execute": {"workers": -1}}, "field 'execute.workers': expected 0 or a positive integer, got -1"),
    ({"execute": {"backend": "spark"}}, "unknown executor 'spark' (expected one of: local, ray)"),
    ({"inputs": {"generator_share": 1.5}}, "field 'inputs.generator_share': expected a number from 0 to 1, got 1.5"),
    ({"inputs": {"count": 0}}, "field 'inputs.count': expected a positive integer, got 0"),
    ({"inputs": {"generators": -1}}, "field 'inputs.generators': expected 0 or a positive integer, got -1"),
    ({"cluster": {"max_candidates": 0}}, "field 'cluster.max_candidates': expected a positive integer, got 0"),
    ({"batch": {"concurrency": 0}}, "field 'batch.concurrency': expected a positive integer, got 0"),
])
def test_a_bad_value_is_refused_naming_the_setting_and_what_is_allowed(data, message):
    with pytest.raises(AlphasolveError) as err:
        apply(Config(), data, "x.toml")
    assert str(err.value).startswith("x.toml: ") and message in str(err.value)


@pytest.mark.parametrize("args, message", [
    (["--set", "sample.samples=-5"], "--set: field 'sample.samples': expected a positive integer, got -5"),
    (["--samples", "0"], "--samples: field 'sample.samples': expected a positive integer, got 0"),
    (["--samples", "x"], "'--samples'"),
    (["--workers", "-2"], "--workers: field 'execute.workers': expected 0 or a positive integer, got -2"),
    (["--seed", "-1"], "--seed: field 'sample.seed'"),
    (["--backend", "hf"], "unknown sampler backend 'hf'"),
    (["--set", "rank.submissions=0"], "field 'rank.submissions'"),
    (["--config", "PRESET"], "field 'sample.temperature': expected a number of at least 0, got -1.0"),
])
def test_refusals_are_one_line_exit_2_and_leave_the_run_directory_as_it_was(tmp_path, add_problem_file, args, message):
    preset = tmp_path / "hot.toml"
    preset.write_text("[sample]\ntemperature = -1.0\n")
    args = [str(preset) if a == "PRESET" else a for a in args]
    run = tmp_path / "run"
    run.mkdir()
    (run / "keep.txt").write_text("as it was")
    result = CliRunner().invoke(app, ["solve", str(add_problem_file), "--out", str(run), *args])
    assert result.exit_code == 2, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and message in lines[0], result.output
    assert sorted(p.name for p in run.iterdir()) == ["keep.txt"]
    assert not (tmp_path / "runs").exists()


def test_batch_and_eval_flags_are_checked_too(tmp_path, add_problem_file):
    result = CliRunner().invoke(app, ["batch", str(add_problem_file.parent), "--concurrency", "0"])
    assert result.exit_code == 2 and "--concurrency: field 'batch.concurrency': expected a positive integer, got 0" \
        in result.output
    result = CliRunner().invoke(app, ["eval", str(tmp_path), "--workers", "-1"])
    assert result.exit_code == 2 and "--workers: field 'execute.workers'" in result.output
    assert not (tmp_path / "runs").exists()


def test_version_and_a_bad_setting_in_a_real_process(tmp_path, add_problem_file):
    from importlib.metadata import version

    done = run_cli("--version")
    assert done.returncode == 0 and done.stdout == f"alphasolve {alphasolve.__version__}\n"
    assert version("alphasolve") == alphasolve.__version__  # pyproject takes it from the package
    done = run_cli("solve", str(add_problem_file), "--out", str(tmp_path / "run"), "--set", "sample.temperature=-1")
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr == "error: --set: field 'sample.temperature': expected a number of at least 0, got -1.0\n"
    assert not (tmp_path / "run").exists()


def test_settings_resolved_by_the_stages_are_refused_before_the_run_directory_is_touched(tmp_path, add_problem_file):
    for args, message in ((["--backend", "vllm", "--set", "sample.prompt=nope"], "field 'sample.prompt': no prompt template"),
                          (["--set", "rank.scorer_weight=1"], "field 'rank.scorer_weight': the replay backend")):
        result = CliRunner().invoke(app, ["solve", str(add_problem_file), "--out", str(tmp_path / "run"), *args])
        assert result.exit_code == 2, result.output
        errors = [line for line in result.output.splitlines() if line.startswith("error:")]
        assert len(errors) == 1 and message in errors[0], result.output
        assert not (tmp_path / "run").exists()

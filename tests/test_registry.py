"""The stage registry (alphasolve/stages/__init__.py) is the one place a stage is declared: a stage
added to it is run by `solve`, listed by `show`, reset when its settings or what it reads change,
and costed; each key depends only on the stage's declared settings and the keys of what it reads."""

from __future__ import annotations

import dataclasses
import json
from contextlib import contextmanager

import pytest

from alphasolve import rundir
from alphasolve import stages as registry
from alphasolve.config import apply, load_config
from alphasolve.problem import load_problem
from alphasolve.run import solve, stage_key, stage_keys, stage_settings
from alphasolve.stage import Stage
from alphasolve.stages.rank import load_clusters
from alphasolve.views import run_status
from support import REPO

WORD = {"value": "a"}  # the extra stage's one setting


def _extra_settings(problem, config):
    return {"extra.word": WORD["value"]}


def _extra_run(ctx):
    """Reads the rank stage's artifact, writes its own."""
    ranking = json.loads(ctx.run.file(rundir.RANKING).read_text())
    ctx.meter.tokens += 7
    (ctx.run.file("extra.json")).write_text(json.dumps({"word": WORD["value"], "top": ranking["submissions"][0]}))
    return {"written": 1, "clusters": len(load_clusters(ctx.run)["clusters"])}


EXTRA = Stage("extra", upstream=("rank",), artifacts=("extra.json",), settings=_extra_settings, run=_extra_run)


class Notes:
    def __init__(self):
        self.lines: list[tuple[str, str]] = []

    def note(self, stage, text):
        self.lines.append((stage, text))

    @contextmanager
    def progress(self, stage, total):
        yield lambda n=1: None


@pytest.fixture
def with_extra(monkeypatch):
    pipeline = [s for s in registry.STAGES if not s.on_demand]
    monkeypatch.setattr(registry, "STAGES", (*pipeline, EXTRA, *[s for s in registry.STAGES if s.on_demand]))
    WORD["value"] = "a"


def _config(samples=6, **sets):
    config = load_config(REPO / "configs" / "replay.toml")
    apply(config, {"sample": {"samples": samples}, "execute": {"workers": 1}}, "test")
    for section, values in sets.items():
        apply(config, {section: values}, "test")
    return config


def test_a_stage_added_to_the_registry_is_run_shown_costed_and_invalidated(with_extra, add_problem_file, tmp_path):
    problem, out = load_problem(add_problem_file), tmp_path / "run"
    manifest = solve(problem, _config(), out)
    entry = manifest.stages["extra"]
    assert entry.status == "done" and entry.counts["written"] == 1 and entry.cost["tokens"] == 7
    assert json.loads((out / "extra.json").read_text())["word"] == "a"
    status = run_status(out)
    assert list(status["stages"]) == ["sample", "filter", "inputs", "cluster", "rank", "extra", "eval"]
    assert status["stages"]["extra"]["status"] == "done" and status["cost"]["tokens"] == 7

    WORD["value"] = "b"  # its own setting: only it reruns, and the change is said
    notes = Notes()
    solve(problem, _config(), out, notes)
    assert ("extra", "settings changed (extra.word 'a' → 'b'): rerunning extra") in notes.lines
    assert [s for s, text in notes.lines if text == "up to date"] == ["sample", "filter", "inputs", "cluster", "rank"]
    assert json.loads((out / "extra.json").read_text())["word"] == "b"

    notes = Notes()  # a setting of a stage it reads (rank, through its upstream): reset with it
    solve(problem, _config(rank={"mbr_weight": 5.0}), out, notes)
    assert notes.lines[0][0] == "rank" and notes.lines[0][1].endswith("rerunning rank and the stages after it")
    assert json.loads(rundir.RunDir(out).manifest_path.read_text())["stages"]["extra"]["status"] == "done"


def test_a_stage_that_fails_stays_running_and_is_shown_interrupted(with_extra, add_problem_file, tmp_path, monkeypatch):
    problem, out = load_problem(add_problem_file), tmp_path / "run"

    def failing(ctx):
        raise RuntimeError("extra failed")

    monkeypatch.setattr(registry, "STAGES", tuple(dataclasses.replace(s, run=failing) if s.name == "extra" else s
                                                  for s in registry.STAGES))
    with pytest.raises(RuntimeError, match="extra failed"):
        solve(problem, _config(), out)
    status = run_status(out)
    assert status["stages"]["rank"]["status"] == "done" and status["stages"]["extra"]["status"] == "interrupted"


def test_each_key_depends_only_on_its_settings_and_the_keys_it_reads(add_problem_file):
    problem = load_problem(add_problem_file)
    settings = stage_settings(problem, _config())
    keys = stage_keys(settings)
    names = [s.name for s in registry.STAGES]
    assert sorted(settings) == sorted(keys) == sorted(names)

    def reads(name):  # transitively
        out, todo = set(), list(registry.by_name(name).upstream)
        while todo:
            u = todo.pop()
            out.add(u)
            todo += registry.by_name(u).upstream
        return out

    for changed in names:
        other = stage_keys({**settings, changed: {**settings[changed], "test.extra": 1}})
        moved = {n for n in names if other[n] != keys[n]}
        assert moved == {changed} | {n for n in names if changed in reads(n)}, changed
    for stage in registry.STAGES:  # keys of stages it does not read do not enter its key
        unrelated = {n: "0" * 16 for n in names if n not in stage.upstream}
        assert stage_key(stage, settings[stage.name], {**keys, **unrelated}) == keys[stage.name]


def test_every_stage_artifact_belongs_to_exactly_one_stage():
    owned = [a for s in registry.STAGES for a in s.artifacts]
    assert len(owned) == len(set(owned))
    names = {getattr(rundir, n) for n in dir(rundir) if n.isupper() and isinstance(getattr(rundir, n), str)}
    outside = {rundir.MANIFEST, rundir.LOCK, rundir.CONFIG, rundir.PROBLEM, rundir.LOGS, rundir.EVAL_SUMMARY, rundir.EVAL_PLOT,
               rundir.BATCH_REPORT}
    assert set(owned) == names - outside
    for stage in registry.STAGES:
        assert all(u in [s.name for s in registry.STAGES[:registry.STAGES.index(stage)]] for u in stage.upstream)

"""The stage runner: owns the run directory, cache keys and resume; reads the stage registry
(`alphasolve.stages.STAGES`) for everything it knows of the stages.

Each stage has a key: a hash of exactly the settings that change its result, chained with
the keys of the stages it reads. A changed key resets that stage and every later one. With
an unchanged key a stage resumes: per-item artifacts (samples, judgements, runs) already on
disk are reused, and only the rest is computed. The number of samples is not in any key:
asking for more samples extends the run.
"""

from __future__ import annotations

import json
import os
from contextlib import nullcontext
from pathlib import Path
from typing import Any, Callable

from alphasolve import stages as registry
from alphasolve.artifacts import write_text_atomic
from alphasolve.config import Config, to_toml
from alphasolve.cost import StageMeter
from alphasolve.digest import json_hash
from alphasolve.errors import AlphasolveError
from alphasolve.execute import Executor
from alphasolve.lock import run_lock
from alphasolve.problem import Problem
from alphasolve.rundir import CONFIG, PROBLEM, Manifest, RunDir, StageEntry
from alphasolve.stage import QuietReporter, Reporter, Stage, StageContext, execution_limits

__all__ = ["QuietReporter", "Reporter", "StageContext", "default_run_dir", "execution_limits", "invalidate",
           "run_stage", "runs_root", "solve", "stage_key", "stage_keys", "stage_settings"]


def stage_settings(problem: Problem, config: Config) -> dict[str, dict[str, Any]]:
    """Per stage of the registry, the settings that change its result (what the keys hash)."""
    return {stage.name: stage.settings(problem, config) for stage in registry.STAGES}


def stage_keys(settings: dict[str, dict[str, Any]]) -> dict[str, str]:
    """Each stage's key: its settings chained with the keys of the stages it reads (registry order
    puts those first)."""
    keys: dict[str, str] = {}
    for stage in registry.STAGES:
        keys[stage.name] = stage_key(stage, settings[stage.name], keys)
    return keys


def stage_key(stage: Stage, settings: dict[str, Any], keys: dict[str, str]) -> str:
    """`stage`'s key from its settings and `keys` of the stages it reads."""
    return json_hash([settings, [keys[u] for u in stage.upstream]])


def _describe_change(old: dict[str, Any], new: dict[str, Any]) -> str:
    changed = [k for k in sorted(set(old) | set(new)) if old.get(k) != new.get(k)]
    parts = []
    for k in changed[:4]:
        a, b = old.get(k), new.get(k)
        short = isinstance(a, (int, float, str, type(None))) and isinstance(b, (int, float, str, type(None)))
        parts.append(f"{k} {a!r} → {b!r}" if short and len(repr(a)) + len(repr(b)) < 60 else k)
    return ", ".join(parts) + (" ..." if len(changed) > 4 else "")


def solve(problem: Problem, config: Config, out_dir: Path, reporter: Reporter | None = None, *,
          executor: Executor | None = None, model_lock: Any = None,
          on_locked: Callable[[Path], None] | None = None) -> Manifest:
    """Run (or resume) every stage of the pipeline for one problem; returns the final manifest.

    Several problems at once (`alphasolve batch --concurrency N`, one thread each) pass one
    `executor` (shared, closed by the caller) and a `model_lock` held around the stages that may
    run a model (`Stage.uses_model`), so that only one in-process model engine exists at a time.

    The run directory is locked throughout (`alphasolve.lock`): another process on it is refused
    at once. Settings are resolved first: a bad one (a missing prompt, ...) leaves the directory as it was.
    `on_locked(run_dir)` is called once the directory is this process's, before anything is written
    (the CLI starts its log of other libraries' output there)."""
    settings = stage_settings(problem, config)
    with run_lock(out_dir):
        return _solve_locked(problem, config, RunDir(out_dir), reporter or QuietReporter(), settings,
                             executor=executor, model_lock=model_lock, on_locked=on_locked)


def _solve_locked(problem: Problem, config: Config, run: RunDir, reporter: Reporter,
                  settings: dict[str, dict[str, Any]], *, executor: Executor | None, model_lock: Any,
                  on_locked: Callable[[Path], None] | None) -> Manifest:
    manifest = run.load_manifest()
    if manifest.problem_id not in (None, problem.problem_id):
        raise AlphasolveError(f"holds a run of problem {manifest.problem_id!r}, not {problem.problem_id!r}; "
                              "use another --out", file=str(run.path))
    if on_locked is not None:
        on_locked(run.path)
    keys = stage_keys(settings)
    invalidate(run, manifest, settings, keys, reporter)
    manifest.problem_id, manifest.problem_file = problem.problem_id, problem.path
    write_text_atomic(run.file(CONFIG), to_toml(config))
    write_text_atomic(run.file(PROBLEM), json.dumps(problem.to_dict(), indent=1) + "\n")
    ctx = StageContext(problem, config, run, reporter, execution_limits(problem, config), shared_executor=executor)
    try:
        for stage in registry.pipeline():
            entry = manifest.stages.get(stage.name)
            if entry is not None and entry.status == "done" and entry.samples == ctx.n_samples:
                entry.key, entry.settings = keys[stage.name], settings[stage.name]
                reporter.note(stage.name, "up to date")
                continue
            with model_lock if model_lock is not None and stage.uses_model else nullcontext():
                run_stage(ctx, stage, manifest, keys[stage.name], settings[stage.name])
    finally:
        ctx.close()
    return manifest


def run_stage(ctx: StageContext, stage: Stage, manifest: Manifest, key: str, settings: dict[str, Any]) -> StageEntry:
    """Run (or resume) one stage: its manifest entry is "running" while it does, then "done" with
    its counts and its cost (wall time, CPU-seconds, what `ctx.executor()` ran, tokens) added up."""
    entry = manifest.stages.setdefault(stage.name, StageEntry())
    entry.key, entry.settings, entry.status = key, settings, "running"
    ctx.run.save_manifest(manifest)
    ctx.meter = StageMeter()
    counts = stage.run(ctx)
    entry.status, entry.samples, entry.counts = "done", ctx.n_samples, counts
    entry.cost = ctx.meter.add_to(entry.cost)
    ctx.run.save_manifest(manifest)
    return entry


def invalidate(run: RunDir, manifest: Manifest, settings: dict[str, dict[str, Any]], keys: dict[str, str],
               reporter: Reporter, only: tuple[str, ...] | None = None) -> None:
    """Reset every stage whose key changed (and so every stage after it, whose keys chain it):
    its artifacts go, and its manifest entry. The first change is reported. `only`: these stages."""
    order = [s for s in registry.STAGES if only is None or s.name in only]
    reported = False
    for stage in order:
        entry = manifest.stages.get(stage.name)
        if entry is None or entry.key == keys[stage.name]:
            continue
        if not reported and entry.settings != settings[stage.name]:
            change = _describe_change(entry.settings or {}, settings[stage.name])
            if stage.on_demand:  # (in `solve`: cleared; its command runs it again)
                what = f"{stage.name} starts over"
            else:
                later = [s for s in registry.pipeline() if stage.name in _reads(s)]
                what = f"rerunning {stage.name}" + (" and the stages after it" if later else "")
            reporter.note(stage.name, f"settings changed ({change}): {what}")
            reported = True
        run.remove(stage.artifacts)
        del manifest.stages[stage.name]
    if reported:
        run.save_manifest(manifest)


def _reads(stage: Stage) -> set[str]:
    """The stages `stage` reads, directly or not (its key chains theirs)."""
    seen: set[str] = set()
    todo = list(stage.upstream)
    while todo:
        name = todo.pop()
        if name not in seen:
            seen.add(name)
            todo += registry.by_name(name).upstream
    return seen


def runs_root(root: str | Path | None = None) -> Path:
    """Where run directories go: --out, else $ALPHASOLVE_RUNS, else ./runs."""
    return Path(root or os.environ.get("ALPHASOLVE_RUNS", "runs"))


def default_run_dir(problem: Problem, root: str | Path | None = None) -> Path:
    return runs_root(root) / problem.slug

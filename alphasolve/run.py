"""The stage runner: owns the run directory, cache keys and resume.

Each stage has a key: a hash of exactly the settings that change its result, chained with
the key of the stage before it. A changed key resets that stage and every later one. With
an unchanged key a stage resumes: per-item artifacts (samples, judgements, runs) already on
disk are reused, and only the rest is computed. The number of samples is not in any key:
asking for more samples extends the run.
"""

from __future__ import annotations

import hashlib
import json
import os
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Callable, Iterator, Protocol

from alphasolve import stages
from alphasolve.artifacts import write_text_atomic
from alphasolve.config import Config, to_toml
from alphasolve.cost import CountingExecutor, StageMeter
from alphasolve.execute import Executor, Limits
from alphasolve.execute.factory import make_executor
from alphasolve.inputs import MUTATOR_VERSION
from alphasolve.lock import run_lock
from alphasolve.problem import Problem
from alphasolve.records import SCHEMA_VERSION
from alphasolve.rundir import STAGES, RunDir


class Reporter(Protocol):
    """How the runner tells a person what it does (the CLI draws rich progress bars)."""

    def note(self, stage: str, text: str) -> None: ...

    def progress(self, stage: str, total: int) -> Any:
        """A context manager yielding `advance(n=1)`."""
        ...


class QuietReporter:
    def note(self, stage: str, text: str) -> None:
        pass

    @contextmanager
    def progress(self, stage: str, total: int) -> Iterator[Callable[[int], None]]:
        yield lambda n=1: None


def _hash(data: Any) -> str:
    return hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode()).hexdigest()[:16]


def execution_limits(problem: Problem, config: Config) -> Limits:
    ex = config.execute
    return Limits(
        time_s=problem.time_limit_s or ex.time_limit_s,
        memory_bytes=problem.memory_limit_bytes or ex.memory_limit_mb * 1024 * 1024,
        output_bytes=ex.output_limit_mb * 1024 * 1024,
        stderr_bytes=ex.stderr_limit_kb * 1024,
    )


def stage_settings(problem: Problem, config: Config) -> dict[str, dict[str, Any]]:
    """Per stage, the settings that change its result (what the keys hash)."""
    limits = execution_limits(problem, config)
    sample = {k: v for k, v in config.cache_view("sample").items() if k != "samples"}
    public = [[t.input, t.output] for t in problem.public_tests]
    return {
        "sample": {"problem": _hash([problem.problem_id, problem.name, problem.description, public,
                                     [[s.language, s.code] for s in problem.solutions],
                                     [[s.language, s.code] for s in problem.incorrect_solutions],
                                     problem.rating, problem.tags]),
                   **{f"sample.{k}": v for k, v in sample.items()}, **_prompt_setting(config)},
        "filter": {"public_tests": _hash(public), "limits": vars(limits) | {},
                   "compare": problem.compare.to_dict()},
        "inputs": {"public_inputs": _hash([t.input for t in problem.public_tests]), "mutator": MUTATOR_VERSION,
                   **_spec_setting(problem, config),
                   **{f"inputs.{k}": v for k, v in config.cache_view("inputs").items()
                      if config.inputs.generators or not k.startswith("generator")},
                   **_generator_settings(problem, config)},
        "cluster": {"limits": vars(limits) | {}, "compare": problem.compare.to_dict(),
                    **{f"cluster.{k}": v for k, v in config.cache_view("cluster").items()}},
        "rank": {**{f"rank.{k}": v for k, v in config.cache_view("rank").items()}, **_scorer_setting(config)},
    }


def _prompt_setting(config: Config) -> dict[str, str]:
    """Model backends: the prompt template's hash (editing the template changes the samples)."""
    if config.sample.backend == "replay":
        return {}
    from alphasolve.sample.prompts import prompt_fingerprint

    return {"sample.prompt_sha": prompt_fingerprint(config.sample)}


def _generator_settings(problem: Problem, config: Config) -> dict[str, Any]:
    """What input generators depend on: the problem's own (replay), or the model, its sampler
    settings, the generator prompt and the problem text (model backends)."""
    if not config.inputs.generators:
        return {}
    if config.sample.backend == "replay":
        return {"input_generators": _hash([[g.language, g.code] for g in problem.input_generators])}
    from alphasolve.inputs.generators import generator_sample_config
    from alphasolve.sample.prompts import prompt_fingerprint

    gen = generator_sample_config(config.sample, config.inputs)
    return {"generator_sampler": _hash(replace(config, sample=gen).cache_view("sample")),
            "generator_prompt_sha": prompt_fingerprint(gen),
            "problem_text": _hash([problem.name, problem.description, [t.input for t in problem.public_tests],
                                   [t.output for t in problem.public_tests]])}


def _spec_setting(problem: Problem, config: Config) -> dict[str, Any]:
    """With inputs.spec: the spec the statement gives (its parser's version and result)."""
    if not config.inputs.spec:
        return {}
    from alphasolve.inputs.spec import SPEC_VERSION
    from alphasolve.inputs.spec_gen import GENERATOR_VERSION
    from alphasolve.inputs.spec_problem import problem_spec

    return {"spec": _hash([SPEC_VERSION, GENERATOR_VERSION, problem_spec(problem)[0].to_dict()])}


def _scorer_setting(config: Config) -> dict[str, str]:
    """With a scoring model: its prompt template's hash (its model and engine are in the sample key).
    Scoring with the replay backend is an error, raised here, before anything runs."""
    if not config.rank.scorer_weight:
        return {}
    from alphasolve.score import scorer_settings

    return {"rank.scorer_prompt_sha": scorer_settings(config)["prompt_sha"]}


UPSTREAM = {"sample": (), "filter": ("sample",), "inputs": (), "cluster": ("filter", "inputs"),
            "rank": ("cluster",)}


def stage_keys(settings: dict[str, dict[str, Any]]) -> dict[str, str]:
    keys: dict[str, str] = {}
    for stage in STAGES:
        keys[stage] = _hash([settings[stage], [keys[u] for u in UPSTREAM[stage]]])
    return keys


def _describe_change(old: dict[str, Any], new: dict[str, Any]) -> str:
    changed = [k for k in sorted(set(old) | set(new)) if old.get(k) != new.get(k)]
    parts = []
    for k in changed[:4]:
        a, b = old.get(k), new.get(k)
        short = isinstance(a, (int, float, str, type(None))) and isinstance(b, (int, float, str, type(None)))
        parts.append(f"{k} {a!r} → {b!r}" if short and len(repr(a)) + len(repr(b)) < 60 else k)
    return ", ".join(parts) + (" ..." if len(changed) > 4 else "")


@dataclass
class StageContext:
    """What a stage function gets: the problem, settings, the run directory, the reporter."""

    problem: Problem
    config: Config
    run: RunDir
    reporter: Reporter
    limits: Limits
    manifest: dict[str, Any]
    _executor: CountingExecutor | None = field(default=None, repr=False)
    meter: StageMeter | None = field(default=None, repr=False)
    shared_executor: Any = field(default=None, repr=False)  # the caller's (batch): used, never closed here

    @property
    def n_samples(self) -> int:
        return self.config.sample.samples

    def executor(self) -> Executor:
        if self._executor is None:
            self._executor = CountingExecutor(self.shared_executor or make_executor(self.config.execute))
        self._executor.meter = self.meter
        return self._executor  # type: ignore[return-value]

    def close(self) -> None:
        if self._executor is not None:
            if self.shared_executor is None:
                self._executor.close()
            self._executor = None


MODEL_STAGES = ("sample", "inputs", "rank")  # samples; input generators; the scoring model


def solve(problem: Problem, config: Config, out_dir: Path, reporter: Reporter | None = None, *,
          executor: Any = None, model_lock: Any = None,
          on_locked: Callable[[Path], None] | None = None) -> dict[str, Any]:
    """Run (or resume) every stage for one problem; returns the final manifest.

    Several problems at once (`alphasolve batch --concurrency N`, one thread each) pass one
    `executor` (shared, closed by the caller) and a `model_lock` held around the stages that may
    run a model (`MODEL_STAGES`), so that only one in-process model engine exists at a time.

    The run directory is locked throughout (`alphasolve.lock`): another process on it is refused
    at once. Settings are resolved first: a bad one (a missing prompt, ...) leaves the directory as it was.
    `on_locked(run_dir)` is called once the directory is this process's, before anything is written
    (the CLI starts its log of other libraries' output there)."""
    settings = stage_settings(problem, config)
    with run_lock(out_dir):
        return _solve_locked(problem, config, RunDir(out_dir), reporter or QuietReporter(), settings,
                             executor=executor, model_lock=model_lock, on_locked=on_locked)


def _solve_locked(problem: Problem, config: Config, run: RunDir, reporter: Reporter,
                  settings: dict[str, dict[str, Any]], *, executor: Any, model_lock: Any,
                  on_locked: Callable[[Path], None] | None) -> dict[str, Any]:
    manifest = run.load_manifest()
    if manifest.get("problem_id") not in (None, problem.problem_id):
        from alphasolve.errors import AlphasolveError

        raise AlphasolveError(f"holds a run of problem {manifest['problem_id']!r}, not {problem.problem_id!r}; "
                              "use another --out", file=str(run.path))
    if on_locked is not None:
        on_locked(run.path)
    keys = stage_keys(settings)
    _invalidate(run, manifest, settings, keys, reporter)
    manifest.update(schema=SCHEMA_VERSION, problem_id=problem.problem_id, problem_file=problem.path)
    write_text_atomic(run.file("config.toml"), to_toml(config))
    write_text_atomic(run.file("problem.json"), json.dumps(problem.to_dict(), indent=1) + "\n")
    ctx = StageContext(problem, config, run, reporter, execution_limits(problem, config), manifest,
                       shared_executor=executor)
    try:
        for stage in STAGES:
            entry = manifest["stages"].setdefault(stage, {})
            entry.update(key=keys[stage], settings=settings[stage])
            if entry.get("status") == "done" and entry.get("samples") == ctx.n_samples:
                reporter.note(stage, "up to date")
                continue
            entry["status"] = "running"
            run.save_manifest(manifest)
            with model_lock if model_lock is not None and stage in MODEL_STAGES else nullcontext():
                ctx.meter = StageMeter()
                counts = getattr(stages, f"run_{stage}")(ctx)
            entry.update(status="done", samples=ctx.n_samples, counts=counts, cost=ctx.meter.add_to(entry.get("cost")))
            run.save_manifest(manifest)
    finally:
        ctx.close()
    return manifest


def _invalidate(run: RunDir, manifest: dict[str, Any], settings: dict[str, dict[str, Any]],
                keys: dict[str, str], reporter: Reporter) -> None:
    """Reset every stage whose key changed (and so every stage after it)."""
    stages_state = manifest["stages"]
    reported = False
    for stage in STAGES:
        entry = stages_state.get(stage)
        if entry is None or entry.get("key") == keys[stage]:
            continue
        if not reported and entry.get("settings") != settings[stage]:
            later = STAGES[STAGES.index(stage) + 1:]
            reporter.note(stage, f"settings changed ({_describe_change(entry.get('settings') or {}, settings[stage])}): "
                                 f"rerunning {stage}" + (" and the stages after it" if later else ""))
            reported = True
        run.reset_stage(stage)
        del stages_state[stage]
    if reported:
        run.save_manifest(manifest)


def runs_root(root: str | Path | None = None) -> Path:
    """Where run directories go: --out, else $ALPHASOLVE_RUNS, else ./runs."""
    return Path(root or os.environ.get("ALPHASOLVE_RUNS", "runs"))


def default_run_dir(problem: Problem, root: str | Path | None = None) -> Path:
    return runs_root(root) / problem.slug

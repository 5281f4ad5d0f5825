"""The sample stage: draw the candidate programs (`alphasolve.sample`) into samples.jsonl.

Sample i depends only on the sampler settings and i, so a resumed run draws exactly the samples
of an uninterrupted one, and asking for more samples extends a run (the count is in no key).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from alphasolve.artifacts import JsonlAppender, iter_jsonl
from alphasolve.digest import json_hash
from alphasolve.fromdict import load_by_sample
from alphasolve.records import Sample
from alphasolve.rundir import SAMPLES, SCORES, RunDir
from alphasolve.stage import Stage

if TYPE_CHECKING:
    from alphasolve.config import Config
    from alphasolve.problem import Problem
    from alphasolve.stage import StageContext


#: the `meta` of samples loaded for the stages (not read back: prompt variants, extraction notes)
_NOT_LOADED: dict[str, Any] = {}


def load_samples_file(path: Path, repair: bool = True) -> dict[int, Sample]:
    """The samples as the stages need them, streamed: without their completion text and meta (what
    the samplers wrote stays on disk), each distinct program's code and every repeated string held
    once, so memory grows with distinct programs, not with samples (10^6 replayed samples of a few
    programs in a few hundred MB)."""
    def slim(sample: Sample, shared: dict[str, str]) -> None:
        sample.text, sample.meta = "", _NOT_LOADED
        if sample.code is not None:
            sample.code = shared.setdefault(f"{sample.program_id}\0code", sample.code)

    return load_by_sample(path, Sample, ("problem_id", "language", "origin", "label", "finish_reason", "program_id"),
                          repair=repair, prepare=slim)


def load_samples(run: RunDir, repair: bool = True) -> dict[int, Sample]:
    return load_samples_file(run.file(SAMPLES), repair=repair)


def settings(problem: "Problem", config: "Config") -> dict[str, Any]:
    """The problem as the sampler sees it, the sampler settings but the count, the prompt."""
    sample = {k: v for k, v in config.cache_view("sample").items() if k != "samples"}
    public = [[t.input, t.output] for t in problem.public_tests]
    return {"problem": json_hash([problem.problem_id, problem.name, problem.description, public,
                                  [[s.language, s.code] for s in problem.solutions],
                                  [[s.language, s.code] for s in problem.incorrect_solutions],
                                  problem.rating, problem.tags]),
            **{f"sample.{k}": v for k, v in sample.items()}, **_prompt_setting(config)}


def _prompt_setting(config: "Config") -> dict[str, str]:
    """Model backends: the prompt template's hash (editing the template changes the samples)."""
    if config.sample.backend == "replay":
        return {}
    from alphasolve.sample.prompts import prompt_fingerprint

    return {"sample.prompt_sha": prompt_fingerprint(config.sample)}


def run(ctx: "StageContext") -> dict[str, int]:
    from alphasolve.sample import make_sampler

    existing = load_samples(ctx.run)
    missing = [i for i in range(ctx.n_samples) if i not in existing]
    # the counts, kept as samples are drawn (reading a million of them back would double the stage's I/O)
    wanted = [existing[i] for i in range(ctx.n_samples) if i in existing]
    with_code = sum(1 for s in wanted if s.code is not None)
    programs = {s.program_id for s in wanted}
    if existing and missing:
        ctx.reporter.note("sample", f"resuming: {ctx.n_samples - len(missing)} of {ctx.n_samples} samples on disk")
    if missing:
        sampler = make_sampler(ctx.config.sample)
        chunk = max(1, ctx.config.sample.chunk_size)
        try:
            with JsonlAppender(ctx.run.file(SAMPLES)) as out, \
                    ctx.reporter.progress("sample", len(missing)) as advance:
                for start in range(0, len(missing), chunk):
                    for sample in sampler.sample(ctx.problem, missing[start:start + chunk]):
                        out.write(sample.to_dict())
                        ctx.meter.tokens += sample.num_tokens or 0
                        with_code += sample.code is not None
                        programs.add(sample.program_id)
                        advance(1)
        finally:
            sampler.close()
    return {"samples": ctx.n_samples, "generated": len(missing), "with_code": with_code,
            "distinct_programs": len(programs - {None})}


def partial_counts(run_dir: RunDir) -> dict[str, int]:
    return {"samples_on_disk": sum(1 for _ in iter_jsonl(run_dir.file(SAMPLES), repair=False))}


# scores.jsonl: of programs, by the scoring model (rank): kept while the samples are
STAGE = Stage("sample", upstream=(), artifacts=(SAMPLES, SCORES), settings=settings, run=run, uses_model=True,
              partial_counts=partial_counts)

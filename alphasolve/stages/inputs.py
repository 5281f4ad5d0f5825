"""The inputs stage: the clustering inputs (`alphasolve.inputs`) into inputs.jsonl: the public
inputs, then input generators' outputs (generators.json), then inputs drawn from the statement's
input spec (spec.json), then mutants of the public inputs."""

from __future__ import annotations

import json
from dataclasses import replace
from typing import TYPE_CHECKING, Any, Callable

from alphasolve.artifacts import read_jsonl, write_json_atomic, write_text_atomic
from alphasolve.digest import json_hash
from alphasolve.inputs import MUTATOR_VERSION
from alphasolve.records import SCHEMA_VERSION
from alphasolve.rundir import GENERATORS, INPUTS, SPEC, RunDir
from alphasolve.stage import Stage

if TYPE_CHECKING:
    from alphasolve.config import Config
    from alphasolve.inputs.spec import Spec
    from alphasolve.problem import Problem
    from alphasolve.stage import StageContext


def load_inputs(run: RunDir) -> list[dict[str, Any]]:
    return read_jsonl(run.file(INPUTS), repair=False)


def settings(problem: "Problem", config: "Config") -> dict[str, Any]:
    """The public inputs, the mutator's version, the spec, the [inputs] settings (the generator ones
    only with generators) and what the generators depend on."""
    return {"public_inputs": json_hash([t.input for t in problem.public_tests]), "mutator": MUTATOR_VERSION,
            **_spec_setting(problem, config),
            **{f"inputs.{k}": v for k, v in config.cache_view("inputs").items()
               if config.inputs.generators or not k.startswith("generator")},
            **_generator_settings(problem, config)}


def _spec_setting(problem: "Problem", config: "Config") -> dict[str, Any]:
    """With inputs.spec: the spec the statement gives (its parser's version and result)."""
    if not config.inputs.spec:
        return {}
    from alphasolve.inputs.spec import SPEC_VERSION
    from alphasolve.inputs.spec_gen import GENERATOR_VERSION
    from alphasolve.inputs.spec_problem import problem_spec

    return {"spec": json_hash([SPEC_VERSION, GENERATOR_VERSION, problem_spec(problem)[0].to_dict()])}


def _generator_settings(problem: "Problem", config: "Config") -> dict[str, Any]:
    """What input generators depend on: the problem's own (replay), or the model, its sampler
    settings, the generator prompt and the problem text (model backends)."""
    if not config.inputs.generators:
        return {}
    if config.sample.backend == "replay":
        return {"input_generators": json_hash([[g.language, g.code] for g in problem.input_generators])}
    from alphasolve.inputs.generators import generator_sample_config
    from alphasolve.sample.prompts import prompt_fingerprint

    gen = generator_sample_config(config.sample, config.inputs)
    return {"generator_sampler": json_hash(replace(config, sample=gen).cache_view("sample")),
            "generator_prompt_sha": prompt_fingerprint(gen),
            "problem_text": json_hash([problem.name, problem.description, [t.input for t in problem.public_tests],
                                       [t.output for t in problem.public_tests]])}


def run(ctx: "StageContext") -> dict[str, int]:
    from alphasolve.inputs import mutate_inputs
    from alphasolve.inputs.generators import interleave

    cfg = ctx.config.inputs
    public = [t.input for t in ctx.problem.public_tests]
    from_generators = []
    if cfg.generators and cfg.count > len(public):
        outputs = _run_generators(ctx)
        from alphasolve.inputs.mutate import input_key

        seen = {input_key(text) for text in public}
        limit = min(cfg.count - len(public), round(cfg.count * cfg.generator_share))
        from_generators = interleave(outputs, limit, seen)
    spec = _input_spec(ctx)
    valid = _spec_filter(spec)
    rejected = len(from_generators)
    from_generators = [g for g in from_generators if valid(g.input)]
    rejected -= len(from_generators)
    from_spec = []
    if spec is not None and cfg.count > len(public) + len(from_generators):
        from alphasolve.inputs.spec_gen import spec_inputs

        from_spec = spec_inputs(spec, round(cfg.count * cfg.spec_share), seed=cfg.seed,
                                max_bytes=cfg.max_input_bytes, exclude=public + [g.input for g in from_generators],
                                examples=public)
        from_spec = from_spec[:max(0, cfg.count - len(public) - len(from_generators))]
    made = from_generators + from_spec
    wanted = cfg.count - len(made)
    mutated = mutate_inputs(public, count=wanted if spec is None else len(public) + 2 * wanted, seed=cfg.seed,
                            tries=cfg.mutation_tries, max_bytes=cfg.max_input_bytes, exclude=[g.input for g in made])
    n_public = sum(1 for g in mutated if g.origin.startswith("public"))
    mutants = [g for g in mutated[n_public:] if valid(g.input)]
    rejected += len(mutated) - n_public - len(mutants)
    generated = mutated[:n_public] + made + mutants[:max(0, wanted - n_public)]
    records = [{"schema": SCHEMA_VERSION, "problem_id": ctx.problem.problem_id, "input_id": k,
                "origin": g.origin, "input": g.input} | ({"spec": "valid"} if spec is not None else {})
               for k, g in enumerate(generated)]
    write_text_atomic(ctx.run.file(INPUTS), "".join(json.dumps(r) + "\n" for r in records))
    counts = {"inputs": len(records), "public": n_public, "from_generators": len(from_generators)}
    return counts | ({"from_spec": len(from_spec), "rejected_by_spec": rejected} if spec is not None else {})


def _input_spec(ctx: "StageContext") -> "Spec | None":
    """The statement's input spec (saved to spec.json), or None: off, empty, or rejecting a public input."""
    from alphasolve.inputs.spec_problem import problem_spec

    if not ctx.config.inputs.spec:
        return None
    spec, warning = problem_spec(ctx.problem)
    if warning:
        ctx.reporter.note("inputs", warning)
    write_json_atomic(ctx.run.file(SPEC), {"schema": SCHEMA_VERSION, "problem_id": ctx.problem.problem_id,
                                                  "discarded": warning, "spec": spec.to_dict()})
    if spec.empty() or not spec.layout:
        return None
    return spec


def _spec_filter(spec: "Spec | None") -> Callable[[str], bool]:
    if spec is None:
        return lambda text: True
    from alphasolve.inputs.spec_check import check_input

    return lambda text: not check_input(spec, text)


def _run_generators(ctx: "StageContext") -> dict[int, list[str]]:
    """Get the input generators (the problem's own with replay, else from the sampling backend),
    save them to generators.json, and run them: per generator, its usable outputs."""
    from alphasolve.inputs.generators import Generator, generator_sample_config, run_generators

    cfg = ctx.config.inputs
    if ctx.config.sample.backend == "replay":
        generators = [Generator(k, g.language, g.code, "problem")
                      for k, g in enumerate(ctx.problem.input_generators[:cfg.generators])]
    else:
        from alphasolve.sample import make_sampler

        ctx.reporter.note("inputs", f"asking the model for {cfg.generators} input generators")
        sampler = make_sampler(generator_sample_config(ctx.config.sample, cfg))
        try:
            drawn = sorted(sampler.sample(ctx.problem, range(cfg.generators)), key=lambda s: s.sample_id)
        finally:
            sampler.close()
        ctx.meter.tokens += sum(s.num_tokens or 0 for s in drawn)
        generators = [Generator(s.sample_id, s.language, s.code, "model", s.sample_id) for s in drawn]
    outputs, reports = {}, []
    if any(g.code for g in generators):
        limits = replace(ctx.limits, output_bytes=min(ctx.limits.output_bytes, cfg.max_input_bytes + 1))
        outputs, reports = run_generators(generators, cfg.generator_seeds, ctx.executor(), limits,
                                          cfg.max_input_bytes)
    by_id = {r.generator_id: r for r in reports}
    write_json_atomic(ctx.run.file(GENERATORS), {
        "schema": SCHEMA_VERSION, "problem_id": ctx.problem.problem_id, "seeds": cfg.generator_seeds,
        "generators": [g.to_dict() | {"runs": vars(by_id[g.generator_id]) if g.generator_id in by_id else None}
                       for g in generators]})
    usable = sum(len(v) for v in outputs.values())
    ctx.reporter.note("inputs", f"{len(generators)} input generators ({sum(1 for g in generators if g.code)} "
                                f"with a program) printed {usable} usable inputs")
    return outputs


STAGE = Stage("inputs", upstream=(), artifacts=(INPUTS, GENERATORS, SPEC), settings=settings, run=run,
              uses_model=True)  # input generators may come from the model

"""Stage steps of the runner: read what a stage has on disk, compute the rest, write it.

The computing is done by the pure stage modules (sample, filter, inputs, cluster, rank);
this module only loads and appends artifacts and reports progress.
"""

from __future__ import annotations

import json
from dataclasses import asdict, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from alphasolve.artifacts import (JsonlAppender, read_json, read_jsonl, replace_dir_atomic, write_json_atomic,
                                  write_text_atomic)
from alphasolve.cluster import (Cluster, ProgramRun, cluster_programs, run_on_inputs, signature_hash,
                                valid_input_indices)
from alphasolve.execute.checker import one_line
from alphasolve.filter import FilterRecord, filter_samples, require_checker
from alphasolve.languages import EXTENSIONS
from alphasolve.rank import RankWeights, Submission, fallback_candidates, rank_clusters
from alphasolve.records import SCHEMA_VERSION, Sample

if TYPE_CHECKING:
    from alphasolve.inputs.spec import Spec
    from alphasolve.run import StageContext


def load_samples(ctx: "StageContext") -> dict[int, Sample]:
    return load_samples_file(ctx.run.file("samples.jsonl"))


def load_samples_file(path: Path, repair: bool = True) -> dict[int, Sample]:
    samples: dict[int, Sample] = {}
    for record in read_jsonl(path, repair=repair):
        sample = Sample.from_dict(record)
        samples.setdefault(sample.sample_id, sample)
    return samples


def load_filter(ctx: "StageContext") -> dict[int, FilterRecord]:
    return load_filter_file(ctx.run.file("filter.jsonl"))


def load_filter_file(path: Path, repair: bool = True) -> dict[int, FilterRecord]:
    records: dict[int, FilterRecord] = {}
    for data in read_jsonl(path, repair=repair):
        record = FilterRecord.from_dict(data)
        records.setdefault(record.sample_id, record)
    return records


def load_inputs(ctx: "StageContext") -> list[dict[str, Any]]:
    return read_jsonl(ctx.run.file("inputs.jsonl"), repair=False)


def run_sample(ctx: "StageContext") -> dict[str, int]:
    from alphasolve.sample import make_sampler

    existing = load_samples(ctx)
    missing = [i for i in range(ctx.n_samples) if i not in existing]
    if existing and missing:
        ctx.reporter.note("sample", f"resuming: {ctx.n_samples - len(missing)} of {ctx.n_samples} samples on disk")
    if missing:
        sampler = make_sampler(ctx.config.sample)
        chunk = max(1, ctx.config.sample.chunk_size)
        try:
            with JsonlAppender(ctx.run.file("samples.jsonl")) as out, \
                    ctx.reporter.progress("sample", len(missing)) as advance:
                for start in range(0, len(missing), chunk):
                    for sample in sampler.sample(ctx.problem, missing[start:start + chunk]):
                        out.write(sample.to_dict())
                        ctx.meter.tokens += sample.num_tokens or 0
                        advance(1)
        finally:
            sampler.close()
    samples = load_samples(ctx)
    return {"samples": ctx.n_samples, "generated": len(missing),
            "with_code": sum(1 for i in range(ctx.n_samples) if samples[i].code is not None),
            "distinct_programs": len({samples[i].program_id for i in range(ctx.n_samples)} - {None})}


def run_filter(ctx: "StageContext") -> dict[str, int]:
    samples = load_samples(ctx)
    done = load_filter(ctx)
    known = {r.program_id: r for r in done.values() if r.program_id}
    todo = [samples[i] for i in range(ctx.n_samples) if i not in done]
    to_run = len({s.program_id for s in todo if s.program_id and s.program_id not in known})
    if done and todo:
        ctx.reporter.note("filter", f"resuming: {len(done)} samples judged before, {len(known)} programs known")
    if todo:
        ctx.reporter.note("filter", f"running {to_run} distinct programs on {len(ctx.problem.public_tests)} "
                                    f"public tests for {len(todo)} samples")
        executor = ctx.executor() if to_run else None
        if executor is not None and ctx.problem.checker is not None:
            require_checker(ctx.problem, executor)  # a clear error before anything runs
        with JsonlAppender(ctx.run.file("filter.jsonl")) as out, \
                ctx.reporter.progress("filter", len(todo)) as advance:
            for record in filter_samples(ctx.problem, todo, executor, ctx.limits, known):
                out.write(record.to_dict())
                advance(1)
    records = load_filter(ctx)
    passed = sum(1 for i in range(ctx.n_samples) if records[i].passed)
    errors = [records[i] for i in range(ctx.n_samples) if records[i].verdict == "judge_error"]
    if errors:
        ctx.reporter.note("filter", f"judge error: the checker failed on {len(errors)} of {ctx.n_samples} samples "
                                    f"(they count as failed); first: {one_line(errors[0].judge_message)}")
    counts = {"judged": ctx.n_samples, "executed_programs": to_run, "passed": passed}
    return counts | ({"judge_errors": len(errors)} if errors else {})


def run_inputs(ctx: "StageContext") -> dict[str, int]:
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
    write_text_atomic(ctx.run.file("inputs.jsonl"), "".join(json.dumps(r) + "\n" for r in records))
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
    write_json_atomic(ctx.run.file("spec.json"), {"schema": SCHEMA_VERSION, "problem_id": ctx.problem.problem_id,
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
        if ctx.meter is not None:
            ctx.meter.tokens += sum(s.num_tokens or 0 for s in drawn)
        generators = [Generator(s.sample_id, s.language, s.code, "model", s.sample_id) for s in drawn]
    outputs, reports = {}, []
    if any(g.code for g in generators):
        limits = replace(ctx.limits, output_bytes=min(ctx.limits.output_bytes, cfg.max_input_bytes + 1))
        outputs, reports = run_generators(generators, cfg.generator_seeds, ctx.executor(), limits,
                                          cfg.max_input_bytes)
    by_id = {r.generator_id: r for r in reports}
    write_json_atomic(ctx.run.file("generators.json"), {
        "schema": SCHEMA_VERSION, "problem_id": ctx.problem.problem_id, "seeds": cfg.generator_seeds,
        "generators": [g.to_dict() | {"runs": vars(by_id[g.generator_id]) if g.generator_id in by_id else None}
                       for g in generators]})
    usable = sum(len(v) for v in outputs.values())
    ctx.reporter.note("inputs", f"{len(generators)} input generators ({sum(1 for g in generators if g.code)} "
                                f"with a program) printed {usable} usable inputs")
    return outputs


def run_cluster(ctx: "StageContext") -> dict[str, int]:
    samples = load_samples(ctx)
    verdicts = load_filter(ctx)
    input_records = load_inputs(ctx)
    inputs = [r["input"] for r in input_records]
    by_spec = [k for k, r in enumerate(input_records) if r.get("spec") == "valid"]
    survivors = [samples[i] for i in range(ctx.n_samples) if verdicts[i].passed]
    members: dict[str, list[int]] = {}
    representatives: list[Sample] = []
    for sample in survivors:
        if sample.program_id not in members:
            members[sample.program_id] = []
            representatives.append(sample)
        members[sample.program_id].append(sample.sample_id)
    representatives = representatives[:ctx.config.cluster.max_candidates]
    wanted = {s.program_id for s in representatives}
    checker = ctx.problem.checker
    store = None
    if checker is not None:  # the checker needs the outputs themselves: kept, one per distinct output
        from alphasolve.checker_classes import OutputStore

        store = OutputStore(ctx.run.path, fresh=not ctx.run.file("cluster_runs.jsonl").exists())
    runs = {r["program_id"]: ProgramRun.from_dict(r) for r in read_jsonl(ctx.run.file("cluster_runs.jsonl"))}
    if store is not None:
        runs = {p: r for p, r in runs.items() if store.has_all(r)}
    todo = [s for s in representatives if s.program_id not in runs]
    try:
        if todo:
            ctx.reporter.note("cluster", f"running {len(todo)} surviving programs on {len(inputs)} inputs"
                              + (f" ({len(runs)} done before)" if runs else ""))
            with JsonlAppender(ctx.run.file("cluster_runs.jsonl")) as out, \
                    ctx.reporter.progress("cluster", len(todo)) as advance:
                for run in run_on_inputs(todo, inputs, ctx.executor(), ctx.limits, ctx.problem.compare,
                                         on_output=store.add if store is not None else None):
                    out.write(run.to_dict())
                    runs[run.program_id] = run
                    advance(1)
    finally:
        if store is not None:
            store.close()
    chosen = [runs[s.program_id] for s in representatives]
    public = len(ctx.problem.public_tests)
    valid = valid_input_indices(chosen, len(inputs), keep=public, by_spec=by_spec)
    classes: dict[str, Any] = {}
    if checker is not None:  # outputs the checker accepts as equal become one class per input
        from alphasolve.checker_classes import canonical_runs

        chosen, classes = canonical_runs(chosen, members, inputs, valid, ctx.executor(), checker, store,
                                         ctx.run.path)
        ctx.reporter.note("cluster", f"checker: {classes['distinct_outputs']} distinct outputs in "
                                     f"{classes['output_classes']} classes ({classes['checker_runs']} checker runs)")
        if classes["checker_judge_errors"]:
            ctx.reporter.note("cluster", f"judge error: the checker failed {classes['checker_judge_errors']} times "
                                         f"(those outputs stay apart); first: {one_line(classes['first_error'])}")
    clusters = cluster_programs(chosen, {p: members[p] for p in wanted}, valid)
    write_json_atomic(ctx.run.file("clusters.json"), {
        "schema": SCHEMA_VERSION, "problem_id": ctx.problem.problem_id,
        "survivors": len(survivors), "clustered_samples": sum(c.size for c in clusters),
        "inputs": len(inputs), "valid_inputs": valid,
        "clusters": [c.to_dict() for c in clusters],
    })
    counts = {"survivors": len(survivors), "programs": len(chosen), "executed_programs": len(todo),
              "clusters": len(clusters), "valid_inputs": len(valid)}
    return counts | {k: v for k, v in classes.items() if isinstance(v, int)}


def load_clusters(ctx_or_path: Any) -> dict[str, Any]:
    path = ctx_or_path.run.file("clusters.json") if hasattr(ctx_or_path, "run") else ctx_or_path
    return read_json(path)


def cluster_signatures(run_dir: Path, data: dict[str, Any]) -> dict[int, list[str]]:
    """Each cluster's signature on the valid inputs (with a checker, its output classes, as
    clustering used them), from `cluster_runs.jsonl` (no execution); `data` is clusters.json.
    A missing or truncated file, or one that does not match clusters.json, is an error naming it."""
    from alphasolve.errors import AlphasolveError

    path = Path(run_dir) / "cluster_runs.jsonl"
    redo = "; to redo the clustering, delete manifest.json and rerun `alphasolve solve` (what is on disk is reused)"
    if not data["clusters"]:
        return {}
    if not path.exists():
        raise AlphasolveError("missing: clusters.json lists clusters but their runs are gone" + redo, file=str(path))
    runs = {r["program_id"]: r["signature"] for r in read_jsonl(path, repair=False)}
    missing = [p for c in data["clusters"] for p in c["programs"] if p not in runs]
    if missing:
        raise AlphasolveError(f"truncated: no run of {len(missing)} clustered programs (first: {missing[0]})" + redo,
                              file=str(path))
    classes_file = Path(run_dir) / "output_classes.json"
    merged = read_json(classes_file).get("merged", {}) if classes_file.exists() else {}
    valid = data["valid_inputs"]
    out = {}
    for c in data["clusters"]:
        signature = runs[c["programs"][0]]
        if len(signature) != data["inputs"]:
            raise AlphasolveError(f"program {c['programs'][0]} has {len(signature)} outputs, not one per input "
                                  f"({data['inputs']})" + redo, file=str(path))
        row = [merged.get(str(k), {}).get(signature[k], signature[k]) for k in valid]
        if signature_hash(row) != c["signature_hash"]:
            raise AlphasolveError(f"program {c['programs'][0]}'s outputs do not give cluster {c['cluster_id']}'s "
                                  "signature in clusters.json" + redo, file=str(path))
        out[c["cluster_id"]] = row
    return out


def cluster_agreement(signatures: dict[int, list[str]], clusters: list[Cluster], distance: int) -> dict[int, Any]:
    """`agreement.agreement` of each cluster, by cluster id."""
    from alphasolve.agreement import agreement

    ids = [c.cluster_id for c in clusters]
    return dict(zip(ids, agreement([signatures[i] for i in ids], [c.size for c in clusters], distance)))


def run_rank(ctx: "StageContext") -> dict[str, int]:
    samples = load_samples(ctx)
    data = load_clusters(ctx)
    cfg = ctx.config.rank
    clusters = [Cluster.from_dict(c) for c in data["clusters"]]
    signatures = cluster_signatures(ctx.run.path, data)
    failures = {i: sum(not s.startswith("out:") for s in row) / max(1, len(row)) for i, row in signatures.items()}
    agreements = cluster_agreement(signatures, clusters, cfg.support_distance)
    weights = RankWeights(cfg.size_weight, cfg.logprob_weight, cfg.scorer_weight, cfg.failures_weight,
                          cfg.mbr_weight, cfg.plurality_weight, cfg.support_weight)
    scorer, scored = None, 0
    if cfg.scorer_weight and clusters:
        scorer, scored = _scorer_scores(ctx, clusters, samples, data["clustered_samples"], weights, failures,
                                        agreements)
    subs = rank_clusters(clusters, samples, data["clustered_samples"], cfg.submissions, weights, failures,
                         scorer=scorer, fill=cfg.fill, agreements=agreements)
    fallback = False
    if not subs and cfg.fallback:
        subs, fallback = fallback_candidates(samples, load_filter(ctx), cfg.submissions), True
        ctx.reporter.note("rank", "no candidate passed the public tests: submitting the programs that passed "
                                  "the most of them (rank.fallback)")
    files = {}
    for sub in subs:
        sub_file = f"{sub.rank:02d}-sample{sub.sample_id}{EXTENSIONS.get(sub.language, '.txt')}"
        files[sub_file] = samples[sub.sample_id].code or ""
    write_json_atomic(ctx.run.file("ranking.json"), {
        "schema": SCHEMA_VERSION, "problem_id": ctx.problem.problem_id, "fallback": fallback,
        "weights": asdict(weights),
        "submissions": [{**s.to_dict(), "file": f"submissions/{name}"} for s, name in zip(subs, files)],
    })
    replace_dir_atomic(ctx.run.file("submissions"), files)
    counts = {"submissions": len(subs), "fills": sum(s.fill for s in subs)}
    return counts | ({"scores": len(scorer), "scored": scored} if scorer is not None else {})


def _scorer_scores(ctx: "StageContext", clusters: list[Cluster], samples: dict[int, Sample], survivors: int,
                   weights: RankWeights, failures: dict[int, float],
                   agreements: dict[int, Any]) -> tuple[dict[str, float], int]:
    """The scoring model's P(yes) for the best member of each of the `rank.scorer_top` best clusters
    (by the other scores), by program id: read from scores.jsonl, or asked of the model (in chunks
    of sample.chunk_size, appended there). Returns (scores, how many were asked now)."""
    from alphasolve import score
    from alphasolve.sample import make_sampler

    cfg, path = ctx.config.rank, ctx.run.file("scores.jsonl")
    key = score.scorer_key(ctx.config)
    known = {r["program_id"]: r["p_yes"] for r in read_jsonl(path) if r.get("scorer") == key}
    order = rank_clusters(clusters, samples, survivors, len(clusters), weights, failures, fill=False,
                          agreements=agreements)
    wanted = [samples[s.sample_id] for s in order[:max(0, cfg.scorer_top)]]
    todo = [s for s in wanted if s.program_id not in known]
    if todo:
        ctx.reporter.note("rank", f"asking the scoring model about {len(todo)} cluster representatives"
                          + (f" ({len(wanted) - len(todo)} scored before)" if len(todo) < len(wanted) else ""))
        template = score.load_score_template(cfg.scorer_prompt)
        backend = make_sampler(replace(ctx.config.sample, model=score.scorer_model(ctx.config)))
        chunk = max(1, ctx.config.sample.chunk_size)
        try:
            with JsonlAppender(path) as out, ctx.reporter.progress("rank", len(todo)) as advance:
                for start in range(0, len(todo), chunk):
                    for record in score.score_samples(backend, template, ctx.problem, todo[start:start + chunk]):
                        out.write({"schema": SCHEMA_VERSION, "problem_id": ctx.problem.problem_id, **record,
                                   "scorer": key})
                        known[record["program_id"]] = record["p_yes"]
                        ctx.meter.tokens += 1
                        advance(1)
        finally:
            backend.close()
    return {s.program_id: known[s.program_id] for s in wanted}, len(todo)


def load_ranking(path: Any) -> list[Submission]:
    return [Submission.from_dict(s) for s in read_json(path)["submissions"]]

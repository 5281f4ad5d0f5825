"""The rank stage: score the clusters (`alphasolve.rank`; agreement from the clustering runs, the
scoring model's answers cached in scores.jsonl), write ranking.json and one file per submission."""

from __future__ import annotations

from dataclasses import asdict, replace
from typing import TYPE_CHECKING, Any

from alphasolve.artifacts import JsonlAppender, read_jsonl, replace_dir_atomic, write_json_atomic
from alphasolve.cluster import Cluster
from alphasolve.languages import EXTENSIONS
from alphasolve.rank import RankWeights, fallback_candidates, rank_clusters
from alphasolve.records import SCHEMA_VERSION, Sample
from alphasolve.rundir import RANKING, SCORES, SUBMISSIONS
from alphasolve.stage import Stage
from alphasolve.stages.cluster import cluster_agreement, cluster_signatures, load_clusters
from alphasolve.stages.filter import load_filter
from alphasolve.stages.sample import load_samples

if TYPE_CHECKING:
    from alphasolve.config import Config
    from alphasolve.problem import Problem
    from alphasolve.stage import StageContext


def settings(problem: "Problem", config: "Config") -> dict[str, Any]:
    """The [rank] settings; with a scoring model, its prompt."""
    return {**{f"rank.{k}": v for k, v in config.cache_view("rank").items()}, **_scorer_setting(config)}


def _scorer_setting(config: "Config") -> dict[str, str]:
    """With a scoring model: its prompt template's hash (its model and engine are in the sample key).
    Scoring with the replay backend is an error, raised here, before anything runs."""
    if not config.rank.scorer_weight:
        return {}
    from alphasolve.score import scorer_settings

    return {"rank.scorer_prompt_sha": scorer_settings(config)["prompt_sha"]}


def run(ctx: "StageContext") -> dict[str, int]:
    samples = load_samples(ctx.run)
    data = load_clusters(ctx.run)
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
        subs, fallback = fallback_candidates(samples, load_filter(ctx.run), cfg.submissions), True
        ctx.reporter.note("rank", "no candidate passed the public tests: submitting the programs that passed "
                                  "the most of them (rank.fallback)")
    files = {}
    for sub in subs:
        sub_file = f"{sub.rank:02d}-sample{sub.sample_id}{EXTENSIONS.get(sub.language, '.txt')}"
        files[sub_file] = samples[sub.sample_id].code or ""
    write_json_atomic(ctx.run.file(RANKING), {
        "schema": SCHEMA_VERSION, "problem_id": ctx.problem.problem_id, "fallback": fallback,
        "weights": asdict(weights),
        "submissions": [{**s.to_dict(), "file": f"{SUBMISSIONS}/{name}"} for s, name in zip(subs, files)],
    })
    replace_dir_atomic(ctx.run.file(SUBMISSIONS), files)
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

    cfg, path = ctx.config.rank, ctx.run.file(SCORES)
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


STAGE = Stage("rank", upstream=("cluster",), artifacts=(RANKING, SUBMISSIONS), settings=settings, run=run,
              uses_model=True)  # the scoring model

"""Read-only views of a run directory for `show` and `clusters` (safe on a run in progress)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alphasolve import stages as registry
from alphasolve.artifacts import read_json
from alphasolve.cluster import Cluster
from alphasolve.cost import total_cost
from alphasolve.records import Sample
from alphasolve.rundir import CLUSTERS, CONFIG, RANKING, RunDir
from alphasolve.stages.cluster import cluster_agreement, cluster_signatures, load_cluster_runs, load_clusters
from alphasolve.stages.inputs import load_inputs
from alphasolve.stages.sample import load_samples


def run_status(path: Path) -> dict[str, Any]:
    """Each stage's status and counts (the registry's stages, in order); for unfinished stages,
    counts read off the artifacts. The total cost is the pipeline's (eval's is its own row)."""
    run = RunDir(path).require()
    manifest = run.load_manifest()
    stages: dict[str, Any] = {}
    for stage in registry.STAGES:
        entry = manifest.stages.get(stage.name)
        if entry is None:
            stages[stage.name] = {"status": "not started"}
            continue
        status, counts = entry.status, dict(entry.counts or {})
        if status != "done":
            status = "interrupted"  # or still running: either way, what is on disk so far
            counts = stage.partial_counts(run) if stage.partial_counts is not None else {}
        stages[stage.name] = {"status": status, "counts": counts, "key": entry.key}
        if entry.cost:
            stages[stage.name]["cost"] = entry.cost
    return {"problem_id": manifest.problem_id, "run_dir": str(path), "stages": stages,
            "cost": total_cost(manifest.costs(s.name for s in registry.pipeline()))}


def _support_distance(run: RunDir) -> int:
    """The run's `rank.support_distance` (its config.toml; the default for a run without one, or
    with one this version no longer reads)."""
    from alphasolve.config import load_config
    from alphasolve.errors import AlphasolveError

    config_file = run.file(CONFIG)
    try:
        return load_config(config_file).rank.support_distance
    except (AlphasolveError, OSError):
        return load_config().rank.support_distance


def _ranks(run: RunDir) -> dict[int, int]:
    """Cluster id -> the rank of its first submission in ranking.json (when the run has one)."""
    ranking = run.file(RANKING)
    if not ranking.exists():
        return {}
    ranks: dict[int, int] = {}
    for sub in read_json(ranking)["submissions"]:
        if sub.get("cluster_id", -1) >= 0:
            ranks.setdefault(sub["cluster_id"], sub["rank"])
    return ranks


def cluster_view(path: Path) -> dict[str, Any]:
    """Clusters with shares, agreement signals (`alphasolve.agreement`, from the clustering runs),
    their submission rank, languages and a preview of each representative."""
    run = RunDir(path).require()
    manifest = run.load_manifest()
    if not run.file(CLUSTERS).exists():
        return {"problem_id": manifest.problem_id, "survivors": 0, "inputs": 0, "valid_inputs": 0, "clusters": []}
    data = load_clusters(run)
    distance = _support_distance(run)
    agreements = cluster_agreement(cluster_signatures(run.path, data),
                                   [Cluster.from_dict(c) for c in data["clusters"]], distance)
    ranks = _ranks(run)
    by_program: dict[str | None, Sample] = {}
    for sample in load_samples(run, repair=False).values():
        by_program.setdefault(sample.program_id, sample)
    total = data["clustered_samples"] or 1
    out = []
    for c in data["clusters"]:
        rep = by_program.get(c["programs"][0])
        code = ((rep.code if rep else None) or "").strip().splitlines()
        languages = sorted({by_program[p].language for p in c["programs"] if p in by_program})
        out.append({**c, "share": c["size"] / total, **agreements[c["cluster_id"]].to_dict(),
                    "rank": ranks.get(c["cluster_id"]), "languages": languages,
                    "representative_sample_id": rep.sample_id if rep else None,
                    "preview": "\n".join(line.rstrip() for line in code[:3])})
    return {"problem_id": data["problem_id"], "survivors": data["survivors"], "inputs": data["inputs"],
            "valid_inputs": len(data["valid_inputs"]), "support_distance": distance, "clusters": out}


def _load_cluster(run: RunDir, view: dict[str, Any], cluster_id: int) -> dict[str, Any]:
    from alphasolve.errors import AlphasolveError

    for c in view["clusters"]:
        if c["cluster_id"] == cluster_id:
            return c
    n = len(view["clusters"])
    have = f"clusters 0 to {n - 1}" if n else "no clusters yet"
    raise AlphasolveError(f"no cluster {cluster_id} (this run has {have})", file=str(run.path))


def cluster_detail(path: Path, cluster_id: int) -> dict[str, Any]:
    """One cluster: its representative's code and its members (programs with their samples)."""
    run = RunDir(path).require()
    view = cluster_view(path)
    cluster = _load_cluster(run, view, cluster_id)
    samples = load_samples(run, repair=False)
    rep = samples[cluster["representative_sample_id"]]
    programs = []
    for pid in cluster["programs"]:
        ids = [s for s in cluster["members"] if samples[s].program_id == pid]
        first = samples[ids[0]]
        programs.append({"program_id": pid, "samples": ids, "language": first.language,
                         "label": first.label, "mean_logprob": first.mean_logprob})
    return {"problem_id": view["problem_id"], "cluster_id": cluster_id, "size": cluster["size"],
            "share": cluster["share"], "language": rep.language, "code": rep.code or "",
            "representative_sample_id": rep.sample_id, "programs": programs}


def cluster_diff(path: Path, a: int, b: int) -> dict[str, Any]:
    """The inputs on which clusters A and B disagree (with a checker: give outputs it does not
    accept as equal), most informative witness first, and on each which side the plurality of
    the clustered samples took ("a", "b", "tie", or "neither": another output was commoner)."""
    from alphasolve.agreement import output_counts, plurality_side

    run = RunDir(path).require()
    view = cluster_view(path)
    ca, cb = _load_cluster(run, view, a), _load_cluster(run, view, b)
    data = load_clusters(run)
    rows = cluster_signatures(run.path, data)
    ids = [c["cluster_id"] for c in data["clusters"]]
    counts = output_counts([rows[i] for i in ids], [c["size"] for c in data["clusters"]])
    total = data["clustered_samples"] or 1
    runs = load_cluster_runs(run)
    inputs = load_inputs(run)
    ra, rb = runs[ca["programs"][0]], runs[cb["programs"][0]]
    valid = data["valid_inputs"]
    witnesses = []
    sides = {"a": 0, "b": 0, "tie": 0, "neither": 0}
    for j, k in enumerate(valid):
        sa, sb = rows[a][j], rows[b][j]
        if sa == sb:
            continue
        side = plurality_side(counts[j], sa, sb)
        sides[side] += 1
        both_ran = sa.startswith("out:") and sb.startswith("out:")
        witnesses.append({"input_id": k, "origin": inputs[k]["origin"], "input": inputs[k]["input"],
                          "a": ra.previews[k] or f"<{ra.signature[k]}>",
                          "b": rb.previews[k] or f"<{rb.signature[k]}>",
                          "plurality": side, "a_share": round(counts[j].get(sa, 0) / total, 6),
                          "b_share": round(counts[j].get(sb, 0) / total, 6),
                          "plurality_share": round(max(counts[j].values(), default=0) / total, 6),
                          "_order": (not both_ran, len(inputs[k]["input"]), k)})
    witnesses.sort(key=lambda w: w.pop("_order"))
    return {"problem_id": view["problem_id"], "a": a, "b": b, "inputs_compared": len(valid),
            "plurality_sides": sides, "disagreements": witnesses}

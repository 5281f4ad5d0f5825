"""Read-only views of a run directory for `show` and `clusters` (safe on a run in progress)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alphasolve.artifacts import read_json, read_jsonl
from alphasolve.rundir import STAGES, RunDir


def run_status(path: Path) -> dict[str, Any]:
    """Each stage's status and counts; for unfinished stages, counts read off the artifacts."""
    run = RunDir(path).require()
    manifest = run.load_manifest()
    stages: dict[str, Any] = {}
    for stage in STAGES:
        entry = manifest["stages"].get(stage)
        if entry is None:
            stages[stage] = {"status": "not started"}
            continue
        status = entry.get("status", "running")
        counts = dict(entry.get("counts") or {})
        if status != "done":
            status = "interrupted"  # or still running: either way, what is on disk so far
            counts = _partial_counts(run, stage)
        stages[stage] = {"status": status, "counts": counts, "key": entry.get("key")}
        if entry.get("cost"):
            stages[stage]["cost"] = entry["cost"]
    from alphasolve.cost import total_cost

    return {"problem_id": manifest.get("problem_id"), "run_dir": str(path), "stages": stages,
            "cost": total_cost(stages)}


def _partial_counts(run: RunDir, stage: str) -> dict[str, int]:
    if stage == "sample":
        return {"samples_on_disk": len(read_jsonl(run.file("samples.jsonl"), repair=False))}
    if stage == "filter":
        records = read_jsonl(run.file("filter.jsonl"), repair=False)
        return {"judged": len(records), "passed": sum(1 for r in records if r.get("passed"))}
    if stage == "cluster":
        return {"programs_run": len(read_jsonl(run.file("cluster_runs.jsonl"), repair=False))}
    return {}


def _support_distance(run: RunDir) -> int:
    """The run's `rank.support_distance` (its config.toml; the default for a run without one, or
    with one this version no longer reads)."""
    from alphasolve.config import load_config
    from alphasolve.errors import AlphasolveError

    config_file = run.file("config.toml")
    try:
        return load_config(config_file).rank.support_distance
    except (AlphasolveError, OSError):
        return load_config().rank.support_distance


def _ranks(run: RunDir) -> dict[int, int]:
    """Cluster id -> the rank of its first submission in ranking.json (when the run has one)."""
    ranking = run.file("ranking.json")
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
    from alphasolve.cluster import Cluster
    from alphasolve.stages import cluster_agreement, cluster_signatures

    run = RunDir(path).require()
    manifest = run.load_manifest()
    clusters_file = run.file("clusters.json")
    if not clusters_file.exists():
        return {"problem_id": manifest.get("problem_id"), "survivors": 0, "inputs": 0, "valid_inputs": 0,
                "clusters": []}
    data = read_json(clusters_file)
    distance = _support_distance(run)
    agreements = cluster_agreement(cluster_signatures(run.path, data),
                                   [Cluster.from_dict(c) for c in data["clusters"]], distance)
    ranks = _ranks(run)
    samples = {r["sample_id"]: r for r in read_jsonl(run.file("samples.jsonl"), repair=False)}
    by_program = {}
    for record in samples.values():
        by_program.setdefault(record.get("program_id"), record)
    total = data["clustered_samples"] or 1
    out = []
    for c in data["clusters"]:
        rep = by_program.get(c["programs"][0], {})
        code = (rep.get("code") or "").strip().splitlines()
        languages = sorted({by_program[p]["language"] for p in c["programs"] if p in by_program})
        out.append({**c, "share": c["size"] / total, **agreements[c["cluster_id"]].to_dict(),
                    "rank": ranks.get(c["cluster_id"]), "languages": languages,
                    "representative_sample_id": rep.get("sample_id"),
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
    samples = {r["sample_id"]: r for r in read_jsonl(run.file("samples.jsonl"), repair=False)}
    rep = samples[cluster["representative_sample_id"]]
    programs = []
    for pid in cluster["programs"]:
        ids = [s for s in cluster["members"] if samples[s].get("program_id") == pid]
        first = samples[ids[0]]
        programs.append({"program_id": pid, "samples": ids, "language": first.get("language"),
                         "label": first.get("label"), "mean_logprob": first.get("mean_logprob")})
    return {"problem_id": view["problem_id"], "cluster_id": cluster_id, "size": cluster["size"],
            "share": cluster["share"], "language": rep.get("language"), "code": rep.get("code") or "",
            "representative_sample_id": rep["sample_id"], "programs": programs}


def cluster_diff(path: Path, a: int, b: int) -> dict[str, Any]:
    """The inputs on which clusters A and B disagree (with a checker: give outputs it does not
    accept as equal), most informative witness first, and on each which side the plurality of
    the clustered samples took ("a", "b", "tie", or "neither": another output was commoner)."""
    from alphasolve.agreement import output_counts, plurality_side
    from alphasolve.stages import cluster_signatures

    run = RunDir(path).require()
    view = cluster_view(path)
    ca, cb = _load_cluster(run, view, a), _load_cluster(run, view, b)
    data = read_json(run.file("clusters.json"))
    rows = cluster_signatures(run.path, data)
    ids = [c["cluster_id"] for c in data["clusters"]]
    counts = output_counts([rows[i] for i in ids], [c["size"] for c in data["clusters"]])
    total = data["clustered_samples"] or 1
    runs = {r["program_id"]: r for r in read_jsonl(run.file("cluster_runs.jsonl"), repair=False)}
    inputs = read_jsonl(run.file("inputs.jsonl"), repair=False)
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
                          "a": ra["previews"][k] or f"<{ra['signature'][k]}>",
                          "b": rb["previews"][k] or f"<{rb['signature'][k]}>",
                          "plurality": side, "a_share": round(counts[j].get(sa, 0) / total, 6),
                          "b_share": round(counts[j].get(sb, 0) / total, 6),
                          "plurality_share": round(max(counts[j].values(), default=0) / total, 6),
                          "_order": (not both_ran, len(inputs[k]["input"]), k)})
    witnesses.sort(key=lambda w: w.pop("_order"))
    return {"problem_id": view["problem_id"], "a": a, "b": b, "inputs_compared": len(valid),
            "plurality_sides": sides, "disagreements": witnesses}

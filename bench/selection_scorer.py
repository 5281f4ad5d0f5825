"""Selection with a scoring model, on the runs bench/selection.py left: can a model's P(yes) pick
the accepted program where execution cannot?

On the replayed dev pools a third of the runs end with two clusters, one accepted and one buggy
(bench/selection.py prints the symmetric pairs); every execution-agreement signal (size, mbr,
plurality, support) then follows the sample split, so a ranking by execution is a coin there.
What can tell the two apart is a signal that does not come from execution: AlphaCode 2's scoring
model. This bench asks the scoring model of `--config` (default: configs/default.toml, the
shipped SmolLM2-135M-Instruct on vLLM's CPU build; `--config qwen2.5-coder-7b` on a GPU) about
the representative (best member) of every cluster, exactly as the rank stage does
(`alphasolve.score`, `configs/prompts/score.txt`), and prints, in one run:

  - on the two-cluster runs (one accepted, one buggy): how often the scorer's P(yes) is higher for
    the accepted one (chance: 50%), and how often cluster size is;
  - solved@1 / solved@10 over all runs: the default ranking, size alone, and size + scorer and
    default + scorer at each weight of SCORER_GRID.

Scores are cached per program in `--runs/scores-<scorer key>.jsonl` (resumable; the input seeds
share their samples, so each program is asked once).

    python bench/selection.py --problems 120 --input-seeds 0,1,2 --runs DIR   # first
    python bench/selection_scorer.py --runs DIR [--config NAME] [--input-seeds 0,1,2]
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import replace
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from alphasolve import score  # noqa: E402
from alphasolve.artifacts import JsonlAppender, read_jsonl  # noqa: E402
from alphasolve.cli.options import resolve_config_path  # noqa: E402
from alphasolve.config import load_config  # noqa: E402
from alphasolve.problem import load_problem  # noqa: E402
from alphasolve.rank import RankWeights, member_order, rank_clusters  # noqa: E402
from alphasolve.sample import make_sampler  # noqa: E402
from alphasolve.stages import cluster_agreement  # noqa: E402
from selection import Case, _first_correct, _larger_correct, _load, _two_clusters  # noqa: E402

SCORER_GRID = (0.5, 1.0, 2.0, 5.0, 10.0, 20.0, 50.0)
CHUNK = 32


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=Path, required=True, help="the --runs directory of bench/selection.py")
    parser.add_argument("--config", default=None, help="the scoring model's config (default: configs/default.toml)")
    parser.add_argument("--input-seeds", default="0,1,2")
    args = parser.parse_args()
    config = load_config(resolve_config_path(args.config))
    if config.sample.backend == "replay":
        raise SystemExit("--config: the scoring model needs a model backend (vllm or openai), not replay")
    cases: list[tuple[Case, Path]] = []
    for seed in args.input_seeds.split(","):
        seed_dir = args.runs / f"inputs-seed-{seed}"
        if not seed_dir.is_dir():
            raise SystemExit(f"{seed_dir}: no such runs (run bench/selection.py with --runs {args.runs} first)")
        for run_dir in sorted(p for p in seed_dir.iterdir() if (p / "eval.json").exists()):
            case = _load(run_dir, f"seed {seed} {run_dir.name}")
            if case.clusters:
                distance = config.rank.support_distance
                case.agreements = {distance: cluster_agreement(case.signatures, case.clusters, distance)}
                cases.append((case, run_dir))
    started = time.time()
    scores = _scores(cases, config, args.runs)
    print(f"{len(cases)} runs, {len(scores)} programs scored by {score.scorer_model(config) or 'the shipped model'} "
          f"({config.sample.backend}), {time.time() - started:.0f} s")
    _report([c for c, _ in cases], scores, config)


def _scores(cases: list[tuple[Case, Path]], config, runs: Path) -> dict[tuple[str, str], float]:
    """P(yes) of every cluster representative, by (problem id, program id): cached, then asked."""
    cache = runs / f"scores-{score.scorer_key(config)[:12]}.jsonl"
    known = {(r["problem_id"], r["program_id"]): r["p_yes"] for r in read_jsonl(cache)}
    todo: dict[tuple[str, str], tuple[Path, object]] = {}
    for case, run_dir in cases:
        for cluster in case.clusters:
            sample = _representative(case, cluster)
            key = (sample.problem_id, sample.program_id)
            if key not in known and key not in todo:
                todo[key] = (run_dir, sample)
    if not todo:
        return known
    print(f"asking the scoring model about {len(todo)} programs ({len(known)} cached in {cache})", flush=True)
    backend = make_sampler(replace(config.sample, model=score.scorer_model(config)))
    template = score.load_score_template(config.rank.scorer_prompt)
    by_problem: dict[Path, list] = {}
    for run_dir, sample in todo.values():
        by_problem.setdefault(run_dir, []).append(sample)
    with JsonlAppender(cache) as out:
        for k, (run_dir, samples) in enumerate(by_problem.items(), 1):
            problem = load_problem(run_dir / "problem.json")
            for start in range(0, len(samples), CHUNK):
                for record in score.score_samples(backend, template, problem, samples[start:start + CHUNK]):
                    out.write({"problem_id": problem.problem_id} | record)
                    known[(problem.problem_id, record["program_id"])] = record["p_yes"]
            print(f"[{k}/{len(by_problem)}] {problem.problem_id}: {len(samples)} scored", flush=True)
    return known


def _report(cases: list[Case], scores: dict[tuple[str, str], float], config) -> None:
    def p_yes(case: Case, cluster) -> float:
        sample = _representative(case, cluster)
        return scores[(sample.problem_id, sample.program_id)]

    pairs = [c for c in cases if _two_clusters(c)]
    by_scorer = by_size = 0.0
    for case in pairs:
        good, bad = sorted(case.clusters, key=lambda k: not _first_correct(case, k))
        by_scorer += 1.0 if p_yes(case, good) > p_yes(case, bad) else 0.5 if p_yes(case, good) == p_yes(case, bad) else 0.0
        by_size += _larger_correct(case)
    print(f"\ntwo-cluster runs, one accepted and one buggy: {len(pairs)} of {len(cases)}; the accepted one has the "
          f"higher P(yes) in {by_scorer / max(1, len(pairs)):.1%} (chance 50%), the larger size in "
          f"{by_size / max(1, len(pairs)):.1%}")
    cfg = config.rank
    default = RankWeights(size=cfg.size_weight, failures=cfg.failures_weight, mbr=cfg.mbr_weight,
                          plurality=cfg.plurality_weight, support=cfg.support_weight)
    rows = [("default ranking", default), ("cluster size alone", RankWeights(size=1.0))]
    rows += [(f"size + scorer {w:g}", RankWeights(size=1.0, scorer=w)) for w in SCORER_GRID]
    rows += [(f"default + scorer {w:g}", replace(default, scorer=w)) for w in SCORER_GRID]
    print(f"{'strategy':28} {'solved@1':>9} {'solved@10':>10}")
    for name, weights in rows:
        at1 = at10 = 0
        for case in cases:
            scorer = {member_order(k, case.samples)[0]: p_yes(case, k) for k in case.clusters} if weights.scorer else None
            subs = rank_clusters(case.clusters, case.samples, case.clustered, cfg.submissions, weights, case.failures,
                                 scorer=scorer, fill=cfg.fill, agreements=case.agreements[cfg.support_distance])
            verdicts = [case.correct.get(s.program_id, False) for s in subs]
            at1 += bool(verdicts[:1] and verdicts[0])
            at10 += any(verdicts[:10])
        print(f"{name:28} {at1 / len(cases):9.1%} {at10 / len(cases):10.1%}")


def _representative(case: Case, cluster):
    """The sample of the cluster's best program (`member_order`): the one the rank stage scores."""
    best = member_order(cluster, case.samples)[0]
    return next(case.samples[i] for i in cluster.members if case.samples[i].program_id == best)


if __name__ == "__main__":
    main()

"""Selection benchmark: how well does alphasolve pick its submissions?

Runs the replay pipeline (no model) on development Codeflaws problems from
../shared/data/codeflaws (public tests = the first test, hidden tests = the rest; only
problems whose ref_check shows an exact 100% match; see `codeflaws_problems.py`), a fixed
number of replayed samples per problem, once per clustering-input seed, and judges every
surviving program on the hidden tests. Then, from those same runs and without executing
anything more (ranking reads only the clustering runs), it prints solved@1 and solved@10
(means over problems x input seeds) for every ranking strategy:

  - alphasolve's default ranking (the `[rank]` weights of configs/default.toml),
  - cluster size alone (AlphaCode),
  - each agreement signal alone (`alphasolve/agreement.py`: mbr, plurality, support),
  - size + each signal, at its best weight on the grid below,
  - all together: the best combination on the grid,
  - the combination chosen for the defaults: within TOLERANCE of the best solved@1, the fewest
    signals and smallest weights (a difference of a run or two is noise), with a held-out check
    (chosen on half of the problems, measured on the other half),
  - a random candidate among those that pass the public tests, and a random candidate at all
    (expected values, exact),
  - an oracle that orders the clusters knowing the hidden tests (solved@1 only: an upper bound
    for any cluster score, the members submitted being those of the ranking).

Every strategy submits up to 10 programs, one per cluster, then fills as configured (`rank.fill`).
Ties on the grid go to fewer signals, then smaller weights. A later input seed starts from a
copy of the first seed's run (same samples, verdicts and hidden-test judgements). `--no-solve`
ranks the runs already in `--runs` (e.g. to try other weights) without running the pipeline.

    python bench/selection.py [--problems 120] [--samples 200] [--input-seeds 0,1,2] [--runs DIR] [--no-solve]
"""

from __future__ import annotations

import itertools
import json
import shutil
import sys
import time
from dataclasses import dataclass, field, replace
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from alphasolve.artifacts import read_json, read_jsonl  # noqa: E402
from alphasolve.cluster import Cluster  # noqa: E402
from alphasolve.evaluate import pass_at_k  # noqa: E402
from alphasolve.rank import RankWeights, cluster_scores, member_order, rank_clusters  # noqa: E402
from alphasolve.stages import cluster_agreement, cluster_signatures, load_samples_file  # noqa: E402
from codeflaws_problems import setup  # noqa: E402

#: the weights tried (rank.size_weight is 1 where size is used)
GRID = {"mbr": (0.0, 1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0), "plurality": (0.0, 1.0, 2.0, 5.0, 10.0, 20.0),
        "support": (0.0, 0.5, 1.0, 2.0), "distance": (1, 2, 3)}
SIGNALS = ("mbr", "plurality", "support")
#: solved@1 differences below this are noise (2 of 360 runs; one set of inputs moves more than that)
TOLERANCE = 0.005


@dataclass
class Case:
    """One problem's run for one input seed: what ranking needs, and the hidden-test verdicts."""
    name: str
    clusters: list
    samples: dict
    clustered: int
    signatures: dict
    failures: dict
    correct: dict
    baselines: dict  # strategy -> (solved@1, solved@10), exact expectations
    agreements: dict | None = None  # distance -> {cluster id: Agreement}
    by_order: dict = field(default_factory=dict)  # cluster order -> hidden-test verdicts of its submissions


def main() -> None:
    args, problems, config, runs = setup(__doc__, default_problems=120, extra=_options)
    seeds = [int(x) for x in args.input_seeds.split(",")]
    if args.no_solve and args.runs is None:
        sys.exit("--no-solve ranks the runs in --runs DIR: name it")
    start = time.monotonic()
    if not args.no_solve:
        _solve_all(problems, config, runs, seeds, args.workers)
    solved_in = time.monotonic() - start
    cases = [_load(runs / f"inputs-seed-{seed}" / p.slug, f"seed {seed} {p.problem_id}")
             for seed in seeds for p in problems]
    for case in cases:
        case.agreements = {d: cluster_agreement(case.signatures, case.clusters, d) for d in GRID["distance"]}

    cfg = config.rank
    default = (RankWeights(cfg.size_weight, cfg.logprob_weight, cfg.scorer_weight, cfg.failures_weight,
                           cfg.mbr_weight, cfg.plurality_weight, cfg.support_weight), cfg.support_distance)
    fixed = {"default ranking": default, "cluster size alone": (RankWeights(), 1)}
    for signal in SIGNALS:
        fixed[f"{signal} alone"] = (RankWeights(size=0.0, **{signal: 1.0}), 1)
    results = {name: _score(cases, weights, d, cfg) for name, (weights, d) in fixed.items()}
    grid = _grid(cases, cfg)
    best = {}
    for signal in SIGNALS:  # size + one signal: its best weight
        only = [g for g in grid if all(getattr(g[0], s) == 0 for s in SIGNALS if s != signal)
                and getattr(g[0], signal) > 0]
        best[f"size + {signal}"] = only[0]
    best["all together, best on the grid"] = grid[0]
    best["chosen (configs/default.toml)"] = _choose(grid)
    for name, (weights, d, figures) in best.items():
        results[f"{name}: {_describe(weights, d)}"] = figures
    for name in ("random public-test survivor", "random candidate"):
        results[name] = tuple(sum(c.baselines[name][i] for c in cases) / len(cases) for i in (0, 1))
    # the best any order of the clusters could do with the members they submit (an upper bound)
    results["oracle cluster order (upper bound)"] = (_oracle(cases), float("nan"))

    print(f"\n{len(problems)} Codeflaws problems x input seeds {args.input_seeds} = {len(cases)} runs, "
          f"{args.samples} replayed samples each, seed {args.seed}; pipeline {solved_in:.0f} s, ranking "
          f"{time.monotonic() - start - solved_in:.0f} s; runs in {runs}")
    width = max(map(len, results))
    print(f"{'strategy':{width}} {'solved@1':>9} {'solved@10':>10}")
    for name, (at1, at10) in results.items():
        print(f"{name:{width}} {at1:9.1%} " + (f"{at10:10.1%}" if at10 == at10 else f"{'-':>10}"))
    pairs = [c for c in cases if _symmetric_pair(c)]
    rest = [c for c in cases if not _symmetric_pair(c)]
    print(f"\nsymmetric pairs (two clusters of one program each, one accepted, one buggy): {len(pairs)} of "
          f"{len(cases)} runs; every execution signal (size, mbr, plurality, support) is then a function of the "
          f"sample split alone, so any such ranking submits the more sampled one first: default solved@1 "
          + (f"{_score(pairs, *default, cfg)[0]:.1%} on them, " if pairs else "")
          + (f"{_score(rest, *default, cfg)[0]:.1%} on the other runs (oracle {_oracle(rest):.1%})" if rest else ""))
    two = [c for c in cases if _two_clusters(c)]
    others = [c for c in cases if not _two_clusters(c)]
    by_size = sum(_larger_correct(c) for c in two)
    print(f"two clusters, one correct (the symmetric pairs among them): {len(two)} of {len(cases)} runs; size, "
          f"mbr, plurality and support each order two clusters as their sizes do, so any ranking by them is right "
          f"on {by_size / max(1, len(two)):.1%} of these; bound for any ranking by execution agreement (these "
          f"runs by size, every other run as the oracle): {(by_size + _oracle(others) * len(others)) / len(cases):.1%}")
    print("per input seed (default ranking / cluster size alone, solved@1): " + ", ".join(
        f"{seed}: {_score(sub, *default, cfg)[0]:.1%} / {_score(sub, RankWeights(), 1, cfg)[0]:.1%}"
        for seed in seeds if (sub := [c for c in cases if c.name.startswith(f"seed {seed} ")])))
    names = sorted({c.name.split()[-1] for c in cases})
    halves = [set(names[0::2]), set(names[1::2])]
    held_out = []
    for train, test in (halves, halves[::-1]):
        weights, d, _ = _choose(_grid([c for c in cases if c.name.split()[-1] in train], cfg))
        rest = [c for c in cases if c.name.split()[-1] in test]
        held_out.append(f"{_describe(weights, d)}: {_score(rest, weights, d, cfg)[0]:.1%} "
                        f"(size alone {_score(rest, RankWeights(), 1, cfg)[0]:.1%})")
    print("held out (chosen on one half of the problems, solved@1 on the other): " + "; ".join(held_out))
    print("best 8 on the grid:")
    for weights, d, (at1, at10) in grid[:8]:
        print(f"  {_describe(weights, d):60} {at1:9.1%} {at10:10.1%}")
    print(json.dumps({"problems": len(problems), "samples": args.samples, "input_seeds": args.input_seeds,
                      "solved": {k: {"at1": v[0], "at10": v[1] if v[1] == v[1] else None}
                                 for k, v in results.items()}}))


def _options(parser) -> None:
    parser.add_argument("--input-seeds", default="0,1,2", metavar="0,1,2",
                        help="generate the clustering inputs with each of these seeds (figures are means over them)")
    parser.add_argument("--no-solve", action="store_true",
                        help="rank the runs already in --runs without running the pipeline")


def _solve_all(problems, config, runs: Path, seeds: list[int], workers) -> None:
    """Solve and judge every problem for each input seed. A later seed starts from a copy of the
    first seed's run: its samples, public-test verdicts and hidden-test judgements are the same;
    only the inputs, clusters and ranking are redone."""
    from alphasolve.run import solve
    from alphasolve.run_eval import evaluate_run

    for seed in seeds:
        config = replace(config, inputs=replace(config.inputs, seed=seed))
        for k, problem in enumerate(problems, 1):
            run_dir = runs / f"inputs-seed-{seed}" / problem.slug
            first = runs / f"inputs-seed-{seeds[0]}" / problem.slug
            if seed != seeds[0] and not run_dir.exists() and first.exists():
                shutil.copytree(first, run_dir)
            solve(problem, config, run_dir)
            report = evaluate_run(run_dir, workers)
            print(f"input seed {seed} [{k}/{len(problems)}] {problem.problem_id}: samples {report.samples}, "
                  f"survivors {report.survivors}, correct {report.correct_samples}, clusters {report.clusters}",
                  flush=True)


def _load(run_dir: Path, name: str) -> Case:
    report = read_json(run_dir / "eval.json")
    data = read_json(run_dir / "clusters.json")
    clusters = [Cluster.from_dict(c) for c in data["clusters"]]
    signatures = cluster_signatures(run_dir, data)
    failures = {i: sum(not s.startswith("out:") for s in row) / max(1, len(row)) for i, row in signatures.items()}
    n, s, c = report["samples"], report["survivors"], report["correct_samples"]
    baselines = {"random public-test survivor": (pass_at_k(s, c, 1) if s else 0.0, pass_at_k(s, c, 10) if s else 0.0),
                 "random candidate": (pass_at_k(n, c, 1), pass_at_k(n, c, 10))}
    correct = {r["program_id"]: r["passed"] for r in read_jsonl(run_dir / "eval_runs.jsonl", repair=False)}
    return Case(name, clusters, load_samples_file(run_dir / "samples.jsonl", repair=False),
                data["clustered_samples"], signatures, failures, correct, baselines)


def _oracle(cases: list[Case]) -> float:
    """solved@1 of the best cluster order knowing the hidden tests (with the members ranking submits)."""
    return sum(any(c.correct.get(member_order(k, c.samples)[0], False) for k in c.clusters)
               for c in cases) / len(cases)


def _symmetric_pair(case: Case) -> bool:
    """Two clusters, one program each, exactly one of them accepted: the replay pool's coin flip
    (Codeflaws pairs a buggy submission with its fix, and replay draws them equally often)."""
    return _two_clusters(case) and all(len(k.programs) == 1 for k in case.clusters)


def _two_clusters(case: Case) -> bool:
    """Two clusters, exactly one of them submitting an accepted program."""
    return len(case.clusters) == 2 and sum(_first_correct(case, k) for k in case.clusters) == 1


def _first_correct(case: Case, cluster) -> bool:
    return bool(case.correct.get(member_order(cluster, case.samples)[0], False))


def _larger_correct(case: Case) -> float:
    """1 when the larger of two clusters submits an accepted program, 0.5 on a tie of sizes."""
    a, b = case.clusters
    if a.size == b.size:
        return 0.5
    return float(_first_correct(case, max(a, b, key=lambda k: k.size)))


def _score(cases: list[Case], weights: RankWeights, distance: int, cfg) -> tuple[float, float]:
    """(solved@1, solved@10) of one ranking, mean over the cases. The submissions depend only on
    the order of the clusters, so each case ranks once per distinct order (`Case.by_order`)."""
    at1 = at10 = 0
    for case in cases:
        agreements = case.agreements[distance]
        totals = {c.cluster_id: cluster_scores(c, case.samples, case.clustered, weights,
                                               case.failures.get(c.cluster_id, 0.0),
                                               agreement=agreements.get(c.cluster_id))["total"]
                  for c in case.clusters}
        order = tuple(c.cluster_id for c in sorted(case.clusters, key=lambda c: (-totals[c.cluster_id], -c.size,
                                                                                 c.members[0])))
        if order not in case.by_order:
            subs = rank_clusters(case.clusters, case.samples, case.clustered, cfg.submissions, weights,
                                 case.failures, fill=cfg.fill, agreements=agreements)
            assert tuple(s.cluster_id for s in subs if not s.fill) == order[:cfg.submissions]
            case.by_order[order] = [case.correct.get(sub.program_id, False) for sub in subs]
        ok = case.by_order[order]
        at1 += bool(ok[:1] and ok[0])
        at10 += any(ok[:10])
    return at1 / len(cases), at10 / len(cases)


def _grid(cases: list[Case], cfg) -> list[tuple[RankWeights, int, tuple[float, float]]]:
    """Every combination on GRID with size, best first (solved@1, solved@10, then fewer signals, then
    smaller weights)."""
    out = []
    for mbr, plurality, support, distance in itertools.product(*GRID.values()):
        if not support and distance != GRID["distance"][0]:
            continue  # the distance only matters to support
        weights = RankWeights(size=1.0, failures=cfg.failures_weight, mbr=mbr, plurality=plurality, support=support)
        out.append((weights, distance, _score(cases, weights, distance, cfg)))
    out.sort(key=lambda t: (-t[2][0], -t[2][1], sum(bool(getattr(t[0], s)) for s in SIGNALS),
                            t[0].mbr + t[0].plurality + t[0].support, t[1]))
    return out


def _choose(grid: list, tolerance: float = TOLERANCE) -> tuple:
    """The defaults: among the combinations within `tolerance` of the grid's best solved@1, the best
    solved@10, then the fewest signals, then the smallest weights."""
    close = [g for g in grid if g[2][0] >= grid[0][2][0] - tolerance]
    return min(close, key=lambda t: (-t[2][1], sum(bool(getattr(t[0], s)) for s in SIGNALS),
                                     t[0].mbr + t[0].plurality + t[0].support, -t[2][0], t[1]))


def _describe(weights: RankWeights, distance: int) -> str:
    parts = [f"size {weights.size:g}"] + [f"{s} {getattr(weights, s):g}" for s in SIGNALS if getattr(weights, s)]
    return ", ".join(parts) + (f" (distance {distance})" if weights.support else "")


if __name__ == "__main__":
    main()

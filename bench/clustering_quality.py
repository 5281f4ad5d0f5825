"""Clustering benchmark: how often is the largest cluster a correct one?

Runs the replay pipeline (no model) on development Codeflaws problems (see
`codeflaws_problems.py`), judges every surviving program on the hidden tests, and compares,
in the same run, clusters made on the generated inputs (the public input + mutants: what
`alphasolve solve` does) with clusters made on the public inputs only (the same programs' runs,
restricted to the public inputs). Printed per setting, over the problems with a survivor:

  - largest cluster correct: the largest cluster's most sampled program (what cluster size
    submits first) passes every hidden test;
  - largest cluster pure: every program in it passes;
  - correct share of the largest cluster: the chance that a random member of it passes
    (with public inputs only this is the random public-test survivor);
  - separated: the accepted programs are in one cluster and no buggy survivor is in it
    (problems where some accepted and some buggy program survive). Accepted: accepted on
    Codeforces and passing every test here; buggy: a Codeflaws bug that fails one of the tests
    here. Programs whose label the tests contradict are left out: a "buggy" program that passes
    every test (its failing test was among those Codeflaws dropped as truncated, or it differs
    only in spacing) cannot be told from a correct one by anything we have, and an "accepted"
    one that fails here (a crash, another valid answer) is not known to be correct.

    python bench/clustering_quality.py [--problems 60] [--samples 200] [--input-seeds 0,1,2] [--runs DIR]
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from alphasolve.artifacts import read_json, read_jsonl  # noqa: E402
from alphasolve.cluster import Cluster, ProgramRun, cluster_programs  # noqa: E402
from alphasolve.run import solve  # noqa: E402
from alphasolve.run_eval import evaluate_run  # noqa: E402
from alphasolve.stages import load_filter_file, load_samples_file  # noqa: E402
from codeflaws_problems import setup  # noqa: E402

SETTINGS = ("generated inputs", "public inputs only")


def figures(clusters: list[Cluster], correct: dict[str, bool], labels: dict[str, str]) -> dict[str, float | None]:
    top = clusters[0]
    passed = sum(top.program_sizes[p] for p in top.programs if correct.get(p))
    def accepted(p: str) -> bool:
        return labels.get(p) == "correct" and bool(correct.get(p))

    def buggy(p: str) -> bool:
        return labels.get(p) == "incorrect" and not correct.get(p)

    with_accepted = [c for c in clusters if any(accepted(p) for p in c.programs)]
    separated = None
    if with_accepted and any(buggy(p) for c in clusters for p in c.programs):
        separated = float(len(with_accepted) == 1 and not any(buggy(p) for p in with_accepted[0].programs))
    return {"largest correct": float(bool(correct.get(top.programs[0]))),
            "largest pure": float(all(correct.get(p) for p in top.programs)),
            "correct share of largest": passed / top.size,
            "separated": separated}


def main() -> None:
    args, problems, config, runs = setup(__doc__, default_problems=60, extra=_options)
    seeds = [int(x) for x in args.input_seeds.split(",")]
    by_seed: dict[int, dict] = {}
    start = time.monotonic()
    for seed in seeds:
        config.inputs.seed = seed
        counted, by_seed[seed] = _run(problems, config, runs / f"inputs-seed-{seed}" if len(seeds) > 1 else runs,
                                      args.workers, f"inputs seed {seed}: " if len(seeds) > 1 else "")

    print(f"\n{counted} Codeflaws problems with survivors (of {len(problems)}), {args.samples} replayed samples "
          f"each, seed {args.seed}, input seeds {args.input_seeds}, {time.monotonic() - start:.0f} s; runs in {runs}")
    if len(seeds) > 1:
        print("separated, per input seed: " + ", ".join(
            f"{seed}: {sum(v) / len(v):.1%} of {len(v)}" for seed, totals in by_seed.items()
            if (v := totals[SETTINGS[0]].get("separated"))))
    pooled = {s: {} for s in SETTINGS}
    for totals in by_seed.values():
        for setting, figs in totals.items():
            for name, values in figs.items():
                pooled[setting].setdefault(name, []).extend(values)
    _report(pooled, counted, args)


def _options(parser) -> None:
    parser.add_argument("--input-seeds", default="0", metavar="0,1,2",
                        help="generate the clustering inputs with each of these seeds (figures are means over them: "
                             "one set of 50 inputs catches a bug or breaks a constraint by chance)")


def _run(problems, config, runs: Path, workers, prefix: str) -> tuple[int, dict]:
    """Solve and judge every problem; (problems with survivors, {setting: {figure: values}})."""
    totals: dict = {s: {} for s in SETTINGS}
    counted = 0
    for k, problem in enumerate(problems, 1):
        run_dir = runs / problem.slug
        solve(problem, config, run_dir)
        evaluate_run(run_dir, workers)
        data = read_json(run_dir / "clusters.json")
        if not data["clusters"]:
            print(f"{prefix}[{k}/{len(problems)}] {problem.problem_id}: no survivor", flush=True)
            continue
        counted += 1
        correct = {r["program_id"]: r["passed"] for r in read_jsonl(run_dir / "eval_runs.jsonl")}
        samples = load_samples_file(run_dir / "samples.jsonl")
        verdicts = load_filter_file(run_dir / "filter.jsonl")
        labels = {s.program_id: s.label for s in samples.values()}
        members: dict[str, list[int]] = {}
        for i, s in samples.items():
            if verdicts[i].passed:
                members.setdefault(s.program_id, []).append(i)
        program_runs = [ProgramRun.from_dict(r) for r in read_jsonl(run_dir / "cluster_runs.jsonl")]
        program_runs = [r for r in program_runs if r.program_id in members]
        clusterings = {
            "generated inputs": [Cluster.from_dict(c) for c in data["clusters"]],
            "public inputs only": cluster_programs(program_runs, members, range(len(problem.public_tests))),
        }
        line = []
        for setting, clusters in clusterings.items():
            for name, value in figures(clusters, correct, labels).items():
                if value is not None:
                    totals[setting].setdefault(name, []).append(value)
            line.append(f"{setting}: {len(clusters)} clusters, largest {clusters[0].size}")
        print(f"{prefix}[{k}/{len(problems)}] {problem.problem_id}: " + "; ".join(line), flush=True)
    return counted, totals


def _report(totals: dict, counted: int, args) -> None:
    """The figures pooled over problems and input seeds ("of N": problems x seeds)."""
    names = ("largest correct", "largest pure", "correct share of largest", "separated")
    print(f"{'setting':22}" + "".join(f"{n:>27}" for n in names))
    for setting in SETTINGS:
        cells = []
        for name in names:
            values = totals[setting].get(name, [])
            cells.append(f"{sum(values) / len(values):.1%} of {len(values)}" if values else "-")
        print(f"{setting:22}" + "".join(f"{c:>27}" for c in cells))
    print(json.dumps({"problems": counted, "samples": args.samples, "input_seeds": args.input_seeds, "figures": {
        s: {n: (sum(v) / len(v) if v else None, len(v)) for n, v in totals[s].items()} for s in SETTINGS}}))


if __name__ == "__main__":
    main()

"""Selection benchmark: how well does alphasolve pick its submissions?

Runs the replay pipeline (no model) on development Codeflaws problems from
../shared/data/codeflaws (public tests = the first test, hidden tests = the rest; only
problems whose ref_check shows an exact 100% match), a fixed number of replayed samples per
problem, and prints solved@1 and solved@10 for:

  - alphasolve's default ranking (as configured in configs/default.toml),
  - cluster size alone,
  - a random candidate among those that pass the public tests (expected value, exact),
  - a random candidate at all (expected value, exact).

    python bench/selection.py [--problems 100] [--samples 200] [--runs DIR]
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
from alphasolve.cluster import Cluster  # noqa: E402
from alphasolve.evaluate import pass_at_k  # noqa: E402
from alphasolve.rank import rank_clusters  # noqa: E402
from alphasolve.run import solve  # noqa: E402
from alphasolve.run_eval import evaluate_run  # noqa: E402
from alphasolve.stages import load_samples_file  # noqa: E402
from codeflaws_problems import setup  # noqa: E402


def main() -> None:
    args, problems, config, runs = setup(__doc__, default_problems=100)
    strategies = ("default ranking", "cluster size alone", "random public-test survivor", "random candidate")
    solved = {s: [0.0, 0.0] for s in strategies}
    start = time.monotonic()
    for k, problem in enumerate(problems, 1):
        run_dir = runs / problem.slug
        solve(problem, config, run_dir)
        report = evaluate_run(run_dir, args.workers)
        correct = {r["program_id"]: r["passed"] for r in read_jsonl(run_dir / "eval_runs.jsonl")}
        samples = load_samples_file(run_dir / "samples.jsonl")
        n, s, c = report.samples, report.survivors, report.correct_samples

        by_size = _correct_by_rank(run_dir, samples, correct)
        figures = {
            "default ranking": (report.solved_at["1"], report.solved_at["10"]),
            "cluster size alone": (by_size[:1] == [True], any(by_size[:10])),
            "random public-test survivor": (pass_at_k(s, c, 1) if s else 0.0, pass_at_k(s, c, 10) if s else 0.0),
            "random candidate": (pass_at_k(n, c, 1), pass_at_k(n, c, 10)),
        }
        for name, (at1, at10) in figures.items():
            solved[name][0] += float(at1)
            solved[name][1] += float(at10)
        print(f"[{k}/{len(problems)}] {problem.problem_id}: samples {n}, survivors {s}, correct {c}, "
              f"clusters {report.clusters}, first correct rank {report.first_correct_rank}", flush=True)

    total = len(problems)
    print(f"\n{total} Codeflaws problems, {args.samples} replayed samples each, seed {args.seed}, "
          f"{time.monotonic() - start:.0f} s; runs in {runs}")
    print(f"{'strategy':32} {'solved@1':>10} {'solved@10':>10}")
    for name in strategies:
        at1, at10 = solved[name]
        print(f"{name:32} {at1 / total:10.1%} {at10 / total:10.1%}")
    print(json.dumps({"problems": total, "samples": args.samples,
                      "solved": {k: {"at1": v[0] / total, "at10": v[1] / total} for k, v in solved.items()}}))


def _correct_by_rank(run_dir: Path, samples, correct: dict[str, bool]) -> list[bool]:
    """Cluster size alone (AlphaCode): one program per cluster, largest first, no fills."""
    data = read_json(run_dir / "clusters.json")
    clusters = [Cluster.from_dict(c) for c in data["clusters"]]
    subs = rank_clusters(clusters, samples, data["clustered_samples"], 10, fill=False)
    return [correct.get(sub.program_id, False) for sub in subs]


if __name__ == "__main__":
    main()

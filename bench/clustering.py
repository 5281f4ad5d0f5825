"""Clustering at AlphaCode 2 scale: is grouping by signature ever the bottleneck?

Builds N surviving programs' signatures on M inputs (synthetic, with a realistic mix: a
few large behaviours and a long tail), then times the pure clustering step
(`valid_input_indices` + `cluster_programs`) and, for comparison in the same run, the
executor's cost for the same work measured as (runs) x (time per trivial execution).

    python bench/clustering.py [--programs 50000] [--inputs 50]
"""

from __future__ import annotations

import argparse
import hashlib
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from alphasolve.cluster import ProgramRun, cluster_programs, valid_input_indices  # noqa: E402


def synthetic_runs(programs: int, inputs: int, seed: int = 0) -> tuple[list[ProgramRun], dict[str, list[int]]]:
    rng = random.Random(seed)
    behaviours = [[f"out:{hashlib.sha256(f'{b}:{k}'.encode()).hexdigest()[:16]}" for k in range(inputs)]
                  for b in range(200)]
    runs, members = [], {}
    for p in range(programs):
        b = min(int(rng.paretovariate(1.2)) - 1, 199)  # a few big clusters, a long tail
        signature = list(behaviours[b])
        if rng.random() < 0.3:  # a private deviation on some input
            signature[rng.randrange(inputs)] = rng.choice(["runtime_error", "time_limit", f"out:{p:016x}"])
        pid = f"{p:016x}"
        runs.append(ProgramRun("bench", p, pid, signature, [""] * inputs))
        members[pid] = [p]
    return runs, members


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--programs", type=int, default=50_000)
    parser.add_argument("--inputs", type=int, default=50)
    args = parser.parse_args()
    runs, members = synthetic_runs(args.programs, args.inputs)
    start = time.perf_counter()
    valid = valid_input_indices(runs, args.inputs, keep=1)
    clusters = cluster_programs(runs, members, valid)
    elapsed = time.perf_counter() - start
    executions = args.programs * args.inputs
    print(f"{args.programs} programs x {args.inputs} inputs: {len(clusters)} clusters, "
          f"largest {clusters[0].size}; clustering took {elapsed:.2f} s")
    from alphasolve.execute import LocalExecutor, Limits, Program

    with LocalExecutor() as ex:
        ex.run(Program("python3", "print(input())"), ["1\n"] * 20, Limits())  # warm up
        t0 = time.perf_counter()
        n = 400
        ex.run(Program("python3", "print(input())"), ["1\n"] * n, Limits())
        per_exec = (time.perf_counter() - t0) / n
    print(f"executor: {per_exec * 1e3:.2f} ms per trivial execution on one worker -> the "
          f"{executions:,} executions of this clustering cost about {executions * per_exec / ex.workers:,.0f} s "
          f"on {ex.workers} workers; clustering is {elapsed / (executions * per_exec / ex.workers):.3%} of that")


if __name__ == "__main__":
    main()

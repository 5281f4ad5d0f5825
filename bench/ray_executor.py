"""Throughput of the Ray executor against the local executor, on this machine, in one run.

    python bench/ray_executor.py [--cpus 2] [--rounds 3] [--scale 1.0]

Starts a local Ray cluster with `--cpus` CPUs, then runs the same workloads through a local
`LocalExecutor(workers=cpus)` and a `RayExecutor(workers=cpus)` on that cluster, alternating
which goes first each round:

- trivial, 50 inputs a job: a Python program that adds one (the clustering stage's shape);
- trivial, 1 input a job: the same, one input per job (the filter stage's shape);
- 100 ms, 5 inputs a job: a program that burns 100 ms of CPU per run.

Prints executions per second (best and spread over the rounds) for each executor, and the
Ray/local ratio of the best rates and of each round. Startup (the cluster, the actors) is
timed apart, not counted in the rates. On both sides the candidates run in the same
sandboxed fork-server workers; on the Ray side the driver, the actors and Ray's own
processes share the cores with them, which is the overhead measured. The machine may be
shared with other work: look at the spread, not just the best.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

from alphasolve.execute import Job, LocalExecutor, Limits, Program, Verdict

TRIVIAL = Program("python3", "n = int(input())\nprint(n + 1)\n")
BUSY = Program("python3", "import time\nn = int(input())\nt = time.process_time()\n"
                          "while time.process_time() - t < 0.1:\n    pass\nprint(n + 1)\n")
LIMITS = Limits(time_s=2.0, memory_bytes=512 << 20)

#: name, program, inputs per job, jobs at scale 1 (3 to 5 s locally on 2 idle cores)
WORKLOADS = [
    ("trivial, 50 inputs/job", TRIVIAL, 50, 60),
    ("trivial, 1 input/job", TRIVIAL, 1, 1500),
    ("100 ms, 5 inputs/job", BUSY, 5, 20),
]


def jobs(program: Program, per_job: int, count: int, salt: int) -> list[Job]:
    """Distinct jobs (so nothing is deduplicated), each checked against its expected output."""
    base = salt * 10 ** 7
    return [Job(j, program, [str(base + j * per_job + k) for k in range(per_job)], LIMITS,
                [str(base + j * per_job + k + 1) for k in range(per_job)]) for j in range(count)]


def rate(executor, batch: list[Job]) -> float:
    start = time.perf_counter()
    done = 0
    for _, results in executor.map(batch):
        assert all(r.verdict == Verdict.ACCEPTED for r in results), results[0]
        done += len(results)
    assert done == sum(len(j.inputs) for j in batch)
    return done / (time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cpus", type=int, default=2, help="CPUs of the local Ray cluster, and workers on both sides")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--scale", type=float, default=1.0, help="multiply the number of jobs")
    args = parser.parse_args()

    import ray

    from alphasolve.execute.ray_executor import RayExecutor

    t0 = time.perf_counter()
    ray.init(address="local", num_cpus=args.cpus, include_dashboard=False, log_to_driver=False,
             logging_level="WARNING")
    t1 = time.perf_counter()
    try:
        with LocalExecutor(workers=args.cpus) as local, RayExecutor(workers=args.cpus) as remote:
            t2 = time.perf_counter()
            for ex in (local, remote):  # start the sandbox workers on both sides
                rate(ex, jobs(TRIVIAL, 1, 4 * args.cpus, salt=99))
            print(f"cores: {os.cpu_count()}  workers: {args.cpus}  load average: {os.getloadavg()[0]:.2f}")
            print(f"ray {ray.__version__}: cluster started in {t1 - t0:.1f} s, {len(remote.actor_pids())} actors "
                  f"ready in {t2 - t1:.1f} s; {remote.protections.describe()}")
            rates: dict[tuple[str, str], list[float]] = {}
            for r in range(args.rounds):
                for w, (name, program, per_job, count) in enumerate(WORKLOADS):
                    order = [("local", local), ("ray", remote)]
                    for side, ex in (order if r % 2 == 0 else order[::-1]):
                        batch = jobs(program, per_job, max(1, round(count * args.scale)), salt=r * 10 + w)
                        rates.setdefault((name, side), []).append(rate(ex, batch))
            batches = remote.stats["batches"]
            print(f"ray batches: {batches}, {remote.stats['jobs'] / max(1, batches):.1f} jobs "
                  f"and {remote.stats['executions'] / max(1, batches):.0f} executions each on average")
    finally:
        ray.shutdown()

    print(f"{'workload':24s} {'local best':>10s} {'(spread)':>13s} {'ray best':>10s} {'(spread)':>13s}"
          f" {'ray/local':>9s} {'per round':>20s}")
    for name, *_ in WORKLOADS:
        lo, ra = rates[(name, "local")], rates[(name, "ray")]
        per_round = " ".join(f"{b / a:.2f}" for a, b in zip(lo, ra))
        print(f"{name:24s} {max(lo):10.1f} {f'({min(lo):.0f}-{max(lo):.0f})':>13s} {max(ra):10.1f} "
              f"{f'({min(ra):.0f}-{max(ra):.0f})':>13s} {max(ra) / max(lo):9.2f} {per_round:>20s}")
    ratios = [b / a for name, *_ in WORKLOADS for a, b in zip(rates[(name, "local")], rates[(name, "ray")])]
    print(f"executions/s; ray/local over all rounds and workloads: median {statistics.median(ratios):.2f}, "
          f"range {min(ratios):.2f}-{max(ratios):.2f} (below 1: Ray is slower by that share)")


if __name__ == "__main__":
    main()

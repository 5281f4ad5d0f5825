"""Throughput of the executor on trivial Python programs, against the naive runner.

    python bench/executor.py [--seconds 5] [--workers N] [--isolation auto|bwrap|none]

Prints executions per second with the sandboxed fork-server pool (full isolation when
bubblewrap works here), the same for the naive runner (one `subprocess.run` of
`python3 -I -S` per execution with rlimits in a preexec function, as many threads as
workers), measured in the same run, and their ratio. The machine may be shared: run it a
few times and look at the spread. Each line also gives the CPU time one execution costs
(this process, the workers and the candidates: rusage of self and children) and the rate
that would make on idle cores, which other tenants disturb much less than the rates.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from alphasolve.execute import LocalExecutor, Job, Limits, Program, Verdict

SOURCE = "n = int(input())\nprint(n + 1)\n"
PER_JOB = 50  # inputs per job (a candidate on the clustering inputs)
LIMITS = Limits(time_s=2.0, memory_bytes=512 << 20)


def cpu_seconds() -> float:
    """CPU used so far by this process and its waited-for descendants."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def bench_pool(seconds: float, workers: int, isolation: str) -> tuple[float, str, float]:
    cpu_start = cpu_seconds()
    with LocalExecutor(workers=workers, isolation=isolation) as ex:
        mode = ex.protections.describe()
        # warm up: start the workers
        list(ex.map(Job(("warm", k), Program("python3", SOURCE), ["1"], LIMITS) for k in range(workers * 2)))
        done = 0
        counter = iter(range(10 ** 9))
        start = time.perf_counter()

        def jobs():
            while time.perf_counter() - start < seconds:
                j = next(counter)
                yield Job(j, Program("python3", SOURCE), [str(j * PER_JOB + k) for k in range(PER_JOB)], LIMITS,
                          [str(j * PER_JOB + k + 1) for k in range(PER_JOB)])

        for job, results in ex.map(jobs()):
            assert all(r.verdict == Verdict.ACCEPTED for r in results), results[0]
            done += len(results)
        elapsed = time.perf_counter() - start
    return done / elapsed, mode, (cpu_seconds() - cpu_start) / done  # workers reaped by close()


def _naive_limits() -> None:
    resource.setrlimit(resource.RLIMIT_CPU, (3, 4))
    resource.setrlimit(resource.RLIMIT_AS, (LIMITS.memory_bytes, LIMITS.memory_bytes))
    resource.setrlimit(resource.RLIMIT_FSIZE, (LIMITS.output_bytes, LIMITS.output_bytes))
    resource.setrlimit(resource.RLIMIT_NOFILE, (64, 64))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def bench_naive(seconds: float, workers: int) -> tuple[float, float]:
    cpu_start = cpu_seconds()
    with tempfile.TemporaryDirectory(prefix="alphasolve-bench-") as d:
        path = Path(d) / "main.py"
        path.write_text(SOURCE)
        start = time.perf_counter()

        def one(k: int) -> int:
            done = 0
            while time.perf_counter() - start < seconds:
                proc = subprocess.run([sys.executable, "-I", "-S", str(path)], input=f"{k}\n", capture_output=True,
                                      text=True, timeout=10, preexec_fn=_naive_limits, cwd=d,
                                      env={"PATH": "/usr/bin:/bin"})
                assert proc.stdout.strip() == str(k + 1), proc
                done += 1
                k += 1
            return done

        with ThreadPoolExecutor(workers) as pool:
            total = sum(pool.map(one, range(workers)))
        elapsed = time.perf_counter() - start
    return total / elapsed, (cpu_seconds() - cpu_start) / total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--isolation", default="auto")
    args = parser.parse_args()
    pool, mode, pool_cpu = bench_pool(args.seconds, args.workers, args.isolation)
    naive, naive_cpu = bench_naive(args.seconds, args.workers)
    cores = os.cpu_count() or 1
    print(f"cores: {cores}  workers: {args.workers}  load average: {os.getloadavg()[0]:.2f}")
    print(mode)
    for name, rate, cpu in (("fork-server pool (isolated)", pool, pool_cpu), ("naive subprocess.run", naive, naive_cpu)):
        print(f"{name:28s} {rate:8.0f} executions/s   {cpu * 1e3:6.2f} ms CPU each"
              f" = {cores / cpu:6.0f}/s on {cores} idle cores")
    print(f"{'ratio':28s} {pool / naive:8.1f}x{'':22s}{naive_cpu / pool_cpu:6.1f}x by CPU time")


if __name__ == "__main__":
    main()

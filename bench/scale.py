"""Scale and cost benchmarks (issue 16), one section each:

    python bench/scale.py --section timeouts [--input-seeds 0,1,2] [--samples 200] [--runs DIR] [--set K=V]
    python bench/scale.py --section timeouts --find      # which dev problems time out most (slow: every problem)
    python bench/scale.py --section compiles [--programs 48] [--workers N]
    python bench/scale.py --section memory [-- ARGS]     # bench/scale_memory.py (time, peak RSS at 10^5, 10^6 samples)

timeouts: the clustering stage's execution CPU-seconds (the manifest's `cost.exec_cpu_s`: the CPU time of
every run, a time-out costing its whole budget) on the 20 development Codeflaws problems whose survivors
time out most (`TIMEOUT_PROBLEMS`, found by `--find`: every eligible dev problem solved with the time
budget off, ranked by the CPU-seconds of the clustering runs that timed out), solved with the replay
backend as bench/selection.py does (200 samples, seed 0), before (`--set cluster.time_budget_factor=0
--set cluster.skip_after_timeouts=0`) and after (configs/default.toml's time budget) in the same run,
with solved@1 and solved@10 of both (`alphasolve eval`: every survivor judged on the hidden tests,
solved@n over the ranking, as bench/selection.py's default ranking). The "after" run starts from a copy
of the "before" one (same samples, verdicts, inputs and hidden-test judgements); only clustering and
ranking are redone. Target: CPU-seconds divided by at least 8, solved@1 and @10 unchanged or better.

compiles: distinct C++ compiles per second through the executor (sandboxed, compile cache, precompiled
bits/stdc++.h built once before timing; every program distinct, so each is compiled), the same programs
again (cache hits), C++ and Python executions per second, and what compiling takes of a C++ pool of
10^4 samples run on 50 inputs each, with as many distinct programs as the pool has.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

#: `--find` on the 544 eligible dev problems (input seed 0, 200 samples, seed 0): the 20 whose clustering
#: runs spent the most CPU in time-outs, most first
TIMEOUT_PROBLEMS = (
    "codeflaws-583-B", "codeflaws-431-D", "codeflaws-588-B", "codeflaws-618-C", "codeflaws-488-A",
    "codeflaws-424-A", "codeflaws-670-E", "codeflaws-24-A", "codeflaws-430-B", "codeflaws-288-C",
    "codeflaws-88-B", "codeflaws-520-B", "codeflaws-178-A1", "codeflaws-289-D", "codeflaws-165-B",
    "codeflaws-107-A", "codeflaws-304-E", "codeflaws-628-A", "codeflaws-404-B", "codeflaws-448-D",
)
BUDGET_OFF = ["cluster.time_budget_factor=0", "cluster.skip_after_timeouts=0"]
TARGET_DIVISOR = 8


# -- timeouts ------------------------------------------------------------------------------------

def timeouts(args: argparse.Namespace) -> None:
    from codeflaws_problems import load_problems, replay_config

    runs = args.runs or Path(tempfile.mkdtemp(prefix="alphasolve-scale-"))
    problems = load_problems(0)
    if args.find:
        _find(problems, replay_config(args.samples, args.seed, args.workers, [*args.set, *BUDGET_OFF]), runs / "find")
        return
    by_id = {p.problem_id: p for p in problems}
    chosen = [by_id[name] for name in TIMEOUT_PROBLEMS[:args.problems]]
    settings = {"before": replay_config(args.samples, args.seed, args.workers, [*args.set, *BUDGET_OFF]),
                "after": replay_config(args.samples, args.seed, args.workers, args.set)}
    seeds = [int(x) for x in args.input_seeds.split(",")]
    rows = []
    start = time.monotonic()
    for seed in seeds:
        for k, problem in enumerate(chosen, 1):
            row = {"problem": problem.problem_id, "seed": seed}
            for name, config in settings.items():
                config.inputs.seed = seed
                run_dir = runs / f"inputs-seed-{seed}" / name / problem.slug
                if name == "after" and not run_dir.exists():  # same samples, verdicts, inputs, judgements
                    shutil.copytree(runs / f"inputs-seed-{seed}" / "before" / problem.slug, run_dir)
                row[name] = _solve_and_judge(problem, config, run_dir, args.workers)
            rows.append(row)
            b, a = row["before"], row["after"]
            print(f"input seed {seed} [{k}/{len(chosen)}] {problem.problem_id}: clustering CPU-s "
                  f"{b['cpu_s']:.1f} -> {a['cpu_s']:.1f}, time-outs {b['timeouts']} -> {a['timeouts']} "
                  f"(+{a['skipped']} skipped), budget {a['budget']}, solved@1 {b['at1']:d} -> {a['at1']:d}, "
                  f"solved@10 {b['at10']:d} -> {a['at10']:d}", flush=True)
    _report(rows, seeds, runs, time.monotonic() - start)


def _solve_and_judge(problem, config, run_dir: Path, workers) -> dict:
    from alphasolve.artifacts import read_json, read_jsonl
    from alphasolve.run import solve
    from alphasolve.run_eval import evaluate_run

    manifest = solve(problem, config, run_dir)
    report = evaluate_run(run_dir, workers)
    signatures = [r["signature"] for r in read_jsonl(run_dir / "cluster_runs.jsonl")]
    budget_file = run_dir / "cluster_budget.json"
    budget = ({lang: c["budget_s"] for lang, c in read_json(budget_file)["languages"].items()}
              if budget_file.exists() else "limit")
    return {"cpu_s": manifest.stages["cluster"].cost["exec_cpu_s"],
            "timeouts": sum(s == "time_limit" for sig in signatures for s in sig),
            "skipped": sum(s == "skipped" for sig in signatures for s in sig),
            "budget": budget, "at1": bool(report.solved_at["1"]), "at10": bool(report.solved_at["10"])}


def _report(rows: list[dict], seeds: list[int], runs: Path, seconds: float) -> None:
    total = {name: {"cpu_s": sum(r[name]["cpu_s"] for r in rows), "at1": sum(r[name]["at1"] for r in rows),
                    "at10": sum(r[name]["at10"] for r in rows), "timeouts": sum(r[name]["timeouts"] for r in rows)}
             for name in ("before", "after")}
    b, a = total["before"], total["after"]
    divisor = b["cpu_s"] / max(a["cpu_s"], 1e-9)
    n = len(rows)
    print(f"\n{n // len(seeds)} dev Codeflaws problems x input seeds {','.join(map(str, seeds))} = {n} runs; "
          f"{seconds:.0f} s; runs in {runs}")
    print(f"{'':32}{'before (budget off)':>22}{'after (default.toml)':>22}")
    print(f"{'clustering exec CPU-seconds':32}{b['cpu_s']:22.1f}{a['cpu_s']:22.1f}")
    print(f"{'runs that timed out':32}{b['timeouts']:22d}{a['timeouts']:22d}")
    print(f"{'solved@1':32}{b['at1'] / n:22.1%}{a['at1'] / n:22.1%}")
    print(f"{'solved@10':32}{b['at10'] / n:22.1%}{a['at10'] / n:22.1%}")
    worse = [r["problem"] + f" (seed {r['seed']})" for r in rows
             if r["after"]["at1"] < r["before"]["at1"] or r["after"]["at10"] < r["before"]["at10"]]
    print(f"CPU-seconds divided by {divisor:.1f} (target: at least {TARGET_DIVISOR}); solved@1/@10 "
          + ("unchanged or better on every run" if not worse else f"worse on {', '.join(worse)}"))
    print(json.dumps({"section": "timeouts", "runs": n, "before": b, "after": a, "divisor": round(divisor, 2),
                      "worse": worse}))


def _find(problems, config, runs: Path) -> None:
    """Solve every problem with the budget off; rank by the CPU-seconds of the clustering runs that timed
    out (a time-out costs at least the limit: counted at the limit) and print the top 20."""
    from alphasolve.artifacts import read_jsonl
    from alphasolve.run import solve

    found = []
    for k, problem in enumerate(problems, 1):
        run_dir = runs / problem.slug
        manifest = solve(problem, config, run_dir)
        limit = problem.time_limit_s or config.execute.time_limit_s
        timeouts = sum(s == "time_limit" for r in read_jsonl(run_dir / "cluster_runs.jsonl") for s in r["signature"])
        cpu = manifest.stages["cluster"].cost["exec_cpu_s"]
        found.append((timeouts * limit, cpu, problem.problem_id))
        print(f"[{k}/{len(problems)}] {problem.problem_id}: clustering CPU-s {cpu:.1f}, {timeouts} time-outs",
              flush=True)
    found.sort(key=lambda f: (-f[0], -f[1]))
    print(f"\n{sum(1 for f in found if f[0])} of {len(found)} problems have a time-out; the 20 spending most there:")
    for seconds, cpu, name in found[:20]:
        print(f"  {name:22} time-outs {seconds:6.1f} CPU-s of {cpu:6.1f}")
    print(json.dumps([name for _, _, name in found[:20]]))


# -- compiles ------------------------------------------------------------------------------------

CPP = """#include <bits/stdc++.h>
using namespace std;
static const long long VARIANT = {k};
int main() {{
    ios::sync_with_stdio(false);
    long long n; if (!(cin >> n)) return 0;
    vector<long long> a(n); for (auto &x : a) cin >> x;
    sort(a.begin(), a.end());
    map<long long, int> seen; for (auto x : a) seen[x]++;
    long long best = 0; for (auto &[x, c] : seen) best = max(best, x * c + VARIANT - VARIANT);
    cout << best << "\\n";
}}
"""
PY = "n = int(input())\nprint(n + 1)\n"
POOL_SAMPLES, POOL_INPUTS = 10 ** 4, 50


def compiles(args: argparse.Namespace) -> None:
    from alphasolve.execute import Job, Limits, LocalExecutor, Program, Verdict

    limits = Limits(time_s=2.0)
    workers = args.workers or os.cpu_count() or 1
    with tempfile.TemporaryDirectory(prefix="alphasolve-compiles-") as cache, \
            LocalExecutor(workers=workers, cache_dir=cache) as ex:
        warm = ex.run(Program("cpp", CPP.format(k=-1)), ["1\n5\n"], limits)  # builds the precompiled header
        assert warm[0].verdict == Verdict.OK, warm[0]
        programs = [Program("cpp", CPP.format(k=k)) for k in range(args.programs)]

        def timed(jobs) -> float:
            start = time.perf_counter()
            for _, results in ex.map(jobs):
                assert all(r.verdict == Verdict.OK for r in results), results[0]
            return time.perf_counter() - start

        one_input = ["3\n1 2 2\n"]
        distinct = timed(Job(k, p, one_input, limits) for k, p in enumerate(programs))
        cached = timed(Job(k, p, one_input, limits) for k, p in enumerate(programs))
        cpp_runs = timed(Job(k, programs[k % len(programs)], one_input * POOL_INPUTS, limits)
                         for k in range(args.programs))
        py_runs = timed(Job(k, Program("python3", PY + f"V = {k}\n"), [str(i) for i in range(POOL_INPUTS)], limits)
                        for k in range(args.programs))
        mode = ex.protections.describe()
    n = args.programs
    compile_rate = n / distinct
    cpp_rate, py_rate = n * POOL_INPUTS / cpp_runs, n * POOL_INPUTS / py_runs
    pool_compile = POOL_SAMPLES / compile_rate
    pool_exec = POOL_SAMPLES * POOL_INPUTS / cpp_rate
    print(f"{workers} workers, {mode}")
    print(f"distinct C++ compiles (compile cache, precompiled bits/stdc++.h): {compile_rate:8.1f} per second "
          f"({n} programs, each compiled and run once)")
    print(f"the same programs again (compile cache hits):                   {n / cached:8.1f} per second")
    print(f"C++ executions:                                                 {cpp_rate:8.1f} per second")
    print(f"Python executions:                                              {py_rate:8.1f} per second")
    print(f"a C++ pool of {POOL_SAMPLES} distinct programs on {POOL_INPUTS} inputs: compiling {pool_compile:.0f} s, "
          f"running {pool_exec:.0f} s: compiles take {pool_compile / (pool_compile + pool_exec):.0%} "
          f"(they already run on every worker, {workers} at once, overlapping the runs: each job compiles in its "
          "own thread; compare --workers 1)")
    print(json.dumps({"section": "compiles", "workers": workers, "compiles_per_s": round(compile_rate, 2),
                      "cached_per_s": round(n / cached, 2), "cpp_exec_per_s": round(cpp_rate, 1),
                      "python_exec_per_s": round(py_rate, 1),
                      "pool_compile_share": round(pool_compile / (pool_compile + pool_exec), 3)}))


# -- memory --------------------------------------------------------------------------------------

def memory(args: argparse.Namespace) -> None:
    subprocess.run([sys.executable, str(REPO / "bench" / "scale_memory.py"), *args.rest], check=True)


SECTIONS = {"timeouts": timeouts, "compiles": compiles, "memory": memory}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--section", action="append", choices=sorted(SECTIONS), default=[],
                        help="what to measure (repeatable; default: timeouts and compiles)")
    parser.add_argument("--workers", type=int, default=None)
    timeouts_group = parser.add_argument_group("timeouts")
    timeouts_group.add_argument("--problems", type=int, default=len(TIMEOUT_PROBLEMS), help="the first N of the 20")
    timeouts_group.add_argument("--samples", type=int, default=200, help="replayed samples per problem")
    timeouts_group.add_argument("--seed", type=int, default=0)
    timeouts_group.add_argument("--input-seeds", default="0", metavar="0,1,2")
    timeouts_group.add_argument("--runs", type=Path, default=None, help="keep run directories here (resumable)")
    timeouts_group.add_argument("--set", action="append", default=[], metavar="SECTION.KEY=VALUE",
                                help="a setting for both runs, as `alphasolve solve --set`")
    timeouts_group.add_argument("--find", action="store_true", help="rank every eligible dev problem instead")
    compiles_group = parser.add_argument_group("compiles")
    compiles_group.add_argument("--programs", type=int, default=48, help="distinct C++ programs")
    parser.add_argument("rest", nargs="*", help="memory: arguments of bench/scale_memory.py (after --)")
    args = parser.parse_args()
    for name in args.section or ["timeouts", "compiles"]:
        SECTIONS[name](args)


if __name__ == "__main__":
    main()

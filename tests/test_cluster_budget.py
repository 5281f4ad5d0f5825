"""The clustering time budget (alphasolve.cluster.TimeBudget, BudgetedRuns), with real programs in
the real sandbox: programs that loop stop being run after a few time-outs and under a calibrated
budget, the result depends on the runs' results only (not on which finished first or how many
workers ran them), a pool where nothing times out gives byte-identical artifacts with the budget
on and off, an interrupted run resumes with the budget it calibrated, and `alphasolve solve` records
the budget in the run directory."""

from __future__ import annotations

import json

import pytest

from alphasolve.artifacts import read_json, read_jsonl
from alphasolve.cluster import SKIPPED, ProgramRun, TimeBudget, run_on_inputs, valid_input_indices
from alphasolve.execute import CompareSpec, Limits, LocalExecutor
from alphasolve.records import Sample
from support import ADD_CORRECT_PY, ADD_CORRECT_PY2, ADD_WRONG_CONST, ADD_WRONG_MUL, add_problem, run_cli

LOOP_UNLESS_2 = "a, b = map(int, input().split())\nwhile a != 2:\n    pass\nprint(a + b)\n"  # passes 2 2 -> 4
LOOP_ABOVE_5 = "a, b = map(int, input().split())\nwhile a > 5:\n    pass\nprint(a + b)\n"
CORRECT_3 = "import sys\na, b = sys.stdin.read().split()\nprint(int(a) + int(b))\n"
INPUTS = ["2 2\n", "1 2\n", "10 -3\n", "0 0\n", "7 1\n", "3 4\n", "100 250\n", "6 6\n", "4 5\n", "9 9\n"]
LIMITS = Limits(time_s=1.0)
BUDGET = TimeBudget(factor=2.0, floor_s=0.2, references=2, skip_after=2)


def pool(*codes: str) -> list[Sample]:
    return [Sample("add-two", k, "python3", code) for k, code in enumerate(codes)]


POOL = pool(ADD_CORRECT_PY, LOOP_UNLESS_2, ADD_WRONG_MUL, ADD_CORRECT_PY2, LOOP_ABOVE_5, CORRECT_3, ADD_WRONG_CONST)


def run(programs: list[Sample], workers: int, budget: TimeBudget | None = BUDGET, inputs=INPUTS,
        limits=LIMITS, references=None, calibrated=None):
    """(runs by program id, their executions' CPU-seconds, the calibration)."""
    found = {}
    with LocalExecutor(workers=workers) as ex:
        spent = []
        real_map = ex.map

        def counting_map(jobs):  # the real executor; only the CPU time its results report is added up
            for job, results in real_map(jobs):
                spent.extend(r.cpu_time for r in results)
                yield job, results

        ex.map = counting_map
        extra = {} if budget is None else {"references": references if references is not None else programs,
                                           "public_s": {}, "on_calibrated": found.update,
                                           "calibration": calibrated}
        runs = {r.program_id: r for r in run_on_inputs(programs, inputs, ex, limits, CompareSpec(), budget=budget,
                                                       **extra)}
    return runs, sum(spent), found


def test_programs_that_loop_are_skipped_after_two_timeouts_under_the_budget():
    runs, cpu, calibration = run(POOL, workers=2)
    loop2, loop5 = POOL[1].program_id, POOL[4].program_id
    assert runs[loop2].signature[:3] == ["out:" + runs[loop2].signature[0][4:], "time_limit", "time_limit"]
    assert runs[loop2].signature[3:] == [SKIPPED] * 7  # never run after its second time-out
    sig5 = runs[loop5].signature  # loops on 10, 7, 100, 6, 9 (inputs 2, 4, 6, 7, 9): skipped from input 5 on
    assert [s.startswith("out:") for s in sig5[:5]] == [True, True, False, True, False]
    assert sig5[2] == sig5[4] == "time_limit" and sig5[5:] == [SKIPPED] * 5
    correct = [runs[s.program_id].signature for s in POOL if s.code in (ADD_CORRECT_PY, ADD_CORRECT_PY2, CORRECT_3)]
    assert correct[0] == correct[1] == correct[2] and all(s.startswith("out:") for s in correct[0])
    assert calibration["python3"].budget_s == pytest.approx(0.2)  # fast survivors: the floor
    # four time-outs at the 0.2 s budget instead of fourteen at the 1 s limit
    timeouts = sum(s == "time_limit" for r in runs.values() for s in r.signature)
    assert timeouts == 4 and cpu < 4 * 0.2 + 3.0
    off, cpu_off, _ = run(POOL, workers=2, budget=None)
    assert sum(s == "time_limit" for r in off.values() for s in r.signature) == 14 and cpu_off > 14 * 1.0
    # where nothing timed out, the signatures are those of the budget off
    for pid, r in off.items():
        if "time_limit" not in r.signature:
            assert runs[pid].signature == r.signature and runs[pid].previews == r.previews


def test_the_result_does_not_depend_on_completion_order_or_worker_count():
    """More workers, the pool in another order (other jobs finish first): the same signatures and budget."""
    first, _, cal1 = run(POOL, workers=1)
    second, _, cal2 = run(POOL[::-1], workers=3, references=POOL)
    assert {p: r.signature for p, r in first.items()} == {p: r.signature for p, r in second.items()}
    assert cal1["python3"].budget_s == cal2["python3"].budget_s
    assert cal1["python3"].references == cal2["python3"].references == [POOL[0].program_id, POOL[1].program_id]


SLOW_SUM = "n = int(input())\ns = 0\nfor i in range(n):\n    s += i\nprint(s)\n"
SLOW_SUM2 = "n = int(input())\ns = 0\ni = 0\nwhile i < n:\n    s += i\n    i += 1\nprint(s)\n"
LOOP_BIG = "n = int(input())\nwhile n > 100:\n    pass\nprint(n * (n - 1) // 2)\n"


def test_the_typical_survivor_fits_a_calibrated_budget():
    """Correct programs need more than the floor on the large inputs: the typical reference times out
    there at the provisional budget, finishes with the limit (the probe), and the budget grows to
    fit them; the program that loops on those inputs still stops after two time-outs."""
    big = "4000000\n"
    inputs = ["10\n", big, "20\n", big, big, "30\n"]
    programs = [Sample("sum", k, "python3", code) for k, code in enumerate((SLOW_SUM, LOOP_BIG, SLOW_SUM2))]
    budget = TimeBudget(factor=2.0, floor_s=0.05, references=3, skip_after=2)
    runs, _, calibration = run(programs, workers=2, budget=budget, inputs=inputs, limits=Limits(time_s=4.0))
    cal = calibration["python3"]
    assert cal.probe is not None and cal.probe["verdict"] != "time_limit" and cal.escalated_s == [4.0]
    assert 2 * 0.05 < cal.budget_s <= 4.0 and cal.budget_s >= 2 * cal.reference_s
    assert runs[programs[0].program_id].signature == runs[programs[2].program_id].signature
    assert all(s.startswith("out:") for s in runs[programs[0].program_id].signature)
    looping = runs[programs[1].program_id].signature
    assert looping[1:] == ["time_limit", looping[2], "time_limit", SKIPPED, SKIPPED] and looping[2].startswith("out:")


def test_a_skipped_run_says_nothing_about_the_validity_of_an_input():
    """The shares that drop an input are of the programs that ran on it: a program skipped there
    had timed out on earlier inputs, which tells nothing of this one."""
    runs = [ProgramRun("p", i, f"p{i}", ["out:1", "out:2", "out:3"], [""] * 3) for i in range(9)]
    runs.append(ProgramRun("p", 9, "slow", ["time_limit", "time_limit", SKIPPED], [""] * 3))
    runs.append(ProgramRun("p", 10, "slow2", ["time_limit", SKIPPED, SKIPPED], [""] * 3))
    # input 0: 2 of 11 time out, over a tenth; input 1: 1 of the 10 that ran (counting the skip: 2 of 11)
    assert valid_input_indices(runs, 3) == [1, 2]
    assert valid_input_indices(runs, 3, by_spec=[0, 1]) == [0, 1, 2]  # inputs the statement allows: behaviour
    assert valid_input_indices([runs[-1]], 3) == [1, 2]  # on input 2 nothing ran: nothing against it


# -- the runner: artifacts, resume, the CLI --------------------------------------------------

def loop_problem(**extra) -> dict:
    data = add_problem(**extra)
    data["solutions"] = {"language": [3, 3, 3], "solution": [ADD_CORRECT_PY, ADD_CORRECT_PY2, CORRECT_3]}
    data["incorrect_solutions"] = {"language": [3, 3, 3, 3],
                                   "solution": [ADD_WRONG_MUL, LOOP_UNLESS_2, ADD_WRONG_CONST, LOOP_ABOVE_5]}
    data["time_limit"] = {"seconds": 1, "nanos": 0}
    return data


ARTIFACTS = ("cluster_runs.jsonl", "clusters.json", "ranking.json")


def _solve(problem_file, out, *args):
    result = run_cli("solve", str(problem_file), "--config", "replay", "--out", str(out), "--samples", "30", *args)
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def test_without_timeouts_the_artifacts_are_byte_identical_with_the_budget_on_and_off(tmp_path):
    problem = tmp_path / "add.json"
    problem.write_text(json.dumps(add_problem()))  # its survivors never time out
    on, off = tmp_path / "on", tmp_path / "off"
    _solve(problem, on, "--set", "execute.workers=1")
    _solve(problem, off, "--set", "execute.workers=1", "--set", "cluster.time_budget_factor=0",
           "--set", "cluster.skip_after_timeouts=0")
    for name in ARTIFACTS:
        assert (on / name).read_bytes() == (off / name).read_bytes(), name
    names = sorted(p.name for p in (on / "submissions").iterdir())
    assert names and names == sorted(p.name for p in (off / "submissions").iterdir())
    for path in (on / "submissions").iterdir():
        assert path.read_bytes() == (off / "submissions" / path.name).read_bytes()
    assert (on / "cluster_budget.json").exists() and not (off / "cluster_budget.json").exists()


def test_solve_records_the_budget_and_the_skips_in_the_run_directory(tmp_path):
    problem = tmp_path / "loops.json"
    problem.write_text(json.dumps(loop_problem()))
    out = tmp_path / "run"
    _solve(problem, out)
    budget = read_json(out / "cluster_budget.json")
    cal = budget["languages"]["python3"]
    assert budget["skip_after_timeouts"] == 2 and cal["limit_s"] == 1.0 and 0.25 <= cal["budget_s"] <= 1.0
    runs = read_jsonl(out / "cluster_runs.jsonl")
    loopers = [r for r in runs if SKIPPED in r["signature"]]
    assert loopers and all(r["signature"].count("time_limit") == 2 for r in loopers)
    manifest = read_json(out / "manifest.json")
    assert manifest["stages"]["cluster"]["counts"]["skipped_runs"] == sum(r["signature"].count(SKIPPED) for r in runs)
    # the budget settings are in the cluster stage's key
    again = _solve(problem, out, "--set", "cluster.skip_after_timeouts=3")
    assert "settings changed (cluster.skip_after_timeouts 2 → 3): rerunning cluster" in again.stdout


def test_an_interrupted_clustering_resumes_with_the_budget_it_calibrated(tmp_path):
    """Interrupted after the calibration and some programs' runs (a real kill of `alphasolve solve`
    once cluster_runs.jsonl has a few lines), the rerun keeps cluster_budget.json as it was, runs only
    the programs not on disk, and ends with the signatures of an uninterrupted run."""
    import os
    import signal
    import subprocess
    import sys
    import time

    problem = tmp_path / "loops.json"
    problem.write_text(json.dumps(loop_problem()))
    args = ["--set", "cluster.time_budget_references=1", "--set", "execute.workers=1"]
    whole = tmp_path / "whole"
    _solve(problem, whole, *args)
    out = tmp_path / "run"
    proc = subprocess.Popen([sys.executable, "-m", "alphasolve", "solve", str(problem), "--config", "replay",
                             "--out", str(out), "--samples", "30", *args], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)
    runs_file = out / "cluster_runs.jsonl"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if runs_file.exists() and len(runs_file.read_text().splitlines()) >= 2:
            os.killpg(proc.pid, signal.SIGKILL)
            break
        time.sleep(0.01)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL, "the run ended before it could be interrupted"
    calibrated = (out / "cluster_budget.json").read_bytes()
    done = {r["program_id"] for r in read_jsonl(runs_file)}
    result = _solve(problem, out, *args)
    assert (out / "cluster_budget.json").read_bytes() == calibrated  # not calibrated again
    assert f"({len(done)} done before)" in result.stdout
    resumed = {r["program_id"]: r["signature"] for r in read_jsonl(runs_file)}
    assert resumed == {r["program_id"]: r["signature"] for r in read_jsonl(whole / "cluster_runs.jsonl")}
    assert read_json(out / "clusters.json") == read_json(whole / "clusters.json")

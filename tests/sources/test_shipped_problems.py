"""Every shipped problem loads, and its replay pool is labelled right: each correct solution
passes every test, and each incorrect program written for alphasolve fails at least one (run
with alphasolve's executor). The incorrect programs that come from a dataset (Kattis, Codeflaws)
keep the dataset's label; scripts/build_problems.py checks them when it builds the files.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from alphasolve.execute import LocalExecutor, Job, Limits, Program
from alphasolve.problem import Problem, find_problem_files, load_problem

PROBLEMS = Path(__file__).resolve().parents[2] / "problems"
PROBLEM_FILES = find_problem_files(PROBLEMS)
DEFAULT_TIME_LIMIT_S = 2.0  # alphasolve's default when a problem gives none


def test_problems_are_shipped_and_listed():
    ids = {path.stem for path in PROBLEM_FILES}
    assert {"kattis-different", "codeflaws-581-A", "sum-of-pairs", "max-subarray"} <= ids
    assert any(i.startswith("gcj-") for i in ids)
    readme = (PROBLEMS / "README.md").read_text()
    for ident in ids:
        assert f"`{ident}`" in readme, f"problems/README.md does not list {ident}"


@pytest.mark.parametrize("path", PROBLEM_FILES, ids=lambda p: p.stem)
def test_problem_file_loads_with_provenance(path: Path):
    problem = load_problem(path)
    assert problem.problem_id == path.stem
    assert problem.description.strip() and problem.public_tests and problem.hidden_tests
    assert problem.solutions, "a shipped problem needs correct solutions for replay"
    assert path.stat().st_size < 500_000
    provenance = problem.extra["provenance"]
    assert provenance["license"] and provenance["attribution"]
    for kind, programs in (("solution_meta", problem.solutions), ("incorrect_solution_meta", problem.incorrect_solutions)):
        assert len(problem.extra[kind]) == len(programs)
    assert path.read_text() == json.dumps(problem.to_dict(), sort_keys=True, indent=1, ensure_ascii=False) + "\n"


@pytest.fixture(scope="module")
def pool_results() -> dict[tuple[str, str, int], list]:
    """Every program of every shipped problem on its tests, in one parallel executor run.

    Correct programs run on every test; incorrect ones stop at their first failure.
    """
    jobs = []
    for path in PROBLEM_FILES:
        problem = load_problem(path)
        tests = problem.public_tests + problem.hidden_tests
        limits = _limits(problem)
        inputs, outputs = [t.input for t in tests], [t.output for t in tests]
        for kind, programs in (("correct", problem.solutions), ("incorrect", problem.incorrect_solutions)):
            for k, program in enumerate(programs):
                if kind == "incorrect" and not _written_for_alphasolve(problem, k):
                    continue
                jobs.append(Job((problem.problem_id, kind, k), Program(program.language, program.code), inputs,
                                limits, outputs, problem.compare, stop_on_failure=(kind == "incorrect")))
    jobs.sort(key=lambda job: job.key[1] == "correct")  # the slow (time limit) ones first
    with LocalExecutor(workers=2) as executor:
        return {job.key: results for job, results in executor.map(jobs)}


def _written_for_alphasolve(problem: Problem, k: int) -> bool:
    meta = problem.extra["incorrect_solution_meta"][k]
    return problem.extra["provenance"].get("dataset") == "written for alphasolve" or "author" in meta


def _limits(problem: Problem) -> Limits:
    if problem.memory_limit_bytes:
        return Limits(time_s=problem.time_limit_s or DEFAULT_TIME_LIMIT_S, memory_bytes=problem.memory_limit_bytes)
    return Limits(time_s=problem.time_limit_s or DEFAULT_TIME_LIMIT_S)


@pytest.mark.parametrize("path", PROBLEM_FILES, ids=lambda p: p.stem)
def test_correct_solutions_pass_every_test(path: Path, pool_results):
    problem = load_problem(path)
    tests = len(problem.public_tests) + len(problem.hidden_tests)
    for k, meta in enumerate(problem.extra["solution_meta"]):
        results = pool_results[(problem.problem_id, "correct", k)]
        verdicts = [r.verdict.value for r in results]
        assert len(results) == tests and all(r.verdict.passed for r in results), \
            f"{problem.problem_id}: correct solution {meta} got {verdicts}"


@pytest.mark.parametrize("path", PROBLEM_FILES, ids=lambda p: p.stem)
def test_incorrect_solutions_fail_a_test(path: Path, pool_results):
    problem = load_problem(path)
    public = len(problem.public_tests)
    for k, meta in enumerate(problem.extra["incorrect_solution_meta"]):
        if not _written_for_alphasolve(problem, k):
            continue
        results = pool_results[(problem.problem_id, "incorrect", k)]
        assert not results[-1].verdict.passed, f"{problem.problem_id}: incorrect solution {meta} passes every test"
        if "passes_public_tests" in meta:
            assert meta["passes_public_tests"] == (len(results) > public), \
                f"{problem.problem_id}: {meta} is labelled wrongly as to the public tests"

"""The shipped CodeContests test problems (problems/codecontests-test/): every file loads, its
tests run in the sandbox with the official time limit (a program that prints the reference answer
of two tests per problem is accepted, checkers included), the checkers written for alphasolve
accept the statements' own example answers and refuse wrong ones, and the importer reports tests
that exceed the executor's output limit at import."""

from __future__ import annotations

import gzip
import importlib.util
import json
import re
from pathlib import Path

import pytest
from support import REPO, shared_file

from alphasolve.execute import LocalExecutor, Job, Limits, Program, Verdict
from alphasolve.problem import Problem, find_problem_files, load_problem
from alphasolve.sources.limits import OUTPUT_LIMIT_BYTES
from alphasolve.sources.load import import_source, open_source

SET = REPO / "problems" / "codecontests-test"
FILES = find_problem_files(SET)
SOURCE = "data/codecontests-test-problems/codecontests-test-72.jsonl.gz"
CHECKERS = REPO / "problems" / "src" / "codecontests-test" / "checkers"  # NNNN_X.py each, plus _common.py


def _build_script():
    spec = importlib.util.spec_from_file_location("build_problems", REPO / "scripts" / "build_problems.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def records() -> dict[str, dict]:
    with gzip.open(shared_file(SOURCE), "rt", encoding="utf-8") as f:
        return {r["name"]: r for r in map(json.loads, f)}


@pytest.fixture(scope="module")
def problems() -> list[Problem]:
    return [load_problem(path) for path in FILES]


def test_every_problem_of_the_source_is_shipped_or_listed_as_skipped(records, problems):
    skipped = (SET / "SKIPPED.md").read_text()
    shipped = {p.problem_id for p in problems}
    assert len(problems) == 71 and shipped <= set(records)
    for name in set(records) - shipped:
        assert f"| {name} |" in skipped, f"{name} is neither shipped nor listed in SKIPPED.md"
    assert "| 1586_D. Omkar and the Meaning of Life | `interactive` |" in skipped


def test_every_problem_loads_with_its_official_limits_and_attribution(records, problems):
    for problem in problems:
        record = records[problem.problem_id]
        official = record["time_limit"]["seconds"] + record["time_limit"]["nanos"] / 1e9
        assert problem.time_limit_s == official and problem.memory_limit_bytes == record["memory_limit_bytes"]
        assert problem.public_tests and problem.hidden_tests and problem.description.strip()
        assert len(problem.public_tests) + len(problem.hidden_tests) == sum(
            len(record[k]["input"]) for k in ("public_tests", "private_tests", "generated_tests"))
        provenance = problem.extra["provenance"]
        assert provenance["benchmark"] == "codecontests-test" and provenance["license"] == "CC BY 4.0"
        # several accepted answers: shipped only with a checker written for alphasolve
        assert (problem.checker is not None) == record["multiple_answers_suspected"], problem.problem_id
    assert sum(p.checker is not None for p in problems) == 9
    readme = (REPO / "problems" / "README.md").read_text()
    assert "codecontests-test" in readme and "CC BY 4.0" in readme and "DeepMind" in readme


def _echo(problem: Problem) -> tuple[Job, list[str]]:
    """A program printing the reference answers of the first public test and one hidden test."""
    hidden = problem.hidden_tests[len(problem.problem_id) % len(problem.hidden_tests)]
    tests = [problem.public_tests[0], hidden]
    answers = {t.input: t.output for t in tests}
    code = f"import sys\nsys.stdout.write({answers!r}.get(sys.stdin.read(), 'none'))\n"
    limits = Limits(time_s=problem.time_limit_s, memory_bytes=problem.memory_limit_bytes)
    return Job(problem.problem_id, Program("python3", code), [t.input for t in tests], limits,
               [t.output for t in tests], problem.compare), [t.input for t in tests]


def test_tests_run_in_the_sandbox_with_the_official_time_limit(problems):
    jobs = [_echo(p)[0] for p in problems]
    wrong = [Job((p.problem_id, "wrong"), Program("python3", "print(0)\n"), [p.public_tests[0].input],
                 Limits(time_s=p.time_limit_s), [p.public_tests[0].output], p.compare)
             for p in problems if p.checker is not None]
    with LocalExecutor(workers=2) as ex:
        results = list(ex.map(jobs + wrong))
    assert len(results) == len(jobs) + len(wrong) == 80
    for job, runs in results:
        expected = Verdict.WRONG_ANSWER if isinstance(job.key, tuple) else Verdict.ACCEPTED
        assert [r.verdict for r in runs] == [expected] * len(runs), (job.key, [r.judge_message for r in runs])
        assert all(r.cpu_time < job.limits.time_s for r in runs)


_EXAMPLE = re.compile(r"\nExamples?\n\nInput\n\n\n(.*?)\n\nOutput\n\n\n(.*?)\n\n", re.S)


@pytest.mark.parametrize("path", sorted(CHECKERS.glob("[0-9]*.py")), ids=lambda p: p.stem)
def test_checker_accepts_the_statement_example_and_refuses_wrong_answers(path, problems):
    problem = next(p for p in problems if p.problem_id.split(".")[0] == path.stem)
    assert problem.checker.program.source == _build_script().checker_code(path)  # the file with _common.py inlined
    assert "from _common import" not in problem.checker.program.source
    match = _EXAMPLE.search(problem.description + "\n\n")
    example_in, example_out = match[1] + "\n", match[2] + "\n"
    reference = next(t for t in problem.public_tests if t.input.split() == example_in.split())
    broken = reference.output.split()
    broken[-1] = str(int(broken[-1]) + 1) if re.fullmatch(r"-?\d+", broken[-1]) else broken[-1] + "a"
    cases = [(reference.input, reference.output, example_out),  # the statement's answer, often another one
             (reference.input, reference.output, " ".join(broken) + "\n"),
             (reference.input, reference.output, "")]
    with LocalExecutor(workers=1) as ex:
        decisions = ex.check(problem.checker, cases)
    assert [d.verdict for d in decisions] == [Verdict.ACCEPTED, Verdict.WRONG_ANSWER, Verdict.WRONG_ANSWER], \
        [d.message for d in decisions]


def test_import_reports_answers_larger_than_the_output_limit(tmp_path):
    def record(name: str, output: str) -> dict:
        tests = {"input": ["1\n"], "output": [output]}
        return {"name": name, "description": "Print the answer.", "public_tests": tests,
                "private_tests": {"input": ["2\n"], "output": [output]}, "generated_tests": {"input": [], "output": []},
                "time_limit": {"seconds": 1, "nanos": 0}, "memory_limit_bytes": 256 << 20}
    source = tmp_path / "records.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in (
        record("small", "1\n"), record("huge", "1 " * (OUTPUT_LIMIT_BYTES // 2) + "1\n"))))
    report = import_source(open_source(str(source), schema="codecontests"), tmp_path / "out").report
    assert [e["id"] for e in report["imported"]] == ["small"]
    (skip,) = report["skipped"]
    assert skip["source_id"] == "huge" and skip["reason"] == "tests_too_large"
    assert f"limit of {OUTPUT_LIMIT_BYTES:,} bytes" in skip["detail"] and "public test 1" in skip["detail"]


def test_batch_of_the_top_level_directory_does_not_include_the_set():
    top = find_problem_files(REPO / "problems")
    assert top and all(path.parent == REPO / "problems" for path in top)
    assert not any(Path(p).name in {f.name for f in FILES} for p in top)


def test_an_imported_directory_is_a_batch_directory(tmp_path):
    """`alphasolve import --out DIR` then `alphasolve batch DIR`: the import's report is no problem."""
    source = tmp_path / "records.jsonl"
    source.write_text(json.dumps(json.loads(FILES[0].read_text())) + "\n")
    import_source(open_source(str(source), schema="codecontests"), tmp_path / "out")
    assert (tmp_path / "out" / "import-report.json").exists()
    assert [p.name for p in find_problem_files(tmp_path / "out")] == [FILES[0].name]


#: other correct programs, whose answers differ from the reference answers where the statement allows
ALTERNATIVES = {
    "1579_B": ("import sys\nd = sys.stdin.read().split(); p = 1; out = []\n"
               "for _ in range(int(d[0])):\n"
               "    n = int(d[p]); a = list(map(int, d[p + 1:p + 1 + n])); p += 1 + n; ops = []\n"
               "    for i in range(n):\n"
               "        j = min(range(i, n), key=lambda k: (a[k], -k))\n"
               "        if j > i:\n"
               "            ops.append(f'{i + 1} {j + 1} {j - i}'); a[i:j + 1] = a[j:j + 1] + a[i:j]\n"
               "    out += [str(len(ops))] + ops\n"
               "print('\\n'.join(out))\n"),
    "1594_A": ("import sys\nfor n in map(int, sys.stdin.read().split()[1:]):\n"
               "    print(n // 2, n // 2 + 1) if n % 2 else print(-(n - 1), n)\n"),
    "1606_A": "import sys\nfor s in sys.stdin.read().split()[1:]:\n    print(s[:-1] + s[0])\n",
    "1618_A": ("import sys\nd = list(map(int, sys.stdin.read().split()))\n"
               "for k in range(d[0]):\n    b = d[1 + 7 * k:8 + 7 * k]; print(b[6] - b[0] - b[1], b[1], b[0])\n"),
}


def test_checkers_accept_other_correct_answers_on_the_hidden_tests(problems):
    """Each alternative program is accepted on every test whose input keeps the statement's constraints
    (on the others only the reference answer is), and gives answers other than the reference's."""
    chosen = {p.problem_id.split(".")[0]: p for p in problems if p.problem_id.split(".")[0] in ALTERNATIVES}
    jobs = []
    for key, problem in sorted(chosen.items()):
        tests = (problem.public_tests + problem.hidden_tests)[:60]
        jobs.append(Job(key, Program("python3", ALTERNATIVES[key]), [t.input for t in tests],
                        Limits(time_s=problem.time_limit_s), [t.output for t in tests], problem.compare))
    with LocalExecutor(workers=2) as ex:
        results = {job.key: (job, runs) for job, runs in ex.map(jobs)}
    for key, (job, runs) in results.items():
        for r in runs:
            assert r.verdict == Verdict.ACCEPTED or (
                r.verdict == Verdict.WRONG_ANSWER and "breaks the statement's constraints" in r.judge_message), \
                (key, r.verdict, r.judge_message)
        accepted = sum(r.verdict == Verdict.ACCEPTED for r in runs)
        different = sum(r.verdict == Verdict.ACCEPTED and r.stdout.split() != out.split()
                        for r, out in zip(runs, job.expected))
        assert accepted >= 15 and different >= 5, (key, accepted, different)  # 1579_B: 60 and 52 of 60 tests

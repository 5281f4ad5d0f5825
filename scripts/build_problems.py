#!/usr/bin/env python3
"""Regenerate the shipped problems (problems/*.json) from ../shared/data and problems/src/.

    python scripts/build_problems.py                 # build, verify and write every problem
    python scripts/build_problems.py --only max-subarray --only kattis-different
    ALPHASOLVE_SHARED=/data/shared python scripts/build_problems.py

Sources (see problems/README.md for licences):
* kattis-different: the `different` package of Kattis/problemtools' examples (examples.tar.gz).
* codeflaws-581-A: one Codeflaws record (codeflaws-dev.jsonl.gz).
* gcj-*: Code Jam archive records, plus solutions written for alphasolve in problems/src/<id>/.
* sum-of-pairs, max-subarray: written for alphasolve; problems/src/<id>/ is a Kattis-style
  package whose tests come from its generator.py (a seeded generator and a reference solve()).
* codecontests-test/: the 72 CodeContests test-split problems of
  codecontests-test-problems/codecontests-test-72.jsonl.gz, imported as `alphasolve import` does
  (the same `import_source`); the problems that need a checker get the one written for alphasolve
  in problems/src/codecontests-test/checkers/, joined with the part they share (`checker_code`:
  _common.py inlined, one standalone program) and run on every test's reference answer;
  what cannot be imported is listed with the importer's reason in codecontests-test/SKIPPED.md.
  `--only codecontests-test` builds just these.

Every problem is verified by running its programs with alphasolve's executor: a listed correct
solution that fails a test is dropped (with a note in `dropped_solutions`) and an incorrect one
that passes every test is dropped (`dropped_incorrect_solutions`); for problems written for
alphasolve either is an error instead. Each incorrect solution's meta records whether it passes
the public tests and its first failure. Files are written atomically, keys sorted, indent 1.
"""

from __future__ import annotations

import argparse
import ast
import importlib.util
import json
import os
import shutil
import sys
import tarfile
import tempfile
from pathlib import Path
from typing import Any, Callable

from alphasolve.errors import AlphasolveError
from alphasolve.execute import Executor, Job, LocalExecutor, Limits, Program
from alphasolve.problem import Problem, parse_problem
from alphasolve.sources import Skip
from alphasolve.sources.codeflaws import convert_codeflaws_record, read_codeflaws_records
from alphasolve.sources.gcj import convert_gcj_record, gcj_problem_id, read_gcj_records
from alphasolve.sources.kattis import convert_kattis_package, read_submissions

REPO = Path(__file__).resolve().parents[1]
PROBLEMS = REPO / "problems"
PROBLEM_SOURCES = PROBLEMS / "src"

KATTIS_EXAMPLES = "data/kattis-examples/examples.tar.gz"
KATTIS_PROVENANCE = {
    "dataset": "Kattis problemtools examples",
    "repository": "https://github.com/Kattis/problemtools",
    "commit": "a185fe9741dd28ba838a7bd21ab98b11211f6521",
    "path": "examples/different",
    "license": "MIT",
    "attribution": "Kattis/problemtools examples (MIT licence); problem.yaml names the source Kattis "
                   "and declares the problem's own licence as 'cc by-sa'",
}
CODEFLAWS_FILE = "data/codeflaws/codeflaws-dev.jsonl.gz"
CODEFLAWS_PROBLEM = "581-A"
GCJ_PROBLEMS = (
    ("data/gcj/codejam.jsonl.gz", "codejam/2014/qualification_round/cookie_clicker_alpha"),
    ("data/gcj/codejam.jsonl.gz", "codejam/2016/qualification_round/counting_sheep"),
)
HANDWRITTEN = ("sum-of-pairs", "max-subarray")
HANDWRITTEN_PROVENANCE = {
    "dataset": "written for alphasolve",
    "license": "Apache-2.0",
    "attribution": "alphasolve authors; statement, tests (from generator.py) and programs in problems/src/{id}/",
}
ALPHASOLVE_SOLUTION = "written for alphasolve (not part of the source dataset)"
CODECONTESTS_FILE = "data/codecontests-test-problems/codecontests-test-72.jsonl.gz"
CODECONTESTS_SET = "codecontests-test"
CODECONTESTS_CHECKERS = PROBLEM_SOURCES / CODECONTESTS_SET / "checkers"
CHECKER_COMMON = "_common.py"  # in CODECONTESTS_CHECKERS: the part every checker shares
CHECKER_IMPORT = "from _common import *"  # the line of a checker's file that CHECKER_COMMON's code replaces
CODECONTESTS_PROVENANCE = {
    "dataset": "CodeContests", "split": "test", "benchmark": CODECONTESTS_SET,
    "repository": "https://github.com/google-deepmind/code_contests",
    "license": "CC BY 4.0",
    "attribution": "CodeContests by DeepMind (Li et al. 2022), licensed CC BY 4.0 "
                   "(https://creativecommons.org/licenses/by/4.0/); problems from Codeforces. Changes: "
                   "converted to alphasolve's format by `alphasolve import`; some problems judged by a checker "
                   "written for alphasolve (`judging_note`)",
}
DEFAULT_TIME_LIMIT_S = 2.0


def shared_dir() -> Path:
    """../shared beside the repo root, or $ALPHASOLVE_SHARED."""
    return Path(os.environ.get("ALPHASOLVE_SHARED") or REPO / ".." / "shared").resolve()


def shared_file(relative: str) -> Path:
    path = shared_dir() / relative
    if not path.is_file():
        raise AlphasolveError("missing shared data file (set ALPHASOLVE_SHARED to its folder)", file=str(path))
    return path


def expect_problem(result: dict[str, Any] | Skip) -> dict[str, Any]:
    if isinstance(result, Skip):
        raise AlphasolveError(f"a shipped problem was skipped by its converter: {result}")
    return result


# -- builders: each returns (problem dict, strict) -----------------------------------------


def build_kattis_different() -> tuple[dict[str, Any], bool]:
    with tempfile.TemporaryDirectory(prefix="alphasolve-kattis-") as work:
        with tarfile.open(shared_file(KATTIS_EXAMPLES)) as tar:
            tar.extractall(work, filter="data")
        package = next(Path(work).rglob("different/problem.yaml")).parent
        # The package asks for a custom validator (removed from the shared copy); the answer to
        # every test line is one integer, so token comparison judges it exactly.
        problem = convert_kattis_package(package, allow_custom_validation=True, provenance=KATTIS_PROVENANCE)
    return expect_problem(problem), False


def build_codeflaws() -> tuple[dict[str, Any], bool]:
    for record in read_codeflaws_records(shared_file(CODEFLAWS_FILE)):
        if record.get("problem") == CODEFLAWS_PROBLEM:
            return expect_problem(convert_codeflaws_record(record)), False
    raise AlphasolveError(f"Codeflaws problem {CODEFLAWS_PROBLEM} not found", file=CODEFLAWS_FILE)


def build_gcj(relative: str, record_id: str) -> tuple[dict[str, Any], bool]:
    for record in read_gcj_records(shared_file(relative)):
        if record.get("id") == record_id:
            problem = expect_problem(convert_gcj_record(record))
            break
    else:
        raise AlphasolveError(f"Code Jam record {record_id} not found", file=relative)
    extra_programs = PROBLEM_SOURCES / problem["id"]
    if extra_programs.is_dir():
        solutions, meta, incorrect, incorrect_meta, skipped = read_submissions(extra_programs)
        if skipped:
            raise AlphasolveError(f"unusable programs: {skipped}", file=str(extra_programs))
        for kind, programs, metas in (("solutions", solutions, meta), ("incorrect_solutions", incorrect, incorrect_meta)):
            meta_key = "solution_meta" if kind == "solutions" else "incorrect_solution_meta"
            existing = problem.get(meta_key) or [{} for _ in problem[kind]]
            problem[kind] = problem[kind] + programs
            problem[meta_key] = existing + [{**m, "author": ALPHASOLVE_SOLUTION} for m in metas]
    return problem, True


def build_handwritten(name: str) -> tuple[dict[str, Any], bool]:
    source = PROBLEM_SOURCES / name
    generator = _load_module(source / "generator.py", f"alphasolve_generator_{name.replace('-', '_')}")
    with tempfile.TemporaryDirectory(prefix="alphasolve-handwritten-") as work:
        package = Path(work) / name
        shutil.copytree(source, package, ignore=shutil.ignore_patterns("__pycache__", "generator.py", "input_generators"))
        for number, text in enumerate(generator.SAMPLES, 1):
            _write_test(package / "data" / "sample" / f"{number}", text, generator.solve)
        for number, (label, text) in enumerate(generator.tests(), 1):
            _write_test(package / "data" / "secret" / f"{number:02d}-{label}", text, generator.solve)
        provenance = {key: value.replace("{id}", name) for key, value in HANDWRITTEN_PROVENANCE.items()}
        problem = convert_kattis_package(package, problem_id=name, provenance=provenance)
    problem = expect_problem(problem)
    if problem["skipped_submissions"]:
        raise AlphasolveError(f"unusable programs: {problem['skipped_submissions']}", file=str(source))
    generators = sorted((source / "input_generators").glob("*.py"))
    if generators:  # seed on stdin -> one input: what the replay backend uses for clustering inputs
        problem["input_generators"] = [{"language": "python3", "code": g.read_text()} for g in generators]
    return problem, True


def _write_test(stem: Path, text: str, solve: Callable[[str], str]) -> None:
    stem.parent.mkdir(parents=True, exist_ok=True)
    stem.with_suffix(".in").write_text(text)
    stem.with_suffix(".ans").write_text(solve(text))


def _load_module(path: Path, name: str):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    writes_bytecode, sys.dont_write_bytecode = sys.dont_write_bytecode, True  # no __pycache__ in problems/src
    try:
        spec.loader.exec_module(module)  # type: ignore[union-attr]
    finally:
        sys.dont_write_bytecode = writes_bytecode
    return module


def build_codecontests_test(executor: Executor) -> tuple[dict[str, dict[str, Any]], list[dict[str, str]]]:
    """({file name: problem}, skipped entries) of the CodeContests test set, checkers attached and run."""
    from alphasolve.sources.load import REPORT, import_source, open_source

    with tempfile.TemporaryDirectory(prefix="alphasolve-codecontests-") as work:
        source = open_source(str(shared_file(CODECONTESTS_FILE)), schema="codecontests")
        report = import_source(source, Path(work), keep_checker_problems=True).report
        files = {entry["file"]: json.loads((Path(work) / entry["file"]).read_text()) for entry in report["imported"]}
        assert REPORT not in files
    skipped = [dict(entry) for entry in report["skipped"]]
    problems: dict[str, dict[str, Any]] = {}
    for name, problem in sorted(files.items()):
        ident = problem.get("id") or problem["name"]
        note = problem.pop("judging_note", None)
        if note:  # the statement accepts several answers: imported only with a checker
            checker = CODECONTESTS_CHECKERS / f"{ident.split('.')[0]}.py"
            detail = note.split("; judged by token comparison")[0]
            if not checker.is_file():
                skipped.append({"source_id": ident, "reason": "needs_checker", "detail": detail})
                continue
            problem["checker"] = {"language": "python3", "code": checker_code(checker)}
            problem["checker_style"] = "kattis"
            problem["judging_note"] = (f"{detail}; judged by the checker {checker.relative_to(REPO)}, written for "
                                       "alphasolve (the reference answer is always accepted)")
            _verify_checker(parse_problem(problem, ident), executor)
        problem["provenance"] = {**CODECONTESTS_PROVENANCE, "source_file": Path(CODECONTESTS_FILE).name}
        problems[name] = parse_problem(problem, ident).to_dict()
    return problems, sorted(skipped, key=lambda s: s["source_id"])


def checker_code(path: Path) -> str:
    """The checker in `path` as the one standalone program the sandbox runs: its line
    `from _common import *` replaced by the code of _common.py beside it (all but the docstring)."""
    common = (path.parent / CHECKER_COMMON).read_text()
    docstring = ast.parse(common).body[0]
    if not (isinstance(docstring, ast.Expr) and isinstance(docstring.value, ast.Constant)):
        raise AlphasolveError(f"{path.parent / CHECKER_COMMON}: expected a module docstring first")
    shared = "".join(common.splitlines(keepends=True)[docstring.end_lineno:]).lstrip("\n")
    lines = path.read_text().splitlines(keepends=True)
    at = [k for k, line in enumerate(lines) if line.startswith(CHECKER_IMPORT)]
    if len(at) != 1:
        raise AlphasolveError(f"{path}: expected one line `{CHECKER_IMPORT}` (where {CHECKER_COMMON} goes), "
                              f"found {len(at)}")
    return "".join(lines[:at[0]]) + shared + "".join(lines[at[0] + 1:])


def _verify_checker(problem: Problem, executor: Executor) -> None:
    """The checker must accept every test's reference answer (a checker bug shows here, not in a run)."""
    tests = problem.public_tests + problem.hidden_tests
    decisions = executor.check(problem.checker, [(t.input, t.output, t.output) for t in tests])
    refused = [(k, d) for k, d in enumerate(decisions) if not d.accepted]
    if refused:
        k, decision = refused[0]
        raise AlphasolveError(f"{problem.problem_id}: the checker refuses the reference answer of test {k + 1} "
                              f"({decision.verdict.value}: {decision.message[:300]}) and {len(refused) - 1} more")


def write_codecontests_test(problems: dict[str, dict[str, Any]], skipped: list[dict[str, str]]) -> None:
    """Write codecontests-test/*.json (removing files of problems no longer built) and SKIPPED.md."""
    out = PROBLEMS / CODECONTESTS_SET
    out.mkdir(exist_ok=True)
    for stale in sorted(set(p.name for p in out.glob("*.json")) - set(problems)):
        (out / stale).unlink()
    for name, problem in problems.items():
        write_atomically(out / name, problem)
    checkers = sorted(p["name"] for p in problems.values() if "checker" in p)
    lines = [
        "# CodeContests test problems alphasolve does not ship",
        "",
        f"Generated by `scripts/build_problems.py` from `{Path(CODECONTESTS_FILE).name}`: of its "
        f"{len(problems) + len(skipped)} problems, {len(problems)} are in this directory "
        f"({len(checkers)} of them judged by a checker written for alphasolve, "
        f"`problems/src/{CODECONTESTS_SET}/checkers/`). The other {len(skipped)}, with the importer's reason:",
        "",
        "| problem | reason | why |",
        "|---|---|---|",
        *(f"| {_cell(s['source_id'])} | `{s['reason']}` | {_cell(s['detail'])} |" for s in skipped),
        "",
    ]
    write_text(out / "SKIPPED.md", "\n".join(lines))


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def write_text(path: Path, text: str) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(text)
    os.chmod(tmp, 0o644)
    os.replace(tmp, path)


def builders() -> dict[str, Callable[[], tuple[dict[str, Any], bool]]]:
    table: dict[str, Callable[[], tuple[dict[str, Any], bool]]] = {
        "kattis-different": build_kattis_different,
        f"codeflaws-{CODEFLAWS_PROBLEM}": build_codeflaws,
    }
    for relative, record_id in GCJ_PROBLEMS:
        table[gcj_problem_id(record_id)] = lambda r=relative, i=record_id: build_gcj(r, i)
    for name in HANDWRITTEN:
        table[name] = lambda n=name: build_handwritten(n)
    return table


# -- verification -------------------------------------------------------------------------


def verify(problem_dict: dict[str, Any], executor: Executor, strict: bool) -> dict[str, Any]:
    """Run every program on every test; drop (or, if strict, refuse) the mislabelled ones."""
    problem = parse_problem(problem_dict, problem_dict["id"])
    names = problem_dict.get("test_names", {})
    test_names = names.get("public", []) + names.get("private", [])
    if len(test_names) != len(problem.public_tests) + len(problem.hidden_tests):
        test_names = [f"test {k + 1}" for k in range(len(problem.public_tests) + len(problem.hidden_tests))]
    first_failures = first_failure_of_each_program(problem, executor)

    out = dict(problem_dict)
    for kind in ("solutions", "incorrect_solutions"):
        meta_key = "solution_meta" if kind == "solutions" else "incorrect_solution_meta"
        programs, metas = out[kind], out.get(meta_key) or [{} for _ in out[kind]]
        if len(metas) != len(programs):
            raise AlphasolveError(f"{problem.problem_id}: {meta_key} does not match {kind} one to one")
        kept, kept_meta, dropped = [], [], []
        for k, (program, meta) in enumerate(zip(programs, metas)):
            failed = first_failures[(kind, k)]
            mislabel = _mislabel(kind, meta, failed, test_names, strict)
            if mislabel:
                dropped.append({**meta, "reason": mislabel})
                if strict:
                    label = meta.get("path") or meta.get("submission_id") or f"{kind}[{k}]"
                    raise AlphasolveError(f"{problem.problem_id}: {label} is mislabelled: {mislabel}")
                continue
            if failed is not None:
                meta = {**meta, "passes_public_tests": failed[0] >= len(problem.public_tests),
                        "first_failure": {"test": test_names[failed[0]], "verdict": failed[1]}}
            kept.append(program)
            kept_meta.append(meta)
        out[kind], out[meta_key] = kept, kept_meta
        if dropped:
            out[f"dropped_{kind}"] = dropped
    if not out["solutions"]:
        raise AlphasolveError(f"{problem.problem_id}: no correct solution passes every test")
    return parse_problem(out, problem.problem_id).to_dict()


def first_failure_of_each_program(problem: Problem, executor: Executor) -> dict[tuple[str, int], tuple[int, str] | None]:
    """{(kind, index): (test index, verdict) of the program's first failing test, or None}."""
    tests = problem.public_tests + problem.hidden_tests
    limits = Limits(time_s=problem.time_limit_s or DEFAULT_TIME_LIMIT_S,
                    **({"memory_bytes": problem.memory_limit_bytes} if problem.memory_limit_bytes else {}))
    inputs, outputs = [t.input for t in tests], [t.output for t in tests]
    jobs = [Job((kind, k), Program(s.language, s.code), inputs, limits, outputs, problem.compare,
                stop_on_failure=True)
            for kind, programs in (("solutions", problem.solutions), ("incorrect_solutions", problem.incorrect_solutions))
            for k, s in enumerate(programs)]
    return {job.key: next(((k, r.verdict.value) for k, r in enumerate(results) if not r.verdict.passed), None)
            for job, results in executor.map(jobs)}


def _mislabel(kind: str, meta: dict[str, Any], failed: tuple[int, str] | None,
                   test_names: list[str], strict: bool) -> str | None:
    """Why a program's label disagrees with how it ran, or None when it agrees."""
    if kind == "solutions" and failed is not None:
        return f"fails {test_names[failed[0]]} ({failed[1]}) with alphasolve's executor"
    if kind == "incorrect_solutions" and failed is None:
        return "passes every test with alphasolve's executor"
    if strict and failed is not None and not _failure_matches_label(meta, failed[1]):
        return f"is in {meta['verdict']}/ but first fails {test_names[failed[0]]} with {failed[1]}"
    return None


#: the executor verdict a program in a Kattis verdict directory must first fail with
_DIRECTORY_VERDICTS = {"wrong_answer": "wrong_answer", "time_limit_exceeded": "time_limit",
                       "run_time_error": "runtime_error", "memory_limit_exceeded": "memory_limit"}


def _failure_matches_label(meta: dict[str, Any], verdict: str) -> bool:
    expected = _DIRECTORY_VERDICTS.get(meta.get("verdict", ""))
    return expected is None or expected == verdict


# -- writing ------------------------------------------------------------------------------


def write_atomically(path: Path, problem: dict[str, Any]) -> None:
    text = json.dumps(problem, sort_keys=True, indent=1, ensure_ascii=False) + "\n"
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def summary(problem: dict[str, Any]) -> str:
    hard = sum(1 for m in problem.get("incorrect_solution_meta", []) if m.get("passes_public_tests"))
    return (f"{problem['id']}: {len(problem['public_tests'])} public + {len(problem['private_tests'])} private tests, "
            f"{len(problem['solutions'])} solutions, {len(problem['incorrect_solutions'])} incorrect "
            f"({hard} pass the public tests)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", action="append", metavar="ID", help="build only this problem (repeatable)")
    parser.add_argument("--no-verify", action="store_true", help="skip running the programs (not for shipping)")
    parser.add_argument("--workers", type=int, default=None, help="executor workers (default: one per core)")
    args = parser.parse_args(argv)
    table = builders()
    wanted = args.only or [*table, CODECONTESTS_SET]
    unknown = sorted(set(wanted) - set(table) - {CODECONTESTS_SET})
    if unknown:
        parser.error(f"unknown problem id(s): {', '.join(unknown)} (known: {', '.join([*table, CODECONTESTS_SET])})")
    try:
        with LocalExecutor(workers=args.workers) as executor:
            for ident in wanted:
                if ident == CODECONTESTS_SET:
                    problems, skipped = build_codecontests_test(executor)
                    write_codecontests_test(problems, skipped)
                    print(f"{CODECONTESTS_SET}/: {len(problems)} problems "
                          f"({sum('checker' in p for p in problems.values())} with a checker), {len(skipped)} skipped "
                          f"(see {CODECONTESTS_SET}/SKIPPED.md)", flush=True)
                    continue
                problem, strict = table[ident]()
                if not args.no_verify:
                    problem = verify(problem, executor, strict)
                write_atomically(PROBLEMS / f"{ident}.json", problem)
                print(summary(problem), flush=True)
    except AlphasolveError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())

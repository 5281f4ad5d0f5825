"""The source converters (Kattis packages, Codeflaws, Code Jam archive) on the real files in ../shared."""

from __future__ import annotations

import json
import os
import tarfile
from pathlib import Path

import pytest

from alphasolve.errors import AlphasolveError
from alphasolve.problem import parse_problem
from alphasolve.sources import Skip, SkipReason, compare_from_validator_flags, is_python2_only
from alphasolve.sources.codeflaws import convert_codeflaws_record, read_codeflaws_records
from alphasolve.sources.gcj import (convert_gcj_record, limits_from_statement, read_gcj_records,
                                    samples_from_statement, statement_to_text)
from alphasolve.sources.kattis import convert_kattis_package, latex_statement_to_text

SHARED = Path(os.environ.get("ALPHASOLVE_SHARED") or Path(__file__).resolve().parents[2] / ".." / "shared").resolve()


def shared_file(relative: str) -> Path:
    """A file from ../shared; a missing one fails the test, naming it (never a silent skip)."""
    path = SHARED / relative
    if not path.is_file():
        pytest.fail(f"shared data file missing: {path} (set ALPHASOLVE_SHARED to the shared/ folder)")
    return path


def canonical(problem: dict) -> str:
    return json.dumps(problem, sort_keys=True)


# -- Kattis -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def kattis_examples(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("kattis")
    with tarfile.open(shared_file("data/kattis-examples/examples.tar.gz")) as tar:
        tar.extractall(root, filter="data")
    return next(root.rglob("different/problem.yaml")).parent.parent


def test_kattis_custom_validation_is_skipped_unless_allowed(kattis_examples):
    skipped = convert_kattis_package(kattis_examples / "different")
    assert isinstance(skipped, Skip) and skipped.reason == SkipReason.CUSTOM_VALIDATION
    assert skipped.source_id == "kattis-different" and "validator" in str(skipped)


def test_kattis_different_converts_tests_submissions_and_statement(kattis_examples):
    problem = convert_kattis_package(kattis_examples / "different", allow_custom_validation=True)
    assert parse_problem(problem).to_dict() == problem
    assert problem["id"] == "kattis-different" and problem["name"] == "A Different Problem"
    assert [t["input"] for t in problem["public_tests"]] == [(kattis_examples / "different/data/sample/1.in").read_text()]
    assert problem["test_names"] == {"public": ["sample/1"], "private": ["secret/01", "secret/02_extreme_cases"]}
    assert [m["path"] for m in problem["solution_meta"]] == [
        "submissions/accepted/different.c", "submissions/accepted/different.cc",
        "submissions/accepted/different_py3.py", "submissions/accepted/different_stdio.cc"]
    assert [s["language"] for s in problem["solutions"]] == ["c", "cpp", "python3", "cpp"]
    assert [m["verdict"] for m in problem["incorrect_solution_meta"]] == [
        "time_limit_exceeded", "wrong_answer", "wrong_answer"]
    assert len(problem["incorrect_solutions"]) == 3
    skipped = {s["path"]: s["reason"] for s in problem["skipped_submissions"]}
    assert "Python 2" in skipped["submissions/accepted/different_py2.py"]
    assert ".java" in skipped["submissions/accepted/Different.java"]
    assert "slow_accepted" in skipped["submissions/slow_accepted/different_slow.py"]
    assert problem["description"].startswith("# A Different Problem\n")
    assert "## Input" in problem["description"] and "\\section" not in problem["description"]
    assert problem["provenance"]["problem_license"] == "cc by-sa"
    assert "validation_note" in problem
    again = convert_kattis_package(kattis_examples / "different", allow_custom_validation=True)
    assert canonical(again) == canonical(problem)


def test_kattis_interactive_is_skipped(kattis_examples):
    skipped = convert_kattis_package(kattis_examples / "guess")
    assert isinstance(skipped, Skip) and skipped.reason == SkipReason.INTERACTIVE


def test_kattis_scoring_package_with_test_groups_and_limits(kattis_examples):
    oddecho = convert_kattis_package(kattis_examples / "oddecho")
    assert "scoring" in oddecho["kattis_type"]
    assert len(oddecho["public_tests"]) == 2 and len(oddecho["private_tests"]) >= 10
    assert all(name.startswith("secret/subtask") for name in oddecho["test_names"]["private"])
    assert [m["verdict"] for m in oddecho["incorrect_solution_meta"]] == ["partially_accepted"]
    hello = convert_kattis_package(kattis_examples / "hello")
    assert hello["memory_limit_bytes"] == 512 * 1024 * 1024
    assert hello["public_tests"] == [] and len(hello["private_tests"]) == 1


def test_kattis_malformed_packages_raise_naming_the_file(tmp_path):
    with pytest.raises(AlphasolveError, match="problem.yaml"):
        convert_kattis_package(tmp_path)
    (tmp_path / "problem.yaml").write_text("name: X\nvalidator_flags: float_tolerance 1e-4 case_sensitive\n")
    (tmp_path / "data" / "sample").mkdir(parents=True)
    (tmp_path / "data" / "sample" / "1.in").write_text("1\n")
    with pytest.raises(AlphasolveError, match=r"1\.in"):
        convert_kattis_package(tmp_path)
    (tmp_path / "data" / "sample" / "1.ans").write_text("1.0\n")
    problem = convert_kattis_package(tmp_path, problem_id="x")
    assert problem["compare"] == {"float_abs": 1e-4, "float_rel": 1e-4, "case_sensitive": True}


def test_validator_flags_and_python2_detection():
    assert compare_from_validator_flags(None, "f") == ({"case_sensitive": False}, [])
    compare, notes = compare_from_validator_flags("float_relative_tolerance 1e-6 space_change_sensitive", "f")
    assert compare == {"case_sensitive": False, "float_rel": 1e-6} and "space_change_sensitive" in notes[0]
    with pytest.raises(AlphasolveError, match="needs a number"):
        compare_from_validator_flags("float_tolerance x", "f")
    assert is_python2_only("print 'hi'\n") and is_python2_only("#!/usr/bin/env python2\nprint(1)\n")
    assert not is_python2_only("#!/usr/bin/env python3\nprint(1)\n")


def test_latex_statement_to_text():
    text = latex_statement_to_text("\\problemname{P}\n% comment\n\\section*{Input}\nRead \\emph{two} ints.\\\\\n")
    assert text == "# P\n\n## Input\nRead two ints.\n"


# -- Codeflaws ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def codeflaws_records() -> list[dict]:
    return list(read_codeflaws_records(shared_file("data/codeflaws/codeflaws-dev.jsonl.gz")))


def test_codeflaws_record_converts(codeflaws_records):
    record = next(r for r in codeflaws_records if r["problem"] == "581-A")
    problem = convert_codeflaws_record(record)
    assert parse_problem(problem).to_dict() == problem
    assert problem["id"] == "codeflaws-581-A"
    assert problem["public_tests"] == record["tests"][:1] and problem["private_tests"] == record["tests"][1:]
    assert len(problem["solutions"]) == len(record["accepted"]) and len(problem["incorrect_solutions"]) == len(record["buggy"])
    assert {s["language"] for s in problem["solutions"] + problem["incorrect_solutions"]} == {"c"}
    assert "https://codeforces.com/problemset/problem/581/A" in problem["description"]
    assert problem["provenance"]["license"] == "MIT"
    assert [m["submission_id"] for m in problem["incorrect_solution_meta"]] == [b["submission_id"] for b in record["buggy"]]
    assert canonical(convert_codeflaws_record(record)) == canonical(problem)


def test_codeflaws_msvc_formats_are_rewritten_and_said_so(codeflaws_records):
    record = next(r for r in codeflaws_records if any("%I64d" in s["code"] for s in r["accepted"])
                  and r["ref_check"]["first_accepted_exact_pass"] == r["ref_check"]["tests"])
    problem = convert_codeflaws_record(record)
    assert problem["code_rewrites"]["programs_changed"] > 0 and "%lld" in problem["code_rewrites"]["note"]
    assert not any("%I64" in s["code"] for s in problem["solutions"] + problem["incorrect_solutions"])


def test_codeflaws_skips_problems_that_need_a_checker_and_converts_or_skips_every_record(codeflaws_records):
    reasons = {}
    for record in codeflaws_records:
        result = convert_codeflaws_record(record)
        if isinstance(result, Skip):
            reasons.setdefault(result.reason, []).append(result.source_id)
    partial = next(r for r in codeflaws_records if r["ref_check"]["first_accepted_exact_pass"] != r["ref_check"]["tests"])
    assert f"codeflaws-{partial['problem']}" in reasons[SkipReason.NEEDS_CHECKER]
    assert set(reasons) <= {SkipReason.NEEDS_CHECKER, SkipReason.NO_ACCEPTED_SOLUTION, SkipReason.NO_TESTS}
    assert isinstance(convert_codeflaws_record(partial, require_exact_ref_check=False), dict)


def test_codeflaws_malformed_record_raises():
    with pytest.raises(AlphasolveError, match="tests"):
        convert_codeflaws_record({"problem": "1-A", "accepted": [], "buggy": [], "tests": "x"})


# -- Code Jam archive ---------------------------------------------------------------------

COOKIE = "codejam/2014/qualification_round/cookie_clicker_alpha"
SHEEP = "codejam/2016/qualification_round/counting_sheep"


@pytest.fixture(scope="module")
def codejam_records() -> dict[str, dict]:
    """The records the tests need from codejam.jsonl.gz (one pass over the file)."""
    wanted: dict[str, dict] = {}
    for record in read_gcj_records(shared_file("data/gcj/codejam.jsonl.gz")):
        if record["id"] in (COOKIE, SHEEP):
            wanted[record["id"]] = record
        for key, matches in (("interactive", record["interactive"]),
                             ("custom", record["validation"] == "custom"),
                             ("missing", bool(record["missing_tests_over_4MiB"]) and record["validation"] == "default"),
                             ("with_samples", bool(record["sample_tests"]) and record["validation"] == "default")):
            if matches:
                wanted.setdefault(key, record)
    return wanted


def test_gcj_float_tolerance_problem(codejam_records):
    problem = convert_gcj_record(codejam_records[COOKIE])
    assert parse_problem(problem).to_dict() == problem
    assert problem["id"] == "gcj-codejam-2014-qualification_round-cookie_clicker_alpha"
    assert problem["compare"] == {"float_abs": 1e-6, "float_rel": 1e-6, "case_sensitive": False}
    assert problem["time_limit"] == 120.0 and problem["memory_limit_bytes"] == 1024 ** 3
    assert problem["sample_tests_from"] == "statement"
    assert problem["public_tests"][0]["output"].startswith("Case #1: 1.0000000\n")
    assert len(problem["private_tests"]) == 2
    description = problem["description"]
    assert "Cookie Clicker is a Javascript game" in description and "<p>" not in description
    assert "save_alt" not in description and "content_copy" not in description
    assert problem["provenance"]["license"] == "Apache-2.0" and "Google" in problem["provenance"]["attribution"]
    assert canonical(convert_gcj_record(codejam_records[COOKIE])) == canonical(problem)


def test_gcj_integer_problem_drops_the_archive_default_tolerance(codejam_records):
    problem = convert_gcj_record(codejam_records[SHEEP])
    assert problem["compare"]["float_abs"] is None and problem["compare"]["float_rel"] is None
    assert "dropped" in problem["compare_notes"][0]
    assert problem["output_validator_flags"] == "float_tolerance 1e-6"
    assert "INSOMNIA" in problem["public_tests"][0]["output"] and problem["time_limit"] == 20.0


def test_gcj_sample_tests_from_the_record(codejam_records):
    problem = convert_gcj_record(codejam_records["with_samples"])
    assert problem["sample_tests_from"] == "sample_tests"
    assert problem["public_tests"][0]["input"] == codejam_records["with_samples"]["sample_tests"][0]["input"]


def test_gcj_unsupported_problems_are_skipped_with_a_reason(codejam_records):
    assert convert_gcj_record(codejam_records["interactive"]).reason == SkipReason.INTERACTIVE
    assert convert_gcj_record(codejam_records["custom"]).reason == SkipReason.CUSTOM_VALIDATION
    missing = convert_gcj_record(codejam_records["missing"])
    assert missing.reason == SkipReason.MISSING_TESTS and "4 MiB" in missing.detail
    allowed = convert_gcj_record(codejam_records["missing"], allow_missing_tests=True)
    assert allowed["missing_tests"] == codejam_records["missing"]["missing_tests_over_4MiB"]


def test_gcj_statement_helpers():
    html = ('<html><head><style>x{}</style></head><body><h1>T</h1><p>Read <i>N</i> &lt; 10<sup>6</sup>, '
            '$$$\\mathbf{N}$$$.</p><div class="sample-header-copy-button"><i class="material-icons">content_copy</i>'
            '<span>Copied!</span></div><pre class="sample-content-text" id="sample_input_0">2\n1 2\n</pre>'
            '<pre class="sample-content-text" id="sample_output_0">Case #1: 3\n</pre></body></html>')
    text = statement_to_text(html)
    assert text.startswith("# T\n") and "Read N < 10^6, $\\mathbf{N}$." in text
    assert "Copied" not in text and "content_copy" not in text and "2\n1 2\n" in text
    assert samples_from_statement(html) == [{"name": "statement/sample1", "input": "2\n1 2\n", "output": "Case #1: 3\n"}]
    assert limits_from_statement("Time limit: 20 seconds per test set.\nMemory limit: 1GB.") == (20.0, 1024.0)
    assert limits_from_statement("Time limit: 20 seconds per test set. (10 seconds per test run.)")[0] == 10.0
    assert limits_from_statement("no limits here") == (None, None)


def test_gcj_malformed_record_raises():
    with pytest.raises(AlphasolveError, match="secret_tests"):
        convert_gcj_record({"id": "x/1", "validation": "default", "secret_tests": [{"input": 1}]})

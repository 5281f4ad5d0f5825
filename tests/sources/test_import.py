"""`alphasolve import`: datasets built with `datasets` itself in tmp_path, and the shared files.

No test touches the Hugging Face hub: the hub path is the same code with another
`load_dataset` call, checked by replacing that call with a local one.
"""

from __future__ import annotations

import atexit
import base64
import datetime as dt
import json
import os
import pickle
import shutil
import tempfile
import zlib
from pathlib import Path

os.environ.setdefault("HF_DATASETS_OFFLINE", "1")  # never reach the hub, even by mistake
os.environ.setdefault("HF_HUB_OFFLINE", "1")
_HF_CACHE = tempfile.mkdtemp(prefix="alphasolve-test-hf-")  # datasets leaves lock files even when streaming
os.environ.setdefault("HF_DATASETS_CACHE", _HF_CACHE)
atexit.register(shutil.rmtree, _HF_CACHE, ignore_errors=True)

import datasets  # noqa: E402
import pytest  # noqa: E402
from typer.testing import CliRunner  # noqa: E402

from alphasolve.cli import app  # noqa: E402
from alphasolve.problem import load_problem  # noqa: E402
from alphasolve.sources.hf import decode_lcb_tests, judging, parse_date, pickled_string, UnsafeEncoding  # noqa: E402
from support import (ADD_CORRECT_PY, ADD_CORRECT_PY2, ADD_WRONG_CONST, ADD_WRONG_CRASH, ADD_WRONG_MUL,  # noqa: E402
                     run_cli, shared_file)

runner = CliRunner()

# -- dataset builders -----------------------------------------------------------------------------


def cc_record(name: str, description: str, *, public=(("2 2\n", "4\n"),), private=(("1 2\n", "3\n"), ("10 -3\n", "7\n")),
              difficulty: int = 7, rating: int = 800) -> dict:
    """A record in DeepMind CodeContests' shape (every field, as `datasets` has them)."""
    tests = lambda pairs: {"input": [i for i, _ in pairs], "output": [o for _, o in pairs]}  # noqa: E731
    return {
        "name": name, "description": description, "public_tests": tests(public), "private_tests": tests(private),
        "generated_tests": tests(()), "source": 2, "difficulty": difficulty,
        "solutions": {"language": [3, 3], "solution": [ADD_CORRECT_PY, ADD_CORRECT_PY2]},
        "incorrect_solutions": {"language": [3, 3, 3], "solution": [ADD_WRONG_MUL, ADD_WRONG_CONST, ADD_WRONG_CRASH]},
        "cf_contest_id": 1000, "cf_index": name[5], "cf_points": 500.0, "cf_rating": rating, "cf_tags": ["math"],
        "is_description_translated": False, "untranslated_description": "",
        "time_limit": {"seconds": 2, "nanos": 0}, "memory_limit_bytes": 256 * 1024 * 1024,
        "input_file": "", "output_file": "",
    }


CODECONTESTS = [
    cc_record("1000_A. Add Two", "Read two integers a and b and print a + b."),
    cc_record("1000_B. Guess", "This is an interactive problem. Guess the number; flush the output after each query.",
              difficulty=8, rating=1200),
    cc_record("1000_C. Empty", "A problem whose tests were lost.", public=(), private=(), difficulty=9, rating=1300),
    cc_record("1000_D. Any Pair", "Print two numbers with sum s. If there are multiple answers, print any of them.",
              difficulty=10, rating=1400),
    cc_record("1000_E. Average", "Print (a + b) / 2. Your answer is accepted if its absolute or relative error does "
              "not exceed 10^{-6}.", public=(("2 2\n", "2.0\n"),), private=(("1 2\n", "1.5\n"),), difficulty=11, rating=1600),
    cc_record("1000_F. Even", "Print YES if a + b is even. You can print each letter in any case (upper or lower).",
              public=(("2 2\n", "YES\n"),), private=(("1 2\n", "NO\n"),), difficulty=12, rating=2000),
    cc_record("1000_G. Public Only", "Print a + b.", private=(), difficulty=13, rating=2100),
]
CC_IMPORTED = ["1000_A.-Add-Two.json", "1000_E.-Average.json", "1000_F.-Even.json"]


def invoke(*args: str):
    result = runner.invoke(app, [str(a) for a in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result


def imported(out: Path) -> list[str]:
    return sorted(p.name for p in out.glob("*.json") if p.name != "import-report.json")


def snapshot(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.iterdir())}


def report(out: Path) -> dict:
    return json.loads((out / "import-report.json").read_text())


@pytest.fixture(scope="module")
def cc_parquet(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("cc") / "code_contests-test.parquet"
    datasets.Dataset.from_list(CODECONTESTS).to_parquet(str(path))
    return path


# -- CodeContests -----------------------------------------------------------------------------


def test_codecontests_parquet_imports_validated_records_and_reports_skips(cc_parquet, tmp_path):
    out = tmp_path / "problems"
    result = invoke("import", cc_parquet, "--out", out)
    assert result.exit_code == 0, result.output
    assert imported(out) == CC_IMPORTED
    rep = report(out)
    assert rep["counts"] == {"records": 7, "imported": 3, "skipped": 4, "filtered": 0}
    assert rep["format"] == "parquet" and rep["dataset"] == "codecontests"
    assert {s["source_id"]: s["reason"] for s in rep["skipped"]} == {
        "1000_B. Guess": "interactive", "1000_C. Empty": "no_tests", "1000_D. Any Pair": "needs_checker",
        "1000_G. Public Only": "missing_tests"}
    assert "print any of them" in next(s["detail"] for s in rep["skipped"] if s["reason"] == "needs_checker")
    for reason in ("interactive", "needs_checker", "missing_tests", "no_tests", "imported 3 of 7"):
        assert reason in result.output

    add = json.loads((out / "1000_A.-Add-Two.json").read_text())
    assert add == CODECONTESTS[0]  # kept as it is: CodeContests shape, languages as integers
    problem = load_problem(out / "1000_A.-Add-Two.json")
    assert problem.problem_id == "1000_A. Add Two" and len(problem.hidden_tests) == 2 and problem.rating == 800
    assert [s.language for s in problem.solutions] == ["python3", "python3"]
    assert load_problem(out / "1000_E.-Average.json").compare.float_abs == pytest.approx(1e-6)
    assert load_problem(out / "1000_F.-Even.json").compare.case_sensitive is False

    before = snapshot(out)
    assert invoke("import", cc_parquet, "--out", out).exit_code == 0
    assert snapshot(out) == before  # repeatable, byte for byte (the report too)


def test_every_local_format_gives_the_same_problems(cc_parquet, tmp_path):
    expected_dir = tmp_path / "from-parquet"
    assert invoke("import", cc_parquet, "--out", expected_dir).exit_code == 0
    expected = {k: v for k, v in snapshot(expected_dir).items() if k != "import-report.json"}
    ds = datasets.Dataset.from_list(CODECONTESTS)
    ds.to_json(str(tmp_path / "cc.jsonl"))
    ds.to_json(str(tmp_path / "cc.jsonl.gz"), compression="gzip")
    ds.save_to_disk(str(tmp_path / "disk"))
    datasets.DatasetDict({"train": ds.select([1]), "test": ds}).save_to_disk(str(tmp_path / "dict"))
    (tmp_path / "repo" / "data").mkdir(parents=True)  # a hub-style snapshot: data/<split>-*.parquet
    ds.to_parquet(str(tmp_path / "repo" / "data" / "test-00000-of-00001.parquet"))
    arrow = next((tmp_path / "disk").glob("*.arrow"))
    cases = [("cc.jsonl", [], "json"), ("cc.jsonl.gz", [], "json"), ("disk", [], "disk"),
             ("dict", ["--split", "test"], "disk"), (arrow, [], "arrow"), ("repo", ["--split", "test"], "folder")]
    for source, extra, fmt in cases:
        out = tmp_path / f"out-{Path(source).name}"
        result = invoke("import", tmp_path / source, "--out", out, *extra)
        assert result.exit_code == 0, (source, result.output)
        assert {k: v for k, v in snapshot(out).items() if k != "import-report.json"} == expected, source
        assert report(out)["format"] == fmt
    result = invoke("import", tmp_path / "dict", "--out", tmp_path / "x")
    assert result.exit_code == 2 and "choose a split with --split (train, test)" in result.output


def test_filters_limit_and_stale_files(cc_parquet, tmp_path):
    out = tmp_path / "p"
    cases = [(["--difficulty", "700:1700"], CC_IMPORTED[:2]), (["--difficulty", ":1000"], CC_IMPORTED[:1]),
             (["--difficulty", "E:F"], CC_IMPORTED[1:]), (["--difficulty", "a"], CC_IMPORTED[:1]),
             (["--keep-checker-problems", "--allow-missing-tests", "--difficulty", "1400:"],
              ["1000_D.-Any-Pair.json", "1000_E.-Average.json", "1000_F.-Even.json", "1000_G.-Public-Only.json"]),
             ([], CC_IMPORTED), (["--limit", "2"], CC_IMPORTED[:2])]
    for options, expected in cases:
        result = invoke("import", cc_parquet, "--out", out, *options)
        assert result.exit_code == 0, result.output
        assert imported(out) == expected, options  # files of the previous import that are out now are removed
    assert report(out)["counts"]["records"] == 5  # --limit stops reading
    kept = json.loads((out / "1000_A.-Add-Two.json").read_text())
    assert kept == CODECONTESTS[0]
    invoke("import", cc_parquet, "--out", out, "--keep-checker-problems", "--difficulty", "D:D")
    assert "print any of them" in json.loads((out / "1000_D.-Any-Pair.json").read_text())["judging_note"]
    assert report(out)["filtered_reasons"] == {"difficulty outside D:D": 6}

    for options, message in ((["--date", "2020:"], "CodeContests records have no contest date"),
                             (["--difficulty", "interview"], "unknown CodeContests difficulty 'interview'"),
                             (["--difficulty", ":"], "give MIN:MAX"), (["--schema", "nope"], "unknown schema")):
        result = invoke("import", cc_parquet, "--out", out, *options)
        assert result.exit_code == 2 and message in result.output, result.output
        assert result.output.count("\n") == 1  # one line, no traceback


def test_hub_names_go_through_load_dataset_with_the_split(cc_parquet, tmp_path, monkeypatch):
    real_load = datasets.load_dataset
    calls = []

    def fake_load(path, name=None, **kwargs):
        calls.append((path, name, kwargs))
        return real_load("parquet", data_files=str(cc_parquet), split="train", streaming=True)

    monkeypatch.setattr(datasets, "load_dataset", fake_load)
    out = tmp_path / "hub"
    result = invoke("import", "deepmind/code_contests", "--split", "test", "--out", out, "--limit", "1")
    assert result.exit_code == 0, result.output
    assert calls == [("deepmind/code_contests", None, {"split": "test", "revision": None, "streaming": True})]
    assert imported(out) == CC_IMPORTED[:1] and report(out)["format"] == "hub"

    def failing_load(*args, **kwargs):
        raise ConnectionError("no route to host")

    monkeypatch.setattr(datasets, "load_dataset", failing_load)
    result = invoke("import", "deepmind/code_contests", "--out", out)
    assert result.exit_code == 2 and "cannot load the dataset: ConnectionError: no route to host" in result.output


def test_round_trip_through_solve_in_a_real_process(cc_parquet, tmp_path):
    out = tmp_path / "problems"
    result = run_cli("import", str(cc_parquet), "--out", str(out), "--limit", "1", timeout=120)
    assert result.returncode == 0, result.stderr
    assert "imported 1 of 1 records" in result.stdout
    problem_file = out / CC_IMPORTED[0]
    solved = invoke("solve", problem_file, "--samples", "10", "--out", tmp_path / "run")
    assert solved.exit_code == 0, solved.output
    ranking = json.loads((tmp_path / "run" / "ranking.json").read_text())
    assert ranking["submissions"]


# -- APPS, TACO, LiveCodeBench, open-r1 Codeforces ---------------------------------------------

APPS_STATEMENT = "Add two numbers.\n\n-----Input-----\nTwo integers.\n\n-----Output-----\nTheir sum.\n\n" \
                 "-----Examples-----\nInput\n1 2\n\nOutput\n3\n"


def apps_record(problem_id: int, difficulty: str, io: dict, question: str = APPS_STATEMENT) -> dict:
    return {"problem_id": problem_id, "question": question, "input_output": json.dumps(io),
            "solutions": json.dumps([ADD_CORRECT_PY, "print 'python 2'\n"]), "difficulty": difficulty,
            "url": f"https://codeforces.com/problemset/problem/{problem_id}/A", "starter_code": ""}


def test_apps_and_taco_records(tmp_path):
    tests = {"inputs": ["5 7\n", "1 2\n", "0 0\n"], "outputs": ["12\n", "3\n", "0\n"]}
    records = [apps_record(10, "introductory", tests),
               apps_record(11, "interview", {"inputs": [[1, 2]], "outputs": [3], "fn_name": "add"}),
               apps_record(12, "competition", tests, question="Add two numbers (no examples shown).")]
    datasets.Dataset.from_list(records).to_json(str(tmp_path / "apps.jsonl"))
    out = tmp_path / "apps"
    result = invoke("import", tmp_path / "apps.jsonl", "--out", out, "--split", "test")
    assert result.exit_code == 0, result.output
    assert imported(out) == ["apps-test-10.json", "apps-test-12.json"]
    assert report(out)["skipped"][0]["reason"] == "function_call" and "add(...)" in report(out)["skipped"][0]["detail"]
    data = json.loads((out / "apps-test-10.json").read_text())
    assert data["public_tests"] == [{"input": "1 2\n", "output": "3\n"}] and len(data["private_tests"]) == 2
    assert data["public_tests_from"] == "the statement's examples"
    assert data["solutions"] == [{"language": "python3", "code": ADD_CORRECT_PY}]  # the Python 2 one is dropped
    assert data["dropped_solutions"]["count"] == 1
    assert data["url"].endswith("/10/A") and data["difficulty"] == "introductory"  # unknown fields kept
    assert json.loads((out / "apps-test-12.json").read_text())["public_tests"] == [{"input": "5 7\n", "output": "12\n"}]
    assert invoke("import", tmp_path / "apps.jsonl", "--out", out, "--difficulty", "interview:").exit_code == 0
    assert imported(out) == ["apps-12.json"]
    result = invoke("import", tmp_path / "apps.jsonl", "--out", out, "--difficulty", "800:")
    assert result.exit_code == 2 and "introductory, interview, competition" in result.output

    taco = {k: v for k, v in apps_record(0, "MEDIUM", tests).items() if k != "problem_id"}
    taco.update(raw_tags="['math']", tags="['Mathematics']", skill_types="[]", name="Add", source="codeforces",
                time_limit="1.5 seconds", memory_limit="64 megabytes", date="2021-05-13", picture_num="0",
                **{"Expected Time Complexity": None, "Expected Auxiliary Space": None})
    datasets.Dataset.from_list([taco]).to_parquet(str(tmp_path / "taco.parquet"))
    result = invoke("import", tmp_path / "taco.parquet", "--out", tmp_path / "taco", "--date", "2021")
    assert result.exit_code == 0, result.output
    problem = load_problem(tmp_path / "taco" / "taco-0.json")
    assert problem.tags == ["Mathematics"] and problem.time_limit_s == 1.5 and problem.memory_limit_bytes == 64 << 20
    assert problem.extra["tags_text"] == "['Mathematics']" and problem.extra["source"] == "codeforces"


def lcb_private(tests: list) -> str:
    return base64.b64encode(zlib.compress(pickle.dumps(json.dumps(tests)))).decode()


def test_livecodebench_decodes_private_tests_without_unpickling(tmp_path, monkeypatch):
    def lcb(qid, platform, date, public, private, difficulty="easy"):
        return {"question_title": f"Problem {qid}", "question_content": "Print a + b.", "platform": platform,
                "question_id": qid, "contest_id": qid.split("_")[0], "contest_date": date, "starter_code": "",
                "difficulty": difficulty, "public_test_cases": json.dumps(public), "private_test_cases": private,
                "metadata": "{}"}
    stdin = lambda i, o: {"input": i, "output": o, "testtype": "stdin"}  # noqa: E731
    hidden = [stdin("1 2\n", "3\n"), stdin("5 5\n", "10\n")]
    object_pickle = base64.b64encode(zlib.compress(pickle.dumps(dt.date(2024, 1, 1)))).decode()
    records = [lcb("abc340_a", "atcoder", "2024-03-02T00:00:00", [stdin("2 2\n", "4\n")], lcb_private(hidden)),
               lcb("abc341_a", "atcoder", "2024-03-09T00:00:00", [stdin("2 2\n", "4\n")], object_pickle),
               lcb("3000", "leetcode", "2024-03-10T00:00:00",
                   [{"input": "[1]", "output": "1", "testtype": "functional"}], "[]", "medium"),
               lcb("abc300_a", "atcoder", "2023-04-29T00:00:00", [stdin("2 2\n", "4\n")], json.dumps(hidden), "hard")]
    datasets.Dataset.from_list(records).to_parquet(str(tmp_path / "lcb.parquet"))

    def no_unpickling(*args, **kwargs):
        raise AssertionError("untrusted data must not be unpickled")

    monkeypatch.setattr(pickle, "loads", no_unpickling)
    monkeypatch.setattr(pickle, "load", no_unpickling)
    monkeypatch.setattr(pickle, "Unpickler", no_unpickling)
    out = tmp_path / "lcb"
    result = invoke("import", tmp_path / "lcb.parquet", "--out", out)
    assert result.exit_code == 0, result.output
    assert imported(out) == ["lcb-atcoder-abc300_a.json", "lcb-atcoder-abc340_a.json"]
    assert {s["source_id"]: s["reason"] for s in report(out)["skipped"]} == {
        "lcb-atcoder-abc341_a": "unsafe_encoding", "lcb-leetcode-3000": "function_call"}
    problem = load_problem(out / "lcb-atcoder-abc340_a.json")
    assert [(t.input, t.output) for t in problem.private_tests] == [("1 2\n", "3\n"), ("5 5\n", "10\n")]
    assert problem.extra["contest_date"] == "2024-03-02T00:00:00" and problem.extra["metadata"] == {}
    assert invoke("import", tmp_path / "lcb.parquet", "--out", out, "--date", "2024-03:2024-03-05").exit_code == 0
    assert imported(out) == ["lcb-atcoder-abc340_a.json"]
    assert report(out)["filtered_reasons"] == {"date outside 2024-03:2024-03-05": 3}
    assert invoke("import", tmp_path / "lcb.parquet", "--out", out, "--difficulty", "medium:hard").exit_code == 0
    assert imported(out) == ["lcb-atcoder-abc300_a.json"]


def test_open_r1_codeforces_records(tmp_path):
    def cf(ident, rating, start, **extra):
        record = {"id": ident, "aliases": [], "contest_id": ident.split("/")[0], "contest_name": "Round",
                  "contest_type": "CF", "contest_start": start, "contest_start_year": 2023, "index": ident[-1],
                  "time_limit": 1.0, "memory_limit": 256.0, "title": f"Problem {ident}",
                  "description": "Given a and b, print a + b.", "input_format": "Two integers a and b.",
                  "output_format": "One integer.", "interaction_format": None, "note": "In the example 2+2=4.",
                  "examples": [{"input": "2 2\n", "output": "4\n"}], "editorial": "Add them.", "rating": rating,
                  "tags": ["math"], "testset_size": 2,
                  "official_tests": [{"input": "2 2\n", "output": "4\n"}, {"input": "1 2\n", "output": "3\n"}],
                  "official_tests_complete": True, "input_mode": "stdio", "generated_checker": None,
                  "executable": True, "generated_tests": 0}
        record.update(extra)
        return record
    nov_2023, jan_2024 = 1700000000, 1705000000
    records = [cf("1900/A", 800, nov_2023), cf("1900/B", 1200, nov_2023, interaction_format="Ask queries."),
               cf("1900/C", 1300, nov_2023, generated_checker="int main() { /* testlib checker */ }"),
               cf("1901/A", 1500, jan_2024)]
    datasets.DatasetDict({"train": datasets.Dataset.from_list(records)}).save_to_disk(str(tmp_path / "cf"))
    out = tmp_path / "out"
    assert invoke("import", tmp_path / "cf", "--out", out).exit_code == 0
    assert imported(out) == ["codeforces-1900-A.json", "codeforces-1901-A.json"]
    assert report(out)["skip_reasons"] == {"interactive": 1, "needs_checker": 1}
    problem = load_problem(out / "codeforces-1900-A.json")
    assert problem.rating == 800 and problem.time_limit_s == 1.0 and problem.memory_limit_bytes == 256 << 20
    assert "Input\n\nTwo integers" in problem.description and problem.tags == ["math"]
    assert problem.extra["contest_date"] == "2023-11-14" and problem.extra["editorial"] == "Add them."
    assert len(problem.public_tests) == 1 and len(problem.private_tests) == 2
    for options in (["--difficulty", "1000:"], ["--date", "2024-01-01:"]):
        assert invoke("import", tmp_path / "cf", "--out", out, *options).exit_code == 0
        assert imported(out) == ["codeforces-1901-A.json"]


# -- the shared formats ---------------------------------------------------------------------------


def test_shared_codeflaws_kattis_and_gcj_files(tmp_path):
    codeflaws = shared_file("data/codeflaws/codeflaws-dev.jsonl.gz")
    result = invoke("import", codeflaws, "--out", tmp_path / "cf", "--limit", "3")
    assert result.exit_code == 0, result.output
    assert len(imported(tmp_path / "cf")) == 3 and report(tmp_path / "cf")["format"] == "codeflaws"
    for path in (tmp_path / "cf").glob("codeflaws-*.json"):
        assert load_problem(path).solutions

    statements = shared_file("data/codeflaws/codeflaws-dev-statements.jsonl.gz")
    result = invoke("import", codeflaws, "--out", tmp_path / "cfs", "--limit", "3", "--statements", statements)
    assert result.exit_code == 0, result.output
    for path in (tmp_path / "cfs").glob("codeflaws-*.json"):
        problem = load_problem(path)
        assert "Input" in problem.description and "not included" not in problem.description
        assert problem.description != load_problem(tmp_path / "cf" / path.name).description
    result = invoke("import", gcj_bad := shared_file("data/gcj/farewell.jsonl.gz"), "--out", tmp_path / "x",
                    "--statements", statements)
    assert result.exit_code == 2 and "--statements" in result.output and not (tmp_path / "x").exists()
    del gcj_bad

    kattis = shared_file("data/kattis-examples/examples.tar.gz")
    result = invoke("import", kattis, "--out", tmp_path / "k")
    assert result.exit_code == 0, result.output
    assert imported(tmp_path / "k") == ["kattis-hello.json", "kattis-oddecho.json"]
    assert report(tmp_path / "k")["skip_reasons"] == {"custom_validation": 1, "interactive": 1}
    assert invoke("import", kattis, "--out", tmp_path / "k", "--keep-checker-problems").exit_code == 0
    assert imported(tmp_path / "k") == ["kattis-different.json", "kattis-hello.json", "kattis-oddecho.json"]
    assert load_problem(tmp_path / "k" / "kattis-different.json").solutions

    gcj = shared_file("data/gcj/farewell.jsonl.gz")
    result = invoke("import", gcj, "--out", tmp_path / "g", "--limit", "2")
    assert result.exit_code == 0, result.output
    assert len(imported(tmp_path / "g")) == 2 and report(tmp_path / "g")["dataset"] == "gcj"


def test_unknown_sources_are_clear_errors_and_malformed_records_are_skipped(tmp_path):
    datasets.Dataset.from_list([{"text": "hello"}]).to_parquet(str(tmp_path / "other.parquet"))
    for source, message in ((tmp_path / "missing.parquet", "no such file or directory"),
                            (tmp_path / "other.parquet", "cannot tell which dataset these records come from")):
        result = invoke("import", source, "--out", tmp_path / "out")
        assert result.exit_code == 2 and message in result.output, result.output
    bad = cc_record("1000_Z. Bad", "Print a + b.", public=(("2 2\n", "4\n"),))
    bad["public_tests"]["output"] = []
    datasets.Dataset.from_list([bad, CODECONTESTS[0]]).to_json(str(tmp_path / "bad.jsonl"))
    result = invoke("import", tmp_path / "bad.jsonl", "--out", tmp_path / "out")
    assert result.exit_code == 0 and imported(tmp_path / "out") == CC_IMPORTED[:1]
    (skipped,) = report(tmp_path / "out")["skipped"]
    assert skipped["reason"] == "invalid" and "field 'public_tests': 1 inputs but 0 outputs" in skipped["detail"]


# -- the pieces ---------------------------------------------------------------------------------


def test_statement_judging_heuristics():
    assert judging("This is an interactive problem.")[0] == "interactive"
    assert judging("Interaction\nAfter each query flush.")[0] == "interactive"
    assert judging("If there are several answers, output any of them.")[0] == "needs_checker"
    assert judging("You may print the numbers in any order.")[0] == "needs_checker"
    assert judging("If there are multiple answers, print the lexicographically smallest.")[0] is None
    assert judging("Do not print any extra spaces.")[0] is None
    reason, _, compare = judging("The absolute or relative error must not exceed $$$10^{-9}$$$.")
    assert reason is None and compare["float_abs"] == pytest.approx(1e-9) == compare["float_rel"]
    assert judging("absolute error at most 0.0001")[2]["float_abs"] == pytest.approx(1e-4)
    assert judging("with relative error small enough")[0] == "needs_checker"  # a bound it cannot read
    assert judging('Print "Yes" or "No" (in any case).')[2] == {"case_sensitive": False}


def test_compressed_tests_are_read_without_unpickling():
    assert decode_lcb_tests(lcb_private([{"input": "1", "output": "2"}])) == [{"input": "1", "output": "2"}]
    assert pickled_string(pickle.dumps("text", protocol=2)) == "text"
    for payload in (pickle.dumps(["a"]), pickle.dumps(dt.date(2024, 1, 1)), b"cos\nsystem\n(S'true'\ntR.", b"junk"):
        with pytest.raises(UnsafeEncoding):
            pickled_string(payload)
    with pytest.raises(UnsafeEncoding):
        decode_lcb_tests("not base64!")


def test_dates():
    assert parse_date("2024-03-02T10:00:00") == (dt.date(2024, 3, 2),) * 2
    assert parse_date("2023-02") == (dt.date(2023, 2, 1), dt.date(2023, 2, 28))
    assert parse_date(1700000000) == (dt.date(2023, 11, 14),) * 2
    assert parse_date("soon") is None and parse_date(None) is None

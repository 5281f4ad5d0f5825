"""Checker programs (problems with several correct answers) and the Code Jam formats, end to end.

Every program here runs in the real sandbox: the problem "print two integers that sum to N"
has many correct outputs, so it is judged by a checker (Python or C++, Kattis or testlib
convention) in filtering, clustering, `alphasolve judge` and `alphasolve eval`.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from alphasolve.cli import app
from alphasolve.errors import AlphasolveError
from alphasolve.execute import Checker, LocalExecutor, Program, Verdict
from alphasolve.problem import load_problem, parse_problem
from support import REPO

runner = CliRunner()

CHECKER_PY = """\
import sys
n = int(open(sys.argv[1]).read())
answer = open(sys.argv[2]).read()          # the reference answer: any valid pair, unused
words = sys.stdin.read().split()
ok = len(words) == 2 and all(w.lstrip("-").isdigit() for w in words) and int(words[0]) + int(words[1]) == n
with open(sys.argv[3] + "judgemessage.txt", "w") as f:
    f.write("valid pair" if ok else f"expected two integers summing to {n}, got {words[:3]}")
sys.exit(42 if ok else 43)
"""
CHECKER_CPP = """\
#include <fstream>
#include <iostream>
#include <string>
int main(int argc, char** argv) {
    std::ifstream in(argv[1]);
    long long n, a, b;
    std::string extra;
    in >> n;
    bool ok = bool(std::cin >> a >> b) && !(std::cin >> extra) && a + b == n;
    std::ofstream(std::string(argv[3]) + "/judgemessage.txt") << (ok ? "valid pair" : "not a pair summing to n");
    return ok ? 42 : 43;
}
"""
CHECKER_TESTLIB = """\
import sys
n = int(open(sys.argv[1]).read())
words = open(sys.argv[2]).read().split()   # testlib order: input, output, answer
open(sys.argv[3]).read()
if len(words) != 2:
    print("wrong output format: expected two integers", file=sys.stderr); sys.exit(2)
if int(words[0]) + int(words[1]) != n:
    print(f"wrong answer: {words[0]} + {words[1]} != {n}", file=sys.stderr); sys.exit(1)
print("ok", file=sys.stderr)
"""
CORRECT = {  # four correct programs, four different answers to every input
    "zero_first.py": "n = int(input())\nprint(0, n)\n",
    "halves.py": "n = int(input())\nprint(n // 2, n - n // 2)\n",
    "one_first.cpp": "#include <cstdio>\nint main(){long long n;scanf(\"%lld\",&n);printf(\"%lld %lld\\n\",1LL,n-1);}\n",
    "zero_last.c": "#include <stdio.h>\nint main(void){long long n;scanf(\"%lld\",&n);printf(\"%lld 0\\n\",n);return 0;}\n",
}
WRONG = {
    "off_by_one.py": "n = int(input())\nprint(n, 1)\n",
    "three.py": "n = int(input())\nprint(0, n, 0)\n",
}
LANG = {".py": "python3", ".c": "c", ".cpp": "cpp"}


def pair_problem(directory: Path, checker=None, style: str | None = None, file: str = "pair-sum.json",
                 **extra) -> Path:
    """The problem file; `checker` is a path (written next to it) or an inline object."""
    data = {
        "name": "pair-sum", "description": "Print two integers whose sum is N.",
        "public_tests": [{"input": "5\n", "output": "2 3\n"}, {"input": "12\n", "output": "6 6\n"}],
        "private_tests": [{"input": f"{n}\n", "output": f"{n} 0\n"} for n in (0, 7, 100, 99991)],
        "solutions": [{"language": LANG[Path(n).suffix], "code": c} for n, c in CORRECT.items()],
        "incorrect_solutions": [{"language": "python3", "code": c} for c in WRONG.values()],
        "time_limit": 2, "memory_limit_mb": 256, **extra,
    }
    if checker is not None:
        data["checker"] = checker
    if style is not None:
        data["checker_style"] = style
    path = directory / file
    path.write_text(json.dumps(data))
    return path


def judge(problem: Path, programs: dict[str, str], directory: Path, *args: str, exit_code: int = 0):
    paths = []
    for name, source in programs.items():
        (directory / name).write_text(source)
        paths.append(str(directory / name))
    result = runner.invoke(app, ["judge", str(problem), *paths, "--json", *args])
    assert result.exit_code == exit_code, (result.output, result.exception)
    return {Path(r["solution"]).name: r for r in map(json.loads, result.stdout.splitlines()) if r}


# -- the problem field --------------------------------------------------------------------------

def test_checker_field_path_inline_round_trip_and_errors(tmp_path):
    (tmp_path / "checkers").mkdir()
    (tmp_path / "checkers" / "pair.py").write_text(CHECKER_PY)
    problem = load_problem(pair_problem(tmp_path, "checkers/pair.py"))
    assert problem.checker.program == Program("python3", CHECKER_PY) and problem.checker.style == "kattis"
    assert problem.compare.to_dict()["checker"]["digest"] == problem.checker.digest  # in every stage key
    again = parse_problem(problem.to_dict())  # written inline: means the same anywhere
    assert again.checker == problem.checker and again.to_dict() == problem.to_dict()
    inline = parse_problem({"name": "x", "checker": {"language": "c++", "code": CHECKER_CPP},
                            "checker_style": "testlib"})
    assert (inline.checker.program.language, inline.checker.style) == ("cpp", "testlib")
    assert "checker" not in parse_problem({"name": "x"}).to_dict()  # nothing changes without one
    for bad, field in ((("nope.py", None), "checker"), (("checkers/pair.py", "codeforces"), "checker_style"),
                       (({"language": "java", "code": "x"}, None), "checker.language"),
                       (({"code": "x"}, None), "checker.language"), (({"path": "c.txt"}, None), "checker.path")):
        with pytest.raises(AlphasolveError) as err:
            load_problem(pair_problem(tmp_path, *bad))
        assert str(err.value).startswith(f"{tmp_path / 'pair-sum.json'}: field '{field}'"), str(err.value)


# -- the sandbox ---------------------------------------------------------------------------------

def test_checker_files_are_read_only_and_candidates_never_see_them():
    spy = ("import os, sys\n"
           "for path in sys.argv[1:3]:\n"
           "    try:\n        open(path, 'w').write('x')\n        print('WROTE', path)\n"
           "    except OSError as exc:\n        print('read-only', type(exc).__name__)\n"
           "print(open(sys.argv[2]).read().strip(), '|', sys.stdin.read().strip())\n"
           "sys.exit(42)\n")
    candidate = "import os\nprint(os.path.exists('/feedback'), sorted(os.listdir('/proc/self/fd')))\n"
    with LocalExecutor(workers=1) as ex:
        result = ex.check(Checker(Program("python3", spy)), [("in\n", "SECRET ANSWER\n", "the output\n")])[0]
        assert result.verdict == Verdict.ACCEPTED
        seen = ex.run(Program("python3", candidate), ["1\n"], expected=["x\n"],
                      compare=parse_problem({"name": "x", "checker": {"language": "py", "code": spy}}).compare)[0]
    # the checker's message is its stdout here (no judgemessage.txt): files read-only, answer and output seen
    assert result.message.count("read-only") == 2 and "SECRET ANSWER | the output" in result.message
    assert seen.verdict == Verdict.ACCEPTED and seen.stdout.strip() == "False ['0', '1', '2', '3']"  # 3: listdir's own


def test_a_hostile_checker_leaves_nothing_behind():
    nasty = ("import os, sys, time\n"
             "fb = sys.argv[3]\n"
             "os.makedirs(fb + 'sub/deeper'); open(fb + 'sub/deeper/f', 'w').write('x')\n"
             "os.chmod(fb + 'sub/deeper', 0); os.chmod(fb + 'sub', 0o500)\n"
             "os.symlink('/proc/1/environ', fb + 'judgemessage.txt')\n"
             "try:\n    open(fb + 'big', 'wb').write(b'x' * (64 << 20))\n"
             "except OSError:\n    pass\n"
             "if os.fork() == 0:\n    os.setsid(); time.sleep(60)\n"
             "sys.exit(43)\n")
    tidy = "import os, sys\nprint(sorted(os.listdir(sys.argv[3])))\nsys.exit(42)\n"
    with LocalExecutor(workers=1) as ex:
        for _ in range(2):
            bad = ex.check(Checker(Program("python3", nasty)), [("1\n", "1\n", "1\n")])[0]
            assert bad.verdict == Verdict.WRONG_ANSWER and bad.message == ""  # the link is never followed
            after = ex.check(Checker(Program("python3", tidy)), [("1\n", "1\n", "1\n")])[0]
            assert after.verdict == Verdict.ACCEPTED and after.message == "[]"  # a clean feedback directory


# -- filter and cluster through `alphasolve solve` ---------------------------------------------

@pytest.mark.parametrize("kind", ["python-inline", "cpp-file"])
def test_solve_accepts_every_valid_answer_and_clusters_them_together(tmp_path, kind):
    if kind == "cpp-file":
        (tmp_path / "pair_checker.cpp").write_text(CHECKER_CPP)
        problem = pair_problem(tmp_path, "pair_checker.cpp")
    else:
        problem = pair_problem(tmp_path, {"language": "python3", "code": CHECKER_PY})
    out = tmp_path / "run"
    result = runner.invoke(app, ["solve", str(problem), "--out", str(out), "--samples", "40",
                                 "--set", "inputs.count=8"])
    assert result.exit_code == 0, (result.output, result.exception)
    samples = {r["sample_id"]: r for r in map(json.loads, (out / "samples.jsonl").read_text().splitlines())}
    verdicts = {r["sample_id"]: r for r in map(json.loads, (out / "filter.jsonl").read_text().splitlines())}
    correct = {s["program_id"] for s in samples.values() if s["label"] == "correct"}
    wrong = {s["program_id"] for s in samples.values() if s["label"] == "incorrect"}
    assert len(correct) >= 3 and wrong  # several distinct valid answers, and wrong ones, were drawn
    for i, record in verdicts.items():
        assert record["passed"] == (samples[i]["label"] == "correct"), record
        if not record["passed"]:
            assert record["verdict"] == "wrong_answer" and record["judge_message"].startswith(("expected", "not a"))
    clusters = json.loads((out / "clusters.json").read_text())["clusters"]
    assert len(clusters) == 1 and set(clusters[0]["programs"]) == correct  # every valid answer: one cluster
    classes = json.loads((out / "output_classes.json").read_text())
    assert classes["distinct_outputs"] > classes["classes"] and classes["judge_errors"] == 0
    assert classes["checks_run"] <= classes["distinct_outputs"]  # greedy: one check per merged output here
    # rerun: nothing to do; a run of the same inputs reuses every checker decision on disk
    again = runner.invoke(app, ["solve", str(problem), "--out", str(out), "--samples", "40",
                                "--set", "inputs.count=8"])
    assert again.exit_code == 0 and again.output.count("up to date") == 5


def test_eval_judges_hidden_tests_with_the_checker(tmp_path):
    problem = pair_problem(tmp_path, {"language": "python3", "code": CHECKER_PY})
    out = tmp_path / "run"
    assert runner.invoke(app, ["solve", str(problem), "--out", str(out), "--samples", "12",
                               "--set", "inputs.count=4"]).exit_code == 0
    result = runner.invoke(app, ["eval", str(out), "--json"])
    assert result.exit_code == 0, result.output
    judged = [json.loads(line) for line in (out / "eval_runs.jsonl").read_text().splitlines()]
    assert judged and all(r["passed"] for r in judged)  # every survivor: different answers, all correct
    assert json.loads((out / "eval.json").read_text())["solved_at"]["1"] is True


# -- alphasolve judge ----------------------------------------------------------------------------

def test_judge_with_a_testlib_checker(tmp_path):
    (tmp_path / "check.py").write_text(CHECKER_TESTLIB)
    problem = pair_problem(tmp_path, "check.py", style="testlib")
    reports = judge(problem, {**CORRECT, **WRONG}, tmp_path, "--tests", "all")
    assert {n: r["verdict"] for n, r in reports.items()} == {
        **{n: "accepted" for n in CORRECT}, **{n: "wrong_answer" for n in WRONG}}
    assert all(r["passed"] == 6 for n, r in reports.items() if n in CORRECT)
    assert reports["off_by_one.py"]["tests"][0]["judge_message"] == "wrong answer: 5 + 1 != 5"
    assert reports["three.py"]["tests"][0]["judge_message"].startswith("wrong output format")
    table = runner.invoke(app, ["judge", str(problem), str(tmp_path / "halves.py")])
    assert table.exit_code == 0 and "halves.py (python3): accepted 6/6" in table.output


def test_a_failing_checker_is_a_judge_error_never_accepted(tmp_path):
    crashing = "import sys\nwords = sys.stdin.read().split()\nsys.exit(42 if int(words[1]) == 0 else 43)\n"
    problem = pair_problem(tmp_path, {"language": "python3", "code": crashing})
    reports = judge(problem, {"halves.py": CORRECT["halves.py"], "words.py": "print('no numbers')\n",
                              "zero_last.c": CORRECT["zero_last.c"]}, tmp_path, "--tests", "public")
    assert reports["zero_last.c"]["verdict"] == "accepted"  # "5 0": 42
    assert reports["halves.py"]["verdict"] == "wrong_answer"  # "2 3": 43, the checker's own (odd) logic
    crash = reports["words.py"]
    assert crash["verdict"] == "judge_error" and crash["passed"] == 0
    message = crash["tests"][0]["judge_message"]
    assert "exited with status 1" in message and "ValueError" in message  # the checker's traceback
    table = runner.invoke(app, ["judge", str(problem), str(tmp_path / "words.py")])
    assert "judge_error" in table.output and "judge error on public 1" in table.output

    exits_zero = pair_problem(tmp_path, {"language": "python3", "code": "print('looks fine')\n"}, file="zero.json")
    lenient = judge(exits_zero, {"halves.py": CORRECT["halves.py"]}, tmp_path)["halves.py"]
    assert lenient["verdict"] == "judge_error"  # exit 0 is not a Kattis verdict
    assert "exited with status 0" in lenient["tests"][0]["judge_message"]

    slow = pair_problem(tmp_path, {"language": "cpp", "code": "int main() { for (;;); }\n"}, file="slow.json")
    with LocalExecutor(workers=1) as ex:
        checker = load_problem(slow).checker
        quick = Checker(checker.program, limits=checker.limits.__class__(time_s=0.3))
        timed_out = ex.check(quick, [("5\n", "2 3\n", "2 3\n")])[0]
    assert timed_out.verdict == Verdict.JUDGE_ERROR and "time limit" in timed_out.message

    broken = pair_problem(tmp_path, {"language": "cpp", "code": "int main( {"}, file="broken.json")
    for command in (["judge", str(broken), str(tmp_path / "halves.py")], ["solve", str(broken), "--samples", "4"]):
        result = runner.invoke(app, command)
        assert result.exit_code == 2 and "broken.json: field 'checker'" in result.output, result.output
        assert "does not compile" in result.output and "error:" in result.output

    # through solve: the samples it failed on are not accepted, and the run says why
    fussy = "import sys\nwords = sys.stdin.read().split()\nassert words[0] != '0'\nsys.exit(42)\n"
    run = tmp_path / "run"
    solved = runner.invoke(app, ["solve", str(pair_problem(tmp_path, {"language": "python3", "code": fussy},
                                                           file="fussy.json")),
                                 "--out", str(run), "--samples", "30", "--set", "inputs.count=3"])
    assert solved.exit_code == 0 and "judge error: the checker failed on" in solved.output, solved.output
    assert "AssertionError" in solved.output, solved.output
    records = [json.loads(line) for line in (run / "filter.jsonl").read_text().splitlines()]
    errors = [r for r in records if r["verdict"] == "judge_error"]
    assert errors and not any(r["passed"] for r in errors) and any(r["passed"] for r in records)


# -- Code Jam formats --------------------------------------------------------------------------

COOKIE = """\
t = int(input())
for case in range(1, t + 1):
    c, f, x = map(float, input().split())
    rate, elapsed = 2.0, 0.0
    while x / rate > c / rate + x / (rate + f):
        elapsed += c / rate
        rate += f
    print("Case #%d: %.7f" % (case, elapsed + x / rate + OFFSET))
"""
SHEEP = """\
t = int(input())
for case in range(1, t + 1):
    n = int(input())
    if n == 0:
        print("Case #%d: INSOMNIA" % (case + SHIFT))
        continue
    seen, k = set(), 0
    while len(seen) < 10:
        k += 1
        seen |= set(str(k * n))
    print("Case #%d: %d" % (case + SHIFT, k * n))
"""


def test_code_jam_float_tolerance_and_case_numbering(tmp_path):
    problems = REPO / "problems"
    cookie = problems / "gcj-codejam-2014-qualification_round-cookie_clicker_alpha.json"
    sheep = problems / "gcj-codejam-2016-qualification_round-counting_sheep.json"
    reports = judge(cookie, {"cookie.py": COOKIE.replace("OFFSET", "0"),
                             "cookie_close.py": COOKIE.replace("OFFSET", "4e-7"),  # within 1e-6
                             "cookie_off.py": COOKIE.replace("OFFSET", "3e-4")},  # off in the 4th decimal
                    tmp_path, "--tests", "all")
    total = len(load_problem(cookie).public_tests) + len(load_problem(cookie).hidden_tests)
    assert (reports["cookie.py"]["verdict"], reports["cookie.py"]["passed"]) == ("accepted", total)
    assert reports["cookie_close.py"]["verdict"] == "accepted"
    assert reports["cookie_off.py"]["verdict"] == "wrong_answer" and reports["cookie_off.py"]["passed"] == 0

    reports = judge(sheep, {"sheep.py": SHEEP.replace("SHIFT", "0"), "sheep_numbering.py": SHEEP.replace("SHIFT", "-1"),
                            "sheep_no_hash.py": SHEEP.replace("SHIFT", "0").replace("Case #", "Case ")},
                    tmp_path, "--tests", "all")
    total = len(load_problem(sheep).public_tests) + len(load_problem(sheep).hidden_tests)
    assert (reports["sheep.py"]["verdict"], reports["sheep.py"]["passed"]) == ("accepted", total)
    for wrong in ("sheep_numbering.py", "sheep_no_hash.py"):
        assert reports[wrong]["verdict"] == "wrong_answer" and reports[wrong]["passed"] == 0

"""`alphasolve judge` with honest programs: output, test selection, comparison options, errors."""

from __future__ import annotations

import json
import subprocess
import sys

from exec_helpers import ADD_C, ADD_CPP, ADD_PY, assert_nothing_left, write_problem
from typer.testing import CliRunner

from alphasolve.cli import app

runner = CliRunner()


def test_json_report_per_program(judge, private_tmp):
    reports = judge({"add.py": ADD_PY, "add.c": ADD_C, "add.cpp": ADD_CPP, "mul.py": ADD_PY.replace("+", "*"),
                     "broken.cc": "int main( {"})
    assert {name: r["verdict"] for name, r in reports.items()} == {
        "add.py": "accepted", "add.c": "accepted", "add.cpp": "accepted", "mul.py": "wrong_answer",
        "broken.cc": "compile_error"}
    add = reports["add.py"]
    assert (add["language"], add["passed"], add["total"]) == ("python3", 2, 2)
    assert [(t["set"], t["index"], t["verdict"], t["stdout"]) for t in add["tests"]] == [
        ("public", 1, "accepted", "3\n"), ("hidden", 1, "accepted", "42\n")]
    assert {"exit_code", "signal", "cpu_time", "wall_time", "peak_memory", "stderr"} <= set(add["tests"][0])
    assert reports["mul.py"]["passed"] == 0 and reports["broken.cc"]["tests"][0]["stderr"]
    assert_nothing_left(private_tmp)


def test_test_selection(judge, tmp_path):
    problem = write_problem(tmp_path, tests=(("1 1\n", "2\n"), ("2 2\n", "4\n"), ("3 3\n", "6\n")))
    for which, sets in (("public", ["public"]), ("hidden", ["hidden", "hidden"]),
                        ("all", ["public", "hidden", "hidden"])):
        report = judge({"add.py": ADD_PY}, "--tests", which, problem=problem)["add.py"]
        assert [t["set"] for t in report["tests"]] == sets


def test_table_output(tmp_path, private_tmp):
    problem = write_problem(tmp_path)
    (tmp_path / "add.py").write_text(ADD_PY)
    (tmp_path / "zero.py").write_text("print(0)\n")
    result = runner.invoke(app, ["judge", str(problem), str(tmp_path / "add.py"), str(tmp_path / "zero.py")])
    assert result.exit_code == 0, result.output
    assert "add.py (python3): accepted 2/2" in result.output
    assert "zero.py (python3): wrong_answer 0/2" in result.output
    assert "public 1" in result.output and "hidden 1" in result.output


def test_problem_comparison_options_apply(judge, tmp_path):
    problem = write_problem(tmp_path, tests=(("1\n", "0.333333333\n"), ("2\n", "YES\n")),
                            compare={"float_abs": 1e-6, "case_sensitive": False})
    src = "n = int(input())\nprint(f'{1/3:.7f}' if n == 1 else 'yes')\n"
    assert judge({"f.py": src}, problem=problem)["f.py"]["verdict"] == "accepted"


def test_user_errors_are_one_line(tmp_path, private_tmp):
    problem = write_problem(tmp_path)
    (tmp_path / "a.py").write_text(ADD_PY)
    (tmp_path / "a.rb").write_text("puts 1")
    cases = [
        (["judge", str(problem), str(tmp_path / "a.rb")], "cannot tell the language"),
        (["judge", str(problem), str(tmp_path / "missing.py")], "cannot read"),
        (["judge", str(tmp_path / "nope.json"), str(tmp_path / "a.py")], "no such problem file"),
        (["judge", str(problem), str(tmp_path / "a.py"), "--tests", "some"], "--tests"),
    ]
    for args, message in cases:
        result = runner.invoke(app, args)
        assert result.exit_code == 2, (args, result.output)
        assert message in result.output, result.output
    empty = write_problem(tmp_path, tests=(("1 2\n", "3\n"),))
    result = runner.invoke(app, ["judge", str(empty), str(tmp_path / "a.py"), "--tests", "hidden"])
    assert result.exit_code == 2 and "no hidden tests" in result.output


def test_judge_as_a_real_process(tmp_path):
    problem = write_problem(tmp_path)
    (tmp_path / "add.py").write_text(ADD_PY)
    proc = subprocess.run([sys.executable, "-m", "alphasolve", "judge", str(problem), str(tmp_path / "add.py"),
                           "--json"], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["verdict"] == "accepted"

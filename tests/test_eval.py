"""Evaluation: the metrics, and `alphasolve eval` / `batch --eval` through the CLI."""

import itertools
import json
from math import isclose

from typer.testing import CliRunner

from alphasolve.cli import app
from alphasolve.evaluate import pass_at_k
from support import ADD_CORRECT_PY, ADD_WRONG_CONST, ADD_WRONG_CRASH, ADD_WRONG_MUL, add_problem, run_cli

runner = CliRunner()


def test_pass_at_k_matches_enumeration():
    for n, c, k in [(5, 2, 1), (5, 2, 2), (6, 1, 3), (4, 0, 2), (4, 4, 1), (7, 3, 7)]:
        outcomes = [i < c for i in range(n)]
        subsets = list(itertools.combinations(outcomes, k))
        expected = sum(any(s) for s in subsets) / len(subsets)
        assert isclose(pass_at_k(n, c, k), expected), (n, c, k)


def _write(tmp_path, name, **fields):
    path = tmp_path / f"{name}.json"
    path.write_text(json.dumps(add_problem(name=name, **fields)))
    return path


def test_eval_of_a_solved_run(add_problem_file, tmp_path):
    out = tmp_path / "run"
    assert runner.invoke(app, ["solve", str(add_problem_file), "--out", str(out), "--samples", "30"]).exit_code == 0
    result = runner.invoke(app, ["eval", str(out), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)["problems"][0]
    samples = [json.loads(line) for line in (out / "samples.jsonl").read_text().splitlines()]
    correct = sum(s["label"] == "correct" for s in samples)
    assert report["correct_samples"] == correct  # the recorded correct solutions, and only they
    assert report["solved_at"]["1"] and report["first_correct_rank"] == 1
    assert isclose(report["pass_at"]["1"], correct / 30, abs_tol=1e-6)
    assert isclose(report["correct_cluster_share"], correct / report["survivors"], abs_tol=1e-6)
    assert json.loads((out / "eval.json").read_text())["solved_at"]["10"] is True
    table = runner.invoke(app, ["eval", str(out)])
    assert table.exit_code == 0 and "solved@1" in table.output and "add-two" in table.output


def test_eval_of_a_problem_nothing_solves(tmp_path):
    # the wrong programs pass the public test 2 2 -> 4 but no hidden test
    path = _write(tmp_path, "unsolvable", solutions=[],
                  incorrect_solutions=[{"language": "python3", "code": c} for c in (ADD_WRONG_MUL, ADD_WRONG_CONST)])
    out = tmp_path / "run"
    assert runner.invoke(app, ["solve", str(path), "--out", str(out), "--samples", "10"]).exit_code == 0
    report = json.loads(runner.invoke(app, ["eval", str(out), "--json"]).output)["problems"][0]
    assert report["survivors"] == 10 and report["correct_samples"] == 0
    assert not any(report["solved_at"].values()) and report["first_correct_rank"] is None
    assert report["pass_at"]["1"] == 0.0


def test_solve_with_no_survivor_says_so_and_evaluates_as_unsolved(tmp_path):
    path = _write(tmp_path, "nothing-passes", solutions=[],
                  incorrect_solutions=[{"language": "python3", "code": ADD_WRONG_CRASH}])
    out = tmp_path / "run"
    result = runner.invoke(app, ["solve", str(path), "--out", str(out), "--samples", "5"])
    assert result.exit_code == 0 and "no candidate passed the public tests" in result.output
    assert json.loads((out / "ranking.json").read_text())["submissions"] == []
    report = json.loads(runner.invoke(app, ["eval", str(out), "--json"]).output)["problems"][0]
    assert report["submissions"] == 0 and not report["solved_at"]["10"] and report["filter_rate"] == 1.0


def test_batch_eval_writes_summary_and_plot(tmp_path):
    problems = tmp_path / "problems"
    problems.mkdir()
    _write(problems, "solvable")
    _write(problems, "unsolvable", solutions=[],
           incorrect_solutions=[{"language": "python3", "code": ADD_WRONG_MUL}])
    _write(problems, "no-hidden", private_tests=[], generated_tests=[],
           solutions=[{"language": "python3", "code": ADD_CORRECT_PY}], incorrect_solutions=[])
    runs = tmp_path / "runs"
    result = run_cli("batch", str(problems), "--out", str(runs), "--samples", "10", "--eval")
    assert result.returncode == 1, result.stdout + result.stderr  # no-hidden cannot be evaluated
    assert "no hidden tests" in result.stdout
    summary = json.loads((runs / "eval-summary.json").read_text())
    assert summary["problems"] == 2 and summary["solved_at"]["1"] == 1 and summary["solved_at"]["10"] == 1
    assert (runs / "eval-summary.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    again = runner.invoke(app, ["eval", str(runs / "solvable")])  # evaluation resumes: nothing to judge again
    assert again.exit_code == 0 and "solvable" in again.output and "judging" not in again.output
    (runs / "solvable" / "eval_runs.jsonl").unlink()
    redone = runner.invoke(app, ["eval", str(runs / "solvable")])
    assert "judging" in redone.output and json.loads((runs / "solvable" / "eval.json").read_text())["solved_at"]["1"]


def test_eval_is_a_stage_with_its_key_its_cost_and_a_row_in_show(add_problem_file, tmp_path):
    out = tmp_path / "run"
    assert runner.invoke(app, ["solve", str(add_problem_file), "--out", str(out), "--samples", "20"]).exit_code == 0
    assert json.loads(runner.invoke(app, ["show", str(out), "--json"]).output)["stages"]["eval"]["status"] == \
        "not started"
    assert json.loads(runner.invoke(app, ["eval", str(out), "--json"]).output)["problems"][0]["solved_at"]["1"]
    entry = json.loads((out / "manifest.json").read_text())["stages"]["eval"]
    assert entry["status"] == "done" and entry["counts"]["executed_programs"] > 0
    assert entry["cost"]["executions"] > 0 and set(entry["settings"]) == {"hidden_tests", "limits", "compare"}
    assert json.loads(runner.invoke(app, ["show", str(out), "--json"]).output)["stages"]["eval"]["status"] == "done"

    problem = json.loads((out / "problem.json").read_text())  # other hidden tests: judged again, on them
    problem["private_tests"] = [{"input": t["input"], "output": "-1\n"} for t in problem["private_tests"]]
    (out / "problem.json").write_text(json.dumps(problem))
    again = runner.invoke(app, ["eval", str(out)])
    assert again.exit_code == 0 and "settings changed (hidden_tests" in again.output and "judging" in again.output
    assert not json.loads((out / "eval.json").read_text())["solved_at"]["10"]

    manifest = json.loads((out / "manifest.json").read_text())  # judgements the manifest does not know: redone
    del manifest["stages"]["eval"]
    (out / "manifest.json").write_text(json.dumps(manifest))
    assert "judging" in runner.invoke(app, ["eval", str(out)]).output

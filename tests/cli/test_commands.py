"""batch, show and clusters through the CLI (CliRunner and real subprocesses)."""

import json

from typer.testing import CliRunner

from alphasolve.cli import app
from support import add_problem, run_cli

runner = CliRunner()


def test_batch_solves_every_problem_and_reports_failures(tmp_path):
    problems = tmp_path / "problems"
    problems.mkdir()
    (problems / "a.json").write_text(json.dumps(add_problem(name="first")))
    (problems / "b.json").write_text(json.dumps(add_problem(name="second")))
    (problems / "c.json").write_text(json.dumps(add_problem(name="broken", public_tests=5)))
    result = run_cli("batch", str(problems), "--out", str(tmp_path / "runs"), "--samples", "12")
    assert result.returncode == 1  # one problem failed; the others still ran
    assert "1 of 3 problems failed" in result.stdout
    assert "field 'public_tests'" in result.stdout
    for name in ("first", "second"):
        assert json.loads((tmp_path / "runs" / name / "ranking.json").read_text())["submissions"]
    again = run_cli("batch", str(problems), "--out", str(tmp_path / "runs"), "--samples", "12")
    assert again.stdout.count("up to date") == 10  # both finished problems: nothing redone


def test_batch_on_an_empty_directory_is_a_clear_error(tmp_path):
    result = runner.invoke(app, ["batch", str(tmp_path)])
    assert result.exit_code == 2 and "no problem files" in result.output


def test_show_and_clusters_on_a_finished_run(add_problem_file, tmp_path):
    out = tmp_path / "run"
    assert runner.invoke(app, ["solve", str(add_problem_file), "--out", str(out), "--samples", "30"]).exit_code == 0
    shown = runner.invoke(app, ["show", str(out)])
    assert shown.exit_code == 0
    for stage in ("sample", "filter", "inputs", "cluster", "rank"):
        assert stage in shown.output
    status = json.loads(runner.invoke(app, ["show", str(out), "--json"]).output)
    assert list(status["stages"]) == ["sample", "filter", "inputs", "cluster", "rank", "eval"]  # the registry's
    assert all(s["status"] == "done" for name, s in status["stages"].items() if name != "eval")
    assert status["stages"]["eval"]["status"] == "not started"  # on demand: `alphasolve eval`
    assert status["stages"]["sample"]["counts"]["samples"] == 30

    view = json.loads(runner.invoke(app, ["clusters", str(out), "--json"]).output)
    sizes = [c["size"] for c in view["clusters"]]
    assert sizes == sorted(sizes, reverse=True) and sum(sizes) == view["survivors"]
    assert abs(sum(c["share"] for c in view["clusters"]) - 1) < 1e-9
    table = runner.invoke(app, ["clusters", str(out)])
    assert table.exit_code == 0 and "representative" in table.output
    assert view["clusters"][0]["preview"].splitlines()[0][:20] in table.output


def test_show_on_an_interrupted_run_reads_what_is_on_disk(add_problem_file, tmp_path):
    out = tmp_path / "run"
    assert runner.invoke(app, ["solve", str(add_problem_file), "--out", str(out), "--samples", "10"]).exit_code == 0
    manifest = json.loads((out / "manifest.json").read_text())
    manifest["stages"]["filter"]["status"] = "running"
    del manifest["stages"]["cluster"], manifest["stages"]["rank"]
    (out / "manifest.json").write_text(json.dumps(manifest))
    status = json.loads(runner.invoke(app, ["show", str(out), "--json"]).output)
    filter_status = status["stages"]["filter"]
    assert filter_status["status"] == "interrupted" and filter_status["key"] == manifest["stages"]["filter"]["key"]
    assert filter_status["counts"] == {"judged": 10, "passed": filter_status["counts"]["passed"]}
    assert status["stages"]["rank"]["status"] == "not started"


def test_show_on_a_directory_that_is_not_a_run(tmp_path):
    result = runner.invoke(app, ["show", str(tmp_path)])
    assert result.exit_code == 2 and "not a run directory" in result.output


def test_help_does_not_import_vllm():
    code = ("import sys; from typer.testing import CliRunner; from alphasolve.cli import app; r = CliRunner();"
            "[r.invoke(app, [c, '--help']) for c in ('solve', 'batch', 'show', 'clusters', 'judge')];"
            "r.invoke(app, ['--help']);"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('vllm', 'torch', 'transformers')))")
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_clusters_show_and_diff(add_problem_file, tmp_path):
    out = tmp_path / "run"
    assert runner.invoke(app, ["solve", str(add_problem_file), "--out", str(out), "--samples", "40"]).exit_code == 0
    view = json.loads(runner.invoke(app, ["clusters", str(out), "--json"]).output)
    assert len(view["clusters"]) >= 2  # a + b versus the wrong programs that pass 2 2 -> 4

    detail = json.loads(runner.invoke(app, ["clusters", str(out), "--show", "0", "--json"]).output)
    assert detail["size"] == view["clusters"][0]["size"]
    assert sum(len(p["samples"]) for p in detail["programs"]) == detail["size"]
    assert {p["label"] for p in detail["programs"]} == {"correct"}
    shown = runner.invoke(app, ["clusters", str(out), "--show", "0"])
    assert shown.exit_code == 0 and "members" in shown.output and detail["programs"][0]["program_id"] in shown.output

    diff = json.loads(runner.invoke(app, ["clusters", str(out), "--diff", "0", "1", "--json"]).output)
    assert diff["disagreements"], "the generated inputs must separate a + b from the wrong programs"
    first = diff["disagreements"][0]
    tokens = first["input"].split()
    assert first["a"] == str(int(tokens[0]) + int(tokens[1]))  # cluster 0 adds
    assert first["a"] != first["b"]
    table = runner.invoke(app, ["clusters", str(out), "--diff", "0", "1"])
    assert table.exit_code == 0 and "disagree on" in table.output and first["a"] in table.output

    missing = runner.invoke(app, ["clusters", str(out), "--show", "99"])
    assert missing.exit_code == 2 and "no cluster 99" in missing.output


def test_cost_report_in_show_batch_and_eval(tmp_path):
    problems = tmp_path / "problems"
    problems.mkdir()
    (problems / "a.json").write_text(json.dumps(add_problem()))
    runs = tmp_path / "runs"
    result = runner.invoke(app, ["batch", str(problems), "--out", str(runs), "--samples", "20", "--eval"])
    assert result.exit_code == 0, result.output
    assert "CPU s" in result.output and "total" in result.output
    status = json.loads(runner.invoke(app, ["show", str(runs / "add-two"), "--json"]).output)
    stages = status["stages"]
    # every result the executor returned is counted: one public test per judged program,
    # every clustering input per clustered program
    assert stages["filter"]["cost"]["executions"] == stages["filter"]["counts"]["executed_programs"]
    inputs = stages["inputs"]["counts"]["inputs"]
    assert stages["cluster"]["cost"]["executions"] == stages["cluster"]["counts"]["executed_programs"] * inputs
    assert stages["sample"]["cost"]["executions"] == 0
    total = status["cost"]
    assert total["executions"] == stages["filter"]["cost"]["executions"] + stages["cluster"]["cost"]["executions"]
    assert total["wall_s"] > 0 and total["cpu_s"] > 0 and abs(sum(total["wall_share"].values()) - 1) < 0.01
    table = runner.invoke(app, ["show", str(runs / "add-two")])
    assert "executions" in table.output and "total" in table.output
    report = json.loads(runner.invoke(app, ["eval", str(runs / "add-two"), "--json"]).output)["problems"][0]
    assert report["cost"]["executions"] == total["executions"] and report["cost"]["eval"]["wall_s"] >= 0


def test_errors_quoting_brackets_are_printed_verbatim(tmp_path):
    """An error names the file: a path with [brackets] must not be read as rich markup."""
    bad = tmp_path / "[bold]odd name.json"
    bad.write_text("{not json")
    result = runner.invoke(app, ["solve", str(bad)])
    assert result.exit_code == 2
    assert "[bold]odd name.json" in result.output and "error:" in result.output


def test_views_print_untrusted_text_verbatim(tmp_path):
    """Programs' outputs and code, inputs and problem names are shown as text, never read as rich
    markup: "[/x]" (a closing tag nothing opened) used to stop the view with a MarkupError."""
    markup_wrong = "a, b = map(int, input().split())\nprint(4 if a == b else '[/x] [bold]loud')\n"
    problem = add_problem(name="add [two]", incorrect_solutions={"language": [3], "solution": [markup_wrong]})
    path = tmp_path / "p.json"
    path.write_text(json.dumps(problem))
    out = tmp_path / "run"
    solved = runner.invoke(app, ["solve", str(path), "--out", str(out), "--samples", "16"])
    assert solved.exit_code == 0, solved.output
    assert "add [two]" in solved.output
    view = json.loads(runner.invoke(app, ["clusters", str(out), "--json"]).output)
    wrong = next(c["cluster_id"] for c in view["clusters"]
                 if json.loads(runner.invoke(app, ["clusters", str(out), "--show", str(c["cluster_id"]), "--json"])
                               .output)["programs"][0]["label"] == "incorrect")
    for args in ([], ["--show", str(wrong)], ["--diff", "0" if wrong else "1", str(wrong)]):
        shown = runner.invoke(app, ["clusters", str(out), *args])
        assert shown.exit_code == 0, (args, shown.output)
        assert "add [two]" in shown.output or args
    diff = runner.invoke(app, ["clusters", str(out), "--diff", "0" if wrong else "1", str(wrong)]).output
    assert "[/x] [bold]loud" in diff
    shown = runner.invoke(app, ["show", str(out)])
    assert shown.exit_code == 0 and "add [two]" in shown.output

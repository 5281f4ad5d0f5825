"""`alphasolve spec` and statement-aware inputs, through the CLI as a user runs them."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from alphasolve.cli import app
from support import run_cli

runner = CliRunner()
REPO = Path(__file__).resolve().parents[2]
SUM_OF_PAIRS = REPO / "problems" / "sum-of-pairs.json"


def test_spec_prints_the_statements_bounds():
    result = runner.invoke(app, ["spec", str(SUM_OF_PAIRS)])
    assert result.exit_code == 0, result.output
    assert "2*10^5" in result.output and "-2*10^9" in result.output and "n k / a[n]" in result.output


def test_spec_json_check_passes_every_official_input():
    result = runner.invoke(app, ["spec", str(SUM_OF_PAIRS), "--check", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    by_name = {v["name"]: v for v in data["variables"]}
    assert (by_name["n"]["type"], by_name["n"]["min"], by_name["n"]["max"]) == ("int", 1, 200_000)
    assert (by_name["a"]["min"], by_name["a"]["max"]) == (-2 * 10**9, 2 * 10**9)
    assert (by_name["k"]["min"], by_name["k"]["max"]) == (-4 * 10**9, 4 * 10**9)
    problem = json.loads(SUM_OF_PAIRS.read_text())
    assert data["check"] == {"tests": len(problem["public_tests"]) + len(problem["private_tests"])
                             + len(problem.get("generated_tests") or []), "rejected": []}


def test_spec_check_names_a_rejected_input_and_exits_1(tmp_path):
    problem = json.loads(SUM_OF_PAIRS.read_text())
    problem["private_tests"] = problem["private_tests"][:1] + [{"input": "3 1\n5 5000000000 1\n", "output": "0\n"}]
    path = tmp_path / "p.json"
    path.write_text(json.dumps(problem))
    result = runner.invoke(app, ["spec", str(path), "--check"])
    assert result.exit_code == 1, result.output
    assert "private 2" in result.output and "5000000000" in result.output
    data = json.loads(runner.invoke(app, ["spec", str(path), "--check", "--json"]).output)
    assert [r["test"] for r in data["check"]["rejected"]] == ["private 2"]


def test_spec_on_a_statement_without_input_section_and_on_a_bad_file(tmp_path):
    problem = json.loads(SUM_OF_PAIRS.read_text())
    problem["description"] = "Add the numbers."
    path = tmp_path / "p.json"
    path.write_text(json.dumps(problem))
    result = runner.invoke(app, ["spec", str(path), "--check"])
    assert result.exit_code == 0 and "no input section" in result.output
    bad = tmp_path / "bad.json"
    bad.write_text("{")
    result = runner.invoke(app, ["spec", str(bad)])
    assert result.exit_code == 2 and "bad.json" in result.output


def test_solve_ranks_a_correct_program_first_thanks_to_inputs_at_the_bounds(tmp_path):
    """sum-of-pairs' wrong programs overflow only near |a_i| = 2*10^9: mutants of the example never get
    there, inputs drawn from the statement's bounds do."""
    out = tmp_path / "run"
    result = run_cli("solve", str(SUM_OF_PAIRS), "--config", "replay", "--out", str(out))
    assert result.returncode == 0, result.stdout + result.stderr
    spec = json.loads((out / "spec.json").read_text())
    assert spec["discarded"] is None and spec["spec"]["layout"]
    origins = [json.loads(line)["origin"] for line in (out / "inputs.jsonl").read_text().splitlines()]
    assert any(o == "spec:max" for o in origins)
    assert run_cli("eval", str(out)).returncode == 0
    assert json.loads((out / "eval.json").read_text())["first_correct_rank"] == 1
    off = tmp_path / "off"
    assert run_cli("solve", str(SUM_OF_PAIRS), "--config", "replay", "--out", str(off),
                   "--set", "inputs.spec=false").returncode == 0
    assert not any(json.loads(line)["origin"].startswith("spec:")
                   for line in (off / "inputs.jsonl").read_text().splitlines())


def test_a_spec_that_rejects_a_public_input_is_not_used(tmp_path):
    problem = json.loads(SUM_OF_PAIRS.read_text())
    problem["description"] = problem["description"].replace("1 \\le n \\le 2 \\cdot 10^5", "1 \\le n \\le 3")
    path = tmp_path / "p.json"
    path.write_text(json.dumps(problem))
    out = tmp_path / "run"
    result = runner.invoke(app, ["solve", str(path), "--config", "replay", "--out", str(out), "--samples", "20"])
    assert result.exit_code == 0, result.output
    assert "rejects public input 1" in result.output and "spec not used" in result.output
    spec = json.loads((out / "spec.json").read_text())
    assert spec["discarded"] and not spec["spec"]["variables"]
    records = [json.loads(line) for line in (out / "inputs.jsonl").read_text().splitlines()]
    assert records[0]["origin"] == "public[0]"  # the public tests stay
    assert not any(r["origin"].startswith("spec:") or "spec" in r for r in records)


def _problem_file(tmp_path: Path, name: str, section: str, public: str, private: str) -> Path:
    """A problem whose statement's input section is `section`, with one public and one private input."""
    problem = {"id": name, "name": name, "description": f"Count.\n\nInput\n\n{section}\n\nOutput\n\nn.\n",
               "public_tests": [{"input": public, "output": "0\n"}], "private_tests": [{"input": private, "output": "0\n"}]}
    path = tmp_path / f"{name}.json"
    path.write_text(json.dumps(problem))
    return path


def test_spec_shows_a_claim_on_pairs_and_check_names_the_repeated_one(tmp_path):
    """"All points are different" is read as a claim on (x_i, y_i): shown, and a hidden test
    repeating a point is named (exit 1)."""
    section = ("The first line contains integer n (1 ≤ n ≤ 100). Each of the next n lines contains two "
               "integers x_i and y_i (0 ≤ x_i, y_i ≤ 10^9) — the coordinates of the i-th point. It is "
               "guaranteed that all points are different.")
    path = _problem_file(tmp_path, "points", section, public="2\n1 1\n2 2\n", private="2\n1 1\n1 1\n")
    result = runner.invoke(app, ["spec", str(path), "--check"])
    assert result.exit_code == 1, result.output
    assert "distinct_rows (x, y)" in result.output and "private 1: a repeated pair x, y" in result.output


def test_spec_shows_what_a_claim_pins_and_check_names_the_input_breaking_it(tmp_path):
    """"a_1 = 0" is shown with the claim (not only the array's name); a hidden test with a_1 = 3 is named."""
    section = ("The first line contains integer n (2 ≤ n ≤ 100). The second line contains n integers a_i "
               "(0 ≤ a_i ≤ 1000). This particularly means that a_1 = 0.")
    path = _problem_file(tmp_path, "pins", section, public="2\n0 5\n", private="3\n3 1 2\n")
    result = runner.invoke(app, ["spec", str(path), "--check"])
    assert result.exit_code == 1, result.output
    assert "pinned (a: a_1 = 0)" in result.output and "private 1" in result.output

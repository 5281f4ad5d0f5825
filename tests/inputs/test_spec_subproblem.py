"""A subproblem's own limits (A1 of A1/A2/A3) read out of a statement that lists one block per
subproblem: through `spec_subproblem`, the problem's spec, and `alphasolve spec` as a user runs it."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from alphasolve.cli import app
from alphasolve.inputs.spec_parse import parse_spec
from alphasolve.inputs.spec_subproblem import part_of, subproblem_text
from support import statement

POINTS = statement(
    "The first input line contains a single integer n. The second line contains n integers a_i "
    "(0 ≤ a_i ≤ 10^4), separated by single spaces.\n"
    "The input limitations for getting 20 points are:\n- 1 ≤ n ≤ 300\n"
    "The input limitations for getting 50 points are:\n- 1 ≤ n ≤ 2000\n"
    "The input limitations for getting 100 points are:\n- 1 ≤ n ≤ 10^5")

NAMED = statement(
    "The first line contains string s consisting of digits.\n"
    "The input limits for scoring 30 points are (subproblem A1):\n- 1 ≤ |s| ≤ 5.\n"
    "The input limits for scoring 100 points are (subproblems A1+A2):\n- 1 ≤ |s| ≤ 10^5.\n"
    "Here |s| means the length of string s.")


def _high(text: str, name: str, side: str = "high"):
    return getattr(parse_spec(text).var(name), side).value


def test_the_part_is_read_from_an_id_or_a_name():
    assert part_of("codeflaws-178-A1") == ("A", 1)
    assert part_of(None, "Codeforces 178A2: Educational Game") == ("A", 2)
    assert part_of("1582_F1. Korney Korneevich and XOR (easy version)") == ("F", 1)
    assert part_of("sum-of-pairs", "Sum of pairs") is None
    assert part_of("kickstart/2013/round_a/cross_the_maze") is None


def test_each_subproblem_keeps_its_own_block_by_position():
    assert _high(POINTS, "n") == 10**5                  # the whole statement: the widest
    assert _high(subproblem_text(POINTS, ("A", 1)), "n") == 300
    assert _high(subproblem_text(POINTS, ("A", 2)), "n") == 2000
    assert _high(subproblem_text(POINTS, ("A", 3)), "n") == 10**5
    assert _high(subproblem_text(POINTS, ("A", 1)), "a", "high") == 10**4   # other limits stay


def test_a_block_naming_its_subproblem_is_chosen_by_name():
    assert _high(subproblem_text(NAMED, ("A", 1)), "s", "length_high") == 5
    assert _high(subproblem_text(NAMED, ("A", 2)), "s", "length_high") == 10**5


def test_other_statements_are_left_as_they_are():
    assert subproblem_text(POINTS, None) == POINTS
    assert subproblem_text(POINTS, ("A", 4)) == POINTS          # no fourth block
    one = statement("The first line contains n.\nThe input limitations for getting 30 points are:\n- 1 ≤ n ≤ 5")
    assert subproblem_text(one, ("A", 2)) == one


def test_alphasolve_spec_reads_the_subproblems_limits(tmp_path):
    problem = {"id": "cf-178-A1", "name": "Educational Game", "description": POINTS,
               "public_tests": {"input": ["4\n1 0 1 2\n"], "output": ["1\n1\n3\n"]},
               "private_tests": {"input": ["300\n" + " ".join(["1"] * 300) + "\n"], "output": ["0\n"]}}
    path = tmp_path / "a1.json"
    path.write_text(json.dumps(problem))
    result = CliRunner().invoke(app, ["spec", str(path), "--check", "--json"])
    assert result.exit_code == 0, result.output
    n = next(v for v in json.loads(result.output)["variables"] if v["name"] == "n")
    assert (n["min"], n["max"]) == (1, 300)
    problem["id"] = "cf-178-A3"
    path.write_text(json.dumps(problem))
    n = next(v for v in json.loads(CliRunner().invoke(app, ["spec", str(path), "--json"]).output)["variables"]
             if v["name"] == "n")
    assert n["max"] == 10**5

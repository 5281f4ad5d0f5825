"""The input layout read from an input section: the phrasings it knows, and None for the rest."""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path

import pytest

from alphasolve.inputs.spec import Block, Item, Line, Spec
from alphasolve.inputs.spec_check import read_input
from alphasolve.inputs.spec_layout import layout_failure, normalise, parse_layout

SHARED = Path(os.environ.get("ALPHASOLVE_SHARED", Path(__file__).parents[2] / ".." / "shared"))


def test_two_lines_scalars_then_array():
    section = ("The first line contains two integers n and k (1 ≤ n ≤ 2·10^5, 1 ≤ k ≤ n) — the "
               "size of the array and the target.\n"
               "The second line contains n integers a_1, a_2, ..., a_n (1 ≤ a_i ≤ 10^9).")
    assert parse_layout(section, ["n", "k", "a"]) == (
        [Line([Item("n"), Item("k")]), Line([Item("a", "n")])], None)


def test_markdown_latex():
    section = ("The first line contains a single integer $n$ ($1 \\le n \\le 10^5$).\n\n"
               "The second line contains $n$ integers $a_1, a_2, \\ldots, a_n$ "
               "($-10^9 \\le a_i \\le 10^9$).")
    assert parse_layout(section, ["n", "a"]) == (
        [Line([Item("n")]), Line([Item("a", "n")])], None)


def test_edges_and_n_minus_one_lines():
    section = ("The first line contains an integer n (2 ≤ n ≤ 10^5).\n"
               "Each of the next n - 1 lines contains two integers u_i and v_i (1 ≤ u_i, v_i ≤ n)"
               " — the endpoints of the i-th edge.")
    layout, t = parse_layout(section, ["n", "u", "v"])
    assert layout == [Line([Item("n")]), Block("n - 1", [Line([Item("u"), Item("v")])])]
    assert t is None


def test_ith_of_next_lines_and_one_name_per_line():
    section = ("The first line contains two integers n and m (1 ≤ n ⋅ m ≤ 10^6).\n\n"
               "The i-th of the next n lines contains a string s_i consisting of m uppercase "
               "Latin letters.")
    layout, _ = parse_layout(section, ["n", "m", "s"])
    assert layout == [Line([Item("n"), Item("m")]), Block("n", [Line([Item("s", length="m")])])]
    section = ("The first line contains an integer n. The following n lines contain strings "
               "s_1, s_2, ..., s_n — the phone numbers.")
    assert parse_layout(section, ["n", "s"])[0] == [Line([Item("n")]),
                                                    Block("n", [Line([Item("s")])])]


def test_codeforces_test_cases():
    section = ("The first line contains an integer t (1 ≤ t ≤ 10^4) — the number of test cases. "
               "Then t test cases follow.\n"
               "Each test case consists of two lines. The first line of each test case contains "
               "a single integer n (1 ≤ n ≤ 2 · 10^5). The second line contains n integers "
               "a_1, …, a_n.\n"
               "It is guaranteed that the sum of n over all test cases does not exceed 2 · 10^5.")
    layout, t = parse_layout(section, ["t", "n", "a"])
    assert t == "t"
    assert layout == [Line([Item("t")]),
                      Block("t", [Line([Item("n")]), Line([Item("a", "n")])])]


def test_test_case_line_count_must_match():
    section = ("The first line contains an integer t — the number of test cases. "
               "Each test case consists of three lines. The first line of each test case "
               "contains n. The second line contains n integers a_1, ..., a_n.")
    assert parse_layout(section, ["t", "n", "a"]) == (None, None)


def test_code_jam_html():
    section = ("<p>The first line of the input gives the number of test cases, <b>T</b>. "
               "<b>T</b> test cases follow.<br/>\nEach begins with a line containing two "
               "integers <b>R</b> and <b>C</b>. Then, <b>R</b> lines follow, each containing a "
               "string of <b>C</b> characters.</p>")
    layout, t = parse_layout(section, ["T", "R", "C"])
    assert t == "T"
    assert layout == [Line([Item("T")]),
                      Block("T", [Line([Item("R"), Item("C")]),
                                  Block("R", [Line([Item("_1", length="C")])])])]


def test_code_jam_single_line_cases():
    section = ("<p>The first line of the input gives the number of test cases, <code>T</code>. "
               "<code>T</code> test cases follow. Each test case consists of a single line "
               "containing the integers <var>A</var> and <var>B</var>.</p>")
    assert parse_layout(section, ["T", "A", "B"]) == (
        [Line([Item("T")]), Block("T", [Line([Item("A"), Item("B")])])], "T")


def test_grid_of_characters():
    section = ("The first line contains two integers n and m (1 ≤ n, m ≤ 500). Each of the next "
               "n lines contains m characters '.' or '#'.")
    layout, _ = parse_layout(section, ["n", "m"])
    assert layout == [Line([Item("n"), Item("m")]), Block("n", [Line([Item("_1", length="m")])])]


def test_separated_digits_are_tokens_and_unseparated_a_string():
    spaced = "The first line contains n. The second line contains n digits separated by spaces."
    assert parse_layout(spaced, ["n"])[0][1] == Line([Item("_1", "n")])
    joined = "The first line contains n. The second line contains a string of n digits."
    assert parse_layout(joined, ["n"])[0][1] == Line([Item("_1", length="n")])


def test_only_line_and_one_value_per_line():
    assert parse_layout("The only line contains a non-empty string s (1 ≤ |s| ≤ 100).",
                        ["s"]) == ([Line([Item("s")])], None)
    layout, _ = parse_layout("The input contains three integers a, b and c, each on a single "
                             "line (1 ≤ a, b, c ≤ 10).", ["a", "b", "c"])
    assert layout == [Line([Item("a")]), Line([Item("b")]), Line([Item("c")])]


def test_a_description_after_a_comma_is_not_a_token():
    layout, _ = parse_layout("The first line of input contains an integer n, the number of "
                             "threads (1 ≤ n ≤ 10^5).", ["n"])
    assert layout == [Line([Item("n")])]


def test_name_in_the_bound():
    layout, _ = parse_layout("The first line contains a single integer (1 ≤ n ≤ 300). The second "
                             "line contains n integers (1 ≤ a_i ≤ 10^9).", ["n", "a"])
    assert layout == [Line([Item("n")]), Line([Item("a", "n")])]


@pytest.mark.parametrize("section", [
    # content never described
    "The first line contains n. Next n lines contain operations, one per line. They correspond "
    "to the description given in the statement.",
    # a count the statement does not give
    "The first line contains one or more words, each a sentence.",   # (a line of words: test_spec_words.py)
    "The second line contains a sequence of integers a_0, a_1, ... (1 ≤ a_0 ≤ 100).",
    # another line hidden in a tail
    "Each test case consists of one line with two integers L and X, followed by another line "
    "with L characters.",
    # a line out of order
    "The first line contains n. The third line contains m.",
    # numbered names over several lines
    "The first line contains a_1 and b_1. Next two lines contain numbers a_2, b_2, a_3 and b_3.",
])
def test_not_understood_is_none(section):
    assert parse_layout(section, ["n", "m", "a", "b", "L", "X"]) == (None, None)
    assert layout_failure(section, ["n", "m", "a", "b", "L", "X"])


def test_wrapped_markdown_and_dashed_names():
    section = ("The first line contains a single integer — n (1 ≤ n ≤ 100),\nthe number of "
               "boxes.\nThe second line contains n integers a_1, a_2, ..., a_n.")
    assert parse_layout(section, ["n", "a"])[0] == [Line([Item("n")]), Line([Item("a", "n")])]


def test_counts_over_unnamed_values_make_no_layout():
    """'three integers — the number of vertices n (<image>), ...': n is never read, so the
    n lines after it cannot be followed."""
    section = ("The first line contains three integers. Each of the next n lines contains two "
               "integers.")
    assert parse_layout(section, ["n"]) == (None, None)


def test_normalise_html_and_latex():
    assert normalise("<p>Each of the next <b>N</b> lines<br>contains $a_{i}$, \\ldots</p>") == [
        "Each of the next N lines", "contains a_i, ..."]


def _jsonl(path: Path):
    if not path.exists():
        pytest.fail(f"missing {path} (set ALPHASOLVE_SHARED)")
    with gzip.open(path, "rt") as f:
        return [json.loads(line) for line in f]


def test_codeflaws_official_inputs_read_with_the_parsed_layout():
    """Every official input of a problem whose layout parses must read with it (soundness);
    and the parser must read a fair share of the statements (coverage)."""
    base = SHARED / "data" / "codeflaws"
    tests = {r["problem"]: r["tests"] for r in _jsonl(base / "codeflaws-dev.jsonl.gz")}
    parsed = read_all = 0
    unread = []
    for record in _jsonl(base / "codeflaws-dev-statements.jsonl.gz")[:300]:
        layout, t = parse_layout(record["input_spec"], [])
        if layout is None or not tests.get(record["problem"]):
            continue
        parsed += 1
        spec = Spec(layout=layout, testcases=t)
        if all(read_input(spec, test["input"]) is not None for test in tests[record["problem"]]):
            read_all += 1
        else:
            unread.append(record["problem"])
    assert parsed >= 150
    assert read_all >= 0.97 * parsed, unread

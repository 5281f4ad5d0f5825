"""Statement readings added for soundness and layout coverage: digit groups before a comparison,
equalities that name a thing, line phrasings ("Only one line ...", "Each of next m lines"),
several described names on one line, counts said by an index's range or by "the next n lines",
and "The input contains two lines" followed by each line. The phrases are written for these
tests (shaped like real statements, copied from none)."""

from __future__ import annotations

from alphasolve.inputs.spec_check import check_input
from alphasolve.inputs.spec_layout import layout_failure, parse_layout
from alphasolve.inputs.spec_parse import parse_spec
from alphasolve.inputs.spec_text import normalize
from support import layout_shape, statement


_shape = layout_shape


def _layout(section: str, names: list[str]):
    layout, _ = parse_layout(section, names)
    assert layout is not None, layout_failure(section, names)
    return _shape(layout)


def test_a_digit_group_before_a_comparison_is_one_number():
    spec = parse_spec(statement("The only line holds two integers p and q.\n\n"
                                 "-20 000 ≤ p, q ≤ 20 000"))
    assert (spec.var("p").low.value, spec.var("p").high.value) == (-20000, 20000)
    assert (spec.var("q").low.value, spec.var("q").high.value) == (-20000, 20000)
    assert check_input(spec, "-19999 5\n") == []
    # a list of numbers before a comparison stays a list: "3 4 500 < v" is no 34500
    assert normalize("The values 3 4 500 < v are kept; -20 000 ≤ p")[0] == \
        "The values 3 4 500 < v are kept; -20000 ≤ p"


def test_an_equality_that_names_a_thing_is_no_value():
    text = statement("The first line contains two integers W and K: K players stand by the K = 0 gate "
                      "and the rest by the K = W gate.\n\n1 ≤ W ≤ 50\n\n0 < K < W")
    spec = parse_spec(text)
    assert (spec.var("K").low.value, spec.var("K").high.expr) == (1, "W - 1")
    assert any("K = 0" in u for u in spec.unknown)
    # a stated equality still is one
    fixed = parse_spec(statement("The only line contains an integer d (d = 7 in every test)."))
    assert (fixed.var("d").low.value, fixed.var("d").high.value) == (7, 7)


def test_line_phrasings_said_other_ways():
    assert _layout("Only one line containing two positive integers u and w (1 ≤ u, w ≤ 100).",
                   ["u", "w"]) == [[("u", None), ("w", None)]]
    assert _layout("A single line which contains the integer z (1 ≤ z ≤ 9).", ["z"]) == [[("z", None)]]
    assert _layout("The input consists of a single line which contains two integers r and c.",
                   ["r", "c"]) == [[("r", None), ("c", None)]]
    assert _layout("The input contains a single line, containing the string w (1 ≤ |w| ≤ 9).",
                   ["w"]) == [[("w", None)]]
    assert _layout("The first line holds m (1 ≤ m ≤ 9). Each of next m lines contains two integers "
                   "u_i and v_i.", ["m", "u", "v"]) == [[("m", None)], ("m", [[("u", None), ("v", None)]])]
    assert _layout("The first line contains q, the number of test cases. The description of the test "
                   "cases follows. Only one line of each test case contains an integer h(1 ≤ h ≤ 50).",
                   ["q", "h"]) == [[("q", None)], ("q", [[("h", None)]])]
    assert _layout("The first line contains an integer q (1 ≤ q ≤ 9) — the number of test cases. Then q "
                   "lines contain the test cases, one per line. Each of the lines contains one integer h.",
                   ["q", "h"]) == [[("q", None)], ("q", [[("h", None)]])]


def test_several_described_names_on_one_line():
    names = ["r", "y", "g", "k"]
    assert _layout("The first line contains two integers: r (1 ≤ r ≤ 50) — the number of rows and "
                   "columns of the park and y (1 ≤ y ≤ 50) — the year.", names) == [[("r", None), ("y", None)]]
    assert _layout("The first line contains three integers: r (1 ≤ r ≤ 9) — the rows; g (|g| ≤ 9) — "
                   "the gain, and k (0 ≤ k ≤ 3) — the kind.", names) == [[("r", None), ("g", None), ("k", None)]]
    # a description that names a second value without its own range is not two names
    for section in ("The first line contains two integers: r (1 ≤ r ≤ 50) — the rows and the count of y.",
                    "The first line contains three integers: r (1 ≤ r ≤ 9) — the rows, and k (0 ≤ k ≤ 3) — "
                    "the kind."):
        assert parse_layout(section, names)[0] is None


def test_a_count_said_by_an_index_range_or_by_the_lines():
    names = ["n", "b", "m"]
    assert _layout("The first line contains n (1 ≤ n ≤ 9). The second line contains a sequence of integers "
                   "b_i (1 ≤ b_i ≤ 70, 1 ≤ i ≤ n).", names) == [[("n", None)], [("b", "n")]]
    assert _layout("The first line contains n (1 ≤ n ≤ 9). The second line contains integers b_j "
                   "(0 ≤ b_j ≤ 5, 0 ≤ j < n).", names) == [[("n", None)], [("b", "n")]]
    assert _layout("The first line contains n (1 ≤ n ≤ 9). The next n lines contain the integers b_i "
                   "(1 ≤ b_i ≤ 70).", names) == [[("n", None)], ("n", [[("b", None)]])]
    # no count anywhere: still refused
    assert parse_layout("The first line contains n (1 ≤ n ≤ 9). The second line contains integers b_i "
                        "(1 ≤ b_i ≤ 70).", names)[0] is None
    # a two-letter index over the next n lines is a matrix row of unknown width: refused
    assert parse_layout("The first line contains n and m. The next n lines contain integers b_ij.",
                        names)[0] is None


def test_the_input_told_in_so_many_lines_then_each_line():
    names = ["s", "t"]
    assert _layout("The input contains two lines. The first line contains the string s (1 ≤ |s| ≤ 9). "
                   "The second line contains the string t (1 ≤ |t| ≤ 9).", names) == [[("s", None)], [("t", None)]]
    # the lines described must be as many as said
    assert parse_layout("The input contains three lines. The first line contains the string s. "
                        "The second line contains the string t.", names)[0] is None
    assert _layout("The input contains two lines. Each line contains the string s.", names) == \
        [("2", [[("s", None)]])]


def test_groups_joined_by_and_each_with_its_type():
    names = ["n", "m", "k"]
    assert _layout("The first line contains integer n (1 ≤ n ≤ 8) and integer m (1 ≤ m ≤ 9).", names) == \
        [[("n", None), ("m", None)]]
    assert _layout("The first line contains an integer n, an integer m and an integer k.", names) == \
        [[("n", None), ("m", None), ("k", None)]]


def test_guarantees_outside_the_input_section_are_listed_unknown():
    text = ("A legend. You may assume the grid has a free cell.\n\nInput\n\nThe only line contains an "
            "integer n (1 ≤ n ≤ 9).\n\nOutput\n\nPrint the count. It is guaranteed that a valid cutting exists."
            "\n\nNote\n\nIn the first example it is guaranteed nothing.\n")
    unknown = parse_spec(text).unknown
    assert any("a valid cutting exists" in u and u.startswith("(outside the input section)") for u in unknown)
    assert any("the grid has a free cell" in u for u in unknown)
    assert not any("first example" in u for u in unknown)      # notes explain the examples


def test_a_line_given_by_a_quoted_format_of_names():
    names = ["m", "p", "q"]
    assert _layout('The first line contains m. Next m lines contain the roads in the format "p_i q_i" '
                   '(without the quotes) (1 ≤ p_i, q_i ≤ m).', names) == [[("m", None)], ("m", [[("p", None), ("q", None)]])]
    assert _layout('The first line contains m. Each of the next m lines holds a point written as "p q".',
                   names) == [[("m", None)], ("m", [[("p", None), ("q", None)]])]
    # quoted text that is not names is no format the reader knows
    assert parse_layout('The first line contains the moment in the format "HH:MM".', names)[0] is None


def test_words_describing_an_array_before_its_type():
    names = ["m", "c"]
    assert _layout("The first line contains m. The second line contains an array of measured integers "
                   "c_1, c_2, ..., c_m.", names) == [[("m", None)], [("c", "m")]]
    # the count before the type is no description: "a list of m integers"
    assert _layout("The first line contains m. The second line contains a space-separated list of m integers.",
                   names) == [[("m", None)], [("_1", "m")]]


def test_an_input_told_as_one_value():
    names = ["w", "q"]
    assert _layout("You are given the string w, consisting of lowercase Latin letters (1 ≤ |w| ≤ 80).",
                   names) == [[("w", None)]]
    assert _layout("A single integer q (1 ≤ q ≤ 70), the number of shelves.", names) == [[("q", None)]]
    assert _layout("You've got a single integer q (1 ≤ q ≤ 70) — the size.", names) == [[("q", None)]]
    # lines told after it: not one value
    assert parse_layout("You are given an integer q (1 ≤ q ≤ 7). The second line contains w.", names)[0] is None


def test_what_a_line_holds_said_after_in_the_form_of_or_as():
    names = ["m", "e", "f", "g"]
    block = [[("m", None)], ("m", [[("e", None), ("f", None), ("g", None)]])]
    assert _layout("The first line contains m. The following m lines contain the orders, each of them in the form "
                   "of three space-separated numbers: e_i, f_i and g_i (1 ≤ e_i, f_i, g_i ≤ 9).", names) == block
    assert _layout("The first line contains m. Following m lines contain one road each in form e_i, f_i and g_i "
                   "(1 ≤ e_i ≤ 9).", names) == block
    assert _layout("The first line contains m. Each of the next m lines contains an interval as a pair of integers "
                   "e_i and f_i, separated by a space.", names) == [[("m", None)], ("m", [[("e", None), ("f", None)]])]
    # a line with a count or a type before 'as' is read as before, not cut at 'as'
    assert parse_layout("The first line contains m. The second line contains m integers as the weights.",
                        names)[0] == parse_layout("The first line contains m. The second line contains m integers.",
                                                  names)[0]


def test_a_line_described_after_its_block_and_a_describing_tail():
    names = ["m", "e", "f"]
    pair = [[("m", None)], ("m", [[("e", None), ("f", None)]])]
    assert _layout("The first line contains m. Next m lines contain the descriptions of the bridges, one per line. "
                   "A bridge is described by a pair of integers e_i, f_i (1 ≤ e_i, f_i ≤ 9).", names) == pair
    assert _layout("The first line contains m. Then m lines follow. Each line contains two integers e_i, f_i and "
                   "represents a bridge from e_i to f_i.", names) == pair
    assert _layout("The first line contains m. Following m lines contain descriptions of the walls. Each "
                   "description is a pair of integers — the ends.", names) == [[("m", None)], ("m", [[("_1", "2")]])]


def test_a_sentence_about_rows_or_what_follows_is_never_skipped():
    # "This is followed by R rows ..." is about lines: not understood, the layout is unknown
    # rather than one that misses the rows
    section = "The first line is formatted as e f. This is followed by e, rows each of which contains f characters."
    assert parse_layout(section, ["e", "f"])[0] is None
    assert _layout("The first line is formatted as e f.", ["e", "f"]) == [[("e", None), ("f", None)]]
    # "followed by" inside one token's format is not about lines
    assert _layout("The first line is formatted as e f. Both e and f consist of a digit followed by a point.",
                   ["e", "f"]) == [[("e", None), ("f", None)]]

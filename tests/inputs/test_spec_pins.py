"""Guarantees on some element, one element or one end of the values (spec_pins, spec_genpins):
read from the statement's sentence, an input breaking them rejected with a readable reason,
drawn inputs keeping them."""

from __future__ import annotations

from alphasolve.inputs.spec_check import check_input
from alphasolve.inputs.spec_parse import parse_spec
from tests.support import drawn, read_spec, statement


def _claims(spec) -> list[tuple]:
    return [(c.kind, c.subject, c.expr) for c in spec.claims]


def test_at_least_one_of_the_unnamed_values_is_positive():
    spec = read_spec("The first input line contains the single integer n (1 ≤ n ≤ 1000) — the number of pages.\n"
                     "The second line contains seven non-negative space-separated integers that do not exceed "
                     "1000 — how many pages Petr reads on each day. It is guaranteed that at least one of those "
                     "numbers is larger than zero.")
    assert ("some_positive", ["_1"], None) in _claims(spec)
    assert not any("larger than zero" in u or "> zero" in u for u in spec.unknown)
    assert check_input(spec, "5\n0 0 0 0 0 0 0\n") == ["no _1 is positive (line 2)"]
    assert check_input(spec, "5\n0 0 0 0 0 0 3\n") == []
    inputs = drawn(spec, "100\n15 20 20 15 10 30 45\n", count=12)
    assert all(any(int(v) > 0 for v in text.split("\n")[1].split()) for text in inputs)


def test_not_all_named_values_are_zero():
    spec = read_spec("The first line contains n (1 ≤ n ≤ 100). The second line contains n integers a_1, a_2, ..., "
                     "a_n (0 ≤ a_i ≤ 10). Not all a_i are zero.")
    assert ("some_nonzero", ["a"], None) in _claims(spec)
    assert check_input(spec, "3\n0 0 0\n") == ["no a is non-zero (line 2)"]
    for text in drawn(spec, "3\n1 0 2\n", count=12):
        assert any(int(v) for v in text.split("\n")[1].split())


def test_a_conditional_or_possible_guarantee_is_no_claim():
    spec = read_spec("The first line contains n (1 ≤ n ≤ 100). The second line contains n integers a_1, a_2, ..., "
                     "a_n (0 ≤ a_i ≤ 10). If at least one a_i is positive, print it.")
    assert not any(c.kind.startswith("some") for c in spec.claims)


def test_pinned_first_and_last_element_of_rows():
    spec = read_spec("The first line contains a single number n (2 ≤ n ≤ 1000) — the number of stops.\n"
                     "Then n lines follow, each contains two integers a_i and b_i (0 ≤ a_i, b_i ≤ 1000).\n"
                     "- This particularly means that a_1 = 0.\n- No passenger enters at the last stop. That is, b_n = 0.")
    assert ("pinned", ["a"], "a_1 = 0") in _claims(spec)
    assert ("pinned", ["b"], "b_n = 0") in _claims(spec)
    assert check_input(spec, "3\n1 2\n1 0\n1 3\n") == ["a[1] = 1, not a_1 = 0 (line 2)", "b[3] = 3, not b_n = 0 (line 4)"]
    assert check_input(spec, "3\n0 2\n1 5\n1 0\n") == []
    for text in drawn(spec, "4\n0 3\n2 5\n4 2\n4 0\n", count=12):
        rows = text.split("\n")[1:-1]
        assert rows[0].split()[0] == "0" and rows[-1].split()[1] == "0"


def test_a_pin_on_an_array_indexed_from_zero_is_no_claim():
    spec = read_spec("The first line contains n (2 ≤ n ≤ 100). The second line contains n integers a_0, a_1, ..., "
                     "a_{n-1} (0 ≤ a_i ≤ 10). It is guaranteed that a_1 = 0.")
    assert not any(c.kind == "pinned" for c in spec.claims)


def test_distinct_column_named_by_a_noun_of_its_description():
    spec = read_spec("The first line contains number n (1 ≤ n ≤ 100).\nThen follow n lines. Each describes a laptop "
                     "as speed ram hdd cost. Besides,\n- speed, ram, hdd and cost are integers\n"
                     "- 1000 ≤ speed ≤ 4200 is the processor's speed in megahertz\n- 256 ≤ ram ≤ 4096 the RAM volume\n"
                     "- 1 ≤ hdd ≤ 500 is the HDD in gigabytes\n- 100 ≤ cost ≤ 1000 is price in tugriks\n"
                     "All laptops have different prices.")
    assert ("distinct", ["cost"], None) in _claims(spec)
    assert "All laptops have different prices." not in spec.unknown
    assert check_input(spec, "2\n1001 257 1 100\n1001 257 2 100\n") == ["cost has equal values (line 2)"]
    for text in drawn(spec, "2\n2100 512 150 200\n2000 2048 240 350\n", count=12):
        costs = [row.split()[3] for row in text.split("\n")[1:-1]]
        assert len(set(costs)) == len(costs)


def test_a_noun_no_single_value_is_described_by_is_no_claim():
    spec = read_spec("The first line contains number n (1 ≤ n ≤ 100).\nThen follow n lines, each with two integers "
                     "x_i and y_i (1 ≤ x_i, y_i ≤ 100). All laptops have different prices.")
    assert not any(c.kind == "distinct" for c in spec.claims)
    assert "All laptops have different prices." in spec.unknown


def test_a_string_starts_with_a_character():
    spec = read_spec("The first line of the input contains only lowercase Latin letters and character '/' — the "
                     "path to some directory. All paths start with at least one character '/'. The length of the "
                     "given line is no more than 100 characters, it is not empty.")
    assert ("first_char", ["_1"], "/") in _claims(spec)
    assert check_input(spec, "usr//local\n") == ["_1 starts with 'u', not one of '/' (line 1)"]
    assert all(text.startswith("/") for text in drawn(spec, "//usr///local//nginx/sbin\n", count=12))


def test_the_legend_tells_the_ends_of_a_text_the_input_describes():
    spec = parse_spec("You are given a text of lowercase letters, spaces and commas. The text begins and ends with "
                      "a Latin letter.\n\nInput\n\nThe input data contains a single non-empty line — the text whose "
                      "length is no more than 10000 characters.\n\nOutput\n\nPrint the text.\n")
    kinds = {c.kind for c in spec.claims if c.subject == ["_2"] or c.subject == ["_1"]}
    assert kinds == {"first_char", "last_char"}
    assert len(check_input(spec, ",galileo was born.\n")) == 2
    assert check_input(spec, "galileo  was ,born\n") == []


def test_the_legend_says_nothing_of_values_it_does_not_name():
    spec = parse_spec("Each word of the poem starts with a capital letter.\n\nInput\n\nThe only line contains a "
                      "string s (1 ≤ |s| ≤ 100) of lowercase letters.\n\nOutput\n\nPrint the answer.\n")
    assert not any(c.kind in ("first_char", "last_char") for c in spec.claims)


def test_without_leading_zeroes():
    spec = read_spec("The single line contains string s, written without leading zeroes. The string consists of "
                     "digits and its length is from 1 to 10.")
    assert ("no_leading_zeros", ["s"], None) in _claims(spec)
    assert check_input(spec, "0123\n") == ["s = 0123 has a leading zero (line 1)"]
    assert check_input(spec, "0\n") == []
    for text in drawn(spec, "123\n", count=12):
        assert len(text.strip()) == 1 or text[0] != "0"


def test_leading_zeroes_of_another_value_are_no_claim():
    spec = parse_spec(statement("The first line gives T. Each line contains a phone number N and the dividing "
                                "format F, one or more positive integers separated by dashes, without leading zeros."))
    assert not any(c.kind == "no_leading_zeros" for c in spec.claims)


ENEMIES = ("The first line contains two integers n and m (2 ≤ n ≤ 100, 1 ≤ m ≤ 100) — the number of students and the "
           "number of pairs of archenemies correspondingly.\nNext m lines describe enmity between students. Each "
           "enmity is described as two numbers a_i and b_i (1 ≤ a_i, b_i ≤ n, a_i ≠ b_i) — the indexes of the "
           "students who are enemies to each other. Each enmity occurs in the list exactly once. It is guaranteed "
           "that each student has no more than two archenemies.")


def test_each_node_has_at_most_k_edges():
    spec = read_spec(ENEMIES)
    assert ("max_degree", ["a", "b"], "2") in _claims(spec)
    assert ("no_multi_edges", ["a", "b"], None) in _claims(spec)
    assert check_input(spec, "5 4\n1 2\n2 4\n4 3\n1 4\n") == ["4 is an end of more than 2 of the pairs a, b (line 5)"]
    assert check_input(spec, "5 4\n1 2\n2 4\n5 3\n1 4\n") == []
    for text in drawn(spec, "5 4\n1 2\n2 4\n5 3\n1 4\n", count=12):
        ends = " ".join(text.split("\n")[1:]).split()
        assert max(ends.count(x) for x in set(ends)) <= 2


def test_a_degree_of_a_noun_the_edges_are_not_called_is_no_claim():
    spec = read_spec(ENEMIES.replace("It is guaranteed that each student has no more than two archenemies.",
                                     "It is guaranteed that each student has no more than two teachers."))
    assert not any(c.kind == "max_degree" for c in spec.claims)


def test_a_distinct_column_of_rows_is_drawn_distinct():
    spec = read_spec("The first line contains n (1 ≤ n ≤ 8). Each of the next n lines contains two integers a_i and "
                     "b_i (1 ≤ a_i, b_i ≤ 10). All a_i are distinct.")
    assert ("distinct", ["a"], None) in _claims(spec)
    assert check_input(spec, "2\n3 1\n3 2\n") == ["a has equal values (line 2)"]
    for text in drawn(spec, "2\n3 1\n4 1\n", count=12):
        column = [row.split()[0] for row in text.split("\n")[1:-1]]
        assert len(set(column)) == len(column)


def test_each_vertex_has_at_most_k_edges():
    spec = read_spec("The first line contains two integers n and m (2 ≤ n ≤ 10, 1 ≤ m ≤ 10) — the number of vertices "
                     "and the number of edges. Each of the next m lines contains two integers u_i and v_i (1 ≤ u_i, "
                     "v_i ≤ n). It is guaranteed that every vertex has at most 3 edges.")
    assert ("max_degree", ["u", "v"], "3") in _claims(spec)


def test_the_ends_of_each_word_of_a_line_are_not_the_line_ends():
    spec = read_spec("The first line contains one or more words consisting of lowercase and uppercase Latin letters. "
                     "The overall number of characters (including letters and spaces) does not exceed 100. Each word "
                     "starts with an uppercase letter.")
    assert any(i.words for line in spec.layout for i in line.items)
    assert not any(c.kind == "first_char" for c in spec.claims)


def test_values_of_the_same_sentence_at_least_one_of_which_is_positive():
    spec = read_spec("The first line contains n (1 ≤ n ≤ 10). The second line contains n non-negative integers not "
                     "exceeding 100, at least one of which is positive.")
    assert [c.kind for c in spec.claims] == ["some_positive"]
    assert check_input(spec, "2\n0 0\n") != [] and check_input(spec, "2\n0 4\n") == []
    spec = read_spec("The first line contains n (1 ≤ n ≤ 10). The second line contains n integers a_1, ..., a_n "
                     "(0 ≤ a_i ≤ 100), at least one of which is positive.")
    assert _claims(spec) == [("some_positive", ["a"], None)]

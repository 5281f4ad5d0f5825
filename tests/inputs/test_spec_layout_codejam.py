"""Code Jam phrasings of a layout: 'Each one starts with a line containing ...', 'Each test case
will start with ...', 'This is followed by T cases in the following format', 'Each consists of one
line with ..., followed by another line with ...', and two readings made sound on the way ('C
digits w_ij each': w_ij is each digit, not the line's token; 'X_i, Y_i, and the tile colour': a
third value, not a description). Each reading: the parse, drawn inputs that pass the check, a
wrong input rejected. The phrases are written for these tests (shaped like Code Jam's)."""

from __future__ import annotations

from alphasolve.inputs.spec import Spec
from alphasolve.inputs.spec_check import check_input
from alphasolve.inputs.spec_parse import parse_spec
from support import drawn, layout_shape, read_spec, statement

LIMITS = "\n\nLimits\n\n1 ≤ T ≤ 10. 1 ≤ N ≤ 20. 1 ≤ L ≤ 30. 0 ≤ X_i ≤ 100. 0 ≤ Y_i ≤ 100."


def _spec(section: str) -> Spec:
    return read_spec(section + LIMITS)


def _drawn(spec: Spec, example: str) -> None:
    drawn(spec, example, 20, seed=2, max_bytes=50_000)


def test_each_one_starts_with_a_line():
    spec = _spec("The first line of the input gives the number of test cases, T. T test cases follow. Each one "
                 "starts with a line containing N, the number of points. The next N lines each contain two "
                 "integers X_i and Y_i.")
    assert layout_shape(spec.layout) == [[("T", None)], ("T", [[("N", None)], ("N", [[("X", None), ("Y", None)]])])]
    example = "2\n1\n3 4\n2\n0 0\n5 6\n"
    assert check_input(spec, example) == []
    _drawn(spec, example)
    assert check_input(spec, "1\n2\n3 4\n")             # one point of two
    assert check_input(spec, "1\n1\n3 400\n")           # Y_i > 100


def test_this_is_followed_by_cases_and_a_test_case_that_will_start():
    spec = _spec("The first line contains the number of test cases, T. This is followed by T cases in the "
                 "following format. Each test case will start with a line containing the integers N and L. "
                 "The next line contains N integers X_i.")
    assert layout_shape(spec.layout) == [[("T", None)], ("T", [[("N", None), ("L", None)], [("X", "N")]])]
    example = "1\n3 5\n1 2 3\n"
    assert check_input(spec, example) == []
    _drawn(spec, example)
    assert check_input(spec, "1\n3 5\n1 2\n")


def test_one_line_followed_by_another_line():
    spec = _spec("The first line of the input gives the number of test cases, T. T test cases follow. Each "
                 "consists of one line with two integers N and L, followed by another line with N integers "
                 "X_i.")
    assert layout_shape(spec.layout) == [[("T", None)], ("T", [[("N", None), ("L", None)], [("X", "N")]])]
    assert check_input(spec, "1\n2 7\n4 5\n") == []
    assert check_input(spec, "1\n2 7\n4 5 6\n")


def test_digits_named_per_cell_are_one_unnamed_token():
    spec = _spec("The first line of the input gives the number of test cases, T. T test cases follow. Each one "
                 "starts with a line containing 2 integers: N and L. The next N lines each contain L digits "
                 "w_ij each. 0 ≤ w_ij ≤ 9.")
    [_, block] = spec.layout
    [[(row, length)]] = layout_shape(block.body[1].body, lengths=True)
    assert row.startswith("_") and length == "L"
    example = "1\n2 7\n1111111\n1234567\n"
    assert check_input(spec, example) == []              # "1111111" is 7 digits, not w > 9
    assert check_input(spec, "1\n2 7\n1111111\n123456\n")


def test_a_value_after_a_comma_and_the_is_not_a_description():
    section = ("The first line of the input gives the number of test cases, T. T test cases follow. Each one "
               "starts with a line containing N, the number of tiles. The next N lines each contain X_i, Y_i, "
               "and the tile colour (either '#' or '.').")
    assert parse_spec(statement(section + LIMITS)).layout is None


# -- values named after their descriptions (spec_described) -----------------------------------------

def test_values_named_after_their_descriptions():
    spec = _spec("The first line of the input gives the number of test cases, T. T test cases follow. Each test "
                 "case consists of two lines. The first line contains two integers: the budget you still have, "
                 "L, and the number of numbers other players have bet on, N. The second line contains N "
                 "integers X_i.")
    assert layout_shape(spec.layout) == [[("T", None)], ("T", [[("L", None), ("N", None)], [("X", "N")]])]
    example = "1\n30 3\n5 6 7\n"
    assert check_input(spec, example) == []
    _drawn(spec, example)
    assert check_input(spec, "1\n30 3\n5 6\n") and check_input(spec, "1\n30\n5 6 7\n")


def test_a_count_named_after_its_description_starts_the_block():
    spec = _spec("The first line of the input gives the number of test cases, T. T test cases follow. Each test "
                 "case starts with the number of points, N. The following N lines each contain 2 integers: X_i, "
                 "Y_i.")
    assert layout_shape(spec.layout) == [[("T", None)], ("T", [[("N", None)], ("N", [[("X", None), ("Y", None)]])])]
    example = "1\n2\n1 2\n3 4\n"
    assert check_input(spec, example) == []
    _drawn(spec, example)
    assert check_input(spec, "1\n3\n1 2\n3 4\n")


def test_names_in_descriptions_are_not_read():
    # X is told of in the description: the two values stay unnamed (as the line grammar reads them)
    spec = parse_spec(statement("The first line contains two integers: the number of cells next to X, N." + LIMITS))
    assert layout_shape(spec.layout) == [[("_1", "2")]]
    # two names for three values: no reading names them
    spec = parse_spec(statement("The first line contains three integers: the budget, L, and the count, N." + LIMITS))
    assert spec.layout is None or all(i.name.startswith("_") for line in spec.layout for i in line.items)


def test_lines_that_will_consist_of_and_the_i_th_of_these():
    spec = _spec("The first line of the input gives the number of test cases, T. T test cases follow. Each test "
                 "case will begin with two integers, N and L. N lines follow, each will consist of two integers, "
                 "X_i and Y_i, denoting the position of the i-th tree.")
    assert layout_shape(spec.layout) == [[("T", None)], ("T", [[("N", None), ("L", None)],
                                                               ("N", [[("X", None), ("Y", None)]])])]
    spec = _spec("The first line of the input gives the number of test cases, T. T test cases follow. Each begins "
                 "with one line with an integer N: the number of trees. Then, N lines follow; the i-th of these "
                 "contains two integers X_i and Y_i, and indicates where the i-th tree stands.")
    assert layout_shape(spec.layout) == [[("T", None)], ("T", [[("N", None)], ("N", [[("X", None), ("Y", None)]])])]
    example = "1\n2\n1 2\n3 4\n"
    assert check_input(spec, example) == []
    _drawn(spec, example)
    assert check_input(spec, "1\n2\n1 2 3\n3 4\n")


def test_a_thing_described_with_its_values():
    spec = _spec("The first line of the input gives the number of test cases, T. T test cases follow. The first "
                 "line of a test case contains a single integer N, the number of trees. Each of the next N lines "
                 "describes a different tree with two integers X_i and Y_i that give its position.")
    assert layout_shape(spec.layout) == [[("T", None)], ("T", [[("N", None)], ("N", [[("X", None), ("Y", None)]])])]
    assert check_input(spec, "1\n1\n5 6\n") == [] and check_input(spec, "1\n1\n5\n")

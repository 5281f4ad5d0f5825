"""Unnamed layout values tied to the variable the statement bounds and no line reads (spec_tie)."""

from __future__ import annotations

from support import layout_shape, statement

from alphasolve.inputs.spec_check import check_input
from alphasolve.inputs.spec_gen import spec_inputs
from alphasolve.inputs.spec_parse import parse_spec

GRID = ("The first line contains a single integer (1 ≤ n ≤ 300). The next n lines contain n integers each: "
        "the j-th number on the i-th line a_(i, j) ( - 1000 ≤ a_(i, j) ≤ 1000) is the number written in the "
        "cell with coordinates (i, j).")
PAIRS = ("The first line contains three integers n, y and m (1 ≤ n ≤ 16, 2001 ≤ y ≤ 10^18, 0 ≤ m ≤ 100). "
         "The next m lines contain one pair of integers each, \"a_i b_i\", indicating that professor on the "
         "a_i-th seat is more senior than professor on the b_i-th seat (1 ≤ a_i, b_i ≤ n, a_i ≠ b_i).")


def test_a_grid_of_unnamed_values_takes_the_bounds_of_its_cells():
    """213-C: the grid was drawn from the public example alone (every cell 5)."""
    spec = parse_spec(statement(GRID))
    assert layout_shape(spec.layout) == [[("n", None)], ("n", [[("a", "n")]])]
    assert (spec.var("a").low.value, spec.var("a").high.value) == (-1000, 1000)
    inputs = spec_inputs(spec, count=15, seed=0, examples=["1\n5\n"])
    assert inputs and all(check_input(spec, g.input) == [] for g in inputs)
    cells = {int(v) for g in inputs for line in g.input.splitlines()[1:] for v in line.split()}
    assert -1000 in cells and 1000 in cells and any(-3 < v < 3 for v in cells)
    assert check_input(spec, "2\n1 2\n3 1001\n")


def test_one_pair_per_line_takes_the_two_names_and_their_claim():
    spec = parse_spec(statement(PAIRS))
    assert layout_shape(spec.layout) == [[("n", None), ("y", None), ("m", None)], ("m", [[("a", None), ("b", None)]])]
    assert check_input(spec, "3 2001 2\n1 2\n3 1\n") == []
    assert check_input(spec, "3 2001 2\n1 2\n2 2\n")      # a_i ≠ b_i
    assert check_input(spec, "3 2001 1\n1 4\n")           # b_i ≤ n
    inputs = spec_inputs(spec, count=12, seed=0, examples=["3 2001 2\n1 2\n3 1\n"])
    assert inputs and all(check_input(spec, g.input) == [] for g in inputs)


def test_values_are_left_unnamed_where_the_statement_allows_another_reading():
    """Three values a line and one bounded variable k_i: k is one of the three, not all of them."""
    spec = parse_spec(statement(
        "The first line contains two integers n and s (1 ≤ n ≤ 10^3; 1 ≤ s < 10^6). Then n lines follow. "
        "The i-th line contains three integers — the x_i and y_i coordinate values of the i-th location and "
        "the number k_i of people in it (1 ≤ k_i < 10^6)."))
    assert layout_shape(spec.layout)[-1] == ("n", [[("_1", "3")]])
    spec = parse_spec(statement(   # two unnamed sequences, one variable: which one is it?
        "The first line contains n (1 ≤ n ≤ 100). The second line contains n integers. The third line "
        "contains n integers. All b_i satisfy 1 ≤ b_i ≤ 10."))
    assert [line[0][0] for line in layout_shape(spec.layout)[1:]] == ["_1", "_2"]

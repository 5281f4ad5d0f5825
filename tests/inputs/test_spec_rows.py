"""Layouts of lines told row by row: a block of lines described by its i-th line, grids told in
prose, a line of words. Each reading is shown three ways: the layout parsed from a statement, an
input drawn from its spec that passes the check, and a wrong input the check rejects. The phrases
are written for these tests (shaped like real statements, copied from none)."""

from __future__ import annotations

from alphasolve.inputs.spec_check import check_input
from alphasolve.inputs.spec_layout import layout_failure, parse_layout
from support import drawn, layout_shape, read_spec


def _shape(nodes) -> list:
    return layout_shape(nodes, lengths=True)


_spec = read_spec


def _drawn(spec, example: str = "", count: int = 8) -> list[str]:
    return drawn(spec, example, count, seed=1, max_bytes=20_000)


# -- a block of lines described by its i-th line -------------------------------------------------

def test_the_ith_of_these_lines_after_lines_follow():
    spec = _spec("The first line of the input gives the number of test cases, T. T test cases follow. "
                 "Each begins with one line with two integers K and Q: the kettles and the quota. Then, K lines "
                 "follow. The i-th of these has two integers W_i and H_i: the weight and height of the i-th kettle."
                 "\n\nLimits\n\n1 ≤ T ≤ 50.\n1 ≤ K ≤ 30.\n1 ≤ Q ≤ 1000.\n1 ≤ W_i ≤ 70.\n1 ≤ H_i ≤ 70.")
    assert _shape(spec.layout) == [[("T", None)], ("T", [[("K", None), ("Q", None)],
                                                          ("K", [[("W", None), ("H", None)]])])]
    assert check_input(spec, "1\n2 5\n3 4\n7 1\n") == []
    for text in _drawn(spec, "1\n2 5\n3 4\n7 1\n"):
        lines = text.split("\n")
        assert len(lines[2].split()) == 2
    assert check_input(spec, "1\n2 5\n3 4\n") != []          # a kettle missing
    assert check_input(spec, "1\n1 5\n3 4 4\n") != []        # three values on a kettle's line
    assert check_input(spec, "1\n1 5\n3 71\n") != []         # H over its bound


def test_the_ith_line_phrasings():
    names = ["n", "t", "x", "y", "c"]
    block = [[("n", None)], ("n", [[("t", None), ("c", None)]])]
    for section in (
            "The first line contains n. Next n lines contain the jobs' descriptions: the i-th line contains two "
            "integers t_i and c_i — the time and the cost.",
            "The first line contains n. Then follow n lines. The i-th of those lines contains two integers t_i "
            "and c_i.",
            "The first line contains n. This is followed by n lines. On the i-th line, there are 2 integers, t_i "
            "and c_i, the time and the cost.",
            "The first line contains n. Then, there are n more lines. The ith of these represents the i-th job, "
            "and it has two integers t_i and c_i.",
            "The first line contains n. Each of the next n lines contains two integers. The i-th of them contains "
            "t_i and c_i (1 ≤ t_i, c_i ≤ 9)."):
        layout, _ = parse_layout(section, names)
        assert layout is not None and _shape(layout) == block, (section, layout_failure(section, names))


def test_the_ith_line_that_does_not_fit_the_lines_told_is_refused():
    names = ["n", "t", "x", "y", "c"]
    for section in (
            # three values told, two named
            "The first line contains n. Each of the next n lines contains three integers. The i-th of them "
            "contains t_i and c_i.",
            # what the i-th line means is no content
            "The first line contains n. Then n lines follow. The i-th line describes the i-th job.",
            # an (i + 1)-th line without the range of i
            "The first line contains n. The (i + 1)-th line contains integers t_i and c_i."):
        assert parse_layout(section, names)[0] is None, section


def test_the_ith_line_names_the_values_told_first():
    spec = _spec("The first line contains a single integer m (1 ≤ m ≤ 40) — the number of orders. Each of the "
                 "following m lines contains three integers — the orders. The i-th of these lines contains three "
                 "space-separated integers t_i, x_i, y_i (1 ≤ t_i ≤ 2; 0 ≤ x_i, y_i ≤ 10).")
    assert _shape(spec.layout) == [[("m", None)], ("m", [[("t", None), ("x", None), ("y", None)]])]
    _drawn(spec)
    assert check_input(spec, "2\n1 2 3\n3 0 0\n") != []      # t over 2: the names carry the bounds


def test_a_name_read_on_two_lines_makes_no_layout():
    # x_i of the lower boundary and x_j of the upper fold to one "x": a claim "x is sorted" would
    # be checked across both blocks, so the layout is refused rather than read wrong
    section = ("The first line contains L and U. This is followed by L lines: the i-th line contains two integers "
               "x_i and y_i. This is followed by U more lines. The j-th line here contains two integers x_j and y_j.")
    assert parse_layout(section, ["L", "U", "x", "y"])[0] is None
    assert "read on two lines" in layout_failure(section, ["L", "U", "x", "y"])
    assert parse_layout("The first line contains n, w and h. Then n lines follow, each of them contains two "
                        "integers w_i and h_i.", ["n", "w", "h"])[0] is None


# -- grids told in prose ------------------------------------------------------------------------

def test_rows_of_characters_each():
    spec = _spec("The first line contains two integers R and C (1 ≤ R, C ≤ 20) — the rows and columns of the "
                 "field. Then, there are R more rows of C characters each; every character is either '.' or '#'.")
    assert _shape(spec.layout) == [[("R", None), ("C", None)], ("R", [[("_1", "C")]])]
    for text in _drawn(spec, "2 3\n.#.\n###\n"):
        lines = text.split("\n")
        r, c = map(int, lines[0].split())
        assert len(lines) == r + 2 and all(len(row) == c for row in lines[1:r + 1])
    assert check_input(spec, "2 3\n.#.\n##\n") != []        # a row one character short
    assert check_input(spec, "2 3\n.#.\n") != []             # a row missing


def test_grid_phrasings():
    names = ["R", "C", "T"]
    grid = [[("R", None), ("C", None)], ("R", [[("_1", "C")]])]
    for section in (
            "The first line contains R and C. This line is followed by R lines with a string of C characters each.",
            "The first line contains R and C. This is followed by R lines, each containing a string of C characters "
            "chosen from \"|-/\".",
            "The first line contains R and C. Then R lines follow, each line contains C characters 0 or 1.",
            "The first line contains R and C. This line is followed by R lines, each of which has C characters, each "
            "of which describes a cell."):
        layout, _ = parse_layout(section, names)
        assert layout is not None and _shape(layout) == grid, (section, layout_failure(section, names))
    assert _shape(parse_layout("The first line contains R and C. Next, there are R lines of C positive integers "
                               "each; these describe the matrix.", names)[0]) == \
        [[("R", None), ("C", None)], ("R", [[("_1", "C")]])]
    assert _shape(parse_layout("The input contains eight lines, eight characters each — the board.", names)[0]) == \
        [("8", [[("_1", "8")]])]
    assert _shape(parse_layout("The first line contains T. T test cases follow. Each test case consists of 4 lines "
                               "with 4 characters each, with each character being 'X', 'O' or '.'.", names)[0]) == \
        [[("T", None)], ("T", [("4", [[("_1", "4")]])])]
    # a list of allowed characters that is not one ("0 or R": a name) is not read
    assert parse_layout("The first line contains R and C. Then R lines follow, each line contains C characters "
                        "0 or R.", names)[0] is None


def test_rows_of_integers_each():
    spec = _spec("The first line contains two integers N and M (1 ≤ N, M ≤ 10). Next, there are N lines of M "
                 "integers each; these describe the matrix. Each integer is between 0 and 9, inclusive: "
                 "0 ≤ A_{i,j} ≤ 9.")
    assert _shape(spec.layout) == [[("N", None), ("M", None)], ("N", [[("A", "M")]])]   # (spec_tie)
    assert check_input(spec, "2 2\n1 2\n3 4\n") == []
    assert check_input(spec, "2 2\n1 2\n3 10\n") != []     # A_{i,j} ≤ 9
    _drawn(spec, "2 2\n1 2\n3 4\n")
    assert check_input(spec, "2 2\n1 2 3\n3 4\n") != []      # a row of three


def test_a_sequence_of_characters_is_one_string():
    spec = _spec("The first line contains a sequence of characters, each of which is 'a', 'b' or '?'. Its length "
                 "is between 1 and 50.")
    assert _shape(spec.layout) == [[("_1", None)]]
    _drawn(spec, "ab?a\n")
    assert check_input(spec, "ab ba\n") != []                 # characters, not words
    # spaced characters have a count to say: without one, not read
    assert parse_layout("The first line contains a sequence of characters separated by spaces.", [])[0] is None

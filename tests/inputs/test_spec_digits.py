"""Lines of digits, numbers told by their digit count, unnamed strings told character by character,
blocks of names, the type a line's words give and a bound told of unnamed values in a sentence of
their own. Each reading is shown as the parse, inputs drawn from the spec that pass the check, and
wrong inputs rejected. The phrases are written for these tests (shaped like real statements, copied
from none)."""

from __future__ import annotations

from alphasolve.inputs.spec_check import check_input
from support import drawn, layout_shape, read_spec

LOWER = "abcdefghijklmnopqrstuvwxyz"


def test_digits_separated_by_spaces_are_integers_from_0_to_9():
    spec = read_spec("The first line contains one integer k (1 ≤ k ≤ 1000) — how many digits there are. "
                     "The second line contains k digits, separated by single spaces.")
    assert layout_shape(spec.layout) == [[("k", None)], [("_1", "k")]]
    var = spec.var("_1")
    assert var.type == "int" and (var.low.value, var.high.value) == (0, 9)
    inputs = drawn(spec, "3\n1 0 7\n")
    assert any(set(t.split("\n")[1].split()) - {"0"} for t in inputs)     # not all zeros
    assert check_input(spec, "2\n9 0\n") == []
    assert check_input(spec, "2\n9 10\n")


def test_a_string_of_digits_with_its_length():
    spec = read_spec("The first line contains one integer m (1 ≤ m ≤ 500). The second line contains m digits "
                     "without spaces — the code on the lock.")
    assert layout_shape(spec.layout, lengths=True) == [[("m", None)], [("_1", "m")]]
    var = spec.var("_1")
    assert var.type == "string" and var.alphabet == "0123456789"
    for text in drawn(spec, "4\n0912\n"):
        m, code = text.split()
        assert len(code) == int(m) and code.isdigit()
    assert check_input(spec, "3\n0a1\n")
    assert not any("digits" in u for u in spec.unknown)


def test_a_number_told_by_its_digit_count_is_a_string_of_digits():
    spec = read_spec("The only line contains a positive integer x — the ticket number. The number of digits in "
                     "this number does not exceed 100 000. The number has no leading zeros.")
    var = spec.var("x")
    assert var.type == "string" and var.alphabet == "0123456789"
    assert (var.length_low.value, var.length_high.value) == (1, 100_000)
    assert any(c.kind == "first_char" and c.subject == ["x"] and c.expr == "123456789" for c in spec.claims)
    inputs = drawn(spec, "705\n", count=12, max_bytes=200_000)
    assert max(len(t.strip()) for t in inputs) > 18           # past any machine integer
    assert check_input(spec, "1" * 100_000 + "\n") == []      # (the checker reads no such int)
    assert check_input(spec, "1" * 100_001 + "\n") and check_input(spec, "12a\n")
    assert not any("digits" in u for u in spec.unknown)


def test_a_binary_number_with_more_than_one_digit():
    spec = read_spec("The single line contains integer b, written in binary notation. This number contains more "
                     "than 1 and at most 1000 digits.")
    var = spec.var("b")
    assert var.type == "string" and var.alphabet == "01"
    assert (var.length_low.value, var.length_high.value) == (2, 1000)
    assert check_input(spec, "10\n") == [] and check_input(spec, "12\n") and check_input(spec, "1\n")


def test_a_digit_count_of_a_count_is_not_read():
    # n counts the lines after it: it stays an integer
    spec = read_spec("The first line contains an integer n. The number of digits in n is at most 2. Each of the "
                     "next n lines contains an integer a_i (1 ≤ a_i ≤ 9).")
    assert spec.var("n").type != "string"


def test_an_unnamed_sequence_of_characters_each_of_which_is_quoted():
    spec = read_spec('The first line contains a sequence of characters each of which is either a "a", a "b" or '
                     'a "*". The sequence\'s length ranges from 3 to 5000, inclusive.')
    assert layout_shape(spec.layout) == [[("_1", None)]]
    var = spec.var("_1")
    assert var.type == "string" and var.alphabet == "*ab"
    assert (var.length_low.value, var.length_high.value) == (3, 5000)
    inputs = drawn(spec, "ab*\n", count=12)
    assert any(len(t.strip()) == 5000 for t in inputs)
    assert check_input(spec, "a*\n") and check_input(spec, "abc\n")


def test_lines_of_names_told_in_the_next_sentence():
    spec = read_spec("The first line contains two integers n and m (1 ≤ n, m ≤ 50). The second line contains n "
                     "space-separated positive integers. Each of them does not exceed 1000 and is the weight of "
                     "one box. The following m lines contain names of the boxes. Each name is a non-empty string "
                     "of lowercase Latin letters which length does not exceed 20.")
    assert layout_shape(spec.layout) == [[("n", None), ("m", None)], [("_1", "n")], ("m", [[("_2", None)]])]
    weights, names = spec.var("_1"), spec.var("_2")
    assert (weights.low.value, weights.high.value) == (1, 1000)
    assert names.type == "string" and names.alphabet == LOWER
    assert (names.length_low.value, names.length_high.value) == (1, 20)
    drawn(spec, "2 2\n5 7\nbox\ncrate\n")
    assert check_input(spec, "1 2\n3\nab\ncd\n") == []
    assert check_input(spec, "1 1\n1001\nab\n")          # a weight too large
    assert check_input(spec, "1 1\n3\nAb\n")             # an uppercase letter
    assert check_input(spec, "1 1\n3\nab cd\n")          # two words on a name's line


def test_a_matrix_of_reals_takes_the_type_of_its_words():
    spec = read_spec("The first line contains integer n (1 ≤ n ≤ 10). Then follow n lines with n real numbers "
                     "each — matrix p. p_{ij} (0 ≤ p_{ij} ≤ 1) — the chance that i beats j.")
    assert layout_shape(spec.layout) == [[("n", None)], ("n", [[("p", "n")]])]
    assert spec.var("p").type == "real"
    inputs = drawn(spec, "2\n0 0.5\n0.5 0\n", count=12)
    assert any(int(t.split()[0]) >= 3 for t in inputs)
    assert check_input(spec, "1\n0.25\n") == []
    assert check_input(spec, "1\n1.5\n") and check_input(spec, "1\nx\n")


def test_unnamed_reals_without_bounds_are_left_to_the_examples():
    # no bound: the type alone makes no variable (the public inputs show what the values are)
    spec = read_spec("The first line contains integer n (1 ≤ n ≤ 10). The second line contains n real numbers.")
    assert spec.var("_1") is None


def test_the_first_digit_told_not_zero_of_the_one_digit_string():
    spec = read_spec("The first line contains an integer n (1 ≤ n ≤ 100). The second line contains n digits without "
                     "spaces. It is guaranteed that the first digit of the number does not equal zero.")
    assert any(c.kind == "first_char" and c.subject == ["_1"] and c.expr == "123456789" for c in spec.claims)
    for text in drawn(spec, "3\n102\n", count=12):
        assert text.split()[1][0] != "0"
    assert check_input(spec, "2\n05\n")
    assert not any("first digit" in u for u in spec.unknown)


def test_lines_of_names_of_an_exact_length():
    spec = read_spec("The first line contains two integers n and k (1 ≤ n, k ≤ 30). Then n lines contain names, each "
                     "name consists of exactly k lowercase Latin letters.")
    assert layout_shape(spec.layout, lengths=True) == [[("n", None), ("k", None)], ("n", [[("_1", "k")]])]
    assert spec.var("_1").alphabet == LOWER
    for text in drawn(spec, "2 3\nabc\nxyz\n"):
        n, k, *names = text.split()
        assert len(names) == int(n) and all(len(w) == int(k) for w in names)
    assert check_input(spec, "1 2\nabc\n") and check_input(spec, "1 2\nAb\n")


def test_lines_of_pairs_named_by_their_i_th_line():
    spec = read_spec("The first line contains two integers n and m (1 ≤ n, m ≤ 1000). The next n lines contain pairs of "
                     "integers. The i-th line contains integers x_i, y_i (1 ≤ x_i, y_i ≤ 10^6).")
    assert layout_shape(spec.layout) == [[("n", None), ("m", None)], ("n", [[("x", None), ("y", None)]])]
    drawn(spec, "2 1\n1 2\n3 4\n")
    assert check_input(spec, "1 1\n1 2 3\n")


def test_pairs_on_one_line_have_no_count():
    # "pairs of integers" on one line says not how many: the line is not read
    from alphasolve.inputs.spec_layout import parse_layout
    layout, _ = parse_layout("The first line contains n. The second line contains pairs of integers.", ["n"])
    assert layout is None


def test_a_described_integer_told_by_its_length_in_digits():
    spec = read_spec("The first line contains the secret code of the safe — an integer without leading zeroes, its "
                     "length is in range from 1 to 10^5 digits. The second line contains two integers p, q "
                     "(1 ≤ p, q ≤ 100).")
    assert layout_shape(spec.layout) == [[("_1", None)], [("p", None), ("q", None)]]
    var = spec.var("_1")
    assert var.type == "string" and var.alphabet == "0123456789"
    assert (var.length_low.value, var.length_high.value) == (1, 100_000)
    assert any(c.kind == "no_leading_zeros" and c.subject == ["_1"] for c in spec.claims)
    inputs = drawn(spec, "120\n3 4\n", count=12, max_bytes=200_000)
    assert max(len(t.split()[0]) for t in inputs) > 18
    assert check_input(spec, "9" * 100_000 + "\n1 1\n") == []
    assert check_input(spec, "01\n1 1\n") and check_input(spec, "1a\n1 1\n")

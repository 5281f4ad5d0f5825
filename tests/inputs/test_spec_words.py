"""A line of words ('one or more words consisting of lowercase Latin letters') and unnamed values
told more of in their sentence or the next ('n space-separated integers. The i-th integer equals
... a_i', 'seven non-negative integers that do not exceed 1000'). Each reading is shown three
ways: the parse, an input drawn from the spec that passes the check, a wrong input rejected. The
phrases are written for these tests (shaped like real statements, copied from none)."""

from __future__ import annotations

from alphasolve.inputs.spec import Spec
from alphasolve.inputs.spec_check import check_input
from alphasolve.inputs.spec_gen import generatable
from alphasolve.inputs.spec_layout import parse_layout
from alphasolve.inputs.spec_problem import fill_from_examples
from support import drawn, read_spec


_spec = read_spec


def _drawn(spec: Spec, example: str = "", count: int = 12) -> list[str]:
    return drawn(spec, example, count, seed=3, max_bytes=20_000)


# -- a line of words ------------------------------------------------------------------------------

def test_one_or_more_words_with_a_total_length():
    spec = _spec("The first line contains one or more words consisting of lowercase Latin letters. The overall "
                 "number of characters (including letters and spaces) does not exceed 10^5.\nIt is guaranteed "
                 "that any two consecutive words are separated by exactly one space and the input data do not "
                 "contain any other spaces.")
    [line] = spec.layout
    [item] = line.items
    assert item.words and item.line_length == "100000"
    word, count = spec.var(item.name), spec.var(item.words)
    assert word.alphabet == "abcdefghijklmnopqrstuvwxyz" and word.length_high.value == 100000
    assert (count.low.value, count.high.value) == (1, 50000)
    assert spec.unknown == []          # the total length and the spacing are read
    assert generatable(spec)           # without examples: the statement bounds everything
    drawn = _drawn(spec, "petr\n")
    sizes = {len(text.split()) for text in drawn}
    assert 1 in sizes and any(1 < k <= 6 for k in sizes)     # one word, and a few
    assert check_input(spec, "petr\n") == [] and check_input(spec, "etis atis animatis\n") == []
    assert check_input(spec, "etis Atis\n") != []               # not lowercase
    assert check_input(spec, " ".join(["ab"] * 40000) + "\n") != []      # 119999 characters


def test_a_sentence_of_words_bounded_by_the_examples():
    spec = _spec("The only line contains a sentence of words separated by single spaces.")
    [line] = spec.layout
    [item] = line.items
    assert item.words and item.line_length is None
    assert spec.var(item.words).high is None and not generatable(spec)     # the count is not stated
    filled = fill_from_examples(spec, ["hello big world\n"])
    assert filled.var(item.words).high.value == 3 and filled.var(item.name).length_high.value == 5
    drawn = _drawn(spec, "hello big world\n")
    assert {len(text.split()) for text in drawn} >= {1, 3}
    assert check_input(spec, "one two three four five\n") == []    # valid: the statement bounds nothing
    assert check_input(filled, "one two three four\n") != []        # beyond what the examples show
    assert check_input(spec, "hello\nworld\n") != []                 # two lines


def test_a_non_empty_line_of_space_separated_words_after_a_count():
    spec = _spec("The first line contains an integer k (1 ≤ k ≤ 10). The second line contains a non-empty line of "
                 "space-separated words. The length of the line does not exceed 30.")
    assert [[(i.name, bool(i.words)) for i in n.items] for n in spec.layout] == [[("k", False)], [("_1", True)]]
    drawn = _drawn(spec, "3\nab cd\n")
    assert all(len(text.split("\n")[1]) <= 30 for text in drawn)
    assert check_input(spec, "3\nab cd ef\n") == []
    assert check_input(spec, "3\n" + "abcdef " * 5 + "\n") != []    # 34 characters
    assert check_input(spec, "3\n") != []                             # no word


def test_words_not_read():
    for section in ("The first line contains one or more words separated by spaces and commas.",
                    "The first line contains several words consisting of strange symbols.",
                    "The first line contains one or more words and an integer k."):
        assert parse_layout(section, ["k"]) == (None, None), section


def test_old_spec_json_reads_without_the_words_fields():
    spec = _spec("The first line contains an integer n (1 ≤ n ≤ 5).")
    data = spec.to_dict()
    assert "words" not in data["layout"][0]["line"][0]      # unchanged JSON for specs without words
    assert Spec.from_dict(data).layout[0].items[0].words is None
    words = _spec("The first line contains one or more words consisting of lowercase Latin letters.")
    assert Spec.from_dict(words.to_dict()).layout == words.layout


# -- unnamed values named or bounded later --------------------------------------------------------

def test_unnamed_values_named_by_the_next_sentence():
    spec = _spec("The first line contains an integer n (1 ≤ n ≤ 100) — the number of sticks. The second line "
                 "contains n space-separated integers. The i-th integer equals the length of the i-th stick a_i "
                 "(1 ≤ a_i ≤ 100).")
    assert [[(i.name, i.count) for i in n.items] for n in spec.layout] == [[("n", None)], [("a", "n")]]
    drawn = _drawn(spec, "3\n2 4 3\n")
    assert any("100" in text.split("\n")[1].split() for text in drawn)      # a_i at its bound
    assert check_input(spec, "3\n2 4 3\n") == []
    assert check_input(spec, "3\n2 101 3\n") != []


def test_unnamed_values_named_in_the_same_sentence():
    spec = _spec("The first line contains n (1 ≤ n ≤ 10). The second line contains n integers, the i-th of which "
                 "is the height h_i of the i-th tower (1 ≤ h_i ≤ 50).")
    assert [[(i.name, i.count) for i in n.items] for n in spec.layout] == [[("n", None)], [("h", "n")]]
    _drawn(spec, "2\n5 7\n")
    assert check_input(spec, "2\n5 70\n") != []


def test_unnamed_values_named_twice_stay_unnamed():
    section = ("The first line contains n (1 ≤ n ≤ 10). The second line contains n integers. The i-th integer is "
               "a_i, the cost of b_i (1 ≤ a_i, b_i ≤ 5).")
    spec = _spec(section)
    assert spec.layout[1].items[0].name.startswith("_")     # two names: not guessed


def test_unnamed_values_bounded_by_their_sentence():
    spec = _spec("The first input line contains the single integer n (1 ≤ n ≤ 1000) — the number of pages.\nThe "
                 "second line contains seven non-negative space-separated integers that do not exceed 1000 — those "
                 "integers represent how many pages are read on each day of the week.")
    block = spec.layout[1].items[0]
    assert block.count == "7"
    var = spec.var(block.name)
    assert (var.type, var.low.value, var.high.value) == ("int", 0, 1000)
    drawn = _drawn(spec, "100\n15 20 20 15 10 30 45\n")
    assert any("1000" in text.split("\n")[1].split() for text in drawn)
    assert check_input(spec, "100\n15 20 20 15 10 30 1001\n") != []
    assert check_input(spec, "100\n15 20 20 15 10 30 -1\n") != []


def test_unnamed_bounds_in_other_words():
    for rest, bounds in (("n positive integers not exceeding 10^9", (1, 10**9)),
                         ("n integers not exceeding 100 in absolute value", (-100, 100)),
                         ("n integers between 2 and 7", (2, 7)),
                         ("n integers, the sum of which does not exceed 100", None),
                         ("n integers that do not exceed m", None)):
        spec = _spec(f"The first line contains n and m (1 ≤ n, m ≤ 10). The second line contains {rest}.")
        var = spec.var(spec.layout[1].items[0].name)
        got = None if var is None else (var.low and var.low.value, var.high and var.high.value)
        assert got == bounds, rest

"""A line that is one string or a line of text, named or not, with prose around it ('The first line
represents the input string of the program', 'the initial string s, consisting of small Latin
letters (...)', 'a single non-empty line — the text whose length is no more than 50 characters',
'only lowercase Latin letters and character '/' — the path'), and what the next sentences say of
an unnamed one. Each reading is shown three ways: the parse, inputs drawn from the spec that pass
the check, wrong inputs rejected. The phrases are written for these tests (shaped like real
statements, copied from none)."""

from __future__ import annotations

from alphasolve.inputs.spec import Spec
from alphasolve.inputs.spec_check import check_input
from alphasolve.inputs.spec_layout import parse_layout
from alphasolve.inputs.spec_parse import parse_spec
from support import drawn, layout_shape, read_spec, statement

LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


_spec = read_spec


def _drawn(spec: Spec, example: str = "") -> list[str]:
    return drawn(spec, example, 20, seed=5, max_bytes=50_000)


def test_an_unnamed_string_told_of_in_the_next_sentence():
    spec = _spec("The first line represents the input string of the program. This string only consists of "
                 "uppercase and lowercase Latin letters and its length is from 1 to 100, inclusive.")
    assert layout_shape(spec.layout) == [[("_1", None)]]
    var = spec.var("_1")
    assert var.type == "string" and var.alphabet == LETTERS
    assert (var.length_low.value, var.length_high.value) == (1, 100)
    drawn = _drawn(spec)
    assert any(len(t.strip()) == 100 for t in drawn)
    assert check_input(spec, "Codeforces\n") == []
    assert check_input(spec, "abc1\n")               # a digit
    assert check_input(spec, "a" * 101 + "\n")       # too long
    assert check_input(spec, "ab cd\n")              # two tokens on a line of one string


def test_a_named_string_with_prose_after_its_name():
    spec = _spec("The only line contains the initial string s, consisting of small Latin letters "
                 "(1 ≤ |s| ≤ 1000).")
    assert layout_shape(spec.layout) == [[("s", None)]]
    assert spec.var("s").alphabet == "abcdefghijklmnopqrstuvwxyz"
    _drawn(spec)
    assert check_input(spec, "abc\n") == []
    assert check_input(spec, "aBc\n")
    assert check_input(spec, "abc\nabc\n")


def test_a_named_string_told_of_later_by_the_statement():
    spec = _spec("The only line of input contains non-empty string s obtained by Vasya. The string consists "
                 "of digits only. The string length does not exceed 30 characters.")
    assert layout_shape(spec.layout) == [[("s", None)]]
    assert spec.var("s").alphabet == "0123456789" and spec.var("s").length_high.value == 30
    _drawn(spec)
    assert check_input(spec, "0123\n") == []
    assert check_input(spec, "12a\n") and check_input(spec, "1" * 31 + "\n")


def test_a_line_of_text_that_may_hold_spaces():
    section = ("The input data contains of a single non-empty line — the text whose length is no more "
               "than 50 characters.")
    spec = _spec(section)
    [line] = spec.layout
    [item] = line.items
    assert item.words and item.line_length == "50"      # every token of the line, not one
    assert spec.var(item.name).length_high.value == 50 and spec.var(item.words).high is None
    example = "hello,  big world\n"
    assert check_input(spec, example) == []
    drawn = _drawn(spec, example)
    assert any(len(t.split()) > 1 for t in drawn)       # the example shows several words
    assert check_input(spec, "word " * 12 + "\n")        # 59 characters
    assert check_input(spec, "one\ntwo\n")
    layout, _ = parse_layout(section, [])
    assert layout is not None and layout[0].items[0].words


def test_only_an_alphabet_and_a_description():
    spec = _spec("The first line of the input contains only lowercase Latin letters and character '/' — "
                 "the path to some directory. All paths start with at least one character '/'. The length "
                 "of the given line is no more than 100 characters, it is not empty.")
    assert layout_shape(spec.layout) == [[("_1", None)]]
    var = spec.var("_1")
    assert var.alphabet == "/abcdefghijklmnopqrstuvwxyz" and (var.length_low.value, var.length_high.value) == (1, 100)
    _drawn(spec)
    assert check_input(spec, "//usr///local//nginx/sbin\n") == []
    assert check_input(spec, "/usr/Bin\n") and check_input(spec, "/usr /bin\n")


def test_two_unnamed_strings_told_of_together():
    spec = _spec("The first line of the input contains the name of the first city, its length doesn't "
                 "exceed 1000 characters. Second line contains the name of the second city, its length "
                 "doesn't exceed 30. Both strings are non-empty and consist of only small English letters.")
    assert layout_shape(spec.layout) == [[("_1", None)], [("_2", None)]]
    assert [spec.var(n).length_high.value for n in ("_1", "_2")] == [1000, 30]
    _drawn(spec)
    assert check_input(spec, "paris\nrome\n") == []
    assert check_input(spec, "paris\n" + "r" * 31 + "\n")


def test_a_named_line_of_unknown_characters_is_a_line_of_words():
    spec = _spec("The input will consist of a single line p which will give a program. String p will "
                 "contain between 1 and 100 characters, inclusive.")
    [line] = spec.layout
    [item] = line.items
    assert item.words and item.line_length == "100" and spec.var("p").length_high.value == 100
    assert check_input(spec, "print 'hello'\n") == []
    assert check_input(spec, "x" * 101 + "\n")
    _drawn(spec, "print 1\n")


def test_a_named_sequence_of_commands_told_of_by_it():
    spec = _spec("The first line contains two integers x and y (1 ≤ x, y ≤ 500). The second line contains a "
                 "sequence of commands s, which should be fulfilled by the robot. It has length from 1 to "
                 "100 000 characters and only consists of characters 'L', 'R', 'U', 'D'.")
    assert layout_shape(spec.layout) == [[("x", None), ("y", None)], [("s", None)]]
    var = spec.var("s")
    assert var.alphabet == "DLRU" and (var.length_low.value, var.length_high.value) == (1, 100_000)
    _drawn(spec)
    assert check_input(spec, "3 4\nLRUD\n") == []
    assert check_input(spec, "3 4\nLRXD\n") and check_input(spec, "3 4\nLR UD\n")


def test_lines_not_read():
    for section in (
            # a line of text that may be empty (or all spaces, which no reader sees as a line)
            "The first line contains an integer n (1 ≤ n ≤ 10). Each of the next n lines contains a "
            "sentence. Its length does not exceed 100.",
            "The only line contains the text.",
            # more than one value, or more than a description, after the string
            "The first line contains the name of the city and its population.",
            "The first line contains the initial string s, followed by an integer k.",
            "The first line contains the coordinates of point B.",
            # a sequence of what is not said: not read as text
            "The only line contains a non-empty sequence of moves m."):
        assert parse_spec(statement(section)).layout is None, section


def test_a_string_line_spec_round_trips():
    spec = _spec("The input data contains of a single non-empty line — the text whose length is no more "
                 "than 50 characters.")
    again = Spec.from_dict(spec.to_dict())
    assert again.to_dict() == spec.to_dict()
    assert check_input(again, "a b c\n") == [] and check_input(again, "a" * 51 + "\n")


def test_a_string_named_by_what_it_is():
    spec = _spec("The first line contains an integer T (1 ≤ T ≤ 10). T lines follow. Each line contains the target "
                 "string S. S consists of lowercase English letters (1 ≤ |S| ≤ 20).")
    assert layout_shape(spec.layout) == [[("T", None)], ("T", [[("S", None)]])]
    _drawn(spec, "2\nabc\nz\n")
    assert check_input(spec, "2\nabc\nz\n") == [] and check_input(spec, "2\nabc\nZ\n")

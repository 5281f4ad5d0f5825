"""parse_spec on hand-written statements shaped like the real ones: Codeforces plain text with
thin spaces, Markdown + LaTeX (CodeContests), Code Jam HTML with test sets, and the traps the
parser must refuse (images, disjunctions, negations, examples, descending orders)."""

from __future__ import annotations

from alphasolve.inputs.spec import Bound, Spec
from alphasolve.inputs.spec_parse import input_section, parse_spec

T = "\u2009"   # Codeforces' thin space


def bounds(spec: Spec, name: str) -> tuple:
    var = spec.var(name)
    assert var is not None, f"{name} not in {[v.name for v in spec.variables]}"

    def side(b: Bound | None):
        return None if b is None else (b.value if b.value is not None else b.expr)
    return side(var.low), side(var.high)


def lengths(spec: Spec, name: str) -> tuple:
    var = spec.var(name)
    assert var is not None

    def side(b: Bound | None):
        return None if b is None else (b.value if b.value is not None else b.expr)
    return side(var.length_low), side(var.length_high)


def kinds(spec: Spec) -> set[tuple[str, tuple[str, ...]]]:
    return {(c.kind, tuple(c.subject)) for c in spec.claims}


CODEFORCES = f"""Pipes

Some legend with n and 1{T}≤{T}x{T}≤{T}5 that is not the input.

Input

The first line contains two space-separated integers n and p (1{T}≤{T}n{T}≤{T}200{T}000,{T}0{T}≤{T}p{T}≤{T}n) — the number of houses and pipes.
Then p lines follow. The i-th line contains three integers a_i b_i d_i (1{T}≤{T}a_i,{T}b_i{T}≤{T}n,{T}a_i{T}≠{T}b_i,{T}1{T}≤{T}d_i{T}≤{T}10^6).
The last line contains n integers c_1,{T}c_2,{T}...,{T}c_n ({T}-{T}10^9{T}≤{T}c_i{T}≤{T}10^9). All c_i are pairwise distinct.

Output

Print 1{T}≤{T}answer{T}≤{T}7.

Examples

Input

3 1
1 2 5
1 2 3
"""


def test_codeforces_thin_spaces_chains_lists_and_claims():
    spec = parse_spec(CODEFORCES)
    assert spec.section
    assert bounds(spec, "n") == (1, 200000)            # digit groups split by a thin space
    assert bounds(spec, "p") == (0, "n")                # 0 ≤ p ≤ n: an expression
    assert bounds(spec, "a") == (1, "n") and bounds(spec, "b") == (1, "n")
    assert bounds(spec, "d") == (1, 10 ** 6)
    assert bounds(spec, "c") == (-10 ** 9, 10 ** 9)     # the minus after a thin space
    assert spec.var("n").type == "int" and spec.var("c").indexed
    assert ("no_self_loops", ("a", "b")) in kinds(spec)
    assert ("distinct", ("c",)) in kinds(spec)
    assert spec.var("x") is None and spec.var("answer") is None   # legend and output are not read
    assert "Then p lines follow" in input_section(CODEFORCES)


MARKDOWN = r"""You are given an array.

## Input

The first line contains a single integer $t$ ($1 \le t \le 10^4$) — the number of test cases.

The first line of each test case contains two integers $n$ and $k$ ($1 \leq k < n \le 2 \cdot 10^5$).

The second line contains $n$ integers $a_1, a_2, \ldots, a_n$ ($\lvert a_i \rvert \le 10^{18}$).

The third line contains a string $s$ of length $n$ consisting of lowercase Latin letters.

It is guaranteed that the sum of $n$ over all test cases does not exceed $2 \cdot 10^5$.

## Output

For each test case print $1 \le x \le 5$.
"""


def test_markdown_latex_strict_abs_sums_and_strings():
    spec = parse_spec(MARKDOWN)
    assert bounds(spec, "t") == (1, 10 ** 4)
    assert bounds(spec, "k") == (1, "n - 1")            # strict < on an integer: n - 1
    assert bounds(spec, "n") == (2, 2 * 10 ** 5)        # n > k ≥ 1
    assert bounds(spec, "a") == (-10 ** 18, 10 ** 18)   # |a_i| ≤ 10^18
    s = spec.var("s")
    assert s.type == "string" and s.alphabet == "abcdefghijklmnopqrstuvwxyz"
    assert lengths(spec, "s") == ("n", "n")
    assert [(x.name, x.high.value) for x in spec.sums] == [("n", 200000)]
    assert spec.var("x") is None
    # the sum is not a bound on n itself
    assert all("sum" not in phrase for phrase in spec.var("n").source.split(" | ")[1:])


GCJ = """<h2>Problem</h2><p>For each X where 1 &le; X &le; N, something.</p>
<h3>Input</h3>
<p>The first line of the input gives the number of test cases, <b>T</b>. <b>T</b> test cases follow.
Each test case consists of one line with two integers <b>N</b> and <b>K</b>.
The next line contains <b>N</b> integers <b>A<sub>1</sub></b>, <b>A<sub>2</sub></b>, ..., <b>A<sub>N</sub></b>.</p>
<h3>Output</h3><p>For each test case, output one line containing <code>Case #x: y</code>.</p>
<h3>Limits</h3>
<p>Time limit: 20 seconds.<br/>Memory limit: 1 GB.<br/>
1 &le; <b>T</b> &le; 100.<br/>
1 &le; <b>K</b> &le; <b>N</b>.<br/>
</p>
<h4>Test Set 1 (Visible Verdict)</h4>
<p>1 &le; <b>N</b> &le; 10.<br/>0 &le; <b>A<sub>i</sub></b> &le; 10.<br/></p>
<h4>Test Set 2 (Hidden Verdict)</h4>
<p>1 &le; <b>N</b> &le; 10<sup>18</sup>.<br/>All <b>A<sub>i</sub></b> are distinct.</p>
"""


def test_code_jam_html_test_sets_take_the_widest_and_drop_what_one_set_leaves_open():
    spec = parse_spec(GCJ)
    assert bounds(spec, "T") == (1, 100)
    assert bounds(spec, "N") == (1, 10 ** 18)           # widest over the test sets
    assert bounds(spec, "K") == (1, "N")                 # general limits hold in every set
    assert bounds(spec, "A") == (None, None)             # only test set 1 bounds A_i
    assert ("distinct", ("A",)) not in kinds(spec)       # only test set 2 claims it
    assert spec.var("X") is None                         # the legend's X is no input


def test_bad_forms_are_unknown_never_guessed():
    text = f"""Input
The first line contains integers n and m (<image>).
The next line contains n integers p_i (1{T}≤{T}p_i{T}≤{T}n or p_i{T}={T}{T}-{T}1).
The next line contains n integers b_i, none of which exceeds 10^4.
Some more text: c_i{T}≤{T}c_(i{T}-{T}1) for all i.
Here is an example: if x_i = 5 then stop.
Output
"""
    spec = parse_spec(text + "")
    assert bounds(spec, "n") == (None, None) and bounds(spec, "m") == (None, None)
    assert bounds(spec, "p") == (-1, None)               # "≤ n or = -1": max(n, -1) is not known
    assert bounds(spec, "b") == (None, None)             # "none of which exceeds" is not b > 10^4
    assert not any(c.kind == "sorted" for c in spec.claims)   # c_i ≤ c_(i-1) is descending
    assert spec.var("x") is None or bounds(spec, "x") == (None, None)
    assert any("<image>" in u for u in spec.unknown)
    assert any("none of which" in u for u in spec.unknown)


def test_disjunction_and_mixed_chains_are_not_read_as_bounds():
    spec = parse_spec("Input\nThe line contains integers k and a (k = 1 or k is a prime number, "
                      "1 ≤ a ≤ 10).\nIt is not the case that 3 ≤ a ≤ 5.\nOutput\n")
    assert bounds(spec, "k") == (None, None)
    assert bounds(spec, "a") == (1, 10)
    spec = parse_spec("Input\nThe line contains four integers L_a, R_a, L_b and R_b "
                      "(1 ≤ L_a ≤ R_a ≤ 100). Also L_a ≤ L_b = R_b ≤ R_a.\nOutput\n")
    assert bounds(spec, "R_a") == (1, 100)               # nothing from the mixed chain
    assert spec.var("R_b") is None or bounds(spec, "R_b") == (None, None)


def test_plain_ascii_words_and_scalars_with_indices():
    text = """Input
The only line contains five integers t_1, t_2, t_3, t_4 and t_5 (1 <= t_i <= 100).
The next line contains two integers p_l and p_r (1 <= p_l <= p_r <= 1e18).
The next line contains an integer q, which is at least 2 and does not exceed 2 × 10^5.
The next line contains a real number r with at most 2 digits after the decimal point (0 < r < 100).
The next line contains a positive integer w.
Output
"""
    spec = parse_spec(text)
    assert [bounds(spec, f"t_{k}") for k in range(1, 6)] == [(1, 100)] * 5
    assert bounds(spec, "p_l") == (1, "p_r") and bounds(spec, "p_r") == (1, 10 ** 18)
    assert not any(c.kind == "sorted" for c in spec.claims)    # p_l and p_r are two numbers
    assert bounds(spec, "q") == (2, 200000)
    r = spec.var("r")
    assert r.type == "real" and r.low.value == 0 and r.low.strict and r.high.strict
    assert bounds(spec, "w") == (1, None)                # "positive": low 1, nothing else


def test_strings_alphabets_lengths_and_graph_claims():
    text = """Input
The first line contains a non-empty string s consisting of characters '.' and '#'. The length of s is at most 100.
The second line contains a binary string b of length 10.
The third line contains a word w consisting only of letters 'a' and 'b', and its length is between 2 and 5.
The next line contains n (2 ≤ n ≤ 1000). Each of the next n - 1 lines contains two integers u and v (1 ≤ u, v ≤ n). It is guaranteed that the given edges form a tree.
The next line contains n integers x_1 ≤ x_2 ≤ … ≤ x_n (0 ≤ x_i ≤ 10^9).
The last line contains a permutation p_1, p_2, …, p_n of length n.
Output
"""
    spec = parse_spec(text)
    assert spec.var("s").alphabet == "#." and lengths(spec, "s") == (1, 100)
    assert spec.var("b").alphabet == "01" and lengths(spec, "b") == (10, 10)
    assert spec.var("w").alphabet == "ab" and lengths(spec, "w") == (2, 5)
    assert bounds(spec, "u") == (1, "n")
    claims = kinds(spec)
    assert ("tree", ("u", "v")) in claims
    assert ("sorted", ("x",)) in claims and bounds(spec, "x") == (0, 10 ** 9)
    assert ("permutation", ("p",)) in claims


def test_alphabet_with_unknown_words_stays_unknown():
    spec = parse_spec("Input\nThe only line contains a string s (1 ≤ |s| ≤ 10^5) consisting of lowercase "
                      "letters and question marks and spaces.\nOutput\n")
    s = spec.var("s")
    assert s.type == "string" and s.alphabet is None        # "spaces" is not understood
    assert lengths(spec, "s") == (1, 10 ** 5)
    assert s.low is None and s.high is None                 # |s| is a length, not a value
    assert spec.unknown


def test_no_input_section():
    spec = parse_spec("Compute the answer for 1 ≤ n ≤ 10.")
    assert not spec.section and spec.empty() and spec.unknown == ["no input section found"]
    assert input_section("Compute the answer.") is None


def test_subproblems_take_the_widest_bound():
    spec = parse_spec("Input\nThe first line contains n.\nIn subproblem C1 (30 points) 1 ≤ n ≤ 100.\n"
                      "In subproblem C2 (70 points) 1 ≤ n ≤ 10^5.\nOutput\n")
    assert bounds(spec, "n") == (1, 10 ** 5)


def test_spec_round_trips_as_json():
    spec = parse_spec(MARKDOWN)
    assert Spec.from_dict(spec.to_dict()).to_dict() == spec.to_dict()


def test_untyped_names_read_from_their_notation():
    text = f"""Input
The first line contains integer k (1{T}≤{T}k{T}≤{T}1000). The second line contains s, all characters in s are lowercase English letters. The string length s satisfies the inequality 1{T}≤{T}|s|{T}≤{T}1000, where |s| is the length of string s.
The next line contains n integers t_i (1 ≤ t_i ≤ 10^6). It is guaranteed that t_i < t_(i + 1) for all integer i (1 ≤ i < n).
Output
"""
    spec = parse_spec(text)
    s = spec.var("s")
    assert s.type == "string" and lengths(spec, "s") == (1, 1000) and s.alphabet == "abcdefghijklmnopqrstuvwxyz"
    assert spec.var("i") is None                          # "for all integer i" is an index
    assert ("sorted_strict", ("t",)) in kinds(spec)
    assert bounds(spec, "t") == (1, 10 ** 6)


def test_no_two_objects_coincide_is_no_claim_on_one_variable():
    spec = parse_spec("Input\nThe i-th line contains two integers X_i and Y_i.\n-10 ≤ Y_i ≤ 10.\n"
                      "No two jugglers are in the same position.\nThe numbers are pairwise distinct.\nOutput\n")
    assert ("distinct", ("Y",)) in kinds(spec)             # "the numbers": the array just read
    spec = parse_spec("Input\nThe i-th line contains two integers X_i and Y_i.\n-10 ≤ Y_i ≤ 10.\n"
                      "No two jugglers are the same.\nOutput\n")
    assert not spec.claims and spec.unknown


def test_code_jam_types_and_huge_powers():
    html = ("<h3>Input</h3><p>The first line gives the number of test cases, <b>T</b>. Each test case consists "
            "of three values: an integer <b>N</b>, and two floating-point numbers <b>A</b> and <b>B</b>.</p>"
            "<h3>Output</h3><p>Case #x: y</p><h3>Limits</h3><p>1 &le; <b>T</b> &le; 100.<br/>"
            "-10.00 &le; <b>A</b> &le; 10.00.<br/>-10.00 &le; <b>B</b> &le; 10.00.</p>"
            "<h4>Test Set 1</h4><p>1 &lt; <b>N</b> &lt; 10<sup>5</sup>.</p>"
            "<h4>Test Set 2</h4><p>1 &lt; <b>N</b> &lt; 10<sup>100</sup>.</p>")
    spec = parse_spec(html)
    assert spec.var("N").type == "int" and bounds(spec, "N") == (2, 10 ** 100 - 1)
    assert spec.var("A").type == "real" and bounds(spec, "A") == (-10.0, 10.0)
    assert bounds(spec, "T") == (1, 100)


def test_apps_headings_and_length_equalities():
    text = ("Polycarp has n coins.\n\n-----Input-----\n\nThe first line contains one integer $n$ ($1 \\le n \\le 100$)."
            "\n\nThe second line contains a string $s$ ($|s| = n$).\n\n-----Output-----\n\nPrint 1 ≤ x ≤ 2.\n")
    spec = parse_spec(text)
    assert bounds(spec, "n") == (1, 100) and spec.var("x") is None
    assert spec.var("s").type == "string" and lengths(spec, "s") == ("n", "n")
    assert input_section(text).startswith("The first line contains one integer n (1 ≤ n ≤ 100).")


def test_never_raises_on_garbage():
    import random
    rng = random.Random(7)
    words = ["n", "a_i", "≤", "<", "=", "≠", "10^5", "2·10^5", "1", "-", "(", ")", ",", "and", "or", "integers",
             "string", "|s|", "between", "sum", "of", "over", "test", "cases", "permutation", "distinct", "…",
             "min(", "$", "\\le", "_{", "}", "<b>", "</b>", "i", "2n", "Test Set 1", "\n", "Limits\n", "."]
    for _ in range(300):
        text = "Input\n" + " ".join(rng.choice(words) for _ in range(rng.randint(1, 40))) + "\nOutput\n"
        assert isinstance(parse_spec(text), Spec)


def test_test_set_bounds_through_another_variable():
    html = ("<h3>Input</h3><p>The first line gives the number of test cases, <b>T</b>. Each begins with one line "
            "containing four integers <b>R</b>, <b>C</b>, <b>H</b>, and <b>V</b>.</p><h3>Output</h3><p>x</p>"
            "<h3>Limits</h3><p>1 &le; <b>T</b> &le; 100.</p>"
            "<h4>Test Set 1</h4><p>2 &le; <b>R</b> &le; 10.<br/>2 &le; <b>C</b> &le; 10.<br/><b>H</b> = 1.<br/>"
            "<b>V</b> = 1.</p>"
            "<h4>Test Set 2</h4><p>2 &le; <b>R</b> &le; 100.<br/>2 &le; <b>C</b> &le; 100.<br/>"
            "1 &le; <b>H</b> &lt; <b>R</b>.<br/>1 &le; <b>V</b> &lt; <b>C</b>.</p>")
    spec = parse_spec(html)
    assert bounds(spec, "R") == (2, 100)
    assert bounds(spec, "H") == (1, 99) and bounds(spec, "V") == (1, 99)   # H = 1, or H < R ≤ 100


def test_graph_claims_take_the_edge_lines_not_the_first_line():
    text = """Input
The first line of each test case contains the two integers $N$ and $Q$.
The next $N-1$ lines contain two integers $i$ and $j$ ($1 \\le i, j \\le N$, and $i \\ne j$).
The next line contains $n$ integers: $a[i][j]$ ($0 \\le a[i][j] \\le 5$), the j-th number of the i-th row.
It is guaranteed that the given system is a tree.
Output
"""
    spec = parse_spec(text)
    assert ("tree", ("i", "j")) in kinds(spec) and ("no_self_loops", ("i", "j")) in kinds(spec)
    assert bounds(spec, "a") == (0, 5)


def test_either_or_sentences_state_no_order():
    text = ("Input\nThe next C lines contain two integers R_i and P_i (1 ≤ R_i ≤ 10, 1 ≤ P_i ≤ 20).\n"
            "Either R_i < R_(i+1), or R_i = R_(i+1) and P_i < P_(i+1), for all i < C.\nOutput\n")
    spec = parse_spec(text)
    assert not spec.claims
    assert bounds(spec, "P") == (1, 20) and bounds(spec, "R") == (1, 10)


def test_a_claim_on_the_array_before_needs_the_same_kind_of_values():
    text = ("Input\nThe next n lines contain strings s_1, s_2, …, s_n.\nThe next line contains n integers a_i "
            "(1 ≤ a_i ≤ 5).\nThe strings are pairwise distinct.\nOutput\n")
    assert not parse_spec(text).claims                        # "the strings" are not the a_i
    text = text.replace("The strings are", "The numbers are")
    assert kinds(parse_spec(text)) == {("distinct", ("a",))}


def test_an_inequality_of_values_introduced_later_in_its_sentence_is_a_claim():
    """154-D: "four integers — x_1, x_2, a and b (x_1 ≠ x_2, a ≤ b, ...)": the names are declared
    after the chain is read; the claim is made once they are."""
    from alphasolve.inputs.spec_check import check_input
    from support import statement
    spec = parse_spec(statement("The first line contains four space-separated integers — x_1, x_2, a and b "
                                "(x_1 ≠ x_2, a ≤ b, - 10^9 ≤ x_1, x_2, a, b ≤ 10^9) — coordinates."))
    assert [(c.kind, c.subject) for c in spec.claims] == [("no_self_loops", ["x_1", "x_2"])]
    assert check_input(spec, "1 2 0 2\n") == []
    assert check_input(spec, "1 1 0 2\n") and check_input(spec, "1 2 3 2\n")
    spec = parse_spec(statement("The only line contains integers p and q (1 ≤ p, q ≤ 10, p ≠ r)."))
    assert spec.claims == [] and "p ≠ r" in spec.unknown     # r is not a value of the input


def test_a_sum_compared_with_a_value_is_a_relation_checked_on_each_line():
    """169-A "a + b = n" and 152-B "|dx| + |dy| ≥ 1" were not read (not even listed as unknown):
    inputs breaking them split the accepted programs."""
    from alphasolve.inputs.spec_check import check_input
    from alphasolve.inputs.spec_gen import spec_inputs
    from support import statement
    spec = parse_spec(statement("The first input line contains three integers n, a and b (2 ≤ n ≤ 2000; a, b ≥ 1; "
                                "a + b = n). The next line contains integers h_1, h_2, ..., h_n (1 ≤ h_i ≤ 10^9)."))
    assert [(c.kind, c.expr) for c in spec.claims] == [("relation", "a + b = n")]
    assert check_input(spec, "5 2 3\n1 2 3 4 5\n") == []
    assert check_input(spec, "6 2 3\n1 2 3 4 5 6\n") == ["not a + b = n (line 1)"]
    drawn = spec_inputs(spec, 10, 0, examples=["5 2 3\n1 2 3 4 5\n"])
    assert drawn and all(check_input(spec, g.input) == [] for g in drawn)
    spec = parse_spec(statement("The first line contains an integer k (1 ≤ k ≤ 10^4). Then follow k lines, each of "
                                "them contains two integers dx_i and dy_i (|dx_i|, |dy_i| ≤ 10^9, |dx| + |dy| ≥ 1)."))
    assert [(c.kind, c.subject, c.expr) for c in spec.claims] == [("relation", ["dx", "dy"], "|dx| + |dy| ≥ 1")]
    assert check_input(spec, "2\n0 -1\n1 1\n") == [] and check_input(spec, "2\n1 1\n0 0\n") == ["not |dx| + |dy| ≥ 1 (line 3)"]
    drawn = spec_inputs(spec, 12, 0)
    assert len(drawn) == 12 and all(check_input(spec, g.input) == [] for g in drawn)
    # a condition makes it no relation ("if", "or"): nothing is claimed
    spec = parse_spec(statement("The only line contains integers a and b (1 ≤ a, b ≤ 10); if a > 5 then a + b ≤ 12."))
    assert not [c for c in spec.claims if c.kind == "relation"]


def test_its_length_is_the_length_of_the_one_string_the_sentence_before_named():
    """"... a string s ... . Its length does not exceed 10.": mutants of length 28 were run as valid."""
    from alphasolve.inputs.spec_check import check_input
    from support import statement
    spec = parse_spec(statement("The only input line contains a non-empty string s consisting of lowercase English "
                                "letters only. Its length does not exceed 10."))
    s = spec.var("s")
    assert (s.length_low.value, s.length_high.value) == (1, 10) and not spec.unknown
    assert check_input(spec, "radar\n") == [] and check_input(spec, "x" * 11 + "\n")
    # the sentence before named two values, or a number: "its" says nothing
    for section in ("The line contains a string s and a string t. Its length does not exceed 10.",
                    "The line contains an integer n (1 ≤ n ≤ 10^5). Its length does not exceed 10."):
        spec = parse_spec(statement(section))
        assert all(v.length_high is None for v in spec.variables), section

"""Reading inputs by a layout and checking them against a spec: each constraint breaks alone,
and what the spec does not know is never a failure."""

from __future__ import annotations

import pytest

from alphasolve.inputs.spec import Block, Bound, Claim, Item, Line, Spec, SumBound, Variable
from alphasolve.inputs.spec_check import check_input, read_input
from alphasolve.inputs.spec_eval import Unevaluable, evaluate


def _int(name: str, low=None, high=None, low_expr=None, high_expr=None) -> Variable:
    return Variable(name, "int", Bound(low, low_expr), Bound(high, high_expr))


def array_spec(**extra) -> Spec:
    """n (1 <= n <= 2*10^5), then n integers a_i (1 <= a_i <= n)."""
    return Spec(variables=[_int("n", 1, 200000), _int("a", 1, high_expr="n")],
                layout=[Line([Item("n")]), Line([Item("a", "n")])], **extra)


def multitest_spec() -> Spec:
    return Spec(variables=[_int("t", 1, 10**4), _int("n", 1, 200000), _int("a", -10**9, 10**9)],
                sums=[SumBound("n", Bound(200000))], testcases="t",
                layout=[Line([Item("t")]), Block("t", [Line([Item("n")]), Line([Item("a", "n")])])])


def graph_spec(claims: list[str], edges: str = "m") -> Spec:
    return Spec(variables=[_int("n", 1, 10), _int("m", 0, 100), _int("u", 1, high_expr="n"),
                           _int("v", 1, high_expr="n")],
                claims=[Claim(k, ["u", "v"]) for k in claims],
                layout=[Line([Item("n"), Item("m")]), Block(edges, [Line([Item("u"), Item("v")])])])


@pytest.mark.parametrize("expr,value", [
    ("n", 5), ("n - 1", 4), ("2 * m", 6), ("n * m", 15), ("10^9 + 7", 10**9 + 7),
    ("2·10^5", 200000), ("1e18", 10**18), ("-n", -5), ("(n + 1) / 2", 3), ("2n", 10)])
def test_evaluate(expr, value):
    assert evaluate(expr, {"n": 5, "m": 3}.get) == value


@pytest.mark.parametrize("expr", ["min(n, m)", "k", "__import__('os')", "n / 2", "s", "n +"])
def test_evaluate_refuses(expr):
    with pytest.raises(Unevaluable):
        evaluate(expr, {"n": 5, "m": 3, "s": "abc"}.get)


def test_valid_input_passes_with_tolerated_whitespace():
    assert check_input(array_spec(), "3\n1 2 3\n") == []
    assert check_input(array_spec(), "3  \r\n1 2 3   \n\n") == []
    assert check_input(array_spec(), "3\n1 2 3") == []


def test_bounds_name_the_value_the_bound_and_the_line():
    assert check_input(array_spec(), "200001\n" + " ".join(["1"] * 200001)) == [
        "n = 200001 > 2*10^5 (line 1)"]
    assert check_input(array_spec(), "4\n1 2 -5 4\n") == ["a[3] = -5 < 1 (line 2)"]
    # a bound that is another variable, evaluated where the token is read
    assert check_input(array_spec(), "3\n1 4 3\n") == ["a[2] = 4 > n (line 2)"]
    # one reason per broken constraint
    assert check_input(array_spec(), "3\n0 0 0\n") == ["a[1] = 0 < 1 (line 2) (and 2 more)"]


def test_layout_mismatches():
    assert check_input(array_spec(), "4\n1 2 3\n") == [
        "line 2: 3 tokens, the layout says 4 (n = 4)"]
    assert check_input(array_spec(), "3\n1 2 3\n7\n") == ["line 3: 1 more lines than the layout"]
    assert check_input(array_spec(), "3\n") == ["line 2: missing, the layout expects more lines"]


def test_types():
    assert check_input(array_spec(), "3\n1 2.5 3\n") == ["a[2] = 2.5 is not an integer (line 2)"]


def test_unknown_bound_and_no_layout_check_nothing():
    spec = array_spec()
    spec.var("a").high = Bound(expr="min(n, k)")
    assert check_input(spec, "3\n1 2 3000\n") == []
    assert check_input(Spec(variables=[_int("n", 1, 5)]), "100\n") == []


def test_empty_array_line_may_be_missing_or_blank():
    spec = Spec(variables=[_int("m", 0, 10)], layout=[Line([Item("m")]), Line([Item("d", "m")]),
                                                      Line([Item("k")])])
    assert check_input(spec, "0\n7\n") == []
    assert check_input(spec, "0\n\n7\n") == []


def test_read_input_maps_tokens_to_names_and_paths():
    reading = read_input(multitest_spec(), "2\n3\n1 2 3\n1\n9\n")
    assert reading is not None
    assert [(t.line, t.index, t.name, t.path) for t in reading.tokens] == [
        (1, 0, "t", ()), (2, 0, "n", (0,)), (3, 0, "a", (0,)), (3, 1, "a", (0,)),
        (3, 2, "a", (0,)), (4, 0, "n", (1,)), (5, 0, "a", (1,))]
    assert reading.scopes[()] == {"t": 2}
    assert reading.scopes[(0,)]["n"] == 3 and reading.scopes[(1,)]["n"] == 1
    assert reading.lookup("t", (1,)) == 2
    assert read_input(multitest_spec(), "2\n3\n1 2\n1\n9\n") is None


def test_sum_over_test_cases():
    spec = multitest_spec()
    spec.sums[0].high = Bound(4)
    assert check_input(spec, "2\n3\n1 2 3\n1\n9\n") == []
    assert check_input(spec, "2\n3\n1 2 3\n2\n9 9\n") == ["sum of n over test cases 5 > 4"]


@pytest.mark.parametrize("claim,good,bad,reason", [
    ("distinct", "3\n1 3 2\n", "3\n1 3 1\n", "a has equal values (line 2)"),
    ("permutation", "3\n3 1 2\n", "3\n3 1 1\n", "a is not a permutation (line 2)"),
    ("sorted", "3\n1 1 2\n", "3\n2 1 2\n", "a is not sorted (line 2)"),
    ("sorted_strict", "3\n1 2 3\n", "3\n1 1 2\n", "a is not strictly sorted (line 2)"),
])
def test_sequence_claims(claim, good, bad, reason):
    spec = array_spec(claims=[Claim(claim, ["a"])])
    assert check_input(spec, good) == []
    assert check_input(spec, bad) == [reason]


def test_claims_are_checked_only_where_stated():
    assert check_input(array_spec(), "3\n1 1 1\n") == []
    assert check_input(graph_spec([]), "3 2\n1 1\n1 1\n") == []


def test_graph_claims():
    tree = graph_spec(["tree"], edges="n - 1")
    assert check_input(tree, "4 0\n1 2\n2 3\n2 4\n") == []
    assert check_input(tree, "4 0\n1 2\n2 1\n3 4\n") == ["not a tree: a cycle (line 2)"]
    simple = graph_spec(["no_self_loops", "no_multi_edges"])
    assert check_input(simple, "3 2\n1 2\n2 3\n") == []
    assert check_input(simple, "3 2\n1 1\n2 3\n") == ["a self-loop u = v (line 2)"]
    assert check_input(simple, "3 2\n1 2\n1 2\n") == ["a repeated edge (line 2)"]
    connected = graph_spec(["connected"])
    assert check_input(connected, "4 2\n1 2\n3 4\n") == ["not connected (line 2)"]


def test_strings_length_alphabet_and_layout_length():
    spec = Spec(variables=[_int("n", 1, 10), Variable("s", "string", length_low=Bound(1),
                                                      length_high=Bound(5), alphabet="ab")],
                layout=[Line([Item("n")]), Line([Item("s", length="n")])])
    assert check_input(spec, "3\naba\n") == []
    assert check_input(spec, "3\nabc\n") == ["s has 'c', not in 'ab' (line 2)"]
    assert check_input(spec, "2\naba\n") == ["|s| = 3, the layout says n = 2 (line 2)"]
    assert check_input(spec, "6\nababab\n") == ["|s| = 6 > 5 (line 2)"]


def test_grid_rows():
    spec = Spec(variables=[_int("n", 1, 5), _int("m", 1, 5)],
                layout=[Line([Item("n"), Item("m")]), Block("n", [Line([Item("_1", length="m")])])])
    assert check_input(spec, "2 3\n.#.\n###\n") == []
    assert check_input(spec, "2 3\n.#.\n##\n") == ["|_1| = 2, the layout says m = 3 (line 3)"]
    assert check_input(spec, "2 3\n.#.\n") == ["n = 2 repeats of lines, but 1 lines are left"]
    assert check_input(spec, "1 3\n.#.\n") == []


def test_huge_integers_are_integers_above_every_bound():
    spec = Spec(variables=[_int("n", 1, 10**18)], layout=[Line([Item("n")])])
    assert check_input(spec, "1" + "0" * 500) == ["n = 1" + "0" * 500 + " > 10^18 (line 1)"]
    spec.var("n").high = None
    assert check_input(spec, "1" + "0" * 500) == []

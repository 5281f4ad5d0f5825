"""Inputs drawn from an input spec: at the bounds, never across them (hand-built specs)."""

from __future__ import annotations

from alphasolve.inputs.spec import Block, Bound, Claim, Item, Line, Spec, SumBound, Variable
from alphasolve.inputs.spec_check import check_input
from alphasolve.inputs.spec_gen import generatable, spec_inputs


def _int(name: str, lo, hi, indexed: bool = False) -> Variable:
    def b(x):
        return Bound(expr=x) if isinstance(x, str) else Bound(value=x)
    return Variable(name, "int", b(lo), b(hi), indexed=indexed)


def sum_of_pairs() -> Spec:
    return Spec(variables=[_int("n", 1, 200_000), _int("k", -4 * 10**9, 4 * 10**9),
                           _int("a", -2 * 10**9, 2 * 10**9, indexed=True)],
                layout=[Line([Item("n"), Item("k")]), Line([Item("a", count="n")])], section=True)


def test_inputs_reach_both_bounds_and_pass_the_check():
    spec = sum_of_pairs()
    inputs = spec_inputs(spec, count=10, seed=0)
    assert len(inputs) == 10 and len({g.input for g in inputs}) == 10
    values = {"n": set(), "a": set()}
    for g in inputs:
        assert g.origin.startswith("spec:")
        assert check_input(spec, g.input) == []
        lines = g.input.split("\n")
        n = int(lines[0].split()[0])
        values["n"].add(n)
        values["a"] |= {int(x) for x in lines[1].split()}
        assert len(lines[1].split()) == n
    assert 1 in values["n"] and max(values["n"]) >= 50_000  # as large as 1 MB allows (11 bytes a value)
    assert 2 * 10**9 in values["a"] and -2 * 10**9 in values["a"]
    assert sum(v > 2**30 for v in values["a"]) >= 2  # two of them overflow a 32-bit sum: what catches the wrong programs


def test_counts_reach_their_maximum_when_the_bytes_allow():
    inputs = spec_inputs(sum_of_pairs(), count=3, seed=0, max_bytes=3_000_000)
    assert any(g.input.startswith("200000 ") for g in inputs)


def test_sizes_are_capped_to_the_byte_limit():
    inputs = spec_inputs(sum_of_pairs(), count=4, seed=1, max_bytes=20_000)
    assert inputs and all(len(g.input.encode()) <= 20_000 for g in inputs)
    assert spec_inputs(sum_of_pairs(), count=4, seed=1, max_bytes=20_000) == inputs  # deterministic


def test_unbounded_values_make_no_inputs():
    spec = sum_of_pairs()
    spec.variables[2].high = None
    assert not generatable(spec) and spec_inputs(spec, count=5, seed=0) == []
    assert spec_inputs(Spec(), count=5, seed=0) == []


def test_claims_permutation_tree_and_sums_over_test_cases():
    spec = Spec(variables=[_int("t", 1, 1000), _int("n", 2, 100_000), _int("p", 1, "n", indexed=True),
                           _int("u", 1, "n", indexed=True), _int("v", 1, "n", indexed=True)],
                claims=[Claim("permutation", ["p"]), Claim("tree", ["u", "v"])],
                sums=[SumBound("n", Bound(value=1000))],
                layout=[Line([Item("t")]),
                        Block("t", [Line([Item("n")]), Line([Item("p", count="n")]),
                                    Block("n - 1", [Line([Item("u"), Item("v")])])])],
                testcases="t", section=True)
    inputs = spec_inputs(spec, count=10, seed=3)
    assert len(inputs) >= 5
    for g in inputs:
        assert check_input(spec, g.input) == [], g.origin
        tokens = g.input.split("\n")
        t, pos, total = int(tokens[0]), 1, 0
        for _ in range(t):
            n = int(tokens[pos])
            total += n
            assert sorted(map(int, tokens[pos + 1].split())) == list(range(1, n + 1))
            edges = [tuple(map(int, tokens[pos + 2 + j].split())) for j in range(n - 1)]
            assert all(a != b for a, b in edges) and len({frozenset(e) for e in edges}) == n - 1
            pos += 2 + n - 1
        assert total <= 1000
    assert any(g.origin == "spec:multi" for g in inputs)


def test_strings_take_their_alphabet_and_length():
    spec = Spec(variables=[Variable("s", "string", length_low=Bound(value=1), length_high=Bound(value=50),
                                    alphabet="ab")],
                layout=[Line([Item("s")])], section=True)
    inputs = spec_inputs(spec, count=6, seed=0)
    assert inputs
    lengths = {len(g.input.strip()) for g in inputs}
    assert 50 in lengths and 1 in lengths
    assert all(set(g.input.strip()) <= {"a", "b"} for g in inputs)


def test_what_the_statement_leaves_unsaid_comes_from_the_public_inputs():
    """'n space-separated integers' with no bound: the examples' values (3..9) bound the drawn ones,
    while n still reaches the statement's maximum; an unbounded string takes the examples' alphabet."""
    spec = Spec(variables=[_int("n", 1, 1000), Variable("s", "string")],
                layout=[Line([Item("n")]), Line([Item("_1", count="n")]), Line([Item("s")])], section=True)
    assert spec_inputs(spec, count=5, seed=0) == []
    examples = ["3\n3 9 4\nabba\n", "2\n5 5\nbab\n"]
    inputs = spec_inputs(spec, count=8, seed=0, examples=examples)
    assert inputs and all(check_input(spec, g.input) == [] for g in inputs)
    sizes = set()
    for g in inputs:
        n, values, word = g.input.split("\n")[:3]
        sizes.add(int(n))
        assert all(3 <= int(v) <= 9 for v in values.split()) and set(word) <= {"a", "b"} and 3 <= len(word) <= 4
    assert 1000 in sizes


def test_small_magnitudes_are_drawn_for_degenerate_cases():
    """Two lines A x + B y + C = 0 with |coefficients| <= 100: uniform draws almost never make them
    parallel or degenerate; the tiny mode makes zeros and equal values."""
    names = ["A1", "B1", "C1", "A2", "B2", "C2"]
    spec = Spec(variables=[_int(n, -100, 100) for n in names],
                layout=[Line([Item(n) for n in names[:3]]), Line([Item(n) for n in names[3:]])], section=True)
    inputs = spec_inputs(spec, count=12, seed=0)
    tiny = [g for g in inputs if g.origin == "spec:tiny"]
    assert tiny and all(abs(int(v)) <= 2 for g in tiny for v in g.input.split())
    assert any(v == "0" for g in tiny for v in g.input.split())
    assert {"spec:max", "spec:min", "spec:extreme", "spec:small"} <= {g.origin for g in inputs}


def test_a_bound_on_a_later_token_of_the_same_line_is_drawn_first():
    spec = Spec(variables=[_int("l", 1, "r"), _int("r", 1, 10**18)], layout=[Line([Item("l"), Item("r")])],
                section=True)
    inputs = spec_inputs(spec, count=8, seed=0)
    assert len(inputs) == 8 and all(check_input(spec, g.input) == [] for g in inputs)
    assert "1000000000000000000 1000000000000000000\n" in [g.input for g in inputs]


def test_small_mode_draws_every_magnitude():
    """A uniform draw from [1, 10^9] has 9 digits 9 times in 10; the small mode's values have as
    many short numbers as long ones (bugs at 10^3 are as common as at 10^9), on both sides of zero."""
    spec = Spec(variables=[_int("n", 1, 6), _int("a", -10**9, 10**9, indexed=True)],
                layout=[Line([Item("n")]), Line([Item("a", count="n")])], section=True)
    values = [int(v) for g in spec_inputs(spec, count=60, seed=3) if g.origin == "spec:small"
              for v in g.input.split("\n")[1].split()]
    assert len(values) >= 20 and all(-10**9 <= v <= 10**9 for v in values)
    digits = {len(str(abs(v))) for v in values}
    assert len(digits) >= 5 and min(digits) <= 3 and max(digits) >= 9
    assert any(v < -1000 for v in values) and any(v > 1000 for v in values)


def test_values_bounding_each_other_on_one_line_are_drawn():
    """"a ≤ b" with both in [-10^9, 10^9]: a's upper bound is b, b's lower bound is a; a is drawn
    below b's own upper bound, then b from [a, 10^9] (154-D drew nothing before)."""
    spec = Spec(variables=[_int("a", -10**9, "b"), _int("b", "a", 10**9)],
                layout=[Line([Item("a"), Item("b")])], section=True)
    inputs = spec_inputs(spec, count=10, seed=0)
    assert len(inputs) == 10 and all(check_input(spec, g.input) == [] for g in inputs)
    pairs = [tuple(int(v) for v in g.input.split()) for g in inputs]
    assert (10**9, 10**9) in pairs and (-10**9, -10**9) in pairs and all(a <= b for a, b in pairs)



def test_small_mode_sizes_span_every_magnitude():
    """127-B: a wrong loop bound shows only for 6 < n < 100; counts were 1..6 or the maximum."""
    sizes = [int(g.input.split()[0]) for g in spec_inputs(sum_of_pairs(), count=60, seed=0)
             if g.origin == "spec:small"]
    assert any(n <= 6 for n in sizes) and any(6 < n < 1000 for n in sizes) and max(sizes) < 200_000
    assert all(check_input(sum_of_pairs(), g.input) == [] for g in spec_inputs(sum_of_pairs(), count=20, seed=1))


def test_claimed_distinct_pairs_are_never_drawn_twice():
    """"It is guaranteed that all points are different": with 9 points to choose from, random
    lines would repeat one; a repeated pair is drawn again (and the check rejects one)."""
    from support import statement
    from alphasolve.inputs.spec_parse import parse_spec
    spec = parse_spec(statement("The first line contains integer n (1 ≤ n ≤ 100). Each of the next n lines "
                                "contains two integers x_i and y_i (0 ≤ x_i, y_i ≤ 2) — the coordinates of the "
                                "i-th point. It is guaranteed that all points are different."))
    assert [(c.kind, c.subject) for c in spec.claims] == [("distinct_rows", ["x", "y"])]
    assert check_input(spec, "2\n1 1\n1 1\n") and check_input(spec, "2\n1 1\n1 2\n") == []
    inputs = spec_inputs(spec, count=12, seed=0)
    assert len(inputs) >= 8 and all(check_input(spec, g.input) == [] for g in inputs)
    assert any(int(g.input.split()[0]) >= 5 for g in inputs)

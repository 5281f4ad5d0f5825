"""Boundary mutants (alphasolve.inputs.boundary) and the facts every mutant keeps
(alphasolve.inputs.constraints)."""

from __future__ import annotations

import random
import re

from alphasolve.inputs import mutate_inputs
from alphasolve.inputs.boundary import edge_edit, plan
from alphasolve.inputs.model import Model


def edges(text: str, count: int = 60, seed: int = 0) -> list[str]:
    """The boundary mutants among `count` inputs made from `text`."""
    return [g.input for g in mutate_inputs([text], count, seed) if ":edge:" in g.origin]


def rows(text: str) -> list[list[str]]:
    return [line.split() for line in text.split("\n") if line.strip()]


def ints(tokens: list[str]) -> list[int]:
    return [int(t) for t in tokens]


def test_about_half_of_the_mutants_are_boundary_mutants_and_named_so():
    out = mutate_inputs(["5\n3 1 4 1 5\n"], 50, 0)
    names = [g.origin for g in out[1:]]
    assert 12 <= sum(":edge:" in n for n in names) <= 38
    assert all(n.startswith("mutate:public[0]:") for n in names)


def test_minimal_sizes_smallest_values_and_equal_sorted_reversed_arrays():
    arrays = []
    for m in edges("6\n5 3 9 4 7 4\n", 120):  # not distinct (a distinct array stays distinct)
        (n,), a = rows(m)
        assert int(n) == len(a) >= 1
        arrays.append(ints(a))
    assert min(len(a) for a in arrays) == 2  # not 1: many problems start at n = 2 or 3 (see below)
    assert any(1 in a for a in arrays)  # the smallest value when none was below 3
    long = [a for a in arrays if len(a) >= 3]
    assert any(len(set(a)) == 1 for a in long)
    assert any(a == sorted(a) and len(set(a)) > 1 for a in long)
    assert any(a == sorted(a, reverse=True) and len(set(a)) > 1 for a in long)


def test_size_one_only_where_the_public_input_has_it():
    # n = 1 broke the constraints of more Codeflaws problems (n >= 2: 144-A, 172-A) than it
    # revealed bugs; where the public input has a count of 1, 1 stays possible
    for text in ("6\n5 3 9 4 7 8\n", "3\nab\ncd\nef\n"):
        assert all(int(rows(g.input)[0][0]) >= 2 for g in mutate_inputs([text], 120, 0))
    assert any(rows(m)[0] == ["1"] for m in edges("2\n1\n4 5\n", 120))


def test_zero_only_where_the_public_input_has_it_or_1():
    assert not any("0" in rows(m)[1] for m in edges("4\n5 3 9 4\n", 120))
    assert any("0" in rows(m)[1] for m in edges("4\n5 0 9 4\n", 120))
    assert any("0" in rows(m)[1] for m in edges("4\n5 1 9 4\n", 120))  # "0 <= a_i" is as likely as "1 <="


def test_the_power_of_ten_above_the_largest_and_the_values_own_digits():
    vals = {int(m) for m in edges("350\n", 60)}
    assert 1000 in vals and max(vals) < 10_000  # a typical bound; never 10^9 after 350
    lucky = {m.strip() for m in edges("47\n", 60)}
    assert any(len(v) == 3 and set(v) <= {"4", "7"} for v in lucky)  # 447, 774, ...


def test_indices_stay_within_their_counts():
    for m in edges("5 3\n1 5\n2 4\n3 3\n", 80):
        r = rows(m)
        n, k = ints(r[0])
        assert len(r) == 1 + k and all(1 <= x <= n for row in r[1:] for x in ints(row))


def test_strings_repeated_resized_and_from_the_whole_alphabet():
    outs = [m.strip() for m in edges("tour\n", 80)]
    assert any(len(set(s)) == 1 and len(s) == 4 for s in outs)
    assert any(len(s) == 1 for s in outs) and any(len(s) > 4 for s in outs)
    assert any(len(s) == 100 for s in outs)  # the commonest bound on a string's length
    assert any(set(s) - set("tour") for s in outs)
    assert all(s.isalpha() and s.islower() for s in outs)
    # a word of both cases is resized too ("cAPS" -> "Z": Codeflaws 131-A's bug shows on one letter)
    mixed = [m.strip() for m in edges("cAPS\n", 80)]
    assert any(len(s) == 1 for s in mixed) and any(len(s) > 4 for s in mixed)
    assert all(s.isalpha() for s in mixed)
    # punctuation stays put, digits come from the column's ("1-2-1" -> "1-1-1", "2-1-2")
    for s in edges("1-2-1\n", 60):
        assert len(s.strip()) == 5 and s[1] == s[3] == "-" and set(s.strip()) - {"-"} <= {"1", "2"}


def test_clock_times_stay_valid_times():
    times = [g.input.strip() for g in mutate_inputs(["12:21\n"], 50, 0)]
    assert len(set(times)) == 50
    assert all(re.fullmatch(r"([01]\d|2[0-3]):[0-5]\d", t) for t in times)
    assert {"00:00", "23:59"} & set(times)


def test_duplicate_lines_and_filled_grids():
    names = [r[1:] for r in (rows(m) for m in edges("3\napple\norange\nmango\n", 80))]
    assert any(len(n) >= 2 and len(set(map(tuple, n))) < len(n) for n in names)
    grids = [rows(m) for m in edges("3 4\n#..#\n.##.\n....\n", 80)]
    assert any(len({c for row in g[1:] for c in row[0]}) == 1 for g in grids)
    assert all(len(g) == 1 + int(g[0][0]) and all(len(row[0]) == int(g[0][1]) for row in g[1:]) for g in grids)


def test_flags_and_constants_stay():
    for m in edges("5\n0 1 1 0 1\n"):
        assert set(rows(m)[1]) <= {"0", "1"}
    for m in edges("3 1000000007\n"):
        assert rows(m)[0][1] == "1000000007"
    # a power of ten is a bound: values set to it stay, duplicates included ("100 100 100")
    assert any(rows(m)[1] == ["100"] * 3 for m in edges("3\n64 16 32\n", 120))


def test_edge_edits_are_deterministic_and_go_through_the_plan():
    def run():
        model, rng = Model(0, "4 2\n1 3 3 2\n"), random.Random(5)
        return [x[0].render() if x else None for x in (edge_edit(rng, model) for _ in range(30))]

    assert run() == run()
    items = plan(Model(0, "4 2\n1 3 3 2\n"))
    assert ("int", (1, -1), "sorted") in items and ("int", (1, -1), "equal") in items
    assert len(set(run())) >= 12  # of 30: sizes 2..4 and values 1..4 leave few distinct inputs


# -- facts kept by every mutant -----------------------------------------------------------------------
def _graph(m: str) -> tuple[int, list[tuple[int, int]]]:
    r = rows(m)
    n, e = ints(r[0][:2])
    return n, [tuple(ints(row[:2])) for row in r[1:1 + e]]


def test_no_self_loops_or_multi_edges_when_the_public_graph_has_none():
    for m in mutate_inputs(["4 4\n1 2\n2 3\n3 4\n4 1\n"], 60, 0)[1:]:
        n, es = _graph(m.input)
        assert all(a != b for a, b in es), m
        assert len({frozenset(e) for e in es}) == len(es), m
    # a public input with a self-loop allows them
    loops = [_graph(m.input)[1] for m in mutate_inputs(["3 3\n1 1\n1 2\n2 3\n"], 60, 0)[1:]]
    assert any(a == b for es in loops for a, b in es[1:])


def test_distinct_columns_stay_distinct():
    text = "5\n2100 512 150 200\n2000 2048 240 350\n2300 1024 200 320\n2500 2048 80 300\n2000 512 180 150\n"
    for g in mutate_inputs([text], 60, 0)[1:]:
        r = rows(g.input)
        costs = [row[3] for row in r[1:]]
        assert len(set(costs)) == len(costs), g


def test_symmetric_and_tournament_matrices_stay_so():
    sym = "3\n0 1 2\n1 0 3\n2 3 0\n"
    for g in mutate_inputs([sym], 40, 0)[1:]:
        m = [ints(r) for r in rows(g.input)[1:]]
        assert all(m[i][j] == m[j][i] for i in range(len(m)) for j in range(len(m))), g
        assert all(m[i][i] == 0 for i in range(len(m)))
    tour = "5\n00100\n10000\n01001\n11101\n11000\n"
    for g in mutate_inputs([tour], 40, 0)[1:]:
        m = [r[0] for r in rows(g.input)[1:]]
        if len(m) < 2:
            continue
        assert all(m[i][i] == "0" for i in range(len(m))), g
        assert all({m[i][j], m[j][i]} == {"0", "1"} for i in range(len(m)) for j in range(i)), g

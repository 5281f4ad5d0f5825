"""Mutation of public test inputs into new clustering inputs (alphasolve.inputs.mutate)."""

from __future__ import annotations

import gzip
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from alphasolve.inputs import GeneratedInput, mutate_inputs
from alphasolve.inputs.mutate import _generate
from alphasolve.inputs.structure import parse

SHARED = Path(os.environ.get("ALPHASOLVE_SHARED") or Path(__file__).resolve().parents[2] / ".." / "shared")
CODEFLAWS_DEV = "data/codeflaws/codeflaws-dev.jsonl.gz"


def codeflaws_dev() -> list[dict]:
    path = SHARED.resolve() / CODEFLAWS_DEV
    if not path.exists():
        pytest.fail(f"shared data file missing: {path} (set ALPHASOLVE_SHARED to the shared/ folder)")
    with gzip.open(path, "rt") as f:
        return [r for r in map(json.loads, f) if r["tests"] and r["accepted"]]


def mutants(text: str, count: int = 40, seed: int = 0, edge: bool = True) -> list[str]:
    """Mutants of `text`; without `edge`, only the shape-preserving ones (boundary mutants
    move values and alphabets on purpose, see test_boundary.py)."""
    out = _generate([text], count + 1, seed, 400, 1_000_000, strict=True)
    assert out[0] == GeneratedInput(text, "public[0]")
    return [g.input for g in out[1:] if edge or ":edge:" not in g.origin]


def rows(text: str) -> list[list[str]]:
    return [line.split() for line in text.split("\n") if line.strip()]


def ints(tokens: list[str]) -> list[int]:
    return [int(t) for t in tokens]


# -- the contract ---------------------------------------------------------------------------------
def test_public_inputs_first_deduplicated_then_distinct_mutants():
    pubs = ["3\n1 2 3\n", "2\n5 6\n", "3\n1 2 3\n", "3\n1  2 3\n"]
    out = mutate_inputs(pubs, count=20, seed=1)
    assert [g.origin for g in out[:2]] == ["public[0]", "public[1]"]
    assert [g.input for g in out[:2]] == pubs[:2]
    assert len(out) == 20
    assert all(g.origin.startswith("mutate:public[") or g.origin.startswith("mutate:combine(")
               for g in out[2:])
    keys = [" ".join(g.input.split()) for g in out]
    assert len(set(keys)) == len(keys)


def test_deterministic_for_the_same_arguments():
    pubs = ["4 2\n1 3 3 2\n", "5 1\n9 9 1 2 3\n"]
    a = mutate_inputs(pubs, 30, seed=7)
    assert a == mutate_inputs(pubs, 30, seed=7)
    assert a != mutate_inputs(pubs, 30, seed=8)


def test_deterministic_across_processes():
    """No dependence on hash randomisation (set or dict order of strings)."""
    code = ("import json; from alphasolve.inputs import mutate_inputs; print(json.dumps([[g.input, g.origin] "
            "for g in mutate_inputs(['2\\nab#c\\nd.ef\\n', '3 5\\nxyz zy x\\n1.5 2 7\\n'], 40, 3)]))")
    outs = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                           env={**os.environ, "PYTHONHASHSEED": seed}).stdout for seed in ("1", "2")}
    assert len(outs) == 1 and len(json.loads(outs.pop())) == 40


def test_count_and_tries_caps():
    pubs = ["1 2\n", "3 4\n"]
    assert [g.origin for g in mutate_inputs(pubs, 1, 0)] == ["public[0]"]
    assert mutate_inputs(pubs, 0, 0) == []
    assert [g.origin for g in mutate_inputs(pubs, 10, 0, tries=0)] == ["public[0]", "public[1]"]
    assert len(mutate_inputs(pubs, 5, 0, tries=2)) <= 4
    # nothing can change in "????": it ends after `tries` attempts with the public input only
    assert [g.input for g in mutate_inputs(["????\n"], 10, 0, tries=50)] == ["????\n"]
    assert [g.input for g in mutate_inputs(["", " \n"], 10, 0)] == [""]


def test_size_emptiness_and_trailing_newline():
    grow = "3\n" + "1000 2000 3000\n"
    for g in mutate_inputs([grow], 40, 0, max_bytes=20)[1:]:
        assert 0 < len(g.input.encode()) <= 20 and g.input.strip()
    for text in ("2\n1 2", "2\n1 2\n", "ab\r\ncd\r\n"):
        for m in mutants(text, 10):
            assert m.endswith("\n") == text.endswith("\n")
            assert ("\r\n" in m) == ("\r\n" in text)


# -- shapes ---------------------------------------------------------------------------------------
def test_count_then_array_stays_consistent_and_changes_size():
    sizes = set()
    for m in mutants("3\n1 2 3\n"):
        (n,), arr = rows(m)
        assert int(n) == len(arr) >= 1 and all(int(x) >= 1 for x in arr)
        sizes.add(int(n))
    assert len(sizes) >= 3
    # "n k" then n numbers, where k - 1 = n too: the count is n, not k - 1 (problems/sum-of-pairs.json)
    for m in mutants("5 6\n1 5 3 2 4\n", 50):
        (n, _), arr = rows(m)
        assert int(n) == len(arr), m


def test_two_arrays_of_one_count_and_edges_of_another():
    for m in mutants("3 2\n5 1 4\n7 7 8\n1 2\n2 3\n"):
        r = rows(m)
        n, k = ints(r[0])
        assert len(r[1]) == len(r[2]) == n
        assert len(r) == 3 + k and all(len(e) == 2 for e in r[3:])


def test_graph_endpoints_stay_within_the_node_count():
    for m in mutants("4 3\n1 2\n2 3\n3 4\n"):
        r = rows(m)
        n, e = ints(r[0])
        assert len(r) == 1 + e
        assert all(1 <= x <= n for edge in r[1:] for x in ints(edge))


def test_tree_stays_a_tree():
    for m in mutants("5\n1 2\n1 3\n2 4\n2 5\n"):
        r = rows(m)
        n = int(r[0][0])
        edges = [ints(e) for e in r[1:]]
        assert len(edges) == n - 1
        parent = list(range(n + 1))

        def find(x):
            while parent[x] != x:
                x = parent[x]
            return x

        for a, b in edges:
            assert 1 <= a <= n and 1 <= b <= n and find(a) != find(b)
            parent[find(a)] = find(b)


def test_multi_test_blocks_keep_t_consistent():
    text = "3\n2\n1 2\n3\n4 5 6\n1\n7\n"
    ts = set()
    for m in mutants(text):
        r = rows(m)
        t = int(r[0][0])
        assert len(r) == 1 + 2 * t
        for i in range(t):
            assert int(r[1 + 2 * i][0]) == len(r[2 + 2 * i])
        ts.add(t)
    assert len(ts) >= 3


def test_grid_keeps_its_size_and_alphabet():
    sizes = set()
    for m in mutants("3 4\n#..#\n.##.\n....\n"):
        r = rows(m)
        h, w = ints(r[0])
        assert len(r) == 1 + h and all(len(row) == 1 and len(row[0]) == w for row in r[1:])
        assert set("".join(row[0] for row in r[1:])) <= {".", "#"}
        sizes.add((h, w))
    assert len(sizes) >= 3


def test_grid_keeps_exactly_one_start_cell():
    for m in mutants("3 3\nS..\n.#.\n..#\n"):
        r = rows(m)
        cells = "".join(row[0] for row in r[1:])
        assert cells.count("S") == 1 and set(cells) <= {"S", ".", "#"}


def test_strings_keep_alphabet_and_stated_length():
    seen = set()
    for m in mutants("5\nabcab\n"):
        (n,), (s,) = rows(m)
        assert int(n) == len(s) and s.isalpha() and s.islower()
        seen.add(s)
    for m in mutants("5\nabcab\n", edge=False):
        assert set(rows(m)[1][0]) <= set("abc")
    assert len(seen) >= 10
    for m in mutants("010011\n"):
        assert re.fullmatch(r"[01]+\n", m)
    for m in mutants("010011\n", edge=False):
        assert re.fullmatch(r"[01]{6}\n", m)
    for m in mutants("Codeforces\n"):
        assert re.fullmatch(r"[A-Z]?[a-z]*\n", m)
    for m in mutants("Codeforces\n", edge=False):
        assert re.fullmatch(r"[A-Z][a-z]{9}\n", m)


def test_numbers_keep_sign_magnitude_flags_and_decimals():
    for m in mutants("2\n1.50 -2.25\n"):
        (n,), vals = rows(m)
        assert len(vals) == int(n)
        assert all(re.fullmatch(r"-?\d+\.\d\d", v) for v in vals)
    for m in mutants("5\n0 1 1 0 1\n"):
        (n,), vals = rows(m)
        assert set(vals) <= {"0", "1"} and len(vals) == int(n)
    for m in mutants("-5 1000000000 1987\n", edge=False):
        a, b, c = ints(rows(m)[0])
        assert a < 0 and 1 <= b <= 10**9 and 1000 <= c <= 9999
    for m in mutants("1 1000000007\n"):
        assert rows(m)[0][1] == "1000000007"


def test_permutation_stays_a_permutation_and_sorted_stays_sorted():
    for m in mutants("5\n3 1 5 2 4\n"):
        (n,), p = rows(m)
        assert sorted(ints(p)) == list(range(1, int(n) + 1))
    for m in mutants("6\n1 3 3 7 9 12\n"):
        (n,), a = rows(m)
        assert ints(a) == sorted(ints(a)) and len(a) == int(n)
    # three values are sorted by chance once in six: not a constraint
    assert any(ints(rows(m)[1]) != sorted(ints(rows(m)[1])) for m in mutants("3\n1 5 9\n"))


def test_an_array_stays_distinct_only_where_chance_would_rarely_make_it_so():
    # 6 distinct values of 7 possible: a constraint; 3 of 49: chance, and duplicates reveal bugs
    # (a power of ten is a bound, which may repeat: "10 10")
    def repeated(m: str) -> set[str]:
        a = rows(m)[1]
        return {v for v in a if a.count(v) > 1 and not re.fullmatch(r"10*", v)}

    assert not any(repeated(m) for m in mutants("6\n5 3 9 4 7 8\n", 80))
    assert any(repeated(m) for m in mutants("3\n64 16 32\n", 80))


def test_combine_mixes_test_cases_of_two_inputs():
    pubs = ["2\n3\n1 2 3\n1\n9\n", "2\n2\n5 6\n4\n7 7 7 7\n"]
    out = mutate_inputs(pubs, 40, 0)
    combined = [g for g in out if g.origin.startswith("mutate:combine(")]
    assert combined
    assert any(g.origin.startswith("mutate:combine(public[0],public[1])") for g in combined)
    for g in out:
        r = rows(g.input)
        t = int(r[0][0])
        assert len(r) == 1 + 2 * t and all(int(r[1 + 2 * i][0]) == len(r[2 + 2 * i]) for i in range(t))


def test_free_text_keeps_its_lines():
    text = "Hello, World!\nthe quick brown fox\n"
    for m in mutants(text, 15):
        assert [len(r) for r in rows(m)] == [2, 4]


def test_layout_inference_on_typical_inputs():
    def links(text):
        return [[(l.kind, l.tok, l.off) for l in u.links] for u in parse(text).units]

    assert links("5\n2 4 3 2 3\n") == [[("tokens", 0, 0)]]
    assert links("3 2\n1 2 10\n2 3 20\n") == [[("lines", 1, 0)]]
    assert links("4 5\n#####\n#.#.#\n###.#\n#####\n") == [[("lines", 0, 0), ("width", 1, 0)]]
    assert links("5\n1 2\n1 3\n2 4\n2 5\n") == [[("lines", 0, 1)]]
    assert links("7 4\n4727447\n") == [[("strlen", 0, 0)]]
    assert links("2 3\n") == [[]]


# -- real data --------------------------------------------------------------------------------------
def test_every_codeflaws_first_input_parses_and_mutates():
    made = 0
    for r in codeflaws_dev():  # strict: a layout that does not render back to its text raises
        made += len(_generate([r["tests"][0]["input"]], 4, 0, 40, 1_000_000, strict=True)) - 1
    assert made >= 3 * 600


@pytest.mark.slow  # compiles 30 C programs and runs 330 executions: 3-7 s, more on a busy machine
def test_accepted_codeflaws_programs_run_on_the_mutants():
    """Most mutants are valid enough that an accepted C solution runs without crashing or
    timing out (measured: 299/300 on these 30 problems, 1439/1446 on 150)."""
    from alphasolve.execute import LocalExecutor, Job, Limits, Program

    recs = codeflaws_dev()
    chosen = recs[:: len(recs) // 30][:30]
    jobs = []
    for r in chosen:
        public = r["tests"][0]["input"]
        inputs = [public] + mutants(public, 10)
        code = r["accepted"][0]["code"].replace("%I64d", "%lld")
        jobs.append(Job(r["problem"], Program("c", code), inputs, Limits(time_s=1)))
    ran = passed = usable = 0
    with LocalExecutor() as ex:
        for job, results in ex.map(jobs):
            if len(results) != len(job.inputs) or not results[0].verdict.passed:
                continue  # did not compile here, or fails its own public test
            usable += 1
            ran += len(results) - 1
            passed += sum(res.verdict.passed for res in results[1:])
    assert usable >= 25 and ran >= 200
    assert passed / ran >= 0.95, f"{passed}/{ran}"

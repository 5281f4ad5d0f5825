"""Checker for CodeContests 1591_E Frequency Queries (written for alphasolve).

An answer is valid when it is -1 exactly where the reference answer is, and otherwise occurs on
the path from v to the root as often as the reference answer does (the k-th value is determined up
to ties in the number of occurrences, and any tied value may be put at position k).
"""
from _common import *  # noqa: F403 (scripts/build_problems.py puts _common.py's code here)


def read_input(inp):
    cases, vertices, questions = [], 0, 0
    for _ in range(inp.int(1, 10 ** 6, "t")):
        n, q = inp.int(1, 10 ** 6, "n"), inp.int(1, 10 ** 6, "q")
        a = [0] + [inp.int(1, n, "a_i") for _ in range(n)]
        parent = [0, 0] + [inp.int(1, n, "p_i") for _ in range(n - 1)]
        depth = [0, 1] + [0] * (n - 1)
        for v in range(2, n + 1):  # every vertex must reach the root 1 without a cycle
            path = []
            while not depth[v]:
                if v in path:
                    invalid("the parents do not form a tree rooted at 1")
                path.append(v)
                v = parent[v]
            for k, u in enumerate(reversed(path), 1):
                depth[u] = depth[v] + k
        queries = [(inp.int(1, n, "v"), inp.int(1, n, "l"), inp.int(1, n, "k")) for _ in range(q)]
        cases.append((a, parent, queries))
        vertices, questions = vertices + n, questions + q
    if vertices > 10 ** 6 or questions > 10 ** 6:
        invalid("the sum of n or of q exceeds 10^6")
    return cases


def check(cases, answer, out):
    at = 0
    for case, (a, parent, queries) in enumerate(cases, 1):
        for query, (v, _, _) in enumerate(queries, 1):
            reference = int(answer[at])
            at += 1
            got = out.int(-1, len(a) - 1, f"test case {case}, question {query}")
            if reference == -1 or got == -1:
                if got != reference:
                    wrong(f"test case {case}, question {query}: expected {reference}, got {got}")
                continue
            counts = {}
            while v:
                counts[a[v]] = counts.get(a[v], 0) + 1
                v = parent[v]
            if counts.get(got, 0) != counts[reference]:
                wrong(f"test case {case}, question {query}: {got} occurs {counts.get(got, 0)} times on the path, "
                      f"the answer must occur {counts[reference]} times")


run(read_input, check)

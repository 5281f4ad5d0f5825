"""Checker for CodeContests 1615_H Reindeer Games (written for alphasolve).

Accepts scores b_1..b_n (|b_i| <= 10^15) that satisfy every requirement b_u <= b_v with the least
total change sum |a_i - b_i| (the reference answer's).
"""
from _common import *  # noqa: F403 (scripts/build_problems.py puts _common.py's code here)


def read_input(inp):
    n, m = inp.int(2, 1000, "n"), inp.int(1, 1000, "m")
    a = [inp.int(1, 10 ** 9, "a_i") for _ in range(n)]
    pairs = [(inp.int(1, n, "u"), inp.int(1, n, "v")) for _ in range(m)]
    if any(u == v for u, v in pairs):
        invalid("a requirement has u = v")
    return a, pairs


def check(cases, answer, out):
    a, pairs = cases
    b = [out.int(-10 ** 15, 10 ** 15, f"b_{i + 1}") for i in range(len(a))]
    for u, v in pairs:
        if b[u - 1] > b[v - 1]:
            wrong(f"requirement ({u}, {v}) broken: b_{u} = {b[u - 1]} > b_{v} = {b[v - 1]}")
    cost = sum(abs(x - y) for x, y in zip(a, b))
    least = sum(abs(x - int(y)) for x, y in zip(a, answer))
    if cost != least:
        wrong(f"{cost} operations, but {least} suffice")


run(read_input, check)

"""Facts about groups of lines that a public input shows and valid inputs usually keep.

Measured on the rows of each group whose elements are single lines (edges, items, queries):

- ``unequal``: two endpoint columns (bounded by the same count, `u v <= n`) never equal in a
  row: no self-loops;
- ``pairs``: such an endpoint pair never repeated as an unordered pair: no multi-edges;
- ``distinct``: an integer column with no repeated value (at least 3 rows, or 2 for an
  endpoint column): distinct prices, each house has one outgoing pipe;
- ``matrix``: a square matrix (n >= 3) that is symmetric (distances, an undirected adjacency)
  or a tournament (0/1, zero diagonal, exactly one of a[i][j], a[j][i] is 1), with a constant
  diagonal.

`enforce` re-establishes them after any edit, drawing new values within the column's bounds
(so a mutant that duplicated a line or set a column all-equal is turned back into a valid one
where the public input says it must be).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Iterator

from alphasolve.inputs.structure import Group, Line, Unit
from alphasolve.inputs.tokens import is_plain_int, perturb_int

if TYPE_CHECKING:
    from alphasolve.inputs.model import Model, Site

TRIES = 30


@dataclass
class Facts:
    distinct: dict[int, set[int]] = field(default_factory=dict)          # row ckey -> columns
    unequal: dict[int, set[tuple[int, int]]] = field(default_factory=dict)
    pairs: dict[int, set[tuple[int, int]]] = field(default_factory=dict)
    matrix: dict[int, tuple[str, str]] = field(default_factory=dict)    # row ckey -> (kind, diagonal)

    def __bool__(self) -> bool:
        return bool(self.distinct or self.unequal or self.pairs or self.matrix)


def row_groups(units: list[Unit]) -> Iterator[Group]:
    """Groups (at any depth) whose elements are single lines."""
    for u in units:
        for c in u.children:
            if isinstance(c, Group):
                if c.elems and all(len(e) == 1 and not e[0].children for e in c.elems):
                    yield c
                for e in c.elems:
                    yield from row_groups(e)


def _rows(group: Group) -> list[Line]:
    return [e[0].head for e in group.elems]


def _matrix(group: Group) -> list[list[str]] | None:
    rows = _rows(group)
    cells = [list(r.toks[0]) if group.rows == "chr" else list(r.toks) for r in rows]
    if not group.square or any(len(c) != len(cells) for c in cells):
        return None
    return cells


def _matrix_kind(m: list[list[str]]) -> tuple[str, str] | None:
    n = len(m)
    diag = {m[i][i] for i in range(n)}
    if n < 3 or len(diag) != 1:
        return None
    d = diag.pop()
    if all(m[i][j] == m[j][i] for i in range(n) for j in range(i)):
        return "sym", d
    if d == "0" and all({m[i][j], m[j][i]} == {"0", "1"} for i in range(n) for j in range(i)):
        return "tour", d
    return None


def infer(model: "Model") -> Facts:
    facts = Facts()
    distinct: dict[tuple[int, int], list] = {}    # (ckey, j) -> [always distinct, most rows]
    unequal: dict[tuple, bool] = {}                # (ckey, a, b) -> never equal in a row
    pairs: dict[tuple, bool] = {}                  # (ckey, a, b) -> never repeated
    matrix: dict[int, tuple[str, str] | None] = {}
    for group in row_groups(model.doc.units):
        if group.tree >= 0:
            continue
        rows = _rows(group)
        key = rows[0].ckey
        if group.square:
            m = _matrix(group)
            kind = _matrix_kind(m) if m is not None else None
            matrix[key] = kind if key not in matrix or matrix[key] == kind else None
            continue
        width = min(len(r.toks) for r in rows)
        cols = [j for j in range(width) if all(is_plain_int(r.toks[j]) for r in rows)]
        ends = [j for j in cols if any(c != key for c, _, _ in model.bounds.get((key, j), ()))]
        for j in cols:
            vals = [r.toks[j] for r in rows]
            entry = distinct.setdefault((key, j), [True, 0])
            entry[0] = entry[0] and len(set(vals)) == len(vals)
            entry[1] = max(entry[1], len(vals) + (j in ends))
        for a in ends:
            for b in ends:
                if a >= b or not {(c, k) for c, k, _ in model.bounds[(key, a)] if c != key} & \
                        {(c, k) for c, k, _ in model.bounds[(key, b)] if c != key}:
                    continue
                ps = [frozenset((r.toks[a], r.toks[b])) for r in rows]
                unequal[(key, a, b)] = unequal.get((key, a, b), True) and all(len(p) == 2 for p in ps)
                pairs[(key, a, b)] = pairs.get((key, a, b), True) and len(set(ps)) == len(ps) >= 2
    for (key, j), (ok, most) in sorted(distinct.items()):
        if ok and most >= 3:
            facts.distinct.setdefault(key, set()).add(j)
    for (key, a, b), ok in sorted(unequal.items()):
        if ok:
            facts.unequal.setdefault(key, set()).add((a, b))
    for (key, a, b), ok in sorted(pairs.items()):
        if ok:
            facts.pairs.setdefault(key, set()).add((a, b))
    facts.matrix = {k: v for k, v in matrix.items() if v is not None}
    return facts


def enforce(rng: random.Random, model: "Model", doc) -> bool:
    """Re-establish the model's facts in `doc`; False if some could not be (too few labels for
    distinct endpoints, say): the caller drops such a mutant."""
    facts: Facts = model.facts
    if not facts:
        return True
    sites, ok = None, True
    for group in row_groups(doc.units):
        rows = _rows(group)
        key = rows[0].ckey
        if key in facts.matrix:
            _fix_matrix(group, *facts.matrix[key])
            continue
        if not (key in facts.distinct or key in facts.unequal or key in facts.pairs):
            continue
        if sites is None:
            from alphasolve.inputs.model import walk
            sites = {id(s.line): s for s in walk(doc.units)}
        ok = _fix_rows(rng, model, rows, [sites.get(id(r)) for r in rows], facts, key) and ok
    return ok


def _fix_rows(rng: random.Random, model: "Model", rows: list[Line], sites: list, facts: Facts, key: int) -> bool:
    distinct = facts.distinct.get(key, set())
    unequal = facts.unequal.get(key, set())
    pairs = facts.pairs.get(key, set())
    used: dict[int, set[str]] = {j: set() for j in distinct}
    used_pairs: dict[tuple[int, int], set[frozenset]] = {p: set() for p in pairs}
    ok = True
    for row, site in zip(rows, sites):
        toks = row.toks

        def bad(j: int) -> bool:
            if j >= len(toks) or not is_plain_int(toks[j]):
                return False
            if j in used and toks[j] in used[j]:
                return True
            for a, b in unequal | pairs:
                if j in (a, b) and b < len(toks):
                    if (a, b) in unequal and toks[a] == toks[b]:
                        return True
                    if (a, b) in used_pairs and frozenset((toks[a], toks[b])) in used_pairs[(a, b)]:
                        return True
            return False

        for j in sorted(set(distinct) | {b for _, b in unequal | pairs} | {a for a, _ in unequal | pairs}):
            if not bad(j):
                continue
            old = toks[j]
            for _ in range(TRIES):
                toks[j] = str(_redraw(rng, model, site, j, int(old)))
                if not bad(j):
                    break
            else:
                toks[j] = old
                ok = False
        for j in used:
            if j < len(toks):
                used[j].add(toks[j])
        for (a, b) in used_pairs:
            if b < len(toks):
                used_pairs[(a, b)].add(frozenset((toks[a], toks[b])))
    return ok


def _redraw(rng: random.Random, model: "Model", site: "Site | None", j: int, v: int) -> int:
    if site is None:
        return perturb_int(rng, v)
    hi = model.bound(site, j)
    col = model.cols.get(site.col(j))
    if hi is not None:
        lo = model.low(site, j)
        return rng.randint(lo, max(lo, hi))
    new = perturb_int(rng, v, col)
    return new if new != v else v + rng.randint(1, 3)


def _fix_matrix(group: Group, kind: str, diag: str) -> None:
    m = _matrix(group)
    if m is None:
        return
    n = len(m)
    for i in range(n):
        m[i][i] = diag
        for j in range(i):
            if kind == "sym":
                m[j][i] = m[i][j]
            else:
                m[i][j] = "1" if m[i][j] == "1" else "0"
                m[j][i] = "0" if m[i][j] == "1" else "1"
    for row, cells in zip(_rows(group), m):
        if group.rows == "chr":
            row.toks[0] = "".join(cells)
        else:
            row.toks[:] = cells

"""Blocks `spec_gen` draws under a claim (pure): a block of lines whose first two values are the
ends of the edges of a claimed tree, connected graph, graph without self-loops or multiple
edges, or of at most K edges at each vertex (`max_degree`) is drawn as a whole (a spanning tree over every label, then more edges as the claims
allow); in a block whose pair must not repeat ("all points are different"), a line repeating one
is drawn again (`distinct_rows`, `row_lines`). Split out of `spec_gen`; `drawer`
is its `_Drawer`."""

from __future__ import annotations

from alphasolve.inputs.spec import Block, Line, Variable


def edge_block(drawer, node: Block) -> tuple[str, str] | None:
    if len(node.body) != 1 or not isinstance(node.body[0], Line):
        return None
    names = [i.name for i in node.body[0].items if i.count is None]
    pair = tuple(names[:2])
    return pair if len(pair) == 2 and pair in drawer.edges else None


def edge_lines(drawer, node: Block, pair: tuple[str, str], times: int, env: dict) -> list[list[str]]:
    from alphasolve.inputs.spec_gen import MAX_NODES, _Unbounded
    kinds = {c.kind for c in drawer.spec.claims if tuple(c.subject[:2]) == pair}
    u = drawer.spec.var(pair[0]) or Variable(pair[0])
    lo, hi = (int(x) for x in drawer.bounds(u.low, u.high, env, False))
    if hi < lo:
        raise _Unbounded
    edges: list[tuple[int, int]] = []
    if "tree" in kinds or "connected" in kinds:
        if hi - lo >= MAX_NODES:  # a spanning tree over every label: only for node counts, not values
            raise _Unbounded
        order = list(range(lo, hi + 1))
        drawer.rng.shuffle(order)
        edges = [(order[drawer.rng.randrange(k)], order[k]) for k in range(1, len(order))][:times]
    seen = {frozenset(e) for e in edges}
    limit = next((int(c.expr) for c in drawer.spec.claims if c.kind == "max_degree" and tuple(c.subject[:2]) == pair
                  and (c.expr or "").isdigit()), None)     # "each student has at most two archenemies"
    degree: dict[int, int] = {}
    for a, b in edges:
        degree[a], degree[b] = degree.get(a, 0) + 1, degree.get(b, 0) + 1
    free = [x for x in range(lo, hi + 1) if degree.get(x, 0) < limit] \
        if limit is not None and hi - lo < MAX_NODES else None     # the labels with room for an edge
    where = {x: k for k, x in enumerate(free or [])}
    tries = 0
    while len(edges) < times and tries < 20 * times + 100:
        tries += 1
        if free is not None and not free:
            break
        a, b = (drawer.rng.randint(lo, hi), drawer.rng.randint(lo, hi)) if free is None else \
            (drawer.rng.choice(free), drawer.rng.choice(free))
        if a == b and ("no_self_loops" in kinds or "tree" in kinds):
            continue
        if frozenset((a, b)) in seen and ("no_multi_edges" in kinds or "tree" in kinds):
            continue
        if limit is not None and max(degree.get(a, 0) + 1 + (a == b), degree.get(b, 0) + 1 + (a == b)) > limit:
            continue
        seen.add(frozenset((a, b)))
        degree[a] = degree.get(a, 0) + 1
        degree[b] = degree.get(b, 0) + 1
        edges.append((a, b))
        for end in {a, b} if free is not None else ():
            if degree[end] >= (limit or 0):
                _take(free, where, end)
    if len(edges) < times:
        raise _Unbounded
    lines = []
    for a, b in edges:
        scope = dict(env)
        scope[pair[0]], scope[pair[1]] = a, b
        toks = []
        for item in node.body[0].items:
            if item.name in pair:
                toks.append(str(scope[item.name]))
            elif item.count is None:
                toks.append(drawer.scalar(drawer.spec.var(item.name) or Variable(item.name), scope, False))
            else:
                toks += drawer.sequence(drawer.spec.var(item.name) or Variable(item.name),
                                        drawer.evaluate(item.count, scope), scope, False)
        lines.append(toks)
    return lines


def _take(free: list[int], where: dict[int, int], x: int) -> None:
    """`x` out of `free` (unordered; `where`: each label's index in it), swapped with the last."""
    k = where.pop(x)
    last = free.pop()
    if last != x:
        free[k], where[last] = last, k


def distinct_rows(drawer, node: Block) -> list[int] | None:
    """Token positions of the pair a "distinct_rows" claim says never repeats, when the block
    is one line of single values holding it ("All points are different": x_i y_i)."""
    if len(node.body) != 1 or not isinstance(node.body[0], Line):
        return None
    items = node.body[0].items
    for claim in drawer.spec.claims:
        if claim.kind == "distinct_rows" and all(any(i.name == n and i.count is None for i in items)
                                                 for n in claim.subject[:2]):
            if any(i.count is not None or i.words for i in items):
                return None
            return [next(k for k, i in enumerate(items) if i.name == n) for n in claim.subject[:2]]
    return None


def row_lines(drawer, node: Block, rows: list[int], times: int, env: dict) -> list[list[str]]:
    """The block's `times` lines, a line whose pair (at `rows`) was drawn before drawn again."""
    from alphasolve.inputs.spec_gen import _Unbounded
    lines: list[list[str]] = []
    seen: set[tuple[str, ...]] = set()
    for _ in range(20 * times + 100):
        if len(lines) == times:
            break
        drawn = drawer.walk(node.body, dict(env))
        key = tuple(drawn[0][i] for i in rows)
        if key not in seen:
            seen.add(key)
            lines += drawn
    if len(lines) < times:
        raise _Unbounded
    return lines

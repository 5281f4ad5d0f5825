"""Trees given as edge lists (`n` then n-1 lines `u v ...`): detect, regrow, relabel.

A value-level edit of an endpoint would break the tree, so tree groups are only changed
here: regrown on n' nodes when the count changes, relabelled when shuffled.
"""

from __future__ import annotations

import random
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from alphasolve.inputs.structure import Group


def mark_tree(group: "Group", n: int) -> None:
    """Set `group.tree` to the label base (1 or 0) if its elements are the edges of a tree on
    n nodes (the first two tokens of each element's line)."""
    if n < 2 or any(len(e) != 1 or e[0].children or len(e[0].head.toks) < 2 for e in group.elems):
        return
    try:
        edges = [(int(e[0].head.toks[0]), int(e[0].head.toks[1])) for e in group.elems]
    except ValueError:
        return
    for base in (1, 0):
        if all(base <= a < n + base and base <= b < n + base for a, b in edges):
            parent = list(range(n))

            def find(x: int) -> int:
                while parent[x] != x:
                    parent[x] = parent[parent[x]]
                    x = parent[x]
                return x

            for a, b in edges:
                parent[find(a - base)] = find(b - base)
            if len({find(x) for x in range(n)}) == 1:
                group.tree = base
            return


def regrow_tree(rng: random.Random, group: "Group", n: int) -> None:
    """A random tree on n nodes; the other tokens of each edge line come from a random
    original edge."""
    base = group.tree
    labels = list(range(base, base + n))
    rng.shuffle(labels)
    template = group.elems
    edges = []
    for v in range(1, n):
        u = rng.randrange(v)
        a, b = (labels[u], labels[v]) if rng.random() < 0.5 else (labels[v], labels[u])
        elem = [x.clone() for x in rng.choice(template)]
        elem[0].head.toks[0], elem[0].head.toks[1] = str(a), str(b)
        edges.append(elem)
    rng.shuffle(edges)
    group.elems = edges or template[:1]


def relabel_tree(rng: random.Random, group: "Group") -> None:
    """The same tree with its node labels permuted and edge directions flipped at random."""
    labels = sorted({int(e[0].head.toks[i]) for e in group.elems for i in (0, 1)})
    perm = list(labels)
    rng.shuffle(perm)
    mapping = dict(zip(labels, perm))
    for e in group.elems:
        toks = e[0].head.toks
        a, b = mapping[int(toks[0])], mapping[int(toks[1])]
        toks[0], toks[1] = (str(a), str(b)) if rng.random() < 0.5 else (str(b), str(a))

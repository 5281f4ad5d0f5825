"""Unnamed values tied to the one variable the statement bounds and the layout does not read (pure).

"The next n lines contain n integers each: the j-th number on the i-th line a_(i, j)
(-1000 ≤ a_(i, j) ≤ 1000)": the layout reader makes the grid's values an unnamed block ("_1") and
the bounds go to a variable "a" that no line reads, so the grid would be drawn from the public
example alone (every cell 5). "The next m lines contain one pair of integers each, "a_i b_i"
(1 ≤ a_i, b_i ≤ n, a_i ≠ b_i)": two unnamed values per line, and a, b on no line.

The tie is made only where the statement leaves one reading: the unnamed items without bounds of
their own are as many as the bounded variables on no line (or one item of k values per line and k
such variables), and they agree in kind: a sequence or a repeated line holds an indexed variable
(a_i), a single value a scalar one. They are paired in the statement's order (the layout's, and
the variables' order of first mention); anything else stays unnamed.
"""

from __future__ import annotations

import re

from alphasolve.inputs.spec import Block, Item, Line, Spec, Variable
from alphasolve.inputs.spec_unnamed import TYPE_WORDS

#: the most values of one unnamed item split into named ones ("a pair", "three integers")
MAX_SPLIT = 4


def tie_unnamed(spec: Spec) -> None:
    """Name `spec`'s unnamed layout values after the variables no line reads, where the statement
    leaves one way to (see the module's docstring); in place."""
    if spec.layout:
        _tie(spec)
    # an unnamed value's type alone (`spec_unnamed.add_types`) is not kept: the public inputs show it
    spec.variables = [v for v in spec.variables if not (v.source == TYPE_WORDS and v.name.startswith("_"))]


def _tie(spec: Spec) -> None:
    placed = _placed(spec.layout)
    unnamed = [(item, line, repeated) for item, line, repeated in placed
               if item.name.startswith("_") and item.words is None and item.length is None
               and not _bounded(spec.var(item.name))]
    if not unnamed:
        return
    read = {item.name for item, _, _ in placed}
    used = _names_in(spec)
    loose = [v for v in spec.variables if v.name not in read and not v.name.startswith("_")
             and v.name not in used and v.type in ("int", "real", "unknown") and _bounded(v)]
    if len(unnamed) == len(loose):
        if all(_fits(item, repeated, var) for (item, _, repeated), var in zip(unnamed, loose)):
            for (item, _, _), var in zip(unnamed, loose):
                _rename(spec, item, var)
        return
    if len(unnamed) == 1 and len(loose) <= MAX_SPLIT:
        item, line, repeated = unnamed[0]
        if item.count == str(len(loose)) and len(loose) > 1 and all(v.indexed == repeated for v in loose):
            _drop(spec, item.name)
            k = line.items.index(item)
            line.items[k:k + 1] = [Item(v.name) for v in loose]


def _placed(nodes: list, repeated: bool = False) -> list[tuple[Item, Line, bool]]:
    """Every item with its line and whether that line repeats (is in a block)."""
    out = []
    for node in nodes:
        if isinstance(node, Block):
            out += _placed(node.body, True)
        else:
            out += [(item, node, repeated) for item in node.items]
    return out


def _names_in(spec: Spec) -> set[str]:
    """Names the layout's counts and repeats and the bounds of other variables use."""
    exprs = [b.expr for v in spec.variables for b in (v.low, v.high, v.length_low, v.length_high) if b and b.expr]
    exprs += [item.count for item, _, _ in _placed(spec.layout or []) if item.count]
    exprs += _repeats(spec.layout or [])
    return {name for e in exprs for name in re.findall(r"[A-Za-z]\w*", e)} | {spec.testcases or ""}


def _repeats(nodes: list) -> list[str]:
    return [r for n in nodes if isinstance(n, Block) for r in [n.repeat] + _repeats(n.body)]


def _bounded(var: Variable | None) -> bool:
    return var is not None and all(b is not None and b.known() for b in (var.low, var.high))


def _fits(item: Item, repeated: bool, var: Variable) -> bool:
    """A sequence or a repeated line holds an indexed variable, one value a scalar; not k values
    of each repeated line ("three integers — x_i, y_i and the number k_i": k is one of them)."""
    if repeated and item.count is not None and item.count.strip().isdigit():
        return False
    return var.indexed == (item.count is not None or repeated)


def _rename(spec: Spec, item: Item, var: Variable) -> None:
    own = spec.var(item.name)
    if own is not None and var.type == "unknown":
        var.type = own.type
    _drop(spec, item.name)
    item.name = var.name


def _drop(spec: Spec, name: str) -> None:
    spec.variables = [v for v in spec.variables if v.name != name]

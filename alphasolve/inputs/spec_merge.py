"""Facts to bounds: how the spec parser merges what a statement says about one variable.

A variable may get several bounds on one side: restated ("1 ≤ n ≤ 10^5" in the input section and
again under "Constraints"), per subproblem ("n ≤ 100 in C1", "n ≤ 10^5 in C2"), per Code Jam test
set, read through another variable ("0 ≤ p ≤ n" tells n ≥ 0), or for single elements (`a_1 = 1`).
The rules here keep only what holds for every valid input: the widest of alternatives, the
tightest only where both facts hold together (general limits and one test set's), and nothing
a test set leaves open.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from typing import Callable

from alphasolve.inputs.spec import Bound, Spec, layout_items, layout_lines

#: the number bounding a variable on a side within one test set ("R" ≤ 100 in Test Set 1), or None
Numeric = Callable[[str, str, str], "int | float | None"]


@dataclass
class Fact:
    scope: str
    name: str
    side: str            # low | high (for |x|: of |x|)
    bound: Bound
    source: str
    generic: bool = True
    abs: bool = False
    index: str | None = None
    weak: bool = False   # read through another variable (n in "0 ≤ p ≤ n"): only if nothing better




def side_bounds(indexed: bool, indices: set[str], vtype: str, facts: list[Fact],
                test_sets: list[str], numeric: Numeric | None = None) -> dict[str, Bound]:
    """Each side's bound of one variable from its facts: per scope the widest (subproblems), a
    weak fact only if nothing better, bounds on single elements only if they cover every element
    named; across Code Jam test sets what holds in all (`across`)."""
    out: dict[str, Bound] = {}
    facts = absolute(vtype, facts)
    for side in ("low", "high", "length_low", "length_high"):
        mine = [f for f in facts if f.side == side and not f.abs]
        mine = [f for f in mine if not f.weak or not any(g.scope == f.scope and not g.weak for g in mine)]
        per_scope = {}
        for scope in [""] + test_sets:
            scoped = [f for f in mine if f.scope == scope]
            if scoped and not any(f.generic for f in scoped) and (   # a_1 = 1 is no bound on a
                    indexed and not indices or not indices <= {f.index for f in scoped}):
                scoped = []
            per_scope[scope] = merge(side, [f.bound for f in scoped]) if scoped else None
        sets = [per_scope[t] for t in test_sets]
        if numeric is not None:     # "1 ≤ H < R" in a set where R ≤ 100: H < 100 there
            sets = [_as_number(b, side, t, numeric) for b, t in zip(sets, test_sets)]
        bound = across(side, per_scope[""], sets) if test_sets \
            else per_scope[""]
        if bound is not None:
            out[side] = strict(bound, side, vtype)
    return out


def absolute(vtype: str, facts: list[Fact]) -> list[Fact]:
    """|x| read by type: a string's length; a number's range (|a_i| ≤ 10^9: -10^9 ≤ a_i ≤ 10^9).
    Untyped, "1 ≤ |s|" (a length that cannot be 0) reads as a length, "|x| ≤ 5" as a range."""
    lengthy = vtype == "string" or (vtype == "unknown" and any(
        f.abs and f.side == "low" and f.bound.value is not None and f.bound.value >= 1 for f in facts))
    out = []
    for f in facts:
        if not f.abs:
            out.append(f)
        elif lengthy:
            out.append(replace(f, side="length_" + f.side, abs=False))
        elif f.side == "high" and f.bound.value is not None:
            out += [replace(f, abs=False), replace(f, side="low", abs=False, bound=Bound(
                value=-f.bound.value, strict=f.bound.strict))]
    return out


def merge(side: str, bounds: list[Bound]) -> Bound | None:
    """One bound from several on one side: the only expression, else the widest number."""
    exprs = list(dict.fromkeys((b.expr, b.strict) for b in bounds if b.expr is not None))
    if len(exprs) == 1 and len(bounds) == sum(1 for b in bounds if b.expr is not None) or \
            len(exprs) == 1 and side in ("low", "high"):
        return Bound(expr=exprs[0][0], strict=exprs[0][1])
    numbers = [b for b in bounds if b.value is not None]
    if not numbers:
        return None
    best = numbers[0]
    for b in numbers[1:]:
        best = wider(side, best, b)
    return best


def _as_number(bound: Bound | None, side: str, scope: str, numeric: Numeric) -> Bound | None:
    """A set's bound "R" or "R - 1" as a number, from R's own number in that set."""
    if bound is None or bound.expr is None:
        return bound
    m = re.fullmatch(r"([A-Za-z]\w*)(?: ([-+]) (\d+))?", bound.expr)
    value = numeric(m.group(1), side, scope) if m else None
    if value is None:
        return bound
    shift = int(m.group(3) or 0) * (-1 if m.group(2) == "-" else 1)
    return Bound(value=value + shift, strict=bound.strict)


def across(side: str, general: Bound | None, sets: list[Bound | None]) -> Bound | None:
    """A bound true in every test set: the general one if it is an expression (it holds in all);
    else the widest over the sets of each set's tightest number (its own or the general one);
    else an expression every set states."""
    if general is not None and general.expr is not None:
        return general
    numbers = []
    for bound in sets:
        options = [b for b in (general, bound) if b is not None and b.value is not None]
        if not options:
            numbers = None
            break
        best = options[0]
        for b in options[1:]:
            best = b if wider(side, best, b) is best else best
        numbers.append(best)
    if numbers:
        return merge(side, numbers)
    exprs = {(b.expr, b.strict) for b in sets if b is not None and b.expr is not None}
    if len(exprs) == 1 and all(b is not None and b.expr is not None for b in sets):
        return Bound(expr=next(iter(exprs))[0], strict=next(iter(exprs))[1])
    return None


def wider(side: str, a: Bound, b: Bound) -> Bound:
    if a.value is None or b.value is None:
        return a if a.value is not None else b
    if a.value == b.value:
        return a if not a.strict else b
    low = side.endswith("low")
    return a if (a.value < b.value) == low else b


def strict(bound: Bound, side: str, vtype: str) -> Bound:
    if not bound.strict or vtype in ("real", "unknown"):
        return bound
    step = 1 if side.endswith("low") else -1
    if bound.value is not None and isinstance(bound.value, int):
        return Bound(value=bound.value + step)
    if bound.expr is not None:
        return Bound(expr=f"{bound.expr} {'+' if step > 0 else '-'} 1")
    return bound


def per_line_relations(spec: Spec, arrays: set[str], fallback: dict[tuple[str, str], Bound]) -> None:
    """A bound between elements ("l_i ≤ r_i") holds per line: kept only where the layout reads
    both as single tokens of one line (a checker would otherwise compare the wrong elements)."""
    lines = [{i.name for i in line.items if i.count is None} for line in layout_lines(spec.layout or [])]
    for var in spec.variables:
        for side in ("low", "high", "length_low", "length_high"):
            bound = getattr(var, side)
            if bound is None or bound.expr is None:
                continue
            used = {n for n in re.findall(r"[A-Za-z]\w*", bound.expr) if n in arrays}
            if used and not any({var.name} | used <= names for names in lines):
                setattr(var, side, fallback.get((var.name, side)))
                spec.unknown.append(f"{var.name} {'≥' if side.endswith('low') else '≤'} {bound.expr} "
                                    f"(element by element, not on one line)")


def layout_names(nodes: list) -> set[str]:
    """The names a layout reads tokens into."""
    return {item.name for item in layout_items(nodes)}

"""What one public input teaches about valid inputs, and the edits that keep them valid.

A `Model` holds the parsed layout of a public input (`structure.parse`) plus facts measured
on it: per column (values in the same role) the observed values and alphabet; whether
arrays are permutations, sorted or distinct; and *bounds*: an integer column that never
exceeds some integer of an enclosing head line (`n` then edges `u v <= n`, `n k` with
`k <= n`, a query `l r` with `l <= r`) must keep doing so. Count changes resize what they
count; `repair` re-establishes bounds after any edit.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass

from alphasolve.inputs.constraints import enforce, infer as infer_facts
from alphasolve.inputs.structure import HEAD_TOKENS, Doc, Group, Line, Link, Unit, parse
from alphasolve.inputs.trees import regrow_tree
from alphasolve.inputs.tokens import (Column, char_class, is_plain_int, kind, mutate_string, new_value_like,
                                      perturb_float, perturb_int, resize_string)


@dataclass
class Site:
    """A line of a document with its role: "head" (of a unit; its linked integers are counts),
    "arr" (all tokens are one column: a counted array or a long free line), "str" (a string of
    a stated length)."""

    line: Line
    role: str
    unit: Unit | None            # the unit this line heads
    stack: tuple                 # enclosing head lines, innermost last (a head includes itself)
    chars: bool = False          # characters are the values (grid rows)
    tree: bool = False           # the first two tokens are tree endpoints

    def counts(self) -> set[int]:
        return {l.tok for l in self.unit.links} if self.unit is not None else set()

    def inline(self) -> bool:
        return self.unit is not None and any(l.kind == "inline" for l in self.unit.links)

    def col(self, j: int) -> tuple:
        if self.role == "arr" or (j > 0 and self.inline()):
            return (self.line.ckey, -1)
        return (self.line.ckey, j)


def walk(units: list[Unit], stack: tuple = (), chars: bool = False, tree: bool = False):
    for u in units:
        st = stack + (u.head,)
        toks = u.head.toks
        role = "arr" if (not u.links and len(toks) > HEAD_TOKENS and len({kind(t) for t in toks}) == 1) \
            else "head"
        yield Site(u.head, role, u, st, chars, tree)
        targets = {l.child + k: l.kind for l in u.links for k in range(l.span)}
        for idx, child in enumerate(u.children):
            if isinstance(child, Line):
                yield Site(child, "str" if targets.get(idx) == "strlen" else "arr", None, st)
            else:
                for elem in child.elems:
                    yield from walk(elem, st, child.rows == "chr", child.tree >= 0)


@dataclass
class ArrayInfo:
    perm: int = -1          # >= 0: a permutation of base..base+n-1
    sorted: bool = False
    strict: bool = False
    distinct: bool = False


class Model:
    def __init__(self, index: int, text: str):
        self.index = index
        self.text = text
        self.doc: Doc = parse(text)
        if self.doc.render() != text:
            raise ValueError("input does not survive parsing unchanged")
        self.cols: dict[tuple, Column] = {}
        self.arrays: dict[tuple, ArrayInfo] = {}
        self.bounds: dict[tuple, list[tuple[int, int, bool]]] = {}  # (ckey, k, strict)
        self.frozen: set[int] = set()
        self.singles: dict[tuple, list[str]] = {}  # grid cells that occur once ('S', '@')
        # boundary.py's plan of edge edits (made on first use) and how far it has gone through it
        self.edge_plan: list[tuple[str, object, str]] | None = None
        self.edge_turn = 0
        lines = [line for u in self.doc.units for line in u.lines()]
        if len(lines) >= 2 and all(t == "0" for t in lines[-1].toks):
            self.frozen.add(lines[-1].ckey)  # a terminating "0" line
        self._analyse()
        self.facts = infer_facts(self)

    def _analyse(self) -> None:
        ge: dict[tuple, set] = {}   # bounds that hold everywhere (<=)
        gt: dict[tuple, set] = {}   # ... strictly somewhere
        gt_all: dict[tuple, set] = {}  # ... strictly everywhere
        arrays: dict[tuple, list[list[int] | None]] = {}
        grid: dict[tuple, Counter] = {}
        for site in walk(self.doc.units):
            if site.chars:
                grid.setdefault(site.col(0), Counter()).update(site.line.toks[0])
            ints = []
            for j, tok in enumerate(site.line.toks):
                col = site.col(j)
                self.cols.setdefault(col, Column()).add(tok)
                if not is_plain_int(tok):
                    ints = None if col[1] == -1 else ints
                    continue
                x = int(tok)
                if col[1] == -1 and ints is not None:
                    ints.append(x)
                if site.tree and j < 2:
                    continue  # tree endpoints are regrown and relabelled, never bounded
                here_ge, here_gt = set(), set()
                if x >= 0:
                    for anc in site.stack:
                        for k, t in enumerate(anc.toks):
                            if anc is site.line and k == j or not is_plain_int(t):
                                continue
                            if int(t) >= max(x, 1):
                                here_ge.add((anc.ckey, k))
                                if int(t) > x:
                                    here_gt.add((anc.ckey, k))
                ge[col] = here_ge if col not in ge else ge[col] & here_ge
                gt_all[col] = here_gt if col not in gt_all else gt_all[col] & here_gt
                gt.setdefault(col, set()).update(here_gt)
            if site.role == "arr" or site.inline():
                arrays.setdefault((site.line.ckey, -1), []).append(
                    ints[1:] if ints is not None and site.inline() else ints)
        for col, counter in sorted(grid.items()):
            total = sum(counter.values())
            singles = sorted(c for c, k in counter.items() if k == 1)
            if total >= 4 and len(counter) >= 2 and len(singles) < len(counter):
                self.singles[col] = singles
                for c in singles:  # never drawn as a new character
                    self.cols[col].chars.get(char_class(c), set()).discard(c)
        for col in sorted(ge):
            keep = sorted(ge[col] & gt.get(col, set()))
            if keep:
                self.bounds[col] = [(ckey, k, (ckey, k) in gt_all[col]) for ckey, k in keep]
        for col, arrs in sorted(arrays.items()):
            self.arrays[col] = _array_info(arrs)

    # -- bounds -----------------------------------------------------------------------------
    def bound(self, site: Site, j: int, outer: bool = False) -> int | None:
        """The current upper bound of token j of `site`, from its enclosing heads; `outer`: only
        from an enclosing head (an index <= n), not from its own line (`a < b` on one line may be chance)."""
        best = None
        for ckey, k, strict in self.bounds.get(site.col(j), ()):
            anc = next((a for a in reversed(site.stack) if a.ckey == ckey), None)
            if anc is not None and k < len(anc.toks) and is_plain_int(anc.toks[k]) and \
                    not (anc is site.line and (outer or k == j)):
                v = int(anc.toks[k]) - strict
                best = v if best is None else min(best, v)
        return best

    def low(self, site: Site, j: int) -> int:
        col = self.cols.get(site.col(j))
        return 0 if col is not None and col.min_int is not None and col.min_int <= 0 else 1

    def repair(self, rng: random.Random, doc: Doc) -> bool:
        """Bring every bounded integer back under its bound (resizing counts that shrink), then
        re-establish the facts of `constraints` (no self-loops, distinct columns, ...); False
        if they cannot all hold (the mutant is probably invalid)."""
        self._repair_bounds(rng, doc)
        return enforce(rng, self, doc)

    def _repair_bounds(self, rng: random.Random, doc: Doc) -> None:
        for _ in range(4):
            changed = False
            for site in list(walk(doc.units)):
                if site.role == "arr" and (site.line.ckey, -1) not in self.bounds:
                    continue
                if site.line.ckey in self.frozen:
                    continue
                counts, fix = site.counts(), False
                for j, tok in enumerate(site.line.toks):
                    if not is_plain_int(tok):
                        continue
                    hi = self.bound(site, j)
                    if hi is None:
                        continue
                    link = next((l for l in site.unit.links if l.tok == j), None) if j in counts else None
                    lo = 1 + link.off if link is not None else self.low(site, j)
                    if int(tok) <= max(hi, lo):
                        continue
                    changed = True
                    if link is not None:
                        self.set_count(rng, site, link, max(hi, lo))
                        break  # the line may have changed length; the next pass goes on
                    else:
                        site.line.toks[j] = str(perturb_int(rng, int(tok), self.cols.get(site.col(j)), lo, max(hi, lo)))
                        fix = True
                if fix:
                    self.fix_array(rng, site)
            changed = self._fix_singles(rng, doc) or changed
            if not changed:
                return

    def _fix_singles(self, rng: random.Random, doc: Doc) -> bool:
        """Grid characters that occurred once (a start, a robot) occur exactly once again."""
        if not self.singles:
            return False
        rows: dict[tuple, list[Line]] = {}
        for site in walk(doc.units):
            if site.chars and site.col(0) in self.singles:
                rows.setdefault(site.col(0), []).append(site.line)
        changed = False
        for col, lines in sorted(rows.items()):
            col_stats = self.cols[col]
            filler = sorted(c for cls in sorted(col_stats.chars) for c in col_stats.chars[cls])
            cells = [(li, i) for li, line in enumerate(lines) for i in range(len(line.toks[0]))]
            for c in self.singles[col]:
                where = [(li, i) for li, i in cells if lines[li].toks[0][i] == c]
                if len(where) == 1 or not filler:
                    continue
                changed = True
                if not where:
                    free = [(li, i) for li, i in cells if lines[li].toks[0][i] not in self.singles[col]]
                    where = [rng.choice(free)] if free else []
                    put = [(w, c) for w in where]
                else:
                    put = [(w, rng.choice(filler)) for w in where[1:]]
                for (li, i), ch in put:
                    tok = lines[li].toks[0]
                    lines[li].toks[0] = tok[:i] + ch + tok[i + 1:]
        return changed

    # -- arrays -----------------------------------------------------------------------------
    def fix_array(self, rng: random.Random, site: Site) -> None:
        """Restore a counted array's sortedness / distinctness after an edit."""
        if site.role != "arr" and not site.inline():
            return
        info = self.arrays.get((site.line.ckey, -1))
        if info is None or not (info.distinct or info.strict or info.sorted):
            return
        start = 1 if site.inline() else 0
        toks = site.line.toks[start:]
        if not toks or not all(is_plain_int(t) for t in toks):
            return
        vals = [int(t) for t in toks]
        if info.distinct or info.strict:
            seen: set[int] = set()
            col = self.cols.get(site.col(start))
            for i, v in enumerate(vals):
                tries = 0
                while v in seen and tries < 20:
                    v = perturb_int(rng, v, col)
                    tries += 1
                seen.add(v)
                vals[i] = v
        if info.sorted:
            vals.sort()
        site.line.toks[start:] = [str(v) for v in vals]

    def resize_tokens(self, rng: random.Random, site: Site, size: int) -> None:
        line = site.line
        start = 1 if site.inline() else 0
        toks = line.toks[start:]
        info = self.arrays.get((line.ckey, -1), ArrayInfo())
        if info.perm >= 0:
            new = [str(v) for v in range(info.perm, info.perm + size)]
            if not info.sorted:
                rng.shuffle(new)
        else:
            new = list(toks)
            if size < len(new):
                keep = sorted(rng.sample(range(len(new)), size))
                new = [new[i] for i in keep]
            col = self.cols.get(site.col(start))
            hi = self.bound(site, start)
            lo = self.low(site, start) if hi is not None else None
            hi = max(hi, lo) if hi is not None else None
            if len(new) < size:
                added = [new_value_like(rng, rng.choice(toks), col, lo, hi) for _ in range(size - len(new))]
                new = _interleave(rng, new, added)
        line.set_toks(line.toks[:start] + new)
        if info.perm < 0:
            self.fix_array(rng, site)

    # -- counts -----------------------------------------------------------------------------
    def set_count(self, rng: random.Random, site: Site, link: Link, value: int) -> None:
        """Set the count token of `link` in `site` (a head) and resize what it counts."""
        unit = site.unit
        size = value - link.off
        unit.head.toks[link.tok] = str(value)
        if link.kind == "inline":
            self.resize_tokens(rng, site, size)
            return
        child = unit.children[link.child]
        if link.kind == "tokens":
            for line in unit.children[link.child:link.child + link.span]:
                self.resize_tokens(rng, Site(line, "arr", None, site.stack), size)
        elif link.kind == "strlen":
            child.toks[0] = resize_string(rng, child.toks[0], size, self.cols.get((child.ckey, 0)))
        elif link.kind == "width":
            self.resize_rows(rng, child, size, site.stack)
        elif child.tree >= 0:
            regrow_tree(rng, child, value)
        else:
            self.resize_group(rng, child, size, site.stack)
            if child.square:
                self.resize_rows(rng, child, size, site.stack)

    def resize_rows(self, rng: random.Random, group: Group, width: int, stack: tuple) -> None:
        for elem in group.elems:
            line = elem[0].head
            if group.rows == "chr":
                line.toks[0] = resize_string(rng, line.toks[0], width, self.cols.get((line.ckey, 0)))
            elif len(line.toks) != width:
                self.resize_tokens(rng, Site(line, "arr", None, stack), width)

    def resize_group(self, rng: random.Random, group: Group, size: int, stack: tuple) -> None:
        elems = group.elems
        if size < len(elems):
            keep = sorted(rng.sample(range(len(elems)), size))
            group.elems = [elems[i] for i in keep]
            return
        added = []
        for _ in range(size - len(elems)):
            new = [u.clone() for u in rng.choice(elems)]
            self.perturb_values(rng, new, stack, group, share=0.5)
            added.append(new)
        group.elems = _interleave(rng, elems, added)

    # -- values -----------------------------------------------------------------------------
    def value_tokens(self, site: Site) -> list[tuple[int, str]]:
        """(index, "i" | "f" | "s") of the tokens of `site` that are values, not structure."""
        if site.line.ckey in self.frozen:
            return []
        counts = site.counts()
        info = self.arrays.get((site.line.ckey, -1))
        out = []
        for j, tok in enumerate(site.line.toks):
            if j in counts or (site.tree and j < 2):
                continue
            if info is not None and info.perm >= 0 and (site.role == "arr" or j > 0):
                continue
            k = kind(tok)
            if site.chars or site.role == "str" or (k == "i" and not is_plain_int(tok)):
                k = "w"
            out.append((j, "s" if k == "w" else k))
        return out

    def edit_token(self, rng: random.Random, site: Site, j: int, k: str) -> bool:
        tok = site.line.toks[j]
        col = self.cols.get(site.col(j))
        if k == "i":
            hi = self.bound(site, j)
            lo = self.low(site, j) if hi is not None else None
            new = str(perturb_int(rng, int(tok), col, lo, max(hi, lo) if hi is not None else None))
        elif k == "f":
            new = perturb_float(rng, tok, col)
        else:
            new = mutate_string(rng, tok, col)
        if new is None or new == tok:
            return False
        site.line.toks[j] = new  # the caller runs fix_array once per edited line
        return True

    def perturb_values(self, rng: random.Random, units: list[Unit], stack: tuple,
                       group: Group | None = None, share: float = 0.5) -> bool:
        changed = False
        chars, tree = (group.rows == "chr", group.tree >= 0) if group is not None else (False, False)
        for site in walk(units, stack, chars, tree):
            edited = False
            for j, k in self.value_tokens(site):
                if rng.random() < share:
                    edited = self.edit_token(rng, site, j, k) or edited
            if edited:
                self.fix_array(rng, site)
                changed = True
        return changed

def _interleave(rng: random.Random, old: list, added: list) -> list:
    """`old` in order with the `added` items at random places (linear time)."""
    slots = set(rng.sample(range(len(old) + len(added)), len(added)))
    it_old, it_new = iter(old), iter(added)
    return [next(it_new) if i in slots else next(it_old) for i in range(len(old) + len(added))]


DISTINCT_CHANCE = 0.5  # an array is taken to be distinct only when chance would rarely make it so
SORTED_VALUES = 4      # ... and sorted only from this many values on


def _array_info(arrays: list[list[int] | None]) -> ArrayInfo:
    if any(a is None for a in arrays) or not arrays:
        return ArrayInfo()
    info = ArrayInfo()
    long = [a for a in arrays if len(a) >= 3]
    for base in (1, 0):
        if all(len(a) >= 2 and sorted(a) == list(range(base, base + len(a))) for a in arrays) and \
                any(len(a) >= 3 for a in arrays):
            info.perm = base
            break
    if long:
        # sorted by chance: 1/len! (3 values: 1/6); so only from 4 values on
        info.sorted = all(all(x <= y for x, y in zip(a, a[1:])) for a in long) and \
            sum(len(a) for a in long) >= SORTED_VALUES
        info.strict = info.sorted and all(all(x < y for x, y in zip(a, a[1:])) for a in long)
        info.distinct = all(len(set(a)) == len(a) for a in long) and _chance_distinct(long) < DISTINCT_CHANCE
    return info


def _chance_distinct(arrays: list[list[int]]) -> float:
    """The chance that values drawn at random from the arrays' span would be as distinct: "64 16
    32" is distinct by chance (0.94), "5 3 9 4 7 8" hardly (0.04)."""
    values = [x for a in arrays for x in a]
    span = max(values) - min(values) + 1
    p = 1.0
    for a in arrays:
        for i in range(len(a)):
            p *= max(0.0, 1 - i / max(span, len(a)))
    return p

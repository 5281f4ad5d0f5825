"""Boundary mutants: the edge cases where bugs show, in the shape of a public input.

Shape-preserving edits (`mutate`) keep values near the public ones; the cases that break
buggy programs are elsewhere: minimal sizes (n = 2; 1 where the public input has a count of 1,
or for the number of test cases: see `least_size`), the smallest values (0 where 0 was seen
or 1 outside indices, 1, the smallest seen), the largest seen (or the enclosing count for an
index), the power of ten above the largest (1000 after 350: a typical bound), numbers made of
their own digits (47 -> 477), all-equal values, sorted and reversed arrays, duplicates (values,
lines), strings of one repeated character, of the whole alphabet of their class, shorter,
longer or 100 characters long (the commonest bound), grids of one cell kind, boundary clock
times. Values far beyond the public ones (10^9 after 12) broke the constraints more often than
they revealed bugs on Codeflaws, so there are none.

The (target, edit) pairs of an input form a plan that boundary mutants go through in a
shuffled order, so that 25 mutants cover 25 different cases rather than repeat the likeliest;
`edge_edit` first shrinks the sizes most of the time (small inputs cover many distinct
cases), applies the next edit of the plan (sometimes a second one), then repairs bounds and
facts (`Model.repair`).

Pure: every choice comes from the caller's `random.Random`.
"""

from __future__ import annotations

import random
import re

from alphasolve.inputs.model import Model, Site, walk
from alphasolve.inputs.structure import Doc, Group, Link
from alphasolve.inputs.tokens import (FULL_ALPHABETS, SPECIAL_INTS, TIME_RE, char_class, is_plain_int, new_time,
                                      resize_string, roundish)

SHRINK = 0.8          # share of boundary mutants whose sizes are made small first
SECOND = 0.3          # share that get a second edit
SMALL_SIZES = (1, 1, 1, 2, 2, 3, 4, 5)
#: edits of an integer column, with their weights in the plan: the smallest values, the power
#: of ten above the largest, the largest seen (or the bound), numbers of the value's own
#: digits, all equal, one duplicated, sorted, reversed
INT_MODES = {"low": 3, "pow10": 1, "max": 2, "digits": 1, "equal": 2, "dup": 1, "sorted": 1, "reversed": 1}
SEQUENCE_MODES = frozenset({"equal", "dup", "sorted", "reversed"})
ONE_COLUMN = frozenset({"pow10", "digits"})  # beyond the public values: one column at a time
STRING_MODES = {"repeat": 2, "alphabet": 2, "length": 2, "case": 2}  # case: only where both cases were seen
_CAPITALIZED = re.compile(r"[A-Z][a-z]*")
LONG_STRING = 100     # the commonest bound of a string's length on Codeforces ("1 <= |s| <= 100")
LINE_MODES = {"dup-line": 2, "equal-lines": 1}


# -- where the values are -------------------------------------------------------------------------
def _int_columns(model: Model, doc: Doc) -> dict[tuple, list[tuple[Site, int]]]:
    """Integer value tokens of `doc` by column (tokens in the same role)."""
    cols: dict[tuple, list[tuple[Site, int]]] = {}
    for site in walk(doc.units):
        for j, k in model.value_tokens(site):
            tok = site.line.toks[j]
            if k == "i" and is_plain_int(tok) and abs(int(tok)) not in SPECIAL_INTS:
                cols.setdefault(site.col(j), []).append((site, j))
    return cols


def _string_tokens(model: Model, doc: Doc) -> list[tuple[Site, int]]:
    return [(site, j) for site in walk(doc.units) for j, k in model.value_tokens(site)
            if k == "s" and not site.chars]


def _grid_rows(doc: Doc) -> dict[tuple, list[Site]]:
    rows: dict[tuple, list[Site]] = {}
    for site in walk(doc.units):
        if site.chars:
            rows.setdefault(site.col(0), []).append(site)
    return rows


def _groups(doc: Doc) -> list[Group]:
    return [c for site in walk(doc.units) if site.unit is not None for c in site.unit.children
            if isinstance(c, Group) and len(c.elems) >= 2 and c.tree < 0]


# -- sizes ----------------------------------------------------------------------------------------
def least_size(model: Model, site: Site, link: Link) -> int:
    """The smallest size a count may be given: 2, unless the public input has a count of 1 in
    its column or it counts test cases (elements with counts of their own), where 1 is always
    valid. (n = 1 broke the constraints of more Codeflaws problems, "2 <= n", than it revealed
    bugs.)"""
    child = site.unit.children[link.child] if site.unit is not None and link.child >= 0 else None
    if isinstance(child, Group) and child.tree >= 0:
        return 2
    col = model.cols.get(site.col(link.tok))
    seen = col.ints if col is not None else []
    cases = isinstance(child, Group) and any(u.links for elem in child.elems for u in elem)
    return 1 if cases or min(seen, default=2) - link.off <= 1 else 2


def shrink(rng: random.Random, model: Model, doc: Doc) -> bool:
    """Set most counts to small sizes (outer counts first; what they count is resized)."""
    done: set[int] = set()
    changed = False
    for _ in range(64):
        cands = [(site, link) for site in walk(doc.units) if site.unit is not None
                 and site.line.ckey not in model.frozen for link in site.unit.links
                 if (id(site.line), link.tok) not in done]
        if not cands:
            break
        site, link = cands[0]
        done.add((id(site.line), link.tok))
        if rng.random() < 0.2:
            continue
        size = max(least_size(model, site, link), rng.choice(SMALL_SIZES))
        new = size + link.off
        hi = model.bound(site, link.tok)
        if hi is not None:
            new = max(min(new, hi), 1 + link.off)
        if new < int(site.line.toks[link.tok]):
            model.set_count(rng, site, link, new)
            changed = True
    return changed


# -- integer values -------------------------------------------------------------------------------
def _pow10(model: Model, col: tuple) -> int:
    """The power of ten just above the column's largest magnitude (1000 after 350, 10 after 4):
    a typical bound; a largest value that looks like a bound itself (10, 500) stays the top.
    Larger values (10^9 after 12) were more often invalid than revealing."""
    seen = model.cols[col].ints if col in model.cols else []
    top = max((abs(v) for v in seen), default=1)
    return top if roundish(top) else 10 ** len(str(top))


def _small(rng: random.Random, model: Model, col: tuple, low: int) -> int:
    seen = model.cols[col].ints if col in model.cols else []
    least = min(seen, default=low)
    return rng.choice((low, low, low + 1, low + 2, max(low, least), least))


def _own_digits(rng: random.Random, v: int) -> int:
    digits = str(abs(v))
    length = rng.randint(1, len(digits) + 1)
    text = "".join(rng.choice(digits) for _ in range(length)).lstrip("0") or digits[0]
    return -int(text) if v < 0 else int(text)


def edit_ints(rng: random.Random, model: Model, doc: Doc, key: tuple | None, mode: str) -> str | None:
    """`mode` on integer column `key` (None: on every column at once); some or all of its
    values."""
    cols = _int_columns(model, doc)
    chosen = sorted(cols) if key is None else [key] if key in cols else []
    if not chosen:
        return None
    every = rng.random() < 0.5
    done = False
    for col in chosen:
        done = _edit_column(rng, model, col, cols[col], mode, every) or done
    for site in {id(s): s for col in chosen for s, _ in cols[col]}.values():
        model.fix_array(rng, site)
    return (mode if key is not None else mode + "-all") if done else None


def _edit_column(rng: random.Random, model: Model, col: tuple, toks: list[tuple[Site, int]], mode: str,
                 every: bool) -> bool:
    stats = model.cols.get(col)
    if stats is not None and stats.is_flag and mode not in SEQUENCE_MODES:
        return False
    # 0 where 0 or 1 was seen (1 is often the least valid value, but so is 0: "0 <= a_i"), except
    # in an index bounded by an enclosing count (it starts at 1)
    least = stats.min_int if stats is not None and stats.min_int is not None else 2
    low = 0 if least <= 0 else 1
    negative = least < 0
    picks = toks if every or len(toks) == 1 else rng.sample(toks, rng.randint(1, min(3, len(toks))))
    vals = [int(site.line.toks[j]) for site, j in toks]

    def put(site: Site, j: int, v: int) -> None:
        site.line.toks[j] = str(v)

    if mode == "low":
        for site, j in picks:
            v = _small(rng, model, col, 0 if least == 1 and model.bound(site, j, outer=True) is None else low)
            put(site, j, -v if negative and rng.random() < 0.3 else v)
    elif mode == "pow10":
        for site, j in picks:
            v = _pow10(model, col)
            put(site, j, -v if negative and rng.random() < 0.3 else v)
    elif mode == "max":
        top = max(vals)
        for site, j in picks:
            hi = model.bound(site, j, outer=True)
            put(site, j, hi if hi is not None and hi >= low else top)
    elif mode == "digits":
        if stats is not None and stats.ints and roundish(max(abs(v) for v in stats.ints)):
            return False  # 10 may be a bound: not 100 or 101
        for site, j in picks[:rng.randint(1, 2)]:
            put(site, j, _own_digits(rng, int(site.line.toks[j])))
    elif len(toks) < 2:
        return False
    elif mode == "equal":
        v = rng.choice(vals)
        for site, j in toks:
            put(site, j, v)
    elif mode == "dup":
        (s1, j1), (s2, j2) = rng.sample(toks, 2)
        put(s2, j2, int(s1.line.toks[j1]))
    elif col[1] == -1:  # an array: sorted or reversed
        for (site, j), v in zip(toks, sorted(vals, reverse=mode == "reversed")):
            put(site, j, v)
    else:
        return False
    return True


# -- strings and grids ----------------------------------------------------------------------------
def _full(c: str) -> str:
    return FULL_ALPHABETS.get(char_class(c), c)


def _string_columns(model: Model, doc: Doc) -> dict[tuple, list[tuple[Site, int]]]:
    cols: dict[tuple, list[tuple[Site, int]]] = {}
    for site, j in _string_tokens(model, doc):
        cols.setdefault(site.col(j), []).append((site, j))
    return cols


def edit_string(rng: random.Random, model: Model, doc: Doc, key: tuple, mode: str) -> str | None:
    """`mode` on one string of column `key`: "repeat" (one character of a class everywhere
    that class is: "aaaa", "11:11"), "case" (upper, lower, first letter or random letters
    swapped, where both cases were seen), "alphabet" (letters from the whole alphabet, digits from
    the column's), "length" (shorter or longer); a clock time becomes a boundary time."""
    cands = _string_columns(model, doc).get(key)
    if not cands:
        return None
    site, j = rng.choice(cands)
    tok = site.line.toks[j]
    if TIME_RE.match(tok):
        site.line.toks[j] = new_time(rng, tok, edge=True)
        return "time"
    if mode == "case":  # "cAPS" -> "CAPS", "caps", "Caps", "cApS": letters' case is what such problems are about
        how = rng.choice(("upper", "lower", "first", "random", "random"))
        if how == "upper":
            new = tok.upper()
        elif how == "lower":
            new = tok.lower()
        elif how == "first":
            new = tok[:1].swapcase() + tok[1:]
        else:
            new = "".join(c.swapcase() if rng.random() < 0.5 else c for c in tok)
    elif mode == "repeat":
        c = rng.choice([x for x in tok if char_class(x) in FULL_ALPHABETS] or tok)
        new = "".join(c if char_class(x) == char_class(c) else x for x in tok)
    elif mode == "alphabet":
        k = len(tok) if rng.random() < 0.5 else rng.randint(1, len(tok))
        chars = list(tok)
        col = model.cols.get(key)
        digits = (col.alphabet("d") if col is not None else []) or sorted({x for x in tok if x.isdigit()})
        for i in rng.sample(range(len(tok)), k):
            if chars[i].isdigit():
                chars[i] = rng.choice(digits or [chars[i]])
            elif char_class(chars[i]) in FULL_ALPHABETS:
                chars[i] = rng.choice(_full(chars[i]))
        new = "".join(chars)
    else:
        if not _resizable(site, tok):
            return None
        length = rng.choice((1, 1, 2, 3, len(tok) + 1, 2 * len(tok), 5 * len(tok) + 3,
                             max(LONG_STRING, len(tok))))
        head = tok[0] if _CAPITALIZED.fullmatch(tok) and len(tok) > 1 else ""  # "Codeforces" stays a name
        new = head + resize_string(rng, tok[len(head):], length - len(head), model.cols.get(key))
        if rng.random() < 0.3:
            new = "".join(rng.choice(_full(c)) if not c.isdigit() else c for c in new)
    if tok.isdigit() and tok[0] != "0" and new[0] == "0":
        new = tok[0] + new[1:]
    if new == tok:
        return None
    site.line.toks[j] = new
    return "s-" + mode


def _resizable(site: Site, tok: str) -> bool:
    """A free word of letters (of one case or both: "cAPS") or of digits (not a stated length,
    not "12:21")."""
    classes = {char_class(c) for c in tok}
    return site.role != "str" and (classes <= {"l", "u"} or classes == {"d"})


def edit_grid(rng: random.Random, model: Model, doc: Doc, key: tuple, mode: str) -> str | None:
    """Most or all cells of a character grid set to one of its kinds (all '.', all '#');
    cells that occur once (a start) stay."""
    sites = _grid_rows(doc).get(key)
    if not sites:
        return None
    col = key
    singles = set(model.singles.get(col, ()))
    cells = sorted({c for s in sites for c in s.line.toks[0]} - singles)
    if not cells:
        return None
    c = rng.choice(cells)
    share = 1.0 if rng.random() < 0.5 else rng.choice((0.5, 0.8))
    for s in sites:
        s.line.toks[0] = "".join(c if x not in singles and rng.random() < share else x
                                 for x in s.line.toks[0])
    return "grid-fill"


# -- lines ----------------------------------------------------------------------------------------
def edit_lines(rng: random.Random, model: Model, doc: Doc, key: int, mode: str) -> str | None:
    """One line of a group copied over another ("dup-line"), or over all ("equal-lines")."""
    groups = [g for g in _groups(doc) if g.elems[0][0].head.ckey == key]
    if not groups:
        return None
    group = rng.choice(groups)
    src = rng.choice(group.elems)
    if mode == "dup-line":
        i = rng.randrange(len(group.elems))
        if group.elems[i] is src:
            return None
        group.elems[i] = [u.clone() for u in src]
    else:
        group.elems = [[u.clone() for u in src] for _ in group.elems]
    return mode


# -- the plan -------------------------------------------------------------------------------------
_EDITS = {"int": edit_ints, "str": edit_string, "grid": edit_grid, "lines": edit_lines}


def plan(model: Model) -> list[tuple[str, object, str]]:
    """Every (kind, target, mode) that applies to the public input, repeated by weight."""
    doc = model.doc
    items: list[tuple[str, object, str]] = []
    cols = _int_columns(model, doc)
    for key in sorted(cols):
        stats = model.cols.get(key)
        flag = stats is not None and stats.is_flag
        for mode, weight in INT_MODES.items():
            if (len(cols[key]) >= 2 or mode not in SEQUENCE_MODES) and (not flag or mode in SEQUENCE_MODES) \
                    and not (mode in ("sorted", "reversed") and key[1] != -1):
                items += [("int", key, mode)] * weight
    if len(cols) >= 2:
        items += [("int", None, mode) for mode in INT_MODES if mode not in ONE_COLUMN]
    for key, toks in sorted(_string_columns(model, doc).items()):
        stats = model.cols.get(key)
        both_cases = stats is not None and "l" in stats.chars and "u" in stats.chars and \
            any(not _CAPITALIZED.fullmatch(site.line.toks[j]) for site, j in toks)  # "Codeforces" is a name
        for mode, weight in STRING_MODES.items():
            if mode == "case" and not both_cases:
                continue
            if mode != "length" or any(_resizable(site, site.line.toks[j]) for site, j in toks):
                items += [("str", key, mode)] * weight
    items += [("grid", key, "fill") for key in sorted(_grid_rows(doc)) for _ in range(3)]
    for key in sorted({g.elems[0][0].head.ckey for g in _groups(doc)}):
        for mode, weight in LINE_MODES.items():
            items += [("lines", key, mode)] * weight
    return items


def _next(rng: random.Random, model: Model) -> tuple[str, object, str] | None:
    """The next item of the model's plan, in an order shuffled anew at each pass."""
    if model.edge_plan is None:
        model.edge_plan, model.edge_turn = plan(model), 0
    items = model.edge_plan
    if not items:
        return None
    if model.edge_turn % len(items) == 0:
        rng.shuffle(items)
    model.edge_turn += 1
    return items[(model.edge_turn - 1) % len(items)]


def edge_edit(rng: random.Random, model: Model) -> tuple[Doc, list[str]] | None:
    """A copy of the model's input with boundary edits, repaired (None if it cannot be), and
    the names of the edits made."""
    doc = model.doc.clone()
    done = []
    if rng.random() < SHRINK and shrink(rng, model, doc):
        done.append("small")
    for k in range(2 if rng.random() < SECOND else 1):
        item = _next(rng, model) if k == 0 else rng.choice(model.edge_plan or [None])
        if item is None:
            break
        kind, key, mode = item
        made = _EDITS[kind](rng, model, doc, key, mode)
        if made:
            done.append(made)
    if not done or not model.repair(rng, doc):
        return None
    return doc, done

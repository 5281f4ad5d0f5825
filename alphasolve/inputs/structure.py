"""Infer the layout of a test input: which integers count what follows.

An input is a list of lines of whitespace-separated tokens. A *unit* is a head line plus the
things its integers count, in order: the tokens of a following line (`n` then `a1..an`), the
characters of a following one-word line (`n` then a string of length n), a *group* of
following elements that all have the same layout (`m` then m edge lines; `T` then T test
cases, each itself a unit), or the width of such a group's rows (`n m` then an n x m grid).
Counts may be one more than what they count (`n` nodes then n-1 edges).

Among all readings we take one that explains the input with the fewest top-level units
(ties: fewer `-1` offsets and loose matches), computed bottom-up over lines so that
nothing recurses deeper than the nesting of groups (at most MAX_DEPTH). A line that
fits no such pattern is a unit by itself; that is the token-level fallback.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field, replace

from alphasolve.inputs.tokens import is_plain_int, kind
from alphasolve.inputs.trees import mark_tree

MAX_CANDS = 16     # readings kept per line
MAX_DEPTH = 4      # nesting of groups
HEAD_TOKENS = 8    # longer lines are never heads
HEAD_INTS = 4      # only the first integers of a head may be counts
BUDGET = 200_000   # chain steps for the whole input
DEEP_LINES = 2000  # beyond this many lines, only the first DEEP_HEAD lines may be heads
DEEP_HEAD = 30
DFS_CALLS = 1500   # readings explored per head line
MAX_FOUND = 200    # readings completed per head line
GROUP_READINGS = 4  # readings of one group (same start, count and element size)

_SPLIT = re.compile(r"(\S+)")


@dataclass
class Line:
    toks: list[str]
    seps: list[str]                                   # len(toks) + 1: leading, inner..., trailing
    after: list[str] = field(default_factory=list)    # blank lines that follow, verbatim
    ckey: int = 0                                     # lines in the same role share a key

    def render(self) -> str:
        out = [self.seps[0]]
        for tok, sep in zip(self.toks, self.seps[1:]):
            out += (tok, sep)
        return "".join(out)

    def set_toks(self, toks: list[str]) -> None:
        if len(toks) != len(self.toks):
            inner = self.seps[1] if len(self.seps) > 2 else " "
            self.seps = [self.seps[0]] + [inner] * (len(toks) - 1) + [self.seps[-1]]
        self.toks = toks

    def clone(self) -> "Line":
        return Line(list(self.toks), list(self.seps), list(self.after), self.ckey)


@dataclass(frozen=True)
class Link:
    kind: str       # "tokens" | "strlen" | "lines" | "width" | "inline"
    tok: int        # index of the counting token in the head line
    off: int = 0    # size of the target = value - off
    child: int | None = -1  # index into Unit.children (-1 for "inline": the rest of the head line;
    #                         None for a "width" not yet matched to its group)
    span: int = 1    # "tokens": that many consecutive lines of the same length (a1..an, b1..bn)

    def sig(self) -> tuple:
        """What a layout's signature says of the link (which child it counts is in the layout)."""
        return self.kind, self.tok, self.off, self.span


@dataclass
class Group:
    elems: list[list["Unit"]]
    rows: str = ""      # "tok" / "chr": elements are single lines of equal token / char length
    square: bool = False  # ... and that length is the count too (n x n)
    tree: int = -1      # >= 0: the elements are the edges of a tree, labelled from this base

    def clone(self) -> "Group":
        return Group([[u.clone() for u in e] for e in self.elems], self.rows, self.square, self.tree)


@dataclass
class Unit:
    head: Line
    links: list[Link] = field(default_factory=list)
    children: list = field(default_factory=list)  # Line | Group
    sig: tuple = ()

    def clone(self) -> "Unit":
        kids = [c.clone() for c in self.children]
        return Unit(self.head.clone(), list(self.links), kids, self.sig)  # links are immutable

    def lines(self):
        yield self.head
        for c in self.children:
            if isinstance(c, Line):
                yield c
            else:
                for e in c.elems:
                    for u in e:
                        yield from u.lines()


@dataclass
class Doc:
    lead: list[str]
    units: list[Unit]
    newline: bool
    tail: list[str] = field(default_factory=list)  # blank lines ending an input without "\n"

    def render(self) -> str:
        out = list(self.lead)
        for u in self.units:
            for line in u.lines():
                out.append(line.render())
                out += line.after
        if not self.newline:  # blank lines moved to the end would read as a final newline
            while len(out) > 1 and not out[-1].strip():
                out.pop()
        return "\n".join(out + self.tail) + ("\n" if self.newline else "")

    def clone(self) -> "Doc":
        return Doc(list(self.lead), [u.clone() for u in self.units], self.newline, list(self.tail))


def row_length(line: Line, rows: str) -> int:
    return len(line.toks) if rows == "tok" else len(line.toks[0])


def parse(text: str) -> Doc:
    newline = text.endswith("\n")
    raw = text.split("\n")
    if newline:
        raw.pop()
    lead: list[str] = []
    lines: list[Line] = []
    for r in raw:
        parts = _SPLIT.split(r)
        if len(parts) == 1:
            (lines[-1].after if lines else lead).append(r)
            continue
        lines.append(Line(parts[1::2], parts[0::2], [], len(lines)))
    tail: list[str] = []
    if lines and not newline:
        tail, lines[-1].after = lines[-1].after, []
    units = _Parser(lines).parse()
    for u in units:
        _canon(u)
    return Doc(lead, units, newline, tail)


@dataclass
class _Cand:
    sig: tuple
    start: int
    end: int
    penalty: int = 0
    depth: int = 0
    cost: int = 10   # size of the layout's description: 10 a line; a group costs one element
    nlinks: int = 0
    links: list[Link] = field(default_factory=list)
    children: list = field(default_factory=list)  # ("line", i) | ("group", elems, rows, square)
    offs: int = 0     # counts read as n - 1: the last tie-break ("5 6" then 5 numbers: n, not k - 1)


class _Parser:
    def __init__(self, lines: list[Line]):
        self.lines = lines
        self.n = len(lines)
        self.kinds = [tuple(kind(t) for t in line.toks) for line in lines]
        self.order: list[list[_Cand]] = [[] for _ in range(self.n + 1)]
        self.bysig: list[dict] = [{} for _ in range(self.n + 1)]
        self.budget = BUDGET
        self.deep = self.n if self.n <= DEEP_LINES else DEEP_HEAD
        self._group_memo: dict = {}

    def parse(self) -> list[Unit]:
        n = self.n
        for i in reversed(range(n)):
            self._cands(i)
        best: list = [None] * (n + 1)
        best[n] = (0, 0, 0, 0, None)
        for i in reversed(range(n)):
            opts = [((c.cost + best[c.end][0], c.penalty + best[c.end][1], best[c.end][2] - c.nlinks,
                      best[c.end][3] + c.offs), k) for k, c in enumerate(self.order[i])]
            score, k = min(opts)
            best[i] = (*score, self.order[i][k])
        out, i = [], 0
        while i < n:
            c = best[i][4]
            out.append(self._build(c))
            i = c.end
        return out

    def _add(self, c: _Cand) -> None:
        i = c.start
        if c.sig not in self.bysig[i] and len(self.order[i]) < MAX_CANDS:
            self.bysig[i][c.sig] = c
            self.order[i].append(c)

    def _cands(self, i: int) -> None:
        toks, kinds = self.lines[i].toks, self.kinds[i]
        found: list[_Cand] = []
        if i < self.deep and len(toks) <= HEAD_TOKENS and self.budget > 0:
            js = [j for j, t in enumerate(toks) if kinds[j] == "i" and is_plain_int(t) and int(t) >= 1]
            if js:
                self._calls = 0
                self._dfs(i, js[:HEAD_INTS], 0, i + 1, [], [], 0, 0, found)
        self._add(_Cand(("L", kinds), i, i + 1))  # the free readings first
        if kinds[0] == "w" and len(toks) > 1:
            self._add(_Cand(("Lw",), i, i + 1, penalty=1))
        if kinds[0] == "i" and is_plain_int(toks[0]) and int(toks[0]) == len(toks) - 1 >= 1 \
                and len(set(kinds[1:])) == 1:
            self._add(_Cand(("I", kinds[1]), i, i + 1, penalty=1, nlinks=1, links=[Link("inline", 0, 0, -1, 1)]))
        # then the best reading for each extent (a test case must stay findable next to
        # readings that swallow the rest of the input), then the others; the least suspect
        # first, then the best savings (lines covered minus lines needed to describe them)
        found.sort(key=lambda c: (c.cost, c.penalty, -c.nlinks, c.offs))
        ends: set[int] = set()
        firsts = [c for c in found if c.end not in ends and not ends.add(c.end)]
        chosen = {id(c) for c in firsts}
        rest = [c for c in found if id(c) not in chosen]
        savings = lambda c: (c.penalty, c.cost - 10 * (c.end - c.start), -c.nlinks)  # noqa: E731
        for c in sorted(firsts, key=savings) + sorted(rest, key=savings):
            self._add(c)

    def _dfs(self, i, js, t, pos, links, children, penalty, depth, out) -> None:
        self._calls += 1
        if self._calls > DFS_CALLS or len(out) >= MAX_FOUND:
            return
        if t == len(js):
            if links:
                self._finish(i, pos, links, children, penalty, depth, out)
            return
        j = js[t]
        v = int(self.lines[i].toks[j])
        self._dfs(i, js, t + 1, pos, links, children, penalty, depth, out)
        for off in (0, 1):
            m = v - off
            if m < 1:
                continue
            nxt = t + 1
            if pos < self.n:
                line, kinds = self.lines[pos], self.kinds[pos]
                # short counts after a longer head line are often coincidences: allowed (a
                # test case may need them to look like the others) but never preferred
                weak = 2 if m < 3 and (off or len(self.lines[i].toks) > 1) else 0
                span = 0
                while span < 3 and pos + span < self.n and len(self.lines[pos + span].toks) == m \
                        and len(set(self.kinds[pos + span])) == 1:
                    span += 1
                    self._dfs(i, js, nxt, pos + span, links + [Link("tokens", j, off, len(children), span)],
                              children + [("line", p) for p in range(pos, pos + span)],
                              penalty + weak, depth, out)
                if off == 0 and m >= 2 and len(line.toks) == 1 and kinds[0] != "f" \
                        and len(line.toks[0]) == m:
                    self._dfs(i, js, nxt, pos + 1, links + [Link("strlen", j, 0, len(children), 1)],
                              children + [("line", pos)], penalty, depth, out)
                weak = 2 if m == 1 and len(self.lines[i].toks) > 1 else 0
                for k in (1, 2, 3):
                    for elems, end, rows, square, d in self._groups(pos, m, k):
                        if d + 1 > MAX_DEPTH:
                            continue
                        self._dfs(i, js, nxt, end, links + [Link("lines", j, off, len(children), 1)],
                                  children + [("group", elems, rows, square)],
                                  penalty + off + k - 1 + weak, max(depth, d + 1), out)
            self._dfs(i, js, nxt, pos, links + [Link("width", j, off, None, 1)], children,
                      penalty + off, depth, out)

    def _finish(self, i, pos, links, children, penalty, depth, out) -> None:
        toks = self.lines[i].toks
        links, children = list(links), list(children)
        used = {l.child for l in links if l.kind == "width"}
        for n, link in enumerate(links):
            if link.kind != "width":
                continue
            j = link.tok
            want = int(toks[j]) - link.off
            for c, ch in enumerate(children):
                # "n m" then n rows of m numbers: the width comes after the row count (for a
                # graph, "n m" then m rows of 3 would otherwise read n as a width)
                count_tok = next(l.tok for l in links if l.kind == "lines" and l.child == c) \
                    if ch[0] == "group" else None
                if ch[0] == "group" and ch[2] and c not in used and \
                        (ch[2] == "chr" or j > count_tok) and \
                        row_length(self.lines[ch[1][0][0].start], ch[2]) == want:
                    links[n] = replace(link, child=c, span=1)
                    children[c] = ch[:3] + (False,)  # its own width, not a square
                    used.add(c)
                    break
            else:
                return
        kid_sigs = tuple(("line", self.kinds[ch[1]][0]) if ch[0] == "line"
                         else ("group", tuple(c.sig for c in ch[1][0])) for ch in children)
        sig = ("U", self.kinds[i], tuple(l.sig() for l in links), kid_sigs)
        cost = 10
        for link in links:
            if link.kind == "tokens":
                cost += 10 + 6 * (link.span - 1)  # "n, a1..an, b1..bn": cheaper than free lines
            elif link.kind == "strlen":
                cost += 10
            elif link.kind == "lines":  # one element describes them all; n-1 is a little suspect
                cost += sum(c.cost for c in children[link.child][1][0]) + 7 * link.off
        nlinks = sum(l.span for l in links) + sum(c.nlinks for ch in children if ch[0] == "group" for c in ch[1][0])
        offs = sum(l.off for l in links) + sum(c.offs for ch in children if ch[0] == "group" for c in ch[1][0])
        out.append(_Cand(sig, i, pos, penalty, depth, cost, nlinks, links, children, offs))

    def _groups(self, pos: int, m: int, k: int):
        key = (pos, m, k)
        if key not in self._group_memo:
            self._group_memo[key] = list(itertools.islice(self._find_groups(pos, m, k), GROUP_READINGS))
        return self._group_memo[key]

    def _find_groups(self, pos: int, m: int, k: int):
        if pos + m * k > self.n:
            return
        firsts: list[list[_Cand]] = [[c] for c in self.order[pos][:MAX_CANDS]]
        for _ in range(k - 1):
            firsts = [e + [c] for e in firsts if e[-1].end < self.n
                      for c in self.order[e[-1].end][:4]]
        seen = set()
        for first in firsts:
            sig = tuple(c.sig for c in first)
            if sig in seen:
                continue
            seen.add(sig)
            elems, p = [first], first[-1].end
            while len(elems) < m and self.budget > 0:
                elem = []
                for s in sig:
                    self.budget -= 1
                    c = self.bysig[p].get(s) if p < self.n else None
                    if c is None:
                        break
                    elem.append(c)
                    p = c.end
                if len(elem) < k:
                    break
                elems.append(elem)
            if len(elems) == m:
                rows, square = self._rows(elems, m)
                yield elems, p, rows, square, max(c.depth for c in first)

    def _rows(self, elems, m: int) -> tuple[str, bool]:
        if len(elems[0]) != 1 or elems[0][0].sig[0] != "L":
            return "", False
        lines = [self.lines[e[0].start] for e in elems]
        if len(lines[0].toks) > 1:
            rows = "tok"
        else:
            toks = [line.toks[0] for line in lines]
            if len({len(t) for t in toks}) != 1 or self.kinds[elems[0][0].start] == ("f",):
                return "", False
            digits = all(t.isdigit() for t in toks)
            if len(toks[0]) < 2 and digits:
                return "", False
            if digits and not (any(t[0] == "0" for t in toks) or all(set(t) <= {"0", "1"} for t in toks)
                               or len(toks[0]) == m):
                return "", False
            rows = "chr"
        width = row_length(lines[0], rows)
        square = width == m and (m >= 2 if rows == "chr" else m >= 3)
        return rows, square

    def _build(self, c: _Cand) -> Unit:
        children = []
        for ch in c.children:
            if ch[0] == "line":
                children.append(self.lines[ch[1]])
            else:
                elems = [[self._build(x) for x in e] for e in ch[1]]
                children.append(Group(elems, ch[2], ch[3]))
        links = list(c.links)
        unit = Unit(self.lines[c.start], links, children, c.sig)
        for link in links:
            if link.kind == "lines" and link.off == 1:
                mark_tree(unit.children[link.child], int(unit.head.toks[link.tok]))
        return unit


def align(src: Unit, dst: Unit) -> None:
    """Give `dst` (same layout as `src`) the column keys of `src`."""
    dst.head.ckey = src.head.ckey
    for a, b in zip(src.children, dst.children):
        if isinstance(a, Line) and isinstance(b, Line):
            b.ckey = a.ckey
        elif isinstance(a, Group) and isinstance(b, Group) and a.elems:
            for elem in b.elems:
                for x, y in zip(a.elems[0], elem):
                    align(x, y)


def _canon(unit: Unit) -> None:
    for child in unit.children:
        if isinstance(child, Group) and child.elems:
            for u in child.elems[0]:
                _canon(u)
            for elem in child.elems[1:]:
                for x, y in zip(child.elems[0], elem):
                    align(x, y)

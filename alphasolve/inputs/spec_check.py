"""Reading an input by a spec's layout, and checking it against the spec (pure, no I/O).

    reading = read_input(spec, text)       # every token bound to a variable, or None
    reasons = check_input(spec, text)      # [] = valid as far as the spec knows

Soundness first: a reason is only given for what the spec states and the input plainly breaks.
An expression the evaluator cannot compute (a bound "min(n, m)", a count over an unknown name)
is skipped, never a failure, and a spec without a layout checks nothing (`check_input` -> []),
because a valid input rejected by a wrong check costs more than a bad input let through.

Lines: tokens are whitespace-separated; trailing whitespace, blank lines and a missing final
newline are tolerated (judges' readers skip them), but the tokens of one layout line must be on
one input line: Codeforces and Code Jam validators enforce the line layout of their statements.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from alphasolve.inputs.spec import Block, Bound, Item, Line, Spec, Variable, layout_items
from alphasolve.inputs.spec_claims import relation_holds
from alphasolve.inputs.spec_eval import Unevaluable, evaluate
from alphasolve.inputs.spec_pins import PIN_KINDS, check_pins
from alphasolve.inputs.spec_wordline import check_line

Path = tuple[int, ...]
_INT = re.compile(r"[+-]?\d+")
_REAL = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")


@dataclass
class Token:
    line: int          # 1-based line of the input
    index: int         # 0-based token index in its line
    name: str          # the layout's variable ("_..." for unnamed tokens)
    path: Path         # indices of the repeated blocks around it (test case, row, ...)
    text: str
    position: int = 0  # 0-based index of the token within its item (a[position])
    scalar: bool = True


@dataclass
class Reading:
    tokens: list[Token] = field(default_factory=list)
    #: how many words each line of words holds, as tokens of its count variable (`Item.words`)
    counted: list[Token] = field(default_factory=list)
    #: scalars read in each scope (a scope is the path of the blocks around it)
    scopes: dict[Path, dict[str, int | float | str]] = field(default_factory=dict)

    def lookup(self, name: str, path: Path) -> int | float | str | None:
        """The value of `name` seen from `path`: its own scope, then the enclosing ones."""
        for k in range(len(path), -1, -1):
            value = self.scopes.get(path[:k], {}).get(name)
            if value is not None:
                return value
        return None


class _Mismatch(Exception):
    """The input does not fit the layout (a reason for check_input)."""


class _GiveUp(Exception):
    """The layout cannot be followed (a count that cannot be evaluated): nothing is known."""


def token_value(text: str) -> int | float | str:
    """A token as a number where it is one."""
    if len(text) > 400:       # Python refuses int() of 10^5 digits; no bound is that large
        return (float("-inf") if text.startswith("-") else float("inf")) \
            if _INT.fullmatch(text) else text
    if _INT.fullmatch(text):
        return int(text)
    if _REAL.fullmatch(text):
        return float(text)
    return text


class _Reader:
    def __init__(self, text: str):
        self.lines = [(n + 1, line.split()) for n, line in enumerate(text.split("\n"))]
        self.lines = [(n, toks) for n, toks in self.lines if toks]
        self.at = 0
        self.reading = Reading()

    def eval(self, expr: str, path: Path) -> int:
        try:
            value = evaluate(expr, lambda name: self.reading.lookup(name, path))
        except Unevaluable as err:
            raise _GiveUp(str(err)) from None
        if value != int(value):
            raise _GiveUp(f"{expr} = {value}")
        return int(value)

    def nodes(self, nodes: list[Line | Block], path: Path) -> None:
        for node in nodes:
            if isinstance(node, Line):
                self.line(node, path)
                continue
            repeat = self.eval(node.repeat, path)
            if repeat < 0 or repeat > len(self.lines) - self.at + (0 if _has_line(node) else 10**6):
                raise _Mismatch(f"{node.repeat} = {repeat} repeats of lines, but "
                                f"{len(self.lines) - self.at} lines are left")
            for i in range(repeat):
                self.nodes(node.body, path + (i,))

    def line(self, line: Line, path: Path) -> None:
        if all(item.count is not None for item in line.items) and \
                all(self._count(item.count, path) == 0 for item in line.items):
            return          # "m integers" with m = 0: an empty line, dropped with the blank ones
        if self.at >= len(self.lines):
            where = self.lines[-1][0] + 1 if self.lines else 1
            raise _Mismatch(f"line {where}: missing, the layout expects more lines")
        number, toks = self.lines[self.at]
        self.at += 1
        counts: list[int | None] = []
        for item in line.items:
            counts.append(None if item.words else 1 if item.count is None else self._count(item.count, path))
        known = sum(c for c in counts if c is not None)
        if counts.count(None) > 1:
            raise _GiveUp("two counts unknown on one line")
        if None in counts:
            if len(toks) < known:
                raise _Mismatch(f"line {number}: {len(toks)} tokens, the layout says at least "
                                f"{known}")
            counts[counts.index(None)] = len(toks) - known
        elif len(toks) != known:
            raise _Mismatch(f"line {number}: {len(toks)} tokens, the layout says "
                            f"{_explain(line.items, counts)}")
        k = 0
        scope = self.reading.scopes.setdefault(path, {})
        for item, count in zip(line.items, counts):
            if item.words:          # a line of words: its count is read like a value
                reason = check_line(item, toks[k:k + (count or 0)], number)
                if reason:
                    raise _Mismatch(reason)
                self.reading.counted.append(Token(number, k, item.words, path, str(count)))
                scope[item.words] = count or 0
            for j in range(count or 0):
                self.reading.tokens.append(Token(number, k, item.name, path, toks[k], j,
                                                 item.count is None and not item.words))
                k += 1
            if item.count is None and not item.words and not item.name.startswith("_"):
                scope[item.name] = token_value(toks[k - 1])

    def _count(self, expr: str, path: Path) -> int | None:
        try:
            value = evaluate(expr, lambda name: self.reading.lookup(name, path))
        except Unevaluable:
            return None
        if value != int(value) or value < 0:
            raise _Mismatch(f"a count {expr} = {value}")
        return int(value)


def _has_line(block: Block) -> bool:
    """Whether each repeat of `block` takes at least one input line (a line with a single
    token does; a line of 'k integers' may be empty and dropped)."""
    return any(any(i.count is None for i in n.items) if isinstance(n, Line) else False
               for n in block.body)


def _explain(items: list[Item], counts: list[int | None]) -> str:
    parts = [f"{item.count} = {c}" if item.count else item.name
             for item, c in zip(items, counts)]
    return f"{sum(c or 0 for c in counts)} ({', '.join(parts)})"


def _read(spec: Spec, text: str) -> tuple[Reading | None, str | None]:
    if spec.layout is None:
        return None, None
    reader = _Reader(text)
    try:
        reader.nodes(spec.layout, ())
    except _GiveUp:
        return None, None
    except _Mismatch as err:
        return None, str(err)
    if reader.at < len(reader.lines):
        number = reader.lines[reader.at][0]
        return None, f"line {number}: {len(reader.lines) - reader.at} more lines than the layout"
    return reader.reading, None


def read_input(spec: Spec, text: str) -> Reading | None:
    """Every token of `text` bound to a layout variable (with its line, index and block path),
    and the scalars of each scope; None when the input does not fit the layout or the layout
    cannot be followed."""
    return _read(spec, text)[0]


def check_input(spec: Spec, text: str) -> list[str]:
    """One readable reason per constraint of `spec` that `text` breaks; [] when none (also
    when the spec has no layout: without one no token can be tied to a variable)."""
    reading, reason = _read(spec, text)
    if reason:
        return [reason]
    if reading is None:
        return []
    return _check(spec, reading)


def bound_at(bound: Bound | None, reading: Reading, path: Path) -> int | float | None:
    """A bound's value where the token was read; None when unknown or not computable."""
    if bound is None:
        return None
    if bound.value is not None:
        return bound.value
    try:
        return evaluate(bound.expr or "", lambda name: reading.lookup(name, path))
    except (Unevaluable, OverflowError, ZeroDivisionError):
        return None


class _Reasons:
    """At most one reason per broken constraint, with how many tokens break it."""

    def __init__(self) -> None:
        self.first: dict[tuple, str] = {}
        self.count: dict[tuple, int] = {}

    def add(self, key: tuple, reason: str) -> None:
        self.first.setdefault(key, reason)
        self.count[key] = self.count.get(key, 0) + 1

    def list(self) -> list[str]:
        return [r + (f" (and {self.count[k] - 1} more)" if self.count[k] > 1 else "")
                for k, r in self.first.items()]


def token_label(tok: Token) -> str:
    return tok.name if tok.scalar else f"{tok.name}[{tok.position + 1}]"


def _check_token(var: Variable, tok: Token, item_length: int | None, reading: Reading,
                 out: _Reasons) -> None:
    where = f"(line {tok.line})"
    value = token_value(tok.text)
    if var.type == "int" and not _INT.fullmatch(tok.text):
        out.add((var.name, "type"), f"{token_label(tok)} = {tok.text} is not an integer {where}")
        return
    if var.type == "real" and isinstance(value, str):
        out.add((var.name, "type"), f"{token_label(tok)} = {tok.text} is not a number {where}")
        return
    if var.type in ("int", "real", "unknown") and not isinstance(value, str):
        low, high = bound_at(var.low, reading, tok.path), bound_at(var.high, reading, tok.path)
        strict_low = var.type == "real" and var.low is not None and var.low.strict
        strict_high = var.type == "real" and var.high is not None and var.high.strict
        if low is not None and (value < low or (strict_low and value == low)):
            out.add((var.name, "low"), f"{token_label(tok)} = {tok.text} {'<' if value < low else '='}"
                    f" {var.low} {where}")
        if high is not None and (value > high or (strict_high and value == high)):
            out.add((var.name, "high"), f"{token_label(tok)} = {tok.text} "
                    f"{'>' if value > high else '='} {var.high} {where}")
    if var.type == "string":
        low = bound_at(var.length_low, reading, tok.path)
        high = bound_at(var.length_high, reading, tok.path)
        if low is not None and len(tok.text) < low:
            out.add((var.name, "length_low"), f"|{token_label(tok)}| = {len(tok.text)} < "
                    f"{var.length_low} {where}")
        if high is not None and len(tok.text) > high:
            out.add((var.name, "length_high"), f"|{token_label(tok)}| = {len(tok.text)} > "
                    f"{var.length_high} {where}")
        if var.alphabet:
            bad = sorted(set(tok.text) - set(var.alphabet))
            if bad:
                out.add((var.name, "alphabet"), f"{token_label(tok)} has {''.join(bad)!r}, not in "
                        f"{var.alphabet!r} {where}")


def _items(layout: list[Line | Block]) -> dict[str, Item]:
    """Each name's first item."""
    found: dict[str, Item] = {}
    for item in layout_items(layout):
        found.setdefault(item.name, item)
    return found


def token_groups(reading: Reading, name: str) -> dict[Path, list[Token]]:
    """The values of `name` that form one sequence: an array's tokens on its line, or the
    single tokens of one repeated line across the block (u_i of 'the next m lines')."""
    groups: dict[Path, list[Token]] = {}
    for tok in reading.tokens:
        if tok.name == name:
            key = tok.path if not tok.scalar or not tok.path else tok.path[:-1]
            groups.setdefault(key, []).append(tok)
    return groups


def _check_relation(claim, reading: Reading, out: _Reasons) -> None:
    """A relation ("a + b = n") on every line that holds all its values, one each."""
    lines: dict[int, dict[str, list]] = {}
    for tok in reading.tokens:
        if tok.name in claim.subject:
            lines.setdefault(tok.line, {}).setdefault(tok.name, []).append(token_value(tok.text))
    for line, values in lines.items():
        if len(values) == len(claim.subject) and all(len(v) == 1 for v in values.values()) \
                and relation_holds(claim.expr or "", {k: v[0] for k, v in values.items()}) is False:
            out.add(("relation", claim.expr), f"not {claim.expr} (line {line})")


def _check_claim(kind: str, subject: list[str], reading: Reading, out: _Reasons) -> None:
    if kind in ("distinct", "permutation", "sorted", "sorted_strict") and len(subject) == 1:
        for toks in token_groups(reading, subject[0]).values():
            values = [token_value(t.text) for t in toks]
            where = f"(line {toks[0].line})" if toks else ""
            if kind == "distinct" and len(set(values)) != len(values):
                out.add((kind, subject[0]), f"{subject[0]} has equal values {where}")
            elif kind == "permutation" and sorted(map(str, values)) != sorted(
                    str(i + 1) for i in range(len(values))):
                out.add((kind, subject[0]), f"{subject[0]} is not a permutation {where}")
            elif kind in ("sorted", "sorted_strict") and len({type(v) for v in values}) == 1:
                pairs = list(zip(values, values[1:]))
                if any(a > b or (kind == "sorted_strict" and a == b) for a, b in pairs):
                    out.add((kind, subject[0]), f"{subject[0]} is not "
                            f"{'strictly ' if kind == 'sorted_strict' else ''}sorted {where}")
        return
    if len(subject) != 2:
        return
    us, vs = token_groups(reading, subject[0]), token_groups(reading, subject[1])
    for key, utoks in us.items():
        vtoks = vs.get(key, [])
        if len(vtoks) != len(utoks):
            continue
        edges = [(token_value(u.text), token_value(v.text)) for u, v in zip(utoks, vtoks)]
        where = f"(line {utoks[0].line})" if utoks else ""
        if kind == "no_self_loops" and any(u == v for u, v in edges):
            out.add((kind,), f"a self-loop {subject[0]} = {subject[1]} {where}")
        elif kind == "no_multi_edges" and len(set(edges)) != len(edges):
            out.add((kind,), f"a repeated edge {where}")
        elif kind == "distinct_rows" and len(set(edges)) != len(edges):
            out.add((kind,), f"a repeated pair {subject[0]}, {subject[1]} {where}")
        elif kind in ("tree", "connected"):
            reason = _graph(edges, kind == "tree")
            if reason:
                out.add((kind,), f"{reason} {where}")


def _graph(edges: list[tuple], tree: bool) -> str | None:
    """For a tree: m edges over the vertices base..base+m (base 0 or 1), without a cycle; for a
    connected graph: every vertex seen reached (vertices never named cannot be seen)."""
    if not edges or not all(isinstance(x, int) for e in edges for x in e):
        return None
    parent: dict[int, int] = {}

    def find(x: int) -> int:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    labels = {x for e in edges for x in e}
    if tree:
        base = 0 if min(labels) == 0 else 1
        if min(labels) < base or max(labels) > base + len(edges):
            return f"not a tree: vertices outside {base}..{base + len(edges)}"
    for u, v in edges:
        ru, rv = find(u), find(v)
        if ru == rv and tree:
            return "not a tree: a cycle"
        parent[ru] = rv
    if len({find(x) for x in labels}) > 1:
        return "not connected"
    return None


def _check(spec: Spec, reading: Reading) -> list[str]:
    out = _Reasons()
    items = _items(spec.layout or [])
    for tok in reading.tokens + reading.counted:
        var = spec.var(tok.name)
        item = items.get(tok.name)
        if item is not None and item.length is not None:
            length = bound_at(Bound(expr=item.length), reading, tok.path)
            if length is not None and len(tok.text) != length:
                out.add((tok.name, "length"), f"|{token_label(tok)}| = {len(tok.text)}, the layout "
                        f"says {item.length} = {length} (line {tok.line})")
        if var is not None:
            _check_token(var, tok, None, reading, out)
    for claim in spec.claims:
        if claim.kind == "relation":
            _check_relation(claim, reading, out)
        elif claim.kind in PIN_KINDS:
            check_pins(spec, claim, reading, out)
        else:
            _check_claim(claim.kind, claim.subject, reading, out)
    for total in spec.sums:
        high = bound_at(total.high, reading, ())
        name = total.name.strip("|")
        values = [len(t.text) if total.name.startswith("|") else token_value(t.text)
                  for t in reading.tokens if t.name == name]
        if high is not None and values and all(isinstance(v, (int, float)) for v in values) \
                and sum(values) > high:
            out.add(("sum", total.name), f"sum of {total.name} over test cases {sum(values)} > "
                    f"{total.high}")
    return out.list()

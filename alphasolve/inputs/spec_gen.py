"""Inputs drawn from an input spec: they reach the statement's bounds without crossing them.

    spec_inputs(spec, count=12, seed=0, max_bytes=1_000_000) -> [GeneratedInput(text, "spec:max"), ...]

Mutants of the public example only know what the example shows; the statement knows more:
`n <= 2*10^5` is where quadratic programs time out, `|a_i| <= 10^9` where 32-bit sums overflow,
`n >= 1` where empty loops break. Each input walks the spec's layout and draws every value in
its stated range, in one of several *modes*:

- ``max``: counts and values at their maxima (sizes capped to `max_bytes`);
- ``min``: counts and values at their minima;
- ``extreme``: counts at their maxima, values drawn from {min, min+1, max-1, max};
- ``maxrand``: counts at their maxima, values uniform in range;
- ``small``: small counts or counts of uniform magnitude, values of uniform magnitude (as many of
  2 digits as of 9), near zero or at the ends (random testing's classic catch);
- ``tiny``: small counts, values of small magnitude (-2..2 where allowed: zero, equal values,
  degenerate geometry);
- ``equal``: maximal counts, every value of a sequence the same;
- ``multi``: the most test cases the sums allow, each small (multi-test problems).

A spec that does not give both bounds of every value on its layout (or a length and alphabet of
every string) makes no inputs: nothing is guessed. Claims are honoured (distinct, permutation,
sorted, tree, no self-loops or multiple edges, connected); a claim or constraint the parser did
not read may still be broken, which is why generated inputs also pass `check_input` and the
survivors' behaviour rule (`cluster.valid_input_indices`).

Pure: deterministic for the same arguments (a private `random.Random`).
"""

from __future__ import annotations

import random
from typing import Sequence

from alphasolve.inputs.mutate import GeneratedInput, input_key
from alphasolve.inputs.spec import Block, Bound, Line, Spec, Variable
from alphasolve.inputs.spec_check import check_input
from alphasolve.inputs.spec_eval import Unevaluable, evaluate, expression_names
from alphasolve.inputs.spec_problem import fill_from_examples
from alphasolve.inputs.spec_gengraph import distinct_rows, edge_block, edge_lines, row_lines
from alphasolve.inputs.spec_genpins import repair, repairs
from alphasolve.inputs.spec_genvalues import log_uniform, near_zero
from alphasolve.inputs.spec_pins import PIN_KINDS
from alphasolve.inputs.spec_wordline import draw_words

#: the modes in the order inputs are drawn (maximal sizes are costly: every slow program times
#: out on each; small random ones catch most logic bugs)
MODES = ("max", "small", "tiny", "extreme", "multi", "small", "min", "tiny", "maxrand", "small", "equal", "tiny")
#: modes whose counts are small (the others take counts at their maxima, but for "min")
FEW = ("small", "tiny")
#: changes whenever the same spec gives other inputs: part of the inputs stage's key
GENERATOR_VERSION = 5
SMALL = 6            # "small": counts at most this
MAX_TRIES = 6        # per input: attempts (each with smaller sizes) to fit max_bytes and pass the check
CHECK_BYTES = 100_000
MAX_NODES = 1_000_000  # a tree or connected graph is drawn over at most this many node labels
REAL_DIGITS = 2


class _Unbounded(Exception):
    """A value the spec does not bound on both sides: no input from this spec."""


class _TooBig(Exception):
    """The input being drawn will exceed the byte limit: draw again with smaller sizes."""


def generatable(spec: Spec) -> bool:
    """Whether every value on the layout has what drawing it needs (both bounds, lengths, alphabet)."""
    if not spec.layout:
        return False
    try:
        _Drawer(spec, random.Random(0), "min", 10**9).walk(spec.layout, {}, dry=True)
    except _Unbounded:
        return False
    return True


def spec_inputs(spec: Spec, count: int, seed: int, max_bytes: int = 1_000_000,
                exclude: Sequence[str] = (), examples: Sequence[str] = ()) -> list[GeneratedInput]:
    """Up to `count` distinct inputs drawn from `spec`, cycling through MODES (`max` first);
    [] when the spec cannot make any (see `generatable`). Each passes `check_input(spec, ...)`.

    `examples` (the public inputs, which satisfy `spec`) fill in what the statement leaves
    unsaid (`fill_from_examples`); the spec itself decides validity."""
    if count <= 0 or not spec.layout:
        return []
    spec = fill_from_examples(spec, examples) if examples else spec  # (spec_problem)
    if not generatable(spec):
        return []
    rng = random.Random(f"spec:{seed}")
    seen = {input_key(t) for t in exclude}
    modes = [m for m in MODES if m != "multi" or spec.testcases]  # (cycled)
    mend = repairs(spec)    # (once: whether drawn inputs are read again to keep spec_pins' claims)
    out: list[GeneratedInput] = []
    for attempt in range(count * 3):
        if len(out) >= count:
            break
        mode = modes[attempt % len(modes)]
        text = _draw(spec, rng, mode, max_bytes, mend)
        if text is None or input_key(text) in seen:
            continue
        seen.add(input_key(text))
        out.append(GeneratedInput(text, f"spec:{mode}"))
    return out


def _draw(spec: Spec, rng: random.Random, mode: str, max_bytes: int, mend: bool = False) -> str | None:
    """One input of `mode`, its sizes shrunk until it fits `max_bytes`; None if none fits.

    Drawing is by construction within the spec; `check_input` double-checks inputs of up to
    CHECK_BYTES (larger ones are built the same way, and checking them costs more than drawing)."""
    cap = 10**9
    for _ in range(MAX_TRIES):
        drawer = _Drawer(spec, rng, mode, cap, max_bytes)
        try:
            lines = drawer.walk(spec.layout or [], {})
        except (_Unbounded, ValueError, OverflowError, ZeroDivisionError):
            return None  # (ValueError etc.: a range the spec's numbers make empty or absurd)
        except _TooBig:
            cap = max(1, int(drawer.largest * max_bytes / drawer.bytes * 0.8))
            continue
        text = "".join(" ".join(toks) + "\n" for toks in lines)
        if mend:      # pinned elements, "not all zero", a distinct column, a string's ends (`repairs`)
            text = repair(spec, text, rng)
        size = len(text.encode())
        if size > max_bytes:
            cap = max(1, int(drawer.largest * max_bytes / size * 0.8))
            continue
        if size > CHECK_BYTES or not check_input(spec, text):
            return text
        cap = max(1, drawer.largest // 4)  # an unread relation between sizes: try smaller
    return None


class _Drawer:
    def __init__(self, spec: Spec, rng: random.Random, mode: str, cap: int, max_bytes: int = 10**12):
        self.spec, self.rng, self.mode, self.cap = spec, rng, mode, cap
        self.max_bytes, self.bytes = max_bytes, 0  # the limit, and (an estimate of) the bytes drawn so far
        self.counts = _count_names(spec.layout or [])
        self.claims = {n: c.kind for c in spec.claims for n in c.subject if c.kind not in PIN_KINDS}
        self.edges = {tuple(c.subject[:2]) for c in spec.claims
                      if c.kind in ("tree", "connected", "no_self_loops", "no_multi_edges", "max_degree")
                      and len(c.subject) >= 2}
        self.largest = 1
        self.sum_left = {s.name: None for s in spec.sums}
        self.case, self.cases = 0, 1   # the test case being drawn, of how many

    # -- layout -------------------------------------------------------------------------------
    def walk(self, nodes: list, env: dict, dry: bool = False) -> list[list[str]]:
        lines: list[list[str]] = []
        for node in nodes:
            if isinstance(node, Line):
                lines.append(self.line(node, env, dry))
            else:
                lines += self.block(node, env, dry)
        return lines

    def block(self, node: Block, env: dict, dry: bool) -> list[list[str]]:
        times = 1 if dry else self.evaluate(node.repeat, env)
        edge = edge_block(self, node)
        if edge is not None and not dry:
            return edge_lines(self, node, edge, times, env)
        if not dry:
            self.bytes += times  # a newline each, at least
            if self.bytes > self.max_bytes:
                self.largest = max(self.largest, times)
                raise _TooBig
        rows = None if dry else distinct_rows(self, node)
        if rows is not None:
            return row_lines(self, node, rows, times, env)
        lines = []
        cases = not dry and node.repeat.strip() == self.spec.testcases
        for k in range(times):
            if cases:
                self.case, self.cases = k, times
            lines += self.walk(node.body, dict(env), dry)
        return lines

    def line(self, node: Line, env: dict, dry: bool) -> list[str]:
        """The line's tokens; its items are drawn in an order where each one's bounds are known
        ("l r" with l <= r: r first), and written in the layout's."""
        drawn: dict[int, list[str]] = {}
        for k in self._order(node):
            item = node.items[k]
            var = self.spec.var(item.name) or Variable(item.name)
            if item.words:
                drawn[k] = draw_words(self, item, var, env, dry)     # (spec_wordline)
            elif item.count is None:
                value = self.scalar(var, env, dry, item.length)
                if not dry and var.type in ("int", "real"):
                    env[item.name] = int(value) if var.type == "int" else float(value)
                drawn[k] = [str(value)]
            else:
                size = 1 if dry else self.evaluate(item.count, env)
                drawn[k] = self.sequence(var, size, env, dry)
        return [tok for k in range(len(node.items)) for tok in drawn[k]]

    def _order(self, node: Line) -> list[int]:
        """Indices of the line's items, each after the items of this line its bounds name."""
        on_line = {item.name: k for k, item in enumerate(node.items)}
        needs = {}
        for k, item in enumerate(node.items):
            var = self.spec.var(item.name)
            exprs = [b.expr for b in (var.low, var.high, var.length_low, var.length_high) if b and b.expr] \
                if var else []
            needs[k] = {on_line[n] for e in exprs for n in expression_names(e) if n in on_line and on_line[n] != k}
        order: list[int] = []
        while len(order) < len(node.items):
            ready = [k for k in range(len(node.items)) if k not in order and needs[k] <= set(order)]
            order.append(ready[0] if ready else next(k for k in range(len(node.items)) if k not in order))
        return order

    # -- values -------------------------------------------------------------------------------
    def bounds(self, low: Bound | None, high: Bound | None, env: dict, dry: bool) -> tuple[float, float]:
        if low is None or high is None or not low.known() or not high.known():
            raise _Unbounded
        if dry:
            return 0, 0
        lo, hi = self.side(low, env, "low"), self.side(high, env, "high")
        if lo > hi:
            raise _Unbounded
        return lo, hi

    def side(self, b: Bound, env: dict, which: str = "", seen: tuple = ()) -> float:
        """A bound's value where the input is read. A bound that is a value not drawn yet (the
        first of "a ≤ b" on one line, each bounding the other) takes that value's own bound on
        the same side: a ≤ b ≤ 10^9 gives a ≤ 10^9, and b is then drawn from [a, 10^9]."""
        if b.value is not None:
            return b.value
        name = (b.expr or "").strip()
        var = self.spec.var(name) if which and name not in env and name not in seen else None
        outer = var and (var.low if which == "low" else var.high)
        if outer and outer.known():
            return self.side(outer, env, which, seen + (name,))
        return self.evaluate(b.expr or "", env, clamp=False)

    def scalar(self, var: Variable, env: dict, dry: bool, length: str | None = None) -> str:
        if var.type == "string":
            return self.text(var, env, dry, length)
        if var.type not in ("int", "real"):
            raise _Unbounded
        lo, hi = self.bounds(var.low, var.high, env, dry)
        if dry:
            return "0"
        if var.type == "real":
            return self.real(lo, hi)
        lo, hi = int(lo), int(hi)
        if var.name in self.counts:
            return str(self.count(var.name, lo, hi, env))
        return str(self.integer(lo, hi))

    def count(self, name: str, lo: int, hi: int, env: dict) -> int:
        """A count: its mode's size, capped (bytes) and within what sums over test cases leave."""
        if name == self.spec.testcases:
            few = self.rng.randint(lo, max(lo, min(hi, SMALL)))
            want = {"multi": hi, "min": lo, "max": lo}.get(self.mode, few)
        elif self.mode in FEW:
            want = self.few(lo, hi)
        else:
            want = lo if self.mode == "min" else hi
        want = max(lo, min(want, max(lo, self.cap)))
        left = self.sum_left.get(name, "absent")
        if left != "absent":
            if left is None:
                high = next(s.high for s in self.spec.sums if s.name == name)
                left = int(self.side(high, env))
            # leave every later test case at least its minimum; "multi" spreads the sum evenly
            later = self.cases - self.case - 1
            share = left - later * lo if self.mode != "multi" else left // (later + 1)
            want = max(lo, min(want, share))
            self.sum_left[name] = left - want
        self.largest = max(self.largest, want)
        return want

    def few(self, lo: int, hi: int) -> int:
        """A size of the small modes: at most SMALL; in the small mode, one time in two, of a
        uniform number of digits up to the largest allowed (a bug below n = 100 needs n = 40)."""
        if self.mode == "small" and self.rng.random() < 0.5:
            return log_uniform(self.rng, lo, hi)
        return self.rng.randint(lo, max(lo, min(hi, SMALL)))

    def integer(self, lo: int, hi: int) -> int:
        if self.mode in ("max",):
            return hi
        if self.mode == "min":
            return lo
        if self.mode == "extreme":
            return self.rng.choice([lo, min(hi, lo + 1), max(lo, hi - 1), hi])
        if self.mode == "tiny" or (self.mode == "small" and self.rng.random() < 0.5):
            return near_zero(self.rng, lo, hi) if self.mode == "tiny" or self.rng.random() < 0.5 \
                else self.rng.choice([lo, min(hi, lo + 1), max(lo, hi - 1), hi])
        return log_uniform(self.rng, lo, hi) if self.mode == "small" else self.rng.randint(lo, hi)

    def real(self, lo: float, hi: float) -> str:
        v = {"max": hi, "min": lo}.get(self.mode, self.rng.uniform(lo, hi))
        return f"{v:.{REAL_DIGITS}f}"

    def text(self, var: Variable, env: dict, dry: bool, length: str | None = None) -> str:
        """A string: its exact `length` (an expression), else a length its bounds allow."""
        if not var.alphabet:
            raise _Unbounded
        if length is not None:
            if dry:
                return "a"
            size = self.evaluate(length, env)
        else:
            lo, hi = self.bounds(var.length_low, var.length_high, env, dry)
            if dry:
                return "a"
            lo, hi = int(lo), int(hi)
            size = lo if self.mode == "min" else self.few(lo, hi) if self.mode in FEW else hi
            size = max(lo, min(size, max(lo, self.cap)))
        self.largest = max(self.largest, size)
        alphabet = var.alphabet
        if self.mode == "equal" or (self.mode == "max" and self.rng.random() < 0.5):
            return self.rng.choice(alphabet) * size
        return "".join(self.rng.choice(alphabet) for _ in range(size))

    def sequence(self, var: Variable, size: int, env: dict, dry: bool) -> list[str]:
        claim = self.claims.get(var.name)
        if var.type != "int" or dry:
            values = [self.scalar(var, env, dry) for _ in range(size if not dry else 1)]
            self.bytes += sum(len(v) + 1 for v in values)
            if self.bytes > self.max_bytes:
                raise _TooBig
            return values
        lo, hi = (int(x) for x in self.bounds(var.low, var.high, env, dry))
        self.bytes += size * (max(len(str(lo)), len(str(hi))) + 1)
        if self.bytes > self.max_bytes:
            raise _TooBig
        if claim == "permutation":
            values = list(range(1, size + 1))
            self.rng.shuffle(values)
            return [str(v) for v in values]
        if claim in ("distinct", "sorted_strict"):
            if hi - lo + 1 < size:
                raise _Unbounded
            values = self._distinct(lo, hi, size)
        elif self.mode == "equal":
            v = self.integer(lo, hi) if self.rng.random() < 0.5 else hi
            values = [v] * size
        elif self.mode in ("max", "min"):
            values = [self.integer(lo, hi)] * size
        else:
            values = [self.integer(lo, hi) for _ in range(size)]
        if claim in ("sorted", "sorted_strict"):
            values.sort()
        return [str(v) for v in values]

    def _distinct(self, lo: int, hi: int, size: int) -> list[int]:
        if self.mode == "max":
            return list(range(hi - size + 1, hi + 1))[::-1]
        if self.mode == "min":
            return list(range(lo, lo + size))
        return self.rng.sample(range(lo, hi + 1), size)

    def evaluate(self, expr: str, env: dict, clamp: bool = True) -> int | float:
        """An expression over the values drawn so far; a size (`clamp`) is a whole number >= 0."""
        try:
            v = evaluate(expr, env.get)
        except (Unevaluable, ZeroDivisionError, OverflowError):
            raise _Unbounded from None
        return max(0, int(v)) if clamp else v


def _count_names(nodes: list) -> set[str]:
    """Names used as sizes: of sequences, of repeated blocks."""
    out: set[str] = set()
    for node in nodes:
        exprs = [node.repeat] if isinstance(node, Block) else [i.count for i in node.items if i.count]
        for e in exprs:
            out |= set(expression_names(e))
        if isinstance(node, Block):
            out |= _count_names(node.body)
    return out


"""Drawn inputs mended to keep the guarantees `spec_gen` does not draw by construction (pure):
a pinned element ("a_1 = 0") is set, an array with no positive (non-zero) value where one is
guaranteed gets one, a column of rows that must be distinct ("All laptops have different
prices") has its repeats redrawn, a string's first and last characters are made allowed ones
("All paths start with '/'", "without leading zeroes"). `spec_gen._draw` calls `repair` on each
drawn input before checking it; what repairing cannot mend is still caught by that check."""

from __future__ import annotations

import random

from alphasolve.inputs.spec import Spec, layout_items
from alphasolve.inputs.spec_pins import PIN_KINDS, has_some, parse_pin, pin_position, string_ends


#: the kinds `repair` mends (a max_degree is drawn by `spec_gengraph`; a distinct array by `spec_gen`)
MENDED = tuple(k for k in PIN_KINDS if k != "max_degree")


def _mended(spec: Spec) -> list:
    """The claims `repair` mends: MENDED ones, and distinct on a column of rows (single values)."""
    scalars = {i.name for i in layout_items(spec.layout or []) if i.count is None and not i.words}
    return [c for c in spec.claims if c.kind in MENDED or c.kind == "distinct" and len(c.subject) == 1
            and c.subject[0] in scalars]


def repairs(spec: Spec) -> bool:
    """Whether `repair` has anything to do for `spec`'s claims (reading a drawn input costs)."""
    return bool(_mended(spec))


def repair(spec: Spec, text: str, rng: random.Random) -> str:
    """`text` (drawn from `spec`, one space between tokens) with its guarantees mended."""
    from alphasolve.inputs.spec_check import bound_at, token_groups, token_value, read_input
    reading = read_input(spec, text)
    if reading is None:
        return text
    lines = [line.split() for line in text.split("\n")]

    def put(tok, value) -> None:
        lines[tok.line - 1][tok.index] = str(value)
        tok.text = str(value)

    def bounds(name: str, tok) -> tuple[int, int] | None:
        var = spec.var(name)
        if var is None or var.type != "int":
            return None
        lo, hi = bound_at(var.low, reading, tok.path), bound_at(var.high, reading, tok.path)
        return None if lo is None or hi is None else (int(lo), int(hi))

    order = {"distinct": 0, "some_positive": 1, "some_nonzero": 1, "pinned": 2}
    for claim in sorted(_mended(spec), key=lambda c: order.get(c.kind, 3)):
        name = claim.subject[0]
        if claim.kind == "distinct":
            for toks in token_groups(reading, name).values():
                _distinct(rng, [t for t in toks if t.scalar], lambda t: bounds(name, t), put)
        elif claim.kind in ("some_positive", "some_nonzero"):
            for toks in token_groups(reading, name).values():
                if not toks or has_some(claim.kind, [token_value(t.text) for t in toks]):
                    continue
                tok = rng.choice(toks)
                span = bounds(name, tok)
                if span is None:
                    continue
                lo, hi = span
                if hi >= 1:
                    low = max(lo, 1)
                    put(tok, low if rng.random() < 0.5 else rng.randint(low, hi))
                elif claim.kind == "some_nonzero" and lo <= -1:
                    put(tok, min(hi, -1))
        elif claim.kind == "pinned" and (pin := parse_pin(claim.expr or "")) is not None:
            for toks in token_groups(reading, name).values():
                k = pin_position(pin[1], toks, reading)
                if k is not None:
                    put(toks[k], pin[2])
        else:
            var = spec.var(name)
            for toks in string_ends(spec, reading, name):
                _ends_mend(rng, claim, var, toks, put)
    return "\n".join(" ".join(toks) for toks in lines)


def _distinct(rng: random.Random, toks: list, span, put) -> None:
    """A repeated value of the column redrawn among those not taken, within its bounds."""
    seen: set[str] = set()
    for tok in toks:
        if tok.text not in seen:
            seen.add(tok.text)
            continue
        bounds = span(tok)
        if bounds is None or bounds[1] - bounds[0] + 1 <= len(seen):
            return
        lo, hi = bounds
        value = None
        for _ in range(100):
            v = rng.randint(lo, hi)
            if str(v) not in seen:
                value = v
                break
        if value is None:
            value = next((v for v in range(lo, min(hi, lo + 10**6) + 1) if str(v) not in seen), None)
        if value is None:
            return
        put(tok, value)
        seen.add(str(value))


def _ends_mend(rng: random.Random, claim, var, toks: list, put) -> None:
    """A string's (or a line of words') first or last character made an allowed one."""
    allowed = set(claim.expr or "") if claim.kind != "no_leading_zeros" else \
        set(var.alphabet if var is not None and var.alphabet else "123456789") - {"0"}
    if var is not None and var.alphabet:
        allowed &= set(var.alphabet)
    if not allowed:
        return
    chars = sorted(allowed)
    first, last = toks[0], toks[-1]
    if claim.kind == "first_char" and first.text and first.text[0] not in allowed:
        put(first, rng.choice(chars) + first.text[1:])
    elif claim.kind == "last_char" and last.text and last.text[-1] not in allowed:
        put(last, last.text[:-1] + rng.choice(chars))
    elif claim.kind == "no_leading_zeros" and len(first.text) > 1 and first.text[0] == "0":
        put(first, rng.choice(chars) + first.text[1:])

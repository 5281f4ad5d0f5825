"""The safe expression evaluator of bounds and counts (pure): "10^9 + 7", "2·10^5", "n - 1",
"n * m" over names looked up where the input is read; used by `spec_check`, `spec_gen`,
`spec_unnamed` and `spec_wordline`."""

from __future__ import annotations

import re


class Unevaluable(Exception):
    """An expression the evaluator does not know (a function, an unknown or non-number name)."""


_EXPR_TOKEN = re.compile(r"\s*(\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|[A-Za-z][A-Za-z0-9]*(?:_\{?[A-Za-z0-9]+\}?)?"
                         r"|[-+*/^()·×]|\S)")


def expression_names(expr: str) -> list[str]:
    """The variable names an expression refers to, as `evaluate` would look them up."""
    return [t for t in _EXPR_TOKEN.findall(expr) if t[:1].isalpha()]


def evaluate(expr: str, lookup) -> int | float:
    """The value of a bound or count expression: numbers ("10^9 + 7", "2·10^5", "1e18"), names
    (`lookup(name)`: a number, or None when unknown), + - * / ^ and parentheses. Anything else
    raises Unevaluable: a tiny recursive-descent evaluator, because eval() on statement text is
    not safe."""
    toks = [t for t in _EXPR_TOKEN.findall(expr) if t]
    pos = 0

    def peek() -> str | None:
        return toks[pos] if pos < len(toks) else None

    def take() -> str:
        nonlocal pos
        pos += 1
        return toks[pos - 1]

    def atom() -> int | float:
        t = take() if peek() is not None else ""
        if t == "(":
            value = add()
            if take() != ")" if peek() else True:
                raise Unevaluable(expr)
            return value
        if t == "-":
            return -power()
        if re.fullmatch(r"\d+", t):
            return int(t)
        if re.fullmatch(r"[\d.]+(?:[eE][+-]?\d+)?", t):
            value = float(t)
            return int(value) if value == int(value) and abs(value) < 2**63 else value
        if re.match(r"[A-Za-z]", t):
            value = lookup(t)
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise Unevaluable(t)
            return value
        raise Unevaluable(expr)

    def power() -> int | float:
        base = atom()
        if peek() == "^":
            take()
            exp = power()
            if not isinstance(exp, int) or exp < 0 or exp > 100:
                raise Unevaluable(expr)
            return base ** exp
        return base

    def mul() -> int | float:
        value = power()
        while peek() in ("*", "·", "×", "/") or (peek() is not None and re.match(r"[A-Za-z(]", peek())):
            op = take() if peek() in ("*", "·", "×", "/") else "*"
            rhs = power()
            if op == "/":
                if rhs == 0 or value % rhs:
                    raise Unevaluable(expr)
                value = value // rhs
            else:
                value = value * rhs
        return value

    def add() -> int | float:
        value = mul()
        while peek() in ("+", "-"):
            op = take()
            value = value + mul() if op == "+" else value - mul()
        return value

    value = add()
    if pos != len(toks):
        raise Unevaluable(expr)
    return value


def whole_number(text: str) -> int | None:
    """A number written in a statement ("10^5", "2·10^5", "100 000" with its space) as an integer;
    None when it is not a whole number the evaluator reads."""
    try:
        value = evaluate(re.sub(r"\s+", "", text), lambda _: None)
        return int(value) if value == int(value) else None
    except (Unevaluable, OverflowError):
        return None

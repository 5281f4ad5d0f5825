"""Tokens and arithmetic of constraint text (already in `spec_text`'s normal form).

A constraint such as `1 ≤ n, m ≤ 2 · 10^5` or `0 ≤ |x_i| ≤ n - 1` is a chain of *sides* joined by
comparisons; a side is one expression, or (as the subject) a list of variables. `parse_term`
reads one expression and tells numbers (`2 · 10^5` = 200000, `10^9 + 7`, `1e18`), single
variables (`a_i`, `|s|`) and expressions over variables (`n - 1`, `2n`, `n · m`, kept as text with
`*` for products) apart: only the first two kinds can be the subject of a bound.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

CMP = ("≤", "≥", "<", ">", "≠", "=")
MARK = "\ue000"   # spec_text puts it before identifiers written as math

_TOKEN = re.compile(r"""
    (?P<num>\d+(?:\.\d+)?(?:[eE][+-]?\d+(?![A-Za-z]))?)
  | (?P<ident>\ue000?[A-Za-z][A-Za-z0-9]*'*(?:_(?:\([^()]{1,20}\)|[A-Za-z0-9]+'*))*(?:\[[^\[\]\s]{1,12}\]){0,3})
  | (?P<op>[≤≥<>≠=])
  | (?P<sym>[-+·*/^()|,…∑∈\[\]{};:])
  | (?P<other>\S)
""", re.VERBOSE)



@dataclass
class Token:
    kind: str          # num | ident | op | sym | other
    text: str
    start: int
    end: int
    space: bool        # whitespace before it
    math: bool = False  # written as math ($n$, <b>N</b>): surely a variable


def tokenize(text: str) -> list[Token]:
    tokens: list[Token] = []
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup or "other"
        space = m.start() == 0 or text[m.start() - 1].isspace()
        word = m.group(0)
        tokens.append(Token(kind, word.replace(MARK, ""), m.start(), m.end(), space, word.startswith(MARK)))
    return tokens


def split_name(ident: str) -> tuple[str, str | None]:
    """'a_i' -> ('a', 'i'); 'a[i]' -> ('a', 'i'); 'x_(i+1)' -> ('x', 'i+1'); 'n' -> ('n', None)."""
    m = re.match(r"([A-Za-z][A-Za-z0-9]*'*)(.*)$", ident)
    if m is None:
        return ident, None
    base, rest = m.group(1), m.group(2)
    if not rest:
        return base, None
    if rest.startswith("["):      # a[i], a[i][j]
        return base, ",".join(re.findall(r"\[([^\]]*)\]", rest)) or None
    index = re.sub(r"^\((.*)\)$", r"\1", rest.lstrip("_").split("[")[0])
    return base, index or None


def generic_index(index: str | None) -> bool:
    """An index that ranges over the elements ('i', 'j', 'i+1'), not one element ('1', 'n')."""
    if index is None:
        return True
    return bool(re.fullmatch(r"[ijk]'?(?:\s*[-+]\s*\d)?|[ijk]\s*[,_]?\s*[ijk]", index))


@dataclass
class Term:
    kind: str                        # num | var | expr | ellipsis
    text: str                        # canonical: "200000", "n - 1", "2 * n"
    value: int | float | None = None
    name: str | None = None          # var: the name with its index dropped
    index: str | None = None         # var: its index ("i", "1", "n")
    abs: bool = False                # var: written |x|
    names: list[str] = field(default_factory=list)   # every variable it uses
    indexed_names: bool = False      # expr: uses an indexed variable
    math: bool = False               # var: written as math
    args: list["Term"] = field(default_factory=list)   # func: min(...), max(...)


class _Parser:
    def __init__(self, tokens: list[Token], pos: int):
        self.t = tokens
        self.i = pos

    def peek(self, k: int = 0) -> Token | None:
        return self.t[self.i + k] if self.i + k < len(self.t) else None

    def sym(self, *texts: str) -> bool:
        tok = self.peek()
        return tok is not None and tok.kind in ("sym", "op") and tok.text in texts

    def enclosed(self, close: str) -> "Term | None":
        """The sum between the current token (an opening "(" or "|") and `close`, both consumed;
        None (nothing consumed) when it is not there."""
        save = self.i
        self.i += 1
        inner = self.sum()
        if inner is None or not self.sym(close):
            self.i = save
            return None
        self.i += 1
        return inner

    def beside_op(self) -> bool:
        """A word right before or after a comparison ("1000 ≤ speed ≤ 4200") is a name."""
        after, before = self.peek(1), self.t[self.i - 1] if self.i > 0 else None
        return any(t is not None and t.kind == "op" for t in (after, before))

    def sum(self) -> Term | None:
        left = self.product()
        while left is not None and self.sym("+", "-"):
            op = self.peek().text
            save = self.i
            self.i += 1
            right = self.product()
            if right is None:
                self.i = save
                break
            left = _combine(left, op, right)
        return left

    def product(self) -> Term | None:
        left = self.unary()
        while left is not None:
            tok = self.peek()
            if tok is None:
                break
            if tok.kind == "sym" and tok.text in ("·", "*", "/"):
                save = self.i
                self.i += 1
                right = self.unary()
                if right is None:
                    self.i = save
                    break
                left = _combine(left, "/" if tok.text == "/" else "*", right)
            elif left.kind == "num" and tok.kind == "ident" and not tok.space and len(split_name(tok.text)[0]) == 1:
                save = self.i
                right = self.unary()    # "2n"
                if right is None:
                    self.i = save
                    break
                left = _combine(left, "*", right)
            else:
                break
        return left

    def unary(self) -> Term | None:
        if self.sym("-"):
            save = self.i
            self.i += 1
            inner = self.unary()
            if inner is None:
                self.i = save
                return None
            return _combine(Term("num", "0", 0), "-", inner) if inner.kind != "num" else \
                Term("num", _fmt(-inner.value), -inner.value)
        return self.power()

    def power(self) -> Term | None:
        base = self.atom()
        if base is not None and self.sym("^"):
            save = self.i
            self.i += 1
            exp = self.atom()
            if exp is None:
                self.i = save
                return base
            return _combine(base, "^", exp)
        return base

    def function(self, name: str) -> Term | None:
        """min(10^6, n), max(1, k - 1): a bound takes one argument (a high bound any of min's)."""
        save = self.i
        self.i += 2
        args = []
        while True:
            arg = self.sum()
            if arg is None:
                self.i = save
                return None
            args.append(arg)
            if self.sym(","):
                self.i += 1
                continue
            if self.sym(")"):
                self.i += 1
                break
            self.i = save
            return None
        return Term("func", f"{name}({', '.join(a.text for a in args)})", name=name, args=args,
                    names=[n for a in args for n in a.names], indexed_names=any(a.indexed_names for a in args))

    def atom(self) -> Term | None:
        tok = self.peek()
        if tok is None:
            return None
        if tok.kind == "num":
            self.i += 1
            value = _number(tok.text)
            return Term("num", _fmt(value), value)
        if tok.kind == "ident" and tok.text in ("min", "max") and self.peek(1) is not None \
                and self.peek(1).text == "(":
            return self.function(tok.text)
        if tok.kind == "ident":
            base, index = split_name(tok.text)
            near = self.beside_op() or any(t is not None and t.text in (",", "|") for t in
                                           (self.peek(1), self.t[self.i - 1] if self.i > 0 else None))
            stop = base.lower() in STOP and index is None and not (len(base) == 1 and near)
            if not tok.math and (stop or len(base) > 1 and not _NAMEISH.fullmatch(base) and not self.beside_op()):
                return None
            self.i += 1
            return Term("var", base if index is None else f"{base}_{index}", name=base, index=index,
                        names=[base], math=tok.math)
        if tok.text == "(":
            inner = self.enclosed(")")
            if inner is None:
                return None
            if inner.kind == "num":
                return inner
            return Term(inner.kind if inner.kind != "var" else "var", f"({inner.text})" if inner.kind == "expr"
                        else inner.text, inner.value, inner.name, inner.index, inner.abs, inner.names,
                        inner.indexed_names)
        if tok.text == "|":
            inner = self.enclosed("|")
            if inner is None:
                return None
            if inner.kind == "var":
                return Term("var", f"|{inner.text}|", name=inner.name, index=inner.index, abs=True,
                            names=inner.names)
            return Term("expr", f"|{inner.text}|", names=inner.names, indexed_names=True)
        if tok.text == "…":
            self.i += 1
            return Term("ellipsis", "…")
        return None


#: English words that are never names, though short
STOP = {"a", "an", "and", "or", "the", "is", "are", "be", "it", "as", "at", "by", "if", "in", "of", "on",
        "to", "no", "not", "all", "any", "its", "one", "two", "for", "so", "we", "he", "she", "you", "has",
        "was", "can", "may", "but", "nor", "per", "each", "than", "then", "that", "this", "with", "will",
        "also", "both", "only", "most", "least", "them", "they", "their", "there", "where", "which",
        "holds", "hold", "number", "numbers", "value", "values", "integer", "integers", "length", "size",
        "sum", "total", "answer", "time", "times", "line", "lines", "test", "tests", "case", "cases",
        "there", "your", "respectively", "half", "every", "other", "others", "these", "those", "what"}

#: multi-letter names that may be variables: not English words of the text around them
_NAMEISH = re.compile(r"[A-Za-z]{1,3}[0-9]*'*|[A-Za-z]+[0-9]+|[A-Z][A-Za-z]*[A-Z][A-Za-z]*|[a-z]+[A-Z]\w*")


def parse_term(tokens: list[Token], pos: int) -> tuple[Term, int] | None:
    """One expression starting at tokens[pos]: (term, position after it), or None."""
    parser = _Parser(tokens, pos)
    term = parser.sum()
    if term is None:
        return None
    return term, parser.i


def _number(text: str) -> int | float:
    if re.search(r"[eE]", text):
        mant, exp = re.split(r"[eE]", text)
        value = float(mant) * 10 ** int(exp)
        return int(value) if value == int(value) and "." not in mant or float(mant).is_integer() else value
    return float(text) if "." in text else int(text)


def _fmt(value: int | float) -> str:
    return str(value)


def _combine(left: Term, op: str, right: Term) -> Term:
    if left.kind == "num" and right.kind == "num":
        value = _arith(left.value, op, right.value)
        if value is not None:
            return Term("num", _fmt(value), value)
    kinds = (left.kind, right.kind)
    names = left.names + [n for n in right.names if n not in left.names]
    indexed = left.indexed_names or right.indexed_names or any(
        t.kind == "var" and t.index is not None for t in (left, right)) or "ellipsis" in kinds
    sep = "^" if op == "^" else f" {op} "
    lt = left.text if left.kind != "expr" or op in "+-" else f"({left.text})"
    rt = right.text if right.kind != "expr" or op == "+" else f"({right.text})"
    if left.kind == "var":
        lt = left.name if left.index is None else lt
    if right.kind == "var":
        rt = right.name if right.index is None else rt
    return Term("expr", f"{lt}{sep}{rt}", names=names, indexed_names=indexed)


def _arith(a: int | float, op: str, b: int | float) -> int | float | None:
    try:
        if op == "+":
            return a + b
        if op == "-":
            return a - b
        if op == "*":
            return a * b
        if op == "/":
            if b == 0:
                return None
            return a // b if isinstance(a, int) and isinstance(b, int) and a % b == 0 else a / b
        if op == "^":
            if isinstance(b, int) and isinstance(a, int) and 0 <= b <= (400 if abs(a) <= 10 else 64) \
                    and abs(a) <= 10 ** 6:
                return a ** b      # 10^100 (Code Jam) is a number too
            if isinstance(b, int) and 0 <= b <= 64 and abs(a) <= 10 ** 6:
                return a ** b
            return None
    except (OverflowError, ZeroDivisionError):
        return None
    return None

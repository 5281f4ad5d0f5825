"""Which words of a statement are variables, and under which name the spec keeps them.

Names are as in `spec.py`: a_i, a_1 … a_n and a[i] are "a" (an array); x_1 and x_2 of
"x_1, y_1, x_2, y_2" are two numbers and keep their index, as do p_l and p_r; "N" in a bound
is the "n" the input introduced, unless the statement writes both as names. A name enters the
spec when the input section introduces it ("two integers n and k"), bounds it in a chain
(a one-letter or indexed name, not an index i or j), or, written as math (`$t$`, `<b>T</b>`),
when a limits section bounds it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from alphasolve.inputs.spec_chain import ALL
from alphasolve.inputs.spec_expr import MARK, Term, Token, generic_index, split_name
from alphasolve.inputs.spec_facts import namelike
from alphasolve.inputs.spec_merge import Fact


@dataclass
class Var:
    """What the reader knows of a variable before it becomes a spec `Variable`."""

    name: str
    type: str = "unknown"
    indices: set[str] = field(default_factory=set)   # specific indices named ("1", "2")
    indexed: bool = False
    low_word: int | None = None                      # "positive" / "non-negative"
    alphabet: str | None = None
    sources: list[str] = field(default_factory=list)


class Names:
    def __init__(self) -> None:
        self.vars: dict[str, Var] = {}
        self.arrays: set[str] = set()
        self.pending: list[tuple[str, str | None]] = []   # math names, not yet known to be inputs
        self.facts: list[Fact] = []

    def key(self, base: str, index: str | None, ellipsis: bool = False) -> str:
        """The spec's name: a_i, a_1 … a_n are "a"; x_1 and x_2 of "x_1, y_1, x_2, y_2" (never
        an index i) stay apart, as do p_l and p_r."""
        if index is not None and f"{base}_{index}" in self.vars:
            return f"{base}_{index}"      # R_A, declared before R_i made R an array
        if index is None or ellipsis or generic_index(index) or base in self.arrays:
            return base
        return f"{base}_{index}"

    def to_array(self, base: str) -> None:
        """x_1 and x_2, first read as two numbers, are elements of an array x after all."""
        self.arrays.add(base)
        scalars = [n for n in self.vars if re.fullmatch(re.escape(base) + r"_\w+", n)]
        if not scalars:
            return
        var = self.vars.setdefault(base, Var(base))
        var.indexed = True
        for name in scalars:
            old = self.vars.pop(name)
            var.type = old.type if var.type == "unknown" else var.type
            var.sources += old.sources
            for fact in self.facts:
                if fact.name == name:
                    fact.name, fact.generic = base, False

    def resolve(self, name: str, index: str | None = None) -> str | None:
        name = self.key(name, index)
        if name in self.vars:
            return name
        if name in {self.key(b, i) for b, i in self.pending}:
            return None      # "$t$" and "$T$" both written as names: different variables
        other = [v for v in self.vars if v.lower() == name.lower()]
        return other[0] if len(other) == 1 else None

    def named(self, tokens: list[Token], namelike_only: bool = True) -> list[str]:
        """The variables a sentence's words name, in order, each once (`namelike_only`: not
        words that cannot be a name, such as "length")."""
        return [n for n in dict.fromkeys(self.resolve(*split(t.text)) for t in tokens
                                         if t.kind == "ident" and (namelike(t) or not namelike_only)) if n]

    def declare(self, base: str, index: str | None, ellipsis: bool = False) -> Var:
        if index is not None and (ellipsis or generic_index(index)):
            self.arrays.add(base)
        name = self.key(base, index, ellipsis)
        var = self.vars.setdefault(name, Var(name))
        if index is not None and name == base:
            var.indexed = True
            if not generic_index(index) and not ellipsis:
                var.indices.add(index)
        return var

    def targets(self, term: Term, is_input: bool, ellipsis: bool) -> list[str]:
        """The variables a chain's subject speaks of: itself (declared if new and named in the
        input section), every numeric variable ("All numbers in the input ..."), or the scalars
        t_1 … t_5 for t_i."""
        if term.name == ALL:
            return [n for n, v in self.vars.items() if v.type in ("int", "unknown", "real")]
        found = self.resolve(term.name, term.index)
        if found is not None:
            return [found]
        if term.index is not None and generic_index(term.index) and term.name not in self.arrays:
            scalars = [n for n in self.vars if re.fullmatch(re.escape(term.name) + r"_\d+", n)]
            if scalars:
                return scalars
        if (is_input or (term.name, term.index) in self.pending) and newvar(term):
            return [self.declare(term.name, term.index, ellipsis).name]
        return []


def newvar(term: Term) -> bool:
    """A new name from a chain: one letter or indexed (not an index i, j), or written as math."""
    return term.name not in ("i", "j") and (len(term.name) == 1 or term.index is not None or term.math)


def split(raw: str) -> tuple[str, str | None]:
    return split_name(raw.replace(MARK, ""))

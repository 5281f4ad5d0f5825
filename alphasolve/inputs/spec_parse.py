"""The input spec read from a problem statement (pure, no model, no I/O).

    spec = parse_spec(problem.description)     # Codeforces text, Markdown+LaTeX, Code Jam HTML
    section = input_section(problem.description)

The statement is brought to one normal form (`spec_text`), cut at its headings, and the input
section, with any "Constraints" / "Limits" section and Code Jam's per-test-set limits, is read
sentence by sentence: the variables the input section introduces ("two integers n and k"),
comparison chains (`1 ≤ n, m ≤ 2·10^5`, `0 ≤ |x_i| ≤ 10^5`, `1 ≤ k ≤ n`, `a_1 ≤ a_2 ≤ … ≤ a_n`),
ranges in words ("between 1 and 100"), string lengths and alphabets, claims and sums over test
cases (`spec_facts`).

Soundness first: a wrong bound throws valid inputs away and generates invalid ones, a missing
one only loses reach. So when a statement gives a variable several bounds on one side
(subproblems "n ≤ 100 in C1, n ≤ 10^5 in C2", Code Jam test sets) the widest is kept; a bound on
one element (`a_1 = 1`) is not a bound on the array; a test set that leaves a side unbounded
leaves it unbounded; and every constraint-looking phrase that gave no fact goes to `unknown`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from alphasolve.inputs.spec import Block, Bound, Claim, Spec, SumBound, Variable
from alphasolve.inputs.spec_expr import Term, Token, generic_index, parse_term, tokenize
from alphasolve.inputs.spec_facts import (MARK, alphabet, claim_kinds, introductions, lengths, namelike,
                                          sum_bound)
from alphasolve.inputs.spec_text import (is_input_heading, is_limits_heading, is_test_set_heading, normalize,
                                         sections)

_LOOKS_CONSTRAINT = re.compile(r"[≤≥<>≠]|<image>|\bguarantee|\bdistinct\b|\bdifferent\b|\bpermutation\b|"
                               r"\bsorted\b|\bincreasing\b|\bdecreasing\b|\btree\b|\bconnected\b|"
                               r"\bbetween\b|\brange\b|\bconsist|\bpositive\b|\bnegative\b|\d\^\d",
                               re.IGNORECASE)
_NOT_SUBJECT_BEFORE = {"of", "sum", "total", "∑", "number", "product", "^", "·", "*", "/", "+", "-", "|",
                       "_", "count", "exceed"}


def input_section(description: str) -> str | None:
    """The statement's input section in the parser's normal form (plain text), or None."""
    found = _input(sections(normalize(description)[0]))
    return None if found is None else found[1].replace(MARK, "")


def _input(secs: list[tuple[str, str]]) -> tuple[int, str] | None:
    return next(((k, body) for k, (name, body) in enumerate(secs) if is_input_heading(name)), None)


@dataclass
class _Fact:
    scope: str
    name: str
    side: str            # low | high (for |x|: of |x|)
    bound: Bound
    source: str
    generic: bool = True
    abs: bool = False
    index: str | None = None
    weak: bool = False   # read through another variable (n in "0 ≤ p ≤ n"): only if nothing better


@dataclass
class _Var:
    name: str
    type: str = "unknown"
    indices: set[str] = field(default_factory=set)   # specific indices named ("1", "2")
    indexed: bool = False
    low_word: int | None = None                      # "positive" / "non-negative"
    alphabet: str | None = None
    sources: list[str] = field(default_factory=list)


class _Reader:
    def __init__(self) -> None:
        self.vars: dict[str, _Var] = {}
        self.arrays: set[str] = set()
        self.pending: list[tuple[str, str | None]] = []   # math names, not yet known to be inputs
        self.fallback: dict[tuple[str, str], Bound] = {}   # bounds without element-wise relations
        self.facts: list[_Fact] = []
        self.claims: list[tuple[str, Claim]] = []
        self.sums: list[SumBound] = []
        self.unknown: list[str] = []
        self.last_pair: list[str] | None = None
        self.last_indexed: list[str] = []
        self.produced = 0

    # -- names ---------------------------------------------------------------------------------

    def key(self, base: str, index: str | None, ellipsis: bool = False) -> str:
        """The spec's name: a_i, a_1 … a_n are "a"; x_1 and x_2 of "x_1, y_1, x_2, y_2" (never
        an index i) stay apart, as do p_l and p_r."""
        if index is None or ellipsis or generic_index(index) or base in self.arrays:
            return base
        return f"{base}_{index}"

    def resolve(self, name: str, index: str | None = None) -> str | None:
        name = self.key(name, index)
        if name in self.vars:
            return name
        if name in {self.key(b, i) for b, i in self.pending}:
            return None      # "$t$" and "$T$" both written as names: different variables
        other = [v for v in self.vars if v.lower() == name.lower()]
        return other[0] if len(other) == 1 else None

    def declare(self, base: str, index: str | None, ellipsis: bool = False) -> _Var:
        if index is not None and (ellipsis or generic_index(index)):
            self.arrays.add(base)
        name = self.key(base, index, ellipsis)
        var = self.vars.setdefault(name, _Var(name))
        if index is not None and name == base:
            var.indexed = True
            if not generic_index(index) and not ellipsis:
                var.indices.add(index)
        return var

    # -- sentences -----------------------------------------------------------------------------

    def read(self, scope: str, body: str, is_input: bool) -> None:
        for sentence in _sentences(body):
            before = self.produced
            plain = sentence.replace(MARK, "")
            sentence = _rewrite(sentence)
            tokens = tokenize(sentence)
            if is_input:
                self.introduce(tokens, sentence)
                if re.search(r"\b(?:may|can|might) be replaced\b|\binstead of\b", plain):
                    for t in tokens:     # "Only b may be replaced by an R": not only a number
                        if t.kind == "ident" and (v := self.resolve(*_split(t.text))) is not None:
                            self.vars[v].type = "conflict"
            skip: set[int] = set()
            found = sum_bound(tokens, plain)
            if found is not None:
                name, value, first, last = found
                self.sums.append(SumBound(name, Bound(value=int(value) if value.lstrip("-").isdigit()
                                                      else float(value)), plain))
                self.produced += 1
                skip = set(range(first, last))
            for chain in _chains(tokens, skip):
                self.chain(scope, chain, plain, is_input, sentence)
            self.strings(scope, tokens, sentence, plain)
            self.claim(scope, tokens, plain)
            if "<image>" in plain:
                self.unknown.append(_short(plain))
            elif self.produced == before and _LOOKS_CONSTRAINT.search(plain):
                self.unknown.append(_short(plain))

    def introduce(self, tokens: list[Token], sentence: str) -> None:
        for k, tok in enumerate(tokens):
            if tok.kind == "ident" and k >= 2 and tokens[k - 1].text == "," and re.match(
                    r"(?:test ?cases|testcases|cases|tests|queries)$", tokens[k - 2].text, re.IGNORECASE):
                self.declare(*_split(tok.text))          # "the number of test cases, T"
            elif tok.kind == "ident" and tok.math:      # $n$, <b>N</b>: kept if the layout reads it
                self.pending.append(_split(tok.text))
        for group in introductions(tokens, sentence):
            names = []
            for intro in group:
                if intro.raw == _ALL:
                    continue
                base, index = _split(intro.raw)
                var = self.declare(base, index, intro.ellipsis)
                base = var.name
                if var.type == "unknown" or var.type == intro.type:
                    var.type = intro.type
                elif var.type != intro.type:
                    var.type = "conflict"
                if intro.low is not None:
                    var.low_word = intro.low if var.low_word is None else min(var.low_word, intro.low)
                var.sources.append(_short(sentence.replace(MARK, "")))
                names.append(base)
            distinct = list(dict.fromkeys(names))
            if len(distinct) in (2, 3) and re.search(r"\beach\b|\blines?\b|\bedges?\b|-th\b", sentence):
                self.last_pair = distinct[:2]
            if len(distinct) == 1 and self.vars[distinct[0]].indexed and group[0].distinct:
                self.claims.append(("", Claim("distinct", distinct, _short(sentence.replace(MARK, "")))))

    def chain(self, scope: str, chain: "_Chain", plain: str, is_input: bool, sentence: str) -> None:
        sides, ops = chain.sides, chain.ops
        source = chain.text
        if ops[0] in ("=", "≠"):
            if not _EXAMPLE.search(plain):
                self.equality(scope, sides, ops[0], source, plain)
            return
        if ops[0] in ("≥", ">"):
            sides = sides[::-1]
            ops = [{"≥": "≤", ">": "<"}[o] for o in ops[::-1]]
        if chain.refused or _EXAMPLE.search(plain):
            self.unknown.append(source)
            return
        subjects = 0
        for side in sides:      # every name of the chain first: "1 ≤ S < R ≤ 100" relates S to R
            for term in side:
                if term.kind == "var" and term.name != _ALL:
                    self.targets(term, is_input, False)
        for k, side in enumerate(sides):
            ellipsis = any(t.kind == "ellipsis" for t in side) or len(
                {t.name for s in sides for t in s if t.kind == "var" and t.name == side[0].name}) and sum(
                1 for s in sides for t in s if t.kind == "ellipsis") > 0
            for term in side:
                if term.kind != "var":
                    continue
                targets = self.targets(term, is_input, ellipsis)
                if len(targets) != 1:      # "All numbers ...", "1 ≤ t_i ≤ 100" of t_1 … t_5
                    for name in targets:
                        for sidename, rng in (("high", range(k + 1, len(sides))), ("low", range(k - 1, -1, -1))):
                            for bound, weak in self.bound_from(sides, ops, k, rng, [k], sidename):
                                self.facts.append(_Fact(scope, name, sidename, bound, source, True, term.abs,
                                                        None, weak or term.name == _ALL))
                                subjects += 1
                    continue
                name = targets[0]
                same = [j for j, s in enumerate(sides) if any(t.kind in ("var", "ellipsis") and
                        (t.kind == "ellipsis" or self.key(t.name, t.index, ellipsis) == name) for t in s) and all(
                        t.kind == "ellipsis" or (t.kind == "var" and self.key(t.name, t.index, ellipsis) == name)
                        for t in s)]
                generic = generic_index(term.index) or any(t.kind == "ellipsis" for t in side) or len(same) > 1
                for sidename, rng in (("high", range(k + 1, len(sides))), ("low", range(k - 1, -1, -1))):
                    for bound, weak in self.bound_from(sides, ops, k, rng, same, sidename, term.index):
                        self.facts.append(_Fact(scope, name, sidename, bound, source, generic, term.abs,
                                                term.index, weak))
                        subjects += 1
                if len(same) > 1 and k == same[0]:
                    keys = [_index_key(t.index) for j in same for t in sides[j] if t.kind == "var"]
                    if None in keys or any(a >= b for a, b in zip(keys, keys[1:])):
                        self.unknown.append(source)      # "c_i ≤ c_(i - 1)": not ascending
                        continue
                    strict = all(ops[j] == "<" for j in range(same[0], same[-1]))
                    self.claims.append((scope, Claim("sorted_strict" if strict else "sorted", [name], source)))
        if subjects:
            self.produced += 1
        elif any(t.kind == "var" and t.name not in ("i", "j") for s in sides for t in s) or \
                not any(t.kind == "var" for s in sides for t in s):
            self.unknown.append(source)

    def targets(self, term: Term, is_input: bool, ellipsis: bool) -> list[str]:
        """The variables a chain's subject speaks of: itself (declared if new and named in the
        input section), every numeric variable ("All numbers in the input ..."), or the scalars
        t_1 … t_5 for t_i."""
        if term.name == _ALL:
            return [n for n, v in self.vars.items() if v.type in ("int", "unknown", "real")]
        found = self.resolve(term.name, term.index)
        if found is not None:
            return [found]
        if term.index is not None and generic_index(term.index) and term.name not in self.arrays:
            scalars = [n for n in self.vars if re.fullmatch(re.escape(term.name) + r"_\d+", n)]
            if scalars:
                return scalars
        if (is_input or (term.name, term.index) in self.pending) and _newvar(term):
            return [self.declare(term.name, term.index, ellipsis).name]
        return []

    def bound_from(self, sides, ops, k, rng, same, sidename, index=None) -> list[tuple[Bound, bool]]:
        """The bounds of side k from the sides in `rng` (nearest first), each with whether it was
        read through another variable (weak). High: the nearest side, and the nearest number
        further up as a fallback ("1 ≤ l_i ≤ r_i ≤ n": r_i, then n). Low: the nearest number
        ("1 ≤ k ≤ n": n ≥ 1), else the nearest side."""
        found: list[tuple[Bound, bool, bool]] = []
        for j in rng:
            if j in same:
                continue
            if sidename == "low" and all(t.kind == "var" for t in sides[j]) and len(sides[j]) > 1:
                continue     # "0 ≤ a, b < n": n > 0 through a and b
            if len(sides[j]) != 1 or sides[j][0].kind == "ellipsis":
                break
            term = sides[j][0]
            if term.kind == "func":      # k ≤ min(8, n): k ≤ 8; k ≥ max(1, m): k ≥ 1
                if (term.name == "min") != (sidename == "high"):
                    break
                term = next((a for a in term.args if a.kind == "num"), term.args[0])
            lo, hi = sorted((k, j))
            strict = any(ops[i] == "<" for i in range(lo, hi))
            weak = any(i not in same for i in range(lo + 1, hi))
            if term.kind == "num":
                found.append((Bound(value=term.value, strict=strict), weak, True))
                break
            expr = self.expression(term, index)
            if expr is not None:
                found.append((Bound(expr=expr, strict=strict), weak, False))
        numbers = [(b, w) for b, w, number in found if number]
        if sidename == "low":
            return numbers or [(b, w) for b, w, _ in found[:1]]
        return [(b, w) for b, w, _ in found[:1]] + [x for x in numbers if found[:1] and not found[0][2]]

    def expression(self, term: Term, index: str | None = None) -> str | None:
        """A bound's text in the spec's names; an element of another array only with the same
        index ("l_i ≤ r_i", not "E_i ≤ B_(i+1)"), and only if the layout reads both on one line."""
        if term.kind == "var" and term.index is not None and not term.abs:
            key = self.resolve(term.name, term.index)
            if key is not None and key in self.arrays and term.index == index and index in ("i", "j"):
                return key
            return key if key is not None and key not in self.arrays else None
        if term.indexed_names or (term.kind == "var" and term.index is not None) or term.abs:
            return None
        text = term.text
        for name in term.names:
            resolved = self.resolve(name)
            if resolved is None:
                return None
            text = re.sub(rf"(?<![\w]){re.escape(name)}(?![\w])", resolved, text)
        return text

    def equality(self, scope, sides, op, source, plain) -> None:
        if len(sides) != 2 or len(sides[0]) != 1 or len(sides[1]) != 1:
            self.unknown.append(source)
            return
        a, b = sides[0][0], sides[1][0]
        if op == "≠":
            if a.kind != "var" or b.kind != "var":
                return
            ka, kb = self.resolve(a.name, a.index), self.resolve(b.name, b.index)
            if ka and kb and ka != kb:
                self.claims.append((scope, Claim("no_self_loops", [ka, kb], source)))
                self.produced += 1
            return
        if b.kind == "var":
            a, b = b, a
        if a.kind == "var" and b.kind == "num" and self.resolve(a.name, a.index) and not a.abs \
                and not re.search(r"\b(?:or|if|when|either|where)\b", plain, re.IGNORECASE):
            for side in ("low", "high"):
                self.facts.append(_Fact(scope, self.resolve(a.name, a.index), side, Bound(value=b.value), source,
                                        generic_index(a.index), False, a.index))
            self.produced += 1
        elif a.kind == "var" and self.resolve(a.name, a.index):
            self.unknown.append(source)

    def strings(self, scope: str, tokens: list[Token], sentence: str, plain: str) -> None:
        mentioned = [self.resolve(*_split(t.text)) for t in tokens if t.kind == "ident"]
        absolute = set(re.findall(r"\|\ue000?([A-Za-z]\w*?)(?:_\w+)?\|", sentence))
        targets = [n for n in dict.fromkeys(mentioned) if n and (self.vars[n].type == "string"
                   or (self.vars[n].type == "unknown" and n in absolute))]
        if not targets and re.search(r"\bstrings?\b", plain):
            targets = [n for n, v in self.vars.items() if v.type == "string"]
        found = lengths(plain)
        letters, phrase = alphabet(plain)
        if not found and phrase is None:
            return
        if len(targets) != 1:
            self.unknown.append(_short(plain))
            return
        var = self.vars[targets[0]]
        if var.type == "unknown":
            var.type = "string"
        for side, text, source in found:
            parsed = parse_term(tokenize(text), 0)
            if parsed is None:
                continue
            term = parsed[0]
            bound = Bound(value=term.value) if term.kind == "num" else (
                Bound(expr=e) if (e := self.expression(term)) else None)
            if bound is not None:
                self.facts.append(_Fact(scope, var.name, side, bound, source))
                self.produced += 1
        if phrase is not None and letters is None:
            self.unknown.append(phrase)
        elif letters is not None:
            var.alphabet = letters if var.alphabet is None else "".join(sorted(set(var.alphabet) | set(letters)))
            self.produced += 1

    def claim(self, scope: str, tokens: list[Token], plain: str) -> None:
        """Claims clause by clause: the subject is the variable the clause names (an array),
        else, for a clause naming none, the array of the sentence before ("The strings are
        pairwise distinct"); graphs take the pair of the sentence or the last pair read."""
        words = [n for n in dict.fromkeys(self.resolve(*_split(t.text)) for t in tokens
                                          if t.kind == "ident" and namelike(t)) if n]
        for clause in _clauses(plain):
            kinds, refused = claim_kinds(clause)
            if refused:
                self.unknown.append(_short(plain))
            names = [n for n in dict.fromkeys(self.resolve(*_split(t.text)) for t in tokenize(clause)
                                              if t.kind == "ident" and namelike(t)) if n]
            indexed = [n for n in names if self.vars[n].indexed]
            for kind in kinds:
                if kind in ("tree", "connected", "no_self_loops", "no_multi_edges"):
                    subject = next((p for p in (names, words, [n for n in words if self.vars[n].indexed])
                                    if len(p) == 2), self.last_pair)
                elif kind == "permutation":     # "the size of the permutation" is no claim on n
                    subject = indexed[:1] if len(indexed) == 1 else None
                else:
                    subject = indexed[:1] if len(indexed) == 1 else (names if len(names) == 1 else (
                        self.last_indexed if not words else None))
                if not subject:
                    self.unknown.append(_short(plain))
                    continue
                self.claims.append((scope, Claim(kind, list(subject), _short(plain))))
                self.produced += 1
        indexed = [n for n in words if self.vars[n].indexed]
        self.last_indexed = indexed if len(indexed) == 1 else ([] if indexed else self.last_indexed)

    # -- the spec --------------------------------------------------------------------------------

    def spec(self, test_sets: list[str]) -> Spec:
        spec = Spec(section=True)
        for name, var in self.vars.items():
            vtype = var.type if var.type in ("int", "real", "string", "unknown") else "unknown"
            out = Variable(name, vtype, indexed=var.indexed)
            facts = [f for f in self.facts if f.name == name]
            sides = self.sides(var, vtype, facts, test_sets)
            plain = [f for f in facts if not (f.bound.expr and set(re.findall(r"[A-Za-z]\w*", f.bound.expr))
                                              & self.arrays)]
            for side, bound in self.sides(var, vtype, plain, test_sets).items():
                self.fallback[(name, side)] = bound
            out.low, out.high = sides.get("low"), sides.get("high")
            out.length_low, out.length_high = sides.get("length_low"), sides.get("length_high")
            if out.low is None and var.low_word is not None and vtype in ("int", "real", "unknown"):
                out.low = Bound(value=var.low_word)
            out.alphabet = var.alphabet
            out.source = " | ".join(dict.fromkeys(var.sources + [f.source for f in facts]))
            spec.variables.append(out)
        sets = set(test_sets)
        for scope, claim in self.claims:
            if scope in sets and not all(any(c.kind == claim.kind and c.subject == claim.subject and s == t
                                             for s, c in self.claims) for t in sets):
                self.unknown.append(claim.source)
            elif not any(c.kind == claim.kind and c.subject == claim.subject for c in spec.claims):
                spec.claims.append(claim)
        spec.sums = self.sums
        spec.unknown = list(dict.fromkeys(self.unknown))
        return spec

    def sides(self, var: _Var, vtype: str, facts: list[_Fact], test_sets: list[str]) -> dict[str, Bound]:
        out: dict[str, Bound] = {}
        for fact in facts:
            if fact.abs:
                if vtype == "string":
                    fact.side = "length_" + fact.side
                elif fact.side == "high" and fact.bound.value is not None and vtype != "unknown" or \
                        fact.side == "high" and fact.bound.value is not None and not any(
                            f.side.startswith("length") for f in facts):
                    facts = facts + [_Fact(fact.scope, fact.name, "low", Bound(value=-fact.bound.value,
                                     strict=fact.bound.strict), fact.source, fact.generic, False, fact.index)]
                    fact.abs = False
        for side in ("low", "high", "length_low", "length_high"):
            mine = [f for f in facts if f.side == side and not f.abs]
            mine = [f for f in mine if not f.weak or not any(g.scope == f.scope and not g.weak for g in mine)]
            if not any(f.generic for f in mine):
                covered = {f.index for f in mine}
                if not mine or var.indexed and not var.indices or not var.indices <= covered:
                    continue
            per_scope = {}
            for scope in [""] + test_sets:
                bounds = [f.bound for f in mine if f.scope == scope]
                per_scope[scope] = _merge(side, bounds) if bounds else None
            bound = _across(side, per_scope[""], [per_scope[t] for t in test_sets]) if test_sets \
                else per_scope[""]
            if bound is not None:
                out[side] = _strict(bound, side, vtype)
        return out


def _merge(side: str, bounds: list[Bound]) -> Bound | None:
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
        best = _wider(side, best, b)
    return best


def _across(side: str, general: Bound | None, sets: list[Bound | None]) -> Bound | None:
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
            best = b if _wider(side, best, b) is best else best
        numbers.append(best)
    if numbers:
        return _merge(side, numbers)
    exprs = {(b.expr, b.strict) for b in sets if b is not None and b.expr is not None}
    if len(exprs) == 1 and all(b is not None for b in sets):
        return Bound(expr=next(iter(exprs))[0], strict=next(iter(exprs))[1])
    return None


def _wider(side: str, a: Bound, b: Bound) -> Bound:
    if a.value is None or b.value is None:
        return a if a.value is not None else b
    if a.value == b.value:
        return a if not a.strict else b
    low = side.endswith("low")
    return a if (a.value < b.value) == low else b


def _strict(bound: Bound, side: str, vtype: str) -> Bound:
    if not bound.strict or vtype in ("real", "unknown"):
        return bound
    step = 1 if side.endswith("low") else -1
    if bound.value is not None and isinstance(bound.value, int):
        return Bound(value=bound.value + step)
    if bound.expr is not None:
        return Bound(expr=f"{bound.expr} {'+' if step > 0 else '-'} 1")
    return bound


@dataclass
class _Chain:
    sides: list[list[Term]]
    ops: list[str]
    end: int
    text: str
    refused: bool = False    # "1 ≤ p_i ≤ n or p_i = -1", "none of them > 10^4": not a fact


def _chains(tokens: list[Token], skip: set[int]) -> list[_Chain]:
    out, i = [], 0
    while i < len(tokens):
        chain = None if i in skip else _chain_at(tokens, i)
        if chain is None:
            i += 1
            continue
        out.append(chain)
        i = chain.end
    return out


def _chain_at(tokens: list[Token], i: int) -> _Chain | None:
    if tokens[i].kind == "op" or (i > 0 and tokens[i - 1].text.lower() in _NOT_SUBJECT_BEFORE
                                  and not (tokens[i - 1].text == "-" and tokens[i].kind != "num")):
        return None
    if i > 0 and tokens[i - 1].text == "-":
        return None
    first = _side(tokens, i)
    if first is None:
        return None
    sides, ops, j = [first[0]], [], first[1]
    ends, mixed = [j], False
    while j < len(tokens) and tokens[j].kind == "op":
        op = tokens[j].text
        if ops and (op in "=≠" or ops[0] in "=≠" or (op in "≤<") != (ops[0] in "≤<")):
            # "L_a ≤ L_b = R_b ≤ R_a": a mixed chain is not read, to its end
            mixed = True
            while j < len(tokens) and tokens[j].kind == "op" and (nxt := _side(tokens, j + 1)) is not None:
                j = nxt[2]
            break
        nxt = _side(tokens, j + 1)
        if nxt is None:
            break
        side, end, first_end = nxt
        after = tokens[end].text if end < len(tokens) else ""
        if len(side) > 1 and not (after in "≤<≥>" and after and (after in "≤<") == (op in "≤<")):
            side, end = side[:1], first_end
        sides.append(side)
        ops.append(op)
        j = end
        ends.append(j)
    if not ops:
        return None
    text = " ".join(t.text for t in tokens[i:j])
    ends = [e for e in ends if e < len(tokens)]
    cut = any(tokens[e].kind == "num" or not tokens[e].space and tokens[e].text not in _CLOSERS for e in ends)
    before = [t.text.lower() for t in tokens[:i]]
    around = before[-3:] + [t.text.lower() for t in tokens[j:j + 2]]
    refused = mixed or cut or any(w in _REFUSE for w in around) or any(w in _NEGATIONS for w in before)
    return _Chain(sides, ops, j, re.sub(r"\s+([,)])", r"\1", text), refused)


#: what may follow a side without a space; anything else ("n(n - 1) / 2", "min(10^6, n)",
#: "50 000" with a plain space) means the side was not read whole
_CLOSERS = {",", ")", ".", ";", ":", "]", "}", "—", "-", "'", '"', "…"}

#: words anywhere before a chain in its sentence that negate it ("It is not the case that ...")
_NEGATIONS = {"not", "never", "none", "n't", "unless", "cannot"}

#: words next to a chain that make it conditional or negated
_REFUSE = {"or", "if", "when", "unless", "otherwise", "none", "no", "not", "never", "either", "except"}


def _side(tokens: list[Token], i: int) -> tuple[list[Term], int, int] | None:
    parsed = parse_term(tokens, i)
    if parsed is None:
        return None
    items, j = [parsed[0]], parsed[1]
    first_end = j
    while items[0].kind in ("var", "ellipsis") and j < len(tokens) and tokens[j].text == ",":
        nxt = parse_term(tokens, j + 1)
        if nxt is None or nxt[0].kind not in ("var", "ellipsis"):
            break
        items.append(nxt[0])
        j = nxt[1]
    return items, j, first_end


def _newvar(term: Term) -> bool:
    """A new name from a chain: one letter or indexed (not an index i, j), or written as math."""
    return term.name not in ("i", "j") and (len(term.name) == 1 or term.index is not None or term.math)


def _split(raw: str) -> tuple[str, str | None]:
    from alphasolve.inputs.spec_expr import split_name
    return split_name(raw.replace(MARK, ""))


_ALL = "ALLNUMBERS"
_ALL_MARK = MARK + _ALL
_EXPR = r"-?\s*(?:\ue000?[A-Za-z](?:_\w+)?|\d[\d.]*(?:\s*\^\s*\d+)?(?:\s*·\s*\d+(?:\s*\^\s*\d+)?)?)(?:\s*[-+]\s*\d+)?"
_IDS = r"(\ue000?[A-Za-z][\w']*(?:\s*,\s*\ue000?[A-Za-z][\w']*)*)"
_BETWEEN = re.compile(_IDS + r"\s+(?:(?:is|are|lies?|lie|will be|must be|each|all|inclusive)\s+)*"
                      r"(?:(?<=is |be |re )(?:an? )?(?:integers?|numbers?|real numbers?|reals?)\s+)?(strictly\s+)?"
                      r"(?:between|in the range|in range|in the interval|in the segment)\s+(?:from\s+)?(" + _EXPR
                      + r")\s*(?:and|to|\.\.)\s*(" + _EXPR + r")(?![\w^·])(?:\s*,?\s*\(?(inclusive(?:ly)?|"
                      r"exclusive(?:ly)?))?")
_BRACKET = re.compile(_IDS + r"\s+(?:(?:is|are|lies?|lie|each|all)\s+)*(?:∈|in|in the (?:range|interval|segment))"
                      r"\s*\[\s*(" + _EXPR + r")\s*[,;]\s*(" + _EXPR + r")\s*\]")


#: a sentence that gives an example ("an interval with (S_i = 2; E_i = 5)") states no constraint
_EXAMPLE = re.compile(r"\bfor example\b|\be\.\s?g\.|\bfor instance\b|\bexample\b|\bsuch as\b", re.IGNORECASE)
_NUM = r"-?\s*\d+(?:\s*\^\s*\d+)?"
_VAR = r"\ue000?[A-Za-z]\w*"
_DISJUNCTION = re.compile(r"(" + _VAR + r")\s+(?:(?:is|are)\s+)?(?:either\s+)?(?:equals?\s+(?:to\s+)?|=\s*)"
                          r"(?:either\s+)?(" + _NUM + r")\s+or\s+(?:equals?\s+(?:to\s+)?)?(?:\1\s*=\s*)?("
                          + _NUM + r")(?![\w^·.])")
_CHAIN_OR = re.compile(r"(" + _NUM + r")\s*≤\s*(" + _VAR + r")\s*≤\s*(" + _NUM + r")\s+or\s+\2\s*=\s*("
                       + _NUM + r")(?![\w^·.])")


def _union(var: str, numbers: list[str]) -> str:
    """"a_i = 0 or a_i = 1", "1 ≤ a_i ≤ 10^9 or a_i = -1": the range of the alternatives."""
    values = [parse_term(tokenize(n), 0) for n in numbers]
    if any(v is None or v[0].kind != "num" for v in values):
        return " ".join(numbers)
    nums = [v[0].value for v in values]
    return f"{min(nums)} ≤ {var} ≤ {max(nums)}"


def _rewrite(sentence: str) -> str:
    """Ranges in words as chains: "x_i is between 1 and 100" -> "1 ≤ x_i ≤ 100"; lengths and
    absolute values in words as |x|."""
    s = re.sub(r"\b(?:the )?length of (?:the )?(?:strings? |word )?(\ue000[A-Za-z]\w*|[A-Za-z](?:_\w+)?)\b"
               r"(?! (?:is|are) (?:not|un))",
               r"|\1|", sentence)
    s = re.sub(r"\b(?:the )?absolute values? of (\ue000?[A-Za-z]\w*)", r"|\1|", s)
    s = re.sub(r"(\ue000?[A-Za-z][\w]*)\s*(≤|<)\s*(" + _EXPR + r")\s+(?:by|in) (?:its )?(?:absolute value|modulo|"
               r"modulus|magnitude)", r"|\1| \2 \3", s)

    s = re.sub(r"^(?:it is guaranteed that )?all (?:the )?(?:input )?(?:numbers|integers|values)(?: given)?"
               r"(?: in the input(?: data)?| of the input)?(?=\s+(?:are|is|will be|lie|do)\b|\s+[≤<≥>])", _ALL_MARK, s,
               flags=re.IGNORECASE)
    s = _DISJUNCTION.sub(lambda m: _union(m.group(1), [m.group(2), m.group(3)]), s)
    s = _CHAIN_OR.sub(lambda m: _union(m.group(2), [m.group(1), m.group(3), m.group(4)]), s)
    s = re.sub(_IDS + r"\s+(?:is|are|will be)\s+(?:all\s+)?(positive|non-negative|nonnegative)(?:\s+(?:integers?|"
               r"numbers?))?(?:,?\s+(?:and\s+)?(≤|<)\s+(" + _EXPR + r")(?![\w^·]))?",
               lambda m: f"{'1' if m.group(2) == 'positive' else '0'} ≤ {m.group(1)}"
                         + (f" {m.group(3)} {m.group(4)}" if m.group(3) else ""), s)

    def between(m: re.Match) -> str:
        if m.group(5) and m.group(5).startswith("exclusive") or m.group(2):
            op = "<"
        else:
            op = "≤"
        return f"{m.group(3)} {op} {m.group(1)} {op} {m.group(4)}"
    s = _BETWEEN.sub(between, s)
    return _BRACKET.sub(lambda m: f"{m.group(2)} ≤ {m.group(1)} ≤ {m.group(3)}", s)


def _index_key(index: str | None) -> float | None:
    """Where an index stands in a sequence: a_1 < a_i < a_(i+1) < a_n."""
    if index is None:
        return None
    index = index.replace(" ", "")
    if index.isdigit():
        return int(index)
    m = re.fullmatch(r"([A-Za-z])([-+]\d+)?", index)
    if not m:
        return None
    offset = int(m.group(2) or 0)
    return (offset if m.group(1) in "ijk" else 10 ** 9 + offset) + (0.5 if m.group(1) in "ijk" else 0)


def _clauses(sentence: str) -> list[str]:
    """A sentence cut at commas and semicolons outside parentheses."""
    out, depth, start = [], 0, 0
    for k, ch in enumerate(sentence):
        depth += (ch == "(") - (ch == ")")
        if ch in ",;" and depth <= 0 and sentence[k + 1:k + 2] == " ":
            out.append(sentence[start:k])
            start = k + 1
    return [c.strip() for c in out + [sentence[start:]] if c.strip()]


def _sentences(body: str) -> list[str]:
    out = []
    for line in body.split("\n"):
        line = re.sub(r"^(?:[-*•]|\d+[.)])\s+", "", line.strip())    # list bullets
        for part in re.split(r"(?<=[.;])\s+(?=[A-Z(\ue000-])", line):
            if part.strip():
                out.append(part.strip())
    return out


def _short(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    return text if len(text) <= 200 else text[:197] + "..."


def parse_spec(description: str) -> Spec:
    """The input spec of a statement; an empty spec (`section=False`, the reason in `unknown`)
    when it has no input section the parser can find."""
    text, _ = normalize(description or "")
    secs = sections(text)
    found = _input(secs)
    if found is None:
        return Spec(unknown=["no input section found"], section=False)
    index, body = found
    reader = _Reader()
    reader.read("", body, True)
    test_sets = []
    for k, (name, sbody) in enumerate(secs):
        if k == index or not is_limits_heading(name):
            continue
        scope = name if is_test_set_heading(name) else ""
        if scope:
            test_sets.append(scope)
        reader.read(scope, sbody, False)
    spec = reader.spec(test_sets)
    try:
        from alphasolve.inputs.spec_layout import parse_layout
    except ImportError:     # the layout reader is optional: bounds are useful without it
        return spec
    names = [v.name for v in spec.variables]
    extra = [n for n in dict.fromkeys(reader.key(b, i) for b, i in reader.pending)
             if n not in names and n not in ("i", "j") and n.split("_")[0] not in reader.arrays]
    spec.layout, spec.testcases = parse_layout(body.replace(MARK, ""), names + extra)
    read = _layout_names(spec.layout or [])
    spec.variables += [Variable(n, "unknown", indexed=n in reader.arrays) for n in extra if n in read]
    _per_line_relations(spec, reader.arrays, reader.fallback)
    return spec


def _per_line_relations(spec: Spec, arrays: set[str], fallback: dict[tuple[str, str], Bound]) -> None:
    """A bound between elements ("l_i ≤ r_i") holds per line: kept only where the layout reads
    both as single tokens of one line (a checker would otherwise compare the wrong elements)."""
    lines = [{i.name for i in line.items if i.count is None} for line in _lines(spec.layout or [])]
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


def _lines(nodes: list) -> list:
    out = []
    for node in nodes:
        out += _lines(node.body) if isinstance(node, Block) else [node]
    return out


def _layout_names(nodes: list) -> set[str]:
    """The names a layout reads tokens into."""
    out: set[str] = set()
    for node in nodes:
        if isinstance(node, Block):
            out |= _layout_names(node.body)
        else:
            out |= {item.name for item in node.items}
    return out

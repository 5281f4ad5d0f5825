"""The input spec read from a problem statement (pure, no model, no I/O).

    spec = parse_spec(problem.description)     # Codeforces text, Markdown+LaTeX, Code Jam HTML
    section = input_section(problem.description)

The statement is brought to one normal form (`spec_text`), cut at its headings, and the input
section, with any "Constraints" / "Limits" section and Code Jam's per-test-set limits, is read
sentence by sentence: the variables the input section introduces ("two integers n and k"),
comparison chains (`1 ≤ n, m ≤ 2·10^5`, `0 ≤ |x_i| ≤ 10^5`, `1 ≤ k ≤ n`, `a_1 ≤ a_2 ≤ … ≤ a_n`),
ranges in words ("between 1 and 100"), string lengths and alphabets, claims and sums over test
cases. The parts: `spec_text` (one normal form, sections), `spec_expr` (tokens, arithmetic),
`spec_chain` (comparison chains, rewrites of words into chains), `spec_facts` (introductions,
strings, claims, sums), `spec_names` (which words are variables), `spec_merge` (facts to bounds);
the layout is `spec_layout`'s.

Soundness first: a wrong bound throws valid inputs away and generates invalid ones, a missing
one only loses reach. So when a statement gives a variable several bounds on one side
(subproblems "n ≤ 100 in C1, n ≤ 10^5 in C2", Code Jam test sets) the widest is kept; a bound on
one element (`a_1 = 1`) is not a bound on the array; a test set that leaves a side unbounded
leaves it unbounded; and every constraint-looking phrase that gave no fact goes to `unknown`.
"""

from __future__ import annotations

import re
from dataclasses import replace

from alphasolve.inputs.spec import Bound, Claim, Spec, SumBound, Variable
from alphasolve.inputs.spec_claims import read_claims, read_equality, read_relations, resolve_unequal
from alphasolve.inputs.spec_chain import (ALL, EXAMPLE, Chain, chains, index_key, rewrite, sentences,
                                          short)
from alphasolve.inputs.spec_expr import STOP, Term, Token, generic_index, parse_term, tokenize
from alphasolve.inputs.spec_facts import (MARK, alphabet, alphabet_subject, guarantees, introductions,
                                          lengths, namelike, sum_bound)
from alphasolve.inputs.spec_merge import Fact, layout_names, per_line_relations, side_bounds
from alphasolve.inputs.spec_names import Names, split
from alphasolve.inputs.spec_pins import read_pins, resolve_deferred
from alphasolve.inputs.spec_tie import tie_unnamed
from alphasolve.inputs.spec_text import (is_input_heading, is_limits_heading, is_test_set_heading, normalize,
                                         sections)

_LOOKS_CONSTRAINT = re.compile(r"[≤≥<>≠]|<image>|\bguarantee|\bdistinct\b|\bdifferent\b|\bpermutation\b|"
                               r"\bsorted\b|\bincreasing\b|\bdecreasing\b|\btree\b|\bconnected\b|"
                               r"\bbetween\b|\brange\b|\bpositive\b|\bnegative\b|\d\^\d|"
                               r"\bconsist\w* (?:only )?of (?:\S+ )?"
                               r"(?:lowercase|uppercase|small|capital|latin|english|characters|letters|digits)",
                               re.IGNORECASE)


#: the sections besides the input's whose guarantees constrain the input: the legend (before the
#: first heading) and the output's ("It is guaranteed that the answer exists")
_ELSEWHERE = ("", "output", "output format", "output specification", "problem", "statement", "legend",
              "story", "description")

def input_section(description: str) -> str | None:
    """The statement's input section in the parser's normal form (plain text), or None."""
    found = _input(sections(normalize(description)[0]))
    return None if found is None else found[1].replace(MARK, "")


def _input(secs: list[tuple[str, str]]) -> tuple[int, str] | None:
    return next(((k, body) for k, (name, body) in enumerate(secs) if is_input_heading(name)), None)


class _Reader(Names):
    """Reads the sections sentence by sentence into facts, claims and sums (`read`), then
    makes the Spec of them (`spec`)."""

    def __init__(self) -> None:
        super().__init__()
        self.fallback: dict[tuple[str, str], Bound] = {}   # bounds without element-wise relations
        self.claims: list[tuple[str, Claim]] = []
        self.unequal: list[tuple[str, Term, Term, str]] = []
        self.sums: list[SumBound] = []
        self.unknown: list[str] = []
        self.last_pair: list[str] | None = None
        self.last_indexed: list[str] = []
        self.produced = 0
        self.log: list[tuple[str, list[str]]] = []    # the input section's sentences, with the names they say
        self.deferred: list = []                      # claims whose subject the layout tells (spec_pins)
        self.zero_based: set[str] = set()             # arrays the statement indexes from 0
        self.said: list[str] = []                     # the variables the sentence before named

    # -- sentences -----------------------------------------------------------------------------

    def read(self, scope: str, body: str, is_input: bool) -> None:
        for sentence in sentences(body):
            before = self.produced
            plain = sentence.replace(MARK, "")
            sentence = rewrite(sentence)
            tokens = tokenize(sentence)
            if is_input:
                self.introduce(tokens, sentence, plain)
                if re.search(r"\b(?:may|can|might) be replaced\b|\binstead of\b", plain):
                    for t in tokens:     # "Only b may be replaced by an R": not only a number
                        if t.kind == "ident" and (v := self.resolve(*split(t.text))) is not None:
                            self.vars[v].type = "conflict"
            skip: set[int] = set()
            found = sum_bound(tokens, plain)
            if found is not None:
                name, value, first, last = found
                self.sums.append(SumBound(name, Bound(value=int(value) if value.lstrip("-").isdigit()
                                                      else float(value)), plain))
                self.produced += 1
                skip = set(range(first, last))
            for chain in chains(tokens, skip, sentence):
                self.chain(scope, chain, plain, is_input, sentence)
            self.strings(scope, tokens, sentence, plain)
            unknown = len(self.unknown)
            read_claims(self, scope, tokens, plain)
            if read_pins(self, scope, tokens, plain, True):     # "not all a_i are zero", "b_n = 0"
                self.unknown[unknown:] = [u for u in self.unknown[unknown:] if u != short(plain)]
            read_relations(self, scope, plain)
            if "<image>" in plain:
                self.unknown.append(short(plain))
            elif self.produced == before and _LOOKS_CONSTRAINT.search(plain):
                self.unknown.append(short(plain))
            self.said = self.named(tokens, namelike_only=False)

    def introduce(self, tokens: list[Token], sentence: str, plain: str) -> None:
        for k, tok in enumerate(tokens):
            if tok.kind == "ident" and namelike(tok) and k >= 2 and tokens[k - 1].text == "," and re.match(
                    r"(?:test ?cases|testcases|cases|tests|queries)$", tokens[k - 2].text, re.IGNORECASE):
                self.declare(*split(tok.text))          # "the number of test cases, T"
            elif tok.kind == "ident" and namelike(tok) and k >= 2 and tokens[k - 1].text.lower() in (
                    "cases", "testcases", "queries", "tests") and any(t.text.lower() == "number" for t in tokens[:k]):
                var = self.declare(*split(tok.text))    # "the number of test cases t": a count
                var.type = "int" if var.type == "unknown" else var.type
            elif tok.kind == "ident" and tok.math and not re.fullmatch(r"[a-z]{4,}", tok.text) \
                    and tok.text.lower() not in STOP:   # $n$, <b>N</b>: kept if the layout reads it
                self.pending.append(split(tok.text))
        for group in introductions(tokens, sentence):
            names = []
            for intro in group:
                if intro.raw == ALL:
                    continue
                base, index = split(intro.raw)
                var = self.declare(base, index, intro.ellipsis)
                base = var.name
                if var.type == "unknown" or var.type == intro.type:
                    var.type = intro.type
                elif var.type != intro.type and intro.type != "unknown":    # "the value m" says nothing
                    var.type = "conflict"
                if intro.low is not None:
                    var.low_word = intro.low if var.low_word is None else min(var.low_word, intro.low)
                var.sources.append(short(plain))
                names.append(base)
            distinct = list(dict.fromkeys(names))
            if len(distinct) in (2, 3) and re.search(r"\blines\b|\bedges?\b|-th\b", plain) \
                    and not re.search(r"\btest cases?\b", plain):     # the edges: "next n - 1 lines contain u and v"
                self.last_pair = distinct[:2]
            if len(distinct) == 1 and self.vars[distinct[0]].indexed and group[0].distinct:
                self.claims.append(("", Claim("distinct", distinct, short(plain))))

    def chain(self, scope: str, chain: Chain, plain: str, is_input: bool, sentence: str) -> None:
        sides, ops = chain.sides, chain.ops
        source = chain.text
        if chain.refused or EXAMPLE.search(plain) or re.search(r"\botherwise\b", plain, re.I):
            self.unknown.append(source)     # (a bound under a condition: "..., where A = -1, otherwise B = 0")
            return
        if ops[0] in ("=", "≠"):
            read_equality(self, scope, sides, ops[0], source, plain, is_input)
            return
        if ops[0] in ("≥", ">"):
            sides = sides[::-1]
            ops = [{"≥": "≤", ">": "<"}[o] for o in ops[::-1]]
        subjects = 0
        if any(t.kind == "ellipsis" for side in sides for t in side):    # x_1 ≤ x_2 ≤ … ≤ x_n: an array
            for base in {t.name for side in sides for t in side if t.kind == "var" and t.index is not None}:
                self.to_array(base)
        for side in sides:      # every name of the chain first: "1 ≤ S < R ≤ 100" relates S to R
            for term in side:
                if term.kind == "var" and term.name != ALL:
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
                                self.facts.append(Fact(scope, name, sidename, bound, source, True, term.abs,
                                                        None, weak or term.name == ALL))
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
                        self.facts.append(Fact(scope, name, sidename, bound, source, generic, term.abs,
                                                term.index, weak))
                        subjects += 1
                if len(same) > 1 and k == same[0]:
                    keys = [index_key(t.index) for j in same for t in sides[j] if t.kind == "var"]
                    if None in keys or any(a >= b for a, b in zip(keys, keys[1:])):
                        self.unknown.append(source)      # "c_i ≤ c_(i - 1)": not ascending
                        continue
                    strict = all(ops[j] == "<" for j in range(same[0], same[-1]))
                    self.claims.append((scope, Claim("sorted_strict" if strict else "sorted", [name], source)))
                    subjects += 1
        if subjects:
            self.produced += 1
        elif any(t.kind == "var" and t.name not in ("i", "j") for s in sides for t in s) or \
                not any(t.kind == "var" for s in sides for t in s):
            self.unknown.append(source)

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
        return [(b, w) for b, w, _ in found[:1]] + [(b, True) for b, _, _ in found[1:]]

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

    def strings(self, scope: str, tokens: list[Token], sentence: str, plain: str) -> None:
        mentioned = [self.resolve(*split(t.text)) for t in tokens if t.kind == "ident"]
        absolute = set(re.findall(r"\|\ue000?([A-Za-z]\w*?)(?:_\w+)?\|", sentence))
        targets = [n for n in dict.fromkeys(mentioned) if n and (self.vars[n].type == "string"
                   or (self.vars[n].type == "unknown" and n in absolute))]
        if not targets and re.search(r"\bstrings?\b", plain):
            targets = [n for n, v in self.vars.items() if v.type == "string"]
        if not any(mentioned) and len(self.said) == 1 and self.vars[self.said[0]].type == "string" and \
                re.match(r"(?:its|their) (?:length|size)\b", plain, re.I):
            targets = self.said       # "... a string s ... . Its length does not exceed 10."
        found = lengths(plain)
        letters, phrase = alphabet(plain)
        own = alphabet_subject(plain)
        if letters and own and re.fullmatch(r"[A-Za-z](?:_\w+)?", own):
            targets = [self.resolve(*split(own)) or self.declare(*split(own)).name]   # "all characters in s are"
        if not found and phrase is None:
            return
        if len(targets) != 1:
            self.unknown.append(short(plain))
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
                self.facts.append(Fact(scope, var.name, side, bound, source))
                self.produced += 1
        if phrase is not None and letters is None:
            self.unknown.append(phrase)
        elif letters is not None:
            var.alphabet = letters if var.alphabet is None else "".join(sorted(set(var.alphabet) | set(letters)))
            self.produced += 1

    # -- the spec --------------------------------------------------------------------------------

    def set_numbers(self, test_sets: list[str]) -> dict[tuple[str, str, str], int | float]:
        """Each variable's numeric bounds within each test set (its own facts and the general
        ones: the widest of them, true in that set)."""
        out: dict[tuple[str, str, str], int | float] = {}
        for name, var in self.vars.items():
            vtype = var.type if var.type in ("int", "real", "unknown") else "unknown"
            for scope in test_sets:
                facts = [replace(f, scope="") for f in self.facts if f.name == name and f.scope in ("", scope)]
                for side, bound in side_bounds(var.indexed, var.indices, vtype, facts, []).items():
                    if bound.value is not None and side in ("low", "high"):
                        out[(name, scope, side)] = bound.value
        return out

    def spec(self, test_sets: list[str]) -> Spec:
        spec = Spec(section=True)
        resolve_unequal(self)
        numbers = self.set_numbers(test_sets)

        def numeric(name: str, side: str, scope: str) -> int | float | None:
            return numbers.get((name, scope, side))
        for name, var in self.vars.items():
            vtype = var.type if var.type in ("int", "real", "string", "unknown") else "unknown"
            out = Variable(name, vtype, indexed=var.indexed)
            facts = [f for f in self.facts if f.name == name]
            sides = side_bounds(var.indexed, var.indices, vtype, facts, test_sets, numeric)
            plain = [f for f in facts if not (f.bound.expr and set(re.findall(r"[A-Za-z]\w*", f.bound.expr))
                                              & self.arrays)]
            for side, bound in side_bounds(var.indexed, var.indices, vtype, plain, test_sets).items():
                self.fallback[(name, side)] = bound
            out.low, out.high = sides.get("low"), sides.get("high")
            out.length_low, out.length_high = sides.get("length_low"), sides.get("length_high")
            if vtype == "unknown" and (out.length_low or out.length_high) and not (out.low or out.high):
                out.type = vtype = "string"      # "1 ≤ |s| ≤ 1000": s is a string
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
    for k, (name, sbody) in enumerate(secs):      # the legend's "The text begins with a letter"
        if k < index and name in _ELSEWHERE:
            for sentence in sentences(sbody):
                read_pins(reader, "", tokenize(rewrite(sentence)), sentence.replace(MARK, ""), False)
    spec = reader.spec(test_sets)
    spec.unknown += [short(g) for k, (name, sbody) in enumerate(secs) if k != index and name in _ELSEWHERE
                     for g in guarantees(sentences(sbody))]
    try:
        from alphasolve.inputs.spec_layout import attach_layout
    except ImportError:     # the layout reader is optional: bounds are useful without it
        return spec
    names = [v.name for v in spec.variables]
    extra = [n for n in dict.fromkeys(reader.key(b, i) for b, i in reader.pending)
             if n not in names and n not in ("i", "j") and n.split("_")[0] not in reader.arrays]
    attach_layout(spec, body.replace(MARK, ""), names + extra)     # (with spec_unnamed's variables)
    read = layout_names(spec.layout or [])
    spec.variables += [Variable(n, "unknown", indexed=n in reader.arrays) for n in extra if n in read]
    per_line_relations(spec, reader.arrays, reader.fallback)
    tie_unnamed(spec)
    resolve_deferred(spec, reader.log, reader.deferred, reader.zero_based)
    return spec

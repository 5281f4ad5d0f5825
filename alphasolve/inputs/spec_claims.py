"""Claims and equalities of a statement's sentences, for the spec parser (`spec_parse._Reader`,
passed as `reader`): "The numbers are pairwise distinct", "the graph is a tree", "all points are
different", "x = 5" (Code Jam: "Test Set 1: K = 2"), "|s| = n", "u_i ≠ v_i". Split out of
`spec_parse`."""

from __future__ import annotations

import re

from alphasolve.inputs.spec import Bound, Claim
from alphasolve.inputs.spec_chain import clauses, short
from alphasolve.inputs.spec_expr import Token, generic_index, tokenize
from alphasolve.inputs.spec_facts import claim_kinds
from alphasolve.inputs.spec_merge import Fact
from alphasolve.inputs.spec_names import split

#: nouns for values: "the numbers are distinct" is about the array just read, "no two points
#: coincide" is about tuples of several variables
_VALUES = re.compile(r"\b(?:numbers|integers|values|elements|strings|words|names|letters|sequence|array|"
                     r"they|them)\b", re.IGNORECASE)


#: things a pair of values per line places ("the points are pairwise distinct": no pair repeats)
_PLACES = re.compile(r"\b(?:points|cells|positions|locations|coordinates|squares|stations)\b", re.I)


def read_claims(reader, scope: str, tokens: list[Token], plain: str) -> None:
    """Claims clause by clause: the subject is the variable the clause names (an array),
    else, for a clause naming none, the array of the sentence before ("The strings are
    pairwise distinct"); graphs take the pair of the sentence or the last pair read."""
    words = reader.named(tokens)
    for clause in clauses(plain):
        kinds, refused = claim_kinds(clause)
        if refused:
            reader.unknown.append(short(plain))
        names = reader.named(tokenize(clause))
        indexed = [n for n in names if reader.vars[n].indexed]
        for kind in kinds:
            if kind in ("tree", "connected", "no_self_loops", "no_multi_edges"):
                subject = next((p for p in (names, words, [n for n in words if reader.vars[n].indexed])
                                if len(p) == 2), reader.last_pair)
            elif kind == "permutation":     # "the size of the permutation" is no claim on n
                subject = indexed[:1] if len(indexed) == 1 else None
            else:     # a clause naming nothing speaks of the array before only if it says values
                subject = indexed[:1] if len(indexed) == 1 else (names if len(names) == 1 else (
                    reader.last_indexed if not words and said_of(reader, clause, reader.last_indexed) else None))
            if not subject and kind == "distinct" and reader.last_pair and _PLACES.search(clause):
                kind, subject = "distinct_rows", reader.last_pair    # "All points are different"
            if not subject:
                reader.unknown.append(short(plain))
                continue
            reader.claims.append((scope, Claim(kind, list(subject), short(plain))))
            reader.produced += 1
    indexed = [n for n in words if reader.vars[n].indexed]
    reader.last_indexed = indexed if len(indexed) == 1 else ([] if indexed else reader.last_indexed)

def said_of(reader, clause: str, names: list[str]) -> bool:
    """Whether a clause naming no variable ("The strings are pairwise distinct") speaks of
    `names`: it says values of their type ("strings" of a string, "numbers" of a number)."""
    if len(names) != 1 or not _VALUES.search(clause):
        return False
    stringy = bool(re.search(r"\b(?:strings|words|names)\b", clause, re.IGNORECASE))
    return stringy == (reader.vars[names[0]].type == "string")


def read_equality(reader, scope: str, sides: list, op: str, source: str, plain: str, is_input: bool) -> None:
    """"x = 5" bounds x on both sides (Code Jam: "Test Set 1: K = 2"); "u_i ≠ v_i" is a claim."""
    if len(sides) != 2 or len(sides[0]) != 1 or len(sides[1]) != 1:
        reader.unknown.append(source)
        return
    a, b = sides[0][0], sides[1][0]
    if op == "≠":
        if a.kind != "var" or b.kind != "var":
            return
        reader.unequal.append((scope, a, b, source))   # named later in the sentence: resolved in `spec`
        reader.produced += 1
        return
    if b.kind == "var" and b.abs:
        a, b = b, a
    if a.kind == "var" and a.abs and (key := reader.resolve(a.name, a.index)) is not None \
            and reader.vars[key].type in ("string", "unknown"):      # "|s| = n": a length
        bound = Bound(value=b.value) if b.kind == "num" else (
            Bound(expr=e) if (e := reader.expression(b)) is not None else None)
        if bound is not None and not re.search(r"\b(?:or|if|when|either)\b", plain, re.IGNORECASE):
            reader.vars[key].type = "string"
            for side in ("length_low", "length_high"):
                reader.facts.append(Fact(scope, key, side, bound, source))
            reader.produced += 1
        return
    if b.kind == "var":
        a, b = b, a
    names = reader.targets(a, False, False) if a.kind == "var" else []   # no new names
    if len(names) == 1 and b.kind == "num" and not a.abs \
            and not re.search(r"\b(?:or|if|when|either|where)\b", plain, re.IGNORECASE):
        for side in ("low", "high"):
            reader.facts.append(Fact(scope, names[0], side, Bound(value=b.value), source,
                                   generic_index(a.index), False, a.index))
        reader.produced += 1
        index = a.index.strip("{}") if a.index else None
        at = index if index and index.isdigit() and int(index) >= 1 else (
            reader.resolve(index) if index and re.fullmatch(r"[A-Za-z]\w*", index) else None)
        if at and not generic_index(a.index) and reader.vars[names[0]].indexed:   # "a_1 = 0", "b_n = 0"
            reader.claims.append((scope, Claim("pinned", [names[0]], short(plain), f"{names[0]}_{at} = {b.value}")))
    elif a.kind == "var" and reader.resolve(a.name, a.index):
        reader.unknown.append(source)


def resolve_unequal(reader) -> None:
    """The "x_1 ≠ x_2" of the whole section as claims, once every name is declared (a sentence
    may name its values after the chain: "four integers — x_1, x_2, a and b (x_1 ≠ x_2, ...)")."""
    for scope, a, b, source in reader.unequal:
        ka, kb = reader.resolve(a.name, a.index), reader.resolve(b.name, b.index)
        if ka and kb and ka != kb:
            reader.claims.append((scope, Claim("no_self_loops", [ka, kb], source)))
        else:
            reader.unknown.append(source)


#: a sum or difference of values compared with a value or a number: "a + b = n", "|dx| + |dy| ≥ 1"
_TERM = r"\|?[A-Za-z][A-Za-z0-9]*(?:_\{?[A-Za-z0-9]+\}?)?\|?"
_RELATION = re.compile(r"(?<![\w|^·*/])(?P<lhs>" + _TERM + r"(?:\s*[+-]\s*" + _TERM + r")+)\s*(?P<op>=|≤|≥|<|>)\s*"
                       r"(?P<rhs>" + _TERM + r"|\d+)(?![\w|^·*/+-])")
_OPS = {"=": lambda a, b: a == b, "≤": lambda a, b: a <= b, "≥": lambda a, b: a >= b,
        "<": lambda a, b: a < b, ">": lambda a, b: a > b}


def read_relations(reader, scope: str, plain: str) -> None:
    """"a + b = n", "|dx| + |dy| ≥ 1": a sum or difference of values compared with a value or a
    number, every name one the statement declares (checked on each line holding them all)."""
    if re.search(r"\b(?:or|if|when|unless|otherwise|not|either)\b", plain, re.I):
        return
    for m in _RELATION.finditer(plain):
        terms = re.findall(_TERM, m.group("lhs")) + ([m.group("rhs")] if not m.group("rhs").isdigit() else [])
        names = [reader.resolve(*split(t.strip("|"))) for t in terms]
        if not all(names) or len(set(names)) != len(names):
            continue
        expr = re.sub(r"\s+", " ", m.group(0)).strip()
        for term, name in zip(terms, names):
            expr = re.sub(r"(?<![\w])" + re.escape(term.strip("|")) + r"(?![\w])", name, expr)
        reader.claims.append((scope, Claim("relation", list(dict.fromkeys(names)), short(plain), expr)))
        reader.produced += 1


def relation_holds(expr: str, values: dict[str, int | float]) -> bool | None:
    """Whether a relation claim's `expr` holds for the values of one line; None when a value is
    missing or not a number."""
    m = re.fullmatch(r"(?P<lhs>.+?)\s*(?P<op>=|≤|≥|<|>)\s*(?P<rhs>\S+)", expr)
    if not m:
        return None

    def side(text: str) -> int | float | None:
        total, sign = 0, 1
        for tok in re.findall(r"[+-]|\|?[A-Za-z]\w*\|?|\d+", text):
            if tok in "+-":
                sign = 1 if tok == "+" else -1
                continue
            value = int(tok) if tok.isdigit() else values.get(tok.strip("|"))
            if not isinstance(value, (int, float)) or isinstance(value, bool):
                return None
            total += sign * (abs(value) if tok.startswith("|") else value)
        return total
    lhs, rhs = side(m.group("lhs")), side(m.group("rhs"))
    return None if lhs is None or rhs is None else _OPS[m.group("op")](lhs, rhs)

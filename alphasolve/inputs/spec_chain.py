"""Comparison chains and sentence rewriting for the spec parser.

A constraint is a chain of sides joined by comparisons ("1 ≤ n, m ≤ 2·10^5", "0 ≤ |x_i| ≤ n - 1",
"a_1 ≤ a_2 ≤ … ≤ a_n"); `chains` finds them in a sentence's tokens and marks the ones that must
not be read (next to "or", "if", after "not", a side not read whole, a mixed "≤ … =" chain).
`rewrite` first turns ranges and alternatives said in words into chains ("x_i is between 1 and
100", "a_i = 0 or a_i = 1", "All numbers in the input are positive and ≤ 5000").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from alphasolve.inputs.spec_expr import MARK, Term, Token, parse_term, tokenize

NOT_SUBJECT_BEFORE = {"of", "sum", "total", "∑", "number", "product", "^", "·", "*", "/", "+", "-", "|",
                       "_", "count", "exceed"}


@dataclass
class Chain:
    sides: list[list[Term]]
    ops: list[str]
    end: int
    text: str
    refused: bool = False    # "1 ≤ p_i ≤ n or p_i = -1", "none of them > 10^4": not a fact


def chains(tokens: list[Token], skip: set[int], sentence: str = "") -> list[Chain]:
    """The chains of a sentence's tokens (`sentence`: their text, for each chain's source)."""
    out, i = [], 0
    while i < len(tokens):
        chain = None if i in skip else chain_at(tokens, i, sentence)
        if chain is None:
            i += 1
            continue
        out.append(chain)
        i = chain.end
    return out


def chain_at(tokens: list[Token], i: int, sentence: str = "") -> Chain | None:
    if tokens[i].kind == "op" or (i > 0 and tokens[i - 1].text.lower() in NOT_SUBJECT_BEFORE
                                  and not (tokens[i - 1].text == "-" and tokens[i].kind != "num")):
        return None
    if i > 0 and tokens[i - 1].text == "-":
        return None
    first = chain_side(tokens, i)
    if first is None:
        return None
    sides, ops, j = [first[0]], [], first[1]
    ends, mixed = [j], False
    while j < len(tokens) and tokens[j].kind == "op":
        op = tokens[j].text
        if ops and (op in "=≠" or ops[0] in "=≠" or (op in "≤<") != (ops[0] in "≤<")):
            # "L_a ≤ L_b = R_b ≤ R_a": a mixed chain is not read, to its end
            mixed = True
            while j < len(tokens) and tokens[j].kind == "op" and (nxt := chain_side(tokens, j + 1)) is not None:
                j = nxt[2]
            break
        nxt = chain_side(tokens, j + 1)
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
    text = sentence[tokens[i].start:tokens[j - 1].end].replace(MARK, "") if sentence else \
        " ".join(t.text for t in tokens[i:j])
    ends = [e for e in ends if e < len(tokens)]
    cut = any(tokens[e].kind == "num" or not tokens[e].space and tokens[e].text not in _CLOSERS for e in ends)
    before = [t.text.lower() for t in tokens[:i]]
    around = before[-3:] + [t.text.lower() for t in tokens[j:j + 2]]
    clause = before[max((k for k, w in enumerate(before) if w in (",", ";", "(")), default=-1) + 1:]
    refused = mixed or cut or any(w in _REFUSE for w in around) or any(w in _NEGATIONS for w in before) \
        or "either" in before or "or" in clause \
        or _names_a_thing(ops, tokens[j] if j < len(tokens) else None)
    return Chain(sides, ops, j, re.sub(r"\s+([,)])", r"\1", text), refused)


def _names_a_thing(ops: list[str], after: Token | None) -> bool:
    """'the X = 0 wall', 'the y = x line': an equality followed by a noun names a thing (a
    wall, a line, a case) and states no value; a stated one ends or goes on with a connective
    ('n = 1 for all tests', 'k = 0 in the first group')."""
    return set(ops) == {"="} and after is not None and after.kind == "ident" and not after.math \
        and len(after.text) > 1 and after.text.lower() not in _AFTER_EQUALITY


#: words that may follow an equality stated as a fact
_AFTER_EQUALITY = {"and", "or", "for", "in", "holds", "hold", "always", "respectively", "where", "with", "then",
                   "is", "are", "also", "too", "exactly", "here", "at", "on", "inclusive", "only", "because",
                   "since", "so", "but", "as", "by", "to", "from", "of", "must", "will", "should", "each",
                   "all", "every", "when", "if", "otherwise", "unless", "that", "which", "whereas"}


#: what may follow a side without a space; anything else ("n(n - 1) / 2", "min(10^6, n)",
#: "50 000" with a plain space) means the side was not read whole
_CLOSERS = {",", ")", ".", ";", ":", "]", "}", "—", "-", "'", '"', "…"}

#: words anywhere before a chain in its sentence that negate it ("It is not the case that ...")
_NEGATIONS = {"not", "never", "none", "n't", "unless", "cannot"}

#: words next to a chain that make it conditional or negated
_REFUSE = {"or", "if", "when", "unless", "otherwise", "none", "no", "not", "never", "either", "except"}


def chain_side(tokens: list[Token], i: int) -> tuple[list[Term], int, int] | None:
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


ALL = "ALLNUMBERS"
ALL_MARK = MARK + ALL
_EXPR = r"-?\s*(?:\ue000?[A-Za-z](?:_\w+)?|\d[\d.]*(?:\s*\^\s*\d+)?(?:\s*·\s*\d+(?:\s*\^\s*\d+)?)?)(?:\s*[-+]\s*\d+)?"
_IDS = r"(\|?\ue000?[A-Za-z][\w']*\|?(?:\s*,\s*\|?\ue000?[A-Za-z][\w']*\|?)*)"
_BETWEEN = re.compile(_IDS + r"\s+(?:(?:is|are|lies?|lie|will be|must be|each|all|inclusive)\s+)*"
                      r"(?:(?<=is |be |re )(?:an? )?(?:integers?|numbers?|real numbers?|reals?)\s+)?(strictly\s+)?"
                      r"(?:between|in the range|in range|in the interval|in the segment)\s+(?:from\s+)?(" + _EXPR
                      + r")\s*(?:and|to|\.\.)\s*(" + _EXPR + r")(?![\w^·])(?:\s*,?\s*\(?(inclusive(?:ly)?|"
                      r"exclusive(?:ly)?))?")
_BRACKET = re.compile(_IDS + r"\s+(?:(?:is|are|lies?|lie|each|all)\s+)*(?:∈|in|in the (?:range|interval|segment))"
                      r"\s*\[\s*(" + _EXPR + r")\s*[,;]\s*(" + _EXPR + r")\s*\]")


#: a sentence that gives an example ("an interval with (S_i = 2; E_i = 5)") states no constraint
EXAMPLE = re.compile(r"\bfor example\b|\be\.\s?g\.|\bfor instance\b|\bexample\b|\bsuch as\b", re.IGNORECASE)
_NUM = r"-?\s*\d+(?:\s*\^\s*\d+)?"
_VAR = r"\ue000?[A-Za-z]\w*"
_DISJUNCTION = re.compile(r"(" + _VAR + r")\s+(?:(?:is|are)\s+)?(?:either\s+)?(?:equals?\s+(?:to\s+)?|=\s*)"
                          r"(?:either\s+)?(" + _NUM + r")\s+or\s+(?:equals?\s+(?:to\s+)?)?(?:\1\s*=\s*)?("
                          + _NUM + r")(?![\w^·.])")
_CHAIN_OR = re.compile(r"(" + _NUM + r")\s*≤\s*(" + _VAR + r")\s*≤\s*(" + _NUM + r"|" + _VAR + r")"
                       r"\s+or\s+\2\s*=\s*("
                       + _NUM + r")(?![\w^·.])")


def union(var: str, numbers: list[str]) -> str:
    """"a_i = 0 or a_i = 1", "1 ≤ a_i ≤ 10^9 or a_i = -1": the range of the alternatives."""
    values = [parse_term(tokenize(n), 0) for n in numbers]
    if any(v is None for v in values):
        return " ".join(numbers)
    nums = [v[0].value for v in values if v[0].kind == "num"]
    if len(nums) != len(values):     # "1 ≤ p_i ≤ n or p_i = -1": the low side only
        return f"{min(nums)} ≤ {var}" if len(nums) == len(values) - 1 and values[1][0].kind != "num" \
            else " ".join(numbers)
    return f"{min(nums)} ≤ {var} ≤ {max(nums)}"


def rewrite(sentence: str) -> str:
    """Ranges in words as chains: "x_i is between 1 and 100" -> "1 ≤ x_i ≤ 100"; lengths and
    absolute values in words as |x|."""
    s = re.sub(r"\b(?:the )?length of (?:the |each |every |any )?(?:strings? |word )?"
               r"(\ue000[A-Za-z]\w*|[A-Za-z](?:_\w+)?)\b"
               r"(?! (?:is|are) (?:not|un))",
               r"|\1|", sentence)
    s = re.sub(r"\b(?:the )?absolute values? of (\ue000?[A-Za-z]\w*)", r"|\1|", s)
    s = re.sub(r"(\ue000?[A-Za-z][\w]*)\s*(≤|<)\s*(" + _EXPR + r")\s+(?:by|in) (?:its )?(?:absolute value|modulo|"
               r"modulus|magnitude)", r"|\1| \2 \3", s)

    s = re.sub(r"^(?:it is guaranteed that )?all (?:the )?(?:input )?(?:numbers|integers|values)(?: given)?"
               r"(?: in the input(?: data)?| of the input)?(?=\s+(?:are|is|will be|lie|do)\b|\s+[≤<≥>])",
               ALL_MARK, s,
               flags=re.IGNORECASE)
    s = re.sub(r"(" + _VAR + r"),?\s+(?:which|that)\s+(?:is\s+|are\s+)?(?=[≤<≥>])", r"\1 ", s)
    s = re.sub(r"(" + _VAR + r")\s+([≤<≥>])\s+(" + _EXPR + r")\s+and\s+([≤<≥>])(?=\s)", r"\1 \2 \3, \1 \4", s)
    s = _DISJUNCTION.sub(lambda m: union(m.group(1), [m.group(2), m.group(3)]), s)
    s = _CHAIN_OR.sub(lambda m: union(m.group(2), [m.group(1), m.group(3), m.group(4)]), s)
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


def index_key(index: str | None) -> float | None:
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


def clauses(sentence: str) -> list[str]:
    """A sentence cut at commas and semicolons outside parentheses."""
    out, depth, start = [], 0, 0
    for k, ch in enumerate(sentence):
        depth += (ch == "(") - (ch == ")")
        if ch in ",;" and depth <= 0 and sentence[k + 1:k + 2] == " ":
            out.append(sentence[start:k])
            start = k + 1
    return [c.strip() for c in out + [sentence[start:]] if c.strip()]


def _unwrap(lines: list[str]) -> list[str]:
    """Markdown wraps paragraphs: a line ending mid-phrase ("at most", ",", "and") or followed by
    one starting in lower case goes on; a line ending a chain ("1 ≤ T ≤ 100") does not."""
    out: list[str] = []
    for line in lines:
        line = line.strip()
        if out and out[-1] and line and not re.match(r"(?:[-*•]|\d+[.)])\s", line) and (
                re.search(r"(?:[,(≤≥<>=]|\b(?:and|or|of|the|a|an|to|is|are|with|from|than|by))$", out[-1])
                or re.match(r"[a-z]", line) and not re.search(r"[.:;!?]$", out[-1])):
            out[-1] += " " + line
        else:
            out.append(line)
    return out


def sentences(body: str) -> list[str]:
    """Lines cut at '. ' and '; ' outside parentheses ("(S_i = 2; E_i = 5)" stays whole)."""
    out = []
    for line in _unwrap(body.split("\n")):
        line = re.sub(r"^(?:[-*•]|\d+[.)])\s+", "", line.strip())    # list bullets
        depth, start = 0, 0
        for m in re.finditer(r"[()]|(?<=[.;])\s+(?=[A-Z(\ue000-])", line):
            if m.group(0) in "()":
                depth = max(0, depth + (1 if m.group(0) == "(" else -1))
            elif depth == 0:
                out.append(line[start:m.start()])
                start = m.end()
        out.append(line[start:])
    return [s.strip() for s in out if s.strip()]


def short(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    return text if len(text) <= 200 else text[:197] + "..."

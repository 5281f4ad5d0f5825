"""Facts of one sentence that are not comparisons: which variables it introduces (and their types),
string lengths and alphabets, claims (distinct, permutation, sorted, tree, ...), sums over test
cases. Each reader is deliberately narrow: a phrase it does not fully understand gives no fact
(the caller lists it as unknown), because a wrong alphabet or claim rejects valid inputs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from alphasolve.inputs.spec_expr import MARK, STOP, Token, parse_term, split_name

_TYPE_WORDS = {"integer": "int", "integers": "int", "number": "int", "numbers": "int",
               "string": "string", "strings": "string", "word": "string", "words": "string",
               "real": "real", "reals": "real", "permutation": "int", "sequence": "unknown",
               "array": "unknown"}
_REAL_HINT = re.compile(r"\breal\b|\bfloating\b|\bdecimal\b|\bfractional\b|digits? after the (?:decimal )?point",
                        re.IGNORECASE)


_NOT_DECIMAL = re.compile(r"\bin base\b|\bnotation\b|\bbase[- ]\d|\bradix\b|\bwritten in\b|\bbinary\b|"
                          r"\bhexadecimal\b|\broman\b", re.IGNORECASE)


def namelike(tok: Token) -> bool:
    """An identifier that is a variable, not an English word: one letter, or with an index or
    digits, or written as math."""
    if tok.kind != "ident":
        return False
    if tok.math:
        return True
    base, index = split_name(tok.text)
    return len(base) == 1 or index is not None or bool(re.fullmatch(r"[A-Za-z]+\d+|[A-Z]{1,3}", base))


def clean(name: str) -> str:
    return name.replace(MARK, "")


_GUARANTEE = re.compile(r"\bguarantee[ds]?\b|\b(?:you may|you can|we) assume\b|\bit is known that\b|"
                        r"\b(?:will|shall) always (?:be|exist|have)\b", re.IGNORECASE)


def guarantees(sentences: list[str]) -> list[str]:
    """The sentences outside the input section that constrain the input ('It is guaranteed that a
    solution exists', said under Output; 'You may assume that the answer fits in 64 bits'):
    the parser reads none of them, so they are listed as unknown, for downstream validity to
    know that the spec is not the whole truth."""
    return [f"(outside the input section) {clean(s)}" for s in sentences if _GUARANTEE.search(s)]


@dataclass
class Intro:
    raw: str           # as written: "a_1", "n"
    type: str          # int | real | string | unknown
    low: int | None    # "positive" -> 1, "non-negative" -> 0
    ellipsis: bool     # one of "a_1, a_2, ..., a_n"
    distinct: bool     # "n distinct integers a_i"


def introductions(tokens: list[Token], sentence: str) -> list[list[Intro]]:
    """The variable lists a sentence introduces: "two integers n and k", "a string s",
    "n integers a_1, a_2, …, a_n", "numbers: C, F and X"."""
    out: list[list[Intro]] = []
    real = bool(_REAL_HINT.search(sentence))
    for k, tok in enumerate(tokens):
        kind = _TYPE_WORDS.get(clean(tok.text).lower()) if tok.kind == "ident" else None
        if tok.kind == "ident" and tok.text.lower() in ("values", "value", "elements", "element") and k > 0:
            kind = "int" if tokens[k - 1].text.lower() == "integer" else "unknown"
        if kind is None:
            continue
        before = " ".join(clean(t.text).lower() for t in tokens[max(0, k - 7):k])
        before = before.split(",")[-1]
        word = clean(tok.text).lower()
        if kind == "int" and (re.search(r"\breal|\bfloat|\bdecimal|\bfraction", before)
                              or real and word.startswith("number")):
            kind = "real"      # "an integer N, and two floating-point numbers A and B": N stays int
        if kind == "int" and _NOT_DECIMAL.search(sentence):
            kind = "unknown"      # "integer c in base a", "in binary notation": not a decimal token
        low = 1 if re.search(r"\b(?:positive|natural)\b", before) else None
        if re.search(r"non ?- ?negative|nonnegative", before):
            low = 0
        if re.search(r"\bnegative\b|\bnon ?- ?zero\b", before) and low is None:
            low = None
        distinct = bool(re.search(r"\b(?:distinct|different)\b", before))
        names, ellipsis, j = [], False, k + 1
        while j < len(tokens) and tokens[j].text in (":", ","):
            j += 1
        while j < len(tokens):
            t = tokens[j]
            listed = names and tokens[j - 1].text == "," and t.kind == "ident" and len(t.text) <= 4 \
                and t.text.lower() not in STOP and t.text.lower() not in _TYPE_WORDS    # "a, b, mod"
            article = clean(t.text).lower() in ("a", "i") and j + 1 < len(tokens) and tokens[j + 1].kind == "ident" \
                and not namelike(tokens[j + 1]) and tokens[j + 1].text != "and"         # "integers a single"
            ordinal = j + 2 < len(tokens) and tokens[j + 1].text == "-" and tokens[j + 2].text in ("th", "st", "nd")
            index = clean(t.text) in ("i", "j") and not t.math       # "vertex number i": an index
            if (namelike(t) or listed) and not article and not ordinal and not index:
                names.append(clean(t.text))
            elif t.text == "…" and names:
                ellipsis = True
            elif not (t.text in (",", "and") and names):
                break
            j += 1
        if not names:
            names = _names_before(tokens, k)
        if re.search(r"\bfor (?:all|each|every|any)\s*$", before):
            continue     # "t_i < t_(i+1) for all integer i": i is an index
        if names:
            out.append([Intro(n, kind, low, ellipsis, distinct) for n in names])
    return out


def _names_before(tokens: list[Token], k: int) -> list[str]:
    """"speed, ram, hdd and cost are integers": the names before "are (positive) integers"."""
    j = k - 1
    while j >= 0 and tokens[j].text.lower() in ("positive", "non", "-", "negative", "nonnegative", "all",
                                                 "distinct", "natural", "real"):
        j -= 1
    if j < 0 or tokens[j].text.lower() not in ("are", "be"):
        return []
    j -= 1
    if j >= 0 and tokens[j].text.lower() in ("all", "will", "must"):
        j -= 1
    names: list[str] = []
    while j >= 0:
        t = tokens[j]
        if t.kind == "ident" and t.text.lower() not in STOP and not t.text.lower().endswith("s") or namelike(t):
            names.insert(0, t.text)
        elif not (t.text in (",", "and") and names):
            break
        j -= 1
    return names if len(names) >= 1 and (len(names) >= 2 or namelike(tokens[j + 1])) else []


# -- strings -----------------------------------------------------------------------------------

_CLASS = {"lowercase": "abcdefghijklmnopqrstuvwxyz", "small": "abcdefghijklmnopqrstuvwxyz",
          "uppercase": "ABCDEFGHIJKLMNOPQRSTUVWXYZ", "capital": "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
          "digits": "0123456789", "digit": "0123456789"}
_FILLER = {"the", "only", "and", "or", "of", "both", "latin", "english", "alphabet", "letters",
           "letter", "characters", "character", "symbols", "symbol", "chars", "/", ",", "lower",
           "upper", "case", "-", "decimal", "lowercase", "uppercase", "small", "capital",
           "digits", "digit", "from", "a", "to", "z"}
#: characters named in words ("periods", "question marks"); "marks", "signs" follow them
_NAMED = {"periods": ".", "dots": ".", "underscores": "_", "hyphens": "-", "question": "?", "commas": ",",
          "exclamation": "!", "plus": "+", "minus": "-", "asterisks": "*", "hashes": "#", "slashes": "/"}
_FILLER |= {"marks", "mark", "signs", "sign", "(", ")", "'", "-", "as", "well", "well", "also"}
_ALPHA_START = re.compile(r"\b(?:all (?:the )?(?:characters|letters|symbols) (?:in|of) (?:string )?(?P<name>\S+) "
                          r"(?:are|is)|"
                          r"consist(?:s|ing)? (?:only )?of|contains? only|containing only|"
                          r"composed (?:only )?of|made (?:up )?of|only of|of only|only contains?)\b", re.IGNORECASE)
_ALPHA_END = re.compile(r"(?<!')[.;—]|(?<=')[.;—](?!')|\s[-–]\s|\band (?:have|has|its|their|is|are)\b|"
                        r",\s+(?:and\s+)?(?:its|it|the|where|which|with|so)\b|, with\b|"
                        r"\b(?:which|that|where|denoting|representing|describing|describes|and the|without)\b|"
                        r"\bis\b|\bare\b", re.IGNORECASE)


def alphabet_subject(sentence: str) -> str | None:
    """The name an alphabet phrase gives itself: "all characters in s are ..." -> "s"."""
    m = _ALPHA_START.search(sentence)
    return m.group("name") if m and m.group("name") else None


def alphabet(sentence: str) -> tuple[str | None, str | None]:
    """(alphabet, phrase) of "consisting of lowercase Latin letters", "characters '.' and '#'",
    "only of letters 'a' and 'b'"; (None, phrase) when the phrase has words it does not know;
    (None, None) when there is no such phrase. "binary string" is "01"."""
    m = _ALPHA_START.search(sentence)
    if not m:
        if re.search(r"\bbinary string", sentence, re.IGNORECASE):
            return "01", "binary string"
        return None, None
    rest = re.sub(r"'(\w)'\s*(?:[-–]|to|through)\s*'(\w)'", lambda r: " ".join(f"'{chr(c)}'" for c in range(
        ord(r.group(1)), ord(r.group(2)) + 1)) if 0 < ord(r.group(2)) - ord(r.group(1)) < 40 else r.group(0),
        sentence[m.end():])
    end = _ALPHA_END.search(rest)
    phrase = rest[:end.start()] if end else rest
    if not re.search(r"letter|character|symbol|digit|char\b|['\"«‘`]|zeroe?s|ones\b", phrase, re.IGNORECASE):
        return None, None
    chars: set[str] = set()
    bare = re.fullmatch(r"\s*(?:the\s+)?(?:characters|letters|symbols)\s+([A-Za-z0-9])((?:\s*(?:,|and/or|and|or)\s*"
                        r"[A-Za-z0-9])+)\s*", phrase)
    if bare:      # "consisting of characters E and/or N"
        return "".join(sorted({bare.group(1)} | set(re.findall(r"\b[A-Za-z0-9]\b", bare.group(2))))), \
            (m.group(0) + phrase).strip()
    words = re.findall(r"'[^']'|\"[^\"]\"|«[^»]»|[‘`][^’']’?|[A-Za-z]+|\S", phrase)
    quoted = [w for w in words if len(w) >= 3 and w[0] in "'\"«‘`"]
    lower = [w.lower() for w in words]
    for k, w in enumerate(lower):
        if w in _CLASS and not (k + 1 < len(words) and words[k + 1] in quoted and w.startswith("digit")):
            chars |= set(_CLASS[w])
        elif w in ("letters", "letter") and not any(c in lower for c in ("lowercase", "small", "uppercase",
                                                                         "capital")):
            if not (k + 1 < len(words) and words[k + 1] in quoted):
                chars |= set(_CLASS["lowercase"]) | set(_CLASS["uppercase"])
        elif w in ("characters", "symbols", "chars", "character", "symbol"):
            if not (k + 1 < len(words) and words[k + 1] in quoted) and not quoted and not chars:
                return None, phrase.strip()
        elif words[k] in quoted:
            chars.add(words[k][1])
        elif re.fullmatch(r"zeroe?s|ones", w):
            chars |= {"0", "1"}
        elif w in _NAMED:
            chars.add(_NAMED[w])
        elif w not in _FILLER and not re.fullmatch(r"\d+|[a-z]", w):
            return None, phrase.strip()
    if not chars:
        return None, phrase.strip() if phrase.strip() else None
    return "".join(sorted(chars)), (m.group(0) + phrase).strip()


_ADJ = r"(?:(?:lowercase|uppercase|small|capital|latin|english|decimal|binary|printable|ascii|only)\s+)*"


def lengths(sentence: str) -> list[tuple[str, str, str]]:
    """(side, expression, phrase) of string lengths said in words: "of length n" (both sides),
    "consisting of m characters", "non-empty" (low 1), "of length ≤ 100"."""
    out: list[tuple[str, str, str]] = []
    expr = r"((?:\d+\s*·?\s*)?\ue000?[A-Za-z](?:_\w+)?(?:\s*[-+]\s*\d+)?|\d[\d^·.]*)"
    for m in re.finditer(r"\b(?:of|with|has) (?:the )?length (?:exactly |equal to |= )?" + expr
                         + r"(?![\w^·(])(?!\s*[≤≥<>^·*/])", sentence):
        out += [("length_low", m.group(1), m.group(0)), ("length_high", m.group(1), m.group(0))]
    for m in re.finditer(r"\bconsisting of (?:exactly )?" + expr + r" " + _ADJ +
                         r"(?:characters|letters|symbols|digits|chars)\b", sentence):
        out += [("length_low", m.group(1), m.group(0)), ("length_high", m.group(1), m.group(0))]
    for m in re.finditer(r"\b(?:of |with |has )?(?:the )?length (≤|<) " + expr + r"(?![\w^·])", sentence):
        out.append(("length_high", m.group(2) + (" - 1" if m.group(1) == "<" else ""), m.group(0)))
    for m in re.finditer(r"\b(?:of |with |has )?(?:the )?length (≥|>) " + expr + r"(?![\w^·])", sentence):
        out.append(("length_low", m.group(2) + (" + 1" if m.group(1) == ">" else ""), m.group(0)))
    for m in re.finditer(r"\b(?:the )?length (?:of \w+ )?(?:is |can range |ranges |may range |can be )?"
                         r"(?:from|between) " + expr + r" (?:to|and) "
                         + expr + r"(?![\w^·])", sentence):
        out += [("length_low", m.group(1), m.group(0)), ("length_high", m.group(2), m.group(0))]
    for m in re.finditer(r"\b(?:contains?|consists? of|has|have|of) (≤|<|≥|>|exactly)? ?" + expr
                         + r" " + _ADJ + r"(?:characters|letters|symbols|digits|chars)\b", sentence):
        op, e = m.group(1) or "=", m.group(2)
        if op in ("≤", "<", "=", "exactly"):
            out.append(("length_high", e + (" - 1" if op == "<" else ""), m.group(0)))
        if op in ("≥", ">", "=", "exactly"):
            out.append(("length_low", e + (" + 1" if op == ">" else ""), m.group(0)))
    for m in re.finditer(r"\b(?:contains?|consists? of|has|have) (?:between|from) " + expr + r" (?:and|to) " + expr
                         + r" " + _ADJ + r"(?:characters|letters|symbols|digits|chars)\b", sentence):
        out += [("length_low", m.group(1), m.group(0)), ("length_high", m.group(2), m.group(0))]
    if re.search(r"\bnon-?empty\b", sentence, re.IGNORECASE):
        out.append(("length_low", "1", "non-empty"))
    return [(side, e.replace(MARK, "").replace(" ", ""), phrase.replace(MARK, "")) for side, e, phrase in out]


# -- claims ------------------------------------------------------------------------------------

_NEGATION = re.compile(r"\bnot\b|n't\b|\bmay\b|\bmight\b|\bcan\b|\bcould\b|\bpossibly\b|\bnecessarily\b|"
                       r"\bneed\b|\bif\b|\bwhether\b", re.IGNORECASE)
_CLAIMS = [
    ("no_self_loops", re.compile(r"\bno (?:self-?loops?|loops?)\b|\bno edges? (?:connects?|connecting|from|goes) "
                                 r"(?:a|any) (?:vertex|node) (?:to|with) itself", re.IGNORECASE)),
    ("no_multi_edges", re.compile(r"\bno (?:multiple|multi-?|parallel|repeated|duplicate) ?edges\b|\bno two "
                                  r"edges (?:connect|join|coincide|are (?:the same|equal))|\bat most one "
                                  r"edge\b|\ball (?:the )?(?:unordered )?pairs\b.{0,30}\b(?:are )?(?:pairwise )?"
                                  r"(?:distinct|different)\b|\beach (?:unordered )?pair .{0,40}at most once",
                                  re.IGNORECASE)),
    ("tree", re.compile(r"\b(?:forms?|is|are|describes?|represents?|make up|makes up|constitute) an? (?:rooted |"
                        r"valid |correct )?tree\b|\bedges of (?:the|a) tree\b|\bgiven (?:graph|edges) (?:is|form) "
                        r"a tree\b", re.IGNORECASE)),
    ("connected", re.compile(r"\b(?:graph|network|edges)\b.{0,40}\bis connected\b|\bconnected graph\b",
                             re.IGNORECASE)),
    ("permutation", re.compile(r"\b(?:is|be|are|forms?|contains?|given) an? permutation\b|\ba permutation \ue000?"
                               r"[A-Za-z]_|\ba permutation of (?:integers|numbers|length)", re.IGNORECASE)),
    ("sorted_strict", re.compile(r"\bstrictly (?:increasing|ascending)\b", re.IGNORECASE)),
    ("sorted", re.compile(r"\bnon-?decreasing\b|\b(?:sorted|given) in (?:ascending|increasing) order\b|\bsorted\b"
                          r"(?! in (?:descending|decreasing|non-?increasing))", re.IGNORECASE)),
    ("distinct", re.compile(r"\bpairwise (?:distinct|different)\b|\ball (?:of )?(?:the )?(?:\S+ ){0,4}(?:are|is) "
                            r"(?:pairwise )?(?:distinct|different)\b|\bdistinct (?:integers|numbers|values|"
                            r"strings|elements)\b|\bno two (?:\S+ ){1,3}(?:are )?(?:equal|the same|coincide)\b",
                            re.IGNORECASE)),
]
_SELF_PAIR = re.compile(r"(\ue000?[A-Za-z]\w*) and (\ue000?[A-Za-z]\w*) are (?:distinct|different)\b")
_DESCENDING = re.compile(r"\b(?:non-?increasing|decreasing|descending)\b", re.IGNORECASE)


def claim_kinds(sentence: str) -> tuple[list[str], bool]:
    """The claim kinds a sentence states, and whether it looked like one it could not take
    (negated: "not necessarily distinct", "may contain loops"; descending orders)."""
    kinds, refused = [], False
    plain = sentence.replace(MARK, "")
    for kind, pattern in _CLAIMS:
        if kind == "distinct" and "no_multi_edges" in kinds:
            continue
        if kind == "sorted" and "sorted_strict" in kinds:
            continue
        if pattern.search(plain):
            if _NEGATION.search(plain) and not (kind in ("no_self_loops", "no_multi_edges")
                                                and not re.search(r"\bnot\b|n't", plain)):
                refused = True
                continue
            kinds.append(kind)
    if _DESCENDING.search(plain) and re.search(r"\border\b|\bsorted\b", plain):
        refused = True
        kinds = [k for k in kinds if k not in ("sorted", "sorted_strict")]
    m = _SELF_PAIR.search(plain)
    if m and m.group(1) != m.group(2) and "no_multi_edges" not in kinds and "distinct" in kinds:
        kinds = [k for k in kinds if k != "distinct"] + ["no_self_loops"]
    return kinds, refused


# -- sums over test cases ---------------------------------------------------------------------

_SUM_START = re.compile(r"\b(?:sum|total)\b|∑", re.IGNORECASE)
_TESTS = re.compile(r"\btest ?cases?\b|\btests\b|\btestcases\b|\bsets of input data\b|\binput sets\b",
                    re.IGNORECASE)


def sum_bound(tokens: list[Token], sentence: str) -> tuple[str, str, int, int] | None:
    """(name, bound text, first token, last token) of "the sum of n over all test cases
    ≤ 2·10^5", "∑ n ≤ 2·10^5", "the total length of the strings s_i ... ≤ 10^6"; None when the
    sentence is not about a sum over test cases (a sum within one test is not a SumBound)."""
    if not _SUM_START.search(sentence) or not _TESTS.search(sentence):
        return None
    start = next((k for k, t in enumerate(tokens) if clean(t.text).lower() in ("sum", "total", "∑")), None)
    if start is None:
        return None
    op = next((k for k in range(start + 1, len(tokens)) if tokens[k].text in ("≤", "<")), None)
    if op is None:
        return None
    words = [clean(t.text).lower() for t in tokens[start + 1:op]]
    idents = [clean(t.text) for t in tokens[start + 1:op] if namelike(t) and t.text not in ("i", "j")]
    if len({split_name(n)[0] for n in idents}) != 1:
        return None
    name = split_name(idents[0])[0]
    if any(w in ("length", "lengths", "size", "sizes") for w in words) or "|" in words:
        name = f"|{name}|"
    elif any(w in ("·", "*", "+", "^", "product", "squares", "square") for w in words):
        return None
    parsed = parse_term(tokens, op + 1)
    if parsed is None or parsed[0].kind != "num":
        return None
    value = parsed[0].value
    if tokens[op].text == "<" and isinstance(value, int):
        value -= 1
    return name, str(value), start, parsed[1]

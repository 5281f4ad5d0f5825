"""An input spec: what a problem statement says about valid inputs (pure data, JSON round trip).

    spec = parse_spec(problem.description)         # alphasolve.inputs.spec_parse
    reasons = check_input(spec, text)              # alphasolve.inputs.spec_check: [] = valid

A `Spec` holds, for the variables named in the statement's input section, their type and bounds
(numbers, or expressions over other variables such as "n - 1"), string lengths and alphabets;
claims (distinct, permutation, sorted, tree, ...); sums over test cases; and the layout of the
input (which variables each line holds, which lines repeat how often). What the parser cannot read
stays unknown (None) and is listed in `unknown`: it is never guessed.

Names: a variable is named as in the statement with its index dropped: `a_i`, `a_1, ..., a_n`
and `a[i]` are all "a" (with `indexed=True`); `|s|` is the length of "s".
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Union

#: version of the spec format and of the parser: part of the inputs stage's key
SPEC_VERSION = 2

TYPES = ("int", "real", "string", "unknown")
CLAIMS = ("distinct", "permutation", "sorted", "sorted_strict", "tree", "connected",
          "no_self_loops", "no_multi_edges", "distinct_rows",   # distinct_rows: no (u_i, v_i) twice
          "relation")                                           # relation: `expr` holds on each line


@dataclass
class Bound:
    """One side of a range: a number (`value`), or an expression over other variables (`expr`,
    e.g. "n", "n - 1", "2 * m", "n * m") to be evaluated where the input is read. Integer
    bounds are inclusive ("x < 10" is stored as 9); real bounds keep `strict`."""

    value: int | float | None = None
    expr: str | None = None
    strict: bool = False

    def known(self) -> bool:
        return self.value is not None or self.expr is not None

    def __str__(self) -> str:
        if self.value is not None:
            return _number(self.value)
        return self.expr or "?"


@dataclass
class Variable:
    name: str
    type: str = "unknown"                 # one of TYPES
    low: Bound | None = None              # value bounds (int, real)
    high: Bound | None = None
    length_low: Bound | None = None       # string length bounds (|s|)
    length_high: Bound | None = None
    alphabet: str | None = None           # every allowed character, sorted ("abc...z", ".#", "01")
    indexed: bool = False                 # one of a sequence: a_i, a_1 ... a_n
    source: str = ""                      # the phrase(s) these facts come from

    def bounds_text(self) -> str:
        def side(lo: Bound | None, hi: Bound | None) -> str:
            return f"[{lo if lo else '?'}, {hi if hi else '?'}]"
        if self.type == "string":
            text = f"length {side(self.length_low, self.length_high)}"
            return text + (f", alphabet {self.alphabet!r}" if self.alphabet else "")
        return side(self.low, self.high)


@dataclass
class Claim:
    kind: str                 # one of CLAIMS
    subject: list[str]        # the variables it concerns ("a"; edges: ["u", "v"])
    source: str = ""
    expr: str | None = None   # relation: "a + b = n", "|dx| + |dy| ≥ 1" (in JSON only when set)


@dataclass
class SumBound:
    """'The sum of n over all test cases does not exceed 2*10^5' -> SumBound("n", Bound(200000))."""

    name: str
    high: Bound
    source: str = ""


@dataclass
class Item:
    """One variable on a line: a single token, or `count` tokens (an array: "n integers a_i").
    Tokens the statement does not name ("n space-separated integers") get a name starting with
    "_" (e.g. "_2"): no variable of the spec has it, so only their count and length are known."""

    name: str
    count: str | None = None    # expression for the number of tokens; None: one token
    length: str | None = None   # a string token's exact length ("a string of n digits")
    #: a line of one or more words ("one or more words consisting of lowercase letters"): the
    #: item takes every token of its line and `words` names the variable counting them (bounded
    #: like a value read); None (also in older spec.json files): a count as above
    words: str | None = None
    line_length: str | None = None   # with `words`: the most characters of the line, spaces included


@dataclass
class Line:
    items: list[Item]


@dataclass
class Block:
    """Lines that repeat `repeat` times (an expression: "m", "n - 1", "t"; each of the next m
    lines ...). A multi-test input is a Block whose `repeat` is the test-case count."""

    repeat: str
    body: list[Union[Line, "Block"]]


@dataclass
class Spec:
    variables: list[Variable] = field(default_factory=list)   # in order of first mention
    claims: list[Claim] = field(default_factory=list)
    sums: list[SumBound] = field(default_factory=list)
    layout: list[Union[Line, Block]] | None = None            # None: not understood
    testcases: str | None = None                              # the variable counting test cases
    unknown: list[str] = field(default_factory=list)          # phrases not understood
    section: bool = False                                     # an input section was found

    def var(self, name: str) -> Variable | None:
        return next((v for v in self.variables if v.name == name), None)

    def empty(self) -> bool:
        return not self.variables and not self.layout

    def to_dict(self) -> dict:
        data = asdict(self)
        data["claims"] = [{k: v for k, v in c.items() if k != "expr" or v is not None} for c in data["claims"]]
        data["layout"] = None if self.layout is None else [_node_dict(n) for n in self.layout]
        data["schema"] = SPEC_VERSION
        return data

    @classmethod
    def from_dict(cls, data: dict) -> "Spec":
        def bound(d):
            return None if d is None else Bound(**d)

        variables = [Variable(**{**v, "low": bound(v.get("low")), "high": bound(v.get("high")),
                                 "length_low": bound(v.get("length_low")),
                                 "length_high": bound(v.get("length_high"))})
                     for v in data.get("variables", [])]
        layout = data.get("layout")
        return cls(variables=variables,
                   claims=[Claim(**c) for c in data.get("claims", [])],
                   sums=[SumBound(s["name"], Bound(**s["high"]), s.get("source", ""))
                         for s in data.get("sums", [])],
                   layout=None if layout is None else [_node_from(n) for n in layout],
                   testcases=data.get("testcases"), unknown=list(data.get("unknown", [])),
                   section=bool(data.get("section", False)))


def layout_lines(nodes: list[Union[Line, Block]]) -> list[Line]:
    """Every line of a layout in reading order, blocks opened."""
    out: list[Line] = []
    for node in nodes:
        out += layout_lines(node.body) if isinstance(node, Block) else [node]
    return out


def layout_items(nodes: list[Union[Line, Block]]) -> list[Item]:
    """Every item of a layout in reading order (a name read on several lines comes as often)."""
    return [item for line in layout_lines(nodes) for item in line.items]


def _node_dict(node: Union[Line, Block]) -> dict:
    if isinstance(node, Line):
        # the words fields only when set: specs without them keep their JSON (and hash)
        return {"line": [{k: v for k, v in asdict(i).items() if v is not None or k not in _OPTIONAL}
                         for i in node.items]}
    return {"repeat": node.repeat, "body": [_node_dict(n) for n in node.body]}


_OPTIONAL = ("words", "line_length")


def _node_from(data: dict) -> Union[Line, Block]:
    if "line" in data:
        return Line([Item(**i) for i in data["line"]])
    return Block(data["repeat"], [_node_from(n) for n in data["body"]])


def _number(v: int | float) -> str:
    if isinstance(v, int) and abs(v) >= 10_000 and str(abs(v)).rstrip("0") in ("1", "2", "3", "4", "5") \
            and len(str(abs(v)).rstrip("0")) == 1:
        digit, zeros = str(abs(v))[0], len(str(abs(v))) - 1
        return ("-" if v < 0 else "") + (f"{digit}*10^{zeros}" if digit != "1" else f"10^{zeros}")
    return str(v)

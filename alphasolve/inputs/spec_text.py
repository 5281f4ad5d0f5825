"""Statement text for the spec parser: one normal form for HTML, Markdown, LaTeX and Unicode.

Statements come as Code Jam HTML, Markdown with LaTeX (CodeContests, APPS, TACO), or plain text
with Unicode math and thin spaces (Codeforces). The parser reads only one form:

- comparisons are `≤ ≥ < > ≠ =` (from `\\le`, `&le;`, `<=`, ⩽, "does not exceed", "at least", ...),
  products `·` (from `\\cdot`, `\\times`, `×`, `⋅`), ellipses `…`, absolute values `|x|`;
- indices are `a_i`, `a_(i+1)`, powers `10^18`, `2^(31)` (braces become parentheses or vanish);
- thin spaces are spaces, the minus sign is `-`, digit groups "200 000" (thin space) are one number;
- headings are lines of their own ("Input", "Limits", "Test Set 1 ...").

`math_names` keeps the identifiers written as math (`$n$`, `<b>N</b>`): they are variables for
sure, where a plain-text "a" may be an article. `sections` cuts the text at its headings.
"""

from __future__ import annotations

import html
import re

MARK = "\ue000"   # before an identifier written as math: "$n$" -> MARK + "n"

# -- normalisation -----------------------------------------------------------------------------

_SPACES = re.compile(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000]")
_UNICODE = [("\u2212", "-"), ("⩽", "≤"), ("≦", "≤"), ("⩾", "≥"), ("≧", "≥"), ("⋅", "·"), ("×", "·"),
            ("∙", "·"), ("∗", "·"), ("⋯", "…"), ("…", "…"), ("\u200b", ""), ("∣", "|"), ("｜", "|")]
_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")

#: LaTeX commands with a meaning for constraints (others lose their backslash)
_TEX = {"le": "≤", "leq": "≤", "leqslant": "≤", "leqq": "≤", "ge": "≥", "geq": "≥", "geqslant": "≥",
        "geqq": "≥", "ne": "≠", "neq": "≠", "lt": "<", "gt": ">", "cdot": "·", "times": "·",
        "ast": "·", "ldots": "…", "dots": "…", "cdots": "…", "dotsc": "…", "dotsb": "…",
        "lvert": "|", "rvert": "|", "vert": "|", "mid": "|", "lVert": "|", "rVert": "|",
        "sum": "∑", "in": "∈", "quad": " ", "qquad": " ", "lbrace": "{", "rbrace": "}",
        "lbrack": "[", "rbrack": "]", "bmod": "mod", "pmod": "mod", "colon": ":", "neg": "not",
        "left": "", "right": "", "big": "", "Big": "", "bigl": "", "bigr": "", "displaystyle": ""}
_TEX_WRAPPERS = re.compile(r"\\(?:text|texttt|textbf|textit|mathrm|mathbf|mathit|mathtt|mathsf|"
                           r"operatorname|boldsymbol|emph|bf|it|rm|tt|mbox|hbox)\s*\{([^{}]*)\}")
_TEX_SECTION = re.compile(r"\\(?:sub)*section\*?\s*\{([^{}]*)\}|\\(?:paragraph|textbf)\s*\{"
                          r"(Input|Output|Constraints|Note|Notes|Examples?|Limits)\}")
_WORD_OPS = [
    (r"(?:is |are |will be |must be |should be )?(?:not greater than|not more than|no greater than|"
     r"no more than|not exceeding|not larger than|no larger than|(?:does|do|will|would|doesn't|don't|"
     r"won't|shall|can|cannot|can't)(?: not)? exceed|less than or equal to|smaller than or equal to|"
     r"at most)", "≤"),
    (r"(?:is |are |will be |must be |should be )?(?:not less than|no less than|not smaller than|"
     r"no smaller than|greater than or equal to|larger than or equal to|at least)", "≥"),
    (r"(?:is |are |will be |must be )?(?:strictly )?(?:less|smaller|lower) than", "<"),
    (r"(?:is |are |will be |must be )?(?:strictly )?(?:greater|larger|bigger|higher) than|exceeds", ">"),
    (r"(?:is |are )?not equal to|(?:is |are )?different from", "≠"),
]
_WORD_OPS_RE = [(re.compile(r"\b" + p + r"\b", re.IGNORECASE), op) for p, op in _WORD_OPS]


def normalize(description: str) -> tuple[str, set[str]]:
    """The statement in the parser's normal form, and the identifiers written as math."""
    text = description.replace("\r\n", "\n").replace("\r", "\n")
    if _looks_html(text):
        text = _html_to_text(text)
    text = _SPACES.sub(" ", _merge_digit_groups(text))
    for old, new in _UNICODE:
        text = text.replace(old, new)
    text = re.sub(r"[⁰¹²³⁴⁵⁶⁷⁸⁹]+", lambda m: "^" + m.group(0).translate(_SUPERSCRIPTS), text)
    text = _TEX_SECTION.sub(lambda m: "\n" + (m.group(1) or m.group(2)) + "\n", text)
    text = re.sub(r"\\(?:begin|end)\{[a-z*]+\}", "\n", text).replace("\\item", "\n-")
    math: set[str] = set()
    text = re.sub(r"\$\$(.+?)\$\$|\$(.+?)\$", lambda m: _math(m.group(1) or m.group(2), math),
                  text, flags=re.DOTALL)
    text = _tex(text)
    text = text.replace("<=", "≤").replace(">=", "≥").replace("!=", "≠").replace("=<", "≤")
    text = text.replace("<>", "≠").replace("...", "…").replace(". . .", "…")
    text = re.sub(r"\bi\.\s?e\.", "that is", text)        # "i.e." is no variable i
    for pattern, op in _WORD_OPS_RE:
        text = pattern.sub(f" {op} ", text)
    text = re.sub(r"[ \t]+", " ", text)
    return "\n".join(line.strip() for line in text.split("\n")), math


def _looks_html(text: str) -> bool:
    return bool(re.search(r"<(?:p|h[1-6]|br|div|ul|li|b|sub|sup)\b[^>]*>", text, re.IGNORECASE))


def _html_to_text(text: str) -> str:
    """Code Jam pages: sub/superscripts become `_`/`^`, short bold names become math (`$N$`)."""
    from alphasolve.sources.gcj import statement_to_text
    text = re.sub(r"<sub>\s*(.*?)\s*</sub>", r"_{\1}", text, flags=re.DOTALL | re.IGNORECASE)
    text = re.sub(r"<sup>\s*(.*?)\s*</sup>", r"^{\1}", text, flags=re.DOTALL | re.IGNORECASE)
    text = re.sub(r"<(?:b|strong|var|code)>\s*([A-Za-z][A-Za-z0-9]{0,11}(?:_\{[^{}<]{1,12}\})?)\s*"
                  r"</(?:b|strong|var|code)>", r"$\1$", text, flags=re.IGNORECASE)
    return html.unescape(statement_to_text(text))


def _merge_digit_groups(text: str) -> str:
    """'200 000' (a thin or no-break space, `\\,`, `{,}`) and '200,000' are one number, and so
    is '50 000' with a plain space right after a comparison or before one at a chain's start
    ('-10 000 ≤ x'); '1, 000' is a list."""
    sep = r"(?:[\u2009\u00a0\u202f]|\\,|\\ |\{,\}|~|,(?=\d{3}(?![\d^])))"
    text = re.sub(r"(?<![\d.,^])(\d{1,3})((?:" + sep + r"\d{3})+)(?![\d^])",
                  lambda m: m.group(1) + re.sub(r"\D", "", m.group(2)), text)
    text = re.sub(r"((?:≤|<|\\leq?|<=)\s*)(\d{1,3})((?: \d{3})+)(?![\d^.])",
                  lambda m: m.group(1) + m.group(2) + m.group(3).replace(" ", ""), text)
    # and right before one, at the start of a chain: "-10 000 ≤ x" (not "1 2 100 ≤ x", a list)
    return re.sub(r"(?<![\d,] )(?<![\w.,^])([-−–]?\d{1,3})((?: \d{3})+)(?=\s*(?:≤|<|&le;|&lt;|\\leq?|<=))",
                  lambda m: m.group(1) + m.group(2).replace(" ", ""), text)


def _math(body: str, math: set[str]) -> str:
    """A math span in the normal form, each identifier marked (`MARK`) as surely a variable."""
    def mark(m: re.Match) -> str:
        word = m.group(1)
        if word.lower() in _FUNCTIONS or re.fullmatch(r"e\d+", word):
            return word
        math.add(word)
        return MARK + word
    return re.sub(r"(?<![\w^\ue000])([A-Za-z][A-Za-z0-9]*)", mark, _tex(body))


_FUNCTIONS = {"mod", "max", "min", "log", "gcd", "lcm", "sqrt", "floor", "ceil", "and", "or", "for",
              "if", "not", "sum", "le", "ge", "in", "dots", "ldots", "cdot", "times", "text", "le"}


def _tex(text: str) -> str:
    for _ in range(3):     # innermost braces first: \mathbf{G_{i,j}} -> G_(i,j)
        text = re.sub(r"([_^])\{\s*([A-Za-z0-9]+)\s*\}", r"\1\2", text)
        text = re.sub(r"([_^])\{([^{}]*)\}", r"\1(\2)", text)
        text = _TEX_WRAPPERS.sub(r"\1", text)
    text = re.sub(r"\\frac\s*\{([^{}]*)\}\s*\{([^{}]*)\}", r"(\1)/(\2)", text)
    text = re.sub(r"\\([{}|$%&_#])", r"\1", text)
    text = re.sub(r"\\[,;:! ]|~", " ", text)
    text = re.sub(r"\\([A-Za-z]+)", lambda m: _TEX.get(m.group(1), m.group(1)), text)
    for _ in range(3):   # innermost braces first: a_{i_{1}} -> a_i_1
        text = re.sub(r"([_^])\{\s*([A-Za-z0-9]+)\s*\}", r"\1\2", text)
        text = re.sub(r"([_^])\{([^{}]*)\}", r"\1(\2)", text)
    return text


# -- sections ----------------------------------------------------------------------------------

_HEADINGS = ("input", "output", "constraints", "limits", "examples", "example", "sample", "samples",
             "note", "notes", "explanation", "scoring", "interaction", "subtasks", "hacks",
             "input format", "output format", "input specification", "output specification",
             "sample input", "sample output", "test set", "small dataset", "large dataset",
             "subtask", "test sets", "problem", "statement", "legend", "story", "description",
             "sample input 1", "sample output 1", "analysis", "limit", "constraint")
_HEADING_RE = re.compile(r"^(?:#{1,6}\s*|-{3,}\s*|\*\*\s*|=+\s*)?([A-Za-z][A-Za-z0-9 ()\-.,:/]{0,60}?)"
                         r"\s*(?:\*\*)?:?\s*(?:-{3,}|=+)?$")


def heading(line: str) -> str | None:
    """The heading a line is ('input', 'limits', 'test set 1 (visible)', ...), or None."""
    m = _HEADING_RE.match(line.strip())
    if not m:
        return None
    name = m.group(1).strip().lower()
    marked = line.lstrip().startswith(("#", "---", "**", "=="))
    if name in _HEADINGS or (marked and len(name) < 40):
        return name
    if re.match(r"(?:test set|small dataset|large dataset|subtask|subproblem)s?\b", name) and len(name) < 50:
        return name
    return None


def sections(text: str) -> list[tuple[str, str]]:
    """(heading, body) in order; the text before the first heading is under ''."""
    out: list[tuple[str, list[str]]] = [("", [])]
    for line in text.split("\n"):
        name = heading(line)
        if name is not None:
            out.append((name, []))
        else:
            out[-1][1].append(line)
    return [(name, "\n".join(body).strip()) for name, body in out]


def is_input_heading(name: str) -> bool:
    return name in ("input", "input format", "input specification", "input data")


def is_limits_heading(name: str) -> bool:
    return bool(re.match(r"(?:constraints?|limits?|subtasks?|test sets?|small dataset|large dataset|"
                         r"subproblems?)\b", name))


def is_test_set_heading(name: str) -> bool:
    return bool(re.match(r"(?:test set|small dataset|large dataset|subtask|subproblem)", name))

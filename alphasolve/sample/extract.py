"""Code extraction from a model's completion.

A completion usually holds prose and one or more fenced blocks (```python ... ```). We take the
fenced blocks (a last block cut off by max_tokens counts too), tell each one's language from its
info string or, without one, from its content, and choose by: plausible (Python compiles, C/C++
has a `main`), then the language the prompt asked for, then the longest. Without fences the whole
completion is taken when it is plausible code. Otherwise there is no code: the sample is kept
with language and code None and `how == "none"`. For reasoning models only the answer after the
last `</think>` is searched (drafts inside the thinking are not the answer).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from alphasolve import languages

_FENCE_OPEN = re.compile(r"^[ \t]{0,3}(?P<fence>`{3,}|~{3,})[ \t]*(?P<info>[^`\n]*?)[ \t]*$")
_INFO_LANG = {
    "python": languages.PYTHON3, "python3": languages.PYTHON3, "py": languages.PYTHON3,
    "py3": languages.PYTHON3, "pypy": languages.PYTHON3, "pypy3": languages.PYTHON3,
    "cpp": languages.CPP, "c++": languages.CPP, "cc": languages.CPP, "cxx": languages.CPP,
    "cplusplus": languages.CPP, "c++17": languages.CPP, "c++20": languages.CPP, "hpp": languages.CPP,
    "c": languages.C,
}

_CPP_HINT = re.compile(r"#\s*include\s*<(?!\w+\.h>)|\busing\s+namespace\b|\bstd::|\bcin\s*>>|\bcout\s*<<"
                       r"|\btemplate\s*<|\bvector\s*<|\bclass\s+\w+\s*\{")
_C_HINT = re.compile(r"#\s*include\s*<\w+\.h>|\bint\s+main\s*\(|\bscanf\s*\(|\bprintf\s*\(")
_PY_HINT = re.compile(r"^\s*(def |import |from \w[\w.]* import |class \w+.*:|for .+ in .+:|while .+:|if .+:)"
                      r"|\bprint\s*\(|\binput\s*\(|\bsys\.stdin\b", re.M)


@dataclass(frozen=True)
class Extraction:
    language: str | None
    code: str | None
    how: str  # "fenced" | "unfenced" | "none"
    plausible: bool = False
    blocks: int = 0  # fenced blocks seen

    def meta(self) -> dict:
        return {"extract": self.how, "plausible": self.plausible, "blocks": self.blocks}


@dataclass(frozen=True)
class Block:
    info: str
    body: str
    closed: bool


def fenced_blocks(text: str) -> list[Block]:
    """Every fenced block in a Markdown-ish text, in order; an unclosed last block runs to the end."""
    blocks = []
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        m = _FENCE_OPEN.match(lines[i])
        if not m:
            i += 1
            continue
        fence = m.group("fence")
        close = re.compile(r"^[ \t]{0,3}" + re.escape(fence[0]) + "{" + str(len(fence)) + r",}[ \t]*$")
        body = []
        j = i + 1
        while j < len(lines) and not close.match(lines[j]):
            body.append(lines[j])
            j += 1
        blocks.append(Block(m.group("info"), "\n".join(body), closed=j < len(lines)))
        i = j + 1
    return blocks


def info_language(info: str) -> str | None:
    """Language named by a fence's info string: a canonical name, "" for none given, "other" otherwise."""
    word = info.strip().split()[0].strip("{}.").lower() if info.strip() else ""
    word = word.removeprefix("language-")
    if not word:
        return ""
    if word in _INFO_LANG:
        return _INFO_LANG[word]
    return "other"


def guess_language(code: str) -> str | None:
    """Python 3, C++ or C by content; None when it does not look like a program."""
    if _CPP_HINT.search(code):
        return languages.CPP
    if _C_HINT.search(code):
        return languages.C if "#include" in code or "int main" in code else languages.CPP
    if _PY_HINT.search(code):
        return languages.PYTHON3
    return None


def plausible(language: str, code: str) -> bool:
    """A cheap check that the code could be a whole program (never runs it)."""
    if not code.strip():
        return False
    if language == languages.PYTHON3:
        try:
            compile(code, "<sample>", "exec", dont_inherit=True)
        except Exception:  # SyntaxError, ValueError (NUL bytes), RecursionError, MemoryError
            return False
        return True
    if language in (languages.CPP, languages.C):
        return re.search(r"\bmain\s*\(", code) is not None and code.count("{") == code.count("}")
    return False


def extract_code(text: str, language: str | None = None, prefill: str = "") -> Extraction:
    """Choose the program in `prefill + text`; `language` is the one the prompt asked for."""
    full = prefill + text
    if "</think>" in full:
        full = full.rsplit("</think>", 1)[1]
    blocks = fenced_blocks(full)
    candidates = []
    for index, block in enumerate(blocks):
        lang = info_language(block.info)
        if lang == "other":  # named another language (java, rust, text, output, ...): not ours
            continue
        if lang == "":
            lang = guess_language(block.body)
        if lang not in languages.EXECUTABLE:
            continue
        code = _tidy(block.body)
        if not code:
            continue
        ok = plausible(lang, code)
        candidates.append(((ok, lang == language, block.closed, len(code), -index), lang, code, ok))
    if candidates:
        _, lang, code, ok = max(candidates, key=lambda c: c[0])
        return Extraction(lang, code, "fenced", ok, len(blocks))
    if not blocks:
        lang = guess_language(full)
        code = _tidy(full)
        if lang is not None and code and plausible(lang, code):
            return Extraction(lang, code, "unfenced", True, 0)
    return Extraction(None, None, "none", False, len(blocks))


def _tidy(code: str) -> str:
    code = "\n".join(line.rstrip() for line in code.strip("\n").split("\n")).strip("\n")
    return code + "\n" if code.strip() else ""

"""Find candidates that are the same program: exact text first, then a normalised form.

Python's normal form is its AST without docstrings (comments never reach the AST); C and
C++ lose comments and collapse whitespace outside string and character literals. Programs
with equal keys behave the same on every input (up to line numbers in error messages).
"""

from __future__ import annotations

import ast
import hashlib
import re
from typing import Iterable

from alphasolve.execute.verdicts import Program

_C_TOKENS = re.compile(r'''
    (?P<str>"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*')
  | (?P<gap>(?:\s+|//(?:\\\n|[^\n])*|/\*.*?\*/)+)
''', re.S | re.X)
_BLOCK_COMMENT = re.compile(r"/\*.*?\*/", re.S)


def _strip_docstrings(tree: ast.AST) -> ast.AST:
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and body \
                and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) \
                and isinstance(body[0].value.value, str):
            node.body = body[1:] or [ast.Pass()]
    return tree


def _normal_c(source: str) -> str:
    """Comments and whitespace between tokens become one newline (if a line ended) or one space."""
    def sub(m: re.Match) -> str:
        if m.group("str") is not None:
            return m.group("str")
        return "\n" if "\n" in _BLOCK_COMMENT.sub(" ", m.group("gap")) else " "

    return _C_TOKENS.sub(sub, source).strip()


def normal_form(program: Program) -> str:
    """The normalised source (falls back to the exact text when it does not parse)."""
    if program.language == "python3":
        try:
            return ast.dump(_strip_docstrings(ast.parse(program.source)))
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            return program.source
    if program.language in ("c", "cpp"):
        return _normal_c(program.source)
    return program.source


def dedupe_key(program: Program) -> str:
    """Equal keys mean the same program (same language and normal form)."""
    return hashlib.sha256(f"{program.language}\0{normal_form(program)}".encode()).hexdigest()[:24]


def dedupe(programs: Iterable[Program]) -> list[list[int]]:
    """Group indices of equivalent programs, in order of first appearance.

    Exact duplicates are found by text before anything is parsed; each group's first index
    is its representative.
    """
    by_text: dict[tuple[str, str], int] = {}
    by_key: dict[str, int] = {}
    groups: list[list[int]] = []
    for index, program in enumerate(programs):
        exact = (program.language, program.source)
        if exact in by_text:
            groups[by_text[exact]].append(index)
            continue
        key = dedupe_key(program)
        group = by_key.get(key)
        if group is None:
            group = by_key[key] = len(groups)
            groups.append([])
        by_text[exact] = group
        groups[group].append(index)
    return groups

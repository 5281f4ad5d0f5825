"""Converters from public problem sources to alphasolve problem dicts.

Each converter is a pure function of one source record (a Kattis package directory, a
Codeflaws record, a Code Jam archive record). It returns either

* a problem dict in alphasolve's own format (`Problem.to_dict()`, already validated by
  `alphasolve.problem.parse_problem`), or
* a `Skip` saying why the record cannot be judged by alphasolve (interactive, needs a
  custom checker, missing tests, ...), so an importer can report what it left out.

Records that are malformed (a missing answer file, a field of the wrong type) raise
`AlphasolveError` naming the record and the field instead.

Per-solution metadata (submission ids, the Kattis verdict directory, ...) lives in the extra
fields `solution_meta` and `incorrect_solution_meta`: lists aligned index by index with
`solutions` and `incorrect_solutions`. Where a problem came from and under which licence is
in the extra field `provenance`.
"""

from __future__ import annotations

import ast
import gzip
import json
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator, Union

from alphasolve import languages
from alphasolve.errors import AlphasolveError
from alphasolve.problem import parse_problem

__all__ = ["Skip", "Converted", "SkipReason", "finish_problem", "compare_from_validator_flags",
           "language_of_submission", "is_python2_only", "read_jsonl_records"]


class SkipReason:
    """The reasons a converter skips a record (stable strings, for reports and filters)."""

    INTERACTIVE = "interactive"
    CUSTOM_VALIDATION = "custom_validation"
    NEEDS_CHECKER = "needs_checker"
    MISSING_TESTS = "missing_tests"
    NO_TESTS = "no_tests"
    NO_SAMPLE_TESTS = "no_sample_tests"
    NO_ACCEPTED_SOLUTION = "no_accepted_solution"
    TESTS_TOO_LARGE = "tests_too_large"  # an expected output exceeds the executor's output limit (limits.py)


@dataclass(frozen=True)
class Skip:
    """A source record a converter did not turn into a problem, and why."""

    source_id: str
    reason: str  # one of SkipReason
    detail: str = ""

    def __str__(self) -> str:
        return f"skipped {self.source_id}: {self.reason}" + (f" ({self.detail})" if self.detail else "")

    def to_dict(self) -> dict[str, str]:
        return {"source_id": self.source_id, "reason": self.reason, "detail": self.detail}


#: what every converter returns
Converted = Union[dict[str, Any], Skip]


def finish_problem(data: dict[str, Any], where: str) -> dict[str, Any]:
    """Validate a converted problem and return it in alphasolve's canonical form.

    Canonical form is `Problem.to_dict()` of the parsed problem, so a converter's output
    always loads with `parse_problem` and writes the same bytes for the same input.
    """
    return parse_problem(data, where).to_dict()


def read_jsonl_records(path: str | Path, what: str) -> Iterator[dict[str, Any]]:
    """The records of a `.jsonl` or `.jsonl.gz` file, in file order; `what` names it in errors."""
    path = Path(path)
    opener = gzip.open if path.suffix == ".gz" else open
    try:
        with opener(path, "rt", encoding="utf-8") as f:
            for lineno, line in enumerate(f, 1):
                if line.strip():
                    try:
                        yield json.loads(line)
                    except json.JSONDecodeError as exc:
                        raise AlphasolveError(f"line {lineno} is not valid JSON: {exc.msg}", file=str(path)) from None
    except FileNotFoundError:
        raise AlphasolveError(f"no such {what} file", file=str(path)) from None


# -- output validator flags (Kattis problemtools' default validator; the Code Jam archive
#    uses the same flags) ----------------------------------------------------------------

_FLOAT_FLAGS = {"float_tolerance", "float_absolute_tolerance", "float_relative_tolerance"}


def compare_from_validator_flags(flags: str | list[str] | None, where: str) -> tuple[dict[str, Any], list[str]]:
    """Translate default-validator flags into alphasolve's `compare` spec.

    Returns (compare dict, notes). As in problemtools' default validator, comparison is
    case-insensitive unless `case_sensitive` is given, and `float_tolerance X` sets both the
    absolute and the relative tolerance. alphasolve always compares whitespace-separated
    tokens, so `space_change_sensitive` is noted and otherwise ignored.
    """
    if flags is None:
        tokens: list[str] = []
    elif isinstance(flags, str):
        tokens = flags.split()
    elif isinstance(flags, list) and all(isinstance(t, (str, int, float)) for t in flags):
        tokens = [str(t) for t in flags]
    else:
        raise AlphasolveError("expected validator flags as a string or a list", field=where)
    compare: dict[str, Any] = {"case_sensitive": False}
    notes: list[str] = []
    k = 0
    while k < len(tokens):
        flag = tokens[k]
        if flag in _FLOAT_FLAGS:
            if k + 1 >= len(tokens):
                raise AlphasolveError(f"'{flag}' needs a value", field=where)
            try:
                value = float(tokens[k + 1])
            except ValueError:
                raise AlphasolveError(f"'{flag}' needs a number, got {tokens[k + 1]!r}", field=where) from None
            if flag in ("float_tolerance", "float_absolute_tolerance"):
                compare["float_abs"] = value
            if flag in ("float_tolerance", "float_relative_tolerance"):
                compare["float_rel"] = value
            k += 2
            continue
        if flag == "case_sensitive":
            compare["case_sensitive"] = True
        elif flag == "space_change_sensitive":
            notes.append("space_change_sensitive ignored: alphasolve compares whitespace-separated tokens")
        else:
            notes.append(f"unknown validator flag {flag!r} ignored")
        k += 1
    return compare, notes


# -- languages of submitted files ---------------------------------------------------------


def is_python2_only(code: str) -> bool:
    """True when Python code is Python 2: a python2 shebang, or it does not parse as Python 3."""
    first_line = code.lstrip("\ufeff").split("\n", 1)[0]
    if first_line.startswith("#!") and "python2" in first_line:
        return True
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # e.g. SyntaxWarning for invalid escapes
            ast.parse(code)
    except (SyntaxError, ValueError):
        return True
    return False


def language_of_submission(filename: str, code: str) -> tuple[str | None, str]:
    """(alphasolve language, "") for a runnable submission, or (None, why not)."""
    try:
        language = languages.from_path(filename)
    except ValueError:
        suffix = filename.rsplit(".", 1)[-1] if "." in filename else filename
        return None, f"language not supported by alphasolve (.{suffix})"
    if language == languages.PYTHON3 and is_python2_only(code):
        return None, "Python 2 code (alphasolve runs Python 3)"
    return language, ""

"""Kattis problem packages (problemtools layout) to alphasolve problems.

A package directory holds `problem.yaml`, a statement (`problem_statement/problem.en.tex`, or
`statement/problem.en.md` in the 2023-07 draft format), `data/sample/*.in|.ans` (public
tests), `data/secret/**/*.in|.ans` (private tests) and `submissions/<verdict>/` (programs
sorted by their expected verdict). Submissions in `accepted/` become `solutions`; those in the
rejected verdict directories become `incorrect_solutions` with their directory recorded in
`incorrect_solution_meta`. Only Python 3, C and C++ submissions are kept; everything else is
listed in `skipped_submissions` with the reason.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from alphasolve.errors import AlphasolveError
from alphasolve.sources import (Converted, Skip, SkipReason, compare_from_validator_flags,
                                finish_problem, language_of_submission)

ACCEPTED_DIR = "accepted"
#: verdict directories whose programs must fail at least one test
REJECTED_DIRS = ("wrong_answer", "time_limit_exceeded", "run_time_error", "memory_limit_exceeded",
                 "output_limit_exceeded", "partially_accepted")

_STATEMENT_CANDIDATES = (
    "problem_statement/problem.en.tex", "problem_statement/problem.tex",
    "problem_statement/problem.en.md", "problem_statement/problem.md",
    "statement/problem.en.md", "statement/problem.md",
    "statement/problem.en.tex", "statement/problem.tex",
)


def convert_kattis_package(directory: str | Path, *, problem_id: str | None = None,
                           allow_custom_validation: bool = False,
                           provenance: dict[str, Any] | None = None) -> Converted:
    """Convert one Kattis package directory; returns a problem dict or a `Skip`.

    `allow_custom_validation` converts a package whose `problem.yaml` asks for a custom
    output validator anyway, judging it by token comparison; use it only when every test has
    a single correct answer (the note is kept in the field `validation_note`).
    """
    root = Path(directory)
    if not root.is_dir():
        raise AlphasolveError("not a Kattis package directory", file=str(root))
    ident = problem_id or f"kattis-{root.name}"
    config = _read_problem_yaml(root)

    kind = _words(config.get("type")) | _words(config.get("validation"))
    if "interactive" in kind or any(root.glob("data/**/*.interaction")):
        return Skip(ident, SkipReason.INTERACTIVE, "interactive problem: alphasolve has no interactor yet")
    custom = "custom" in kind or (root / "output_validators").is_dir() or (root / "output_validator").is_dir()
    if custom and not allow_custom_validation:
        return Skip(ident, SkipReason.CUSTOM_VALIDATION,
                    "the package needs its own output validator, which alphasolve cannot run yet")

    public = _read_tests(root / "data" / "sample")
    private = _read_tests(root / "data" / "secret")
    if not public and not private:
        return Skip(ident, SkipReason.NO_TESTS, "no data/sample or data/secret tests")

    solutions, solution_meta, incorrect, incorrect_meta, skipped = read_submissions(root)
    flags = config.get("validator_flags", config.get("output_validator_flags"))
    compare, compare_notes = compare_from_validator_flags(flags, f"{root / 'problem.yaml'}: validator_flags")

    extra: dict[str, Any] = {
        "provenance": {**_yaml_provenance(config, root), **(provenance or {})},
        "solution_meta": solution_meta,
        "incorrect_solution_meta": incorrect_meta,
        "skipped_submissions": skipped,
        "test_names": {"public": [name for name, _ in public], "private": [name for name, _ in private]},
    }
    if custom:
        extra["validation_note"] = ("problem.yaml asks for a custom output validator (not included); "
                                    "judged here by token comparison")
    if compare_notes:
        extra["compare_notes"] = compare_notes
    if "scoring" in kind:
        extra["kattis_type"] = "scoring (judged pass/fail here: a solution must pass every test)"
    limits = config.get("limits") if isinstance(config.get("limits"), dict) else {}
    data = {
        **extra,
        "id": ident,
        "name": _problem_name(config, root.name),
        "description": _read_statement(root),
        "public_tests": [test for _, test in public],
        "private_tests": [test for _, test in private],
        "solutions": solutions,
        "incorrect_solutions": incorrect,
        "compare": compare,
    }
    if isinstance(limits.get("time_limit"), (int, float)):
        data["time_limit"] = float(limits["time_limit"])
    if isinstance(limits.get("memory"), (int, float)):
        data["memory_limit_mb"] = limits["memory"]
    return finish_problem(data, str(root))


# -- problem.yaml -------------------------------------------------------------------------


def _read_problem_yaml(root: Path) -> dict[str, Any]:
    path = root / "problem.yaml"
    if not path.is_file():
        raise AlphasolveError("missing problem.yaml: not a Kattis package", file=str(root))
    try:
        config = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise AlphasolveError(f"not valid YAML: {exc}", file=str(path)) from None
    if not isinstance(config, dict):
        raise AlphasolveError("expected a mapping at the top level", file=str(path))
    return config


def _words(value: Any) -> set[str]:
    if isinstance(value, str):
        return set(value.lower().split())
    if isinstance(value, list):
        return {str(v).lower() for v in value}
    return set()


def _problem_name(config: dict[str, Any], fallback: str) -> str:
    name = config.get("name")
    if isinstance(name, dict) and name:  # 2023-07 draft: {language code: name}
        name = name.get("en", name[sorted(name)[0]])
    return name if isinstance(name, str) and name.strip() else fallback


def _yaml_provenance(config: dict[str, Any], root: Path) -> dict[str, Any]:
    out: dict[str, Any] = {"format": "Kattis problem package", "package": root.name}
    for key in ("source", "source_url", "author", "credits", "rights_owner", "license"):
        if config.get(key) is not None:
            out[f"problem_{key}"] = config[key] if isinstance(config[key], str) else str(config[key])
    return out


# -- tests --------------------------------------------------------------------------------


def _read_tests(directory: Path) -> list[tuple[str, dict[str, str]]]:
    """(name, {input, output}) for every `*.in` under `directory`, by relative path.

    A test repeated under another name (test groups reuse tests through symlinks) is kept once.
    """
    if not directory.is_dir():
        return []
    tests, seen = [], set()
    for path in sorted(directory.rglob("*.in"), key=lambda p: p.relative_to(directory).as_posix()):
        answer = path.with_suffix(".ans")
        if not answer.is_file():
            raise AlphasolveError("test input without an answer file (.ans)", file=str(path))
        test = {"input": _read_text(path), "output": _read_text(answer)}
        key = (test["input"], test["output"])
        if key in seen:
            continue
        seen.add(key)
        tests.append((path.relative_to(directory.parent).with_suffix("").as_posix(), test))
    return tests


def _read_text(path: Path) -> str:
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


# -- submissions --------------------------------------------------------------------------


def read_submissions(root: Path):
    """Programs under `root/submissions/<verdict>/`: (solutions, their meta, incorrect, their meta, skipped)."""
    solutions: list[dict[str, str]] = []
    solution_meta: list[dict[str, str]] = []
    incorrect: list[dict[str, str]] = []
    incorrect_meta: list[dict[str, str]] = []
    skipped: list[dict[str, str]] = []
    base = root / "submissions"
    if not base.is_dir():
        return solutions, solution_meta, incorrect, incorrect_meta, skipped
    for verdict_dir in sorted(p for p in base.iterdir() if p.is_dir()):
        verdict = verdict_dir.name
        for entry in sorted(verdict_dir.iterdir()):
            rel = entry.relative_to(root).as_posix()
            if verdict != ACCEPTED_DIR and verdict not in REJECTED_DIRS:
                skipped.append({"path": rel, "reason": f"verdict directory '{verdict}' is neither accepted nor rejected"})
                continue
            source = _single_source(entry)
            if source is None:
                skipped.append({"path": rel, "reason": "multi-file submission not supported"})
                continue
            code = _read_text(source)
            language, why_not = language_of_submission(source.name, code)
            if language is None:
                skipped.append({"path": rel, "reason": why_not})
                continue
            program = {"language": language, "code": code}
            if verdict == ACCEPTED_DIR:
                solutions.append(program)
                solution_meta.append({"path": rel})
            else:
                incorrect.append(program)
                incorrect_meta.append({"path": rel, "verdict": verdict})
    return solutions, solution_meta, incorrect, incorrect_meta, skipped


def _single_source(entry: Path) -> Path | None:
    if entry.is_file():
        return entry
    files = [p for p in entry.rglob("*") if p.is_file()] if entry.is_dir() else []
    return files[0] if len(files) == 1 else None


# -- statements ---------------------------------------------------------------------------


def _read_statement(root: Path) -> str:
    for candidate in _STATEMENT_CANDIDATES:
        path = root / candidate
        if path.is_file():
            text = _read_text(path)
            return latex_statement_to_text(text) if path.suffix == ".tex" else text.strip() + "\n"
    return ""


_HEADINGS = re.compile(r"\\(?:section|subsection|subsubsection)\*?\{([^}]*)\}")
_STYLE = re.compile(r"\\(?:emph|textbf|textit|texttt|textsc|underline)\{([^{}]*)\}")


def latex_statement_to_text(tex: str) -> str:
    """A plain-text rendering of a problemtools LaTeX statement (math kept as $...$)."""
    text = re.sub(r"(?m)(?<!\\)%.*$", "", tex)  # comments
    text = re.sub(r"\\problemname\{([^}]*)\}", r"# \1", text)
    text = _HEADINGS.sub(r"## \1", text)
    for _ in range(3):  # nested styles
        text = _STYLE.sub(r"\1", text)
    text = re.sub(r"\\begin\{(?:itemize|enumerate)\}|\\end\{(?:itemize|enumerate)\}", "", text)
    text = re.sub(r"\\item\s*", "- ", text)
    text = re.sub(r"\\illustration\{[^}]*\}\{[^}]*\}\{[^}]*\}", "", text)
    text = text.replace("\\\\", "\n").replace("~", " ").replace("``", '"').replace("''", '"')
    text = re.sub(r"\n{3,}", "\n\n", text)
    return "\n".join(line.rstrip() for line in text.strip().splitlines()) + "\n"

"""Problem files: load and validate CodeContests records and alphasolve's superset of them.

A CodeContests record as `datasets` exports it to JSON loads as it is:
`public_tests {input: [...], output: [...]}`, `solutions {language: [...], solution: [...]}`,
`time_limit {seconds, nanos}`, `memory_limit_bytes`, ... alphasolve's own format also accepts
tests as a list of `{input, output}`, solutions as a list of `{language, code}` with languages by
name, and limits in plain units (`time_limit: 2.5` seconds, `memory_limit_mb: 256`).
Unknown fields are kept in `Problem.extra`.

A problem with several correct answers names a checker program: `checker` is a path relative
to the problem file (language by extension) or inline `{"language": ..., "code": ...}`, and
`checker_style` its convention, "kattis" (default) or "testlib" (see execute/checker.py).

`input_generators` (same shape as `solutions`) are programs that read a seed from standard input
and print one random valid input; the replay backend uses them for clustering inputs
(inputs/generators.py).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from alphasolve import languages
from alphasolve.errors import AlphasolveError
from alphasolve.execute.checker import STYLES, Checker
from alphasolve.execute.compare import CompareSpec
from alphasolve.execute.verdicts import Program

_KNOWN = {
    "id", "name", "description", "public_tests", "private_tests", "generated_tests",
    "solutions", "incorrect_solutions", "time_limit", "time_limit_seconds",
    "memory_limit_bytes", "memory_limit_mb", "cf_rating", "cf_tags", "tags",
    "compare", "float_tolerance", "checker", "checker_style", "input_generators",
}


@dataclass(frozen=True)
class Test:
    input: str
    output: str


@dataclass(frozen=True)
class Solution:
    language: str
    code: str


@dataclass
class Problem:
    problem_id: str
    name: str
    description: str = ""
    public_tests: list[Test] = field(default_factory=list)
    private_tests: list[Test] = field(default_factory=list)
    generated_tests: list[Test] = field(default_factory=list)
    solutions: list[Solution] = field(default_factory=list)
    incorrect_solutions: list[Solution] = field(default_factory=list)
    input_generators: list[Solution] = field(default_factory=list)  # programs: seed on stdin -> an input
    time_limit_s: float | None = None
    memory_limit_bytes: int | None = None
    compare: CompareSpec = field(default_factory=CompareSpec)
    rating: int | None = None
    tags: list[str] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)
    path: str | None = None

    @property
    def checker(self) -> Checker | None:
        """The checker program, if the problem has one (it is part of `compare`)."""
        return self.compare.checker

    @property
    def hidden_tests(self) -> list[Test]:
        return self.private_tests + self.generated_tests

    @property
    def slug(self) -> str:
        """A file-system-safe form of the problem id, for run directories."""
        return slugify(self.problem_id)

    def to_dict(self) -> dict[str, Any]:
        """alphasolve's own format (round-trips through `parse_problem`)."""
        tests = lambda ts: [{"input": t.input, "output": t.output} for t in ts]  # noqa: E731
        sols = lambda ss: [{"language": s.language, "code": s.code} for s in ss]  # noqa: E731
        data: dict[str, Any] = dict(self.extra)
        data.update({
            "id": self.problem_id, "name": self.name, "description": self.description,
            "public_tests": tests(self.public_tests), "private_tests": tests(self.private_tests),
            "generated_tests": tests(self.generated_tests),
            "solutions": sols(self.solutions), "incorrect_solutions": sols(self.incorrect_solutions),
            "time_limit": self.time_limit_s, "memory_limit_bytes": self.memory_limit_bytes,
            "compare": {k: v for k, v in self.compare.to_dict().items() if k != "checker"},
            "cf_rating": self.rating, "tags": self.tags,
        })
        if self.input_generators:
            data["input_generators"] = sols(self.input_generators)
        if self.checker is not None:  # inline, so the dict means the same wherever it is read
            data["checker"] = {"language": self.checker.program.language, "code": self.checker.program.source}
            data["checker_style"] = self.checker.style
        return data


def slugify(text: str) -> str:
    slug = re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip("-.")
    return slug[:100] or "problem"


class _Reader:
    """Field access that reports the file and the field path on error."""

    def __init__(self, file: str):
        self.file = file

    def fail(self, field_path: str, message: str) -> AlphasolveError:
        return AlphasolveError(message, file=self.file, field=field_path)

    def string(self, value: Any, where: str) -> str:
        if not isinstance(value, str):
            raise self.fail(where, f"expected a string, got {type(value).__name__}")
        return value

    def number(self, value: Any, where: str, *, integer: bool = False) -> float | int:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise self.fail(where, f"expected a number, got {type(value).__name__}")
        if integer and not float(value).is_integer():
            raise self.fail(where, f"expected an integer, got {value}")
        if value < 0:
            raise self.fail(where, f"must not be negative, got {value}")
        return int(value) if integer else float(value)

    def tests(self, value: Any, where: str) -> list[Test]:
        if value is None:
            return []
        if isinstance(value, dict):  # CodeContests: {input: [...], output: [...]}
            inputs, outputs = value.get("input", []), value.get("output", [])
            if not isinstance(inputs, list):
                raise self.fail(f"{where}.input", "expected a list of strings")
            if not isinstance(outputs, list):
                raise self.fail(f"{where}.output", "expected a list of strings")
            if len(inputs) != len(outputs):
                raise self.fail(where, f"{len(inputs)} inputs but {len(outputs)} outputs")
            return [Test(self.string(i, f"{where}.input[{k}]"), self.string(o, f"{where}.output[{k}]"))
                    for k, (i, o) in enumerate(zip(inputs, outputs))]
        if isinstance(value, list):
            tests = []
            for k, item in enumerate(value):
                if not isinstance(item, dict) or "input" not in item or "output" not in item:
                    raise self.fail(f"{where}[{k}]", "expected an object with 'input' and 'output'")
                tests.append(Test(self.string(item["input"], f"{where}[{k}].input"),
                                  self.string(item["output"], f"{where}[{k}].output")))
            return tests
        raise self.fail(where, f"expected tests ({{input: [...], output: [...]}} or a list), got {type(value).__name__}")

    def language(self, value: Any, where: str) -> str:
        try:
            return languages.normalize(value)
        except ValueError as exc:
            raise self.fail(where, str(exc)) from None

    def solutions(self, value: Any, where: str) -> list[Solution]:
        if value is None:
            return []
        if isinstance(value, dict):  # CodeContests: {language: [...], solution: [...]}
            langs, codes = value.get("language", []), value.get("solution", [])
            if not isinstance(langs, list) or not isinstance(codes, list):
                raise self.fail(where, "expected {language: [...], solution: [...]}")
            if len(langs) != len(codes):
                raise self.fail(where, f"{len(langs)} languages but {len(codes)} solutions")
            return [Solution(self.language(lang, f"{where}.language[{k}]"),
                             self.string(code, f"{where}.solution[{k}]"))
                    for k, (lang, code) in enumerate(zip(langs, codes))]
        if isinstance(value, list):
            sols = []
            for k, item in enumerate(value):
                if not isinstance(item, dict) or "language" not in item:
                    raise self.fail(f"{where}[{k}]", "expected an object with 'language' and 'code'")
                code = item.get("code", item.get("solution"))
                sols.append(Solution(self.language(item["language"], f"{where}[{k}].language"),
                                     self.string(code, f"{where}[{k}].code")))
            return sols
        raise self.fail(where, f"expected solutions, got {type(value).__name__}")

    def time_limit(self, data: dict) -> float | None:
        if data.get("time_limit_seconds") is not None:
            return self.number(data["time_limit_seconds"], "time_limit_seconds") or None
        value = data.get("time_limit")
        if value is None:
            return None
        if isinstance(value, dict):  # CodeContests: {seconds, nanos}
            seconds = self.number(value.get("seconds", 0) or 0, "time_limit.seconds")
            nanos = self.number(value.get("nanos", 0) or 0, "time_limit.nanos")
            return (seconds + nanos / 1e9) or None
        return self.number(value, "time_limit") or None

    def memory_limit(self, data: dict) -> int | None:
        if data.get("memory_limit_mb") is not None:
            return int(self.number(data["memory_limit_mb"], "memory_limit_mb") * 1024 * 1024) or None
        value = data.get("memory_limit_bytes")
        if value is None:
            return None
        return int(self.number(value, "memory_limit_bytes", integer=True)) or None  # CodeContests: 0 = unset

    def compare(self, data: dict) -> CompareSpec:
        spec = data.get("compare") or {}
        if not isinstance(spec, dict):
            raise self.fail("compare", "expected an object")
        unknown = set(spec) - {"float_abs", "float_rel", "case_sensitive"}
        if unknown:
            raise self.fail(f"compare.{sorted(unknown)[0]}", "unknown comparison option")
        tol = data.get("float_tolerance")
        if tol is not None:
            tol = self.number(tol, "float_tolerance")
        fabs = spec.get("float_abs", tol)
        frel = spec.get("float_rel", tol)
        case = spec.get("case_sensitive", True)
        if not isinstance(case, bool):
            raise self.fail("compare.case_sensitive", "expected true or false")
        return CompareSpec(
            float_abs=None if fabs is None else self.number(fabs, "compare.float_abs"),
            float_rel=None if frel is None else self.number(frel, "compare.float_rel"),
            case_sensitive=case,
            checker=self.checker(data),
        )

    def checker(self, data: dict) -> Checker | None:
        value, style = data.get("checker"), data.get("checker_style")
        if style is not None and style not in STYLES:
            raise self.fail("checker_style", f"expected one of {', '.join(map(repr, STYLES))}, got {style!r}")
        if value is None:
            if style is not None:
                raise self.fail("checker_style", "given without a 'checker'")
            return None
        where = "checker"
        if isinstance(value, str):
            value = {"path": value}
        elif isinstance(value, dict):
            where = "checker.path"
        else:
            raise self.fail("checker", "expected a path or an object {language, code}, "
                                       f"got {type(value).__name__}")
        unknown = set(value) - {"language", "code", "path"}
        if unknown:
            raise self.fail(f"checker.{sorted(unknown)[0]}", "unknown checker option (expected language, code "
                                                             "or path)")
        if ("code" in value) == ("path" in value):
            raise self.fail("checker", "give either 'code' (with 'language') or 'path'")
        if "code" in value:
            if "language" not in value:
                raise self.fail("checker.language", "missing: an inline checker needs its language")
            program = Program(self.executable(value["language"], "checker.language"),
                              self.string(value["code"], "checker.code"))
            return Checker(program, style=style or "kattis", origin=f"{self.file}: checker")
        name = self.string(value["path"], where)
        if "language" in value:
            language = self.executable(value["language"], "checker.language")
        else:
            try:
                language = self.executable(languages.from_path(name), where)
            except ValueError as exc:
                raise self.fail(where, f"{exc}, or give the checker's 'language'") from None
        path = (Path(self.file).parent if self.file != "<problem>" else Path.cwd()) / name
        try:
            source = path.read_text(encoding="utf-8", errors="surrogateescape")
        except FileNotFoundError:
            raise self.fail(where, f"no checker file {str(path)!r} (a path is relative to the problem file)") from None
        except (OSError, UnicodeError) as exc:
            raise self.fail(where, f"cannot read the checker {str(path)!r}: {exc}") from None
        return Checker(Program(language, source), style=style or "kattis", origin=str(path))

    def executable(self, value: Any, where: str) -> str:
        language = self.language(value, where)
        if language not in languages.EXECUTABLE:
            raise self.fail(where, f"a checker must be in {', '.join(languages.EXECUTABLE)}, not {language}")
        return language


def parse_problem(data: Any, file: str = "<problem>") -> Problem:
    """Validate a decoded problem record; raises AlphasolveError naming file and field."""
    r = _Reader(file)
    if not isinstance(data, dict):
        raise AlphasolveError(f"a problem file holds one JSON object, not {type(data).__name__}", file=file)
    name = data.get("name")
    ident = data.get("id", name)
    if ident is None:
        raise r.fail("name", "missing: every problem needs a 'name' (or an 'id')")
    ident = r.string(ident, "id" if "id" in data else "name")
    if not ident.strip():
        raise r.fail("id" if "id" in data else "name", "must not be empty")
    tags = data.get("tags", data.get("cf_tags")) or []
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        raise r.fail("tags", "expected a list of strings")
    rating = data.get("cf_rating")
    problem = Problem(
        problem_id=ident,
        name=r.string(name if name is not None else ident, "name"),
        description=r.string(data.get("description") or "", "description"),
        public_tests=r.tests(data.get("public_tests"), "public_tests"),
        private_tests=r.tests(data.get("private_tests"), "private_tests"),
        generated_tests=r.tests(data.get("generated_tests"), "generated_tests"),
        solutions=r.solutions(data.get("solutions"), "solutions"),
        incorrect_solutions=r.solutions(data.get("incorrect_solutions"), "incorrect_solutions"),
        input_generators=r.solutions(data.get("input_generators"), "input_generators"),
        time_limit_s=r.time_limit(data),
        memory_limit_bytes=r.memory_limit(data),
        compare=r.compare(data),
        rating=None if not rating else int(r.number(rating, "cf_rating", integer=True)),
        tags=list(tags),
        extra={k: v for k, v in data.items() if k not in _KNOWN},
        path=file,
    )
    return problem


def load_problem(path: str | Path) -> Problem:
    """Read and validate a problem file (JSON)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise AlphasolveError("no such problem file", file=str(path)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise AlphasolveError(f"cannot read: {exc}", file=str(path)) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise AlphasolveError(f"not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}",
                              file=str(path)) from None
    return parse_problem(data, str(path))


#: what `alphasolve import` writes beside the problem files (sources/load.py), not a problem
IMPORT_REPORT = "import-report.json"


def find_problem_files(directory: str | Path) -> list[Path]:
    """Every problem file (*.json) directly in a directory (not in subdirectories), sorted by name;
    an import's `import-report.json` is not one."""
    directory = Path(directory)
    if not directory.is_dir():
        raise AlphasolveError("not a directory", file=str(directory))
    return sorted(p for p in directory.glob("*.json") if p.is_file() and p.name != IMPORT_REPORT)

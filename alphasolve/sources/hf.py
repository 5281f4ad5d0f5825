"""Hugging Face dataset records to alphasolve problem dicts: CodeContests, APPS, TACO,
LiveCodeBench code generation, open-r1 Codeforces.

A converter takes one record as `datasets` yields it and a `Context` and returns a validated
problem dict or a `Skip`, like the other converters in `alphasolve.sources`; unmapped fields
are kept. CodeContests records are already alphasolve problems: validated, written as they are
(languages stay integers), only a `compare` read from the statement is added. APPS/TACO tests
shown in the statement's examples are public, the rest private. LiveCodeBench's compressed tests
(base64, zlib, pickle) are decoded only when the pickle is a plain string, read op by op
without unpickling. Statements are read (heuristically; a skip quotes the sentence) for
interactive problems, several accepted answers (a checker is needed), tolerances and case.
"""

from __future__ import annotations

import ast
import base64
import binascii
import datetime as dt
import functools
import io
import json
import math
import pickletools
import re
import zlib
from dataclasses import dataclass
from typing import Any, Callable

from alphasolve.errors import AlphasolveError
from alphasolve.problem import parse_problem
from alphasolve.sources import Converted, Skip, SkipReason, finish_problem, is_python2_only


class Reason(SkipReason):
    """SkipReason plus the reasons of dataset imports."""

    FUNCTION_CALL = "function_call"
    FILE_IO = "file_io"
    UNSAFE_ENCODING = "unsafe_encoding"
    INVALID = "invalid"
    DUPLICATE = "duplicate"


@dataclass(frozen=True)
class Context:
    """What a converter knows besides the record."""

    where: str = "record"  # the source, for error messages
    split: str | None = None  # the split asked for (part of APPS and TACO ids)
    index: int = 0  # row number in the source
    keep_checker_problems: bool = False  # import problems that need a checker, judged by comparison
    allow_missing_tests: bool = False  # import problems whose hidden tests are missing or incomplete


@dataclass(frozen=True)
class Schema:
    """One kind of record: how to name, convert and filter it."""

    name: str
    title: str
    ident: Callable[[Any, Context], str]
    convert: Callable[[Any, Context], Converted]
    rating: Callable[[Any], float | None] | None = None  # numeric difficulty (Codeforces rating)
    level: Callable[[Any], str | None] | None = None  # named difficulty, one of `levels`
    levels: tuple[str, ...] = ()  # named difficulties, easiest first
    date: Callable[[Any], tuple[dt.date, dt.date] | None] | None = None  # contest date (first, last day)


# -- shared helpers -----------------------------------------------------------------------


def jsonable(value: Any) -> Any:
    """`value` with dates as ISO strings, tuples as lists and NaN as None (JSON-safe)."""
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return value


def parse_date(value: Any) -> tuple[dt.date, dt.date] | None:
    """(first, last) day of a date given as a datetime, a Unix time or text (YYYY[-MM[-DD]]...)."""
    if isinstance(value, dt.datetime):
        return value.date(), value.date()
    if isinstance(value, dt.date):
        return value, value
    if isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value) and value > 0:
        day = dt.datetime.fromtimestamp(value, dt.timezone.utc).date()
        return day, day
    if not isinstance(value, str):
        return None
    match = re.match(r"\s*(\d{4})(?:[-/](\d{1,2})(?:[-/](\d{1,2}))?)?(?![\d])", value)
    if not match:
        return None
    year, month, day = int(match[1]), match[2] and int(match[2]), match[3] and int(match[3])
    try:
        if day:
            return dt.date(year, month, day), dt.date(year, month, day)
        if month:
            last = (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1))
            return dt.date(year, month, 1), last
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    except ValueError:
        return None


def _text(value: Any, where: str, field: str) -> str:
    """Test input or output text: a string, or a list of lines."""
    if isinstance(value, str):
        return value
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return "".join(v if v.endswith("\n") else v + "\n" for v in value)
    raise AlphasolveError(f"expected text, got {type(value).__name__}", file=where, field=field)


def _pairs(tests: Any, where: str, field: str) -> list[dict[str, str]]:
    """[{input, output}] from a list of objects with (at least) input and output."""
    if not isinstance(tests, list) or not all(isinstance(t, dict) for t in tests):
        raise AlphasolveError("expected a list of {input, output}", file=where, field=field)
    return [{"input": _text(t.get("input"), where, f"{field}[{k}].input"),
             "output": _text(t.get("output"), where, f"{field}[{k}].output")} for k, t in enumerate(tests)]


def _required_ident(*keys: str, prefix: str = "") -> Callable[[Any, "Context"], str]:
    """The first of `keys` the record has (a non-empty string), after `prefix` with '/' as '-'."""
    def ident(record: dict, ctx: Context) -> str:
        value = next((record[k] for k in keys if record.get(k) is not None), None)
        if not isinstance(value, str) or not value.strip():
            raise AlphasolveError(f"row {ctx.index} has no {' or '.join(map(repr, keys))}", file=ctx.where, field=keys[0])
        return prefix + value.replace("/", "-") if prefix else value
    return ident


def _row_ident(prefix: str, key: str | None = None) -> Callable[[Any, "Context"], str]:
    """prefix-[split-]<record[key] or the row number>."""
    return lambda record, ctx: "-".join([prefix, *([ctx.split] if ctx.split else []),
                                         str(record.get(key, ctx.index) if key else ctx.index)])


def _json_field(record: dict, key: str, where: str) -> Any:
    value = record.get(key)
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if not isinstance(value, str):
        return value
    try:
        return json.loads(value)
    except json.JSONDecodeError as exc:
        raise AlphasolveError(f"not valid JSON: {exc.msg}", file=where, field=key) from None


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) or value <= 0:
        return None
    return float(value)


def _hidden_tests_skip(ident: str, public: list, hidden: list, ctx: Context) -> Skip | None:
    if not public and not hidden:
        return Skip(ident, Reason.NO_TESTS, "the record has no tests")
    if not public:
        return Skip(ident, Reason.NO_SAMPLE_TESTS, "no public tests (alphasolve filters candidates on them)")
    if not hidden and not ctx.allow_missing_tests:
        return Skip(ident, Reason.MISSING_TESTS, "no hidden tests to evaluate submissions on")
    return None


# -- what the statement says about judging ------------------------------------------------

_INTERACTIVE = re.compile(r"\binteractive\s+problem\b|^[\s#*-]*interaction[\s*-]*$|\bflush(?:ing)?\s+the\s+output\b",
                          re.IGNORECASE | re.MULTILINE)
_ANY_ANSWER = re.compile(
    r"(?<!not )(?<!n't )\b(?:print|output|write)\s+(?:any|an\s+arbitrary)\b"
    r"(?!\s+(?:extra|other|additional|trailing|leading|spaces?|characters?|more|case|letter))"
    r"|\bany\s+(?:one\s+)?of\s+them\b"
    r"|\bany\s+(?:valid|correct|possible|suitable|optimal)\s+(?:answer|solution|output)s?\b"
    r"|\b(?:print|output)\b[^.\n]{0,40}\bin\s+any\s+order\b", re.IGNORECASE)
_ANY_CASE = re.compile(r"\bin\s+any\s+(?:letter\s+)?(?:case|register)\b|\bcase[- ]insensitive\b"
                       r"|\bwill\s+be\s+recogni[sz]ed\s+as\s+(?:a\s+)?positive", re.IGNORECASE)
_ERROR_BOUND = re.compile(r"\b(?:absolute|relative)\s+(?:or\s+(?:absolute|relative)\s+)?(?:error|precision)", re.IGNORECASE)
_EXPONENT = re.compile(r"10\s*\^\s*\{?\s*\(?\s*[-\u2212\u2013]\s*(\d+)|\b1\s*[eE]\s*[-\u2212]\s*(\d+)\b|\b0\.(0*)1\b")


def _sentence(text: str, match: re.Match) -> str:
    """The sentence around a match, for quoting in a skip's detail."""
    start = max(text.rfind(c, 0, match.start()) for c in ".!?\n") + 1
    ends = [k for k in (text.find(c, match.end()) for c in ".!?\n") if k >= 0]
    sentence = " ".join(text[start:min(ends, default=len(text)) + 1].split())
    return sentence if len(sentence) <= 160 else match[0].strip()


def judging(statement: str) -> tuple[str | None, str, dict[str, Any]]:
    """(skip reason or None, why, compare spec) from what a statement says about judging."""
    match = _INTERACTIVE.search(statement)
    if match:
        return Reason.INTERACTIVE, f'interactive: the statement says "{_sentence(statement, match)}"', {}
    compare: dict[str, Any] = {}
    if _ANY_CASE.search(statement):
        compare["case_sensitive"] = False
    bound = _ERROR_BOUND.search(statement)
    if bound:
        exponent = _EXPONENT.search(statement, bound.end(), bound.end() + 200)
        if not exponent:
            return (Reason.NEEDS_CHECKER, f'the statement accepts answers within an error bound alphasolve '
                    f'could not read ("{bound[0]}")', compare)
        digits = exponent[1] or exponent[2]
        tolerance = 10.0 ** -int(digits) if digits else 10.0 ** -(len(exponent[3]) + 1)
        compare.update(float_abs=tolerance, float_rel=tolerance)
    match = _ANY_ANSWER.search(statement)
    if match:
        return (Reason.NEEDS_CHECKER, f'several answers are accepted: the statement says "{_sentence(statement, match)}"',
                compare)
    return None, "", compare


def _apply_judging(data: dict, statement: str, ident: str, ctx: Context, *, checks_answers: bool = True) -> Skip | None:
    reason, detail, compare = judging(statement)
    if reason == Reason.NEEDS_CHECKER and not checks_answers:
        reason = None
    if reason == Reason.INTERACTIVE or (reason and not ctx.keep_checker_problems):
        return Skip(ident, reason, detail)
    if reason:
        data["judging_note"] = f"{detail}; judged by token comparison (--keep-checker-problems)"
    if compare and "compare" not in data and data.get("float_tolerance") is None:
        data["compare"] = compare
    return None


_EXAMPLES = re.compile(r"^[\s#*-]*(?:examples?|samples?|sample\s+(?:input|test))\b", re.IGNORECASE | re.MULTILINE)


def split_public(tests: list[dict[str, str]], statement: str) -> tuple[list, list, str]:
    """(public, private, where the public tests came from): the tests shown as examples are public."""
    match = _EXAMPLES.search(statement)
    shown = " " + " ".join(statement[match.start():].split()) + " " if match else ""
    tokens = lambda text: " " + " ".join(text.split()) + " "  # noqa: E731
    public = [t for t in tests if t["input"].strip() and tokens(t["input"]) in shown and tokens(t["output"]) in shown]
    if not public:
        return tests[:1], tests[1:], "the first test"
    return public, [t for t in tests if t not in public], "the statement's examples"


# -- DeepMind CodeContests (and alphasolve's own format) -------------------------------------

#: CodeContests' Difficulty enum, by value
CODECONTESTS_LEVELS = ("UNKNOWN_DIFFICULTY", "EASY", "MEDIUM", "HARD", "HARDER", "HARDEST", "EXTERNAL",
                       *"ABCDEFGHIJKLMNOPQRSTUV")


_codecontests_ident = _required_ident("id", "name")


def convert_codecontests(record: dict, ctx: Context) -> Converted:
    ident = _codecontests_ident(record, ctx)
    data = jsonable(record)
    if data.get("id") is None:  # a column other rows have: None here means no id
        data.pop("id", None)
    if data.get("input_file") or data.get("output_file"):
        return Skip(ident, Reason.FILE_IO, f"reads {data.get('input_file') or 'stdin'} and writes "
                    f"{data.get('output_file') or 'stdout'}; alphasolve runs programs on stdin/stdout")
    skip = _apply_judging(data, data.get("description") or "", ident, ctx)
    if skip:
        return skip
    problem = parse_problem(data, f"{ctx.where}: {ident}")
    return _hidden_tests_skip(ident, problem.public_tests, problem.hidden_tests, ctx) or data


def _codecontests_level(record: dict) -> str | None:
    value = record.get("difficulty")
    return CODECONTESTS_LEVELS[value] if isinstance(value, int) and 0 < value < len(CODECONTESTS_LEVELS) else None


# -- APPS and TACO --------------------------------------------------------------------------

APPS_LEVELS = ("introductory", "interview", "competition")
TACO_LEVELS = ("EASY", "MEDIUM", "MEDIUM_HARD", "HARD", "VERY_HARD")
_PROVENANCE = {
    "apps": {"dataset": "APPS", "hub": "codeparrot/apps", "license": "MIT"},
    "taco": {"dataset": "TACO", "hub": "BAAI/TACO", "license": "Apache-2.0"},
    "livecodebench": {"dataset": "LiveCodeBench code generation", "hub": "livecodebench/code_generation_lite"},
    "codeforces": {"dataset": "open-r1 Codeforces", "hub": "open-r1/codeforces", "license": "CC-BY-4.0"},
}


_apps_ident, _taco_ident = _row_ident("apps", "problem_id"), _row_ident("taco")


def _provenance(kind: str, ctx: Context) -> dict[str, Any]:
    return {**_PROVENANCE[kind], "split": ctx.split, "row": ctx.index}


def convert_apps(record: dict, ctx: Context, *, kind: str = "apps") -> Converted:
    ident = (_taco_ident if kind == "taco" else _apps_ident)(record, ctx)
    where = f"{ctx.where}: {ident}"
    statement = record.get("question")
    if not isinstance(statement, str):
        raise AlphasolveError("expected the statement as text", file=where, field="question")
    io_spec = _json_field(record, "input_output", where) or {}
    if not isinstance(io_spec, dict):
        raise AlphasolveError("expected {inputs, outputs}", file=where, field="input_output")
    if io_spec.get("fn_name"):
        return Skip(ident, Reason.FUNCTION_CALL, f"function-call style: the tests call {io_spec['fn_name']}(...) "
                    "instead of running a program on stdin")
    inputs, outputs = io_spec.get("inputs") or [], io_spec.get("outputs") or []
    if len(inputs) != len(outputs):
        raise AlphasolveError(f"{len(inputs)} inputs but {len(outputs)} outputs", file=where, field="input_output")
    tests = _pairs([{"input": i, "output": o} for i, o in zip(inputs, outputs)], where, "input_output")
    data: dict[str, Any] = {k: v for k, v in jsonable(record).items()
                            if k not in ("question", "input_output", "solutions", "problem_id")}
    skip = _apply_judging(data, statement, ident, ctx)
    if skip:
        return skip
    public, private, origin = split_public(tests, statement)
    skip = _hidden_tests_skip(ident, public, private, ctx)
    if skip:
        return skip
    codes = _json_field(record, "solutions", where) or []
    if not isinstance(codes, list):
        raise AlphasolveError("expected a JSON list of programs", file=where, field="solutions")
    python3 = [c for c in codes if isinstance(c, str) and not is_python2_only(c)]
    if kind == "taco":
        _taco_fields(data, record, where)
    data.update({
        "id": ident, "name": data.get("name") if isinstance(data.get("name"), str) and data["name"].strip() else ident,
        "description": statement, "public_tests": public, "private_tests": private,
        "solutions": [{"language": "python3", "code": c} for c in python3],
        "public_tests_from": origin, "provenance": _provenance(kind, ctx),
        **({"source_problem_id": record["problem_id"]} if "problem_id" in record else {}),
    })
    if len(python3) < len(codes):
        data["dropped_solutions"] = {"count": len(codes) - len(python3), "reason": "not Python 3 (Python 2 or not text)"}
    return finish_problem(data, where)


def _taco_fields(data: dict, record: dict, where: str) -> None:
    """TACO keeps tags and limits as text: read them, keep the text under *_text."""
    tags = record.get("tags")
    if isinstance(tags, str):
        data.pop("tags", None)
        data["tags_text"] = tags
        try:
            parsed = ast.literal_eval(tags)
        except (ValueError, SyntaxError, MemoryError, RecursionError):
            parsed = None
        if isinstance(parsed, list) and all(isinstance(t, str) for t in parsed):
            data["tags"] = parsed
    for key, unit, target in (("time_limit", r"sec", "time_limit"), ("memory_limit", r"(?:mega)?bytes|mb", "memory_limit_mb")):
        value = record.get(key)
        if isinstance(value, str):
            data.pop(key, None)
            data[f"{key}_text"] = value
            match = re.search(rf"(\d+(?:\.\d+)?)\s*{unit}", value, re.IGNORECASE)
            if match and float(match[1]) > 0:
                data[target] = float(match[1])


# -- LiveCodeBench code generation ----------------------------------------------------------

LCB_LEVELS = ("easy", "medium", "hard")
MAX_DECOMPRESSED_BYTES = 1 << 30
_STRING_OPS = {"SHORT_BINUNICODE", "BINUNICODE", "BINUNICODE8", "UNICODE"}
_HARMLESS_OPS = {"PROTO", "FRAME", "MEMOIZE", "PUT", "BINPUT", "LONG_BINPUT", "STOP"}


class UnsafeEncoding(Exception):
    """Compressed tests that alphasolve will not decode."""


def pickled_string(data: bytes) -> str:
    """The string a pickle holds, read op by op without unpickling; raises UnsafeEncoding otherwise.

    Nothing is executed or imported: `pickletools.genops` only parses. A pickle of anything
    but one plain string (objects, calls, containers) is refused.
    """
    found: list[str] = []
    try:
        for op, arg, _ in pickletools.genops(io.BytesIO(data)):
            if op.name in _STRING_OPS:
                found.append(arg)
            elif op.name not in _HARMLESS_OPS:
                raise UnsafeEncoding(f"the pickle holds more than a string (op {op.name})")
    except (ValueError, EOFError) as exc:
        raise UnsafeEncoding(f"not a valid pickle: {exc}") from None
    if len(found) != 1:
        raise UnsafeEncoding(f"the pickle holds {len(found)} strings, not one")
    return found[0]


def decode_lcb_tests(value: str) -> Any:
    """LiveCodeBench test cases: JSON text, or base64 of zlib of a pickled JSON string."""
    try:
        return json.loads(value)
    except json.JSONDecodeError:
        pass
    try:
        raw = base64.b64decode(value.encode("ascii"), validate=True)
        inflater = zlib.decompressobj()
        data = inflater.decompress(raw, MAX_DECOMPRESSED_BYTES)
    except (binascii.Error, UnicodeEncodeError, ValueError, zlib.error) as exc:
        raise UnsafeEncoding(f"neither JSON nor base64+zlib ({type(exc).__name__})") from None
    if inflater.unconsumed_tail:
        raise UnsafeEncoding(f"decompresses to more than {MAX_DECOMPRESSED_BYTES} bytes")
    try:
        return json.loads(pickled_string(data))
    except json.JSONDecodeError as exc:
        raise UnsafeEncoding(f"the pickled string is not JSON: {exc.msg}") from None


def _lcb_ident(record: dict, ctx: Context) -> str:
    return "-".join(str(p) for p in ("lcb", record.get("platform") or "", record.get("question_id", ctx.index)) if p != "")


def _lcb_tests(value: Any, where: str, field: str) -> tuple[list[dict[str, str]], bool]:
    """(tests, any functional) of a LiveCodeBench test list."""
    tests = decode_lcb_tests(value) if isinstance(value, str) else (value or [])
    functional = isinstance(tests, list) and any(isinstance(t, dict) and t.get("testtype") == "functional" for t in tests)
    return _pairs(tests, where, field), functional


def convert_livecodebench(record: dict, ctx: Context) -> Converted:
    ident = _lcb_ident(record, ctx)
    where = f"{ctx.where}: {ident}"
    statement = record.get("question_content")
    if not isinstance(statement, str):
        raise AlphasolveError("expected the statement as text", file=where, field="question_content")
    try:
        public, functional = _lcb_tests(record.get("public_test_cases"), where, "public_test_cases")
        if functional:
            return Skip(ident, Reason.FUNCTION_CALL, "function-call style (testtype functional): the tests call a "
                        "method instead of running a program on stdin")
        private, functional = _lcb_tests(record.get("private_test_cases"), where, "private_test_cases")
    except UnsafeEncoding as exc:
        return Skip(ident, Reason.UNSAFE_ENCODING, f"private_test_cases: {exc}; alphasolve never unpickles "
                    "untrusted data")
    if functional:
        return Skip(ident, Reason.FUNCTION_CALL, "function-call style (testtype functional)")
    data: dict[str, Any] = {k: v for k, v in jsonable(record).items()
                            if k not in ("question_content", "question_title", "public_test_cases", "private_test_cases")}
    metadata = _json_field(record, "metadata", where)
    if metadata is not None:
        data["metadata"] = metadata
    skip = _apply_judging(data, statement, ident, ctx) or _hidden_tests_skip(ident, public, private, ctx)
    if skip:
        return skip
    data.update({"id": ident, "name": record.get("question_title") or ident, "description": statement,
                 "public_tests": public, "private_tests": private, "provenance": _provenance("livecodebench", ctx)})
    return finish_problem(data, where)


# -- open-r1 Codeforces ------------------------------------------------------------------------

_CF_CONSUMED = ("id", "title", "description", "input_format", "output_format", "note", "examples", "official_tests",
                "time_limit", "memory_limit", "rating", "tags", "generated_tests")


_codeforces_ident = _required_ident("id", prefix="codeforces-")


def convert_codeforces(record: dict, ctx: Context) -> Converted:
    ident = _codeforces_ident(record, ctx)
    where = f"{ctx.where}: {ident}"
    if isinstance(record.get("interaction_format"), str) and record["interaction_format"].strip():
        return Skip(ident, Reason.INTERACTIVE, "interactive problem (interaction_format): alphasolve has no interactor yet")
    if record.get("input_mode") not in (None, "", "stdio"):
        return Skip(ident, Reason.FILE_IO, f"input_mode {record['input_mode']!r}: alphasolve runs programs on stdin/stdout")
    checker = record.get("generated_checker")
    if isinstance(checker, str) and checker.strip() and not ctx.keep_checker_problems:
        return Skip(ident, Reason.NEEDS_CHECKER, "the dataset judges it with a checker program (generated_checker), "
                    "which alphasolve cannot run yet")
    parts = [("", record.get("description")), ("Input", record.get("input_format")),
             ("Output", record.get("output_format")), ("Note", record.get("note"))]
    statement = "\n\n".join(f"{head}\n\n{text.strip()}" if head else text.strip()
                            for head, text in parts if isinstance(text, str) and text.strip()) + "\n"
    data: dict[str, Any] = {k: v for k, v in jsonable(record).items() if k not in _CF_CONSUMED}
    # the checker column says which problems need one; the statement only adds tolerances
    skip = _apply_judging(data, statement, ident, ctx, checks_answers="generated_checker" not in record)
    if skip:
        return skip
    public = _pairs(record.get("examples") or [], where, "examples")
    private = _pairs(record.get("official_tests") or [], where, "official_tests")
    if not public and private:
        public, data["public_tests_from"] = private[:1], "the first official test"
    skip = _hidden_tests_skip(ident, public, private, ctx)
    if skip:
        return skip
    if record.get("official_tests_complete") is False and not ctx.allow_missing_tests:
        return Skip(ident, Reason.MISSING_TESTS, "official_tests is incomplete (the full test set was too large)")
    if checker and ctx.keep_checker_problems:
        data["judging_note"] = "the dataset's checker (generated_checker) is not run; judged by token comparison"
    data.update({"id": ident, "source_id": record["id"], "name": record.get("title") or ident, "description": statement,
                 "public_tests": public, "private_tests": private, "provenance": _provenance("codeforces", ctx)})
    if _number(record.get("time_limit")):
        data["time_limit"] = float(record["time_limit"])
    if _number(record.get("memory_limit")):
        data["memory_limit_mb"] = float(record["memory_limit"])
    if _number(record.get("rating")):
        data["cf_rating"] = int(record["rating"])
    if isinstance(record.get("tags"), list):
        data["tags"] = [str(t) for t in record["tags"]]
    if record.get("generated_tests") is not None:
        data["generated_tests_count"] = record["generated_tests"]
    if parse_date(record.get("contest_start")):
        data["contest_date"] = parse_date(record["contest_start"])[0].isoformat()
    return finish_problem(data, where)


# -- the schemas ---------------------------------------------------------------------------------


def _field_level(key: str, levels: tuple[str, ...]) -> Callable[[Any], str | None]:
    names = {name.lower(): name for name in levels}
    return lambda record: names.get(str(record.get(key) or "").strip().lower())


SCHEMAS: dict[str, Schema] = {
    "codecontests": Schema("codecontests", "CodeContests", _codecontests_ident, convert_codecontests,
                           rating=lambda r: _number(r.get("cf_rating")), level=_codecontests_level,
                           levels=CODECONTESTS_LEVELS[1:]),
    "apps": Schema("apps", "APPS", _apps_ident, convert_apps, level=_field_level("difficulty", APPS_LEVELS),
                   levels=APPS_LEVELS),
    "taco": Schema("taco", "TACO", _taco_ident, functools.partial(convert_apps, kind="taco"), level=_field_level("difficulty", TACO_LEVELS),
                   levels=TACO_LEVELS, date=lambda r: parse_date(r.get("date"))),
    "livecodebench": Schema("livecodebench", "LiveCodeBench", _lcb_ident, convert_livecodebench,
                            level=_field_level("difficulty", LCB_LEVELS), levels=LCB_LEVELS,
                            date=lambda r: parse_date(r.get("contest_date"))),
    "codeforces": Schema("codeforces", "open-r1 Codeforces", _codeforces_ident, convert_codeforces,
                         rating=lambda r: _number(r.get("rating")), date=lambda r: parse_date(r.get("contest_start"))),
}


def detect_schema(record: Any) -> Schema | None:
    """The schema a dataset record follows, from its fields (None when none fits)."""
    if not isinstance(record, dict):
        return None
    if "official_tests" in record or {"input_format", "output_format", "contest_id"} <= set(record):
        return SCHEMAS["codeforces"]
    if "question_content" in record and "public_test_cases" in record:
        return SCHEMAS["livecodebench"]
    if "question" in record and "input_output" in record:
        return SCHEMAS["apps" if "problem_id" in record and "raw_tags" not in record else "taco"]
    if "public_tests" in record or "private_tests" in record:
        return SCHEMAS["codecontests"]
    return None

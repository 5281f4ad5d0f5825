"""What the Hugging Face converters share: the context, the schema record, field readers."""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from dataclasses import dataclass
from typing import Any, Callable

from alphasolve.errors import AlphasolveError
from alphasolve.sources import Converted, Skip, SkipReason


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
    statements: dict | None = None  # problem name -> statement record (Codeflaws: `import --statements`)


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


def test_pairs(tests: Any, where: str, field: str) -> list[dict[str, str]]:
    """[{input, output}] from a list of objects with (at least) input and output."""
    if not isinstance(tests, list) or not all(isinstance(t, dict) for t in tests):
        raise AlphasolveError("expected a list of {input, output}", file=where, field=field)
    return [{"input": _text(t.get("input"), where, f"{field}[{k}].input"),
             "output": _text(t.get("output"), where, f"{field}[{k}].output")} for k, t in enumerate(tests)]


def required_ident(*keys: str, prefix: str = "") -> Callable[[Any, "Context"], str]:
    """The first of `keys` the record has (a non-empty string), after `prefix` with '/' as '-'."""
    def ident(record: dict, ctx: Context) -> str:
        value = next((record[k] for k in keys if record.get(k) is not None), None)
        if not isinstance(value, str) or not value.strip():
            raise AlphasolveError(f"row {ctx.index} has no {' or '.join(map(repr, keys))}", file=ctx.where, field=keys[0])
        return prefix + value.replace("/", "-") if prefix else value
    return ident


def row_ident(prefix: str, key: str | None = None) -> Callable[[Any, "Context"], str]:
    """prefix-[split-]<record[key] or the row number>."""
    return lambda record, ctx: "-".join([prefix, *([ctx.split] if ctx.split else []),
                                         str(record.get(key, ctx.index) if key else ctx.index)])


def json_field(record: dict, key: str, where: str) -> Any:
    value = record.get(key)
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if not isinstance(value, str):
        return value
    try:
        return json.loads(value)
    except json.JSONDecodeError as exc:
        raise AlphasolveError(f"not valid JSON: {exc.msg}", file=where, field=key) from None


def positive_number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) or value <= 0:
        return None
    return float(value)


def hidden_tests_skip(ident: str, public: list, hidden: list, ctx: Context) -> Skip | None:
    if not public and not hidden:
        return Skip(ident, Reason.NO_TESTS, "the record has no tests")
    if not public:
        return Skip(ident, Reason.NO_SAMPLE_TESTS, "no public tests (alphasolve filters candidates on them)")
    if not hidden and not ctx.allow_missing_tests:
        return Skip(ident, Reason.MISSING_TESTS, "no hidden tests to evaluate submissions on")
    return None


_PROVENANCE = {
    "apps": {"dataset": "APPS", "hub": "codeparrot/apps", "license": "MIT"},
    "taco": {"dataset": "TACO", "hub": "BAAI/TACO", "license": "Apache-2.0"},
    "livecodebench": {"dataset": "LiveCodeBench code generation", "hub": "livecodebench/code_generation_lite"},
    "codeforces": {"dataset": "open-r1 Codeforces", "hub": "open-r1/codeforces", "license": "CC-BY-4.0"},
}


def provenance(kind: str, ctx: Context) -> dict[str, Any]:
    return {**_PROVENANCE[kind], "split": ctx.split, "row": ctx.index}


def field_level(key: str, levels: tuple[str, ...]) -> Callable[[Any], str | None]:
    names = {name.lower(): name for name in levels}
    return lambda record: names.get(str(record.get(key) or "").strip().lower())


"""APPS and TACO records: tests shown in the statement's examples are public, the rest private;
Python 2 solutions are dropped; TACO's tags and limits are read from their text."""

from __future__ import annotations

import ast
import functools
import re
from typing import Any

from alphasolve.errors import AlphasolveError
from alphasolve.sources import Converted, Skip, finish_problem, is_python2_only
from alphasolve.sources.hf.common import (Context, Reason, Schema, field_level, hidden_tests_skip, json_field,
                                          jsonable, parse_date, provenance, row_ident, test_pairs)
from alphasolve.sources.hf.judging import apply_judging, split_public


APPS_LEVELS = ("introductory", "interview", "competition")
TACO_LEVELS = ("EASY", "MEDIUM", "MEDIUM_HARD", "HARD", "VERY_HARD")

_apps_ident, _taco_ident = row_ident("apps", "problem_id"), row_ident("taco")


def convert_apps(record: dict, ctx: Context, *, kind: str = "apps") -> Converted:
    ident = (_taco_ident if kind == "taco" else _apps_ident)(record, ctx)
    where = f"{ctx.where}: {ident}"
    statement = record.get("question")
    if not isinstance(statement, str):
        raise AlphasolveError("expected the statement as text", file=where, field="question")
    io_spec = json_field(record, "input_output", where) or {}
    if not isinstance(io_spec, dict):
        raise AlphasolveError("expected {inputs, outputs}", file=where, field="input_output")
    if io_spec.get("fn_name"):
        return Skip(ident, Reason.FUNCTION_CALL, f"function-call style: the tests call {io_spec['fn_name']}(...) "
                    "instead of running a program on stdin")
    inputs, outputs = io_spec.get("inputs") or [], io_spec.get("outputs") or []
    if len(inputs) != len(outputs):
        raise AlphasolveError(f"{len(inputs)} inputs but {len(outputs)} outputs", file=where, field="input_output")
    tests = test_pairs([{"input": i, "output": o} for i, o in zip(inputs, outputs)], where, "input_output")
    data: dict[str, Any] = {k: v for k, v in jsonable(record).items()
                            if k not in ("question", "input_output", "solutions", "problem_id")}
    skip = apply_judging(data, statement, ident, ctx)
    if skip:
        return skip
    public, private, origin = split_public(tests, statement)
    skip = hidden_tests_skip(ident, public, private, ctx)
    if skip:
        return skip
    codes = json_field(record, "solutions", where) or []
    if not isinstance(codes, list):
        raise AlphasolveError("expected a JSON list of programs", file=where, field="solutions")
    python3 = [c for c in codes if isinstance(c, str) and not is_python2_only(c)]
    if kind == "taco":
        _taco_fields(data, record, where)
    data.update({
        "id": ident, "name": data.get("name") if isinstance(data.get("name"), str) and data["name"].strip() else ident,
        "description": statement, "public_tests": public, "private_tests": private,
        "solutions": [{"language": "python3", "code": c} for c in python3],
        "public_tests_from": origin, "provenance": provenance(kind, ctx),
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



APPS_SCHEMA = Schema("apps", "APPS", _apps_ident, convert_apps, level=field_level("difficulty", APPS_LEVELS),
                     levels=APPS_LEVELS)
TACO_SCHEMA = Schema("taco", "TACO", _taco_ident, functools.partial(convert_apps, kind="taco"),
                     level=field_level("difficulty", TACO_LEVELS), levels=TACO_LEVELS,
                     date=lambda r: parse_date(r.get("date")))

"""LiveCodeBench code generation records. Compressed tests (base64, zlib, pickle) are decoded
only when the pickle is a plain string, read op by op without unpickling."""

from __future__ import annotations

import base64
import binascii
import io
import json
import pickletools
import zlib
from typing import Any

from alphasolve.errors import AlphasolveError
from alphasolve.sources import Converted, Skip, finish_problem
from alphasolve.sources.hf.common import (Context, Reason, Schema, field_level, hidden_tests_skip, json_field,
                                          jsonable, parse_date, provenance, test_pairs)
from alphasolve.sources.hf.judging import apply_judging


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
    return test_pairs(tests, where, field), functional


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
    metadata = json_field(record, "metadata", where)
    if metadata is not None:
        data["metadata"] = metadata
    skip = apply_judging(data, statement, ident, ctx) or hidden_tests_skip(ident, public, private, ctx)
    if skip:
        return skip
    data.update({"id": ident, "name": record.get("question_title") or ident, "description": statement,
                 "public_tests": public, "private_tests": private, "provenance": provenance("livecodebench", ctx)})
    return finish_problem(data, where)



SCHEMA = Schema("livecodebench", "LiveCodeBench", _lcb_ident, convert_livecodebench,
                level=field_level("difficulty", LCB_LEVELS), levels=LCB_LEVELS,
                date=lambda r: parse_date(r.get("contest_date")))

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

One module per dataset family (`codecontests`, `apps_taco`, `livecodebench`, `openr1`), each
with its converter and schema; `common` holds the context, the schema record and the field
readers, `judging` what a statement says about judging. This module collects the schemas.
"""

from __future__ import annotations

from typing import Any

from alphasolve.sources.hf import apps_taco, codecontests, livecodebench, openr1
from alphasolve.sources.hf.apps_taco import APPS_LEVELS, TACO_LEVELS, convert_apps
from alphasolve.sources.hf.codecontests import CODECONTESTS_LEVELS, convert_codecontests
from alphasolve.sources.hf.common import Context, Reason, Schema, jsonable, parse_date
from alphasolve.sources.hf.judging import judging, split_public
from alphasolve.sources.hf.livecodebench import (LCB_LEVELS, MAX_DECOMPRESSED_BYTES, UnsafeEncoding,
                                                 convert_livecodebench, decode_lcb_tests, pickled_string)
from alphasolve.sources.hf.openr1 import convert_codeforces

__all__ = ["APPS_LEVELS", "CODECONTESTS_LEVELS", "Context", "LCB_LEVELS", "MAX_DECOMPRESSED_BYTES", "Reason",
           "SCHEMAS", "Schema", "TACO_LEVELS", "UnsafeEncoding", "convert_apps", "convert_codecontests",
           "convert_codeforces", "convert_livecodebench", "decode_lcb_tests", "detect_schema", "jsonable",
           "judging", "parse_date", "pickled_string", "split_public"]

SCHEMAS: dict[str, Schema] = {schema.name: schema for schema in (
    codecontests.SCHEMA, apps_taco.APPS_SCHEMA, apps_taco.TACO_SCHEMA, livecodebench.SCHEMA, openr1.SCHEMA)}


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

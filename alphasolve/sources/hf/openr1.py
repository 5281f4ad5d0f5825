"""open-r1 Codeforces records: the statement is put together from its parts; problems the
dataset judges with a checker program or interactively are skipped (or kept on request)."""

from __future__ import annotations

from typing import Any

from alphasolve.sources import Converted, Skip, finish_problem
from alphasolve.sources.hf.common import (Context, Reason, Schema, hidden_tests_skip, jsonable, parse_date,
                                          positive_number, provenance, required_ident, test_pairs)
from alphasolve.sources.hf.judging import apply_judging

_CF_CONSUMED = ("id", "title", "description", "input_format", "output_format", "note", "examples", "official_tests",
                "time_limit", "memory_limit", "rating", "tags", "generated_tests")


_codeforces_ident = required_ident("id", prefix="codeforces-")


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
    skip = apply_judging(data, statement, ident, ctx, checks_answers="generated_checker" not in record)
    if skip:
        return skip
    public = test_pairs(record.get("examples") or [], where, "examples")
    private = test_pairs(record.get("official_tests") or [], where, "official_tests")
    if not public and private:
        public, data["public_tests_from"] = private[:1], "the first official test"
    skip = hidden_tests_skip(ident, public, private, ctx)
    if skip:
        return skip
    if record.get("official_tests_complete") is False and not ctx.allow_missing_tests:
        return Skip(ident, Reason.MISSING_TESTS, "official_tests is incomplete (the full test set was too large)")
    if checker and ctx.keep_checker_problems:
        data["judging_note"] = "the dataset's checker (generated_checker) is not run; judged by token comparison"
    data.update({"id": ident, "source_id": record["id"], "name": record.get("title") or ident, "description": statement,
                 "public_tests": public, "private_tests": private, "provenance": provenance("codeforces", ctx)})
    if positive_number(record.get("time_limit")):
        data["time_limit"] = float(record["time_limit"])
    if positive_number(record.get("memory_limit")):
        data["memory_limit_mb"] = float(record["memory_limit"])
    if positive_number(record.get("rating")):
        data["cf_rating"] = int(record["rating"])
    if isinstance(record.get("tags"), list):
        data["tags"] = [str(t) for t in record["tags"]]
    if record.get("generated_tests") is not None:
        data["generated_tests_count"] = record["generated_tests"]
    if parse_date(record.get("contest_start")):
        data["contest_date"] = parse_date(record["contest_start"])[0].isoformat()
    return finish_problem(data, where)


SCHEMA = Schema("codeforces", "open-r1 Codeforces", _codeforces_ident, convert_codeforces,
                rating=lambda r: positive_number(r.get("rating")), date=lambda r: parse_date(r.get("contest_start")))

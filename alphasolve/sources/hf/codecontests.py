"""DeepMind CodeContests records (and alphasolve's own format): already alphasolve problems,
validated and written as they are (languages stay integers); only a `compare` read from the
statement is added."""

from __future__ import annotations

from alphasolve.problem import parse_problem
from alphasolve.sources import Converted, Skip
from alphasolve.sources.hf.common import (Context, Reason, Schema, hidden_tests_skip, jsonable, positive_number,
                                          required_ident)
from alphasolve.sources.hf.judging import apply_judging

#: CodeContests' Difficulty enum, by value
CODECONTESTS_LEVELS = ("UNKNOWN_DIFFICULTY", "EASY", "MEDIUM", "HARD", "HARDER", "HARDEST", "EXTERNAL",
                       *"ABCDEFGHIJKLMNOPQRSTUV")


_codecontests_ident = required_ident("id", "name")


def convert_codecontests(record: dict, ctx: Context) -> Converted:
    ident = _codecontests_ident(record, ctx)
    data = jsonable(record)
    if data.get("id") is None:  # a column other rows have: None here means no id
        data.pop("id", None)
    if data.get("input_file") or data.get("output_file"):
        return Skip(ident, Reason.FILE_IO, f"reads {data.get('input_file') or 'stdin'} and writes "
                    f"{data.get('output_file') or 'stdout'}; alphasolve runs programs on stdin/stdout")
    skip = apply_judging(data, data.get("description") or "", ident, ctx)
    if skip:
        return skip
    problem = parse_problem(data, f"{ctx.where}: {ident}")
    return hidden_tests_skip(ident, problem.public_tests, problem.hidden_tests, ctx) or data


def _codecontests_level(record: dict) -> str | None:
    value = record.get("difficulty")
    return CODECONTESTS_LEVELS[value] if isinstance(value, int) and 0 < value < len(CODECONTESTS_LEVELS) else None



SCHEMA = Schema("codecontests", "CodeContests", _codecontests_ident, convert_codecontests,
                rating=lambda r: positive_number(r.get("cf_rating")), level=_codecontests_level,
                levels=CODECONTESTS_LEVELS[1:])

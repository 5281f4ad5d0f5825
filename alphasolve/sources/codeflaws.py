"""Codeflaws records (real Codeforces C submissions, accepted and buggy) to alphasolve problems.

One record of `codeflaws-dev.jsonl.gz`: `problem` ("271-C"), `cf_contest_id`, `cf_index`,
`accepted` [{submission_id, language, code}], `buggy` [{submission_id, language, code,
fixed_by_submission_id, defect_class, verdict, repair_tags}], `tests` [{input, output}] and
`ref_check` {status, first_accepted_exact_pass, tests, ...}.

Codeflaws has no statements: the description names the Codeforces problem and links it, unless a
statements file gives the statement (`read_codeflaws_statements`: records {problem, statement},
as in ../shared's codeflaws-dev-statements.jsonl.gz; `alphasolve import --statements FILE`). The
first test of a Codeforces problem is almost always the statement's first example, so
`tests[:1]` are the public tests and the rest are private.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterator

from alphasolve import languages
from alphasolve.errors import AlphasolveError
from alphasolve.sources import Converted, Skip, SkipReason, finish_problem, read_jsonl_records

PROVENANCE = {
    "dataset": "Codeflaws",
    "repository": "https://github.com/codeflaws/codeflaws",
    "commit": "7b4622922ae31e9b55a00cee7046b65fa014c45b",
    "license": "MIT",
    "attribution": "Codeflaws benchmark (MIT licence); programs are Codeforces contestants' C submissions",
}

#: MSVC-only printf/scanf length modifiers that glibc does not understand
_MSVC_FORMATS = (("%I64d", "%lld"), ("%I64u", "%llu"))
REWRITE_NOTE = ("In every program, the MSVC-only format specifiers %I64d and %I64u were rewritten "
                "to %lld and %llu, as the dataset's ref_check did for %I64d, so that they run with glibc.")


def read_codeflaws_records(path: str | Path) -> Iterator[dict[str, Any]]:
    """The records of a Codeflaws `.jsonl` or `.jsonl.gz` file, in file order."""
    return read_jsonl_records(path, "Codeflaws")


def read_codeflaws_statements(path: str | Path) -> dict[str, dict[str, Any]]:
    """Statements by Codeflaws problem name ("146-B"), from a `.jsonl(.gz)` file of records with
    `problem` and `statement` (the whole text), or, where the statement is missing, an
    `input_spec` (the Input section): that section then makes the statement."""
    out = {}
    for k, record in enumerate(read_jsonl_records(path, "Codeflaws statements")):
        if not isinstance(record, dict) or not isinstance(record.get("problem"), str):
            raise AlphasolveError("expected an object with a 'problem' string", file=str(path), field=f"record {k + 1}")
        text = record.get("statement")
        if not isinstance(text, str):
            if not isinstance(record.get("input_spec"), str):
                raise AlphasolveError("expected a 'statement' or 'input_spec' string", file=str(path),
                                      field=f"record {k + 1} ({record['problem']})")
            text = f"{record.get('name') or record['problem']}\n\nInput\n\n{record['input_spec']}\n"
            if isinstance(record.get("output_spec"), str):
                text += f"\nOutput\n\n{record['output_spec']}\n"
        out[record["problem"]] = {**record, "statement": text}
    return out


def rewrite_msvc_formats(code: str) -> str:
    for old, new in _MSVC_FORMATS:
        code = code.replace(old, new)
    return code


def convert_codeflaws_record(record: dict[str, Any], *, public_test_count: int = 1,
                             require_exact_ref_check: bool = True,
                             statements: dict[str, dict[str, Any]] | None = None) -> Converted:
    """Convert one Codeflaws record; returns a problem dict or a `Skip`.

    With `require_exact_ref_check` (the default), problems where the dataset's own check of
    the first accepted program did not reproduce every expected output are skipped: they
    usually accept several answers and need a checker.
    """
    where = f"codeflaws record {record.get('problem', '?')}" if isinstance(record, dict) else "codeflaws record"
    if not isinstance(record, dict):
        raise AlphasolveError("expected a JSON object", file=where)
    name = _field(record, "problem", str, where)
    ident = f"codeflaws-{name}"
    tests = _field(record, "tests", list, where)
    accepted = _field(record, "accepted", list, where)
    buggy = _field(record, "buggy", list, where)

    check = record.get("ref_check") or {}
    if check.get("status") == "NOACC" or not accepted:
        return Skip(ident, SkipReason.NO_ACCEPTED_SOLUTION, "no accepted submission reproduces the tests")
    if not tests:
        return Skip(ident, SkipReason.NO_TESTS, "the record has no tests")
    passed, total = check.get("first_accepted_exact_pass"), check.get("tests")
    if require_exact_ref_check and (check.get("status") != "OK" or passed != total):
        return Skip(ident, SkipReason.NEEDS_CHECKER,
                    f"ref_check {check.get('status')}: the first accepted program reproduces {passed}/{total} "
                    "expected outputs exactly (several answers are probably accepted)")

    solutions, solution_meta, rewritten = [], [], 0
    for k, sub in enumerate(accepted):
        program, changed = _program(sub, f"accepted[{k}]", where)
        rewritten += changed
        solutions.append(program)
        solution_meta.append({"submission_id": str(sub.get("submission_id", ""))})
    incorrect, incorrect_meta = [], []
    for k, sub in enumerate(buggy):
        program, changed = _program(sub, f"buggy[{k}]", where)
        rewritten += changed
        incorrect.append(program)
        incorrect_meta.append({
            "submission_id": str(sub.get("submission_id", "")),
            "verdict": str(sub.get("verdict", "")).lower(),
            "defect_class": sub.get("defect_class"),
            "repair_tags": sub.get("repair_tags"),
            "fixed_by_submission_id": sub.get("fixed_by_submission_id"),
        })

    contest, index = record.get("cf_contest_id"), record.get("cf_index")
    url = f"https://codeforces.com/problemset/problem/{contest}/{index}"
    statement = (statements or {}).get(name)
    data = {
        "id": ident,
        "name": f"Codeforces {contest}{index}" + (f": {statement['name']}" if statement and statement.get("name") else ""),
        "description": statement["statement"] if statement else _description(contest, index, url),
        "public_tests": _tests(tests[:public_test_count], where),
        "private_tests": _tests(tests[public_test_count:], where),
        "solutions": solutions,
        "incorrect_solutions": incorrect,
        "provenance": {**PROVENANCE, "record": name, "codeforces_url": url}
                      | ({"statement_source": statement.get("source")} if statement else {}),
        "solution_meta": solution_meta,
        "incorrect_solution_meta": incorrect_meta,
        "code_rewrites": {"note": REWRITE_NOTE, "programs_changed": rewritten},
        "ref_check": check,
        "test_names": {"public": [f"test {k + 1}" for k in range(min(public_test_count, len(tests)))],
                       "private": [f"test {k + 1}" for k in range(public_test_count, len(tests))]},
    }
    return finish_problem(data, where)


def _description(contest: Any, index: Any, url: str) -> str:
    return (f"Codeforces problem {contest}{index} (contest {contest}, problem {index}).\n\n"
            f"The statement is not included (Codeflaws ships no statements); read it at {url}\n\n"
            "The program reads standard input and writes standard output, in the format the "
            "statement describes. The public test is the statement's first example.\n")


def _field(record: dict, key: str, kind: type, where: str):
    value = record.get(key)
    if not isinstance(value, kind):
        raise AlphasolveError(f"expected {kind.__name__}, got {type(value).__name__}", file=where, field=key)
    return value


def _tests(tests: list, where: str) -> list[dict[str, str]]:
    out = []
    for k, test in enumerate(tests):
        if not isinstance(test, dict) or not isinstance(test.get("input"), str) \
                or not isinstance(test.get("output"), str):
            raise AlphasolveError("expected {input, output} strings", file=where, field=f"tests[{k}]")
        out.append({"input": test["input"], "output": test["output"]})
    return out


def _program(sub: Any, field: str, where: str) -> tuple[dict[str, str], bool]:
    if not isinstance(sub, dict) or not isinstance(sub.get("code"), str):
        raise AlphasolveError("expected a submission with 'code'", file=where, field=field)
    try:
        language = languages.normalize(sub.get("language", "C"))
    except ValueError as exc:
        raise AlphasolveError(str(exc), file=where, field=f"{field}.language") from None
    code = rewrite_msvc_formats(sub["code"])
    return {"language": language, "code": code}, code != sub["code"]


"""Google Code Jam archive records (google/coding-competitions-archive) to alphasolve problems.

One record of `../shared/data/gcj/*.jsonl.gz`: `id`, `collection`, `year`, `round`, `slug`,
`name`, `source`, `type`, `validation` (default | custom | custom interactive), `interactive`,
`output_validator_flags`, `statement_html`, `sample_tests` and `secret_tests` [{name, input,
output}], `missing_tests_over_4MiB`. Test files are multi-case (`Case #i: ...` answers).

The statement becomes plain text (math kept as `$...$`); sample tests are public, secret tests
private. Older records keep their sample only inside the statement: it is read from there.
Time and memory limits are read from the statement's "Limits" section.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, Iterator

from alphasolve.errors import AlphasolveError
from alphasolve.sources import (Converted, Skip, SkipReason, compare_from_validator_flags, finish_problem,
                                read_jsonl_records)

PROVENANCE = {
    "dataset": "Google Code Jam archive",
    "repository": "https://github.com/google/coding-competitions-archive",
    "commit": "87385db7dbd81b281225412b8ad496334536d016",
    "license": "Apache-2.0",
    "attribution": ("Copyright Google LLC. Problem statement and tests from the Google Coding Competitions "
                    "archive, licensed under the Apache License, Version 2.0 "
                    "(https://www.apache.org/licenses/LICENSE-2.0). The statement was converted from HTML "
                    "to plain text and the tests reformatted for alphasolve."),
}


def read_gcj_records(path: str | Path) -> Iterator[dict[str, Any]]:
    """The records of a Code Jam archive `.jsonl.gz` (or `.jsonl`) file, in file order."""
    return read_jsonl_records(path, "Code Jam archive")


def gcj_problem_id(record_id: str) -> str:
    """'kickstart/2022/round_h/magical_well_of_lilies' -> 'gcj-kickstart-2022-round_h-magical_well_of_lilies'."""
    return "gcj-" + record_id.strip("/").replace("/", "-")


def convert_gcj_record(record: dict[str, Any], *, allow_missing_tests: bool = False) -> Converted:
    """Convert one Code Jam archive record; returns a problem dict or a `Skip`.

    Interactive problems and problems judged by a custom validator are skipped; so are
    problems whose larger secret tests were left out of the archive (`missing_tests_over_4MiB`)
    unless `allow_missing_tests`.
    """
    if not isinstance(record, dict) or not isinstance(record.get("id"), str):
        raise AlphasolveError("expected a record with a string 'id'", file="gcj record", field="id")
    where = f"gcj record {record['id']}"
    ident = gcj_problem_id(record["id"])
    validation = str(record.get("validation") or "default")
    if record.get("interactive") or "interactive" in validation:
        return Skip(ident, SkipReason.INTERACTIVE, "interactive problem: alphasolve has no interactor yet")
    if validation != "default":
        return Skip(ident, SkipReason.CUSTOM_VALIDATION,
                    f"validation '{validation}': the archive's judge is not included")
    missing = record.get("missing_tests_over_4MiB") or []
    if missing and not allow_missing_tests:
        return Skip(ident, SkipReason.MISSING_TESTS,
                    f"{len(missing)} secret test(s) over 4 MiB are not in the archive")
    secret = _tests(record.get("secret_tests"), "secret_tests", where)
    if not secret:
        return Skip(ident, SkipReason.NO_TESTS, "the record has no secret tests")
    statement_html = record.get("statement_html")
    if not isinstance(statement_html, str):
        raise AlphasolveError("expected the statement as HTML text", file=where, field="statement_html")

    samples = _tests(record.get("sample_tests"), "sample_tests", where)
    sample_origin = "sample_tests"
    if not samples:
        samples, sample_origin = samples_from_statement(statement_html), "statement"
    if not samples:
        return Skip(ident, SkipReason.NO_SAMPLE_TESTS, "no sample tests, in the record or in the statement")

    description = statement_to_text(statement_html)
    compare, notes = compare_from_validator_flags(record.get("output_validator_flags"),
                                                  f"{where}: output_validator_flags")
    if compare.get("float_abs") is not None or compare.get("float_rel") is not None:
        if not any(has_fractional_number(t["output"]) for t in samples + secret):
            compare.pop("float_abs", None)
            compare.pop("float_rel", None)
            notes.append("float tolerance from output_validator_flags dropped: every expected output is "
                         "integers or text, and a tolerance would accept wrong integers (the archive sets "
                         "float_tolerance 1e-6 on most problems by default)")
    time_limit, memory_mb = limits_from_statement(description)
    data: dict[str, Any] = {
        "id": ident,
        "name": str(record.get("name") or record["id"]),
        "description": description,
        "public_tests": [{"input": t["input"], "output": t["output"]} for t in samples],
        "private_tests": [{"input": t["input"], "output": t["output"]} for t in secret],
        "compare": compare,
        "provenance": {**PROVENANCE, "record": record["id"], "contest": record.get("source"),
                       "path": f"{record.get('collection')}/{record.get('year')}/{record.get('round')}"},
        "test_names": {"public": [t["name"] for t in samples], "private": [t["name"] for t in secret]},
        "sample_tests_from": sample_origin,
        "output_validator_flags": record.get("output_validator_flags"),
        "gcj_type": record.get("type"),
    }
    if notes:
        data["compare_notes"] = notes
    if missing:
        data["missing_tests"] = list(missing)
    if time_limit is not None:
        data["time_limit"] = time_limit
    if memory_mb is not None:
        data["memory_limit_mb"] = memory_mb
    return finish_problem(data, where)


def _tests(value: Any, field: str, where: str) -> list[dict[str, str]]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise AlphasolveError("expected a list of tests", file=where, field=field)
    out = []
    for k, test in enumerate(value):
        if not isinstance(test, dict) or not isinstance(test.get("input"), str) \
                or not isinstance(test.get("output"), str):
            raise AlphasolveError("expected {name, input, output}", file=where, field=f"{field}[{k}]")
        out.append({"name": str(test.get("name") or f"{field}/{k + 1}"), "input": test["input"],
                    "output": test["output"]})
    return out


_FRACTIONAL = re.compile(r"[+-]?(?:\d+\.\d*|\.\d+|\d+(?:\.\d*)?[eE][+-]?\d+)")


def has_fractional_number(output: str) -> bool:
    """True when some token of `output` is a number written with a decimal point or exponent."""
    return any(_FRACTIONAL.fullmatch(token) for token in output.split())


# -- limits -------------------------------------------------------------------------------

_TIME = re.compile(r"Time limit:\s*([\d.]+)\s*seconds?(?:\s*per test set)?\.?(?:\s*\(([\d.]+)\s*seconds? per test run\.?\))?",
                   re.IGNORECASE)
_MEMORY = re.compile(r"Memory limit:\s*([\d.]+)\s*(GB|MB|GiB|MiB)", re.IGNORECASE)


def limits_from_statement(text: str) -> tuple[float | None, float | None]:
    """(time limit in seconds, memory limit in MB) from a statement's limits.

    Code Jam gives the time limit per test set; a test set is one test file here, so that is
    the limit of one run (where a limit per test run is also given, that one is used). Older
    statements give one limit per dataset (small, large): the largest applies to every test.
    """
    times = [float(m.group(2) or m.group(1)) for m in _TIME.finditer(text)]
    memory_mb = None
    match = _MEMORY.search(text)
    if match:
        memory_mb = float(match.group(1)) * (1024 if match.group(2).upper().startswith("G") else 1)
    return (max(times) if times else None), memory_mb


# -- statements ---------------------------------------------------------------------------

_VOID = {"br", "img", "link", "meta", "hr", "input", "source", "wbr"}
_BLOCK = {"p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "pre", "table", "tr"}
_SKIP = {"head", "script", "style"}
#: page chrome inside the statement: download/copy buttons and their icons
_CHROME_CLASSES = ("sample-header-copy", "sample-header-download", "material-icons")


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip_depth = 0
        self.pre_depth = 0
        self.hidden: list[str] = []  # tags whose content is page chrome, not statement

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        if tag in _SKIP or self.skip_depth or any(c.startswith(_CHROME_CLASSES) for c in classes):
            self.skip_depth += tag not in _VOID
            return
        if tag in _BLOCK:
            self.parts.append("\n")
        if tag.startswith("h") and tag[1:].isdigit():
            self.parts.append("#" * min(int(tag[1:]), 3) + " ")
        if tag == "li":
            self.parts.append("- ")
        if tag == "pre":
            self.pre_depth += 1
        if tag == "code" and not self.pre_depth:
            self.parts.append("`")
        if tag in ("sup", "sub"):
            self.parts.append("^" if tag == "sup" else "_")
        if tag == "img" and dict(attrs).get("alt"):
            self.parts.append(f"[image: {dict(attrs)['alt']}]")

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID:
            return
        if self.skip_depth:
            self.skip_depth -= 1
            return
        if tag == "pre":
            self.pre_depth = max(0, self.pre_depth - 1)
        if tag == "code" and not self.pre_depth:
            self.parts.append("`")
        if tag in _BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self.skip_depth:
            return
        self.parts.append(data if self.pre_depth else re.sub(r"\s+", " ", data))


def statement_to_text(statement_html: str) -> str:
    """Plain text of a Code Jam statement page: headings as '#', samples verbatim, math as $...$."""
    parser = _TextExtractor()
    parser.feed(statement_html)
    parser.close()
    text = "".join(parser.parts)
    text = text.replace("$$$$", "$$").replace("$$$", "$")
    lines = [line.rstrip() if line.strip() else "" for line in text.split("\n")]
    lines = [line.lstrip(" ") if not line.startswith("  ") else line for line in lines]
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    return text + "\n"


_SAMPLE_PRE = re.compile(r'<pre[^>]*id="sample_(input|output)_(\d+)"[^>]*>(.*?)</pre>', re.DOTALL)


def samples_from_statement(statement_html: str) -> list[dict[str, str]]:
    """The sample tests shown in a statement page (`<pre id="sample_input_N">`), in order."""
    found: dict[int, dict[str, str]] = {}
    for kind, number, body in _SAMPLE_PRE.findall(statement_html):
        text = html.unescape(re.sub(r"<[^>]+>", "", body))
        found.setdefault(int(number), {})[kind] = text if text.endswith("\n") else text + "\n"
    return [{"name": f"statement/sample{n + 1}", "input": t["input"], "output": t["output"]}
            for n, t in sorted(found.items()) if "input" in t and "output" in t]

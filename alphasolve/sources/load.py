"""Importing a problem source into a directory of alphasolve problem files.

A source is a Hugging Face dataset by name (read through `datasets.load_dataset(name,
split=..., streaming=True)`), the same data in local files (parquet, json/jsonl(.gz), arrow,
a `save_to_disk` folder, a folder of such files) read by the same code through a different
`datasets` call, or one of the shared formats: Kattis package directories (or a `.tar.gz`
of them), Codeflaws and Code Jam archive `.jsonl.gz` files. Records are streamed one at a
time, filtered, converted and written as one JSON file each; `import-report.json` lists
what was imported, skipped (and why) and filtered out. The same input gives the same files.
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import itertools
import json
import re
import tarfile
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator

from alphasolve.artifacts import write_text_atomic
from alphasolve.errors import AlphasolveError
from alphasolve.problem import IMPORT_REPORT, slugify
from alphasolve.sources import Skip
from alphasolve.sources.codeflaws import convert_codeflaws_record
from alphasolve.sources.gcj import convert_gcj_record, gcj_problem_id
from alphasolve.sources.hf import SCHEMAS, Context, Reason, Schema, detect_schema, parse_date
from alphasolve.sources.kattis import convert_kattis_package
from alphasolve.sources.limits import oversized_tests_skip

REPORT = IMPORT_REPORT
REPORT_SCHEMA = 1
HF_FORMATS = ("hub", "folder", "disk", "parquet", "json", "arrow")
FORMATS = (*HF_FORMATS, "kattis", "codeflaws", "gcj")
_BUILDERS = {"parquet": "parquet", "json": "json", "arrow": "arrow"}
_DATA_SUFFIXES = (".parquet", ".arrow", ".json", ".jsonl", ".json.gz", ".jsonl.gz")

SHARED_SCHEMAS: dict[str, Schema] = {
    "kattis": Schema("kattis", "Kattis packages", lambda pkg, ctx: f"kattis-{pkg.name}",
                     lambda pkg, ctx: convert_kattis_package(pkg, allow_custom_validation=ctx.keep_checker_problems)),
    "codeflaws": Schema("codeflaws", "Codeflaws", lambda r, ctx: f"codeflaws-{r.get('problem', ctx.index)}",
                        lambda r, ctx: convert_codeflaws_record(r, require_exact_ref_check=not ctx.keep_checker_problems,
                                                               statements=ctx.statements)),
    "gcj": Schema("gcj", "Code Jam archive", lambda r, ctx: gcj_problem_id(str(r.get("id", ctx.index))),
                  lambda r, ctx: convert_gcj_record(r, allow_missing_tests=ctx.allow_missing_tests),
                  date=lambda r: parse_date(str(r["year"])) if r.get("year") else None),
}


@dataclass
class Source:
    """An opened source: its schema and its records, (row number, record), in source order."""

    name: str
    format: str
    schema: Schema
    records: Iterator[tuple[int, Any]]
    total: int | None = None
    split: str | None = None
    closer: Callable[[], None] | None = None  # ends the underlying reader (temporary files, streams)

    def close(self) -> None:
        if self.closer:
            self.closer()


# -- opening a source ---------------------------------------------------------------------


def detect_format(source: str) -> str:
    """The format of SOURCE, from the path and its contents."""
    path = Path(source)
    if path.is_dir():
        if (path / "dataset_dict.json").is_file() or (path / "state.json").is_file():
            return "disk"
        if (path / "problem.yaml").is_file() or any(path.glob("*/problem.yaml")) or any(path.glob("*/*/problem.yaml")):
            return "kattis"
        if any(p.name.endswith(_DATA_SUFFIXES) for p in path.rglob("*") if p.is_file()):
            return "folder"
        raise AlphasolveError("cannot tell what this directory holds (a save_to_disk folder, Kattis packages "
                              "or parquet/json/arrow files); give --format", file=source)
    if path.is_file():
        name = path.name.lower()
        if name.endswith(".parquet"):
            return "parquet"
        if name.endswith(".arrow"):
            return "arrow"
        if name.endswith((".tar.gz", ".tgz", ".tar")):
            return "kattis"
        if name.endswith((".json", ".jsonl", ".json.gz", ".jsonl.gz")):
            first = _first_json_line(path)
            if isinstance(first, dict) and {"accepted", "buggy", "tests"} <= set(first):
                return "codeflaws"
            if isinstance(first, dict) and {"statement_html", "secret_tests"} <= set(first):
                return "gcj"
            return "json"
        raise AlphasolveError("unknown file type (expected .parquet, .arrow, .json, .jsonl(.gz) or .tar.gz); "
                              "give --format", file=source)
    if re.fullmatch(r"[\w.-]+/[\w.-]+", source) and not source.endswith(_DATA_SUFFIXES):
        return "hub"
    raise AlphasolveError("no such file or directory (nor a Hugging Face dataset name like owner/name)", file=source)


def _first_json_line(path: Path) -> Any:
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    try:
        with opener(path, "rt", encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    return json.loads(line)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, EOFError):
        return None
    return None


def open_source(source: str, *, format: str | None = None, schema: str | None = None, split: str | None = None,
                subset: str | None = None, revision: str | None = None) -> Source:
    """Open SOURCE for reading; the format and the schema are detected unless given."""
    fmt = format or detect_format(source)
    if fmt not in FORMATS:
        raise AlphasolveError(f"unknown format (one of {', '.join(FORMATS)})", field="--format", file=fmt)
    if fmt not in HF_FORMATS:
        if schema and schema != fmt:
            raise AlphasolveError(f"a {fmt} source has the {fmt} schema", field="--schema", file=schema)
        path = Path(source)
        if not path.exists():
            raise AlphasolveError("no such file or directory", file=source)
        records = _kattis_packages(path) if fmt == "kattis" else _jsonl_records(path)
        return Source(source, fmt, SHARED_SCHEMAS[fmt], enumerate(records), split=split, closer=records.close)
    rows, total = _hf_rows(fmt, source, split, subset, revision)
    first = list(itertools.islice(rows, 1))
    if schema:
        if schema not in SCHEMAS:
            raise AlphasolveError(f"unknown schema (one of {', '.join(SCHEMAS)})", field="--schema", file=schema)
        chosen = SCHEMAS[schema]
    elif not first:
        raise AlphasolveError("the dataset has no records", file=source)
    else:
        chosen = detect_schema(first[0])
        if chosen is None:
            fields = ", ".join(sorted(first[0])[:12]) if isinstance(first[0], dict) else type(first[0]).__name__
            raise AlphasolveError(f"cannot tell which dataset these records come from (fields: {fields}); "
                                  f"give --schema ({', '.join(SCHEMAS)})", file=source)
    return Source(source, fmt, chosen, enumerate(itertools.chain(first, rows)), total, split, rows.close)


def _hf_rows(fmt: str, source: str, split: str | None, subset: str | None, revision: str | None):
    """(iterator of records, number of records or None) through `datasets`."""
    import datasets

    datasets.disable_progress_bars()  # the import shows its own
    try:
        if fmt == "disk":
            ds = datasets.load_from_disk(source)
        elif fmt in ("hub", "folder"):
            ds = datasets.load_dataset(source, subset, split=split, revision=revision, streaming=True)
        else:  # one local file: the split is only a label
            ds = datasets.load_dataset(_BUILDERS[fmt], data_files=str(Path(source).resolve()), split="train",
                                       streaming=True)
    except Exception as exc:  # datasets raises many kinds: not found, offline, bad split, ...
        hint = " (without the hub, import its files: parquet, jsonl, arrow or a save_to_disk folder)" \
            if fmt == "hub" and isinstance(exc, ConnectionError) else ""
        raise AlphasolveError(f"cannot load the dataset: {type(exc).__name__}: {exc}{hint}", file=source) from None
    if isinstance(ds, (datasets.DatasetDict, datasets.IterableDatasetDict)):
        if split is None and len(ds) != 1:
            raise AlphasolveError(f"choose a split with --split ({', '.join(ds)})", file=source)
        if split is not None and split not in ds:
            raise AlphasolveError(f"no split {split!r} (splits: {', '.join(ds)})", file=source, field="--split")
        ds = ds[split if split is not None else next(iter(ds))]
    total = len(ds) if isinstance(ds, datasets.Dataset) else _row_count(fmt, source, ds, split)
    return _guarded(ds, source), total


def _row_count(fmt: str, source: str, ds: Any, split: str | None) -> int | None:
    try:
        if fmt == "parquet":
            import pyarrow.parquet as pq

            return pq.ParquetFile(source).metadata.num_rows
        splits = ds.info.splits or {}
        key = split or next(iter(splits), None)
        return splits[key].num_examples if key in splits and splits[key].num_examples else None
    except Exception:  # a count is only for the progress bar
        return None


def _guarded(rows: Any, source: str) -> Iterator[Any]:
    iterator = iter(rows)
    for index in itertools.count():
        try:
            row = next(iterator)
        except StopIteration:
            return
        except Exception as exc:  # a broken file or a lost connection mid-stream
            raise AlphasolveError(f"reading record {index} failed: {type(exc).__name__}: {exc}", file=source) from None
        yield row


def _jsonl_records(path: Path) -> Iterator[dict[str, Any]]:
    from alphasolve.sources import read_jsonl_records

    yield from read_jsonl_records(path, "JSON lines")


def _kattis_packages(path: Path) -> Iterator[Path]:
    """Every package (a directory with problem.yaml) under `path` or in a tar archive, by path."""
    with tempfile.TemporaryDirectory(prefix="alphasolve-import-") as work:
        root = path
        if path.is_file():
            try:
                with tarfile.open(path) as tar:
                    tar.extractall(work, filter="data")
            except (tarfile.TarError, OSError) as exc:
                raise AlphasolveError(f"cannot extract: {exc}", file=str(path)) from None
            root = Path(work)
        found = {p.parent for p in root.rglob("problem.yaml")}
        yield from sorted(found, key=lambda p: p.relative_to(root).as_posix())


# -- filters ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Filters:
    difficulty: str | None = None  # MIN:MAX (ratings or difficulty names)
    date: str | None = None  # FROM:TO (YYYY[-MM[-DD]])
    limit: int | None = None

    def record_tests(self, schema: Schema) -> list[Callable[[Any], str | None]]:
        """One test per filter given; each says why a record is left out, or None. Checks the filters."""
        pairs = ((difficulty_filter, self.difficulty), (date_filter, self.date))
        return [make(text, schema) for make, text in pairs if text]


def _bounds(text: str, option: str) -> tuple[str | None, str | None]:
    low, high = text.split(":", 1) if ":" in text else (text, text)
    low, high = low.strip() or None, high.strip() or None
    if low is None and high is None:
        raise AlphasolveError(f"give MIN:MAX, MIN: or :MAX (got {text!r})", field=option)
    return low, high


def _is_number(text: str | None) -> bool:
    return text is None or re.fullmatch(r"\d+(?:\.\d+)?", text) is not None


def difficulty_filter(text: str, schema: Schema) -> Callable[[Any], str | None]:
    """A test of a record: None when it is inside the range, else why it is left out."""
    low, high = _bounds(text, "--difficulty")
    if _is_number(low) and _is_number(high):
        if schema.rating is None:
            names = f"; it has difficulty names: {', '.join(schema.levels)}" if schema.levels else ""
            raise AlphasolveError(f"{schema.title} records have no numeric rating{names}", field="--difficulty")
        lo, hi = float(low or "-inf"), float(high or "inf")
        value_of: Callable[[Any], float | None] = schema.rating
    else:
        if not schema.levels or schema.level is None:
            raise AlphasolveError(f"{schema.title} records have no difficulty names"
                                  + ("; give ratings (e.g. 1200:1600)" if schema.rating else ""),
                                  field="--difficulty")
        rank = {name.lower(): k for k, name in enumerate(schema.levels)}
        for bound in (low, high):
            if bound is not None and bound.lower() not in rank:
                raise AlphasolveError(f"unknown {schema.title} difficulty {bound!r} (easiest first: "
                                      f"{', '.join(schema.levels)})", field="--difficulty")
        lo, hi = rank[low.lower()] if low else 0, rank[high.lower()] if high else len(rank)
        value_of = lambda r: rank.get((schema.level(r) or "").lower())  # noqa: E731

    def test(record: Any) -> str | None:
        value = value_of(record)
        if value is None:
            return "no difficulty (--difficulty)"
        return None if lo <= value <= hi else f"difficulty outside {text}"
    return test


def date_filter(text: str, schema: Schema) -> Callable[[Any], str | None]:
    low, high = _bounds(text, "--date")
    if schema.date is None:
        raise AlphasolveError(f"{schema.title} records have no contest date", field="--date")
    first = parse_date(low) if low else (dt.date.min, dt.date.min)
    last = parse_date(high) if high else (dt.date.max, dt.date.max)
    if first is None or last is None:
        raise AlphasolveError(f"dates are YYYY, YYYY-MM or YYYY-MM-DD (got {text!r})", field="--date")

    def test(record: Any) -> str | None:
        when = schema.date(record)
        if when is None:
            return "no contest date (--date)"
        return None if first[0] <= when[0] and when[1] <= last[1] else f"date outside {text}"
    return test


# -- the import ---------------------------------------------------------------------------


@dataclass
class ImportResult:
    report: dict[str, Any]
    written: int = 0  # files whose content changed
    removed: list[str] = field(default_factory=list)  # files of the previous import that are gone now


def dumps(data: Any) -> str:
    return json.dumps(data, indent=1, sort_keys=True) + "\n"


def import_source(source: Source, out: Path, filters: Filters = Filters(), *, keep_checker_problems: bool = False,
                  allow_missing_tests: bool = False, statements: dict | None = None,
                  advance: Callable[[], None] = lambda: None) -> ImportResult:
    """Convert every record of `source` into `out/<slug>.json` and write `out/import-report.json`.

    `statements` (Codeflaws: `read_codeflaws_statements`) gives records their statements by name."""
    tests = filters.record_tests(source.schema)
    out.mkdir(parents=True, exist_ok=True)
    previous = _previous_files(out)
    imported: dict[str, str] = {}  # file name -> problem id
    ids: set[str] = set()
    skipped: list[dict[str, str]] = []
    filtered: Counter[str] = Counter()
    scanned = written = 0
    try:
        for index, record in source.records:
            scanned += 1
            advance()
            ctx = Context(where=source.name, split=source.split, index=index,
                          keep_checker_problems=keep_checker_problems, allow_missing_tests=allow_missing_tests,
                          statements=statements)
            why = next((w for w in (t(record) for t in tests) if w), None)
            if why:
                filtered[why] += 1
                continue
            try:
                result = source.schema.convert(record, ctx)
            except AlphasolveError as exc:
                result = Skip(_safe_ident(source.schema, record, ctx), Reason.INVALID, str(exc))
            except (TypeError, ValueError, KeyError, AttributeError) as exc:  # a record of an unexpected shape
                result = Skip(_safe_ident(source.schema, record, ctx), Reason.INVALID, f"{type(exc).__name__}: {exc}")
            if not isinstance(result, Skip):  # answers no run can print within the output limit: report them now
                result = oversized_tests_skip(str(result.get("id", result.get("name"))), result) or result
            if isinstance(result, Skip):
                skipped.append(result.to_dict())
                continue
            ident = str(result.get("id", result.get("name")))
            if ident in ids:
                skipped.append(Skip(ident, Reason.DUPLICATE, f"row {index} repeats an id imported before").to_dict())
                continue
            ids.add(ident)
            name = slugify(ident) + ".json"
            if name in imported or name == REPORT:  # another id with the same slug
                name = f"{slugify(ident)[:90]}-{hashlib.sha1(ident.encode()).hexdigest()[:8]}.json"
            imported[name] = ident
            written += _write_if_changed(out / name, dumps(result))
            if filters.limit and len(imported) >= filters.limit:
                break
    finally:
        source.close()
    removed = sorted(previous - set(imported))
    for name in removed:
        (out / name).unlink(missing_ok=True)
    reasons = Counter(s["reason"] for s in skipped)
    report = {
        "schema": REPORT_SCHEMA,
        "source": source.name, "format": source.format, "dataset": source.schema.name, "split": source.split,
        "filters": {"difficulty": filters.difficulty, "date": filters.date, "limit": filters.limit},
        "options": {"keep_checker_problems": keep_checker_problems, "allow_missing_tests": allow_missing_tests},
        "counts": {"records": scanned, "imported": len(imported), "skipped": len(skipped),
                   "filtered": sum(filtered.values())},
        "skip_reasons": dict(sorted(reasons.items())),
        "filtered_reasons": dict(sorted(filtered.items())),
        "imported": [{"id": imported[name], "file": name} for name in sorted(imported)],
        "skipped": sorted(skipped, key=lambda s: (s["source_id"], s["reason"], s["detail"])),
    }
    _write_if_changed(out / REPORT, dumps(report))
    return ImportResult(report, written, removed)


def _safe_ident(schema: Schema, record: Any, ctx: Context) -> str:
    try:
        return schema.ident(record, ctx)
    except (AlphasolveError, AttributeError, TypeError):
        return f"row-{ctx.index}"


def _previous_files(out: Path) -> set[str]:
    """The problem files the previous import into `out` wrote (from its report)."""
    try:
        report = json.loads((out / REPORT).read_text(encoding="utf-8"))
        names = {entry["file"] for entry in report.get("imported", [])}
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return set()
    return {n for n in names if isinstance(n, str) and n.endswith(".json") and "/" not in n and n != REPORT
            and not n.startswith(".")}


def _write_if_changed(path: Path, text: str) -> int:
    try:
        if path.read_text(encoding="utf-8") == text:
            return 0
    except (OSError, UnicodeDecodeError):
        pass
    write_text_atomic(path, text)
    return 1

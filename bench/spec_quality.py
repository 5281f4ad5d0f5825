"""Statement-parser quality (issue 14's Measures): soundness and coverage of `parse_spec`.

Over every problem with a statement and tests in ../shared and the shipped problems:

  - dev Codeflaws (codeflaws-dev-statements `statement` + codeflaws-dev tests),
  - the 72 CodeContests test problems (`description`, public + private tests),
  - Code Jam (`statement_html`, sample + secret tests; interactive problems have no input of the
    statement's format and are left out; tests over 1 MB are skipped),
  - the shipped problems (problems/*.json, `description`).

Printed per collection and overall:

  - soundness: the share of problems on which no official test input is rejected by
    `check_input` (a spec that rejects a real input is wrong: it would drop valid inputs);
  - coverage: the share of problems whose input section was found and names at least one
    variable, and on which every integer variable (type int, or numeric of unknown type) it
    names has both bounds known;
  - the commonest rejection reasons and the commonest `unknown` phrases (digits folded), to
    direct work.

    python bench/spec_quality.py [--only codeflaws,codecontests,gcj,shipped] [--top 15] [--show-rejected]
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Iterator

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from alphasolve.inputs.spec import Spec  # noqa: E402
from alphasolve.inputs.spec_parse import parse_spec  # noqa: E402

SHARED = REPO / ".." / "shared" / "data"
MAX_TEST_BYTES = 1 << 20


def _gz(path: Path) -> Iterator[dict]:
    if not path.exists():
        raise SystemExit(f"missing {path} (see ../shared/README.md)")
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield json.loads(line)


def codeflaws() -> Iterator[tuple[str, str, list[str]]]:
    statements = {r["problem"]: r.get("statement") for r in _gz(SHARED / "codeflaws" /
                                                                   "codeflaws-dev-statements.jsonl.gz")}
    for r in _gz(SHARED / "codeflaws" / "codeflaws-dev.jsonl.gz"):
        text = statements.get(r["problem"])
        if text and r.get("tests"):
            yield r["problem"], text, [t["input"] for t in r["tests"]]


def codecontests() -> Iterator[tuple[str, str, list[str]]]:
    for r in _gz(SHARED / "codecontests-test-problems" / "codecontests-test-72.jsonl.gz"):
        inputs = list(r["public_tests"]["input"]) + list(r["private_tests"]["input"])
        yield r["name"], r["description"], inputs


def gcj() -> Iterator[tuple[str, str, list[str]]]:
    for path in sorted((SHARED / "gcj").glob("*.jsonl.gz")):
        for r in _gz(path):
            if r.get("interactive") or "interactive" in str(r.get("validation") or ""):
                continue
            inputs = [t["input"] for t in (r.get("sample_tests") or []) + (r.get("secret_tests") or [])
                      if len(t["input"]) <= MAX_TEST_BYTES]
            if inputs and r.get("statement_html"):
                yield r["id"], r["statement_html"], inputs


def shipped() -> Iterator[tuple[str, str, list[str]]]:
    for path in sorted((REPO / "problems").glob("*.json")):
        data = json.loads(path.read_text())
        inputs = [t["input"] for key in ("public_tests", "private_tests", "generated_tests")
                  for t in (data.get(key) or [])]
        yield path.stem, data.get("description") or "", inputs


COLLECTIONS = {"codeflaws": codeflaws, "codecontests": codecontests, "gcj": gcj, "shipped": shipped}


def covered(spec: Spec) -> bool:
    """Every integer variable named in the input section has both bounds (and there is one)."""
    named = [v for v in spec.variables if not v.name.startswith("_")]
    ints = [v for v in named if v.type in ("int", "unknown")]
    return spec.section and bool(named) and all(
        v.low is not None and v.high is not None and v.low.known() and v.high.known() for v in ints)


def _fold(text: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", " ", text)).strip()[:110]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", default=",".join(COLLECTIONS))
    parser.add_argument("--top", type=int, default=15)
    parser.add_argument("--show-rejected", action="store_true", help="print each rejected problem")
    parser.add_argument("--show-uncovered", action="store_true", help="print each uncovered problem")
    args = parser.parse_args()
    try:
        from alphasolve.inputs.spec_check import check_input
    except ImportError:
        check_input = None
        print("spec_check.check_input is not there yet: coverage only")
    rows, reasons, unknown = [], Counter(), Counter()
    started = time.time()
    for name in args.only.split(","):
        problems = sound = cover = 0
        for ident, text, inputs in COLLECTIONS[name]():
            spec = parse_spec(text)
            problems += 1
            cover += covered(spec)
            if args.show_uncovered and not covered(spec):
                print(f"  uncovered {name} {ident}: " + ", ".join(
                    f"{v.name} {v.bounds_text()}" for v in spec.variables if v.type in ("int", "unknown")))
            unknown.update({_fold(u) for u in spec.unknown})
            if check_input is None:
                continue
            bad = None
            for k, inp in enumerate(inputs):
                found = check_input(spec, inp)
                if found:
                    bad = (k, found[0])
                    break
            if bad is None:
                sound += 1
            else:
                reasons[_fold(bad[1])] += 1
                if args.show_rejected:
                    print(f"  rejected {name} {ident} test {bad[0]}: {bad[1]}")
        rows.append((name, problems, sound, cover))
    total = [sum(r[k] for r in rows) for k in (1, 2, 3)]
    print(f"\n{'collection':14} {'problems':>8} {'soundness':>10} {'coverage':>9}")
    for name, problems, sound, cover in rows + [("overall", *total)]:
        snd = f"{100 * sound / problems:.1f}%" if check_input and problems else "-"
        cov = f"{100 * cover / problems:.1f}%" if problems else "-"
        print(f"{name:14} {problems:8d} {snd:>10} {cov:>9}")
    print(f"({time.time() - started:.0f} s; targets: soundness >= 98%, coverage >= 85%)")
    if reasons:
        print("\ncommonest rejection reasons:")
        for text, n in reasons.most_common(args.top):
            print(f"  {n:4d}  {text}")
    print("\ncommonest unknown phrases:")
    for text, n in unknown.most_common(args.top):
        print(f"  {n:4d}  {text}")


if __name__ == "__main__":
    main()

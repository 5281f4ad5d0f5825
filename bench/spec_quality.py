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

CodeContests' private tests in ../shared include its generated tests, mutations of the official
ones that often break the statement's constraints (a_i = 1000000010 where 0 ≤ a_i ≤ 10^9, n = 6
with five numbers): there, soundness on all tests measures those tests as much as the parser, and
"(public)" (the statement's own examples, Code Jam samples) measures the parser alone.

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
from alphasolve.inputs.spec_subproblem import part_of, subproblem_text  # noqa: E402

SHARED = REPO / ".." / "shared" / "data"
MAX_TEST_BYTES = 1 << 20


def _gz(path: Path) -> Iterator[dict]:
    if not path.exists():
        raise SystemExit(f"missing {path} (see ../shared/README.md)")
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield json.loads(line)


Problem = tuple[str, str, list[str], int]   # id, statement, official inputs, how many of them are public


def codeflaws() -> Iterator[Problem]:
    statements = {r["problem"]: r.get("statement") for r in _gz(SHARED / "codeflaws" /
                                                                   "codeflaws-dev-statements.jsonl.gz")}
    for r in _gz(SHARED / "codeflaws" / "codeflaws-dev.jsonl.gz"):
        text = statements.get(r["problem"])
        if text and r.get("tests"):
            yield r["problem"], text, [t["input"] for t in r["tests"]], 1   # the first test is the example


def codecontests() -> Iterator[Problem]:
    for r in _gz(SHARED / "codecontests-test-problems" / "codecontests-test-72.jsonl.gz"):
        inputs = list(r["public_tests"]["input"]) + list(r["private_tests"]["input"])
        yield r["name"], r["description"], inputs, len(r["public_tests"]["input"])


def gcj() -> Iterator[Problem]:
    for path in sorted((SHARED / "gcj").glob("*.jsonl.gz")):
        for r in _gz(path):
            if r.get("interactive") or "interactive" in str(r.get("validation") or ""):
                continue
            samples = [t["input"] for t in r.get("sample_tests") or [] if len(t["input"]) <= MAX_TEST_BYTES]
            inputs = samples + [t["input"] for t in r.get("secret_tests") or [] if len(t["input"]) <= MAX_TEST_BYTES]
            if inputs and r.get("statement_html"):
                yield r["id"], r["statement_html"], inputs, len(samples)


def shipped() -> Iterator[Problem]:
    for path in sorted((REPO / "problems").glob("*.json")):
        data = json.loads(path.read_text())
        inputs = [t["input"] for key in ("public_tests", "private_tests", "generated_tests")
                  for t in (data.get(key) or [])]
        yield path.stem, data.get("description") or "", inputs, len(data.get("public_tests") or [])


COLLECTIONS = {"codeflaws": codeflaws, "codecontests": codecontests, "gcj": gcj, "shipped": shipped}


def int_variables(spec: Spec) -> list:
    """The integer variables named in the input section: type int, or numeric of unknown type."""
    return [v for v in spec.variables if not v.name.startswith("_") and v.type in ("int", "unknown")]


def covered(spec: Spec) -> bool:
    """The input section was found and every integer variable it names has both bounds."""
    return spec.section and all(v.low is not None and v.high is not None and v.low.known() and v.high.known()
                                for v in int_variables(spec))


def _fold(text: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", " ", text)).strip()[:110]


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "-"


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
        row = Counter()
        for ident, text, inputs, public in COLLECTIONS[name]():
            spec = parse_spec(subproblem_text(text, part_of(ident)))   # as spec_problem reads it
            ints = int_variables(spec)
            row["problems"] += 1
            row["covered"] += covered(spec)
            row["named"] += bool(ints)
            row["covered named"] += bool(ints) and covered(spec)
            if args.show_uncovered and not covered(spec):
                print(f"  uncovered {name} {ident}: " + ", ".join(f"{v.name} {v.bounds_text()}" for v in ints))
            unknown.update({_fold(u) for u in spec.unknown})
            if check_input is None:
                continue
            bad = next(((k, found[0]) for k, inp in enumerate(inputs) if (found := check_input(spec, inp))), None)
            row["sound"] += bad is None
            row["sound public"] += bad is None or bad[0] >= public
            if bad is not None:
                reasons[_fold(bad[1])] += 1
                if args.show_rejected:
                    print(f"  rejected {name} {ident} {'public' if bad[0] < public else 'hidden'} test "
                          f"{bad[0]}: {bad[1]}")
        rows.append((name, row))
    total = sum((r for _, r in rows), Counter())
    print(f"\n{'collection':13} {'problems':>8} {'soundness':>10} {'(public)':>9} {'coverage':>9} "
          f"{'with ints':>10} {'(covered)':>10}")
    for name, row in rows + [("overall", total)]:
        snd = _pct(row["sound"], row["problems"]) if check_input else "-"
        pub = _pct(row["sound public"], row["problems"]) if check_input else "-"
        print(f"{name:13} {row['problems']:8d} {snd:>10} {pub:>9} {_pct(row['covered'], row['problems']):>9} "
              f"{row['named']:10d} {_pct(row['covered named'], row['named']):>10}")
    if check_input and "codecontests" in dict(rows) and total["problems"]:
        mixed = total["sound"] - dict(rows)["codecontests"]["sound"] + dict(rows)["codecontests"]["sound public"]
        print(f"overall soundness with CodeContests judged on its public tests only (its private tests include "
              f"generated ones that break the constraints): {_pct(mixed, total['problems'])}")
    print(f"({time.time() - started:.0f} s; targets: soundness >= 98%, coverage >= 85%)")
    print("soundness: no official input rejected by check_input; (public): no public one (statement examples, "
          "Code Jam samples, CodeContests public tests)")
    print("coverage: input section found and every integer variable it names has both bounds; "
          "with ints: problems naming one; (covered): coverage among those")
    if reasons:
        print("\ncommonest rejection reasons:")
        for text, n in reasons.most_common(args.top):
            print(f"  {n:4d}  {text}")
    print("\ncommonest unknown phrases:")
    for text, n in unknown.most_common(args.top):
        print(f"  {n:4d}  {text}")


if __name__ == "__main__":
    main()

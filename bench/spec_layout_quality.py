"""How much of the input layout the statements give, and whether the official inputs fit it.

    python bench/spec_layout_quality.py [-v] [--refused] [--only codeflaws|codecontests|gcj|shipped]

Per collection of ../shared with statements and tests (dev Codeflaws, the 72 CodeContests
problems, Code Jam, the shipped problems): the share of problems whose layout parses
(`parse_layout`), whose official inputs ALL read with it (`read_input`), and on which no
official input is rejected by `check_input` (over all problems, with the spec from `parse_spec`
when it exists, else the layout alone), and from which `spec_gen` can draw inputs (`generatable`
after `fill_from_examples` with the first official input, as a run fills it from the public ones).
`-v` lists the commonest reasons for failure and the problems behind them; `--refused` lists every
problem whose layout is refused, with the sentence not understood (`layout_failure`).
Reading is the layout's soundness: a layout that an official input does not fit is wrong.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("ALPHASOLVE_SHARED", REPO / ".." / "shared"))
sys.path.insert(0, str(REPO))

from alphasolve.inputs.spec import Spec  # noqa: E402
from alphasolve.inputs.spec_check import _read, check_input  # noqa: E402
from alphasolve.inputs.spec_gen import generatable  # noqa: E402
from alphasolve.inputs.spec_layout import layout_failure, normalise, parse_layout  # noqa: E402
from alphasolve.inputs.spec_problem import fill_from_examples  # noqa: E402


def _jsonl(path: Path):
    if not path.exists():
        sys.exit(f"missing {path} (set ALPHASOLVE_SHARED)")
    with gzip.open(path, "rt") as f:
        for line in f:
            yield json.loads(line)


def input_section(description: str) -> str:
    """The text between an 'Input' heading and the 'Output' heading (Markdown, plain, HTML)."""
    m = re.search(r"(?im)^\s*(?:#+\s*|-+)?input(?:-+|:)?\s*$|<h\d>\s*input\s*</h\d>", description)
    if not m:
        return ""
    rest = description[m.end():]
    end = re.search(r"(?im)^\s*(?:#+\s*|-+)?output(?:-+|:)?\s*$|<h\d>\s*output\s*</h\d>", rest)
    return rest[:end.start()] if end else rest


def load(only: str | None) -> list[tuple[str, str, str, list[str]]]:
    """(collection, problem id, input section, official inputs) for every problem."""
    out = []
    if only in (None, "codeflaws"):
        tests = {r["problem"]: [t["input"] for t in r["tests"]]
                 for r in _jsonl(SHARED / "data/codeflaws/codeflaws-dev.jsonl.gz")}
        for r in _jsonl(SHARED / "data/codeflaws/codeflaws-dev-statements.jsonl.gz"):
            if tests.get(r["problem"]):
                out.append(("codeflaws", r["problem"], r["input_spec"], tests[r["problem"]]))
    if only in (None, "codecontests"):
        for r in _jsonl(SHARED / "data/codecontests-test-problems/codecontests-test-72.jsonl.gz"):
            inputs = r["public_tests"]["input"] + r["private_tests"]["input"]
            out.append(("codecontests", r["name"], input_section(r["description"]), inputs))
            # CodeContests merges generated tests (mutants of real ones, often invalid: "2 2"
            # then five lines) into private_tests; its public tests are the statement's own
            out.append(("cc-public", r["name"], input_section(r["description"]),
                        r["public_tests"]["input"]))
    if only in (None, "gcj"):
        for path in sorted((SHARED / "data/gcj").glob("*.jsonl.gz")):
            for r in _jsonl(path):
                inputs = [t["input"] for t in r["sample_tests"] + r["secret_tests"]]
                if not r.get("interactive") and inputs:
                    out.append(("gcj", r["id"], input_section(r["statement_html"]), inputs))
    if only in (None, "shipped"):
        for path in sorted((REPO / "problems").glob("*.json")):
            r = json.loads(path.read_text())
            tests = r.get("public_tests", []) + r.get("private_tests", [])
            inputs = [t["input"] for t in tests] if isinstance(tests, list) else \
                r["public_tests"]["input"] + r["private_tests"]["input"]
            out.append(("shipped", path.stem, input_section(r["description"]), inputs))
    return out


def names_of(section: str) -> list[str]:
    """The variables of a section: from parse_spec when it exists, else the names that stand
    next to a comparison ("1 ≤ n ≤ 10^5", "|s|")."""
    parsed: set[str] = set()
    try:
        from alphasolve.inputs.spec_parse import parse_spec
        parsed = {v.name for v in parse_spec(_statement(section)).variables}
    except Exception:
        pass
    text = " ".join(normalise(section))
    ident = r"[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+|_\{[^{}]*\})?"
    found = re.findall(rf"({ident})\s*[≤<≥>=≠]|[≤<≥>=≠]\s*({ident})|\|({ident})\|", text)
    names = {n for group in found for n in group if n}
    return sorted(parsed | {n.split("_")[0] if re.search(r"_\{?[ijk0-9]", n) else n
                            for n in names})


def _statement(section: str) -> str:
    """A statement around an input section, for parse_spec (which finds the section itself)."""
    return f"Input\n\n{section}\n\nOutput\n\nThe answer.\n"


def spec_of(section: str) -> Spec:
    try:
        from alphasolve.inputs.spec_parse import parse_spec
        return parse_spec(_statement(section))
    except ImportError:
        layout, tvar = parse_layout(section, names_of(section))
        return Spec(layout=layout, testcases=tvar, section=bool(section))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", choices=["codeflaws", "codecontests", "gcj", "shipped"])
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("--show", default="", help="print the layout and the failure of this id")
    ap.add_argument("--refused", action="store_true",
                    help="list the problems whose layout is refused, with the sentence not understood")
    args = ap.parse_args()
    stats: dict[str, Counter] = {}
    failures: Counter = Counter()
    examples: dict[str, list[str]] = {}
    for collection, pid, section, inputs in load(args.only):
        c = stats.setdefault(collection, Counter())
        c["problems"] += 1
        layout, tvar = parse_layout(section, names_of(section))
        spec = Spec(layout=layout, testcases=tvar)
        if args.show and args.show == pid:
            print(json.dumps(spec.to_dict()["layout"], indent=1), tvar)
        full = spec_of(section)
        if all(not check_input(full, text) for text in inputs):
            c["pass"] += 1
        if layout is None:
            if args.refused and collection != "cc-public":
                print(f"refused {collection:13} {pid}: {layout_failure(section, names_of(section))}")
            continue
        c["parsed"] += 1
        reasons = [_read(spec, text) for text in inputs]
        bad = [r for reading, r in reasons if reading is None]
        if full.layout is not None and generatable(fill_from_examples(full, inputs[:1])):
            c["generates"] += 1
        if not bad:
            c["read"] += 1
        else:
            reason = bad[0] or "gave up (a count it cannot evaluate)"
            failures[re.sub(r"\d+", "N", reason)] += 1
            examples.setdefault(re.sub(r"\d+", "N", reason), []).append(pid)
            if args.show == pid:
                print(reason)
    print(f"{'collection':14} {'problems':>8} {'layout':>14} {'all read':>14} {'none rejected':>14} "
          f"{'generates':>14}")
    print(f"{'':14} {'':>8} {'(parses)':>14} {'(by layout)':>14} {'(parse_spec)':>14} {'(spec_gen)':>14}")
    for name, c in stats.items():
        def share(k: str) -> str:
            return f"{c[k]:4d} {100 * c[k] / max(1, c['problems']):5.1f}%"
        print(f"{name:14} {c['problems']:8d} {share('parsed'):>14} {share('read'):>14} "
              f"{share('pass'):>14} {share('generates'):>14}")
    if args.verbose:
        for reason, n in failures.most_common(15):
            print(f"{n:4d}  {reason}  e.g. {', '.join(examples[reason][:4])}")


if __name__ == "__main__":
    main()

"""The development Codeflaws problems the quality benchmarks run on (shared by `selection.py`
and `clustering_quality.py`): public tests = the first test, hidden tests = the rest, only
problems whose `ref_check` shows an exact 100% match of an accepted program."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("ALPHASOLVE_SHARED", REPO / ".." / "shared"))
DATA = SHARED / "data" / "codeflaws" / "codeflaws-dev.jsonl.gz"
STATEMENTS = SHARED / "data" / "codeflaws" / "codeflaws-dev-statements.jsonl.gz"


def load_problems(limit: int, statements: bool = True) -> list:
    """Up to `limit` problems (0 = all eligible), in file order, as parsed Problems, with their
    Codeforces statements (`statements=False`: without, as Codeflaws ships them)."""
    from alphasolve.problem import parse_problem
    from alphasolve.sources import Skip
    from alphasolve.sources.codeflaws import convert_codeflaws_record, read_codeflaws_records, read_codeflaws_statements

    for path in (DATA, STATEMENTS) if statements else (DATA,):
        if not path.exists():
            sys.exit(f"missing {path} (set ALPHASOLVE_SHARED)")
    by_name = read_codeflaws_statements(STATEMENTS) if statements else None
    problems = []
    for record in read_codeflaws_records(DATA):
        converted = convert_codeflaws_record(record, statements=by_name)
        if isinstance(converted, Skip) or not converted["private_tests"]:
            continue
        problems.append(parse_problem(converted, f"codeflaws:{record['problem']}"))
        if limit and len(problems) >= limit:
            break
    return problems


def replay_config(samples: int, seed: int, workers: int | None, assignments: list[str] = ()):
    from alphasolve.config import load_config, parse_set

    config = load_config(REPO / "configs" / "default.toml", REPO / "configs" / "replay.toml",
                         overrides=parse_set(list(assignments)))
    config.sample.samples, config.sample.seed = samples, seed
    config.execute.workers = workers or 0
    return config


def setup(description: str, default_problems: int, extra=None) -> tuple[argparse.Namespace, list, Any, Path]:
    """The options of a replay benchmark on these problems (`extra(parser)` adds its own), parsed,
    and what they give: (args, problems, replay config, directory for the runs)."""
    parser = argparse.ArgumentParser(description=description, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--problems", type=int, default=default_problems, help="how many problems (0 = all eligible)")
    parser.add_argument("--samples", type=int, default=200, help="replayed samples per problem")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--runs", type=Path, default=None, help="keep run directories here (resumable)")
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--no-statements", action="store_true",
                        help="leave the Codeforces statements out (the problems as Codeflaws ships them)")
    parser.add_argument("--set", action="append", default=[], metavar="SECTION.KEY=VALUE",
                        help="override a setting, as `alphasolve solve --set` (e.g. inputs.count=100)")
    if extra is not None:
        extra(parser)
    args = parser.parse_args()
    problems = load_problems(args.problems, statements=not args.no_statements)
    config = replay_config(args.samples, args.seed, args.workers, args.set)
    return args, problems, config, args.runs or Path(tempfile.mkdtemp(prefix="alphasolve-bench-"))

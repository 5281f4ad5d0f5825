"""The development Codeflaws problems the quality benchmarks run on (shared by `selection.py`
and `clustering_quality.py`): public tests = the first test, hidden tests = the rest, only
problems whose `ref_check` shows an exact 100% match of an accepted program."""

from __future__ import annotations

import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("ALPHASOLVE_SHARED", REPO / ".." / "shared"))
DATA = SHARED / "data" / "codeflaws" / "codeflaws-dev.jsonl.gz"


def load_problems(limit: int) -> list:
    """Up to `limit` problems (0 = all eligible), in file order, as parsed Problems."""
    from alphasolve.problem import parse_problem
    from alphasolve.sources import Skip
    from alphasolve.sources.codeflaws import convert_codeflaws_record, read_codeflaws_records

    if not DATA.exists():
        sys.exit(f"missing {DATA} (set ALPHASOLVE_SHARED)")
    problems = []
    for record in read_codeflaws_records(DATA):
        converted = convert_codeflaws_record(record)
        if isinstance(converted, Skip) or not converted["private_tests"]:
            continue
        problems.append(parse_problem(converted, f"codeflaws:{record['problem']}"))
        if limit and len(problems) >= limit:
            break
    return problems


def replay_config(samples: int, seed: int, workers: int | None):
    from alphasolve.config import load_config

    config = load_config(REPO / "configs" / "default.toml", REPO / "configs" / "replay.toml")
    config.sample.samples, config.sample.seed = samples, seed
    config.execute.workers = workers or 0
    return config

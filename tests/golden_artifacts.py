"""Hashes of every stage artifact of a fixed replay batch (tests/test_golden_artifacts.py).

The batch is `alphasolve batch problems --config replay --samples 10 --seed 7 --eval` over the
shipped top-level problems. Each artifact is hashed after removing only what legitimately varies
between two runs of the same code: timings (`max_cpu_time`, the eval report's `cost`), absolute
paths (`run_dir`, the summary's `runs` and `plot`) and the order in which append-only JSONL records
were completed (records are sorted); samples and public-test judgements are hashed as the stages
read them back (`_as_read`), so how a record is spelled on disk does not count. manifest.json and
config.toml are not hashed (settings are added to them by other changes); everything the stages
compute is.

Re-record (only when a change is meant to change results, and say so in its commit):

    python tests/golden_artifacts.py --record
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
RECORDED = REPO / "tests" / "data" / "golden_artifacts.json"
ARGS = ["batch", str(REPO / "problems"), "--config", "replay", "--samples", "10", "--seed", "7", "--eval"]

#: per run directory: every stage artifact (a missing optional one is recorded as absent)
RUN_ARTIFACTS = ("samples.jsonl", "filter.jsonl", "inputs.jsonl", "spec.json", "generators.json",
                 "cluster_runs.jsonl", "cluster_outputs.jsonl", "cluster_checks.jsonl", "output_classes.json",
                 "clusters.json", "scores.jsonl", "ranking.json", "submissions", "eval_runs.jsonl", "eval.json")
#: in the runs root
ROOT_ARTIFACTS = ("eval-summary.json", "batch-report.json")
VOLATILE = {"max_cpu_time", "cost", "run_dir", "runs", "plot"}


def _strip(data: Any) -> Any:
    if isinstance(data, dict):
        return {k: _strip(v) for k, v in data.items() if k not in VOLATILE}
    if isinstance(data, list):
        return [_strip(v) for v in data]
    return data


def _canonical(data: Any) -> str:
    return json.dumps(_strip(data), sort_keys=True, ensure_ascii=False)


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()


def _as_read(name: str, record: dict[str, Any]) -> Any:
    """Per-sample records as the stages read them back, not as they are spelled on disk (which fields
    at their default are written, where the program text is kept)."""
    from dataclasses import asdict

    if name == "samples.jsonl":
        from alphasolve.records import Sample

        sample = Sample.from_dict(record)
        return {**asdict(sample), "program_id": sample.program_id}
    if name == "filter.jsonl":
        from alphasolve.filter import FilterRecord

        return asdict(FilterRecord.from_dict(record))
    return record


def artifact_hash(path: Path) -> str | None:
    if not path.exists():
        return None
    if path.is_dir():
        return _digest(json.dumps({p.name: p.read_text(encoding="utf-8") for p in sorted(path.iterdir())},
                                  sort_keys=True))
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".jsonl":
        return _digest("\n".join(sorted(_canonical(_as_read(path.name, json.loads(line)))
                                         for line in text.splitlines() if line.strip())))
    return _digest(_canonical(json.loads(text)))


def hashes(root: Path) -> dict[str, dict[str, str | None]]:
    """Per run directory (by name) and for the root, each artifact's hash."""
    out = {run.name: {name: artifact_hash(run / name) for name in RUN_ARTIFACTS}
           for run in sorted(p for p in root.iterdir() if (p / "manifest.json").exists())}
    out["(runs root)"] = {name: artifact_hash(root / name) for name in ROOT_ARTIFACTS}
    return out


def run_batch(root: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    import os

    return subprocess.run([sys.executable, "-m", "alphasolve", *ARGS, "--out", str(root)], capture_output=True,
                          text=True, stdin=subprocess.DEVNULL, timeout=600, cwd=root.parent,
                          env={**os.environ, **(env or {})})


def main() -> None:
    if sys.argv[1:] != ["--record"]:
        sys.exit(__doc__)
    with tempfile.TemporaryDirectory(prefix="alphasolve-golden-") as tmp:
        root = Path(tmp) / "runs"
        done = run_batch(root)
        if done.returncode != 0:
            sys.exit(f"the batch failed (exit {done.returncode}):\n{done.stdout}\n{done.stderr}")
        recorded = {"command": ["alphasolve", *[a.replace(str(REPO) + "/", "") for a in ARGS]], "hashes": hashes(root)}
    RECORDED.write_text(json.dumps(recorded, indent=1, sort_keys=True) + "\n")
    print(f"recorded {RECORDED}")


if __name__ == "__main__":
    main()

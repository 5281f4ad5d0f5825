"""The run directory: its file names and its manifest, named and typed here once.

    runs/<problem>/
      manifest.json       per stage: key, settings, status, counts, cost (`Manifest`; written atomically)
      .lock               held by the one process writing the directory (alphasolve/lock.py); holds its pid
      config.toml         the effective configuration
      problem.json        the problem as alphasolve read it
      logs/               other libraries' output (vLLM, torch, Ray, ...): solve.log, eval.log (cli/quiet.py)
      ... and each stage's artifacts, below (which stage owns which: `alphasolve.stages`)

Every reader and writer of these files names them by the constants below.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from alphasolve.artifacts import read_json, write_json_atomic
from alphasolve.errors import AlphasolveError
from alphasolve.fromdict import FromDict
from alphasolve.lock import LOCK_NAME
from alphasolve.records import SCHEMA_VERSION

MANIFEST = "manifest.json"
LOCK = LOCK_NAME  # alphasolve/lock.py
CONFIG = "config.toml"
PROBLEM = "problem.json"
LOGS = "logs"

SAMPLES = "samples.jsonl"  # sample (append-only)
SCORES = "scores.jsonl"  # the scoring model's P(yes) per program (rank, append-only; kept while samples are)
FILTER = "filter.jsonl"  # filter (append-only)
INPUTS = "inputs.jsonl"  # clustering inputs
GENERATORS = "generators.json"  # input generators and what became of their runs
SPEC = "spec.json"  # the input spec read from the statement (`alphasolve spec`)
CLUSTER_RUNS = "cluster_runs.jsonl"  # survivors' outputs on the clustering inputs (append-only)
CLUSTER_OUTPUTS = "cluster_outputs.jsonl"  # with a checker: the raw output behind each output symbol
CLUSTER_CHECKS = "cluster_checks.jsonl"  # with a checker: its decisions
OUTPUT_CLASSES = "output_classes.json"  # with a checker: outputs it accepts as equal, per input
CLUSTERS = "clusters.json"  # clusters, largest first
CLUSTER_BUDGET = "cluster_budget.json"  # the clustering runs' CPU-time budget per language and its calibration
RANKING = "ranking.json"  # the ordered submissions with their scores
SUBMISSIONS = "submissions"  # one source file per submission (a directory)
EVAL_RUNS = "eval_runs.jsonl"  # eval: survivors judged on the hidden tests (append-only)
EVAL = "eval.json"  # eval: the problem's report

# in a directory of runs
EVAL_SUMMARY = "eval-summary.json"
EVAL_PLOT = "eval-summary.png"
BATCH_REPORT = "batch-report.json"


@dataclass
class StageEntry(FromDict):
    """A stage's line in the manifest. `samples` is the sample count it was done for."""

    key: str | None = None
    settings: dict[str, Any] = field(default_factory=dict)
    status: str = "running"  # "running" (or interrupted) or "done"
    samples: int | None = None
    counts: dict[str, Any] | None = None
    cost: dict[str, Any] | None = None

    def to_dict(self) -> dict[str, Any]:
        data = {"key": self.key, "settings": self.settings, "status": self.status, "samples": self.samples,
                "counts": self.counts, "cost": self.cost}
        return {k: v for k, v in data.items() if v is not None}


@dataclass
class Manifest:
    """manifest.json: what each stage was computed with and how it went."""

    problem_id: str | None = None
    problem_file: str | None = None
    stages: dict[str, StageEntry] = field(default_factory=dict)
    schema: int = SCHEMA_VERSION

    def to_dict(self) -> dict[str, Any]:
        return {"schema": self.schema, "problem_id": self.problem_id, "problem_file": self.problem_file,
                "stages": {name: entry.to_dict() for name, entry in self.stages.items()}}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Manifest":
        return cls(problem_id=data.get("problem_id"), problem_file=data.get("problem_file"),
                   stages={name: StageEntry.from_dict(e) for name, e in (data.get("stages") or {}).items()},
                   schema=data.get("schema", SCHEMA_VERSION))

    def costs(self, names: Iterable[str]) -> dict[str, dict[str, Any]]:
        """{stage: its cost} for the named stages that have run, in that order (cost.total_cost's input)."""
        return {n: self.stages[n].cost or {} for n in names if n in self.stages}


@dataclass
class RunDir:
    path: Path

    def __post_init__(self) -> None:
        self.path = Path(self.path)

    def file(self, name: str) -> Path:
        return self.path / name

    @property
    def manifest_path(self) -> Path:
        return self.path / MANIFEST

    def exists(self) -> bool:
        return self.manifest_path.exists()

    def require(self) -> "RunDir":
        if not self.exists():
            raise AlphasolveError(f"not a run directory (no {MANIFEST})", file=str(self.path))
        return self

    def load_manifest(self) -> Manifest:
        if not self.manifest_path.exists():
            return Manifest()
        data = read_json(self.manifest_path)
        if not isinstance(data, dict) or data.get("schema") != SCHEMA_VERSION:
            schema = data.get("schema") if isinstance(data, dict) else None
            raise AlphasolveError(f"written by an incompatible alphasolve (schema {schema!r}, "
                                  f"this one reads {SCHEMA_VERSION}); use another --out",
                                  file=str(self.manifest_path))
        return Manifest.from_dict(data)

    def save_manifest(self, manifest: Manifest) -> None:
        write_json_atomic(self.manifest_path, manifest.to_dict())

    def remove(self, names: Iterable[str]) -> None:
        """Delete these artifacts (files or directories), those that exist."""
        for name in names:
            target = self.path / name
            if target.is_dir():
                shutil.rmtree(target)
            else:
                target.unlink(missing_ok=True)


def is_run_dir(path: Path) -> bool:
    return (Path(path) / MANIFEST).exists()

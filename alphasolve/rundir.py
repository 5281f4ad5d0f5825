"""The run directory: where each stage's artifacts and the manifest live.

    runs/<problem>/
      manifest.json       stage keys, status and counts (written atomically)
      .lock               held by the one process writing the directory (alphasolve/lock.py); holds its pid
      config.toml         the effective configuration
      problem.json        the problem as alphasolve read it
      samples.jsonl       sample stage (append-only)
      filter.jsonl        filter stage (append-only)
      inputs.jsonl        clustering inputs
      spec.json           the input spec read from the statement (inputs; `alphasolve spec`)
      cluster_runs.jsonl  survivors' outputs on the clustering inputs (append-only)
      cluster_outputs.jsonl, cluster_checks.jsonl, output_classes.json
                          with a checker: raw outputs, checker decisions, output classes
      clusters.json       clusters, largest first
      scores.jsonl        scoring model's P(yes) per program (append-only; rank, with rank.scorer_weight;
                          kept across rank reruns, cleared with the samples)
      ranking.json        the ordered submissions with their scores
      submissions/        one source file per submission
      logs/               other libraries' output (vLLM, torch, Ray, ...): solve.log, eval.log (cli/quiet.py)
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from alphasolve.artifacts import read_json, write_json_atomic
from alphasolve.errors import AlphasolveError
from alphasolve.records import SCHEMA_VERSION

STAGES = ("sample", "filter", "inputs", "cluster", "rank")

ARTIFACTS = {
    "sample": ["samples.jsonl", "scores.jsonl"],  # scores: of programs, by the model: kept while samples are
    "filter": ["filter.jsonl"],
    "inputs": ["inputs.jsonl", "generators.json", "spec.json"],
    "cluster": ["cluster_runs.jsonl", "cluster_outputs.jsonl", "cluster_checks.jsonl", "output_classes.json",
                "clusters.json"],
    "rank": ["ranking.json", "submissions"],
}


@dataclass
class RunDir:
    path: Path

    def __post_init__(self) -> None:
        self.path = Path(self.path)

    def file(self, name: str) -> Path:
        return self.path / name

    @property
    def manifest_path(self) -> Path:
        return self.path / "manifest.json"

    def exists(self) -> bool:
        return self.manifest_path.exists()

    def require(self) -> "RunDir":
        if not self.exists():
            raise AlphasolveError("not a run directory (no manifest.json)", file=str(self.path))
        return self

    def load_manifest(self) -> dict[str, Any]:
        if not self.manifest_path.exists():
            return {"schema": SCHEMA_VERSION, "stages": {}}
        data = read_json(self.manifest_path)
        if not isinstance(data, dict) or data.get("schema") != SCHEMA_VERSION:
            raise AlphasolveError(f"written by an incompatible alphasolve (schema {data.get('schema')!r}, "
                                  f"this one reads {SCHEMA_VERSION}); use another --out",
                                  file=str(self.manifest_path))
        data.setdefault("stages", {})
        return data

    def save_manifest(self, manifest: dict[str, Any]) -> None:
        write_json_atomic(self.manifest_path, manifest)

    def reset_stage(self, stage: str) -> None:
        for name in ARTIFACTS[stage]:
            target = self.path / name
            if target.is_dir():
                shutil.rmtree(target)
            else:
                target.unlink(missing_ok=True)

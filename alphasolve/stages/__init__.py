"""The stages, one module each, and their registry (`STAGES`, in run order).

Each module defines one `alphasolve.stage.Stage` (`STAGE`): its name, the stages it reads, its
artifacts, the settings that enter its key and its run function, beside the typed loaders of its
artifacts. The runner (`run.py`), `show` (`views.py`), invalidation messages, cost accounting and
`eval` read `STAGES` when they run; adding a stage is one module and one entry here.

    sample ─► filter ─┐
                      ├─► cluster ─► rank        eval (on demand: hidden tests, per program)
    inputs ───────────┘
"""

from __future__ import annotations

from alphasolve.stage import Stage
from alphasolve.stages import cluster, eval, filter, inputs, rank, sample
from alphasolve.stages.cluster import cluster_agreement, cluster_signatures, load_clusters
from alphasolve.stages.filter import load_filter_file
from alphasolve.stages.sample import load_samples_file

STAGES: tuple[Stage, ...] = (sample.STAGE, filter.STAGE, inputs.STAGE, cluster.STAGE, rank.STAGE, eval.STAGE)

__all__ = ["STAGES", "by_name", "cluster_agreement", "cluster_signatures", "load_clusters", "load_filter_file",
           "load_samples_file", "pipeline"]


def pipeline() -> tuple[Stage, ...]:
    """The stages `solve` runs, in order (the registry without the on-demand ones)."""
    return tuple(s for s in STAGES if not s.on_demand)


def by_name(name: str) -> Stage:
    for stage in STAGES:
        if stage.name == name:
            return stage
    raise KeyError(name)

"""The cluster stage: run the surviving programs on the clustering inputs (cluster_runs.jsonl,
reused by program on resume) and group them by behaviour (`alphasolve.cluster`) into clusters.json.

With a checker, outputs it accepts as equal are one behaviour (`alphasolve.checker_classes`); this
module keeps what that needs on disk: the raw outputs (cluster_outputs.jsonl), the checker's
decisions (cluster_checks.jsonl) and the classes (output_classes.json).
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any, Sequence

from alphasolve.artifacts import JsonlAppender, read_json, read_jsonl, write_json_atomic
from alphasolve.cluster import (SKIPPED, Calibration, Cluster, ProgramRun, TimeBudget, cluster_programs, run_on_inputs,
                                signature_hash, valid_input_indices)
from alphasolve.errors import AlphasolveError
from alphasolve.execute.checker import one_line
from alphasolve.records import SCHEMA_VERSION, Sample
from alphasolve.rundir import (CLUSTER_BUDGET, CLUSTER_CHECKS, CLUSTER_OUTPUTS, CLUSTER_RUNS, CLUSTERS, MANIFEST,
                               OUTPUT_CLASSES, RunDir)
from alphasolve.stage import Stage, execution_limits
from alphasolve.stages.filter import load_filter
from alphasolve.stages.inputs import load_inputs
from alphasolve.stages.sample import load_samples

if TYPE_CHECKING:
    from alphasolve.agreement import Agreement
    from alphasolve.config import Config
    from alphasolve.problem import Problem
    from alphasolve.stage import StageContext


def settings(problem: "Problem", config: "Config") -> dict[str, Any]:
    """The limits, how outputs are compared, the [cluster] settings."""
    return {"limits": vars(execution_limits(problem, config)) | {}, "compare": problem.compare.to_dict(),
            **{f"cluster.{k}": v for k, v in config.cache_view("cluster").items()}}


def run(ctx: "StageContext") -> dict[str, int]:
    samples = load_samples(ctx.run)
    verdicts = load_filter(ctx.run)
    input_records = load_inputs(ctx.run)
    inputs = [r["input"] for r in input_records]
    by_spec = [k for k, r in enumerate(input_records) if r.get("spec") == "valid"]
    survivors = [samples[i] for i in range(ctx.n_samples) if verdicts[i].passed]
    members: dict[str, list[int]] = {}
    representatives: list[Sample] = []
    for sample in survivors:
        if sample.program_id not in members:
            members[sample.program_id] = []
            representatives.append(sample)
        members[sample.program_id].append(sample.sample_id)
    representatives = representatives[:ctx.config.cluster.max_candidates]
    wanted = {s.program_id for s in representatives}
    checker = ctx.problem.checker
    store = None
    if checker is not None:  # the checker needs the outputs themselves: kept, one per distinct output
        store = OutputStore(ctx.run, fresh=not ctx.run.file(CLUSTER_RUNS).exists())
    runs = load_cluster_runs(ctx.run, repair=True)
    if store is not None:
        runs = {p: r for p, r in runs.items() if store.has_all(r)}
    todo = [s for s in representatives if s.program_id not in runs]
    try:
        if todo:
            ctx.reporter.note("cluster", f"running {len(todo)} surviving programs on {len(inputs)} inputs"
                              + (f" ({len(runs)} done before)" if runs else ""))
            with JsonlAppender(ctx.run.file(CLUSTER_RUNS)) as out, \
                    ctx.reporter.progress("cluster", len(todo)) as advance:
                for run in run_on_inputs(todo, inputs, ctx.executor(), ctx.limits, ctx.problem.compare,
                                         on_output=store.add if store is not None else None,
                                         **_time_budget(ctx, representatives, verdicts)):
                    out.write(run.to_dict())
                    runs[run.program_id] = run
                    advance(1)
    finally:
        if store is not None:
            store.close()
    chosen = [runs[s.program_id] for s in representatives]
    public = len(ctx.problem.public_tests)
    valid = valid_input_indices(chosen, len(inputs), keep=public, by_spec=by_spec)
    classes: dict[str, Any] = {}
    if checker is not None:  # outputs the checker accepts as equal become one class per input
        chosen, classes = _output_classes(ctx, chosen, members, inputs, valid, store)
        ctx.reporter.note("cluster", f"checker: {classes['distinct_outputs']} distinct outputs in "
                                     f"{classes['output_classes']} classes ({classes['checker_runs']} checker runs)")
        if classes["checker_judge_errors"]:
            ctx.reporter.note("cluster", f"judge error: the checker failed {classes['checker_judge_errors']} times "
                                         f"(those outputs stay apart); first: {one_line(classes['first_error'])}")
    clusters = cluster_programs(chosen, {p: members[p] for p in wanted}, valid)
    write_json_atomic(ctx.run.file(CLUSTERS), {
        "schema": SCHEMA_VERSION, "problem_id": ctx.problem.problem_id,
        "survivors": len(survivors), "clustered_samples": sum(c.size for c in clusters),
        "inputs": len(inputs), "valid_inputs": valid,
        "clusters": [c.to_dict() for c in clusters],
    })
    counts = {"survivors": len(survivors), "programs": len(chosen), "executed_programs": len(todo),
              "clusters": len(clusters), "valid_inputs": len(valid)}
    skipped = sum(s == SKIPPED for r in chosen for s in r.signature)
    counts |= {"skipped_runs": skipped} if skipped else {}
    return counts | {k: v for k, v in classes.items() if isinstance(v, int)}


def _time_budget(ctx: "StageContext", representatives: list[Sample], verdicts: dict) -> dict[str, Any]:
    """`run_on_inputs`' time-budget arguments: the [cluster] settings, the survivors' public-test times,
    and the calibration kept in cluster_budget.json (written as soon as found: a resumed run reuses it)."""
    budget = TimeBudget.of(ctx.config.cluster)
    path = ctx.run.file(CLUSTER_BUDGET)
    known = read_json(path)["languages"] if path.exists() else {}

    def save(calibration: dict[str, Calibration]) -> None:
        write_json_atomic(path, {"schema": SCHEMA_VERSION, "problem_id": ctx.problem.problem_id,
                                 "time_budget_factor": budget.factor, "time_budget_floor_s": budget.floor_s,
                                 "skip_after_timeouts": budget.skip_after,
                                 "languages": {k: c.to_dict() for k, c in calibration.items()}})

    return {"budget": budget, "references": representatives, "on_calibrated": save,
            "public_s": {s.program_id: verdicts[s.sample_id].max_cpu_time for s in representatives},
            "calibration": {k: Calibration.from_dict(c) for k, c in known.items()}} if budget.on else {}

def _output_classes(ctx: "StageContext", runs: list[ProgramRun], members: dict[str, list[int]], inputs: Sequence[str],
                    valid: list[int], store: "OutputStore") -> tuple[list[ProgramRun], dict[str, Any]]:
    """`checker_classes.canonical_runs` with its decisions cached in cluster_checks.jsonl and its
    classes written to output_classes.json; returns the runs and the counts for the manifest."""
    from alphasolve.checker_classes import Decisions, canonical_runs

    checker = ctx.problem.checker
    path = ctx.run.file(CLUSTER_CHECKS)
    known = {(r["input"], r["answer"], r["output"]): r["verdict"]
             for r in read_jsonl(path) if r.get("checker") == checker.digest}
    executor = ctx.executor()
    with JsonlAppender(path) as out:
        def record(key: tuple[str, str, str], verdict: str) -> None:
            out.write({"checker": checker.digest, "input": key[0], "answer": key[1], "output": key[2],
                       "verdict": verdict})

        mapped, classes = canonical_runs(runs, members, inputs, valid, executor.workers, store.outputs,
                                         Decisions(checker, executor.check, known, record))
    first_error = classes.pop("first_error")
    write_json_atomic(ctx.run.file(OUTPUT_CLASSES), {"schema": SCHEMA_VERSION, **classes})
    return mapped, {"distinct_outputs": classes["distinct_outputs"], "output_classes": classes["classes"],
                    "checker_runs": classes["checks_run"], "checker_judge_errors": classes["judge_errors"],
                    "first_error": first_error}


class OutputStore:
    """The raw output behind each output symbol ("out:<hash>"), kept on disk for resumes.

    `fresh` (the cluster stage starts over) drops what an earlier stage left behind.
    """

    def __init__(self, run: RunDir, fresh: bool):
        self.path = run.file(CLUSTER_OUTPUTS)
        if fresh:
            run.remove([CLUSTER_OUTPUTS, CLUSTER_CHECKS])
        self.outputs: dict[str, str] = {r["symbol"]: r["output"] for r in read_jsonl(self.path)}
        self._out: JsonlAppender | None = None
        self._lock = threading.Lock()

    def add(self, symbol: str, output: str) -> None:
        with self._lock:
            if symbol in self.outputs:
                return
            self.outputs[symbol] = output
            if self._out is None:
                self._out = JsonlAppender(self.path)
            self._out.write({"symbol": symbol, "output": output})

    def has_all(self, run: ProgramRun) -> bool:
        """True when every output of `run` is stored (else the run must be redone)."""
        return all(s in self.outputs for s in run.signature if s.startswith("out:"))

    def close(self) -> None:
        if self._out is not None:
            self._out.close()
            self._out = None


def load_clusters(run: RunDir) -> dict[str, Any]:
    return read_json(run.file(CLUSTERS))


def load_cluster_runs(run: RunDir, repair: bool = False) -> dict[str, ProgramRun]:
    """The clustering runs by program id."""
    return {r["program_id"]: ProgramRun.from_dict(r) for r in read_jsonl(run.file(CLUSTER_RUNS), repair=repair)}


def cluster_signatures(run_dir: Path, data: dict[str, Any]) -> dict[int, list[str]]:
    """Each cluster's signature on the valid inputs (with a checker, its output classes, as
    clustering used them), from `cluster_runs.jsonl` (no execution); `data` is clusters.json.
    A missing or truncated file, or one that does not match clusters.json, is an error naming it."""
    path = Path(run_dir) / CLUSTER_RUNS
    redo = f"; to redo the clustering, delete {MANIFEST} and rerun `alphasolve solve` (what is on disk is reused)"
    if not data["clusters"]:
        return {}
    if not path.exists():
        raise AlphasolveError(f"missing: {CLUSTERS} lists clusters but their runs are gone" + redo, file=str(path))
    runs = {r["program_id"]: r["signature"] for r in read_jsonl(path, repair=False)}
    missing = [p for c in data["clusters"] for p in c["programs"] if p not in runs]
    if missing:
        raise AlphasolveError(f"truncated: no run of {len(missing)} clustered programs (first: {missing[0]})" + redo,
                              file=str(path))
    classes_file = Path(run_dir) / OUTPUT_CLASSES
    merged = read_json(classes_file).get("merged", {}) if classes_file.exists() else {}
    valid = data["valid_inputs"]
    out = {}
    for c in data["clusters"]:
        signature = runs[c["programs"][0]]
        if len(signature) != data["inputs"]:
            raise AlphasolveError(f"program {c['programs'][0]} has {len(signature)} outputs, not one per input "
                                  f"({data['inputs']})" + redo, file=str(path))
        row = [merged.get(str(k), {}).get(signature[k], signature[k]) for k in valid]
        if signature_hash(row) != c["signature_hash"]:
            raise AlphasolveError(f"program {c['programs'][0]}'s outputs do not give cluster {c['cluster_id']}'s "
                                  f"signature in {CLUSTERS}" + redo, file=str(path))
        out[c["cluster_id"]] = row
    return out


def cluster_agreement(signatures: dict[int, list[str]], clusters: list[Cluster],
                      distance: int) -> dict[int, "Agreement"]:
    """`agreement.agreement` of each cluster, by cluster id."""
    from alphasolve.agreement import agreement

    ids = [c.cluster_id for c in clusters]
    return dict(zip(ids, agreement([signatures[i] for i in ids], [c.size for c in clusters], distance)))


def partial_counts(run_dir: RunDir) -> dict[str, int]:
    return {"programs_run": len(read_jsonl(run_dir.file(CLUSTER_RUNS), repair=False))}


STAGE = Stage("cluster", upstream=("filter", "inputs"),
              artifacts=(CLUSTER_RUNS, CLUSTER_OUTPUTS, CLUSTER_CHECKS, OUTPUT_CLASSES, CLUSTERS, CLUSTER_BUDGET),
              settings=settings, run=run, partial_counts=partial_counts)

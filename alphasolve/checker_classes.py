"""Checker classes: with a checker, outputs it accepts as equal count as one output in clustering.

Per clustering input, the distinct outputs (by normalised hash) are merged greedily into
classes: outputs are taken most common first (weighted by samples), and an output joins the
first class (largest first) whose representative, given to the checker as the reference
answer, makes it accept the output; otherwise it founds a class of its own. Each output is
compared with at most MAX_REPRESENTATIVES classes, so the cost per input is at most
distinct outputs x MAX_REPRESENTATIVES checker runs, and usually about one run per distinct
output: a correct output is accepted by the first (largest) class. Checker runs cost about
what candidate runs cost, so merging costs at most about one more run per distinct output
and class tried, never programs x programs.

A run's signature then holds its output's class (the representative's symbol), and
`cluster.cluster_programs` groups them as usual. Checker decisions are cached in
`cluster_checks.jsonl` (by checker, input and the two outputs), the outputs themselves, one
per distinct hash, in `cluster_outputs.jsonl`, the classes in `output_classes.json`.
"""

from __future__ import annotations

import hashlib
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path
from typing import Any, Sequence

from alphasolve.artifacts import JsonlAppender, read_jsonl, write_json_atomic
from alphasolve.cluster import ProgramRun
from alphasolve.execute import Checker, Verdict
from alphasolve.records import SCHEMA_VERSION

OUTPUTS_FILE = "cluster_outputs.jsonl"
CHECKS_FILE = "cluster_checks.jsonl"
CLASSES_FILE = "output_classes.json"
MAX_REPRESENTATIVES = 4


class OutputStore:
    """The raw output behind each output symbol ("out:<hash>"), kept on disk for resumes.

    `fresh` (the cluster stage starts over) drops what an earlier stage left behind.
    """

    def __init__(self, run_dir: Path, fresh: bool):
        self.path = Path(run_dir) / OUTPUTS_FILE
        if fresh:
            self.path.unlink(missing_ok=True)
            (Path(run_dir) / CHECKS_FILE).unlink(missing_ok=True)
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


def _weights(runs: Sequence[ProgramRun], members: dict[str, list[int]], k: int) -> dict[str, int]:
    """The output symbols on input `k` with their samples, most sampled first (ties by symbol)."""
    weight: dict[str, int] = {}
    for run in runs:
        symbol = run.signature[k]
        if symbol.startswith("out:"):
            weight[symbol] = weight.get(symbol, 0) + (len(members.get(run.program_id, ())) or 1)
    return {s: weight[s] for s in sorted(weight, key=lambda s: (-weight[s], s))}


class _Checks:
    """Checker decisions, cached on disk; `executor.check` for the rest (thread-safe)."""

    def __init__(self, run_dir: Path, checker: Checker, check):
        self.checker, self._check = checker, check
        self.path = Path(run_dir) / CHECKS_FILE
        self.known: dict[tuple[str, str, str], str] = {
            (r["input"], r["answer"], r["output"]): r["verdict"]
            for r in read_jsonl(self.path) if r.get("checker") == checker.digest}
        self._out = JsonlAppender(self.path)
        self._lock = threading.Lock()
        self.ran = self.cached = self.errors = 0
        self.first_error = ""

    def accepts(self, input_text: str, input_hash: str, answer: tuple[str, str], output: tuple[str, str]) -> bool:
        key = (input_hash, answer[0], output[0])
        with self._lock:
            verdict = self.known.get(key)
            if verdict is not None:
                self.cached += 1
        if verdict is None:
            result = self._check(self.checker, [(input_text, answer[1], output[1])])[0]
            verdict = result.verdict.value
            with self._lock:
                self.known[key] = verdict
                self.ran += 1
                if result.verdict == Verdict.JUDGE_ERROR:
                    self.errors += 1
                    self.first_error = self.first_error or result.message
                self._out.write({"checker": self.checker.digest, "input": key[0], "answer": key[1],
                                 "output": key[2], "verdict": verdict})
        return verdict == Verdict.ACCEPTED.value

    def close(self) -> None:
        self._out.close()


def _classes_on(k: int, inputs: Sequence[str], weights: dict[str, int], outputs: dict[str, str],
                checks: _Checks) -> dict[str, str]:
    """Greedy merge on input k: symbol -> its class's representative symbol. Each output is
    compared with the largest classes so far (by samples), up to MAX_REPRESENTATIVES of them."""
    input_hash = hashlib.sha256(inputs[k].encode("utf-8", "surrogateescape")).hexdigest()[:16]
    classes: dict[str, str] = {}
    size: dict[str, int] = {}  # representative -> samples in its class
    ranked: list[str] = []  # representatives, largest class first (oldest first on ties)
    for symbol, weight in weights.items():
        chosen = None
        if symbol in outputs:  # (an output never stored cannot be compared: its own class)
            for rep in ranked[:MAX_REPRESENTATIVES]:
                if checks.accepts(inputs[k], input_hash, (rep, outputs[rep]), (symbol, outputs[symbol])):
                    chosen = rep
                    break
        if chosen is None:  # a new class is never larger than one before it (weights descend)
            chosen = symbol
            size[symbol] = weight
            ranked.append(symbol)
        else:
            size[chosen] += weight
            i = ranked.index(chosen)
            while i and size[ranked[i - 1]] < size[chosen]:
                ranked[i - 1], ranked[i] = ranked[i], ranked[i - 1]
                i -= 1
        classes[symbol] = chosen
    return classes


def canonical_runs(runs: Sequence[ProgramRun], members: dict[str, list[int]], inputs: Sequence[str],
                   valid: Sequence[int], executor: Any, checker: Checker, store: OutputStore,
                   run_dir: Path) -> tuple[list[ProgramRun], dict[str, Any]]:
    """`runs` with each output on a valid input replaced by its class, and counts of the work."""
    checks = _Checks(run_dir, checker, executor.check)
    try:
        order = {k: _weights(runs, members, k) for k in valid}
        workers = max(1, min(executor.workers or 1, len(valid)))
        with ThreadPoolExecutor(workers, thread_name_prefix="alphasolve-classes") as pool:
            found = dict(zip(valid, pool.map(lambda k: _classes_on(k, inputs, order[k], store.outputs, checks),
                                             valid)))
    finally:
        checks.close()
    mapped = []
    for run in runs:
        signature = list(run.signature)
        for k in valid:
            signature[k] = found[k].get(signature[k], signature[k])
        mapped.append(replace(run, signature=signature))
    distinct = sum(len(order[k]) for k in valid)
    merged = {str(k): {s: r for s, r in found[k].items() if s != r} for k in valid}
    write_json_atomic(Path(run_dir) / CLASSES_FILE, {
        "schema": SCHEMA_VERSION, "checker": checker.digest, "max_representatives": MAX_REPRESENTATIVES,
        "distinct_outputs": distinct, "classes": distinct - sum(len(m) for m in merged.values()),
        "checks_run": checks.ran, "checks_cached": checks.cached, "judge_errors": checks.errors,
        "merged": {k: m for k, m in merged.items() if m},
    })
    stats = {"distinct_outputs": distinct, "output_classes": distinct - sum(len(m) for m in merged.values()),
             "checker_runs": checks.ran, "checker_judge_errors": checks.errors, "first_error": checks.first_error}
    return mapped, stats

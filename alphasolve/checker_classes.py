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
`cluster.cluster_programs` groups them as usual. Pure: the cluster stage (stages/cluster.py)
keeps the outputs (`cluster_outputs.jsonl`), the checker's decisions (`cluster_checks.jsonl`,
by checker, input and the two outputs) and the classes (`output_classes.json`) on disk.
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from typing import Any, Callable, Sequence

from alphasolve.cluster import ProgramRun
from alphasolve.digest import short_hash
from alphasolve.execute import Checker, CheckResult, Verdict

MAX_REPRESENTATIVES = 4


def _weights(runs: Sequence[ProgramRun], members: dict[str, list[int]], k: int) -> dict[str, int]:
    """The output symbols on input `k` with their samples, most sampled first (ties by symbol)."""
    weight: dict[str, int] = {}
    for run in runs:
        symbol = run.signature[k]
        if symbol.startswith("out:"):
            weight[symbol] = weight.get(symbol, 0) + (len(members.get(run.program_id, ())) or 1)
    return {s: weight[s] for s in sorted(weight, key=lambda s: (-weight[s], s))}


DecisionKey = tuple[str, str, str]  # (input hash, answer symbol, output symbol)


class Decisions:
    """The checker's decisions: `known` ones (from an earlier run), `check` (an executor's) for the
    rest, each new one passed to `record(key, verdict)` (thread-safe)."""

    def __init__(self, checker: Checker, check: Callable[..., list[CheckResult]], known: dict[DecisionKey, str],
                 record: Callable[[DecisionKey, str], None]):
        self.checker, self._check, self._record = checker, check, record
        self.known = dict(known)
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
                self._record(key, verdict)
        return verdict == Verdict.ACCEPTED.value


def _classes_on(k: int, inputs: Sequence[str], weights: dict[str, int], outputs: dict[str, str],
                checks: Decisions) -> dict[str, str]:
    """Greedy merge on input k: symbol -> its class's representative symbol. Each output is
    compared with the largest classes so far (by samples), up to MAX_REPRESENTATIVES of them."""
    input_hash = short_hash(inputs[k])
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
                   valid: Sequence[int], workers: int, outputs: dict[str, str],
                   checks: Decisions) -> tuple[list[ProgramRun], dict[str, Any]]:
    """`runs` with each output on a valid input replaced by its class (inputs compared on up to
    `workers` threads), and the classes: output_classes.json's content, with the counts of the work."""
    order = {k: _weights(runs, members, k) for k in valid}
    with ThreadPoolExecutor(max(1, min(workers or 1, len(valid))), thread_name_prefix="alphasolve-classes") as pool:
        found = dict(zip(valid, pool.map(lambda k: _classes_on(k, inputs, order[k], outputs, checks), valid)))
    mapped = []
    for run in runs:
        signature = list(run.signature)
        for k in valid:
            signature[k] = found[k].get(signature[k], signature[k])
        mapped.append(replace(run, signature=signature))
    distinct = sum(len(order[k]) for k in valid)
    merged = {str(k): {s: r for s, r in found[k].items() if s != r} for k in valid}
    return mapped, {"checker": checks.checker.digest, "max_representatives": MAX_REPRESENTATIVES,
                    "distinct_outputs": distinct, "classes": distinct - sum(len(m) for m in merged.values()),
                    "checks_run": checks.ran, "checks_cached": checks.cached, "judge_errors": checks.errors,
                    "first_error": checks.first_error, "merged": {k: m for k, m in merged.items() if m}}

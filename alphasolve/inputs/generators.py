"""Clustering inputs written by input generators: small programs that print a random valid input.

AlphaCode and AlphaCode 2 generated their clustering inputs with a model; with a code model it
is the strongest source, because the model reads the statement's constraints, which mutating a
public input cannot see. A generator reads one integer, a seed, from standard input and prints
one input. Generators come from the sampling backend, asked with the `generator` prompt
template (`configs/prompts/generator.txt`), or, with the replay backend, from the problem's
recorded `input_generators`.

Generators are untrusted programs like any candidate: they run in the sandbox with the
problem's limits, and what they print counts only if they exit cleanly, print something
within the input size cap, and print something new. Their outputs are interleaved across
generators (seed 0 of every generator, then seed 1, ...), so one prolific generator cannot
crowd out the others.

Pure apart from the executor it is given: no file I/O.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import TYPE_CHECKING, Sequence

from alphasolve.execute import Executor, Job, Limits, Program, Verdict

if TYPE_CHECKING:
    from alphasolve.config import InputsConfig, SampleConfig
    from alphasolve.inputs.mutate import GeneratedInput

#: the sampling seed of generator i is derived from this offset, so generators never repeat samples
GENERATOR_SEED_OFFSET = 1_000_003


@dataclass
class Generator:
    """One input generator: recorded (replay) or written by the model."""

    generator_id: int
    language: str | None
    code: str | None  # None: the model's answer held no program
    source: str  # "problem" (recorded input_generators) or "model"
    sample_id: int | None = None  # the model sample it came from

    def to_dict(self) -> dict:
        return dataclasses.asdict(self)


@dataclass
class GeneratorReport:
    """What the generators did: per generator, how many of its runs gave a usable input."""

    generator_id: int
    runs: int
    usable: int
    verdicts: dict[str, int]


def generator_sample_config(sample: "SampleConfig", inputs: "InputsConfig") -> "SampleConfig":
    """The sampler settings used to ask the model for generators: the problem's sampler, with the
    generator prompt, its languages and a seed of its own."""
    return dataclasses.replace(sample, prompt=inputs.generator_prompt, languages=list(inputs.generator_languages),
                               seed=sample.seed + GENERATOR_SEED_OFFSET, samples=inputs.generators)


def run_generators(generators: Sequence[Generator], seeds: int, executor: Executor, limits: Limits,
                   max_bytes: int) -> tuple[dict[int, list[str]], list[GeneratorReport]]:
    """Run every generator on seeds 0..seeds-1: per generator id, its usable outputs in seed order."""
    runnable = [g for g in generators if g.code]
    jobs = (Job(key=g.generator_id, program=Program(g.language or "python3", g.code),
                inputs=[f"{s}\n" for s in range(seeds)], limits=limits) for g in runnable)
    outputs: dict[int, list[str]] = {}
    reports: dict[int, GeneratorReport] = {}
    for job, results in executor.map(jobs):
        if len(results) == 1 and results[0].verdict == Verdict.COMPILE_ERROR:
            results = results * seeds  # it ran on no seed: every seed failed
        usable, verdicts = [], {}
        for result in results:
            verdicts[result.verdict.value] = verdicts.get(result.verdict.value, 0) + 1
            text = result.stdout
            if result.verdict == Verdict.OK and text.strip() and len(text.encode()) <= max_bytes:
                usable.append(text if text.endswith("\n") else text + "\n")
        outputs[job.key] = usable
        reports[job.key] = GeneratorReport(job.key, len(results), len(usable), verdicts)
    ids = sorted(outputs)
    return {i: outputs[i] for i in ids}, [reports[i] for i in ids]


def interleave(outputs: dict[int, list[str]], limit: int, seen: set[str]) -> list["GeneratedInput"]:
    """Up to `limit` new inputs, taking seed 0 of every generator, then seed 1, ...; `seen` holds
    the whitespace-normalised inputs already chosen (updated)."""
    from alphasolve.inputs.mutate import GeneratedInput, input_key

    out: list[GeneratedInput] = []
    longest = max((len(o) for o in outputs.values()), default=0)
    for seed in range(longest):
        for gid, texts in outputs.items():
            if len(out) >= limit:
                return out
            if seed >= len(texts):
                continue
            key = input_key(texts[seed])
            if key and key not in seen:
                seen.add(key)
                out.append(GeneratedInput(texts[seed], f"generator[{gid}]:seed={seed}"))
    return out

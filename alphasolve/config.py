"""Typed configuration: dataclasses loaded from `configs/*.toml`, overridden by CLI flags.

Fields marked `nocache` do not change a stage's result (worker counts, chunk sizes, ...):
they are left out of the stage cache keys, so changing them reruns nothing. The same holds for
the `sample.engine` options in `ENGINE_NOCACHE`.
"""

from __future__ import annotations

import dataclasses
import json
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from alphasolve.errors import AlphasolveError


def nocache(default: Any = dataclasses.MISSING, **kw: Any) -> Any:
    """A setting that does not change results (excluded from cache keys)."""
    if "default_factory" in kw:
        return field(metadata={"cache": False}, **kw)
    return field(default=default, metadata={"cache": False})


# `sample.engine` options that say where and how the model runs, not what it samples: left out of
# the sample stage's key, like worker counts. openai: the endpoints (several servers of one
# model are like more workers; with per-sample seeds sample i is the same request wherever it
# goes) and how requests are retried. vllm: how the model is spread over GPUs and processes. The
# parallel layout can change floating-point rounding (as batch composition, i.e. chunk_size,
# already does on GPUs), so bitwise equality across layouts is not promised, but the samples'
# distribution is the same and a resumed run keeps the samples on disk. One exception: with
# `sample.model` = "" the openai backend serves whatever model the first endpoint lists, so
# there the endpoints name the model and stay in the key. vllm's `fast_top_p` computes the same
# nucleus as vLLM's sort (tests/sample: same samples token for token).
ENGINE_NOCACHE = frozenset({
    "base_url", "api_key_env", "timeout_s", "max_retries", "backoff_s", "down_after", "down_s",
    "tensor_parallel_size", "pipeline_parallel_size", "data_parallel_size", "distributed_executor_backend",
    "fast_top_p",
})


PARALLEL_SIZES = ("tensor_parallel_size", "pipeline_parallel_size", "data_parallel_size")
DISTRIBUTED_BACKENDS = ("mp", "ray", "uni")  # vLLM's distributed_executor_backend: processes here, Ray, in-process


def check_parallel(engine: dict[str, Any], file: str | None = None) -> None:
    """vLLM's parallel layout in `sample.engine`: positive sizes, a known distributed backend."""
    for key in PARALLEL_SIZES:
        value = engine.get(key, 1)
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise AlphasolveError(f"expected a positive integer, got {value!r}", file=file, field=f"sample.engine.{key}")
    backend = engine.get("distributed_executor_backend")
    if backend is not None and backend not in DISTRIBUTED_BACKENDS:
        raise AlphasolveError(f"expected one of {', '.join(map(repr, DISTRIBUTED_BACKENDS))}, got {backend!r}",
                              file=file, field="sample.engine.distributed_executor_backend")


@dataclass
class SampleConfig:
    backend: str = "replay"  # replay | vllm | openai
    samples: int = 100  # how many samples per problem
    seed: int = 0
    chunk_size: int = nocache(64)  # samples generated (and appended) per step
    # replay: draw from the problem's recorded solutions
    replay_incorrect: bool = True  # also draw from incorrect_solutions
    # model backends
    model: str = ""
    languages: list[str] = field(default_factory=lambda: ["python3", "cpp"])
    prompt: str = "default"
    temperature: float = 1.0
    top_p: float = 0.95
    max_tokens: int = 1024
    engine: dict[str, Any] = field(default_factory=dict)  # backend-specific options
    concurrency: int = nocache(8)  # openai: requests in flight


@dataclass
class ExecuteConfig:
    workers: int = nocache(0)  # 0 = one per core
    time_limit_s: float = 2.0  # when the problem gives none
    memory_limit_mb: int = 512  # when the problem gives none
    output_limit_mb: int = 16
    stderr_limit_kb: int = 64
    backend: str = nocache("local")  # local | ray: where programs run
    ray_address: str = nocache("local")  # ray: "local" (start a cluster here), "auto" or host:port
    ray_cpus: int = nocache(0)  # ray_address "local": CPUs of the cluster (0 = every core)


@dataclass
class InputsConfig:
    count: int = 50  # clustering inputs, public inputs included
    seed: int = 0
    mutation_tries: int = 400  # attempts to find new distinct mutated inputs
    max_input_bytes: int = 1_000_000
    generators: int = 0  # input generators to ask the sampling backend for (replay: the problem's own)
    generator_seeds: int = 20  # seeds each generator runs with
    generator_share: float = 0.5  # at most this share of `count` comes from generators; mutants fill the rest
    generator_prompt: str = "generator"  # configs/prompts/generator.txt
    generator_languages: list[str] = field(default_factory=lambda: ["python3"])
    spec: bool = True  # read an input spec from the statement: inputs that reach its bounds, and validity
    spec_share: float = 0.3  # at most this share of `count` is drawn from the spec (the rest: mutants)


@dataclass
class ClusterConfig:
    max_candidates: int = 8192  # survivors run on the clustering inputs


@dataclass
class RankConfig:
    submissions: int = 10
    fill: bool = True  # fewer clusters than submissions: add further distinct programs of the best clusters
    fallback: bool = False  # nothing passed the public tests: submit the programs that passed most of them
    size_weight: float = 1.0  # log cluster share (AlphaCode)
    logprob_weight: float = 0.0  # mean token log-probability of the cluster's members
    scorer_weight: float = 0.0  # log P(yes) of a scoring model
    failures_weight: float = 0.0  # share of clustering inputs the cluster crashed or timed out on
    mbr_weight: float = 0.0  # MBR-exec agreement: share of (other survivor, input) pairs with equal outputs
    plurality_weight: float = 0.0  # share of inputs on which the cluster gives the most common output
    support_weight: float = 0.0  # log share of samples in clusters differing from it on <= support_distance inputs
    support_distance: int = 1  # soft cluster support: differing inputs that still count as support
    scorer_top: int = 50  # scoring model: score the representatives of this many best clusters (by the other scores)
    scorer_model: str = ""  # scoring model on the sampling backend; "" = sample.model
    scorer_prompt: str = "score"  # configs/prompts/score.txt, or a path


@dataclass
class BatchConfig:
    concurrency: int = nocache(1)  # problems solved at the same time by `alphasolve batch`


@dataclass
class Config:
    sample: SampleConfig = field(default_factory=SampleConfig)
    execute: ExecuteConfig = field(default_factory=ExecuteConfig)
    inputs: InputsConfig = field(default_factory=InputsConfig)
    cluster: ClusterConfig = field(default_factory=ClusterConfig)
    rank: RankConfig = field(default_factory=RankConfig)
    batch: BatchConfig = field(default_factory=BatchConfig)

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    def cache_view(self, section: str) -> dict[str, Any]:
        """The settings of one section that change its stage's result."""
        obj = getattr(self, section)
        view = {f.name: getattr(obj, f.name) for f in fields(obj) if f.metadata.get("cache", True)}
        if section == "sample":
            keep = {"base_url"} if not self.sample.model else set()
            view["engine"] = {k: v for k, v in self.sample.engine.items() if k not in ENGINE_NOCACHE - keep}
        return view


def _coerce(value: Any, current: Any, where: str, file: str | None) -> Any:
    kind = type(current)
    if kind is bool:
        if isinstance(value, bool):
            return value
    elif kind is int:
        if isinstance(value, int) and not isinstance(value, bool):
            return value
    elif kind is float:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return float(value)
    elif kind is str:
        if isinstance(value, str):
            return value
    elif kind is list:
        if isinstance(value, list):
            return value
    elif kind is dict:
        if isinstance(value, dict):
            return value
    raise AlphasolveError(f"expected {kind.__name__}, got {value!r}", file=file, field=where)


def apply(config: Config, data: dict[str, Any], file: str | None = None) -> Config:
    """Update `config` in place from nested dict `data` ({section: {key: value}})."""
    for section, values in data.items():
        if section not in {f.name for f in fields(Config)}:
            raise AlphasolveError("unknown section", file=file, field=section)
        if not isinstance(values, dict):
            raise AlphasolveError("expected a table", file=file, field=section)
        obj = getattr(config, section)
        names = {f.name for f in fields(obj)}
        for key, value in values.items():
            where = f"{section}.{key}"
            table, dot, entry = key.partition(".")
            if dot and table in names and isinstance(getattr(obj, table), dict) and entry and "." not in entry:
                key, value = table, {**getattr(obj, table), entry: value}  # --set sample.engine.KEY=V: one entry
            elif key not in names:
                raise AlphasolveError("unknown setting", file=file, field=where)
            setattr(obj, key, _coerce(value, getattr(obj, key), where, file))
            if section == "sample" and key == "engine":
                check_parallel(obj.engine, file)
            if where == "batch.concurrency" and obj.concurrency < 1:
                raise AlphasolveError(f"expected a positive integer, got {value!r}", file=file, field=where)
            if section == "inputs":
                _check_inputs(obj, key, where, file)
    return config


def _check_inputs(inputs: InputsConfig, key: str, where: str, file: str | None) -> None:
    value = getattr(inputs, key)
    if key in ("count", "generators", "generator_seeds", "mutation_tries") and value < 0:
        raise AlphasolveError(f"must be 0 or more, got {value}", file=file, field=where)
    if key == "generator_share" and not 0 <= value <= 1:
        raise AlphasolveError(f"must be between 0 and 1, got {value}", file=file, field=where)


def load_config(*paths: str | Path | None, overrides: dict[str, Any] | None = None) -> Config:
    """Defaults, then each TOML file in order (later ones win), then overrides ({section: {key: value}})."""
    config = Config()
    for path in paths:
        if path is None:
            continue
        path = Path(path)
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise AlphasolveError("no such config file", file=str(path)) from None
        except tomllib.TOMLDecodeError as exc:
            raise AlphasolveError(f"not valid TOML: {exc}", file=str(path)) from None
        apply(config, data, str(path))
    if overrides:
        apply(config, {k: v for k, v in overrides.items() if v}, "command line")
    return config


def parse_set(assignments: list[str]) -> dict[str, dict[str, Any]]:
    """`--set section.key=value` flags (value parsed as TOML/JSON when it can be);
    `section.table.key=value` sets one entry of a table setting (e.g. sample.engine.base_url)."""
    out: dict[str, dict[str, Any]] = {}
    for item in assignments:
        key, sep, raw = item.partition("=")
        section, dot, name = key.strip().partition(".")
        if not sep or not dot:
            raise AlphasolveError(f"expected section.key=value, got {item!r}", field="--set")
        try:
            value = tomllib.loads(f"v = {raw}")["v"]
        except tomllib.TOMLDecodeError:
            value = raw
        out.setdefault(section, {})[name] = value
    return out


def to_toml(config: Config) -> str:
    """The effective config as TOML (saved beside the artifacts it produced)."""
    lines = []
    for section, values in config.to_dict().items():
        lines.append(f"[{section}]")
        for key, value in values.items():
            lines.append(f"{key} = {_toml_value(value)}")
        lines.append("")
    return "\n".join(lines)


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value)
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{json.dumps(k)} = {_toml_value(v)}" for k, v in value.items()) + "}"
    raise TypeError(f"cannot write {value!r} as TOML")

"""Typed configuration: dataclasses loaded from `configs/*.toml`, overridden by CLI flags.

`configs/default.toml` (package data, `CONFIGS_DIR`) is the one source of default values: each
field declares its type and what it allows (`check(...)`, `nocache(...)`) and takes its default
from the file (`section`). `apply` checks every value, from files, presets, `--set` and flags
alike, and a refusal names its source, the setting and what is allowed.

Fields marked `nocache` do not change a stage's result (worker counts, chunk sizes, ...):
they are left out of the stage cache keys, so changing them reruns nothing. The same holds for
the `sample.engine` options in `ENGINE_NOCACHE`.
"""

from __future__ import annotations

import copy
import dataclasses
import json
import math
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from alphasolve.errors import AlphasolveError


CONFIGS_DIR = Path(__file__).parent / "configs"
"""`configs/` as the package holds it (package data: the wheel's copy, or in a clone the
`alphasolve/configs` link to the repository's `configs/`): default.toml, the presets, the prompts."""


def _load_defaults() -> dict[str, Any]:
    path = CONFIGS_DIR / "default.toml"
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise AlphasolveError("missing: alphasolve's default settings (reinstall alphasolve)", file=str(path)) from None


DEFAULTS = _load_defaults()
"""`configs/default.toml`: the one source of every default value (the dataclasses below hold the
types and allowed ranges; `tests/test_settings.py` checks that the file names every setting)."""


@dataclass(frozen=True)
class Check:
    """What a setting allows, beyond its type: declared once per field, checked wherever a value
    comes from (default.toml, presets, files, `--set`, flags)."""

    cache: bool = True  # False: does not change results (left out of stage keys)
    min: float | None = None  # value >= min
    above: float | None = None  # value > above
    max: float | None = None  # value <= max
    choices: tuple[str, ...] = ()  # an enumeration
    items: tuple[str, ...] = ()  # a list whose items are among these (and not empty)
    nonempty: bool = False  # a string or list that must not be empty
    what: str = ""  # a name for the value in messages ("executor")

    def allowed(self, kind: type) -> str:
        """What is allowed, as words (for messages and the docs)."""
        if self.choices:
            return "one of: " + ", ".join(self.choices)
        if self.items:
            return "a non-empty list of: " + ", ".join(self.items)
        noun = {int: "an integer", float: "a number", str: "a string", bool: "true or false", list: "a list",
                dict: "a table"}[kind]
        if kind is int and self.min == 1 and self.max is None:
            return "a positive integer"
        if kind is int and self.min == 0 and self.max is None:
            return "0 or a positive integer"
        if self.min is not None and self.max is not None:
            return f"{noun} from {_num(self.min)} to {_num(self.max)}"
        if self.above is not None and self.max is not None:
            return f"{noun} above {_num(self.above)}, at most {_num(self.max)}"
        if self.above is not None:
            return f"{noun} above {_num(self.above)}"
        if self.min is not None:
            return f"{noun} of at least {_num(self.min)}"
        return ("a non-empty " + noun.split(" ", 1)[1]) if self.nonempty else noun

    def check(self, value: Any, kind: type) -> bool:
        if self.choices:
            return value in self.choices
        if self.items:
            return bool(value) and all(v in self.items for v in value)
        if self.nonempty and not value:
            return False
        if kind in (int, float):
            if kind is float and not math.isfinite(value):
                return False
            return not ((self.min is not None and value < self.min) or (self.above is not None and value <= self.above)
                        or (self.max is not None and value > self.max))
        return True


def check(**kw: Any) -> Any:
    """A setting's declaration: its allowed values (`Check`); its default comes from default.toml."""
    return Check(**kw)


def nocache(**kw: Any) -> Any:
    """A setting that does not change results (excluded from cache keys)."""
    return Check(cache=False, **kw)


def section(name: str):
    """Class decorator (before @dataclass): each field declared with `check(...)`/`nocache(...)` (or
    with none) takes its default from default.toml's `[name]` table, deep-copied per instance."""
    def wrap(cls):
        for key in cls.__annotations__:
            spec = cls.__dict__.get(key, Check())
            if not isinstance(spec, Check):
                continue  # a literal default (tests/test_settings.py checks it against default.toml)
            if key not in DEFAULTS.get(name, {}):
                raise AlphasolveError(f"missing from {CONFIGS_DIR / 'default.toml'}", field=f"{name}.{key}")
            value = DEFAULTS[name][key]
            setattr(cls, key, field(default_factory=lambda v=value: copy.deepcopy(v),
                                    metadata={"cache": spec.cache, "check": spec}))
        return cls
    return wrap


def _num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)


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


SAMPLE_BACKENDS = ("replay", "vllm", "openai")
EXECUTE_BACKENDS = ("local", "ray")
LANGUAGES = ("python3", "cpp", "c")  # alphasolve.languages.EXECUTABLE


@dataclass
@section("sample")
class SampleConfig:
    backend: str = check(choices=SAMPLE_BACKENDS, what="sampler backend")
    samples: int = check(min=1)  # how many samples per problem
    seed: int = check(min=0)
    chunk_size: int = nocache(min=1)  # samples generated (and appended) per step
    # replay: draw from the problem's recorded solutions
    replay_incorrect: bool = check()  # also draw from incorrect_solutions
    # model backends
    model: str = check()  # "" = the shipped SmolLM2-135M-Instruct (vllm)
    languages: list[str] = check(items=LANGUAGES)
    prompt: str = check(nonempty=True)  # configs/prompts/NAME.txt, or a path
    temperature: float = check(min=0)
    top_p: float = check(above=0, max=1)
    max_tokens: int = check(min=1)
    engine: dict[str, Any] = check()  # backend-specific options (check_parallel: vLLM's layout)
    concurrency: int = nocache(min=1)  # openai: requests in flight


@dataclass
@section("execute")
class ExecuteConfig:
    workers: int = nocache(min=0)  # 0 = one per core
    time_limit_s: float = check(above=0)  # when the problem gives none
    memory_limit_mb: int = check(min=1)  # when the problem gives none
    output_limit_mb: int = check(min=1)
    stderr_limit_kb: int = check(min=1)
    backend: str = nocache(choices=EXECUTE_BACKENDS, what="executor")  # where programs run
    ray_address: str = nocache(nonempty=True)  # ray: "local" (start a cluster here), "auto" or host:port
    ray_cpus: int = nocache(min=0)  # ray_address "local": CPUs of the cluster (0 = every core)


@dataclass
@section("inputs")
class InputsConfig:
    count: int = check(min=1)  # clustering inputs, public inputs included
    seed: int = check(min=0)
    mutation_tries: int = check(min=0)  # attempts to find new distinct mutated inputs
    max_input_bytes: int = check(min=1)
    generators: int = check(min=0)  # input generators to ask the sampling backend for (replay: the problem's own)
    generator_seeds: int = check(min=1)  # seeds each generator runs with
    generator_share: float = check(min=0, max=1)  # at most this share of `count` comes from generators
    generator_prompt: str = check(nonempty=True)  # configs/prompts/generator.txt
    generator_languages: list[str] = check(items=LANGUAGES)
    spec: bool = check()  # inputs drawn from the statement's input spec (alphasolve spec)
    spec_share: float = check(min=0, max=1)  # at most this share of `count` is drawn from the spec


@dataclass
@section("cluster")
class ClusterConfig:
    max_candidates: int = check(min=1)  # survivors run on the clustering inputs
    time_budget_factor: float = check(min=0)  # CPU budget = factor x the typical survivor's time; 0 = the limit
    time_budget_floor_s: float = check(above=0)  # the budget is at least this (at most the problem's limit)
    time_budget_references: int = check(min=1)  # reference programs per language that calibrate the budget
    skip_after_timeouts: int = check(min=0)  # a program that timed out on this many inputs skips the rest; 0 = never


@dataclass
@section("rank")
class RankConfig:
    submissions: int = check(min=1)
    fill: bool = check()  # fewer clusters than submissions: add further distinct programs of the best clusters
    fallback: bool = check()  # nothing passed the public tests: submit the programs that passed most of them
    size_weight: float = check()  # log cluster share (AlphaCode)
    logprob_weight: float = check()  # mean token log-probability of the cluster's members
    scorer_weight: float = check()  # log P(yes) of a scoring model
    failures_weight: float = check()  # share of clustering inputs the cluster crashed or timed out on
    mbr_weight: float = check()  # MBR-exec agreement: share of (other survivor, input) pairs with equal outputs
    plurality_weight: float = check()  # share of inputs on which the cluster gives the most common output
    support_weight: float = check()  # log share of samples in clusters differing from it on <= support_distance inputs
    support_distance: int = check(min=0)  # soft cluster support: differing inputs that still count as support
    scorer_top: int = check(min=1)  # scoring model: score the representatives of this many best clusters
    scorer_model: str = check()  # scoring model on the sampling backend; "" = sample.model
    scorer_prompt: str = check(nonempty=True)  # configs/prompts/score.txt, or a path


@dataclass
@section("batch")
class BatchConfig:
    concurrency: int = nocache(min=1)  # problems solved at the same time by `alphasolve batch`


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


def _coerce(value: Any, current: Any, spec: Check, where: str, file: str | None) -> Any:
    """`value` as the type of the setting's default (`current`), if it is one and is allowed."""
    kind = type(current)
    ok = {bool: lambda v: isinstance(v, bool),
          int: lambda v: isinstance(v, int) and not isinstance(v, bool),
          float: lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
          str: lambda v: isinstance(v, str),
          list: lambda v: isinstance(v, list),
          dict: lambda v: isinstance(v, dict)}[kind](value)
    if ok:
        value = float(value) if kind is float else value
        if spec.check(value, kind):
            return value
        if spec.what and spec.choices:
            raise AlphasolveError(f"unknown {spec.what} {value!r} (expected {spec.allowed(kind)})", file=file, field=where)
    raise AlphasolveError(f"expected {spec.allowed(kind)}, got {value!r}", file=file, field=where)


def setting_check(obj: Any, key: str) -> Check:
    return next((f.metadata.get("check", Check()) for f in fields(obj) if f.name == key), Check())


def apply(config: Config, data: dict[str, Any], file: str | None = None) -> Config:
    """Update `config` in place from nested dict `data` ({section: {key: value}}): every value is
    type- and range-checked (`Check`); a bad one raises an AlphasolveError naming `file` (a path,
    "--set", a flag) and the setting, with what is allowed."""
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
            value = _coerce(value, getattr(obj, key), setting_check(obj, key), where, file)
            if section == "sample" and key == "engine":
                check_parallel(value, file)
            setattr(obj, key, value)
    return config


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

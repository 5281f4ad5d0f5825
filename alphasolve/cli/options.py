"""Options shared by several commands, declared once, and turning them into a Config."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated, Optional

import typer

from alphasolve.config import CONFIGS_DIR, Config, apply, load_config, parse_set
from alphasolve.errors import AlphasolveError

ConfigOpt = Annotated[Optional[str], typer.Option(
    "--config", "-c", help="Config file (TOML), or the name of a preset in configs/ (e.g. smollm2-cpu).")]
# Flags are range-checked as the settings they set (alphasolve.config.Check): one error line, exit 2.
SamplesOpt = Annotated[Optional[int], typer.Option("--samples", "-n", help="Samples per problem.")]
SeedOpt = Annotated[Optional[int], typer.Option("--seed", help="Sampling seed.")]
BackendOpt = Annotated[Optional[str], typer.Option("--backend", help="Sampler: replay, vllm or openai.")]
WorkersOpt = Annotated[Optional[int], typer.Option("--workers", "-j", help="Parallel executions (default: one per core).")]
ExecutorOpt = Annotated[Optional[str], typer.Option(
    "--executor", help="Where programs run: local (this machine) or ray (a Ray cluster, see execute.ray_address).")]
SetOpt = Annotated[Optional[list[str]], typer.Option(
    "--set", help="Override any setting: --set section.key=value (e.g. --set inputs.count=20). Repeatable.")]
OutOpt = Annotated[Optional[Path], typer.Option("--out", "-o", help="Run directory (default: runs/<problem>).")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON for scripts instead of tables.")]


def resolve_config_path(name: str | None) -> Path | None:
    """A file, a preset name in configs/, or (none given) $ALPHASOLVE_CONFIG, else configs/default.toml."""
    if name is None:
        name = os.environ.get("ALPHASOLVE_CONFIG")
    if name is None:
        default = CONFIGS_DIR / "default.toml"
        return default if default.exists() else None
    path = Path(name)
    if path.exists():
        return path
    preset = CONFIGS_DIR / f"{name}.toml"
    if preset.exists():
        return preset
    known = ", ".join(sorted(p.stem for p in CONFIGS_DIR.glob("*.toml"))) or "none"
    raise AlphasolveError(f"no such config file or preset (presets: {known})", file=name, field="--config")


FLAGS = {"samples": "sample.samples", "seed": "sample.seed", "backend": "sample.backend", "workers": "execute.workers",
         "executor": "execute.backend", "concurrency": "batch.concurrency"}


def set_flag(cfg: Config, flag: str, value: object) -> None:
    """A flag's value into its setting, checked like any other source (a bad one names the flag)."""
    if value is not None:
        section, key = FLAGS[flag].split(".")
        apply(cfg, {section: {key: value}}, f"--{flag}")


def check_flag(flag: str, value: object) -> None:
    """A flag's value checked as its setting (for commands that use it without a Config)."""
    set_flag(Config(), flag, value)


def build_config(config: str | None, samples: int | None = None, seed: int | None = None,
                 backend: str | None = None, workers: int | None = None,
                 sets: list[str] | None = None, executor: str | None = None) -> Config:
    """default.toml, then the preset or file, then `--set`, then flags: every value checked."""
    cfg = load_config(resolve_config_path(config))  # Config() holds default.toml's values; a preset overrides them
    apply(cfg, parse_set(sets or []), "--set")
    for flag, value in (("samples", samples), ("seed", seed), ("backend", backend), ("workers", workers),
                        ("executor", executor)):
        set_flag(cfg, flag, value)
    return cfg

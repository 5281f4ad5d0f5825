"""Options shared by several commands, declared once, and turning them into a Config."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated, Optional

import typer

from alphasolve.config import Config, load_config, parse_set
from alphasolve.errors import AlphasolveError

CONFIGS_DIR = Path(__file__).resolve().parents[2] / "configs"

ConfigOpt = Annotated[Optional[str], typer.Option(
    "--config", "-c", help="Config file (TOML), or the name of a preset in configs/ (e.g. smollm2-cpu).")]
SamplesOpt = Annotated[Optional[int], typer.Option("--samples", "-n", min=1, help="Samples per problem.")]
SeedOpt = Annotated[Optional[int], typer.Option("--seed", help="Sampling seed.")]
BackendOpt = Annotated[Optional[str], typer.Option("--backend", help="Sampler: replay, vllm or openai.")]
WorkersOpt = Annotated[Optional[int], typer.Option("--workers", "-j", min=1, help="Parallel executions (default: one per core).")]
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


def build_config(config: str | None, samples: int | None = None, seed: int | None = None,
                 backend: str | None = None, workers: int | None = None,
                 sets: list[str] | None = None, executor: str | None = None) -> Config:
    path = resolve_config_path(config)
    default = CONFIGS_DIR / "default.toml"
    layers = [p for p in (default, path) if p is not None and p.exists()]
    cfg = load_config(*dict.fromkeys(p.resolve() for p in layers))  # presets override default.toml
    overrides = parse_set(sets or [])
    from alphasolve.config import apply

    apply(cfg, overrides, "--set")
    if samples is not None:
        cfg.sample.samples = samples
    if seed is not None:
        cfg.sample.seed = seed
    if backend is not None:
        cfg.sample.backend = backend
    if workers is not None:
        cfg.execute.workers = workers
    if executor is not None:
        cfg.execute.backend = executor
    from alphasolve.execute.factory import check_backend

    check_backend(cfg.execute.backend)
    return cfg

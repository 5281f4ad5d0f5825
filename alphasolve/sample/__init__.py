"""Samplers: where candidate programs come from. Backends are imported lazily.

A sampler draws the samples with the given ids for a problem. Sample `i` depends only on
the sampler's settings and `i` (where the backend allows), so a resumed run draws the
same samples as an uninterrupted one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterator, Protocol, Sequence

from alphasolve.errors import AlphasolveError

if TYPE_CHECKING:
    from alphasolve.config import SampleConfig
    from alphasolve.problem import Problem
    from alphasolve.records import Sample


class Sampler(Protocol):
    def sample(self, problem: "Problem", sample_ids: Sequence[int]) -> Iterator["Sample"]:
        """Yield one Sample per id (any order, may yield as they are ready)."""
        ...

    def close(self) -> None: ...


BACKENDS = ("replay", "vllm", "openai")


def make_sampler(config: "SampleConfig") -> Sampler:
    """Build the configured backend, importing only that backend's module."""
    if config.backend == "replay":
        from alphasolve.sample.replay import ReplaySampler

        return ReplaySampler(config)
    if config.backend == "vllm":
        from alphasolve.sample.vllm import VLLMSampler

        return VLLMSampler(config)
    if config.backend == "openai":
        from alphasolve.sample.openai import OpenAISampler

        return OpenAISampler(config)
    raise AlphasolveError(f"unknown sampler backend {config.backend!r} (choose from {', '.join(BACKENDS)})",
                          field="sample.backend")

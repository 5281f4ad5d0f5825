"""The scoring model: P(yes) that a candidate is correct, asked of the sampling backend.

AlphaCode 2 ranks clusters partly by a fine-tuned scoring model's estimate that a candidate is
correct. Here the model (the sampling model, or `rank.scorer_model` on the same backend) is shown
the problem and the candidate with `configs/prompts/score.txt` (or `rank.scorer_prompt`) and asked
"Is this program correct? Answer yes or no." It generates ONE token (greedy); from the top
`TOP_LOGPROBS` log-probabilities of that token (raw: before temperature or sampling filters):

- the mass of "yes" is the sum of the probabilities of the tokens that read "yes" once stripped
  of spaces and surrounding punctuation, in any case ("Yes", " yes", "YES", ...); likewise "no";
- an answer none of whose tokens is in the top list gets the smallest listed probability (an
  upper bound on any unlisted token), so a model that is sure of one answer gives a P(yes) close
  to, but never exactly, 0 or 1;
- P(yes) = yes / (yes + no); 0.5 when there is no evidence at all (the prompt did not fit the
  model's context).

Backends provide `next_token_logprobs` (vllm and openai; replay has no model, so scoring with
replay is a configuration error). This module does no I/O besides reading the template.
"""

from __future__ import annotations

import math
import string
from typing import TYPE_CHECKING, Any, Iterable, Protocol, Sequence

from alphasolve.digest import json_hash
from alphasolve.errors import AlphasolveError
from alphasolve.sample.prompts import (FENCES, LANGUAGE_NAMES, Prompt, Template, Variant, _examples, parse_template,
                                       template_path)

if TYPE_CHECKING:
    from alphasolve.config import Config
    from alphasolve.problem import Problem
    from alphasolve.records import Sample

TOP_LOGPROBS = 20  # the most OpenAI-compatible servers (and vLLM's default max_logprobs) allow
ANSWERS = ("yes", "no")


class Scorer(Protocol):
    def next_token_logprobs(self, prompts: Sequence[Prompt], k: int) -> list[list[tuple[str, float]]]:
        """Per prompt: the top `k` (token text, log-probability) of the first generated token."""
        ...


def answer_of(token: str) -> str | None:
    """"yes" or "no" if the token reads as that answer, else None."""
    word = token.strip().strip(".,!:;*\"'`").lower()
    return word if word in ANSWERS else None


def yes_no_masses(top: Iterable[tuple[str, float]]) -> tuple[float, float]:
    """The probability masses of "yes" and "no" in one token's top log-probabilities (see above)."""
    top = list(top)
    if not top:
        return 0.0, 0.0
    masses = {a: 0.0 for a in ANSWERS}
    seen = set()
    for text, logprob in top:
        answer = answer_of(text)
        if answer is not None:
            masses[answer] += math.exp(logprob)
            seen.add(answer)
    floor = min(math.exp(lp) for _, lp in top)
    return tuple(masses[a] if a in seen else floor for a in ANSWERS)  # type: ignore[return-value]


def p_yes(yes: float, no: float) -> float:
    return yes / (yes + no) if yes + no > 0 else 0.5


def load_score_template(name: str) -> Template:
    path = template_path(name or "score")
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise AlphasolveError(f"no scoring prompt template {str(path)!r}", field="rank.scorer_prompt") from None
    return parse_template(text, str(path), placeholders=("code",))


def render_score_prompt(template: Template, problem: "Problem", language: str, code: str) -> Prompt:
    fields = {"name": problem.name, "description": problem.description.strip(), "examples": _examples(problem),
              "metadata": "", "language": language, "language_name": LANGUAGE_NAMES.get(language, language),
              "fence": FENCES.get(language, ""), "code": code.rstrip("\n")}
    sub = lambda part: string.Template(part).substitute(fields)  # noqa: E731
    prefill = sub(template.assistant)
    return Prompt(sub(template.system), sub(template.user).strip("\n"), prefill, Variant(language))


def scorer_model(config: "Config") -> str:
    return config.rank.scorer_model or config.sample.model


def scorer_settings(config: "Config") -> dict[str, Any]:
    """What scores depend on besides the problem and the program (for the rank key and scores.jsonl).
    Raises a one-line error when scoring is asked of the replay backend."""
    if config.sample.backend == "replay":
        raise AlphasolveError("the replay backend has no model to score candidates with: set "
                              "rank.scorer_weight = 0, or sample with a model (vllm, openai)", field="rank.scorer_weight")
    return {"backend": config.sample.backend, "model": scorer_model(config),
            "engine": config.cache_view("sample")["engine"],
            "prompt_sha": load_score_template(config.rank.scorer_prompt).sha256, "top_logprobs": TOP_LOGPROBS}


def scorer_key(config: "Config") -> str:
    return json_hash(scorer_settings(config))


def score_samples(scorer: Scorer, template: Template, problem: "Problem",
                  samples: Sequence["Sample"]) -> list[dict[str, Any]]:
    """Per sample (each with code): {sample_id, program_id, p_yes, yes, no}."""
    prompts = [render_score_prompt(template, problem, s.language or "", s.code or "") for s in samples]
    tops = scorer.next_token_logprobs(prompts, TOP_LOGPROBS)
    out = []
    for sample, top in zip(samples, tops):
        yes, no = yes_no_masses(top)
        out.append({"sample_id": sample.sample_id, "program_id": sample.program_id, "p_yes": p_yes(yes, no),
                    "yes": yes, "no": no})
    return out

"""Prompt templates and AlphaCode-style per-sample prompt variation.

Templates are text files, `configs/prompts/NAME.txt` (or any path given as `sample.prompt`), with
sections `=== options ===` (TOML), `=== system ===`, `=== user ===` and `=== assistant ===` (the
start of the answer, e.g. an opened code fence). Placeholders use `string.Template` syntax
(`${description}`), so braces in templates and `$` in problem statements need no escaping.

Each sample id draws its own variant from a generator seeded by (seed, sample id) only: target
language, whether to show a rating and a tags line (the problem's own, or random ones as
AlphaCode did), and optionally a temperature. So sample i's prompt never depends on chunking.
"""

from __future__ import annotations

import hashlib
import random
import re
import string
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from alphasolve import languages
from alphasolve.config import CONFIGS_DIR
from alphasolve.errors import AlphasolveError

if TYPE_CHECKING:
    from alphasolve.config import SampleConfig
    from alphasolve.problem import Problem

PROMPTS_DIR = CONFIGS_DIR / "prompts"  # package data (alphasolve.config.CONFIGS_DIR)

LANGUAGE_NAMES = {languages.PYTHON3: "Python 3", languages.CPP: "C++", languages.C: "C"}
FENCES = {languages.PYTHON3: "python", languages.CPP: "cpp", languages.C: "c"}

#: Codeforces problem tags (what "random" metadata draws from, as AlphaCode did)
CF_TAGS = (
    "implementation", "math", "greedy", "dp", "data structures", "brute force", "constructive algorithms",
    "graphs", "sortings", "binary search", "dfs and similar", "trees", "strings", "number theory",
    "combinatorics", "two pointers", "bitmasks", "geometry", "dsu", "shortest paths", "probabilities",
    "divide and conquer", "hashing", "games", "interactive", "flows", "matrices", "string suffix structures",
    "graph matchings", "fft", "ternary search", "expression parsing", "meet-in-the-middle", "2-sat",
    "chinese remainder theorem", "schedules",
)
SECTIONS = ("options", "system", "user", "assistant")
OPTIONS = {"metadata": str, "rating_probability": (int, float), "tags_probability": (int, float),
           "temperatures": list, "rating_range": list}


def derive_seed(seed: int, sample_id: int, purpose: str) -> int:
    """A 31-bit seed that depends only on (seed, sample_id, purpose) (fits every API's seed field)."""
    digest = hashlib.sha256(f"alphasolve:{purpose}:{seed}:{sample_id}".encode()).digest()
    return int.from_bytes(digest[:4], "big") & 0x7FFFFFFF


@dataclass(frozen=True)
class Template:
    name: str
    system: str
    user: str
    assistant: str
    options: dict[str, Any]
    sha256: str  # of the file's text: a template change must change cache keys


@dataclass(frozen=True)
class Variant:
    """What one sample's prompt was drawn with (recorded in the sample's meta)."""

    language: str
    rating: int | None = None
    tags: tuple[str, ...] = ()
    temperature: float | None = None  # None: sample.temperature

    def meta(self) -> dict[str, Any]:
        out: dict[str, Any] = {"prompt_language": self.language}
        if self.rating is not None:
            out["prompt_rating"] = self.rating
        if self.tags:
            out["prompt_tags"] = list(self.tags)
        return out


@dataclass(frozen=True)
class Prompt:
    system: str
    user: str
    prefill: str  # the start of the answer, generated text continues it
    variant: Variant = field(default_factory=lambda: Variant(languages.PYTHON3))

    def messages(self) -> list[dict[str, str]]:
        msgs = [{"role": "system", "content": self.system}] if self.system else []
        return msgs + [{"role": "user", "content": self.user}]

    def plain_text(self) -> str:
        """The prompt for a model without a chat template."""
        parts = [p for p in (self.system, self.user) if p]
        return "\n\n".join(parts) + "\n\n" + self.prefill


def template_path(name: str) -> Path:
    if not name:
        name = "default"
    if "/" in name or name.endswith(".txt"):
        return Path(name).expanduser()
    return PROMPTS_DIR / f"{name}.txt"


def load_template(name: str) -> Template:
    path = template_path(name)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        known = sorted(p.stem for p in PROMPTS_DIR.glob("*.txt")) if PROMPTS_DIR.is_dir() else []
        raise AlphasolveError(f"no prompt template {str(path)!r} (templates: {', '.join(known) or 'none found'})",
                              field="sample.prompt") from None
    return parse_template(text, str(path))


@lru_cache(maxsize=32)
def parse_template(text: str, where: str = "<prompt>", placeholders: tuple[str, ...] = ()) -> Template:
    """A template file's sections; `placeholders`: names allowed besides the sampling ones."""
    parts: dict[str, list[str]] = {}
    current = None
    for line in text.split("\n"):
        m = re.fullmatch(r"===\s*(\w+)\s*===\s*", line)
        if m:
            current = m.group(1).lower()
            if current not in SECTIONS:
                raise AlphasolveError(f"unknown section {current!r} (use {', '.join(SECTIONS)})", file=where)
            if current in parts:
                raise AlphasolveError(f"section {current!r} appears twice", file=where)
            parts[current] = []
        elif current is not None:
            parts[current].append(line)
        elif line.strip() and not line.startswith("#"):
            raise AlphasolveError("text before the first '=== section ===' line", file=where)
    if "user" not in parts:
        raise AlphasolveError("a prompt template needs a '=== user ===' section", file=where)
    try:
        options = tomllib.loads("\n".join(parts.get("options", [])))
    except tomllib.TOMLDecodeError as exc:
        raise AlphasolveError(f"options are not valid TOML: {exc}", file=where) from None
    for key, value in options.items():
        if key not in OPTIONS:
            raise AlphasolveError("unknown prompt option", file=where, field=key)
        if not isinstance(value, OPTIONS[key]) or isinstance(value, bool):
            raise AlphasolveError(f"bad value {value!r}", file=where, field=key)
    if options.get("metadata", "problem") not in ("problem", "random", "none"):
        raise AlphasolveError("expected 'problem', 'random' or 'none'", file=where, field="metadata")
    body = {k: "\n".join(v).strip("\n") for k, v in parts.items() if k != "options"}
    template = Template(where, body.get("system", "").strip(), body["user"], body.get("assistant", ""),
                        options, hashlib.sha256(text.encode()).hexdigest())
    for part in (template.system, template.user, template.assistant):
        try:
            string.Template(part).substitute(_dummy_fields() | dict.fromkeys(placeholders, ""))
        except (KeyError, ValueError) as exc:
            raise AlphasolveError(f"bad placeholder: {exc}", file=where) from None
    return template


def _dummy_fields() -> dict[str, str]:
    return dict.fromkeys(("name", "description", "examples", "metadata", "language", "language_name", "fence",
                          "constraints"), "")


def draw_variant(template: Template, config: "SampleConfig", problem: "Problem", sample_id: int) -> Variant:
    """Sample `sample_id`'s prompt variant: a function of (template, config, problem, seed, id) only."""
    rng = random.Random(derive_seed(config.seed, sample_id, "prompt"))
    langs = [languages.normalize(lang) for lang in (config.languages or [languages.PYTHON3])]
    bad = [lang for lang in langs if lang not in FENCES]
    if bad:
        raise AlphasolveError(f"cannot ask for {bad[0]!r} (choose from {', '.join(FENCES)})", field="sample.languages")
    language = rng.choice(langs)
    opts = template.options
    mode = opts.get("metadata", "problem")
    show_rating = rng.random() < float(opts.get("rating_probability", 0.5))
    show_tags = rng.random() < float(opts.get("tags_probability", 0.5))
    rating, tags = None, ()
    if mode == "problem":
        rating = problem.rating if show_rating else None
        tags = tuple(problem.tags) if show_tags else ()
    elif mode == "random":
        lo, hi = opts.get("rating_range", [800, 3500])
        if show_rating:
            rating = rng.randrange(int(lo) // 100, int(hi) // 100 + 1) * 100
        if show_tags:
            tags = tuple(rng.sample(CF_TAGS, rng.randint(1, 4)))
    temperature = None
    if opts.get("temperatures"):
        temperature = float(rng.choice(opts["temperatures"]))
    return Variant(language, rating, tags, temperature)


def render(template: Template, problem: "Problem", variant: Variant) -> Prompt:
    meta_lines = []
    if variant.rating is not None:
        meta_lines.append(f"Difficulty rating: {variant.rating}")
    if variant.tags:
        meta_lines.append(f"Tags: {', '.join(variant.tags)}")
    fields = {
        "name": problem.name,
        "description": problem.description.strip(),
        "examples": _examples(problem),
        "metadata": "\n".join(meta_lines),
        "language": variant.language,
        "language_name": LANGUAGE_NAMES[variant.language],
        "fence": FENCES[variant.language],
        "constraints": _constraints(problem) if "${constraints}" in template.user else "",
    }
    sub = lambda part: string.Template(part).substitute(fields)  # noqa: E731
    user = re.sub(r"\n{3,}", "\n\n", sub(template.user)).strip("\n")
    prefill = sub(template.assistant)
    if prefill:
        prefill = prefill.rstrip("\n") + "\n"
    return Prompt(sub(template.system), user, prefill, variant)


def _constraints(problem: "Problem") -> str:
    """The constraints alphasolve read from the statement (`alphasolve spec`), as a list, or ""."""
    from alphasolve.inputs.spec_problem import constraints_text, problem_spec

    text = constraints_text(problem_spec(problem)[0])
    return f"Constraints read from the statement (every input must satisfy them):\n{text}" if text else ""


def _examples(problem: "Problem") -> str:
    """The public tests, unless the statement already shows them (CodeContests statements do)."""
    tests = problem.public_tests
    if not tests:
        return ""
    first = tests[0].input.strip()
    if first and first in problem.description:
        return ""
    out = []
    for k, test in enumerate(tests, 1):
        out.append(f"Example {k}\nInput:\n{test.input.rstrip()}\nOutput:\n{test.output.rstrip()}\n")
    return "\n".join(out)


def build_prompts(config: "SampleConfig", problem: "Problem", sample_ids) -> dict[int, Prompt]:
    """Each sample id's prompt."""
    template = load_template(config.prompt)
    return {i: render(template, problem, draw_variant(template, config, problem, i)) for i in sample_ids}


def prompt_fingerprint(config: "SampleConfig") -> str:
    """The template file's hash, for cache keys (a changed template changes samples)."""
    return load_template(config.prompt).sha256

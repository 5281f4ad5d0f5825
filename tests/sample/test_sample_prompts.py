from collections import Counter

import pytest

from alphasolve.config import SampleConfig
from alphasolve.errors import AlphasolveError
from alphasolve.sample.prompts import (build_prompts, derive_seed, draw_variant, load_template, parse_template,
                                       render, PROMPTS_DIR)

from conftest import make_problem


def test_shipped_templates_parse():
    from alphasolve.score import load_score_template

    names = sorted(p.stem for p in PROMPTS_DIR.glob("*.txt"))
    assert {"default", "plain", "generator", "score"} <= set(names)
    assert "${code}" in load_score_template("score").user  # the scoring prompt has the candidate's code too
    for name in (n for n in names if n != "score"):
        t = load_template(name)
        assert "${" not in render(t, make_problem(), draw_variant(t, SampleConfig(), make_problem(), 0)).user


def test_variant_depends_only_on_seed_and_id(problem):
    cfg = SampleConfig(seed=7)
    all_at_once = build_prompts(cfg, problem, range(40))
    piecewise = {**build_prompts(cfg, problem, range(25, 40)), **build_prompts(cfg, problem, [3, 0])}
    for i, p in piecewise.items():
        assert p == all_at_once[i]
    other = build_prompts(SampleConfig(seed=8), problem, range(40))
    assert [p.variant for p in other.values()] != [p.variant for p in all_at_once.values()]
    assert derive_seed(7, 3, "sample") == derive_seed(7, 3, "sample") != derive_seed(7, 4, "sample")


def test_variation_languages_and_metadata(problem):
    prompts = build_prompts(SampleConfig(languages=["python3", "cpp"]), problem, range(200))
    langs = Counter(p.variant.language for p in prompts.values())
    assert 60 < langs["python3"] < 140 and langs["python3"] + langs["cpp"] == 200
    rated = [p for p in prompts.values() if p.variant.rating is not None]
    tagged = [p for p in prompts.values() if p.variant.tags]
    assert 60 < len(rated) < 140 and 60 < len(tagged) < 140
    assert all("Difficulty rating: 800" in p.user for p in rated)
    assert all("Tags: math, implementation" in p.user for p in tagged)
    cpp = next(p for p in prompts.values() if p.variant.language == "cpp")
    assert "in C++." in cpp.user and cpp.prefill == "```cpp\n" and "```cpp" in cpp.plain_text()
    assert cpp.messages()[0]["role"] == "system" and cpp.messages()[-1]["content"] == cpp.user


def test_examples_shown_unless_in_statement():
    t = load_template("default")
    v = draw_variant(t, SampleConfig(), make_problem(), 0)
    assert "Example 1\nInput:\n1 2\nOutput:\n3" in render(t, make_problem(), v).user
    inline = make_problem("Add two numbers.\n\nExample\nInput\n1 2\nOutput\n3\n")
    assert "Example 1" not in render(t, inline, v).user


def test_random_metadata_and_temperatures(tmp_path, problem):
    path = tmp_path / "mine.txt"
    path.write_text('=== options ===\nmetadata = "random"\nrating_probability = 1.0\ntags_probability = 1.0\n'
                    'temperatures = [0.5, 1.5]\n=== user ===\nSolve ${name} in ${language_name}.\n${metadata}\n'
                    'Cost: $$5\n')
    prompts = build_prompts(SampleConfig(prompt=str(path)), problem, range(30))
    assert {p.variant.temperature for p in prompts.values()} == {0.5, 1.5}
    assert all(800 <= p.variant.rating <= 3500 and p.variant.tags for p in prompts.values())
    assert len({p.variant.tags for p in prompts.values()}) > 5  # random, not the problem's
    assert all(p.system == "" and p.prefill == "" and "Cost: $5" in p.user for p in prompts.values())


@pytest.mark.parametrize("text, message", [
    ("=== user ===\n${nope}", "bad placeholder"),
    ("=== system ===\nx", "needs a '=== user ==='"),
    ("=== options ===\nfoo = 1\n=== user ===\nx", "unknown prompt option"),
    ("=== options ===\nmetadata = 'all'\n=== user ===\nx", "expected 'problem'"),
    ("hello\n=== user ===\nx", "before the first"),
    ("=== users ===\nx", "unknown section"),
])
def test_bad_templates_are_named(text, message):
    with pytest.raises(AlphasolveError, match=message):
        parse_template(text, "bad.txt")


def test_unknown_template_and_language(problem):
    with pytest.raises(AlphasolveError, match="no prompt template"):
        load_template("does-not-exist")
    with pytest.raises(AlphasolveError, match="cannot ask for"):
        build_prompts(SampleConfig(languages=["java"]), problem, [0])


def test_generator_prompts_show_the_constraints_read_from_the_statement():
    from pathlib import Path

    from alphasolve.problem import load_problem

    problem = load_problem(Path(__file__).resolve().parents[2] / "problems" / "sum-of-pairs.json")
    t = load_template("generator")
    user = render(t, problem, draw_variant(t, SampleConfig(), problem, 0)).user
    assert "Constraints read from the statement" in user
    assert "- n: int, [1, 2*10^5]" in user and "- a_i: int, [-2*10^9, 2*10^9]" in user
    plain = render(t, make_problem(), draw_variant(t, SampleConfig(), make_problem(), 0)).user
    assert "Constraints read" not in plain  # a statement without an input section: nothing to show

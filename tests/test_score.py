"""The scoring model's pure parts: P(yes) from one token's top log-probabilities, the scoring
prompt, ranking with scores, and the replay backend refusing to score. The real vLLM engine
scoring through `alphasolve solve` is in tests/sample/test_sample_vllm_real.py."""

import math

import pytest
from typer.testing import CliRunner

from alphasolve.cli import app
from alphasolve.cluster import Cluster
from alphasolve.config import Config
from alphasolve.errors import AlphasolveError
from alphasolve.problem import parse_problem
from alphasolve.rank import RankWeights, rank_clusters
from alphasolve.records import Sample
from alphasolve.score import (answer_of, load_score_template, p_yes, render_score_prompt, score_samples,
                              scorer_settings, yes_no_masses)
from support import add_problem

ln = math.log


def test_answer_tokens_in_any_case_and_spacing_count_and_other_words_do_not():
    assert [answer_of(t) for t in ("Yes", " yes", "YES", "yes.", " No", "no!", "**No")] == \
        ["yes", "yes", "yes", "yes", "no", "no", "no"]
    assert [answer_of(t) for t in ("Not", "yesterday", "The", "", " ", "n")] == [None] * 6


def test_yes_and_no_masses_sum_the_variants_and_normalise_over_the_two():
    top = [("Yes", ln(0.5)), (" yes", ln(0.1)), ("No", ln(0.2)), ("The", ln(0.15)), (" NO", ln(0.05))]
    yes, no = yes_no_masses(top)
    assert yes == pytest.approx(0.6) and no == pytest.approx(0.25)
    assert p_yes(yes, no) == pytest.approx(0.6 / 0.85)


def test_an_answer_missing_from_the_top_list_gets_the_smallest_listed_probability():
    yes, no = yes_no_masses([("Yes", ln(0.6)), ("The", ln(0.3)), ("A", ln(0.05))])
    assert (yes, no) == (pytest.approx(0.6), pytest.approx(0.05))
    assert 0.9 < p_yes(yes, no) < 1
    yes, no = yes_no_masses([("The", ln(0.3)), ("A", ln(0.05))])  # neither: no evidence either way
    assert p_yes(yes, no) == pytest.approx(0.5)
    assert yes_no_masses([]) == (0.0, 0.0) and p_yes(0.0, 0.0) == 0.5  # nothing known (prompt too long)


def test_the_scoring_prompt_shows_the_problem_and_the_candidate_and_asks_yes_or_no():
    problem = parse_problem(add_problem(), "add-two.json")
    prompt = render_score_prompt(load_score_template("score"), problem, "python3", "print(4)\n")
    assert "Read two integers a and b" in prompt.user and "```python\nprint(4)\n```" in prompt.user
    assert prompt.user.endswith("Is this program correct? Answer yes or no.") and prompt.prefill == ""


def test_a_scoring_template_with_an_unknown_placeholder_names_the_file(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_text("=== user ===\n${description} ${solution}\n")
    with pytest.raises(AlphasolveError, match="bad placeholder") as err:
        load_score_template(str(bad))
    assert str(bad) in str(err.value)
    with pytest.raises(AlphasolveError, match="rank.scorer_prompt"):
        load_score_template(str(tmp_path / "missing.txt"))


class ListedLogprobs:
    """A backend stand-in returning given top lists (the real backends: tests/sample)."""

    def __init__(self, tops):
        self.tops, self.prompts = tops, []

    def next_token_logprobs(self, prompts, k):
        self.prompts += prompts
        assert k == 20
        return [self.tops[p.user.split("```python\n")[1].split("\n")[0]] for p in prompts]


def test_score_samples_keys_scores_by_program():
    problem = parse_problem(add_problem(), "add-two.json")
    samples = [Sample("add-two", 3, "python3", "print(4)"), Sample("add-two", 5, "python3", "print(5)")]
    backend = ListedLogprobs({"print(4)": [("Yes", ln(0.3)), ("No", ln(0.6))], "print(5)": [("yes", ln(0.9))]})
    records = score_samples(backend, load_score_template("score"), problem, samples)
    assert [r["sample_id"] for r in records] == [3, 5] and records[0]["program_id"] == samples[0].program_id
    assert records[0]["p_yes"] == pytest.approx(1 / 3) and records[1]["p_yes"] == pytest.approx(0.5)


def test_the_scorer_reorders_clusters_and_unscored_clusters_come_last():
    samples = {i: Sample("p", i, "python3", code) for i, code in enumerate(["a", "a", "a", "b", "c"])}
    big = Cluster(0, 3, "s0", [samples[0].program_id], [0, 1, 2])
    mid = Cluster(1, 1, "s1", [samples[3].program_id], [3])
    small = Cluster(2, 1, "s2", [samples[4].program_id], [4])
    weights = RankWeights(size=1.0, scorer=2.0)
    scorer = {samples[0].program_id: 0.1, samples[3].program_id: 0.9}  # "c" was not scored
    subs = rank_clusters([big, mid, small], samples, 5, 3, weights, scorer=scorer, fill=False)
    assert [s.cluster_id for s in subs] == [1, 0, 2]
    assert subs[0].scores["scorer_p_yes"] == 0.9 and "scorer_p_yes" not in subs[2].scores
    assert subs[0].scores["total"] == pytest.approx(math.log(1 / 5) + 2 * math.log(0.9), abs=1e-5)


def test_scoring_with_the_replay_backend_is_a_one_line_error_before_anything_runs(add_problem_file, tmp_path):
    config = Config()
    config.sample.backend = "replay"
    config.rank.scorer_weight = 1.0
    with pytest.raises(AlphasolveError, match="rank.scorer_weight"):
        scorer_settings(config)
    result = CliRunner().invoke(app, ["solve", str(add_problem_file), "--out", str(tmp_path / "run"),
                                      "--samples", "4", "--set", "rank.scorer_weight=1"])
    assert result.exit_code == 2, result.output
    error = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert len(error) == 1 and "rank.scorer_weight" in error[0] and "replay" in error[0], result.output
    assert not (tmp_path / "run" / "samples.jsonl").exists()


def test_the_openai_backend_asks_for_one_token_with_top_logprobs():
    """Against a scripted OpenAI-compatible server on 127.0.0.1 (chat and completions replies)."""
    import json
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    from alphasolve.config import SampleConfig
    from alphasolve.sample.openai import OpenAISampler

    bodies = []

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_POST(self):
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            bodies.append((self.path, body))
            if self.path.endswith("/chat/completions"):
                top = [{"token": "Yes", "logprob": ln(0.2)}, {"token": "No", "logprob": ln(0.6)}]
                reply = {"choices": [{"index": 0, "logprobs": {"content": [{"token": "No", "top_logprobs": top}]}}]}
            else:
                reply = {"choices": [{"index": 0, "logprobs": {"top_logprobs": [{" yes": ln(0.3), " no": ln(0.1)}]}}]}
            data = json.dumps(reply).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        problem = parse_problem(add_problem(), "add-two.json")
        template = load_score_template("score")
        sample = Sample("add-two", 0, "python3", "print(4)")
        url = f"http://127.0.0.1:{server.server_address[1]}/v1"
        for api, expected in (("chat", 0.25), ("completions", 0.75)):
            backend = OpenAISampler(SampleConfig(backend="openai", model="m", engine={"base_url": url, "api": api}))
            [record] = score_samples(backend, template, problem, [sample])
            assert record["p_yes"] == pytest.approx(expected)
    finally:
        server.shutdown()
    (chat_path, chat), (comp_path, comp) = bodies
    assert chat_path == "/v1/chat/completions" and chat["max_tokens"] == 1 and chat["top_logprobs"] == 20
    assert chat["logprobs"] is True and "Is this program correct?" in chat["messages"][-1]["content"]
    assert comp_path == "/v1/completions" and comp["max_tokens"] == 1 and comp["logprobs"] == 20

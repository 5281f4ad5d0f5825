"""The openai backend against a small scripted OpenAI-compatible server on 127.0.0.1 (no model):
request bodies, retries with backoff, n>1 fallback, keys, parsing. The real vLLM server is in
test_sample_openai_server.py."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from alphasolve.config import SampleConfig
from alphasolve.errors import AlphasolveError
from alphasolve.sample import make_sampler


class FakeServer:
    def __init__(self):
        self.requests: list[tuple[str, dict, dict]] = []
        self.script: list[tuple[int, dict]] = []  # replies to send first (status, headers)
        self.reject_n = False
        self.lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _send(self, status, body, headers=None):
                data = json.dumps(body).encode()
                self.send_response(status)
                for k, v in (headers or {}).items():
                    self.send_header(k, v)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self):
                server.requests.append(("GET " + self.path, {}, dict(self.headers)))
                self._send(200, {"data": [{"id": "fake-model"}, {"id": "other"}]})

            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                with server.lock:
                    server.requests.append(("POST " + self.path, body, dict(self.headers)))
                    scripted = server.script.pop(0) if server.script else None
                if scripted:
                    status, headers = scripted
                    return self._send(status, {"error": {"message": f"scripted {status}"}}, headers)
                if server.reject_n and body.get("n", 1) > 1:
                    return self._send(400, {"error": {"message": "'n' must be 1 for this model"}})
                n = body.get("n", 1)
                if self.path.endswith("/chat/completions"):
                    choices = [{"index": k, "finish_reason": "stop",
                                "message": {"role": "assistant", "content": f"```python\nprint({k})\n```"},
                                "logprobs": {"content": [{"token": "a", "logprob": -0.5}] * 4}} for k in range(n)]
                else:
                    choices = [{"index": k, "finish_reason": "length", "text": "print(7)\n",
                                "logprobs": {"token_logprobs": [-1.0, -2.0, -3.0]}} for k in range(n)]
                self._send(200, {"choices": choices, "usage": {"completion_tokens": 4 * n}})

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def posts(self):
        return [r for r in self.requests if r[0].startswith("POST")]

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def fake():
    server = FakeServer()
    yield server
    server.close()


def sampler(fake, **engine):
    engine = {"base_url": fake.url, "backoff_s": 0.01, **engine}
    return make_sampler(SampleConfig(backend="openai", model=engine.pop("model", "m"), temperature=0.7,
                                     max_tokens=50, concurrency=3, engine=engine))


def test_chat_requests_one_seeded_request_per_sample(fake, problem, monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
    s = sampler(fake)
    samples = sorted(s.sample(problem, range(5)), key=lambda x: x.sample_id)
    assert [x.sample_id for x in samples] == list(range(5))
    x = samples[0]
    assert (x.language, x.code, x.finish_reason, x.num_tokens) == ("python3", "print(0)\n", "stop", 4)
    assert x.cumulative_logprob == -2.0 and x.mean_logprob == -0.5 and x.origin == "openai:m"
    posts = fake.posts()
    assert len(posts) == 5 and all(p[0] == "POST /v1/chat/completions" for p in posts)
    bodies = sorted((p[1] for p in posts), key=lambda b: b["seed"])
    assert all(b["n"] == 1 and b["max_tokens"] == 50 and b["temperature"] == 0.7 and b["logprobs"] for b in bodies)
    assert len({b["seed"] for b in bodies}) == 5 and {x.meta["seed"] for x in samples} == {b["seed"] for b in bodies}
    assert all(p[2].get("Authorization") == "Bearer sk-test" for p in posts)
    assert bodies[0]["messages"][0]["role"] == "system" and "add_generation_prompt" not in bodies[0]
    # the same ids again: the same requests (seeds and prompts)
    fake.requests.clear()
    list(s.sample(problem, [4, 2]))
    assert {p[1]["seed"] for p in fake.posts()} <= {b["seed"] for b in bodies}


def test_completions_api_with_prefill_and_model_discovery(fake, problem, monkeypatch):
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    s = sampler(fake, model="", api="completions")
    assert s.model == "fake-model"
    [x] = list(s.sample(problem, [0]))
    body = fake.posts()[0][1]
    assert fake.posts()[0][0] == "POST /v1/completions" and body["prompt"].endswith(x.meta["prefill"])
    assert body["logprobs"] == 0 and "Authorization" not in fake.posts()[0][2]
    assert (x.code, x.num_tokens, x.cumulative_logprob, x.mean_logprob) == ("print(7)\n", 3, -6.0, -2.0)


def test_continue_final_message_sends_the_prefill(fake, problem):
    [x] = list(sampler(fake, continue_final_message=True).sample(problem, [1]))
    body = fake.posts()[0][1]
    assert body["messages"][-1] == {"role": "assistant", "content": x.meta["prefill"]}
    assert body["continue_final_message"] is True and body["add_generation_prompt"] is False


def test_grouped_requests_use_n_and_fall_back_when_rejected(fake, problem):
    s = sampler(fake, per_sample_seed=False, max_n=4, extra_body={"top_k": 5})
    samples = list(s.sample(problem, range(12)))
    assert sorted(x.sample_id for x in samples) == list(range(12))
    bodies = [p[1] for p in fake.posts()]
    assert sum(b["n"] for b in bodies) == 12 and max(b["n"] for b in bodies) <= 4
    assert all("seed" not in b and b["top_k"] == 5 for b in bodies)
    assert len(bodies) < 12
    fake.requests.clear()
    fake.reject_n = True
    samples = list(s.sample(problem, range(6)))
    assert sorted(x.sample_id for x in samples) == list(range(6))
    sizes = [p[1]["n"] for p in fake.posts()]
    assert sizes.count(1) == 6 and len(sizes) - 6 <= 3  # each group tried n>1 at most once, in flight together


def test_retries_429_and_5xx_with_backoff(fake, problem):
    fake.script = [(429, {"Retry-After": "0"}), (503, {}), (500, {})]
    [x] = list(sampler(fake).sample(problem, [0]))
    assert x.code == "print(0)\n" and len(fake.posts()) == 4


def test_gives_up_after_max_retries_and_does_not_retry_4xx(fake, problem):
    fake.script = [(502, {})] * 3
    with pytest.raises(AlphasolveError, match="failed after 3 attempts"):
        list(sampler(fake, max_retries=2).sample(problem, [0]))
    fake.requests.clear()
    fake.script = [(404, {})]
    with pytest.raises(AlphasolveError, match="scripted 404"):
        list(sampler(fake).sample(problem, [0]))
    assert len(fake.posts()) == 1


def test_connection_refused_and_bad_options(problem):
    with pytest.raises(AlphasolveError, match="failed after 2 attempts"):
        list(make_sampler(SampleConfig(backend="openai", model="m", engine={
            "base_url": "http://127.0.0.1:9/v1", "max_retries": 1, "backoff_s": 0.01})).sample(problem, [0]))
    with pytest.raises(AlphasolveError, match="unknown option"):
        make_sampler(SampleConfig(backend="openai", model="m", engine={"dtype": "float32"}))
    with pytest.raises(AlphasolveError, match="chat"):
        make_sampler(SampleConfig(backend="openai", model="m", engine={"api": "responses"}))

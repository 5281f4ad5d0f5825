"""The openai backend over several endpoints: real HTTP servers on 127.0.0.1 started here, each a
small stand-in for `vllm serve` whose completion is a function of the request (model, messages,
seed), as a seeded model's is. Requests spread over the endpoints, a dead or failing endpoint is
failed over, and the samples equal a single-endpoint run's."""

from __future__ import annotations

import hashlib
import json
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from alphasolve.config import SampleConfig
from alphasolve.errors import AlphasolveError
from alphasolve.sample import make_sampler


class SeededServer:
    """An OpenAI chat/completions server whose answer depends only on the request; `status`
    other than 200 makes it fail every request with that status."""

    def __init__(self, status: int = 200):
        self.posts: list[dict] = []
        self.status = status
        lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _send(self, status, body):
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self):
                self._send(200, {"data": [{"id": f"model-on-{server.port}"}]})

            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                with lock:
                    server.posts.append(body)
                if server.status != 200:
                    return self._send(server.status, {"error": {"message": "overloaded"}})
                digest = hashlib.sha256(json.dumps([body["model"], body["messages"], body.get("seed"),
                                                    body["temperature"]], sort_keys=True).encode()).digest()
                value = int.from_bytes(digest[:3], "big")
                choice = {"index": 0, "finish_reason": "stop",
                          "message": {"role": "assistant", "content": f"```python\nprint({value})\n```"},
                          "logprobs": {"content": [{"token": "t", "logprob": -(value % 7) / 4}] * 3}}
                self._send(200, {"choices": [choice], "usage": {"completion_tokens": 3}})

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.httpd.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}/v1"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def servers():
    made: list[SeededServer] = []

    def make(status: int = 200) -> SeededServer:
        made.append(SeededServer(status))
        return made[-1]

    yield make
    for server in made:
        server.close()


def dead_url() -> str:
    """A port nothing listens on (connections are refused)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{s.getsockname()[1]}/v1"


def sampler(base_url, **engine):
    engine = {"base_url": base_url, "backoff_s": 0.01, "down_s": 3600.0, **engine}
    return make_sampler(SampleConfig(backend="openai", model="m", seed=3, temperature=0.8, max_tokens=40,
                                     concurrency=4, engine=engine))


def draw(s, problem, n=24):
    return {x.sample_id: x.to_dict() for x in s.sample(problem, range(n))}


def test_requests_land_on_every_endpoint_and_samples_equal_one_endpoint(servers, problem):
    a, b = servers(), servers()
    single = draw(sampler(a.url), problem)
    a.posts.clear()
    s = sampler([a.url, b.url])
    spread = draw(s, problem)
    assert spread == single and len(spread) == 24
    assert a.posts and b.posts and len(a.posts) + len(b.posts) == 24
    assert s.endpoints.stats() == {a.url: {"ok": len(a.posts), "failed": 0}, b.url: {"ok": len(b.posts), "failed": 0}}
    # each sample went out once, with its own seed, whichever server got it
    seeds = [p["seed"] for p in a.posts + b.posts]
    assert len(set(seeds)) == 24 and {x["meta"]["seed"] for x in spread.values()} == set(seeds)


def test_a_dead_endpoint_is_failed_over_and_marked_down(servers, problem):
    live = servers()
    single = draw(sampler(live.url), problem, 16)
    live.posts.clear()
    dead = dead_url()
    s = sampler([dead, live.url], max_retries=1)
    assert draw(s, problem, 16) == single
    stats = s.endpoints.stats()
    assert stats[live.url] == {"ok": 16, "failed": 0}
    # refused once: down for the rest of the run; only requests sent before that could go there
    assert 1 <= stats[dead]["failed"] <= 4 and stats[dead]["ok"] == 0
    assert len(live.posts) == 16


def test_an_endpoint_failing_with_5xx_is_failed_over(servers, problem):
    sick, live = servers(503), servers()
    single = draw(sampler(live.url), problem, 16)
    s = sampler([sick.url, live.url], max_retries=1, down_after=2)
    assert draw(s, problem, 16) == single
    stats = s.endpoints.stats()
    assert sick.posts and stats[sick.url]["ok"] == 0 and stats[sick.url]["failed"] == len(sick.posts)
    assert len(sick.posts) <= 2 + 4  # down after two failures in a row, but for the requests already sent


def test_every_endpoint_down_is_a_one_line_error(servers, problem):
    sick = servers(503)
    with pytest.raises(AlphasolveError) as err:
        draw(sampler([dead_url(), sick.url], max_retries=3), problem, 1)
    message = str(err.value)
    assert "field 'sample.engine.base_url'" in message and "on 2 endpoints failed after 4 attempts" in message
    assert "\n" not in message


def test_model_discovery_uses_an_endpoint_that_answers(servers):
    live = servers()
    s = make_sampler(SampleConfig(backend="openai", model="", engine={
        "base_url": [dead_url(), live.url], "backoff_s": 0.01, "down_s": 3600.0}))
    assert s.model == f"model-on-{live.port}"


@pytest.mark.parametrize("value, message", [
    (5, "expected a URL or a non-empty list of URLs"),
    (["http://127.0.0.1:1/v1", ""], "expected a URL or a non-empty list of URLs"),
    (["127.0.0.1:8000/v1"], "not an http(s) URL"),
    (["http://a/v1", "http://a/v1/"], "the same URL is listed twice"),
])
def test_bad_base_url_names_the_field(value, message):
    with pytest.raises(AlphasolveError) as err:
        make_sampler(SampleConfig(backend="openai", model="m", engine={"base_url": value}))
    assert message in str(err.value) and "field 'sample.engine.base_url'" in str(err.value)

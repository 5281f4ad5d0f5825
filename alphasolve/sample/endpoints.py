"""HTTP to one or several OpenAI-compatible endpoints serving the same model (stdlib only).

`sample.engine.base_url` is one URL or a list of them (N `vllm serve` instances, one per GPU or
node: data parallelism). Each request goes to the endpoint that is up and has the fewest
requests in flight (ties: the one used least recently), so load follows each server's speed.

Failures: a request makes up to `max_retries` + 1 attempts. A connection error, a timeout or a
408/409/429/5xx reply is retried; the next attempt avoids the endpoints that already failed this
request while another is up, and goes there at once (failover); a retry on an endpoint already
tried waits the exponential backoff (or the server's Retry-After). An endpoint that refuses
connections, or fails `down_after` requests in a row, is marked down for `down_s` seconds and
gets no requests while another is up; after that it is tried again (one success clears it).
With every endpoint down, requests still go to the one that comes back first, with backoff.

Which endpoint served a sample does not change it: with per-sample seeds, sample i is the same
request (model, prompt, seed) wherever it goes, which is why the endpoint list is not part of
the sample stage's cache key (see `alphasolve.config.ENGINE_NOCACHE`).
"""

from __future__ import annotations

import json
import random
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any, Sequence

from alphasolve.errors import AlphasolveError

RETRY_STATUS = {408, 409, 429, 500, 502, 503, 504}
FIELD = "sample.engine.base_url"


class HTTPError(Exception):
    def __init__(self, status: int, message: str, retry_after: float | None = None, url: str = ""):
        super().__init__(f"HTTP {status}: {message}")
        self.status = status
        self.message = message
        self.retry_after = retry_after
        self.url = url


def parse_urls(value: Any, default: str) -> list[str]:
    """`base_url` as a list of URLs without trailing slashes ("" = `default`)."""
    if value in ("", None, []):
        return [default.rstrip("/")]
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not all(isinstance(u, str) and u.strip() for u in items):
        raise AlphasolveError("expected a URL or a non-empty list of URLs", field=FIELD)
    urls = [u.strip().rstrip("/") for u in items]
    bad = [u for u in urls if not u.startswith(("http://", "https://"))]
    if bad:
        raise AlphasolveError(f"not an http(s) URL: {bad[0]!r}", field=FIELD)
    if len(set(urls)) < len(urls):
        raise AlphasolveError("the same URL is listed twice", field=FIELD)
    return urls


@dataclass
class Endpoint:
    url: str
    inflight: int = 0
    fails: int = 0  # failed requests in a row
    down_until: float = 0.0
    last_used: int = 0
    ok: int = 0  # requests answered
    failed: int = 0  # attempts that failed (connection errors, timeouts, retryable statuses)


class Endpoints:
    """Requests with retries and failover over several base URLs; thread-safe."""

    def __init__(self, urls: Sequence[str], api_key: str | None = None, *, timeout_s: float = 600.0,
                 max_retries: int = 6, backoff_s: float = 1.0, down_after: int = 3, down_s: float = 30.0):
        self.endpoints = [Endpoint(u) for u in urls]
        self.api_key = api_key
        self.timeout_s = float(timeout_s)
        self.max_retries = max(0, int(max_retries))
        self.backoff_s = float(backoff_s)
        self.down_after = max(1, int(down_after))
        self.down_s = float(down_s)
        self._lock = threading.Lock()
        self._uses = 0

    @property
    def urls(self) -> list[str]:
        return [e.url for e in self.endpoints]

    def _pick(self, tried: set[str]) -> Endpoint:
        now = time.monotonic()
        with self._lock:
            up = [e for e in self.endpoints if e.down_until <= now]
            fresh = [e for e in up if e.url not in tried]
            pool = fresh or up
            if pool:
                best = min(pool, key=lambda e: (e.inflight, e.last_used))
            else:  # all down: the one that comes back first
                best = min(self.endpoints, key=lambda e: (e.down_until, e.inflight))
            self._uses += 1
            best.inflight += 1
            best.last_used = self._uses
            return best

    def _done(self, endpoint: Endpoint, ok: bool, refused: bool = False) -> None:
        with self._lock:
            endpoint.inflight -= 1
            if ok:
                endpoint.fails, endpoint.down_until = 0, 0.0
                endpoint.ok += 1
                return
            endpoint.fails += 1
            endpoint.failed += 1
            if refused or endpoint.fails >= self.down_after:
                endpoint.down_until = time.monotonic() + self.down_s

    def _others_up(self, tried: set[str]) -> bool:
        now = time.monotonic()
        with self._lock:
            return any(e.down_until <= now and e.url not in tried for e in self.endpoints)

    def request(self, method: str, path: str, body: dict | None = None) -> dict:
        """One call with retries and failover; raises HTTPError for a non-retryable status and
        AlphasolveError when every attempt failed."""
        data = None if body is None else json.dumps(body).encode()
        headers = {"Content-Type": "application/json", "Accept": "application/json"}
        if self.api_key:
            headers["Authorization"] = f"Bearer {self.api_key}"
        tried: set[str] = set()
        errors: list[str] = []
        for attempt in range(self.max_retries + 1):
            endpoint = self._pick(tried)
            url = endpoint.url + path
            refused = False
            try:
                req = urllib.request.Request(url, data=data, headers=headers, method=method)
                with urllib.request.urlopen(req, timeout=self.timeout_s) as resp:
                    reply = json.loads(resp.read().decode("utf-8"))
                self._done(endpoint, ok=True)
                return reply
            except urllib.error.HTTPError as exc:
                retry_after = _retry_after(exc.headers.get("Retry-After") if exc.headers else None)
                error: Exception = HTTPError(exc.code, _error_message(exc), retry_after, endpoint.url)
                if exc.code not in RETRY_STATUS:
                    self._done(endpoint, ok=True)  # the server works; the request is wrong
                    raise error from None
                self._done(endpoint, ok=False)
            except (urllib.error.URLError, ConnectionError, TimeoutError, OSError) as exc:
                reason = getattr(exc, "reason", exc)
                refused = isinstance(reason, ConnectionRefusedError)
                error, retry_after = exc, None
                self._done(endpoint, ok=False, refused=refused)
            errors.append(f"{endpoint.url}: {error}")
            tried.add(endpoint.url)
            if attempt == self.max_retries:
                break
            if self._others_up(tried):
                continue  # failover: another endpoint, at once
            delay = retry_after if retry_after is not None else self.backoff_s * 2 ** attempt
            time.sleep(min(60.0, delay) * (1 + 0.25 * random.random()))
        where = self.endpoints[0].url if len(self.endpoints) == 1 else f"{len(self.endpoints)} endpoints"
        raise AlphasolveError(f"{method} {path} on {where} failed after {len(errors)} attempts: {errors[-1]}",
                              field=FIELD)

    def stats(self) -> dict[str, dict[str, int]]:
        """Per endpoint: requests answered and attempts that failed."""
        with self._lock:
            return {e.url: {"ok": e.ok, "failed": e.failed} for e in self.endpoints}


def _error_message(exc: urllib.error.HTTPError) -> str:
    try:
        raw = exc.read().decode("utf-8", "replace")
    except Exception:
        return exc.reason or ""
    try:
        data = json.loads(raw)
        err = data.get("error", data) if isinstance(data, dict) else data
        if isinstance(err, dict):
            return str(err.get("message") or err)
        return str(err)
    except ValueError:
        return raw[:500]


def _retry_after(value: str | None) -> float | None:
    try:
        return max(0.0, float(value)) if value else None
    except ValueError:
        return None

"""Scale in samples: time, peak RSS and run-directory size of `alphasolve solve` (issue 16).

    python bench/scale_memory.py [--samples 100000,1000000] [--distinct 100000] [--keep DIR]

Two kinds of pool, each solved by a real `alphasolve solve` subprocess (every stage), timed, with
the peak resident set size of it and its children (`getrusage(RUSAGE_CHILDREN)` in a wrapper
process that runs nothing else) and the run directory's size beside the completion text's bytes:

  - replayed samples: problems/max-subarray.json with the replay backend (3 correct programs,
    5 incorrect ones: a handful of distinct programs), at each --samples size. Targets: 10^6
    samples in at most 1 GiB, and in at most 11x the time of 10^5 (printed as the ratio).
  - distinct programs: the openai backend against a synthetic completions server started here
    (no model): each completion is about 2 KB of prose and a fenced Python program, a real one
    with its own comment lines and one of a few constants, so every sample is a distinct program
    (10^5 distinct program texts to keep) while executions stay few (the executor runs one program
    per normal form: comments do not count). Target: 10^5 distinct programs in at most 1.5 GiB.

Clustering runs at most --candidates distinct programs (default 256: the cost being measured is
the per-sample bookkeeping, not executions).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PROBLEM = REPO / "problems" / "max-subarray.json"
GIB = 1024 ** 3

#: what each synthetic completion says around its program (about 2 KB in all, like a real model's)
PROSE = ("Let me think about this problem step by step. We read the sequence and keep a running prefix "
         "sum; the best subarray ending at each position is the prefix minus the smallest prefix seen "
         "before it. This gives an O(n) algorithm with O(1) extra memory, which is well within the limits. "
         "Edge cases: all numbers negative (the answer is the largest single element), a single element, "
         "and large values where the sum may exceed 32 bits (Python integers do not overflow). ")


def synthetic_program(k: int) -> str:
    """A correct Python program: its comments differ for every k, its code takes one of 8 forms."""
    variant = k % 8
    lines = [f"# solution {k}: Kadane's algorithm over prefix sums (variant {variant})",
             f"# checked by hand on the example; seed {random.Random(k).getrandbits(64):016x}",
             "import sys", "", "def main():",
             "    data = sys.stdin.read().split()",
             "    n = int(data[0])",
             "    values = list(map(int, data[1:1 + n]))",
             f"    best = None  # form {variant}",
             f"    prefix = low = {variant} - {variant}",
             "    for x in values:",
             "        prefix += x",
             "        if best is None or prefix - low > best:",
             "            best = prefix - low",
             "        low = min(low, prefix)",
             "    print(best)", "", "main()"]
    return "\n".join(lines) + "\n"


def completion(k: int) -> str:
    return (f"{PROSE}{PROSE}\n\nHere is the program:\n\n```python\n{synthetic_program(k)}```\n\n"
            f"{PROSE}This completes the solution (attempt {k}).\n")


class CompletionServer:
    """An OpenAI-compatible /v1 server whose every choice is a new synthetic completion."""

    def __init__(self):
        counter = iter(range(10 ** 12))
        lock = threading.Lock()

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _send(self, body: dict) -> None:
                data = json.dumps(body).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self):
                self._send({"data": [{"id": "synthetic"}]})

            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                with lock:
                    ids = [next(counter) for _ in range(int(body.get("n", 1)))]
                self._send({"choices": [{"index": j, "finish_reason": "stop",
                                         "message": {"role": "assistant", "content": completion(k)}}
                                        for j, k in enumerate(ids)],
                            "usage": {"completion_tokens": 600 * len(ids)}})

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()


def measured_solve(args: list[str], env: dict[str, str] | None = None) -> tuple[float, int]:
    """Wall seconds and peak RSS (bytes) of one `alphasolve solve`, measured by a wrapper process
    whose only child it is."""
    wrapper = ("import resource, subprocess, sys, time\n"
               "t = time.perf_counter()\n"
               "rc = subprocess.run(sys.argv[1:], stdin=subprocess.DEVNULL).returncode\n"
               "print(rc, time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n")
    proc = subprocess.run([sys.executable, "-c", wrapper, sys.executable, "-m", "alphasolve", "solve", *args],
                          capture_output=True, text=True, env={**os.environ, **(env or {})})
    last = proc.stdout.strip().splitlines()[-1].split() if proc.stdout.strip() else []
    if len(last) != 3 or last[0] != "0":
        sys.exit(f"alphasolve solve {' '.join(args)} failed:\n{proc.stdout[-2000:]}\n{proc.stderr[-4000:]}")
    return float(last[1]), int(last[2]) * 1024


def tree_bytes(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def text_bytes(run: Path) -> int:
    """The completions' text (UTF-8 bytes), read one line at a time."""
    total = 0
    with open(run / "samples.jsonl", encoding="utf-8") as f:
        for line in f:
            total += len(json.loads(line).get("text", "").encode())
    return total


def report(name: str, seconds: float, rss: int, run: Path) -> dict:
    size, text = tree_bytes(run), text_bytes(run)
    print(f"{name:34} {seconds:8.1f} s  peak RSS {rss / GIB:6.2f} GiB  run directory {size / 1e6:8.1f} MB "
          f"({size / max(text, 1):.2f}x the completion text's {text / 1e6:.1f} MB)", flush=True)
    return {"seconds": seconds, "peak_rss": rss, "run_bytes": size, "text_bytes": text}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--samples", default="100000,1000000", help="replayed sample counts, comma-separated")
    parser.add_argument("--distinct", type=int, default=100000, help="distinct programs (0: skip)")
    parser.add_argument("--candidates", type=int, default=256, help="cluster.max_candidates")
    parser.add_argument("--keep", default=None, help="keep the run directories here")
    parser.add_argument("--set", action="append", default=[], metavar="SECTION.KEY=VALUE")
    args = parser.parse_args()
    root = Path(args.keep or tempfile.mkdtemp(prefix="alphasolve-scale-"))
    common = ["--set", f"cluster.max_candidates={args.candidates}", *[x for s in args.set for x in ("--set", s)]]
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}; runs in {root}", flush=True)
    results = {}
    for n in [int(x) for x in args.samples.split(",") if x]:
        run = root / f"replay-{n}"
        seconds, rss = measured_solve([str(PROBLEM), "--config", "replay", "--samples", str(n), "--out", str(run),
                                       *common])
        results[f"replay {n}"] = report(f"replay, {n:,} samples", seconds, rss, run)
    sizes = sorted(int(x) for x in args.samples.split(",") if x)
    if len(sizes) >= 2:
        small, large = results[f"replay {sizes[0]}"], results[f"replay {sizes[-1]}"]
        print(f"time ratio {sizes[-1]:,} / {sizes[0]:,} samples: {large['seconds'] / small['seconds']:.1f}x "
              f"(target <= {1.1 * sizes[-1] / sizes[0]:.0f}x); peak RSS at {sizes[-1]:,}: "
              f"{large['peak_rss'] / GIB:.2f} GiB (target <= 1 GiB)")
    if args.distinct:
        server = CompletionServer()
        try:
            run = root / f"distinct-{args.distinct}"
            seconds, rss = measured_solve(
                [str(PROBLEM), "--config", "replay", "--samples", str(args.distinct), "--out", str(run),
                 "--set", "sample.backend=openai",
                 "--set", "sample.model=synthetic", "--set", "sample.languages=[\"python3\"]",
                 "--set", f'sample.engine={{base_url="{server.url}", per_sample_seed=false, max_n=64, logprobs=false}}',
                 "--set", "inputs.generators=0", "--set", "rank.scorer_weight=0", *common])
        finally:
            server.close()
        results["distinct"] = report(f"openai, {args.distinct:,} distinct programs", seconds, rss, run)
        print(f"peak RSS with {args.distinct:,} distinct programs: {rss / GIB:.2f} GiB (target <= 1.5 GiB)")
    print(json.dumps(results))


if __name__ == "__main__":
    main()

"""Checker programs: judge an output when a problem has several correct answers.

A checker is a program (Python, C or C++) that runs in the same sandbox as the candidates,
in workers of its own (the candidates never see the expected output), compiled once and
cached like a candidate. Per test it gets the test's input, the reference answer and the
candidate's output, read-only, in one of two conventions:

- ``kattis`` (default), the Kattis output-validator convention:
  ``checker input_file answer_file feedback_dir < candidate_output``; exit 42 = accepted,
  43 = wrong answer; ``feedback_dir/judgemessage.txt`` is kept as the judge's message.
- ``testlib``, as Codeforces checkers: ``checker input_file output_file answer_file``;
  exit 0 = accepted, 1 (wrong answer) or 2 (presentation error) = wrong answer; the message
  is what it writes to stderr.

The files are /dev/fd/3, /dev/fd/4, ... (sealed memory files). Anything else (another exit
status, a crash, a time-out) is a judge error, never an acceptance.
"""

from __future__ import annotations

import logging
import re
import signal
import threading
from dataclasses import dataclass, field
from typing import Sequence

from alphasolve.digest import short_hash
from alphasolve.execute.pool import Pool, WorkerError
from alphasolve.execute.verdicts import Limits, Program, Verdict, file_bytes

log = logging.getLogger("alphasolve.execute")

STYLES = ("kattis", "testlib")
KATTIS_ACCEPTED, KATTIS_WRONG = 42, 43
TESTLIB_ACCEPTED, TESTLIB_WRONG, TESTLIB_PRESENTATION, TESTLIB_FAIL = 0, 1, 2, 3
#: a checker's own limits (not the problem's: checkers may be slow interpreters on big outputs)
CHECKER_LIMITS = Limits(time_s=10.0, memory_bytes=1 << 30, output_bytes=1 << 20, stderr_bytes=64 << 10)
MESSAGE_CHARS = 2000


@dataclass(frozen=True)
class Checker:
    """A checker program and its calling convention. `origin` (a file, "inline") is for messages."""

    program: Program
    style: str = "kattis"
    limits: Limits = CHECKER_LIMITS
    origin: str = field(default="inline", compare=False)

    def __post_init__(self) -> None:
        if self.style not in STYLES:
            raise ValueError(f"checker style must be one of {', '.join(STYLES)}, not {self.style!r}")

    @property
    def digest(self) -> str:
        """Identifies what the checker decides: its language, source, style and limits."""
        text = "\0".join([self.program.language, self.program.source, self.style, repr(self.limits)])
        return short_hash(text)

    def to_dict(self) -> dict:
        """What cache keys hash (the source only through the digest)."""
        return {"language": self.program.language, "style": self.style, "digest": self.digest}

    def argv(self) -> tuple[list[str], int]:
        """(arguments, how many files per run): the files are /dev/fd/3, /dev/fd/4, ..."""
        if self.style == "kattis":
            return ["/dev/fd/3", "/dev/fd/4", "{feedback}"], 2
        return ["/dev/fd/3", "/dev/fd/4", "/dev/fd/5"], 3


@dataclass(frozen=True)
class CheckResult:
    """A checker's decision on one output: accepted, wrong_answer or judge_error."""

    verdict: Verdict
    message: str = ""
    cpu_time: float = 0.0

    @property
    def accepted(self) -> bool:
        return self.verdict == Verdict.ACCEPTED


def judge_error(message: str) -> CheckResult:
    return CheckResult(Verdict.JUDGE_ERROR, message[:MESSAGE_CHARS])


def interpret(checker: Checker, raw: dict, stdout: bytes, stderr: bytes, tail: bytes) -> CheckResult:
    """The decision from a worker's report of one checker run."""
    limits = checker.limits
    cpu = round(float(raw.get("cpu", 0.0)), 4)
    err = (tail or stderr).decode("utf-8", "replace").strip()
    said = str(raw.get("judgemessage") or "").strip() if checker.style == "kattis" else err
    said = said or stdout.decode("utf-8", "replace").strip()
    code, sig = raw.get("exit_code"), raw.get("signal")
    if raw.get("timed_out") or cpu > limits.time_s or sig == signal.SIGXCPU:
        return judge_error(f"checker ({checker.origin}) exceeded its time limit of {limits.time_s:g} s")
    if sig == signal.SIGXFSZ or raw.get("err_size", 0) > file_bytes(limits):
        return judge_error(f"checker ({checker.origin}) wrote more than {file_bytes(limits) >> 20} MiB")
    if sig is not None:
        try:
            name = signal.Signals(sig).name
        except ValueError:
            name = str(sig)
        return judge_error(f"checker ({checker.origin}) was killed by signal {name}" + _tail(err))
    if checker.style == "kattis":
        decisions = {KATTIS_ACCEPTED: Verdict.ACCEPTED, KATTIS_WRONG: Verdict.WRONG_ANSWER}
        expected = "exits 42 (accepted) or 43 (wrong answer)"
    else:
        decisions = {TESTLIB_ACCEPTED: Verdict.ACCEPTED, TESTLIB_WRONG: Verdict.WRONG_ANSWER,
                     TESTLIB_PRESENTATION: Verdict.WRONG_ANSWER}
        expected = "exits 0 (ok), 1 (wrong answer) or 2 (presentation error)"
    if code in decisions:
        return CheckResult(decisions[code], said[:MESSAGE_CHARS], cpu)
    why = "reported a failure (testlib _fail)" if checker.style == "testlib" and code == TESTLIB_FAIL \
        else f"exited with status {code}; a {checker.style} checker {expected}"
    return judge_error(f"checker ({checker.origin}) {why}" + _tail(err or said))


def one_line(message: str, limit: int = 400) -> str:
    """A judge message for a one-line note: its first line and, for a traceback, its last.
    Square brackets that look like markup are escaped (notes are printed as rich markup, and a
    checker may echo a candidate's output)."""
    lines = [line.strip() for line in message.strip().splitlines() if line.strip()]
    if not lines:
        return ""
    text = lines[0] if len(lines) == 1 else f"{lines[0]} ... {lines[-1]}"
    text = text if len(text) <= limit else text[:limit - 3] + "..."
    return re.sub(r"(\\*)(\[[a-z#/@][^[]*?])", r"\1\1\\\2", text)


def _tail(text: str) -> str:
    text = text.strip()
    return f":\n{text[-MESSAGE_CHARS // 2:]}" if text else ""


def _encode(text: str | bytes) -> bytes:
    return text if isinstance(text, bytes) else text.encode("utf-8", "surrogateescape")


class CheckerRunner:
    """Runs checkers for an executor: its own sandboxed workers (started on first use, never
    shared with candidates), checkers compiled once by the executor's compile cache."""

    def __init__(self, mode: str, size: int, prepare):
        self._mode, self._size = mode, size
        self._prepare = prepare  # Checker -> (kind, payload, ident) | why it cannot run
        self._pool: Pool | None = None
        self._prepared: dict[str, tuple[str, bytes, str] | str] = {}
        self._lock = threading.Lock()
        self._closed = False

    def _pool_(self) -> Pool:
        with self._lock:
            if self._closed:
                raise RuntimeError("executor is closed")
            if self._pool is None:
                self._pool = Pool(self._mode, self._size, feedback=True)
            return self._pool

    def prepared(self, checker: Checker) -> tuple[str, bytes, str] | str:
        """(kind, payload, worker id) to load, or why the checker cannot run (compiled once)."""
        key = checker.digest
        with self._lock:
            if key in self._prepared:
                return self._prepared[key]
        ready = self._prepare(checker)
        if isinstance(ready, str):
            ready = f"checker ({checker.origin}) does not compile:\n{ready.strip()[-MESSAGE_CHARS:]}"
        else:
            kind, payload, ident = ready
            ready = (kind, payload, "checker:" + ident)
        with self._lock:
            self._prepared[key] = ready
        return ready

    def session(self) -> "CheckSession":
        return CheckSession(self)

    def close(self) -> None:
        with self._lock:
            self._closed = True
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.close()


class CheckSession:
    """Holds one checker worker while a job is judged (released by `close`)."""

    def __init__(self, runner: CheckerRunner):
        self._runner = runner
        self._worker = None

    def __enter__(self) -> "CheckSession":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        if self._worker is not None:
            self._runner._pool_().release(self._worker)
            self._worker = None

    def check(self, checker: Checker, triples: Sequence[tuple[str | bytes, str | bytes, str | bytes]]
              ) -> list[CheckResult]:
        """Judge (input, answer, output) triples; one result each, in order."""
        if not triples:
            return []
        ready = self._runner.prepared(checker)
        if isinstance(ready, str):
            return [judge_error(ready)] * len(triples)
        kind, payload, ident = ready
        args, _ = checker.argv()
        stdins, files = [], []
        for inp, answer, output in triples:
            inp, answer, output = _encode(inp), _encode(answer), _encode(output)
            if checker.style == "kattis":
                stdins.append(output)
                files.append([inp, answer])
            else:
                stdins.append(b"")
                files.append([inp, output, answer])
        lim = checker.limits
        wire = {"time_s": lim.time_s, "wall_s": lim.time_s * 2 + 1.0, "memory_bytes": lim.memory_bytes,
                "output_bytes": lim.output_bytes, "stderr_bytes": lim.stderr_bytes,
                "file_bytes": file_bytes(lim), "processes": 16}
        results: list[CheckResult] = []
        failed_at = None
        pool = self._runner._pool_()
        while len(results) < len(triples):
            start = len(results)
            try:
                if self._worker is None:
                    self._worker = pool.acquire()
                loaded = self._worker.load(ident, kind, payload)
                if not loaded.get("ok"):
                    message = f"checker ({checker.origin}) does not load:\n{loaded.get('error', '')}"
                    return results + [judge_error(message)] * (len(triples) - start)
                stream = self._worker.runs(wire, stdins[start:], files[start:], args)
                for raw, out, err, tail in stream:
                    results.append(interpret(checker, raw, out, err, tail))
            except WorkerError as exc:  # never the checker's verdict: retry once on a new worker
                log.warning("checker worker failed: %s", exc)
                pool.release(self._worker, broken=True)
                self._worker = None
                if failed_at == len(results):
                    results.append(judge_error(f"executor failure while running the checker: {exc}"))
                failed_at = len(results)
        return results

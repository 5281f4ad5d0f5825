"""The executor: run candidate programs on inputs with limits, judge their outputs.

Public API (used by the filter and cluster stages and by `alphasolve judge`): the `Executor`
protocol and `Job` (executor.py), implemented here by `LocalExecutor`:

    with LocalExecutor(workers=2) as ex:
        results = ex.run(Program("python3", src), inputs, Limits(), expected=outputs)
        for job, results in ex.map(jobs): ...

Programs run in long-lived sandboxed fork-server workers (one per core, see worker.py and
sandbox.py); C and C++ are compiled once per distinct source (compile.py). `protections`
says which isolation is active; without bubblewrap the executor still works, with a
warning naming what is off. A `compare` with a checker judges outputs by that program
(checker.py), in workers of its own; `check` runs a checker directly.
"""

from __future__ import annotations

import logging
import os
import tempfile
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
from dataclasses import replace
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Sequence

from alphasolve.execute import sandbox
from alphasolve.execute.checker import Checker, CheckerRunner, CheckResult, CheckSession
from alphasolve.execute.compare import CompareSpec, normalize, outputs_match
from alphasolve.execute.compile import CompileCache
from alphasolve.execute.dedupe import dedupe, dedupe_key
from alphasolve.execute.executor import Executor, Job
from alphasolve.execute.jobstream import JobStream
from alphasolve.execute.pool import WALL_EXTENSIONS, Pool, WorkerError
from alphasolve.execute.sandbox import Protections
from alphasolve.execute.verdicts import (ExecResult, Limits, Program, Verdict, classify, file_bytes,
                                         program_id)

__all__ = ["CheckResult", "Checker", "CompareSpec", "ExecResult", "Executor", "Job", "Limits", "LocalExecutor",
           "Program", "Protections", "Verdict", "dedupe", "dedupe_key", "normalize", "outputs_match", "program_id"]

log = logging.getLogger("alphasolve.execute")

LANGUAGES = ("python3", "c", "cpp")
PROCESSES = 16  # per run, the candidate's own processes included
MAX_SOURCE_CHARS = 4 << 20  # longer sources are compile errors before anything is compiled


def wall_limit(limits: Limits) -> float:
    """Wall-clock seconds before a run is killed. The CPU limit is the real one; this stops
    sleepers and leaves room for a loaded machine (first touches of memory are slow in VMs)."""
    return limits.time_s * 2 + 1.0


class LocalExecutor(Executor):
    """Runs programs in `workers` sandboxed workers (default: one per core).

    `cache_dir` keeps compiled binaries and precompiled headers between executors;
    `isolation` is "auto" (bubblewrap if it works here, else the fallback with a warning),
    "bwrap" (fail without it) or "none" (never for untrusted code as root). `warn` is told the
    protections in force (default: a log line, once per process, when some are off).
    """

    def __init__(self, workers: int | None = None, cache_dir: str | Path | None = None,
                 isolation: str = "auto", warn: Callable[[Protections], None] = sandbox.WARN_ONCE):
        self.workers = workers or os.cpu_count() or 1
        self._protections = sandbox.detect(isolation)
        warn(self._protections)
        self._tmp = None if cache_dir else tempfile.TemporaryDirectory(prefix="alphasolve-exec-")
        base = Path(cache_dir or self._tmp.name)
        pch = base / "pch" if cache_dir else _default_pch_dir()
        self.compiler = CompileCache(base / "bin", self._protections.mode, pch, parallel=self.workers)
        self._pool = Pool(self._protections.mode, self.workers)
        self._checkers = CheckerRunner(self._protections.mode, self.workers, self._load_payload)
        self._threads = ThreadPoolExecutor(self.workers, thread_name_prefix="alphasolve-exec")
        self._closed = False

    @property
    def protections(self) -> Protections:
        """The isolation in force: mode, active protections, and those that are off."""
        return self._protections

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        self._threads.shutdown(wait=True, cancel_futures=True)
        self._pool.close()
        self._checkers.close()
        if self._tmp is not None:
            self._tmp.cleanup()

    def run(self, program: Program, inputs: Sequence[str], limits: Limits = Limits(),
            expected: Sequence[str] | None = None, compare: CompareSpec = CompareSpec(),
            stop_on_failure: bool = False) -> list[ExecResult]:
        """Run `program` on each input. With `expected`, verdicts are accepted/wrong_answer.

        A compile error is a single COMPILE_ERROR result. With `stop_on_failure`, the list
        ends at the first result that did not pass.
        """
        return self._run_job(Job(None, program, inputs, limits, expected, compare, stop_on_failure))

    def map(self, jobs: Iterable[Job]) -> Iterator[tuple[Job, list[ExecResult]]]:
        """Run jobs in parallel; yield (job, results) in completion order.

        Jobs are read lazily. Equivalent jobs (same normalised program, inputs, limits,
        expected outputs and options) run once and share the results.
        """
        pending: dict[Any, str] = {}  # future -> job key
        stream = JobStream(jobs, max_held=self.workers * 64)

        def submit(key: str, job: Job) -> None:
            pending[self._threads.submit(self._run_job, job)] = key

        while True:
            stream.new_round()
            yield from stream.admit(submit, room=lambda: len(pending) < self.workers * 2)
            if not pending:
                return
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for fut in done:
                yield from stream.finish(pending.pop(fut), fut.result())

    # -- checkers ----------------------------------------------------------------------------
    def check(self, checker: Checker, triples: Sequence[tuple[str, str, str]]) -> list[CheckResult]:
        """Run `checker` on (input, answer, output) triples in the sandbox; one decision each."""
        with self._checkers.session() as session:
            return session.check(checker, triples)

    def checker_error(self, checker: Checker) -> str | None:
        """Why `checker` cannot run (it does not compile), or None; compiles it once."""
        ready = self._checkers.prepared(checker)
        return ready if isinstance(ready, str) else None

    # -- one job -----------------------------------------------------------------------------
    def _load_payload(self, checker: Checker) -> tuple[str, bytes, str] | str:
        """(kind, payload, id) of a checker for a worker, or why it cannot run."""
        prepared = self._prepare(Job(None, checker.program, (), checker.limits, stop_on_failure=True))
        return prepared if not isinstance(prepared, list) else prepared[0].stderr or prepared[0].verdict.value

    def _prepare(self, job: Job) -> tuple[str, bytes, str] | list[ExecResult]:
        """(kind, payload, id) for the worker, or the results when the program cannot run."""
        program = job.program
        if program.language not in LANGUAGES:
            return [ExecResult(Verdict.COMPILE_ERROR, stderr=f"unsupported language {program.language!r}")]
        if len(program.source) > MAX_SOURCE_CHARS:
            return [ExecResult(Verdict.COMPILE_ERROR, stderr=f"source longer than {MAX_SOURCE_CHARS} characters\n")]
        if program.language == "python3":
            return "python", program.source.encode("utf-8", "surrogateescape"), "py:" + program.program_id
        compiled = self.compiler.compile(program)
        if not compiled.ok:
            return [ExecResult(Verdict.COMPILE_ERROR, stderr=compiled.message)]
        if compiled.static_bytes > job.limits.memory_bytes:
            message = (f"the program's static data ({compiled.static_bytes >> 20} MiB) exceeds the memory limit "
                       f"({job.limits.memory_bytes >> 20} MiB)\n")
            one = ExecResult(Verdict.MEMORY_LIMIT, stderr=message, peak_memory=compiled.static_bytes)
            return [one] if job.stop_on_failure else [one] * len(job.inputs)
        return "exec", compiled.binary.read_bytes(), "bin:" + compiled.binary.name

    def _run_job(self, job: Job) -> list[ExecResult]:
        prepared = self._prepare(job)
        if isinstance(prepared, list):
            return prepared
        kind, payload, ident = prepared
        wire = {"time_s": job.limits.time_s, "wall_s": wall_limit(job.limits),
                "memory_bytes": job.limits.memory_bytes, "output_bytes": job.limits.output_bytes,
                "stderr_bytes": job.limits.stderr_bytes, "file_bytes": file_bytes(job.limits),
                "processes": PROCESSES, "wall_extensions": WALL_EXTENSIONS}
        encoded = [text.encode("utf-8", "surrogateescape") for text in job.inputs]
        results: list[ExecResult] = []
        worker, failed_at, stopped = None, None, False
        checking = self._checkers.session() if job.expected is not None and job.compare.checker else None
        try:
            while len(results) < len(encoded) and not stopped:
                try:
                    if worker is None:
                        worker = self._pool.acquire()
                    loaded = worker.load(ident, kind, payload)
                    if not loaded.get("ok"):
                        return [ExecResult(Verdict.COMPILE_ERROR, stderr=str(loaded.get("error", "")))]
                    stream = worker.runs(wire, encoded[len(results):])
                    for raw, out, err, tail in stream:
                        result = _judge(classify(raw, out, err, job.limits, tail), job, len(results), checking)
                        results.append(result)
                        if job.stop_on_failure and not result.verdict.passed:
                            stopped = True
                            break
                    stream.close()  # after a stop: tells the worker, drains what was on its way
                except WorkerError as exc:  # never the candidate's doing: retry once on a new worker
                    log.warning("sandbox worker failed: %s", exc)
                    self._pool.release(worker, broken=True)
                    worker = None
                    if failed_at == len(results) and not stopped:
                        results.append(ExecResult(Verdict.RUNTIME_ERROR, stderr=f"executor failure: {exc}\n"))
                        stopped = job.stop_on_failure
                    failed_at = len(results)
        finally:
            if worker is not None:
                self._pool.release(worker)
            if checking is not None:
                checking.close()
        return results

    def verify_isolation(self) -> dict:
        """Run a harmless probe in the sandbox and report what it could see and do."""
        probe = (
            "import os, socket\n"
            "facts = {'pid': os.getpid(), 'uid': os.getuid(), 'ppid': os.getppid(),\n"
            "         'etc_passwd': os.path.exists('/etc/passwd'), 'env': sorted(os.environ)}\n"
            "s = socket.socket()\n"
            "s.settimeout(1)\n"
            "try:\n    s.connect(('127.0.0.1', 1)); facts['network'] = 'connected'\n"
            "except OSError as e:\n    facts['network'] = type(e).__name__\n"
            "try:\n    open('/box/x', 'w'); facts['writable_cwd'] = True\n"
            "except OSError:\n    facts['writable_cwd'] = False\n"
            "print(repr(facts))\n")
        result = self.run(Program("python3", probe), [""], Limits(time_s=5))[0]
        if result.verdict != Verdict.OK:
            return {"error": result.verdict.value, "stderr": result.stderr}
        import ast

        facts = ast.literal_eval(result.stdout.strip())
        facts["pid_namespace"] = facts["pid"] < 100 and facts["ppid"] == 1
        facts["non_root"] = facts["uid"] != 0
        facts["mode"] = self._protections.mode
        return facts


def _judge(result: ExecResult, job: Job, k: int, checking: CheckSession | None = None) -> ExecResult:
    if job.expected is None or result.verdict != Verdict.OK:
        return result
    if checking is not None:  # the candidate's worker meanwhile runs the next input
        decision = checking.check(job.compare.checker, [(job.inputs[k], job.expected[k], result.stdout)])[0]
        return replace(result, verdict=decision.verdict, judge_message=decision.message)
    ok = outputs_match(job.expected[k], result.stdout, job.compare)
    return replace(result, verdict=Verdict.ACCEPTED if ok else Verdict.WRONG_ANSWER)


def _default_pch_dir() -> Path:
    root = os.environ.get("ALPHASOLVE_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "alphasolve")
    return Path(root) / "pch"

"""The executor: run candidate programs on inputs with limits, judge their outputs.

Public API (used by the filter and cluster stages and by `alphasolve judge`):

    with Executor(workers=2) as ex:
        results = ex.run(Program("python3", src), inputs, Limits(), expected=outputs)
        for job, results in ex.map(jobs): ...
"""

from __future__ import annotations

import os
import tempfile
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence

from alphasolve.execute.compare import CompareSpec, normalize, outputs_match
from alphasolve.execute.compile import CompileCache
from alphasolve.execute.runner import command_for, run_command
from alphasolve.execute.verdicts import ExecResult, Limits, Program, Verdict, program_id

__all__ = ["CompareSpec", "ExecResult", "Executor", "Job", "Limits", "Program", "Verdict",
           "normalize", "outputs_match", "program_id"]


@dataclass(frozen=True)
class Job:
    """One program on a list of inputs. `key` is the caller's, returned with the results."""

    key: Any
    program: Program
    inputs: Sequence[str]
    limits: Limits = Limits()
    expected: Sequence[str] | None = None
    compare: CompareSpec = field(default_factory=CompareSpec)
    stop_on_failure: bool = False


class Executor:
    def __init__(self, workers: int | None = None, cache_dir: str | Path | None = None):
        self.workers = workers or os.cpu_count() or 1
        self._tmp = None if cache_dir else tempfile.TemporaryDirectory(prefix="alphasolve-exec-")
        self.compiler = CompileCache(Path(cache_dir or self._tmp.name) / "bin")
        self._pool = ThreadPoolExecutor(self.workers)

    def __enter__(self) -> "Executor":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)
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
        """Run jobs in parallel; yield (job, results) in completion order."""
        pending = set()
        jobs = iter(jobs)
        exhausted = False
        while True:
            while not exhausted and len(pending) < self.workers * 2:
                job = next(jobs, None)
                if job is None:
                    exhausted = True
                    break
                fut = self._pool.submit(self._run_job, job)
                fut.job = job  # type: ignore[attr-defined]
                pending.add(fut)
            if not pending:
                return
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for fut in done:
                yield fut.job, fut.result()  # type: ignore[attr-defined]

    def _run_job(self, job: Job) -> list[ExecResult]:
        program = job.program
        if program.language in ("c", "cpp"):
            compiled = self.compiler.compile(program)
            if not compiled.ok:
                return [ExecResult(Verdict.COMPILE_ERROR, stderr=compiled.message)]
            argv = command_for(program.language, compiled.binary)
            return self._run_inputs(argv, job)
        if program.language == "python3":
            with tempfile.TemporaryDirectory(prefix="alphasolve-py-") as d:
                path = Path(d) / "main.py"
                path.write_text(program.source)
                os.chmod(d, 0o755)
                return self._run_inputs(command_for("python3", path), job)
        return [ExecResult(Verdict.COMPILE_ERROR, stderr=f"unsupported language {program.language!r}")]

    def _run_inputs(self, argv: list[str], job: Job) -> list[ExecResult]:
        results = []
        for k, stdin_text in enumerate(job.inputs):
            result = run_command(argv, stdin_text, job.limits)
            if job.expected is not None and result.verdict == Verdict.OK:
                ok = outputs_match(job.expected[k], result.stdout, job.compare)
                result = _with_verdict(result, Verdict.ACCEPTED if ok else Verdict.WRONG_ANSWER)
            results.append(result)
            if job.stop_on_failure and not result.verdict.passed:
                break
        return results


def _with_verdict(result: ExecResult, verdict: Verdict) -> ExecResult:
    from dataclasses import replace

    return replace(result, verdict=verdict)

"""The bookkeeping of one `map` call, shared by `Executor` and `RayExecutor`.

Jobs are read lazily; equivalent jobs (same normalised program, inputs, limits, expected
outputs and options: `job_key`) run once and share the results. A job whose key finished
recently is answered from the memo; one whose key is on its way waits for it ("held").
"""

from __future__ import annotations

import hashlib
import json
from collections import OrderedDict
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, Sequence

from alphasolve.execute.dedupe import dedupe_key

if TYPE_CHECKING:
    from alphasolve.execute import Job
    from alphasolve.execute.verdicts import ExecResult

MEMO_SIZE = 1024  # finished jobs remembered for duplicates


def hash_texts(texts: Sequence[str], h: Any = None) -> Any:
    """`h` (a new sha256 by default) updated with each text, length-prefixed."""
    h = hashlib.sha256() if h is None else h
    for text in texts:
        h.update(len(text).to_bytes(8, "big"))
        h.update(text.encode("utf-8", "surrogateescape"))
    return h


def job_key(job: Job) -> str:
    """Equal keys mean equivalent jobs: the same results."""
    h = hashlib.sha256()
    h.update(json.dumps([dedupe_key(job.program), job.limits.__dict__, job.compare.to_dict(),
                         job.stop_on_failure, len(job.inputs),
                         None if job.expected is None else len(job.expected)]).encode())
    return hash_texts([*job.inputs, *(job.expected or ())], h).hexdigest()


class JobStream:
    """Jobs read from `jobs`, with the duplicates of each run waiting for it.

    `admit` reads jobs and hands each new key to the caller's `submit`; `finish` takes the
    results of a key and yields every job waiting for them. At most `max_held` duplicates
    are read per round (`new_round`) while their first copy is on its way.
    """

    def __init__(self, jobs: Iterable[Job], max_held: int):
        self._jobs = iter(jobs)
        self.max_held = max_held
        self.exhausted = False
        self.held = 0
        self._waiting: dict[str, list[Job]] = {}  # job key -> jobs sharing that run
        self._memo: OrderedDict[str, list[ExecResult]] = OrderedDict()

    def new_round(self) -> None:
        self.held = 0

    @property
    def open(self) -> bool:
        """Whether `admit` may read more jobs this round."""
        return not self.exhausted and self.held < self.max_held

    def admit(self, submit: Callable[[str, Job], None],
              room: Callable[[], bool]) -> Iterator[tuple[Job, list[ExecResult]]]:
        """Read jobs while `room()` and `open`: yield those the memo answers, hold duplicates of
        runs on their way, `submit(key, job)` the rest."""
        while self.open and room():
            job = next(self._jobs, None)
            if job is None:
                self.exhausted = True
                return
            key = job_key(job)
            if key in self._memo:
                self._memo.move_to_end(key)
                yield job, self._memo[key]
            elif key in self._waiting:
                self._waiting[key].append(job)
                self.held += 1
            else:
                self._waiting[key] = [job]
                submit(key, job)

    def finish(self, key: str, results: list[ExecResult]) -> Iterator[tuple[Job, list[ExecResult]]]:
        """Remember the results of `key`; yield (job, results) for each job waiting for them."""
        self._memo[key] = results
        if len(self._memo) > MEMO_SIZE:
            self._memo.popitem(last=False)
        for job in self._waiting.pop(key):
            yield job, results

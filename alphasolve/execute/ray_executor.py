"""The executor on a Ray cluster: the `Executor` API, with the work spread over Ray actors.

    with RayExecutor(address="auto") as ex:          # or "local", or "host:port"
        for job, results in ex.map(jobs): ...

Each actor (`ray_actor.py`) owns a `LocalExecutor` (its own pool of sandboxed fork-server
workers and its own compile cache), so the isolation on every node is exactly the local one. The driver sends
jobs in batches (several jobs per Ray task), sized from the measured time per execution so
that a batch is about `batch_seconds` of work: Ray's per-task cost is paid once per batch,
and the caller still gets results every second or so. Inputs and expected outputs that
are large are put in Ray's object store once and shared by every batch that uses them.

Failures: actors restart (`max_restarts=-1`) and Ray re-runs the batches that were in
flight on a lost actor (`max_task_retries=-1`); whatever still fails with a Ray system
error is resubmitted by the driver, on a new actor if its own is gone. A batch's results
reach the caller only when the whole batch finished, and the results of a job do not
depend on where it ran, so a run with lost workers equals a local one.

Several threads may call `map` at once (the problems of `alphasolve batch --concurrency N`
share one executor): each call keeps its own batches, memo and load count; what they share
(the object-store references, the actors, the stats) is behind a lock.

The Ray session (a local cluster included) stays open until the process exits, so the next
RayExecutor in the process (the next problem of a batch) reuses it; `close` stops only
this executor's actors.

`ray` is imported only here, and only when a RayExecutor is made. Every node needs
alphasolve installed (as for any Ray job that imports a library), and bubblewrap for full
isolation; `protections` is what the first actor reports.
"""

from __future__ import annotations

import functools
import logging
import threading
import time
import uuid
from collections import OrderedDict
from dataclasses import dataclass, replace
from typing import Any, Callable, Iterable, Iterator, Sequence

from alphasolve.errors import AlphasolveError
from alphasolve.execute import (Checker, CheckResult, CompareSpec, ExecResult, Executor, Job, Limits, Program,
                                Protections, sandbox)
from alphasolve.execute.jobstream import JobStream, hash_texts
from alphasolve.execute.ray_actor import SHARED_REFS, ExecActor, SharedTexts

log = logging.getLogger("alphasolve.execute")

BATCH_SECONDS = 1.0  # work per batch, once the time per execution is known
DEPTH = 2  # batches in flight per actor (one running while the next is on its way)
MAX_BATCH_JOBS = 1024
MAX_ATTEMPTS = 4  # driver-side resubmissions of one batch, beyond Ray's own retries
SHARE_BYTES = 64 << 10  # input/expected lists at least this large go to the object store once
START_TIMEOUT_S = 300.0  # for the actors to start (the cluster may have to scale up)


@dataclass
class _Batch:
    keys: list[str]  # job keys, in the order sent
    jobs: list[Job]  # as sent (keys dropped, large lists shared)
    refs: dict[str, Any]
    executions: int  # inputs in the batch (an upper bound on the runs)
    slot: int = -1
    actor: Any = None  # the handle it was sent to
    attempts: int = 0


def _connect(address: str, num_cpus: int) -> None:
    """Connect to the cluster, or start a local one, unless this process is connected already.

    The session stays open until the process exits (Ray shuts it down then), so the next
    RayExecutor (the next problem of a batch, the eval) reuses it; ray.shutdown() ends it."""
    try:
        import ray
    except ImportError:
        raise AlphasolveError("the ray executor needs the ray package: pip install ray",
                              field="execute.backend") from None
    if ray.is_initialized():
        return
    options: dict[str, Any] = {"logging_level": logging.WARNING, "log_to_driver": False}
    if address == "local":
        options.update(num_cpus=num_cpus or None, include_dashboard=False)
    try:
        ray.init(address=address, **options)
    except (ConnectionError, ValueError, RuntimeError) as exc:
        hint = ""
        if "auth" in str(exc).lower() or "auth" in str(exc.__cause__).lower():
            hint = " (the cluster wants a token: set RAY_AUTH_MODE=token and give the token as Ray's token-auth docs say)"
        raise AlphasolveError(f"cannot reach the Ray cluster at {address!r}: {exc}{hint}",
                              field="execute.ray_address") from None


class RayExecutor(Executor):
    """`Executor`'s API over Ray actors; `workers` executions run at once in the whole cluster.

    `address`: "local" (start a cluster on this machine with `num_cpus`, 0 = every core),
    "auto" (the running cluster) or an address ("host:port", "ray://host:port"). An already
    connected Ray session is used as it is, and `close` leaves it open (see `_connect`): it
    stops only this executor's actors. `workers` defaults to the cluster's CPUs;
    `cpus_per_actor` workers share one actor (one Ray worker process, one compile cache).
    """

    def __init__(self, address: str = "local", num_cpus: int = 0, workers: int | None = None,
                 cache_dir: str | None = None, isolation: str = "auto", cpus_per_actor: int = 1,
                 batch_seconds: float = BATCH_SECONDS, warn: Callable[[Protections], None] = sandbox.WARN_ONCE):
        _connect(address, num_cpus)
        import ray

        self._ray = ray
        self._closed = False
        self._lock = threading.RLock()  # shared state of concurrent `map` calls
        self._actors: list[Any] = []
        try:
            total = int(ray.cluster_resources().get("CPU", 0)) or 1
            self.workers = workers or total
            n_actors = max(1, -(-self.workers // max(1, cpus_per_actor)))
            sizes = [self.workers // n_actors + (k < self.workers % n_actors) for k in range(n_actors)]
            share = min(1.0, total / self.workers)  # more workers than CPUs: fractional CPUs
            self._specs = [(size, round(size * share, 4)) for size in sizes]
            self._args = (str(cache_dir) if cache_dir else None, isolation)
            self._tag = uuid.uuid4().hex[:8]
            self._actors = [self._start_actor(k) for k in range(n_actors)]
            infos = self._wait_ready()
        except BaseException:
            self.close()
            raise
        self._pids = [info["pid"] for info in infos]
        self._protections: Protections = infos[0]["protections"]
        warn(self._protections)
        self.batch_seconds = batch_seconds
        self._exec_s: float | None = None  # seconds per execution on one worker (moving average)
        self._shared: OrderedDict[str, Any] = OrderedDict()  # key -> ObjectRef
        self._load = [0] * len(self._actors)
        self._hashed: dict[tuple[int, ...], tuple[str, tuple[str, ...]]] = {}  # ids of the strings -> key
        self.stats = {"batches": 0, "jobs": 0, "executions": 0, "resubmitted": 0, "restarts": 0}

    # -- actors ------------------------------------------------------------------------------
    def _start_actor(self, slot: int) -> Any:
        size, cpus = self._specs[slot]
        cls = self._ray.remote(ExecActor).options(
            num_cpus=cpus, max_restarts=-1, max_task_retries=-1, max_concurrency=DEPTH + 1,
            name=f"alphasolve-exec-{self._tag}-{slot}-{time.monotonic_ns()}")
        return cls.remote(size, *self._args)

    def _wait_ready(self) -> list[dict]:
        refs = [actor.info.remote() for actor in self._actors]
        ready, _ = self._ray.wait(refs, num_returns=len(refs), timeout=START_TIMEOUT_S)
        if len(ready) < len(refs):
            raise AlphasolveError(f"only {len(ready)} of {len(refs)} executor actors started on the Ray cluster "
                                  f"within {START_TIMEOUT_S:.0f} s (resources: {self._ray.cluster_resources()})",
                                  field="execute.workers")
        try:
            return self._ray.get(refs)
        except self._ray.exceptions.RayError as exc:  # e.g. isolation="bwrap" on a node without it
            raise AlphasolveError(f"the executor actors did not start on the Ray cluster: {exc}") from None

    def actor_pids(self) -> list[int]:
        """The process id of each actor now (asks them; a restarted actor has a new one)."""
        return [info["pid"] for info in self._ray.get([a.info.remote() for a in self._actors])]

    def busy_actor_pids(self) -> list[int]:
        """Process ids of the actors that have batches in flight (as last seen)."""
        return [pid for pid, n in zip(self._pids, self._load) if n]

    @property
    def protections(self) -> Protections:
        return self._protections

    # -- lifetime ----------------------------------------------------------------------------
    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        ray = self._ray
        if self._actors:  # let each Executor stop its sandbox workers and remove its files
            try:
                ray.wait([a.close.remote() for a in self._actors], num_returns=len(self._actors), timeout=20)
            except Exception:  # noqa: BLE001 - best effort: the actors are killed next anyway
                pass
            for actor in self._actors:
                try:
                    ray.kill(actor, no_restart=True)
                except Exception:  # noqa: BLE001
                    pass
        self._actors = []
        if hasattr(self, "_shared"):
            self._shared.clear()

    # -- the rest of Executor's API, on one actor ---------------------------------------------
    def check(self, checker: Checker, triples: Sequence[tuple[str, str, str]]) -> list[CheckResult]:
        """`Executor.check`: run a checker on (input, answer, output) triples, on an actor."""
        return self._ray.get(self._idlest().check.remote(checker, list(triples)))

    def checker_error(self, checker: Checker) -> str | None:
        return self._ray.get(self._idlest().checker_error.remote(checker))

    def verify_isolation(self) -> dict:
        """`LocalExecutor.verify_isolation` on one actor's node."""
        return self._ray.get(self._idlest().verify_isolation.remote())

    def _idlest(self) -> Any:
        """The actor with the fewest batches in flight."""
        if self._closed:
            raise RuntimeError("executor is closed")
        return self._actors[min(range(len(self._actors)), key=self._load.__getitem__)]

    # -- running -----------------------------------------------------------------------------
    def run(self, program: Program, inputs: Sequence[str], limits: Limits = Limits(),
            expected: Sequence[str] | None = None, compare: CompareSpec = CompareSpec(),
            stop_on_failure: bool = False) -> list[ExecResult]:
        job = Job(None, program, inputs, limits, expected, compare, stop_on_failure)
        for _, results in self.map([job]):
            return results
        raise AssertionError("unreachable")

    def map(self, jobs: Iterable[Job]) -> Iterator[tuple[Job, list[ExecResult]]]:
        """Run jobs on the cluster; yield (job, results) as batches complete. Jobs are read
        lazily; equivalent jobs run once and share the results, as with `Executor.map`."""
        if self._closed:
            raise RuntimeError("executor is closed")
        self._exec_s = None  # measured again for each stream: filter runs are not cluster runs
        inflight: dict[Any, _Batch] = {}  # ObjectRef -> batch
        load = self._load = [0] * len(self._actors)  # batches in flight per actor
        stream = JobStream(jobs, max_held=64 * self.workers)
        try:
            while True:
                stream.new_round()
                while stream.open and min(load) < DEPTH:
                    batch = _Batch([], [], {}, 0)
                    target = self._target(self._specs[load.index(min(load))][0])
                    yield from stream.admit(functools.partial(self._add, batch), room=lambda: (
                        batch.executions < target and len(batch.jobs) < MAX_BATCH_JOBS))
                    if batch.jobs:
                        self._submit(batch, load, inflight)
                if not inflight:
                    return
                ready, _ = self._ray.wait(list(inflight), num_returns=1)
                for ref in ready:
                    batch = inflight.pop(ref)
                    load[batch.slot] -= 1
                    results = self._collect(ref, batch, load, inflight)
                    if results is None:
                        continue  # resubmitted
                    for key, res in zip(batch.keys, results):
                        yield from stream.finish(key, res)
        finally:
            for ref in inflight:  # the caller stopped early: drop what is left
                try:
                    self._ray.cancel(ref)
                except Exception:  # noqa: BLE001
                    pass

    def _target(self, size: int) -> float:
        """Executions per batch for an actor with `size` workers: about `batch_seconds` of work."""
        if self._exec_s is None:
            return size  # first batches: small, to measure
        return max(size, self.batch_seconds * size / max(self._exec_s, 1e-4))

    def _add(self, batch: _Batch, key: str, job: Job) -> None:
        sent = replace(job, key=None, inputs=self._share(job.inputs, batch.refs),
                       expected=None if job.expected is None else self._share(job.expected, batch.refs))
        batch.keys.append(key)
        batch.jobs.append(sent)
        batch.executions += max(1, len(job.inputs))

    def _share(self, texts: Sequence[str], refs: dict[str, Any]) -> Any:
        """Small lists go inline; large ones by reference, put in the object store once."""
        if sum(len(t) for t in texts) < SHARE_BYTES:
            return texts
        with self._lock:
            return self._share_locked(texts, refs)

    def _share_locked(self, texts: Sequence[str], refs: dict[str, Any]) -> Any:
        ids = tuple(map(id, texts))  # callers pass the same strings job after job: hash them once
        known = self._hashed.get(ids)
        if known is None:
            known = self._hashed[ids] = (hash_texts(texts).hexdigest(), tuple(texts))  # the texts keep their ids taken
            if len(self._hashed) > SHARED_REFS:
                self._hashed.pop(next(iter(self._hashed)))
        key = known[0]
        if key not in self._shared:
            self._shared[key] = self._ray.put(tuple(texts))
            if len(self._shared) > SHARED_REFS:
                self._shared.popitem(last=False)  # batches in flight keep their own reference
        self._shared.move_to_end(key)
        refs[key] = self._shared[key]
        return SharedTexts(key)

    def _submit(self, batch: _Batch, load: list[int], inflight: dict[Any, _Batch]) -> None:
        slot = load.index(min(load))
        batch.slot, batch.actor = slot, self._actors[slot]
        load[slot] += 1
        inflight[self._actors[slot].run_batch.remote(batch.jobs, batch.refs)] = batch

    def _collect(self, ref: Any, batch: _Batch, load: list[int],
                 inflight: dict[Any, _Batch]) -> list[list[ExecResult]] | None:
        """The batch's results, or None when it failed for Ray's reasons and was resubmitted."""
        ray = self._ray
        try:
            pid, seconds, results = ray.get(ref)
        except ray.exceptions.RayTaskError:
            raise  # an error in alphasolve's own code: not something a retry fixes
        except ray.exceptions.RayError as exc:
            batch.attempts += 1
            if batch.attempts > MAX_ATTEMPTS:
                raise AlphasolveError(f"a batch of {len(batch.jobs)} jobs failed {batch.attempts} times on the "
                                      f"Ray cluster: {type(exc).__name__}: {exc}") from None
            log.warning("a batch failed on the Ray cluster (%s); resubmitting it", type(exc).__name__)
            with self._lock:
                self.stats["resubmitted"] += 1
                if isinstance(exc, ray.exceptions.ActorDiedError) and self._actors[batch.slot] is batch.actor:
                    self._actors[batch.slot] = self._start_actor(batch.slot)  # gone for good: replace it
            self._submit(batch, load, inflight)
            return None
        with self._lock:
            self._account(batch, pid, seconds, results)
        return results

    def _account(self, batch: _Batch, pid: int, seconds: float, results: list[list[ExecResult]]) -> None:
        if pid != self._pids[batch.slot]:
            log.warning("executor actor %d restarted (pid %d -> %d); its unfinished batches were run again",
                        batch.slot, self._pids[batch.slot], pid)
            self._pids[batch.slot] = pid
            self.stats["restarts"] += 1
        done = sum(len(r) for r in results)
        self.stats["batches"] += 1
        self.stats["jobs"] += len(results)
        self.stats["executions"] += done
        if done:
            size = self._specs[batch.slot][0]
            estimate = seconds * min(size, len(results)) / done
            self._exec_s = estimate if self._exec_s is None else 0.7 * self._exec_s + 0.3 * estimate

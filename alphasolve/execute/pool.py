"""Host side of the fork-server workers: start them in the sandbox, talk to them, replace them.

A `Worker` is one long-lived sandboxed interpreter (see worker.py) reached through its
stdin/stdout pipes. Replies are parsed as JSON and length-checked: nothing a compromised
worker says is executed or unpickled. A worker that stops answering in time is killed and
replaced.
"""

from __future__ import annotations

import json
import os
import queue
import select
import shutil
import signal
import struct
import subprocess
import tempfile
import threading
import time
from pathlib import Path
from typing import Iterator

from alphasolve.execute import sandbox

#: what the bootstrap runs in the sandbox: the child's side first, then the server
WORKER_SOURCE = "\n".join(Path(__file__).with_name(name).read_text() for name in ("child.py", "worker.py"))
MAX_HEADER = 1 << 20
START_TIMEOUT_S = 30.0
GRACE_S = 10.0  # beyond a run's wall limit before the worker is presumed stuck
#: wall periods a run that is still computing at its wall limit may be given on a busy machine
#: (worker.Server.wait): the CPU limit decides its verdict, not the load
WALL_EXTENSIONS = 8


def host_timeout(limits: dict) -> float:
    """Seconds the host waits for one run's report before presuming the worker stuck."""
    return limits["wall_s"] * (1 + limits.get("wall_extensions", 0)) + GRACE_S


class WorkerError(RuntimeError):
    """The worker died, hung or spoke nonsense (never the candidate's fault)."""


class Worker:
    """`feedback`: a checker worker, with a writable directory for the checkers' feedback
    (a small tmpfs in the sandbox; a temporary directory without bubblewrap)."""

    def __init__(self, mode: str, feedback: bool = False):
        self.mode = mode
        root = os.geteuid() == 0
        self.uid = sandbox.new_uid() if root and mode != "bwrap-user" else None
        cfg = {"uid": self.uid, "nproc": root or mode == "bwrap-user"}
        self._feedback_dir = None
        if feedback and mode.startswith("bwrap"):
            cfg["feedback"] = sandbox.FEEDBACK_DIR
        elif feedback:
            self._feedback_dir = tempfile.mkdtemp(prefix="alphasolve-feedback-")
            os.chmod(self._feedback_dir, 0o755)
            cfg["feedback"] = self._feedback_dir
        argv = sandbox.worker_argv(mode, ["-c", sandbox.BOOTSTRAP, json.dumps(cfg)], feedback=feedback)
        env = None if mode.startswith("bwrap") else dict(sandbox.ENV)
        self.proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL, env=env, start_new_session=True,
                                     close_fds=True, cwd="/")
        self._in = self.proc.stdin.fileno()
        self._out = self.proc.stdout.fileno()
        self.loaded: str | None = None  # id of the program the worker holds
        try:
            source = WORKER_SOURCE.encode()
            os.write(self._in, len(source).to_bytes(4, "big") + source)
            hello, _ = self._recv(time.monotonic() + START_TIMEOUT_S)
        except (WorkerError, OSError) as exc:
            self.kill()
            raise WorkerError(f"worker did not start: {exc}") from None
        if not hello.get("ready"):
            self.kill()
            raise WorkerError(f"worker did not start: {hello}")
        self.info = hello

    # -- framing ---------------------------------------------------------------------------
    def _send(self, msg: dict, blobs: list[bytes]) -> None:
        msg = dict(msg, blobs=[len(b) for b in blobs])
        head = json.dumps(msg).encode()
        data = memoryview(b"".join([struct.pack(">I", len(head)), head, *blobs]))
        try:
            while data:
                data = data[os.write(self._in, data):]
        except OSError as exc:
            raise WorkerError(f"worker gone: {exc}") from None

    def _read(self, n: int, deadline: float) -> bytes:
        chunks, left = [], n
        while left:
            timeout = deadline - time.monotonic()
            if timeout <= 0 or not select.select([self._out], [], [], timeout)[0]:
                raise WorkerError("worker did not answer in time")
            chunk = os.read(self._out, min(left, 1 << 20))
            if not chunk:
                raise WorkerError(f"worker exited (status {self.proc.poll()})")
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks)

    def _recv(self, deadline: float) -> tuple[dict, list[bytes]]:
        (n,) = struct.unpack(">I", self._read(4, deadline))
        if n > MAX_HEADER:
            raise WorkerError("oversized reply header")
        try:
            msg = json.loads(self._read(n, deadline))
            sizes = msg.pop("blobs")
            if not isinstance(msg, dict) or not all(isinstance(k, int) and 0 <= k < 1 << 31 for k in sizes):
                raise ValueError
        except (ValueError, KeyError, TypeError, AttributeError):
            raise WorkerError("malformed reply") from None
        return msg, [self._read(k, deadline) for k in sizes]

    def request(self, msg: dict, blobs: list[bytes], timeout: float) -> tuple[dict, list[bytes]]:
        self._send(msg, blobs)
        return self._recv(time.monotonic() + timeout)

    # -- operations ------------------------------------------------------------------------
    def load(self, program_key: str, kind: str, payload: bytes) -> dict:
        if self.loaded == program_key:
            return {"ok": True}
        self.loaded = None
        reply, _ = self.request({"op": "load", "kind": kind}, [payload], START_TIMEOUT_S)
        if reply.get("ok"):
            self.loaded = program_key
        return reply

    def runs(self, limits: dict, inputs: list[bytes], files: list[list[bytes]] | None = None,
             args: list[str] | None = None) -> Iterator[tuple[dict, bytes, bytes, bytes]]:
        """Run on every input in turn, yielding (report, stdout, stderr, the end of stderr) of each;
        the worker does not wait for the host between runs. Closing the generator early stops the remaining runs.

        A checker's runs pass `args` (its command line; "{feedback}" is its feedback
        directory) and per run the same number of `files` (at fds 3, 4, ...: /dev/fd/3, ...).
        """
        if args is None:
            self._send({"op": "runs", "limits": limits}, inputs)
        else:
            per_run = len(files[0]) if files else 0
            if files is None or len(files) != len(inputs) or any(len(f) != per_run for f in files):
                raise ValueError("one list of files per input, all of the same length")
            blobs = [blob for stdin, extra in zip(inputs, files) for blob in (stdin, *extra)]
            self._send({"op": "runs", "limits": limits, "files": per_run, "args": args}, blobs)
        timeout = host_timeout(limits)
        received = 0
        try:
            while received < len(inputs):
                reply, blobs = self._recv(time.monotonic() + timeout)
                if reply.get("done"):
                    raise WorkerError("worker stopped early")
                if "error" in reply or len(blobs) != 3:
                    raise WorkerError(f"worker failed: {reply.get('error', 'bad reply')}")
                received += 1
                yield reply, blobs[0], blobs[1], blobs[2]
            reply, _ = self._recv(time.monotonic() + timeout)
            if not reply.get("done"):
                raise WorkerError("malformed end of runs")
        except GeneratorExit:  # the caller has seen enough: stop, and drain what is on its way
            self._send({"op": "stop"}, [])
            while True:
                reply, _ = self._recv(time.monotonic() + timeout)
                if reply.get("done"):
                    return

    # -- lifetime ------------------------------------------------------------------------
    def alive(self) -> bool:
        return self.proc.poll() is None

    def close(self, timeout: float = 5.0) -> None:
        """Ask the worker to exit (EOF on its stdin); kill it if it does not."""
        try:
            self.proc.stdin.close()
        except OSError:
            pass
        try:
            self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.kill()
        self.proc.stdout.close()
        self._remove_feedback_dir()

    def kill(self) -> None:
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)  # bwrap and, through PDEATHSIG, pid 1
        except (ProcessLookupError, PermissionError):
            pass
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            pass
        for stream in (self.proc.stdin, self.proc.stdout):
            try:
                stream.close()
            except OSError:
                pass
        self._remove_feedback_dir()

    def _remove_feedback_dir(self) -> None:
        if self._feedback_dir is not None:
            shutil.rmtree(self._feedback_dir, ignore_errors=True)
            self._feedback_dir = None


class Pool:
    """`size` workers, started lazily and handed out one at a time."""

    def __init__(self, mode: str, size: int, feedback: bool = False):
        self.mode = mode
        self.size = size
        self.feedback = feedback
        self._idle: queue.LifoQueue[Worker | None] = queue.LifoQueue()
        for _ in range(size):
            self._idle.put(None)  # a slot; the worker starts on first use
        self._all: set[Worker] = set()
        self._lock = threading.Lock()
        self._closed = False

    def acquire(self) -> Worker:
        if self._closed:
            raise RuntimeError("executor is closed")
        worker = self._idle.get()
        if worker is None or not worker.alive():
            try:
                worker = self._start()
            except BaseException:
                self._idle.put(None)
                raise
        return worker

    def _start(self) -> Worker:
        worker = Worker(self.mode, self.feedback)
        with self._lock:
            self._all.add(worker)
        return worker

    def release(self, worker: Worker | None, broken: bool = False) -> None:
        if broken and worker is not None:
            worker.kill()
            with self._lock:
                self._all.discard(worker)
            worker = None
        self._idle.put(worker)

    def close(self) -> None:
        self._closed = True
        with self._lock:
            workers = list(self._all)
            self._all.clear()
        for worker in workers:
            worker.close()

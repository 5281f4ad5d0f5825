"""The fork server that runs inside the sandbox, one per core (standard library only).

Started as ``python -P -s -S -B -c BOOTSTRAP CONFIG``: the bootstrap reads this file from
stdin (so /proc/1/cmdline shows none of it), under a 1 GiB stack limit so that the memory
layout leaves room for deep recursion. The worker is pid 1 of its pid namespace (candidates
cannot signal it), not dumpable (no ptrace, no /proc/1/fd), and holds nothing secret: the
expected outputs never enter a candidate's sandbox (only checker workers, which never run
candidates, get them, as sealed memory files for the checker). It compiles Python source
once per program (or keeps a C/C++ binary in a memfd); per test it forks a child that gets
memfd stdin, stdout and stderr, rlimits and the candidate uid, and runs the code (or
fexecve's the binary). After each run every leftover process is killed and reaped.

Protocol on two pipes from the host: a 4-byte big-endian length, a JSON header whose
"blobs" lists the lengths of the raw byte strings that follow it.
"""

import fcntl
import gc
import json
import linecache
import os
import resource
import select
import signal
import stat
import struct
import sys
import time
import traceback

try:  # outside the sandbox; inside, child.py was run first in this namespace
    from alphasolve.execute.child import (FD_CEILING, PR_SET_CHILD_SUBREAPER, PR_SET_DUMPABLE,
                                          PR_SET_NO_NEW_PRIVS, PR_SET_PDEATHSIG, enter_child, exec_binary,
                                          install_runtime, libc, rlimit_table, run_python, set_argv)
except ImportError:
    pass

MFD_CLOEXEC, MFD_ALLOW_SEALING = 1, 2
# Imported once here so candidates find them in sys.modules. Not threading or random: their
# at-fork hooks would cost every child ~150 page faults (random is seeded on import instead).
PRELOAD = ("array", "atexit", "bisect", "collections", "copy", "decimal", "fractions", "functools",
           "heapq", "io", "itertools", "linecache", "math", "operator", "re", "string", "traceback",
           "types", "typing")
CPU_POLL_S = 0.05  # how often a running child's CPU time is checked
CPU_GRACE_S = 0.1  # CPU beyond the time limit before the child is killed
#: at the wall deadline, a child that is computing (its CPU time grew by at least this share of the
#: wall time since the last look) is starved by a busy machine, not sleeping: it gets another wall
#: period, up to limits["wall_extensions"] of them (pool.WALL_EXTENSIONS), so that its verdict
#: follows its CPU time, not the load
COMPUTING_SHARE = 0.01
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
TAIL_BYTES = 4096
COMPILE_CPU_S, COMPILE_MEMORY = 10, 512 << 20  # for compiling one candidate's Python source
THREAD_STACK = 8 << 20  # what threads get under the usual 8 MiB RLIMIT_STACK
FEEDBACK_BYTES = 64 << 10  # of a checker's judgemessage.txt


class Server:
    def __init__(self, cfg, cin, cout):
        self.uid = cfg.get("uid")  # the candidates' uid (root modes) or None
        self.nproc = cfg.get("nproc", True)
        self.pid1 = os.getpid() == 1
        self.cin, self.cout = cin, cout
        self.kind = None  # "python" | "exec"
        self.code = None
        self.exe_fd = -1
        self.feedback_root = cfg.get("feedback")  # checker workers: a writable directory

    # -- protocol -------------------------------------------------------------------------
    def _read(self, n):
        chunks, left = [], n
        while left:
            chunk = os.read(self.cin, min(left, 1 << 20))
            if not chunk:
                raise EOFError
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks)

    def recv(self):
        (n,) = struct.unpack(">I", self._read(4))
        msg = json.loads(self._read(n))
        return msg, [self._read(k) for k in msg.pop("blobs", [])]

    def send(self, msg, blobs=()):
        msg["blobs"] = [len(b) for b in blobs]
        head = json.dumps(msg).encode()
        _write_all(self.cout, b"".join([struct.pack(">I", len(head)), head, *blobs]))

    def stop_requested(self):
        """True if the host has sent a stop message (read here); other messages are an error."""
        if not select.select([self.cin], [], [], 0)[0]:
            return False
        msg, _ = self.recv()
        if msg.get("op") != "stop":
            raise RuntimeError(f"unexpected {msg.get('op')!r} during runs")
        return True

    def loop(self):
        while True:
            try:
                msg, blobs = self.recv()
            except EOFError:
                return
            op = msg.get("op")
            if op == "load":
                self.send(self.load(msg["kind"], blobs[0]))
            elif op == "runs":  # one run per input, streamed back, until done or told to stop
                ran = 0
                step = 1 + msg.get("files", 0)  # per run: stdin, then a checker's files
                for start in range(0, len(blobs), step):
                    if ran and self.stop_requested():
                        break
                    reply, out = self.run(msg["limits"], blobs[start], blobs[start + 1:start + step],
                                          msg.get("args"))
                    self.send(reply, out)
                    ran += 1
                self.send({"done": True, "ran": ran})
            elif op == "stop":  # arrived after the runs it meant to stop had finished
                pass
            else:
                self.send({"error": f"unknown op {op!r}"})

    # -- programs -------------------------------------------------------------------------
    def load(self, kind, payload):
        self.kind, self.code = None, None
        if self.exe_fd >= 0:
            os.close(self.exe_fd)
            self.exe_fd = -1
        gc.collect()
        if kind == "python":
            try:
                with _compile_limits():
                    self.code = compile(payload, "main.py", "exec", dont_inherit=True)
            except (SyntaxError, ValueError, UnicodeDecodeError, MemoryError, RecursionError) as exc:
                return {"ok": False, "error": "".join(traceback.format_exception_only(type(exc), exc))}
            text = payload.decode("utf-8", "replace")
            linecache.cache["main.py"] = (len(text), None, text.splitlines(True), "main.py")
        elif kind == "exec":
            self.exe_fd = os.memfd_create("main", MFD_CLOEXEC)
            _write_all(self.exe_fd, payload)
        else:
            return {"ok": False, "error": f"unknown kind {kind!r}"}
        self.kind = kind
        return {"ok": True}

    def run(self, limits, data, files=(), args=None):
        """One run. A checker's run (`args` given) gets `files` read-only at fds 3, 4, ...,
        its stdin sealed too, and "{feedback}" in `args` names a fresh writable directory."""
        if self.kind is None:
            return {"error": "no program loaded"}, []
        checker = args is not None
        if checker and self.feedback_root is None:
            return {"error": "not a checker worker"}, []
        fin = _sealed(data) if checker else os.memfd_create("stdin", MFD_CLOEXEC)
        fout, ferr = (os.memfd_create(n, MFD_CLOEXEC) for n in ("stdout", "stderr"))
        if not checker:
            _write_all(fin, data)
            os.lseek(fin, 0, os.SEEK_SET)
        file_fds = [_sealed(blob) for blob in files]
        feedback = None
        if checker:
            feedback = self.feedback_root + "/run"
            os.mkdir(feedback)
            os.chmod(feedback, 0o777)  # the checker's uid writes here; the worker reads and empties it
            args = [a.replace("{feedback}", feedback + "/") for a in args]
        table = rlimit_table(limits, self.nproc)
        start = time.monotonic()
        pid = os.fork()
        if pid == 0:
            exe_fd = enter_child(fin, fout, ferr, self.exe_fd, table, self.uid, self.pid1, file_fds)
            if checker:
                set_argv(args)
            if self.kind == "exec":
                exec_binary(exe_fd)
            run_python(self.code)
        timed_out = self.wait(pid, start + limits["wall_s"], limits["time_s"] + CPU_GRACE_S,
                              limits.get("wall_extensions", 0))
        if timed_out:
            self.kill_all(pid)
        _, status, usage = os.wait4(pid, 0)
        wall = time.monotonic() - start
        self.sweep()
        out_size, err_size = os.fstat(fout).st_size, os.fstat(ferr).st_size
        out = os.pread(fout, min(out_size, limits["output_bytes"]), 0)
        err = os.pread(ferr, min(err_size, limits["stderr_bytes"]), 0)
        tail = os.pread(ferr, min(err_size, TAIL_BYTES), max(0, err_size - TAIL_BYTES))  # for the verdict
        for fd in (fin, fout, ferr, *file_fds):
            os.close(fd)
        reply = {
            "exit_code": os.WEXITSTATUS(status) if os.WIFEXITED(status) else None,
            "signal": os.WTERMSIG(status) if os.WIFSIGNALED(status) else None,
            "cpu": usage.ru_utime + usage.ru_stime, "wall": wall, "maxrss": usage.ru_maxrss * 1024,
            "timed_out": timed_out, "out_size": out_size, "err_size": err_size,
        }
        if feedback is not None:
            reply["judgemessage"] = _read_regular(feedback + "/judgemessage.txt", FEEDBACK_BYTES)
            self.empty(feedback)
        return reply, [out, err, tail]

    def empty(self, path):
        """Remove a checker's feedback directory; as its uid when the checker locked the worker out."""
        import shutil

        try:
            shutil.rmtree(path)
            return
        except OSError:
            pass
        if self.uid is None:  # the checker ran as our uid
            _clear(path)
        else:
            self.as_run_uid(lambda: _clear(path))
        shutil.rmtree(path)  # the directory itself is the worker's; raises (a broken worker) if anything is left

    def as_run_uid(self, action):
        """Run `action()` in a forked helper with the uid and gid the programs run as; wait for it."""
        helper = os.fork()
        if helper == 0:
            try:
                os.setresgid(self.uid, self.uid, self.uid)
                os.setresuid(self.uid, self.uid, self.uid)
                action()
            finally:
                os._exit(0)
        os.waitpid(helper, 0)

    def wait(self, pid, deadline, cpu_cap, most_extensions=0):
        """Wait for the child to exit; True if it ran past the wall deadline or the CPU cap.

        The CPU cap is the real limit; the wall deadline stops sleepers. A child still computing
        at the deadline (see `starved`) has its deadline moved on, so that a busy machine does not
        turn a run within the CPU limit into a time-out."""
        pidfd = os.pidfd_open(pid)
        poller = select.poll()
        poller.register(pidfd, select.POLLIN)
        period = max(0.0, deadline - time.monotonic())
        extensions, last_cpu, last_at = 0, 0.0, time.monotonic()
        try:
            while True:
                left = deadline - time.monotonic()
                if left <= 0:
                    now, cpu = time.monotonic(), self._cpu(pid)
                    if extensions < most_extensions and starved(cpu - last_cpu, now - last_at):
                        extensions, last_cpu, last_at = extensions + 1, cpu, now
                        deadline = now + period
                        continue
                    return True
                if poller.poll(int(min(left, CPU_POLL_S) * 1000) + 1):
                    return False
                if self._cpu(pid) > cpu_cap:
                    return True
        finally:
            os.close(pidfd)

    def _cpu(self, pid) -> float:
        return _sandbox_cpu_seconds() if self.pid1 else _cpu_seconds(pid)

    # -- cleanup --------------------------------------------------------------------------
    def kill_all(self, pid=None):
        """SIGKILL every process the candidate started (not the worker)."""
        if self.pid1:
            try:
                os.kill(-1, signal.SIGKILL)  # pid 1 of its namespace: everything but itself
            except ProcessLookupError:
                pass
            return
        if self.uid is not None:  # a helper with the candidate's uid: kill(-1) hits only that uid
            self.as_run_uid(lambda: os.kill(-1, signal.SIGKILL))
        me = str(os.getpid())
        for entry in os.listdir("/proc"):  # our direct children (orphans reparent to us)
            if entry.isdigit():
                try:
                    with open(f"/proc/{entry}/stat", "rb") as f:
                        stat = f.read().rsplit(b")", 1)[1].split()
                    if stat[1].decode() == me:
                        os.kill(int(entry), signal.SIGKILL)
                except (OSError, IndexError):
                    pass

    def sweep(self):
        """Reap every child; kill again while any is left (daemons, setsid children)."""
        for _ in range(10000):
            try:
                pid, _ = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if pid:
                continue
            self.kill_all()
            try:
                os.waitpid(-1, 0)
            except ChildProcessError:
                return

def _write_all(fd, data):
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def _clear(path):
    """Empty a directory whose subdirectories the checker may have closed (chmod 0)."""
    import shutil

    for root, dirs, _ in os.walk(path):  # top-down: opened up before they are entered
        for name in dirs:
            os.chmod(os.path.join(root, name), 0o700, follow_symlinks=False)
    for name in os.listdir(path):
        entry = os.path.join(path, name)
        if os.path.isdir(entry) and not os.path.islink(entry):
            shutil.rmtree(entry)
        else:
            os.unlink(entry)


def _sealed(data):
    """A memfd holding `data` that nobody can change any more (a checker's input files)."""
    fd = os.memfd_create("file", MFD_CLOEXEC | MFD_ALLOW_SEALING)
    _write_all(fd, data)
    os.lseek(fd, 0, os.SEEK_SET)
    fcntl.fcntl(fd, fcntl.F_ADD_SEALS, fcntl.F_SEAL_SEAL | fcntl.F_SEAL_SHRINK | fcntl.F_SEAL_GROW | fcntl.F_SEAL_WRITE)
    return fd


def _read_regular(path, limit):
    """The start of a regular file as text ("" if missing; never follows links or opens FIFOs)."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError:
        return ""
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return ""
        return os.pread(fd, limit, 0).decode("utf-8", "replace")
    finally:
        os.close(fd)


class _compile_limits:
    """Bound the worker's own CPU and memory while it compiles a candidate's source."""

    def __enter__(self):
        self.saved = [(r, resource.getrlimit(r)) for r in (resource.RLIMIT_CPU, resource.RLIMIT_AS)]
        used = resource.getrusage(resource.RUSAGE_SELF)
        with open("/proc/self/statm") as f:
            size = int(f.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        for which, extra in ((resource.RLIMIT_CPU, int(used.ru_utime + used.ru_stime) + COMPILE_CPU_S),
                             (resource.RLIMIT_AS, size + COMPILE_MEMORY)):
            hard = resource.getrlimit(which)[1]
            resource.setrlimit(which, (extra if hard == resource.RLIM_INFINITY else min(extra, hard), hard))

    def __exit__(self, *exc):
        for which, value in self.saved:
            resource.setrlimit(which, value)


def _cpu_seconds(pid):
    """CPU time used so far by a live process (0 if unknown)."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            fields = f.read().rsplit(b")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS
    except (OSError, IndexError, ValueError):
        return 0.0


def _sandbox_cpu_seconds():
    """CPU time used so far by every process in this pid namespace but the worker (pid 1)."""
    total = 0.0
    for entry in os.listdir("/proc"):
        if entry.isdigit() and entry != "1":
            total += _cpu_seconds(entry)
    return total


def main():
    cfg = json.loads(sys.argv[1])
    libc.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0)
    if os.getpid() != 1:
        libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)
    else:
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)  # bwrap gone: the namespace goes too
    _, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (FD_CEILING, hard if hard != resource.RLIM_INFINITY
                                                 and hard < FD_CEILING else FD_CEILING))
    os.closerange(3, FD_CEILING)  # nothing inherited beyond stdio
    cin = fcntl.fcntl(0, fcntl.F_DUPFD_CLOEXEC, 20)
    cout = fcntl.fcntl(1, fcntl.F_DUPFD_CLOEXEC, 20)
    null = os.open("/dev/null", os.O_RDWR)
    os.dup2(null, 0)
    os.dup2(null, 1)
    os.close(null)
    for name in PRELOAD:
        __import__(name)
    libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0)  # inherited by every candidate
    import _thread

    _thread.stack_size(THREAD_STACK)  # glibc's default is the 1 GiB stack limit we started with
    try:
        os.chdir("/box")
    except OSError:
        os.chdir("/")
    server = Server(cfg, cin, cout)
    install_runtime()
    server.send({"ready": True, "pid": os.getpid(), "uid": os.getuid()})
    gc.collect()
    gc.freeze()
    server.loop()
    server.sweep()


def starved(cpu_gained: float, wall_elapsed: float) -> bool:
    """Whether a child that reached its wall deadline was computing all along (its CPU time grew by
    at least COMPUTING_SHARE of the wall time), i.e. slowed down by other processes, rather than
    sleeping or blocked."""
    return wall_elapsed > 0 and cpu_gained >= COMPUTING_SHARE * wall_elapsed


if __name__ == "__main__":  # run by the bootstrap (see pool.py), which exec's this file
    main()


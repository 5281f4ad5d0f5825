"""What runs in a candidate's process, between the worker's fork and the candidate's code.

Standard library only: this file is sent into the sandbox with worker.py (this one first,
in the same namespace). Everything a child needs is prepared before the fork, because every
object a child touches costs a copy-on-write page fault, and those faults are most of the
cost of a run: the stdio objects and __main__ are built once in the worker, the rlimits are
a ready table, and the child only applies them and runs.
"""

import atexit
import ctypes
import math
import os
import resource
import signal
import sys
import traceback

PR_SET_PDEATHSIG, PR_SET_DUMPABLE, PR_SET_CHILD_SUBREAPER, PR_SET_NO_NEW_PRIVS = 1, 4, 36, 38
SETUP_FAILED = 125
FD_CEILING = 64  # the worker keeps its fds below this (its RLIMIT_NOFILE): children close [3, 64)
NO_GROUPS = []
EXEC_ARGV = ["./main"]
MAIN = None  # the candidates' __main__ module, made by install_runtime

libc = ctypes.CDLL(None, use_errno=True)


def rlimit_table(limits, nproc):
    """The rlimits of one run, as (resource, (soft, hard)) pairs."""
    mem = int(limits["memory_bytes"])
    cpu = int(math.ceil(limits["time_s"])) + 1
    fsize = int(limits["file_bytes"]) + 1  # stdout and stderr are memfds: RLIMIT_FSIZE caps both
    table = [(resource.RLIMIT_CPU, (cpu, cpu + 1)), (resource.RLIMIT_AS, (mem, mem)),
             (resource.RLIMIT_STACK, (mem, mem)), (resource.RLIMIT_FSIZE, (fsize, fsize)),
             (resource.RLIMIT_NOFILE, (64, 64)), (resource.RLIMIT_CORE, (0, 0)),
             (resource.RLIMIT_MEMLOCK, (0, 0)), (resource.RLIMIT_MSGQUEUE, (0, 0))]
    if nproc:
        table.append((resource.RLIMIT_NPROC, (limits["processes"], limits["processes"])))
    return table


def enter_child(fin, fout, ferr, exe_fd, table, uid, pid1, files=()):
    """In the forked child: become the candidate's process (never returns on failure).

    `files` (a checker's read-only input files) end up at fds 3, 4, ... and stay open across
    exec; returns where the program's binary fd is then.
    """
    try:
        os.setsid()
        os.dup2(fin, 0)
        os.dup2(fout, 1)
        os.dup2(ferr, 2)
        if files:
            exe_fd = _place_files(files, exe_fd)
        low = 3 + len(files)
        if exe_fd >= low:
            os.closerange(low, exe_fd)
            os.closerange(exe_fd + 1, FD_CEILING)
        else:
            os.closerange(low, FD_CEILING)
        for which, value in table:
            resource.setrlimit(which, value)
        if uid is not None:
            os.setgroups(NO_GROUPS)
            os.setresgid(uid, uid, uid)
            os.setresuid(uid, uid, uid)
        if not pid1:  # in a pid namespace the death of pid 1 kills everything anyway
            libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except BaseException as exc:
        _die(SETUP_FAILED, f"sandbox setup failed: {exc!r}")
    return exe_fd


def _place_files(files, exe_fd):
    """Move `files` to fds 3, 4, ... (inheritable) and `exe_fd` above them; the new exe fd."""
    import fcntl

    high = [fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, FD_CEILING // 2) for fd in files]
    if exe_fd >= 0:
        exe_fd = fcntl.fcntl(exe_fd, fcntl.F_DUPFD_CLOEXEC, FD_CEILING // 2)
    for k, fd in enumerate(high):
        os.dup2(fd, 3 + k, inheritable=True)
        os.close(fd)
    return exe_fd


def set_argv(args):
    """Command-line arguments for the program (a checker's file names)."""
    global EXEC_ARGV
    EXEC_ARGV = ["./main", *args]
    sys.argv[:] = ["main.py", *args]


def exec_binary(exe_fd):
    """Replace the child by the compiled program (a memfd); never returns."""
    try:
        for sig in (signal.SIGPIPE, signal.SIGXFSZ, signal.SIGINT):
            signal.signal(sig, signal.SIG_DFL)  # Python ignores some; a C program must not inherit that
        os.execve(exe_fd, EXEC_ARGV, os.environ)
    except BaseException as exc:
        _die(127, f"cannot execute the program: {exc}")


def run_python(code):
    """Run compiled candidate code as the interpreter runs a script; exit with its status."""
    try:
        status = _run(code)
    except BaseException as exc:
        _die(1, f"sandbox error: {exc!r}")
    os._exit(status)


def _run(code):
    status = 0
    try:
        exec(code, MAIN.__dict__)
    except SystemExit as exc:
        status = _exit_status(exc)
    except BaseException as exc:
        traceback.print_exception(type(exc), exc, exc.__traceback__.tb_next)
        status = 1
    try:
        threading = sys.modules.get("threading")
        if threading is not None:
            threading._shutdown()
        atexit._run_exitfuncs()
    except BaseException:
        pass
    try:
        sys.stdout.flush()
    except BaseException:
        status = 120 if status == 0 else status  # like the interpreter when flushing fails
    try:
        sys.stderr.flush()
    except BaseException:
        pass
    return status


def _die(status, message):
    try:
        os.write(2, f"{message}\n".encode())
    finally:
        os._exit(status)


def install_runtime():
    """Make sys look as it will to a candidate: stdin, stdout and stderr as the interpreter makes
    them for fds 0-2, a fresh __main__ and argv, and `random` seeded on import. Done once in
    the worker (which talks to the host through other fds); every child gets a pristine copy."""
    global MAIN
    import builtins
    import io
    import types

    in_enc, in_err = sys.stdin.encoding or "utf-8", sys.stdin.errors or "strict"
    out_enc, out_err = sys.stdout.encoding or "utf-8", sys.stdout.errors or "strict"
    stdin = io.open(0, "r", encoding=in_enc, errors=in_err, newline="\n", closefd=False)
    stdout = io.open(1, "w", encoding=out_enc, errors=out_err, newline="\n", closefd=False)
    stderr = io.TextIOWrapper(io.open(2, "wb", closefd=False), encoding=out_enc, errors="backslashreplace",
                              newline="\n", line_buffering=True)
    MAIN = types.ModuleType("__main__")
    MAIN.__dict__.update(__builtins__=builtins, __file__="main.py", __cached__=None)
    stdin.read()  # fd 0 is /dev/null here: creates the decoder now rather than in every child
    stdout.write("")
    stdout.flush()
    sys.stdin = sys.__stdin__ = stdin
    sys.stdout = sys.__stdout__ = stdout
    sys.stderr = sys.__stderr__ = stderr
    sys.modules["__main__"] = MAIN
    sys.argv[:] = ["main.py"]
    sys.meta_path.insert(0, SeedRandom())


class SeedRandom:
    """A meta-path finder that seeds `random` with 0 when the candidate imports it."""

    def find_spec(self, name, path=None, target=None):
        if name != "random":
            return None
        sys.meta_path.remove(self)
        import importlib.util

        spec = importlib.util.find_spec(name)
        if spec is not None and spec.loader is not None:
            loader = spec.loader
            original = loader.exec_module

            def exec_module(module):
                original(module)
                module.seed(0)

            loader.exec_module = exec_module
        return spec


def _exit_status(exc):
    code = exc.code
    if code is None:
        return 0
    if isinstance(code, int):
        return code & 0xFF
    try:
        sys.stderr.write(f"{code}\n")
        sys.stderr.flush()
    except BaseException:
        pass
    return 1

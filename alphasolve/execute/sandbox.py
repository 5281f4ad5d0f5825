"""Which isolation this machine allows, and the command lines that set it up.

Modes, strongest first:

- ``bwrap-root``: bubblewrap run as root without a user namespace (so the candidates do not
  map to host uid 0): new pid, network, ipc, uts and cgroup namespaces, a read-only root
  with only /usr and the Python prefix, no /etc, /home, /root, /tmp or /work, the worker
  as pid 1 with only CAP_SETUID, CAP_SETGID and CAP_KILL, each candidate as a unique
  unprivileged uid (so RLIMIT_NPROC counts only its own processes).
- ``bwrap-user``: bubblewrap as a normal user, in a user namespace (uid 65534 inside).
- ``none``: no bubblewrap: the same fork server without namespaces; as root each candidate
  still gets a unique uid, as a normal user only rlimits and process-group kills.
"""

from __future__ import annotations

import functools
import itertools
import logging
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

log = logging.getLogger("alphasolve.execute")

#: first uid handed to candidates; each worker gets its own (host pid * 64 + counter)
UID_BASE = 1_000_000_000
_uid_counter = itertools.count()

ISOLATIONS = ("auto", "bwrap", "none")

#: what every mode is checked against (name -> what it stops)
ALL_PROTECTIONS = {
    "pid_namespace": "kill(-1), ptrace and signals reach only the candidate's own processes",
    "network_namespace": "no network (127.0.0.1 unreachable)",
    "private_filesystem": "read-only root without /etc, /home, /root, /tmp, the work tree or the tests",
    "separate_uid": "candidates run as an unprivileged uid of their own (NPROC limits forks)",
    "process_limit": "fork bombs stop at a few processes",
    "leftover_kill": "daemons and setsid children are killed after each run",
    "rlimits": "CPU, address space, stack, file size, open files, core dumps",
    "cleared_environment": "no environment variables from the host",
    "memfd_output": "output captured in memory files, never pipes or host files",
}


@dataclass(frozen=True)
class Protections:
    """What isolation is active; `off` names what is missing and why it matters."""

    mode: str
    active: tuple[str, ...]
    off: tuple[str, ...] = ()
    notes: tuple[str, ...] = field(default=())

    @property
    def full(self) -> bool:
        return not self.off

    def describe(self) -> str:
        if self.full:
            return f"sandbox {self.mode}: all protections active"
        missing = "; ".join(f"{name} ({ALL_PROTECTIONS[name]})" for name in self.off)
        why = "".join(f" [{note}]" for note in self.notes)
        return f"sandbox {self.mode}: protections OFF: {missing}{why}"

    def to_dict(self) -> dict:
        return {"mode": self.mode, "active": list(self.active), "off": list(self.off), "notes": list(self.notes)}


def _protections(mode: str) -> Protections:
    every = tuple(ALL_PROTECTIONS)
    if mode.startswith("bwrap"):
        return Protections(mode, every)
    if os.geteuid() == 0:
        off = ("pid_namespace", "network_namespace", "private_filesystem")
    else:
        off = ("pid_namespace", "network_namespace", "private_filesystem", "separate_uid", "process_limit")
    return Protections(mode, tuple(p for p in every if p not in off), off)


@functools.lru_cache(maxsize=None)
def detect(isolation: str = "auto") -> Protections:
    """Pick the strongest mode for `isolation` ("auto", "bwrap" or "none"); raise if impossible."""
    if isolation not in ISOLATIONS:
        raise ValueError(f"isolation must be one of {ISOLATIONS}, not {isolation!r}")
    if isolation != "none":
        mode = "bwrap-root" if os.geteuid() == 0 else "bwrap-user"
        problem = _probe_bwrap(mode)
        if problem is None:
            return _protections(mode)
        if isolation == "bwrap":
            raise RuntimeError(f"bubblewrap isolation unavailable: {problem}")
        prot = _protections("none")
        prot = Protections(prot.mode, prot.active, prot.off, (f"bubblewrap unavailable: {problem}",))
    else:
        prot = _protections("none")
    return prot


class OnceWarning:
    """Logs which protections are off, the first time it is told of any (an executor's `warn`).
    A command that prints the warning itself passes an executor its own `OnceWarning(done=True)`."""

    def __init__(self, done: bool = False):
        self.done = done

    def __call__(self, prot: Protections) -> None:
        if prot.full or self.done:
            return
        self.done = True
        log.warning("%s", prot.describe())


WARN_ONCE = OnceWarning()  # the default: once per process, whichever executor comes first


def _probe_bwrap(mode: str) -> str | None:
    """None when bwrap starts a sandbox here, else the reason it does not."""
    if shutil.which("bwrap") is None:
        return "bwrap is not installed (apt-get install -y bubblewrap)"
    argv = worker_argv(mode, ["-c", "import os; assert os.getpid() == 1"])
    try:
        proc = subprocess.run(argv, capture_output=True, text=True, timeout=30, stdin=subprocess.DEVNULL)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"bwrap failed to start: {exc}"
    if proc.returncode != 0:
        return f"bwrap failed: {proc.stderr.strip()[-300:] or proc.returncode}"
    return None


def new_uid() -> int:
    """A uid no other live executor uses: derived from this process's pid and a counter."""
    return UID_BASE + (os.getpid() % (1 << 22)) * 64 + next(_uid_counter) % 64


def uids_of_this_process() -> range:
    """Every uid `new_uid` can hand out in this process (used by tests to find leftovers)."""
    start = UID_BASE + (os.getpid() % (1 << 22)) * 64
    return range(start, start + 64)


@functools.lru_cache(maxsize=None)
def sandbox_python() -> str:
    """The interpreter the workers run: $ALPHASOLVE_SANDBOX_PYTHON, else a system python3 of
    this interpreter's minor version (a static, PGO build forks several times faster than a
    shared-libpython one, and lives under /usr), else this interpreter."""
    override = os.environ.get("ALPHASOLVE_SANDBOX_PYTHON")
    if override:
        return os.path.realpath(override)
    want = f"python{sys.version_info.major}.{sys.version_info.minor}"
    for candidate in (f"/usr/bin/{want}", "/usr/bin/python3", f"/usr/local/bin/{want}"):
        real = os.path.realpath(candidate)
        if os.path.basename(real) == want and os.access(real, os.X_OK):
            return real
    return os.path.realpath(sys.executable)


def _python_prefix(python: str) -> str:
    """The installation directory of `python` (…/bin/pythonX.Y -> …)."""
    return os.path.dirname(os.path.dirname(python))


def _system_binds() -> list[str]:
    args = ["--ro-bind", "/usr", "/usr"]
    for name in ("bin", "sbin", "lib", "lib32", "lib64", "libx32"):
        path = f"/{name}"
        if os.path.islink(path):
            args += ["--symlink", os.readlink(path), path]
        elif os.path.isdir(path):
            args += ["--ro-bind", path, path]
    prefix = _python_prefix(sandbox_python())
    if prefix not in ("/", "/usr"):
        if os.path.isdir(prefix):
            for parent in reversed(Path(prefix).parents[:-1]):  # bwrap would copy /root's 0700
                args += ["--perms", "0755", "--dir", str(parent)]
            args += ["--ro-bind", prefix, prefix]
    if os.path.exists("/etc/ld.so.cache"):
        args += ["--ro-bind", "/etc/ld.so.cache", "/etc/ld.so.cache"]
    return args


def _namespace_args(mode: str) -> list[str]:
    if mode == "bwrap-root":  # no user namespace: it would map the sandbox to host uid 0
        return ["--unshare-pid", "--unshare-net", "--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try",
                "--cap-drop", "ALL"]
    return ["--unshare-all", "--unshare-user", "--uid", "65534", "--gid", "65534", "--disable-userns"]


#: reads a 4-byte length and that much Python source from stdin, and runs it as __main__
BOOTSTRAP = ("import os, sys\n"
             "def read(n):\n"
             "    data = b''\n"
             "    while len(data) < n:\n"
             "        chunk = os.read(0, n - len(data))\n"
             "        if not chunk:\n"
             "            raise SystemExit(3)\n"
             "        data += chunk\n"
             "    return data\n"
             "exec(compile(read(int.from_bytes(read(4), 'big')), 'worker.py', 'exec'))\n")
STACK_FOR_LAYOUT = 1 << 30  # the kernel leaves this much room below the stack at exec


def _stack_prefix() -> list[str]:
    """`prlimit --stack=1GiB:` so the worker's memory layout leaves deep recursion room."""
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_STACK)
    want = STACK_FOR_LAYOUT if hard == resource.RLIM_INFINITY else min(STACK_FOR_LAYOUT, hard)
    if (soft != resource.RLIM_INFINITY and soft >= want) or shutil.which("prlimit") is None:
        return []
    return ["prlimit", f"--stack={want}:", "--"]


FEEDBACK_DIR = "/feedback"  # checker workers only: where a checker may write its feedback files
FEEDBACK_TMPFS_BYTES = 16 << 20


def worker_argv(mode: str, python_args: list[str], feedback: bool = False) -> list[str]:
    """The command that starts `python python_args` as pid 1 of a fresh sandbox (or bare).

    `feedback` (checker workers, never candidates) adds a small writable tmpfs at FEEDBACK_DIR.
    """
    python = [sandbox_python(), "-P", "-s", "-S", "-B", *python_args]
    if not mode.startswith("bwrap"):
        return [*_stack_prefix(), *python]
    scratch = ["--size", str(FEEDBACK_TMPFS_BYTES), "--tmpfs", FEEDBACK_DIR] if feedback else []
    caps = ["--cap-add", "CAP_SETUID", "--cap-add", "CAP_SETGID", "--cap-add", "CAP_KILL"] \
        if mode == "bwrap-root" else []
    return [*_stack_prefix(), "bwrap", *_namespace_args(mode), *caps, "--new-session", "--as-pid-1",
            "--hostname", "sandbox",
            *_system_binds(), "--proc", "/proc", "--dev", "/dev", "--remount-ro", "/dev",
            "--dir", "/box", "--chdir", "/box", *scratch, "--remount-ro", "/",
            "--clearenv", *_env_args(), "--", *python]


ENV = {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "PYTHONHASHSEED": "0", "HOME": "/box"}


def _env_args() -> list[str]:
    args = []
    for key, value in ENV.items():
        args += ["--setenv", key, value]
    return args


def compiler_argv(mode: str, workdir: str, extra_ro: list[tuple[str, str]], argv: list[str],
                  uid: int | None) -> list[str]:
    """`argv` (a compiler) in a sandbox where only `workdir` (bound at /work) is writable.

    As root the compiler runs as `uid` (via setpriv), so it owns nothing but `workdir`. No
    /proc and no /dev but /dev/null: `#include "/dev/random"` fails at once.
    """
    if not mode.startswith("bwrap"):
        return argv
    binds = []
    for src, dest in extra_ro:
        binds += ["--ro-bind", src, dest]
    drop: list[str] = []
    caps: list[str] = []
    if mode == "bwrap-root" and uid is not None and shutil.which("setpriv"):
        caps = ["--cap-add", "CAP_SETUID", "--cap-add", "CAP_SETGID"]
        drop = ["setpriv", f"--reuid={uid}", f"--regid={uid}", "--clear-groups", "--no-new-privs", "--"]
    return ["bwrap", *_namespace_args(mode), *caps, "--new-session", "--die-with-parent", "--hostname", "sandbox",
            *_system_binds(), *binds, "--dir", "/dev", "--dev-bind", "/dev/null", "/dev/null",
            "--bind", workdir, "/work", "--chdir", "/work", "--remount-ro", "/",
            "--clearenv", "--setenv", "PATH", "/usr/bin:/bin", "--setenv", "LANG", "C.UTF-8",
            "--setenv", "TMPDIR", "/work", "--", *drop, *argv]

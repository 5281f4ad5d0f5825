"""Hostile programs through `alphasolve judge`: each gets the right verdict, the honest program
judged beside it is still accepted, and nothing is left behind (processes, files, connections).

Every test here depends on the `isolated` fixture: it runs only when the sandbox is verified.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from exec_helpers import ADD_C, ADD_PY, assert_nothing_left, write_problem

import alphasolve

pytestmark = pytest.mark.usefixtures("isolated")

PACKAGE_DIR = Path(alphasolve.__file__).parent


def check(judge, private_tmp, attack: str, source: str, verdicts, markers=(), tests="public", **kw) -> dict:
    """Judge `attack` beside an honest solution; both verdicts and the cleanup are asserted."""
    reports = judge({attack: source, "honest.py": ADD_PY}, "--tests", tests, **kw)
    assert reports["honest.py"]["verdict"] == "accepted", reports["honest.py"]
    report = reports[attack]
    allowed = {verdicts} if isinstance(verdicts, str) else set(verdicts)
    assert report["verdict"] in allowed, report
    assert_nothing_left(private_tmp, [Path(m) for m in markers])
    return report


def fast(tmp_path):
    """A problem with a 0.25 s time limit, for the attacks that end in a time limit."""
    return write_problem(tmp_path, time_limit=0.25)


def test_fork_bomb_is_contained(judge, private_tmp, tmp_path):
    src = "import os\nwhile True:\n    try:\n        os.fork()\n    except OSError:\n        pass\n"
    report = check(judge, private_tmp, "forkbomb.py", src, "time_limit", problem=fast(tmp_path))
    assert report["tests"][0]["wall_time"] < 5


def test_fork_bomb_in_c(judge, private_tmp, tmp_path):
    src = "#include <unistd.h>\nint main(void){for(;;) fork();}\n"
    check(judge, private_tmp, "forkbomb.c", src, "time_limit", problem=fast(tmp_path))


def test_allocating_10_gb(judge, private_tmp):
    check(judge, private_tmp, "alloc.py", "x = bytearray(10 ** 10)\nprint(3)\n", "memory_limit")
    src = "#include <vector>\n#include <cstdio>\nint main(){std::vector<char> v(10000000000ULL, 1);printf(\"%d\", v[5]);}\n"
    check(judge, private_tmp, "alloc.cpp", src, "memory_limit")


def test_growing_memory_until_the_limit(judge, private_tmp, tmp_path):
    src = "a = []\nwhile True:\n    a.append(bytearray(1 << 20))\n"
    # first touches of 256 MiB cost ~0.5 s of CPU in a VM: a time limit that leaves room for them
    report = check(judge, private_tmp, "grow.py", src, "memory_limit", problem=write_problem(tmp_path, time_limit=3))
    assert report["tests"][0]["peak_memory"] <= 256 << 20


def test_infinite_loop(judge, private_tmp, tmp_path):
    check(judge, private_tmp, "loop.py", "while True:\n    pass\n", "time_limit", problem=fast(tmp_path))
    check(judge, private_tmp, "loop.c", "int main(void){volatile int x=0; for(;;) x++;}\n", "time_limit", problem=fast(tmp_path))


def test_sleeping_forever(judge, private_tmp, tmp_path):
    report = check(judge, private_tmp, "sleep.py", "import time\ntime.sleep(10 ** 6)\n", "time_limit", problem=fast(tmp_path))
    assert report["tests"][0]["wall_time"] < 5 and report["tests"][0]["cpu_time"] < 0.5


def test_printing_1_gb(judge, private_tmp):
    src = "import sys\nchunk = 'x' * (1 << 20)\nfor _ in range(1024):\n    sys.stdout.write(chunk)\n"
    report = check(judge, private_tmp, "print.py", src, "output_limit")
    assert len(report["tests"][0]["stdout"]) <= 4096  # the report shows a prefix only
    src = '#include <stdio.h>\nint main(void){for(long i=0;i<(1L<<30);i++) putchar(120); return 0;}\n'
    check(judge, private_tmp, "print.c", src, "output_limit")


def test_daemon_holding_stdout_and_outliving_the_run(judge, private_tmp):
    src = ("import os, time\n"
           "if os.fork() == 0:\n"
           "    os.setsid()\n"
           "    if os.fork() == 0:\n"
           "        time.sleep(1000)\n"  # a grandchild daemon holding stdout open
           "    os._exit(0)\n"
           "a, b = map(int, input().split())\n"
           "print(a + b, flush=True)\n")
    report = check(judge, private_tmp, "daemon.py", src, "accepted")
    assert all(t["wall_time"] < 1 for t in report["tests"])


def test_background_child_keeps_running_after_exit(judge, private_tmp):
    src = ("import subprocess, sys\n"
           "subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(1000)'], start_new_session=True)\n"
           "a, b = map(int, input().split())\nprint(a + b)\n")
    check(judge, private_tmp, "spawn.py", src, "accepted")


def test_writing_files_everywhere(judge, private_tmp, tmp_path):
    marker = f"alphasolve-marker-{os.getpid()}"
    targets = [Path("/tmp") / marker, Path("/dev/shm") / marker, Path(os.getcwd()) / marker,
               PACKAGE_DIR / marker, Path("/box") / marker, tmp_path / marker, Path("/") / marker]
    src = ("import os, sys\n"
           f"for path in {[str(t) for t in targets] + [marker]!r}:\n"
           "    try:\n"
           "        open(path, 'w').write('pwned')\n"
           "        print('WROTE', path, file=sys.stderr)\n"
           "    except OSError as exc:\n"
           "        print('denied', path, exc.errno, file=sys.stderr)\n"
           "a, b = map(int, input().split())\nprint(a + b)\n")
    report = check(judge, private_tmp, "write.py", src, "accepted", markers=targets)
    assert "WROTE" not in report["tests"][0]["stderr"]


def test_planting_symlinks(judge, private_tmp):
    src = ("import os, sys\n"
           "for link in ['out', 'main', '/tmp/out', '/box/out']:\n"
           "    try:\n"
           "        os.symlink('/etc/shadow', link)\n"
           "        print('PLANTED', link, file=sys.stderr)\n"
           "    except OSError:\n"
           "        pass\n"
           "a, b = map(int, input().split())\nprint(a + b)\n")
    report = check(judge, private_tmp, "symlink.py", src, "accepted")
    assert "PLANTED" not in report["tests"][0]["stderr"]


def test_reading_secrets(judge, private_tmp, monkeypatch, tmp_path):
    monkeypatch.setenv("ALPHASOLVE_TEST_SECRET", "hunter2")
    problem = write_problem(tmp_path)
    leaks = ["/etc/passwd", "/etc/shadow", str(problem), str(tmp_path), str(private_tmp), str(PACKAGE_DIR),
             "/root", "/home", "/work", "/proc/1/environ", "/proc/1/mem", "/proc/1/fd", "/proc/1/maps"]
    src = ("import os\n"
           "found = []\n"
           f"for path in {leaks!r}:\n"
           "    try:\n"
           "        found.append(os.listdir(path) if os.path.isdir(path) else open(path, 'rb').read(64))\n"
           "    except OSError:\n"
           "        pass\n"
           "found += [k for k in os.environ if 'SECRET' in k]\n"
           "cmdline = open('/proc/1/cmdline', 'rb').read()\n"  # the worker's: a bootstrap, no host paths
           f"found += [p for p in {[str(tmp_path), str(PACKAGE_DIR), 'alphasolve']!r} if p.encode() in cmdline]\n"
           "a, b = map(int, input().split())\n"
           "print(a + b, found)\n")  # any leak makes the answer wrong
    check(judge, private_tmp, "read.py", src, "wrong_answer", problem=problem, tests="all")
    report = judge({"read.py": src})["read.py"]
    outputs = [t["stdout"] for t in report["tests"]]
    assert outputs == ["3 []\n", "42 []\n"], outputs


def test_tcp_to_localhost(judge, private_tmp, listener):
    port = listener.getsockname()[1]
    src = ("import socket, sys\n"
           "try:\n"
           f"    socket.create_connection(('127.0.0.1', {port}), timeout=1)\n"
           "    print('CONNECTED', file=sys.stderr)\n"
           "except OSError as exc:\n"
           "    print('refused', exc, file=sys.stderr)\n"
           "a, b = map(int, input().split())\nprint(a + b)\n")
    report = check(judge, private_tmp, "tcp.py", src, "accepted")
    assert "CONNECTED" not in report["tests"][0]["stderr"]
    with pytest.raises(BlockingIOError):
        listener.accept()  # nobody ever connected


@pytest.mark.parametrize("how", ["os.kill(os.getppid(), 9)", "os.kill(1, 9)", "os.kill(-1, 9)",
                                 "os.killpg(0, 9)"])
def test_killing_the_parent_and_everyone(judge, private_tmp, how):
    sentinel = subprocess.Popen(["sleep", "60"])
    try:
        src = ("import os, sys\n"
               "a, b = map(int, input().split())\n"
               "print(a + b, flush=True)\n"
               f"try:\n    {how}\nexcept OSError as exc:\n    print(exc, file=sys.stderr)\n")
        reports = judge({"kill.py": src, "honest.py": ADD_PY, "honest.c": ADD_C})
        assert reports["honest.py"]["verdict"] == "accepted"
        assert reports["honest.c"]["verdict"] == "accepted"
        assert reports["kill.py"]["verdict"] in ("accepted", "runtime_error"), reports["kill.py"]
        assert sentinel.poll() is None, "kill(-1) reached a host process"
    finally:
        sentinel.kill()
        sentinel.wait()
    assert_nothing_left(private_tmp)


def test_ptrace_of_the_parent(judge, private_tmp):
    src = ("import ctypes, os\n"
           "libc = ctypes.CDLL(None, use_errno=True)\n"
           "r = libc.ptrace(16, os.getppid(), 0, 0)\n"  # PTRACE_ATTACH
           "r1 = libc.ptrace(16, 1, 0, 0)\n"
           "a, b = map(int, input().split())\n"
           "print(a + b if r == -1 and r1 == -1 else 'ATTACHED')\n")
    check(judge, private_tmp, "ptrace.py", src, "accepted")


def test_closing_stdout(judge, private_tmp):
    check(judge, private_tmp, "close.py", "import os\nos.close(1)\nprint(3)\n", "runtime_error")
    src = "#include <stdio.h>\n#include <unistd.h>\nint main(void){close(1); printf(\"3\\n\"); return 0;}\n"
    check(judge, private_tmp, "close.c", src, "wrong_answer")


def test_blocking_on_stdin(judge, private_tmp):
    src = "import sys\nsys.stdin.read()\nx = input()\n"
    report = check(judge, private_tmp, "stdin.py", src, "runtime_error")
    assert report["tests"][0]["wall_time"] < 1
    src = ("import os\ntry:\n    open('/dev/tty').read()\nexcept OSError:\n    pass\n"
           "a, b = map(int, input().split())\nprint(a + b)\n")
    check(judge, private_tmp, "tty.py", src, "accepted")


def test_flooding_stderr(judge, private_tmp):
    src = ("import sys\nfor _ in range(64):\n    sys.stderr.write('e' * 65536)\n"
           "a, b = map(int, input().split())\nprint(a + b)\n")
    check(judge, private_tmp, "stderr.py", src, "accepted")  # 4 MiB of stderr is only cut
    src = "import sys\nwhile True:\n    sys.stderr.write('e' * 65536)\n"
    check(judge, private_tmp, "stderr_forever.py", src, "output_limit")


def test_exhausting_file_descriptors(judge, private_tmp):
    src = ("import os\nfds = []\ntry:\n    while True:\n        fds.extend(os.pipe())\nexcept OSError:\n    pass\n"
           "assert len(fds) < 100, len(fds)\n"
           "a, b = map(int, input().split())\nprint(a + b)\n")
    check(judge, private_tmp, "fds.py", src, "accepted")


def test_segfaults(judge, private_tmp):
    report = check(judge, private_tmp, "segv.py", "import ctypes\nctypes.string_at(0)\n", "runtime_error")
    assert report["tests"][0]["signal"] == 11
    report = check(judge, private_tmp, "segv.c", "int main(void){volatile int *p = 0; *p = 1; return 0;}\n",
                   "runtime_error")
    assert report["tests"][0]["signal"] == 11


def test_exit_before_printing(judge, private_tmp):
    report = check(judge, private_tmp, "exit.py", "import sys\nsys.exit(0)\nprint(3)\n", "wrong_answer")
    assert report["tests"][0]["exit_code"] == 0


def test_include_dev_random_and_host_files(judge, private_tmp):
    report = check(judge, private_tmp, "random.c", '#include "/dev/random"\nint main(void){return 0;}\n',
                   "compile_error")
    report = check(judge, private_tmp, "passwd.c", '#include "/etc/passwd"\nint main(void){return 0;}\n',
                   "compile_error")
    assert "root:" not in report["tests"][0]["stderr"]


def test_python_compile_time_bombs(judge, private_tmp, tmp_path):
    check(judge, private_tmp, "nested.py", "x = " + "(" * 100000 + "1" + ")" * 100000 + "\n", "compile_error")
    check(judge, private_tmp, "nul.py", "print(3)\0\n", "compile_error")
    # constant folding is bounded by the interpreter: this runs (and takes its time limit)
    check(judge, private_tmp, "power.py", "x = 2 ** 10 ** 9\nprint(3)\n", "time_limit", problem=fast(tmp_path))


def test_huge_static_arrays(judge, private_tmp):
    src = ("#include <stdio.h>\nchar a[1500000000];\n"
           "int main(void){volatile char *p = a; p[7] = 1; printf(\"%d\\n\", p[7]); return 0;}\n")
    report = check(judge, private_tmp, "bss.c", src, "memory_limit")
    assert "static data" in report["tests"][0]["stderr"]
    src = "int a[100000000] = {1};\nint main(void){return a[0] - 1;}\n"  # a 400 MB binary
    check(judge, private_tmp, "data.c", src, "compile_error")


@pytest.mark.slow
def test_template_and_macro_bombs(judge, private_tmp):
    lines = ["#define A0 x"] + [f"#define A{k} A{k - 1} A{k - 1}" for k in range(1, 41)]
    src = "\n".join(lines) + "\nint main(void){A40; return 0;}\n"
    report = check(judge, private_tmp, "macro.c", src, "compile_error")
    src = ("template<int N, int M> struct T { enum { v = T<N-1, M>::v + T<N, M-1>::v }; };\n"
           "template<int M> struct T<0, M> { enum { v = 1 }; };\n"
           "template<int N> struct T<N, 0> { enum { v = 1 }; };\n"
           "int main(){ return T<600, 600>::v; }\n")
    report = check(judge, private_tmp, "template.cpp", src, "compile_error")
    assert report["tests"][0]["stderr"]

"""The executor's library API with honest programs: verdicts, limits, semantics, map, caching."""

from __future__ import annotations

import os
import time

import pytest
from exec_helpers import ADD_C, ADD_CPP, ADD_PY

from alphasolve.execute import (CompareSpec, ExecResult, LocalExecutor, Job, Limits, Program, Verdict, dedupe,
                                outputs_match)


@pytest.fixture(scope="module")
def ex(tmp_path_factory):
    with LocalExecutor(workers=2, cache_dir=tmp_path_factory.mktemp("exec-cache")) as executor:
        yield executor


def test_accepted_and_wrong_answer_in_every_language(ex):
    for language, source in (("python3", ADD_PY), ("c", ADD_C), ("cpp", ADD_CPP)):
        results = ex.run(Program(language, source), ["1 2\n", "5 5\n"], expected=["3", "11"])
        assert [r.verdict for r in results] == [Verdict.ACCEPTED, Verdict.WRONG_ANSWER], (language, results)
        assert results[0].stdout == "3\n" and results[0].exit_code == 0 and results[0].signal is None
        assert 0 < results[0].wall_time < 5 and results[0].peak_memory > 0
    results = ex.run(Program("python3", ADD_PY), ["1 2\n"])
    assert results[0].verdict == Verdict.OK  # not judged without expected outputs


def test_compile_errors_are_a_single_result(ex):
    for language, source in (("python3", "print(\n"), ("c", "int main(void) {"), ("cpp", "int main( {")):
        results = ex.run(Program(language, source), ["1\n", "2\n", "3\n"])
        assert len(results) == 1 and results[0].verdict == Verdict.COMPILE_ERROR, results
        assert results[0].stderr.strip()
    assert "SyntaxError" in ex.run(Program("python3", "print(\n"), ["1"])[0].stderr
    assert ex.run(Program("java", "class A {}"), ["1"])[0].verdict == Verdict.COMPILE_ERROR
    too_long = ex.run(Program("python3", "#" * (5 << 20)), ["1"])
    assert too_long[0].verdict == Verdict.COMPILE_ERROR and "longer than" in too_long[0].stderr


def test_runtime_errors_and_exit_codes(ex):
    r = ex.run(Program("python3", "import sys\nsys.exit('bad input')\n"), [""])[0]
    assert (r.verdict, r.exit_code, r.stderr) == (Verdict.RUNTIME_ERROR, 1, "bad input\n")
    r = ex.run(Program("python3", "def f():\n    return 1 / 0\nf()\n"), [""])[0]
    assert r.verdict == Verdict.RUNTIME_ERROR and r.exit_code == 1
    assert 'File "main.py", line 2, in f' in r.stderr and "ZeroDivisionError" in r.stderr
    r = ex.run(Program("c", "int main(void){return 7;}"), [""])[0]
    assert (r.verdict, r.exit_code) == (Verdict.RUNTIME_ERROR, 7)
    r = ex.run(Program("cpp", "#include <cstdlib>\nint main(){std::abort();}"), [""])[0]
    assert (r.verdict, r.signal) == (Verdict.RUNTIME_ERROR, 6)


def test_stop_on_failure(ex):
    program = Program("python3", "n = int(input())\nprint(n if n != 2 else -1)\n")
    results = ex.run(program, ["1", "2", "3"], expected=["1", "2", "3"], stop_on_failure=True)
    assert [r.verdict for r in results] == [Verdict.ACCEPTED, Verdict.WRONG_ANSWER]
    results = ex.run(program, ["1", "2", "3"], expected=["1", "2", "3"])
    assert len(results) == 3


def test_limits(ex):
    limits = Limits(time_s=0.3, memory_bytes=128 << 20, output_bytes=1000, stderr_bytes=100)
    r = ex.run(Program("python3", "print('x' * 5000)\n"), [""], limits)[0]
    assert r.verdict == Verdict.OUTPUT_LIMIT and len(r.stdout) == 1000
    r = ex.run(Program("python3", "import sys\nsys.stderr.write('e' * 5000)\nprint(1)\n"), [""], limits)[0]
    assert r.verdict == Verdict.OK and r.stderr == "e" * 100
    start = time.monotonic()
    r = ex.run(Program("python3", "while True: pass\n"), [""], limits)[0]
    assert r.verdict == Verdict.TIME_LIMIT and time.monotonic() - start < 3
    assert ex.run(Program("python3", "x = ' ' * (200 << 20)\n"), [""], limits)[0].verdict == Verdict.MEMORY_LIMIT


def test_python_runs_like_the_interpreter(ex):
    source = ("import sys\n"
              "line = sys.stdin.readline()\n"
              "print(repr(line), __name__, sys.argv, file=sys.stdout)\n"
              "print(sorted(sys.modules).count('__main__'), end='')\n")
    r = ex.run(Program("python3", source), ["a b\r\nc\n"])[0]
    assert r.stdout == "'a b\\r\\n' __main__ ['main.py']\n1"  # no newline translation on stdin
    r = ex.run(Program("python3", "print(input())\nprint(input())\n"), ["only one line\n"])[0]
    assert r.verdict == Verdict.RUNTIME_ERROR and "EOFError" in r.stderr and r.stdout == "only one line\n"
    threads = ("import threading\nout = []\n"
               "t = threading.Thread(target=lambda: out.append(sum(range(10 ** 5))))\nt.start()\n"
               "import atexit\natexit.register(lambda: print('bye'))\nt.join()\nprint(out[0])\n")
    assert ex.run(Program("python3", threads), [""])[0].stdout == "4999950000\nbye\n"


def test_deep_recursion_has_room(ex):
    source = ("import sys\nfrom functools import lru_cache\nsys.setrecursionlimit(10 ** 6)\n"
              "@lru_cache(None)\ndef f(n):\n    return 0 if n == 0 else f(n - 1) + 1\nprint(f(100000))\n")
    r = ex.run(Program("python3", source), [""], Limits(time_s=5))[0]
    assert (r.verdict, r.stdout) == (Verdict.OK, "100000\n"), r.stderr[-500:]
    source = ("#include <stdio.h>\n"  # ~128 MB of stack: far beyond the usual 8 MB
              "int f(int n){volatile char b[100]; b[0] = (char)n; return n ? f(n - 1) + (b[0] & 1) : 0;}\n"
              "int main(void){printf(\"%d\\n\", f(1000000)); return 0;}\n")
    r = ex.run(Program("c", source), [""], Limits(time_s=5))[0]
    assert (r.verdict, r.stdout) == (Verdict.OK, "500000\n"), r


def test_results_are_reproducible(ex, tmp_path):
    source = ("import random\nprint(random.randint(1, 10 ** 9), random.random())\n"
              "print(list({'apple', 'banana', 'cherry', 'date', 'elderberry'}))\n")
    first = ex.run(Program("python3", source), ["", ""])
    assert first[0].stdout == first[1].stdout
    with LocalExecutor(workers=1, cache_dir=tmp_path) as other:
        assert other.run(Program("python3", source), [""])[0].stdout == first[0].stdout


def test_map_runs_jobs_lazily_and_shares_duplicates(ex):
    pulled = []

    def jobs():
        for k in range(40):
            pulled.append(k)
            source = ADD_PY if k % 3 else "# a comment\n" + ADD_PY.replace("print(a + b)", "print(a+b)")
            yield Job(k, Program("python3", source), [f"{k % 20} 1"], expected=[str(k % 20 + 1)])

    stream = ex.map(jobs())
    first, results = next(stream)
    assert len(pulled) < 40  # not all read before the first result
    seen = {first.key: results}
    seen.update(dict((job.key, res) for job, res in stream))
    assert sorted(seen) == list(range(40))
    assert all([r.verdict for r in res] == [Verdict.ACCEPTED] for res in seen.values())
    # jobs 0 and 20 differ only by a comment and spacing: run once, the same results shared
    assert seen[0] is seen[20] or seen[0] == seen[20]


def test_map_mixes_languages_and_failures(ex):
    jobs = [Job("py", Program("python3", ADD_PY), ["1 2"], expected=["3"]),
            Job("c", Program("c", ADD_C), ["1 2"], expected=["3"]),
            Job("ce", Program("cpp", "nope"), ["1 2"], expected=["3"]),
            Job("wa", Program("python3", "print(0)"), ["1 2", "3 4"], expected=["3", "7"], stop_on_failure=True)]
    verdicts = {job.key: [r.verdict.value for r in res] for job, res in ex.map(jobs)}
    assert verdicts == {"py": ["accepted"], "c": ["accepted"], "ce": ["compile_error"], "wa": ["wrong_answer"]}


@pytest.mark.slow  # builds the precompiled header: 5-25 s on a shared 2-core machine
def test_cpp_compiles_once_with_a_precompiled_header(ex):
    source = "#include <bits/stdc++.h>\nusing namespace std;\nint main(){vector<int> v{3,1,2};sort(v.begin(),v.end());cout<<v[0]<<endl;}\n"
    assert ex.run(Program("cpp", source), [""])[0].stdout == "1\n"
    assert list(ex.compiler.pch_dir.glob("*/bits/stdc++.h.gch"))
    binaries = set(ex.compiler.directory.glob("*.bin"))
    start = time.monotonic()
    assert ex.run(Program("cpp", source), ["", ""])[1].stdout == "1\n"
    assert set(ex.compiler.directory.glob("*.bin")) == binaries and time.monotonic() - start < 2


def test_a_dead_worker_is_replaced(ex):
    worker = ex._pool.acquire()
    worker.kill()
    ex._pool.release(worker)
    results = ex.run(Program("python3", ADD_PY), ["1 2"] * 3, expected=["3"] * 3)
    assert [r.verdict for r in results] == [Verdict.ACCEPTED] * 3


def test_protections_are_reported(ex):
    prot = ex.protections
    assert prot.mode in ("bwrap-root", "bwrap-user", "none")
    assert set(prot.active) | set(prot.off) >= {"pid_namespace", "rlimits"}
    assert prot.describe().startswith("sandbox ")


def test_fallback_without_bubblewrap_still_judges(tmp_path, caplog):
    with LocalExecutor(workers=1, cache_dir=tmp_path, isolation="none") as fallback:
        assert "pid_namespace" in fallback.protections.off
        assert "OFF" in fallback.protections.describe()
        results = fallback.run(Program("python3", ADD_PY), ["1 2", "2 2"], expected=["3", "5"])
        assert [r.verdict for r in results] == [Verdict.ACCEPTED, Verdict.WRONG_ANSWER]
        if os.geteuid() == 0:  # the candidate still runs as an unprivileged uid of its own
            r = fallback.run(Program("python3", "import os\nprint(os.getuid())"), [""])[0]
            assert int(r.stdout) != 0


def test_results_round_trip_through_dicts():
    result = ExecResult(Verdict.TIME_LIMIT, "out", "err", None, 9, 1.5, 2.0, 1 << 20)
    assert ExecResult.from_dict(result.to_dict()) == result
    assert result.to_dict()["verdict"] == "time_limit"


def test_output_comparison():
    assert outputs_match("1 2\n3\n", "1  2 3")
    assert not outputs_match("1 2", "2 1")  # never order-insensitive
    assert not outputs_match("1 2", "1 2 2")
    assert outputs_match("0.3333333", "0.33333", CompareSpec(float_abs=1e-5))
    assert not outputs_match("0.3333333", "0.33", CompareSpec(float_abs=1e-5))
    assert outputs_match("1000000", "1000001", CompareSpec(float_rel=1e-5))
    assert outputs_match("YES", "yes", CompareSpec(case_sensitive=False))
    assert not outputs_match("YES", "yes")


def test_dedupe_exact_then_normalised():
    programs = [
        Program("python3", "def f():\n    'doc'\n    return 1  # one\nprint(f())\n"),
        Program("python3", "def f():\n    return 1\n\nprint(f())"),
        Program("python3", "def f():\n    return 2\nprint(f())\n"),
        Program("cpp", "int main(){ /* c */ return 0; } // x\n"),
        Program("cpp", "int main(){  return 0;\t}  "),
        Program("cpp", 'int main(){ puts("a  b"); }'),
        Program("cpp", 'int main(){ puts("a b"); }'),
        Program("python3", "def f():\n    'doc'\n    return 1  # one\nprint(f())\n"),
        Program("python3", "print(\n"),
    ]
    assert dedupe(programs) == [[0, 1, 7], [2], [3, 4], [5], [6], [8]]

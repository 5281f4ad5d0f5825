"""The pipeline through the CLI, as a user runs it: results, no-op reruns, invalidation, resume."""

import json
import os
import signal
import subprocess
import sys
import time

from alphasolve.artifacts import read_json, read_jsonl
from alphasolve.execute import LocalExecutor, Limits, Program
from alphasolve.problem import load_problem
from alphasolve.records import SAMPLE_SCHEMA
from support import add_problem, run_cli


def _solve(problem_file, out, *args):
    result = run_cli("solve", str(problem_file), "--out", str(out), *args)
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def passes_hidden_tests(problem, language, code) -> bool:
    tests = problem.hidden_tests
    with LocalExecutor(workers=1) as ex:
        results = ex.run(Program(language, code), [t.input for t in tests], Limits(time_s=2),
                         expected=[t.output for t in tests], compare=problem.compare)
    return all(r.verdict.value == "accepted" for r in results) and len(results) == len(tests)


def test_solve_writes_every_artifact_and_a_correct_top_submission(add_problem_file, tmp_path):
    out = tmp_path / "run"
    result = _solve(add_problem_file, out, "--samples", "40")
    for name in ("manifest.json", "config.toml", "problem.json", "samples.jsonl", "filter.jsonl",
                 "inputs.jsonl", "cluster_runs.jsonl", "clusters.json", "ranking.json"):
        assert (out / name).exists(), name
    samples = read_jsonl(out / "samples.jsonl")
    assert len(samples) == 40 and all(s["schema"] == SAMPLE_SCHEMA and s["problem_id"] == "add-two" for s in samples)
    assert sorted(s["sample_id"] for s in samples) == list(range(40))
    verdicts = read_jsonl(out / "filter.jsonl")
    assert sorted(v["sample_id"] for v in verdicts) == list(range(40))
    labels = {s["sample_id"]: s["label"] for s in samples}
    for v in verdicts:  # every recorded correct solution passes, the crashing/wrong ones do not
        if labels[v["sample_id"]] == "correct":
            assert v["passed"], v
    assert any(v["verdict"] == "compile_error" or v["verdict"] == "runtime_error" for v in verdicts)
    ranking = read_json(out / "ranking.json")
    assert ranking["schema"] == 1 and 1 <= len(ranking["submissions"]) <= 10
    top = ranking["submissions"][0]
    code = (out / top["file"]).read_text()
    problem = load_problem(add_problem_file)
    assert passes_hidden_tests(problem, top["language"], code)
    # the wrong programs that pass the public test (a*b, print(4)) are separated from the correct ones
    clusters = read_json(out / "clusters.json")["clusters"]
    assert clusters[0]["size"] == sum(1 for s in samples if s["label"] == "correct")
    assert "submissions" in result.stdout and "correct solution" in result.stdout


def test_rerun_of_a_finished_run_does_nothing(add_problem_file, tmp_path):
    out = tmp_path / "run"
    _solve(add_problem_file, out, "--samples", "20")
    before = {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in out.iterdir() if p.suffix in (".jsonl",)}
    ranking = (out / "ranking.json").read_bytes()
    again = _solve(add_problem_file, out, "--samples", "20", "--workers", "1")  # worker count changes nothing
    assert again.stdout.count("up to date") == 5, again.stdout
    after = {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in out.iterdir() if p.suffix in (".jsonl",)}
    assert after == before and (out / "ranking.json").read_bytes() == ranking
    assert "rank" in again.stdout and "submissions" in again.stdout  # the result is printed again


def test_changed_seed_reruns_sampling_and_everything_after(add_problem_file, tmp_path):
    out = tmp_path / "run"
    _solve(add_problem_file, out, "--samples", "20")
    samples_before = (out / "samples.jsonl").read_text()
    manifest_before = read_json(out / "manifest.json")
    result = _solve(add_problem_file, out, "--samples", "20", "--seed", "1")
    assert "settings changed (sample.seed 0 → 1): rerunning sample and the stages after it" in result.stdout
    assert (out / "samples.jsonl").read_text() != samples_before
    manifest = read_json(out / "manifest.json")
    for stage in ("sample", "filter", "cluster", "rank"):
        assert manifest["stages"][stage]["key"] != manifest_before["stages"][stage]["key"], stage
    assert manifest["stages"]["inputs"]["key"] == manifest_before["stages"]["inputs"]["key"]
    assert result.stdout.count("up to date") == 1  # only the inputs, which do not depend on samples
    assert len(read_jsonl(out / "filter.jsonl")) == 20  # judged afresh, not appended to the old ones


def test_changed_time_limit_reruns_filter_not_sampling(add_problem_file, tmp_path):
    out = tmp_path / "run"
    _solve(add_problem_file, out, "--samples", "10")
    result = _solve(add_problem_file, out, "--samples", "10", "--set", "execute.output_limit_mb=8")
    assert "settings changed (limits): rerunning filter and the stages after it" in result.stdout
    assert result.stdout.count("up to date") == 2  # sample and inputs


def test_more_samples_extend_the_run(add_problem_file, tmp_path):
    out = tmp_path / "run"
    _solve(add_problem_file, out, "--samples", "10")
    first = read_jsonl(out / "samples.jsonl")
    _solve(add_problem_file, out, "--samples", "25")
    samples = read_jsonl(out / "samples.jsonl")
    assert samples[:10] == first and len(samples) == 25
    fresh = tmp_path / "fresh"
    _solve(add_problem_file, fresh, "--samples", "25")
    assert read_jsonl(fresh / "samples.jsonl") == samples
    assert (fresh / "ranking.json").read_text().replace(str(fresh), "") == \
        (out / "ranking.json").read_text().replace(str(out), "")


def _slow_problem(tmp_path, programs=24):
    """Distinct slow programs (distinct code, not just comments: the executor dedupes those), so that
    filtering takes a few seconds and can be killed midway."""
    correct = [f"import time\ntime.sleep(0.25 + {k} * 1e-6)\na, b = map(int, input().split())\nprint(a + b)\n"
               for k in range(programs)]
    wrong = [f"import time\ntime.sleep(0.25 + {k} * 1e-6)\nprint(4)\n" for k in range(programs // 3)]
    data = add_problem(solutions=[{"language": "python3", "code": c} for c in correct],
                       incorrect_solutions=[{"language": "python3", "code": c} for c in wrong])
    path = tmp_path / "slow.json"
    path.write_text(json.dumps(data))
    return path


def test_resume_after_sigkill_during_filtering(tmp_path):
    problem_file = _slow_problem(tmp_path)
    out = tmp_path / "run"
    args = ["solve", str(problem_file), "--out", str(out), "--samples", "60", "--workers", "2",
            "--set", "inputs.count=2"]  # the slow programs need not run on 50 clustering inputs
    proc = subprocess.Popen([sys.executable, "-m", "alphasolve", *args], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 120
    filter_file = out / "filter.jsonl"
    while time.monotonic() < deadline:
        if filter_file.exists() and len(filter_file.read_bytes().splitlines()) >= 6:
            break
        assert proc.poll() is None, "the run finished before it could be killed"
        time.sleep(0.02)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    with open(filter_file, "ab") as f:  # as if killed in the middle of writing a record
        f.write(b'{"schema": 1, "problem_id": "add-two", "sample_id": 5')
    judged = read_jsonl(filter_file, repair=False)
    assert 6 <= len(judged) < 60
    samples = read_jsonl(out / "samples.jsonl")
    programs = {s["program_id"] for s in samples}
    judged_programs = {r["program_id"] for r in judged}
    assert read_json(out / "manifest.json")["stages"]["filter"]["status"] == "running"

    result = run_cli(*args)
    assert result.returncode == 0, result.stderr
    assert "resuming" in result.stdout
    manifest = read_json(out / "manifest.json")
    # finished executions are not repeated: only the programs never judged run now
    assert manifest["stages"]["filter"]["counts"]["executed_programs"] == len(programs - judged_programs)
    records = read_jsonl(filter_file)
    assert sorted(r["sample_id"] for r in records) == list(range(60))  # torn line dropped, none twice
    # and the result equals an uninterrupted run's
    fresh = tmp_path / "fresh"
    result = run_cli("solve", str(problem_file), "--out", str(fresh), "--samples", "60", "--set", "inputs.count=2")
    assert result.returncode == 0, result.stderr
    ranking = read_json(out / "ranking.json")["submissions"]
    assert ranking == read_json(fresh / "ranking.json")["submissions"]
    for sub in ranking:
        assert (out / sub["file"]).read_text() == (fresh / sub["file"]).read_text()


def test_readme_run_command_solves_a_shipped_problem(tmp_path):
    """The README's run command, as a user types it, gives a top submission that passes the hidden tests."""
    from support import REPO

    readme = (REPO / "README.md").read_text()
    command = next(line for line in readme.splitlines() if line.startswith("alphasolve solve problems/"))
    args = command.split()[1:]
    result = subprocess.run([sys.executable, "-m", "alphasolve", *args], cwd=REPO, capture_output=True, text=True,
                            stdin=subprocess.DEVNULL, timeout=600, env={**os.environ, "ALPHASOLVE_RUNS": str(tmp_path / "runs")})
    assert result.returncode == 0, result.stdout + result.stderr
    problem = load_problem(REPO / args[1])
    out = tmp_path / "runs" / problem.slug
    top = read_json(out / "ranking.json")["submissions"][0]
    assert passes_hidden_tests(problem, top["language"], (out / top["file"]).read_text())

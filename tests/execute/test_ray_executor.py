"""The Ray executor on a real local Ray cluster (2 CPUs, started here): same artifacts as the
local executor, through the CLI, also when a worker (an actor's process) is killed mid-run.

One cluster serves the module; the local run to compare with is made once. The cluster's
workers and the local runs share one compile cache, so the C++ header is precompiled once.
"""

from __future__ import annotations

import json
import os
import signal
import sys
import tempfile
import time
from pathlib import Path

import psutil
import pytest
from support import REPO, run_cli
from typer.testing import CliRunner

from alphasolve.cli import app

pytestmark = pytest.mark.slow

PROBLEM = REPO / "problems" / "max-subarray.json"
SAMPLES = "30"
TIMING_FIELDS = ("max_cpu_time",)  # measured, so never equal between two runs


def _ray():
    try:
        import ray
    except ImportError:
        if os.environ.get("CI"):
            pytest.fail("ray is not installed (pip install ray): the Ray executor is untested")
        pytest.skip("ray is not installed")
    return ray


@pytest.fixture(scope="module")
def cache_dir(tmp_path_factory) -> str:
    return os.environ.get("ALPHASOLVE_TEST_CACHE") or str(tmp_path_factory.mktemp("cache"))


@pytest.fixture(scope="module")
def ray_cluster(cache_dir):
    """A local Ray cluster in this process: 2 CPUs, its own temp dir; always shut down."""
    ray = _ray()
    assert not ray.is_initialized()
    temp = tempfile.mkdtemp(prefix="ray-", dir="/tmp")  # short: Ray puts unix sockets there
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("ALPHASOLVE_CACHE", cache_dir)  # inherited by the cluster's workers
        ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, logging_level="WARNING",
                 _node_ip_address="127.0.0.1", _temp_dir=temp)
    try:
        yield ray.get_runtime_context().gcs_address
    finally:
        ray.shutdown()
        import shutil

        shutil.rmtree(temp, ignore_errors=True)


def solve(out: Path, *extra: str, cache_dir: str):
    result = CliRunner().invoke(app, ["solve", str(PROBLEM), "--samples", SAMPLES, "--out", str(out), *extra],
                                env={"ALPHASOLVE_CACHE": cache_dir})
    assert result.exit_code == 0, (result.output, result.exception)
    return result


@pytest.fixture(scope="module")
def local_run(tmp_path_factory, cache_dir) -> Path:
    out = tmp_path_factory.mktemp("local") / "run"
    solve(out, "--executor", "local", cache_dir=cache_dir)
    return out


def artifacts(run: Path) -> dict:
    """Everything that must not depend on where the programs ran."""
    def records(name):
        rows = [json.loads(line) for line in (run / name).read_text().splitlines()]
        return sorted(json.dumps({k: v for k, v in r.items() if k not in TIMING_FIELDS}, sort_keys=True) for r in rows)

    return {
        "filter.jsonl": records("filter.jsonl"),
        "cluster_runs.jsonl": records("cluster_runs.jsonl"),
        "clusters.json": json.loads((run / "clusters.json").read_text()),
        "ranking.json": json.loads((run / "ranking.json").read_text()),
        "submissions": {p.name: p.read_text() for p in sorted((run / "submissions").iterdir())},
    }


def assert_same(run: Path, local: Path) -> None:
    got, want = artifacts(run), artifacts(local)
    assert want["submissions"] and want["filter.jsonl"]
    for name in want:
        assert got[name] == want[name], name


def test_ray_run_equals_local_run(ray_cluster, local_run, tmp_path, cache_dir):
    out = tmp_path / "ray"
    solve(out, "--executor", "ray", cache_dir=cache_dir)
    assert_same(out, local_run)
    config = (out / "config.toml").read_text()
    assert 'backend = "ray"' in config
    # the executor settings are not part of any stage key: switching back reruns nothing
    again = solve(out, "--executor", "local", cache_dir=cache_dir)
    assert "settings changed" not in again.output and "running" not in again.output


def test_a_second_driver_connects_by_address(ray_cluster, local_run, tmp_path, cache_dir):
    """`alphasolve solve` in its own process reaches the running cluster by its address."""
    out = tmp_path / "by-address"
    proc = run_cli("solve", str(PROBLEM), "--samples", SAMPLES, "--out", str(out), "--executor", "ray",
                   "--set", f'execute.ray_address="{ray_cluster}"', env={"ALPHASOLVE_CACHE": cache_dir}, timeout=120)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert_same(out, local_run)


def test_run_survives_a_killed_worker(ray_cluster, local_run, tmp_path, cache_dir, monkeypatch):
    """Kill an actor's process while it has work in flight (in the cluster stage, after its first
    result came back): Ray restarts it, its batches run again, nothing is lost."""
    from alphasolve.execute.ray_executor import RayExecutor

    original = RayExecutor.map
    calls, killed, executors = [], [], []

    def map_then_kill(self, jobs):
        calls.append(self)
        executors.append(self)
        for k, item in enumerate(original(self, jobs)):
            yield item  # the consumer has taken this result when it asks for the next
            if not killed and (out / "inputs.jsonl").exists():
                # the cluster stage (not filtering, not the input generators: inputs.jsonl is the inputs
                # stage's last write; the time budget's reference runs come first, in their own map)
                busy = self.busy_actor_pids()
                assert busy, "nothing in flight to lose"
                os.kill(busy[0], signal.SIGKILL)
                killed.append(busy[0])

    monkeypatch.setattr(RayExecutor, "map", map_then_kill)
    out = tmp_path / "killed"
    solve(out, "--executor", "ray", cache_dir=cache_dir)
    assert killed, "the run ended before a worker could be killed"
    deadline = time.monotonic() + 10
    while psutil.pid_exists(killed[0]) and psutil.Process(killed[0]).status() != psutil.STATUS_ZOMBIE:
        assert time.monotonic() < deadline, "the killed worker is still alive"
        time.sleep(0.1)
    assert executors[-1].stats["restarts"] >= 1, executors[-1].stats
    assert_same(out, local_run)


def test_an_actor_gone_for_good_is_replaced_and_its_batches_resubmitted(ray_cluster):
    """Beyond Ray's own retries: an actor killed without restart fails its batches with
    ActorDiedError; the driver starts a new actor and sends them again."""
    import ray

    from alphasolve.execute import Job, Limits, Program, Verdict
    from alphasolve.execute.ray_executor import RayExecutor

    slow = Program("python3", "import time\nn = int(input())\ntime.sleep(0.05)\nprint(n * n)\n")
    jobs = [Job(k, slow, [str(k), str(k + 1)], Limits(time_s=5), [str(k * k), str((k + 1) ** 2)]) for k in range(24)]
    jobs += jobs[:4]  # duplicates run once and share the results
    with RayExecutor(workers=2) as ex:
        assert ex.run(slow, ["7"])[0].stdout == "49\n"
        assert ex.verify_isolation()["mode"] == ex.protections.mode  # the rest of the API, on an actor
        seen = []
        for job, results in ex.map(jobs):
            seen.append(job.key)
            assert [r.verdict for r in results] == [Verdict.ACCEPTED] * 2, results
            if len(seen) == 1:
                busy = [k for k, n in enumerate(ex._load) if n]
                ray.kill(ex._actors[busy[0]], no_restart=True)
        assert sorted(seen) == sorted(job.key for job in jobs)
        assert ex.stats["resubmitted"] >= 1 and ex.stats["jobs"] == 24 + 1, ex.stats


def test_help_and_the_local_executor_never_import_ray():
    code = ("import sys\nfrom alphasolve.cli import app\nimport alphasolve.run, alphasolve.run_eval\n"
            "from alphasolve.execute.factory import make_executor\nimport alphasolve.execute.ray_executor\n"
            "assert 'ray' not in sys.modules, 'ray imported'\n")
    import subprocess

    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    help_run = run_cli("--help")
    assert help_run.returncode == 0


def test_unknown_executor_is_a_one_line_error(tmp_path):
    result = CliRunner().invoke(app, ["solve", str(PROBLEM), "--samples", "3", "--out", str(tmp_path / "x"),
                                      "--executor", "spark"])
    assert result.exit_code == 2
    assert "unknown executor 'spark'" in result.output


def batch(out: Path, *extra: str, cache_dir: str):
    result = CliRunner().invoke(app, ["batch", str(REPO / "problems"), "--samples", "10", "--out", str(out), *extra],
                                env={"ALPHASOLVE_CACHE": cache_dir})
    assert result.exit_code == 0, (result.output, result.exception)
    return result


def test_concurrent_batch_on_ray_equals_sequential_local_batch(ray_cluster, tmp_path, cache_dir):
    """Two problems at a time on the Ray cluster, through one RayExecutor whose `map` is called
    from both problems' threads: every run directory equals one-at-a-time local runs'."""
    from alphasolve.execute.ray_executor import RayExecutor

    local, ray_runs = tmp_path / "local", tmp_path / "ray"
    batch(local, "--executor", "local", "--concurrency", "1", cache_dir=cache_dir)
    made = []
    original_init = RayExecutor.__init__

    def init(self, *args, **kwargs):
        made.append(self)
        original_init(self, *args, **kwargs)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(RayExecutor, "__init__", init)
        batch(ray_runs, "--executor", "ray", "--concurrency", "2", cache_dir=cache_dir)
    assert len(made) == 1 and made[0].stats["batches"] > 0  # one executor served every problem
    runs = sorted(p.name for p in local.iterdir() if p.is_dir())
    assert len(runs) == 6 and runs == sorted(p.name for p in ray_runs.iterdir() if p.is_dir())
    for name in runs:
        assert_same(ray_runs / name, local / name)

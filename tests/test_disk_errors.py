"""A full or read-only disk under the run directory: one line naming the path, exit 2, and the run
resumes once the disk takes writes again (real tmpfs mounts; root only, skipped elsewhere)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from alphasolve.artifacts import JsonlAppender, read_jsonl

REPO = Path(__file__).resolve().parents[1]
PROBLEM = REPO / "problems" / "kattis-different.json"


def _mount(point: Path, options: str) -> None:
    subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(point)], check=True, capture_output=True)


@pytest.fixture
def small_disk(tmp_path):
    """A 96 KiB tmpfs: room for the run's small files, not for 400 samples."""
    point = tmp_path / "disk"
    point.mkdir()
    if os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root")
    try:
        _mount(point, "size=96k")
    except (subprocess.CalledProcessError, FileNotFoundError) as exc:
        pytest.skip(f"cannot mount a tmpfs here: {exc}")
    try:
        yield point
    finally:
        subprocess.run(["umount", "-l", str(point)], capture_output=True)


def _solve(out: Path, samples: int) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "alphasolve", "solve", str(PROBLEM), "--config", "replay",
                           "--samples", str(samples), "--out", str(out)],
                          capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=600)


def _error_lines(proc: subprocess.CompletedProcess) -> list[str]:
    return [line for line in proc.stderr.splitlines() if line.startswith("error:")]


def test_full_disk_is_one_line_and_the_run_resumes(small_disk, tmp_path):
    out = small_disk / "run"
    proc = _solve(out, 400)
    assert proc.returncode == 2, proc.stderr
    [line] = _error_lines(proc)
    assert str(out) in line and "no space left on device" in line and "Traceback" not in proc.stderr
    assert (out / "samples.jsonl").exists()  # it got as far as sampling: the failure was mid-stage

    subprocess.run(["mount", "-o", "remount,size=64m", str(small_disk)], check=True)
    resumed = _solve(out, 400)
    assert resumed.returncode == 0, resumed.stderr
    assert "resuming" in resumed.stdout + resumed.stderr

    reference = _solve(tmp_path / "reference", 400)
    assert reference.returncode == 0, reference.stderr
    ids = [r["sample_id"] for r in read_jsonl(out / "samples.jsonl")]
    assert sorted(ids) == list(range(400))  # the torn last line was dropped, nothing lost or doubled
    ranking, expected = (json.loads((d / "ranking.json").read_text())["submissions"]
                         for d in (out, tmp_path / "reference"))
    assert [s["program_id"] for s in ranking] == [s["program_id"] for s in expected]


def test_read_only_disk_is_one_line_and_nothing_is_lost(small_disk):
    subprocess.run(["mount", "-o", "remount,size=64m", str(small_disk)], check=True)
    out = small_disk / "run"
    assert _solve(out, 20).returncode == 0
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file() and p.name != ".lock"}
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    try:
        proc = _solve(out, 30)
    finally:
        subprocess.run(["mount", "-o", "remount,rw", str(small_disk)], check=True)
    assert proc.returncode == 2, proc.stderr
    [line] = _error_lines(proc)
    assert str(out) in line and "read-only file system" in line
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file() and p.name != ".lock"} == before
    assert _solve(out, 30).returncode == 0
    assert len(read_jsonl(out / "samples.jsonl")) == 30


def test_appender_refused_mid_record_leaves_a_torn_line_that_resume_drops(small_disk):
    path = small_disk / "records.jsonl"
    from alphasolve.errors import AlphasolveError

    written = 0
    with pytest.raises(AlphasolveError, match="no space left on device") as info:
        with JsonlAppender(path) as out:
            for k in range(10_000):
                out.write({"k": k, "pad": "x" * 1000})
                written += 1
    assert str(path) in str(info.value)
    subprocess.run(["mount", "-o", "remount,size=64m", str(small_disk)], check=True)
    records = read_jsonl(path)  # repairs: the torn line is cut off
    assert [r["k"] for r in records] == list(range(len(records))) and len(records) <= written
    with JsonlAppender(path) as out:
        out.write({"k": len(records), "pad": ""})
    assert [r["k"] for r in read_jsonl(path)] == list(range(len(records) + 1))

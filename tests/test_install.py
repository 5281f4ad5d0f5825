"""The built wheel works without the source tree: it holds configs/ (default.toml, the presets, the
prompt templates), found through the package, and a run from it writes the clone's config.toml.
(.ci/run also installs the wheel, with its dependencies, into a fresh virtual environment.)"""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from support import REPO, run_cli

pytestmark = pytest.mark.slow


def test_the_wheel_ships_configs_and_solves_from_anywhere(tmp_path):
    dist = tmp_path / "dist"
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation",
                            "-w", str(dist), str(REPO)], capture_output=True, text=True, timeout=300)
    assert built.returncode == 0, built.stderr
    wheel = next(dist.glob("alphasolve-*.whl"))
    shipped = {p.relative_to(REPO).as_posix() for p in (REPO / "configs").rglob("*") if p.suffix in (".toml", ".txt")}
    with zipfile.ZipFile(wheel) as z:
        inside = {n.removeprefix("alphasolve/") for n in z.namelist() if n.startswith("alphasolve/configs/")}
        assert inside == shipped
        for name in shipped:
            assert z.read(f"alphasolve/{name}") == (REPO / name).read_bytes()
        site = tmp_path / "site"
        z.extractall(site)

    # the unpacked wheel first on the path, run from a directory with no clone in sight
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    problem = elsewhere / "kattis-different.json"
    problem.write_bytes((REPO / "problems" / "kattis-different.json").read_bytes())
    env = {k: v for k, v in os.environ.items() if k not in ("ALPHASOLVE_CONFIG", "PYTHONPATH")}
    env["PYTHONPATH"] = str(site)
    where = subprocess.run([sys.executable, "-c", "import alphasolve.config as c; print(c.__file__); "
                            "print(c.CONFIGS_DIR.resolve())"], cwd=elsewhere, env=env, capture_output=True,
                           text=True, timeout=60)
    assert where.stdout.splitlines() == [str(site / "alphasolve" / "config.py"), str(site / "alphasolve" / "configs")]
    args = ["solve", "kattis-different.json", "--config", "replay", "--samples", "6", "--set", "inputs.count=5"]
    from_wheel = subprocess.run([sys.executable, "-m", "alphasolve", *args, "--out", "run"], cwd=elsewhere, env=env,
                                capture_output=True, text=True, timeout=300, stdin=subprocess.DEVNULL)
    assert from_wheel.returncode == 0, from_wheel.stderr
    from_clone = run_cli(*args[:1], str(problem), *args[2:], "--out", str(tmp_path / "clone-run"))
    assert from_clone.returncode == 0, from_clone.stderr
    assert (elsewhere / "run" / "config.toml").read_text() == (tmp_path / "clone-run" / "config.toml").read_text()
    assert 'backend = "replay"' in (elsewhere / "run" / "config.toml").read_text()

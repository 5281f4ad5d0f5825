"""Helpers for the executor's tests (fixtures are in conftest.py)."""

from __future__ import annotations

import json
from pathlib import Path

import psutil
from typer.testing import CliRunner

from alphasolve.cli import app
from alphasolve.execute import sandbox

ADD_PY = "a, b = map(int, input().split())\nprint(a + b)\n"
ADD_C = '#include <stdio.h>\nint main(void){long long a,b;scanf("%lld %lld",&a,&b);printf("%lld\\n",a+b);return 0;}\n'
ADD_CPP = "#include <iostream>\nint main(){long long a,b;std::cin>>a>>b;std::cout<<a+b<<std::endl;}\n"


def write_problem(directory: Path, tests=(("1 2\n", "3\n"), ("20 22\n", "42\n")), **fields) -> Path:
    data = {"name": "add", "public_tests": {"input": [tests[0][0]], "output": [tests[0][1]]},
            "private_tests": {"input": [t[0] for t in tests[1:]], "output": [t[1] for t in tests[1:]]},
            "time_limit": 0.5, "memory_limit_mb": 256, **fields}
    path = directory / "problem.json"
    path.write_text(json.dumps(data))
    return path


class Judge:
    """Runs `alphasolve judge --json` in-process and returns one report per program."""

    def __init__(self, directory: Path):
        self.directory = directory
        self.runner = CliRunner()

    def __call__(self, programs: dict[str, str], *args: str, problem: Path | None = None,
                 expect_exit: int = 0) -> dict[str, dict]:
        problem = problem or write_problem(self.directory)
        paths = []
        for name, source in programs.items():
            path = self.directory / name
            path.write_text(source)
            paths.append(str(path))
        result = self.runner.invoke(app, ["judge", str(problem), *paths, "--json", *args])
        assert result.exit_code == expect_exit, (result.output, result.exception)
        if expect_exit:
            return {}
        reports = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
        return {Path(r["solution"]).name: r for r in reports}


def sandbox_processes() -> list[psutil.Process]:
    """Live processes running as one of the candidate uids this test process hands out."""
    uids = sandbox.uids_of_this_process()
    found = []
    for proc in psutil.process_iter(["uids", "status"]):
        try:
            if proc.info["uids"] and proc.info["uids"].real in uids and proc.info["status"] != psutil.STATUS_ZOMBIE:
                found.append(proc)
        except psutil.Error:
            pass
    return found


def assert_nothing_left(private_tmp: Path, markers: list[Path] = ()) -> None:
    """No candidate or worker process, no temporary file, no marker file survives a judge run."""
    leftovers = sandbox_processes()
    assert not leftovers, f"candidate processes left: {[p.info for p in leftovers]}"
    children = [p for p in psutil.Process().children(recursive=True) if p.status() != psutil.STATUS_ZOMBIE]
    assert not children, f"worker processes left: {[(p.pid, p.cmdline()[:3]) for p in children]}"
    assert not list(private_tmp.iterdir()), f"temporary files left: {list(private_tmp.iterdir())}"
    for marker in markers:
        assert not marker.exists() and not marker.is_symlink(), f"the candidate wrote {marker}"

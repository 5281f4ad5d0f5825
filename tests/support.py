"""Helpers shared by the test modules: shared data, a tiny problem, running the CLI."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("ALPHASOLVE_SHARED", REPO / ".." / "shared")).resolve()


def shared_file(relative: str) -> Path:
    """A file from ../shared; a missing one fails the test, naming it (never a silent skip)."""
    path = SHARED / relative
    if not path.exists():
        pytest.fail(f"shared data file missing: {path} (set ALPHASOLVE_SHARED to the shared/ folder)")
    return path


ADD_CORRECT_PY = "a, b = map(int, input().split())\nprint(a + b)\n"
ADD_CORRECT_PY2 = "import sys\nprint(sum(map(int, sys.stdin.read().split())))\n"
ADD_CORRECT_C = '#include <stdio.h>\nint main(void){long long a,b;scanf("%lld %lld",&a,&b);printf("%lld\\n",a+b);return 0;}\n'
ADD_CORRECT_CPP = "#include <iostream>\nint main(){long long a,b;std::cin>>a>>b;std::cout<<a+b<<std::endl;}\n"
ADD_WRONG_MUL = "a, b = map(int, input().split())\nprint(a * b)\n"  # passes the public test 2 2 -> 4
ADD_WRONG_CONST = "print(4)\n"  # passes the public test too
ADD_WRONG_CRASH = "a, b = map(int, input().split())\nprint(a + b + 1)\n"  # fails the public test
ADD_WRONG_SYNTAX = "print(\n"


def add_problem(**extra) -> dict:
    """A tiny real problem: print a + b. Public test 2 2 -> 4, which a*b and print(4) also pass."""
    hidden = [("1 2\n", "3\n"), ("10 -3\n", "7\n"), ("0 0\n", "0\n"), ("100 250\n", "350\n")]
    data = {
        "name": "add-two",
        "description": "Read two integers a and b and print a + b.",
        "public_tests": {"input": ["2 2\n"], "output": ["4\n"]},
        "private_tests": {"input": [i for i, _ in hidden], "output": [o for _, o in hidden]},
        "generated_tests": {"input": [], "output": []},
        "solutions": {"language": [3, 3, 2, "c"], "solution": [ADD_CORRECT_PY, ADD_CORRECT_PY2, ADD_CORRECT_CPP, ADD_CORRECT_C]},
        "incorrect_solutions": {"language": [3, 3, 3, 3],
                                "solution": [ADD_WRONG_MUL, ADD_WRONG_CONST, ADD_WRONG_CRASH, ADD_WRONG_SYNTAX]},
        "time_limit": {"seconds": 2, "nanos": 0},
        "memory_limit_bytes": 256 * 1024 * 1024,
        "cf_rating": 800,
    }
    data.update(extra)
    return data


def run_cli(*args: str, env: dict | None = None, timeout: float = 300) -> subprocess.CompletedProcess:
    """`alphasolve ARGS` as a real subprocess (python -m alphasolve), no stdin."""
    return subprocess.run([sys.executable, "-m", "alphasolve", *args], capture_output=True, text=True,
                          stdin=subprocess.DEVNULL, timeout=timeout, env={**os.environ, **(env or {})})


def statement(section: str) -> str:
    """A statement whose input section is `section` (for the spec reader's tests)."""
    return f"A story.\n\nInput\n\n{section}\n\nOutput\n\nPrint the answer.\n"


def layout_shape(nodes, lengths: bool = False) -> list:
    """A spec layout as nested lists of (name, count) for compact assertions; with `lengths`, an
    item without a count shows its length ("C characters")."""
    from alphasolve.inputs.spec import Block, Line

    out = []
    for node in nodes:
        if isinstance(node, Line):
            out.append([(i.name, i.count or (i.length if lengths else None)) for i in node.items])
        else:
            assert isinstance(node, Block)
            out.append((node.repeat, layout_shape(node.body, lengths)))
    return out


def read_spec(section: str):
    """The spec of a statement whose input section is `section`, which must have a layout (the
    reason it has none otherwise)."""
    from alphasolve.inputs.spec_layout import layout_failure
    from alphasolve.inputs.spec_parse import parse_spec

    spec = parse_spec(statement(section))
    assert spec.layout is not None, layout_failure(section, [v.name for v in spec.variables])
    return spec


def drawn(spec, example: str = "", count: int = 8, seed: int = 1, max_bytes: int = 20_000) -> list[str]:
    """Inputs drawn from `spec` (filled from the public `example`, as a run does): at least one,
    and each passing the spec's own check (for the spec reader's tests)."""
    from alphasolve.inputs.spec_check import check_input
    from alphasolve.inputs.spec_gen import spec_inputs

    inputs = [g.input for g in spec_inputs(spec, count=count, seed=seed, max_bytes=max_bytes,
                                           examples=[example] if example else [])]
    assert inputs
    for text in inputs:
        assert check_input(spec, text) == [], text
    return inputs

"""Clustering inputs from input generators (alphasolve.inputs.generators), through the CLI.

The replay backend uses a problem's recorded `input_generators`; the shipped max-subarray
problem has one that prints small arrays with values up to the 10^9 bound, which is what it
takes to catch the 32-bit overflow of `kadane_int.cpp`: mutants of the public input
(values below 10) never overflow.
"""

from __future__ import annotations

import json

from typer.testing import CliRunner

from alphasolve.cli import app
from alphasolve.inputs.generators import interleave
from alphasolve.stages import load_samples_file
from support import REPO, add_problem

MAX_SUBARRAY = REPO / "problems" / "max-subarray.json"
runner = CliRunner()


def _solve(problem, out, *flags: str):
    result = runner.invoke(app, ["solve", str(problem), "--out", str(out), "--samples", "40", *flags])
    assert result.exit_code == 0, result.output
    return result


def _overflow_program(out) -> str:
    overflow = (REPO / "problems/src/max-subarray/submissions/wrong_answer/kadane_int.cpp").read_text()
    for sample in load_samples_file(out / "samples.jsonl").values():
        if sample.code == overflow:
            return sample.program_id
    raise AssertionError("the replay drew no kadane_int.cpp")


def _cluster_of(out, program_id: str) -> dict:
    clusters = json.loads((out / "clusters.json").read_text())["clusters"]
    return next(c for c in clusters if program_id in c["programs"])


def _labels(out) -> dict[str, str]:
    return {json.loads(l)["program_id"]: json.loads(l)["label"] for l in (out / "samples.jsonl").read_text().splitlines()}


def test_generator_inputs_separate_a_bug_that_mutants_miss(tmp_path):
    """Without the statement's spec (which also reaches 10^9: tests/cli/test_spec_command.py), only the
    generator's inputs catch the overflow."""
    plain, with_gen = tmp_path / "plain", tmp_path / "gen"
    _solve(MAX_SUBARRAY, plain, "--set", "inputs.generators=0", "--set", "inputs.spec=false")
    _solve(MAX_SUBARRAY, with_gen, "--set", "inputs.spec=false")  # the problem's own generator

    labels = _labels(with_gen)
    bug = _overflow_program(plain)
    assert any(labels[p] == "correct" for p in _cluster_of(plain, bug)["programs"]), "mutants alone miss the overflow"
    assert not any(labels[p] == "correct" for p in _cluster_of(with_gen, bug)["programs"])
    correct = {json.dumps(c["programs"]) for c in json.loads((with_gen / "clusters.json").read_text())["clusters"]
               if any(labels[p] == "correct" for p in c["programs"])}
    assert len(correct) == 1, "the correct programs still agree on the generated inputs"

    inputs = [json.loads(l) for l in (with_gen / "inputs.jsonl").read_text().splitlines()]
    origins = [r["origin"] for r in inputs]
    assert origins[0] == "public[0]" and origins[1] == "generator[0]:seed=0"
    from_gen = [r for r in inputs if r["origin"].startswith("generator")]
    assert 0 < len(from_gen) <= 25 and len(inputs) == 50  # at most generator_share of count; mutants fill
    for r in from_gen:
        n, *rest = r["input"].split("\n")
        assert len(rest[0].split()) == int(n)
    record = json.loads((with_gen / "generators.json").read_text())
    assert record["generators"][0]["source"] == "problem" and record["generators"][0]["runs"]["usable"] == 20


def test_hostile_and_broken_generators_are_contained(tmp_path):
    good = "import sys, random\nr = random.Random(int(sys.stdin.read()))\nprint(r.randint(1, 50), r.randint(1, 50))\n"
    generators = [
        {"language": "python3", "code": "while True:\n    print('1 2' * 1000)\n"},  # prints forever
        {"language": "python3", "code": "import time\ntime.sleep(60)\n"},  # hangs
        {"language": "python3", "code": "raise SystemExit(3)\n"},  # crashes
        {"language": "python3", "code": "print(\n"},  # does not compile
        {"language": "python3", "code": "import os\nprint(os.getpid() * 0 + 7, 7)\nopen('/tmp/x', 'w')\n"},  # fails late
        {"language": "python3", "code": good},
    ]
    path = tmp_path / "add.json"
    path.write_text(json.dumps(add_problem(input_generators=generators, time_limit=0.5)))
    out = tmp_path / "run"
    result = runner.invoke(app, ["solve", str(path), "--out", str(out), "--samples", "10",
                                 "--set", "inputs.generators=6", "--set", "inputs.generator_seeds=5"])
    assert result.exit_code == 0, result.output
    record = json.loads((out / "generators.json").read_text())
    usable = {g["generator_id"]: g["runs"]["usable"] for g in record["generators"]}
    assert usable == {0: 0, 1: 0, 2: 0, 3: 0, 4: 0, 5: 5}
    verdicts = {g["generator_id"]: set(g["runs"]["verdicts"]) for g in record["generators"]}
    assert verdicts[0] == {"output_limit"} and verdicts[1] == {"time_limit"} and verdicts[2] == {"runtime_error"} and verdicts[3] == {"compile_error"}
    from_gen = [json.loads(l) for l in (out / "inputs.jsonl").read_text().splitlines() if "generator[5]" in l]
    assert len(from_gen) == 5 and all(len(r["input"].split()) == 2 for r in from_gen)


def test_generator_inputs_are_cached_and_rerun_when_the_generators_change(tmp_path):
    gen = "import sys\nk = int(sys.stdin.read())\nprint(k, k + 1)\n"
    path = tmp_path / "add.json"
    path.write_text(json.dumps(add_problem(input_generators=[{"language": "python3", "code": gen}])))
    out = tmp_path / "run"
    flags = ["--set", "inputs.generators=1", "--set", "inputs.generator_seeds=3"]
    _solve(path, out, *flags)
    before = (out / "inputs.jsonl").read_bytes()
    assert b'"2 3\\n"' in before
    again = _solve(path, out, *flags)
    assert "inputs" in again.output and (out / "inputs.jsonl").read_bytes() == before
    path.write_text(json.dumps(add_problem(input_generators=[{"language": "python3", "code": gen.replace("+ 1", "+ 2")}])))
    changed = _solve(path, out, *flags)
    assert "settings changed" in changed.output
    assert b'"2 4\\n"' in (out / "inputs.jsonl").read_bytes()


def test_interleave_takes_seed_by_seed_across_generators_without_repeats():
    outputs = {0: ["a\n", "b\n", "c\n"], 3: ["x\n", "a\n", "y\n"], 4: []}
    seen = {"public"}
    got = interleave(outputs, 4, seen)
    assert [(g.input, g.origin) for g in got] == [("a\n", "generator[0]:seed=0"), ("x\n", "generator[3]:seed=0"),
                                                   ("b\n", "generator[0]:seed=1"), ("c\n", "generator[0]:seed=2")]
    assert seen == {"public", "a", "x", "b", "c"}
    assert interleave({0: ["  1   2 \n"]}, 5, {"1 2"}) == []

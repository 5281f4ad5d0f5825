"""samples.jsonl keeps each program once (schema 2: its span in the completion), the stages load
samples without their text, and runs written with schema 1 (the program stored twice) resume."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from alphasolve.records import Sample
from alphasolve.stages import load_samples_file

REPO = Path(__file__).resolve().parents[1]

COMPLETION = "Use a set.\n\n```python\nprint(len(set(input().split())))\n```\nDone.\n"


def test_the_program_is_stored_once_as_a_span_and_read_back():
    sample = Sample("p", 3, "python3", "print(len(set(input().split())))\n", text=COMPLETION, mean_logprob=-0.5)
    record = sample.to_dict()
    assert "code" not in record and record["schema"] == 2
    assert COMPLETION[slice(*record["code_span"])] == sample.code
    assert COMPLETION.count("print(len") == 1 and json.dumps(record).count("print(len") == 1
    back = Sample.from_dict(json.loads(json.dumps(record)))
    assert back == sample and back.program_id == sample.program_id


def test_code_that_is_not_a_slice_of_the_completion_is_stored_as_code():
    sample = Sample("p", 0, "python3", "x = 1\nprint(x)\n", text="```py\nx = 1\r\nprint(x)\n```")
    record = sample.to_dict()
    assert record["code"] == sample.code and "code_span" not in record
    assert Sample.from_dict(record) == sample
    empty = Sample("p", 1, None, None, text="no program here").to_dict()
    assert Sample.from_dict(empty).code is None and empty["program_id"] is None


def test_a_schema_1_record_reads_the_same():
    sample = Sample("p", 0, "python3", "print(1)\n", text="print(1)\n", label="correct")
    old = {"schema": 1, **{k: getattr(sample, k) for k in sample.__dataclass_fields__}, "program_id": sample.program_id}
    assert Sample.from_dict(old) == sample


def test_stages_load_samples_without_text_and_share_each_program(tmp_path):
    path = tmp_path / "samples.jsonl"
    code = "print(len(set(input().split())))\n"
    with open(path, "w") as f:
        for k in range(50):
            f.write(json.dumps(Sample("p", k, "python3", code, text=COMPLETION.replace("Done", f"Done {k}"),
                                      meta={"variant": k}).to_dict()) + "\n")
    samples = load_samples_file(path)
    assert sorted(samples) == list(range(50))
    assert all(s.text == "" and not s.meta for s in samples.values())
    assert len({id(s.code) for s in samples.values()}) == 1 and samples[7].code == code
    assert len({s.program_id for s in samples.values()}) == 1


def test_a_run_written_with_schema_1_samples_resumes(tmp_path):
    problem = REPO / "problems" / "kattis-different.json"
    run = tmp_path / "run"

    def solve(n: int) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "alphasolve", "solve", str(problem), "--config", "replay",
                               "--samples", str(n), "--out", str(run)], capture_output=True, text=True,
                              stdin=subprocess.DEVNULL, timeout=600)

    assert solve(20).returncode == 0
    lines = (run / "samples.jsonl").read_text().splitlines()
    old = []
    for line in lines:  # as alphasolve wrote them before schema 2: the program stored as `code`
        record = json.loads(line)
        span = record.pop("code_span", None)
        old.append({**record, "schema": 1, "code": record["text"][span[0]:span[1]] if span else record.get("code")})
    (run / "samples.jsonl").write_text("".join(json.dumps(r) + "\n" for r in old))
    ranking = json.loads((run / "ranking.json").read_text())["submissions"]
    again = solve(30)
    assert again.returncode == 0, again.stderr
    assert "resuming: 20 of 30 samples on disk" in again.stdout + again.stderr
    records = [json.loads(line) for line in (run / "samples.jsonl").read_text().splitlines()]
    assert [r["schema"] for r in records] == [1] * 20 + [2] * 10
    reference = tmp_path / "reference"
    assert subprocess.run([sys.executable, "-m", "alphasolve", "solve", str(problem), "--config", "replay",
                           "--samples", "30", "--out", str(reference)], capture_output=True,
                          stdin=subprocess.DEVNULL, timeout=600).returncode == 0
    assert json.loads((run / "ranking.json").read_text()) == json.loads((reference / "ranking.json").read_text())
    assert ranking  # the first run ranked something (so the comparison above is not of empty rankings)

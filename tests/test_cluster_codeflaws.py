"""Clustering on real pools (Codeflaws): accepted programs together, buggy survivors apart.

Public tests = the first Codeforces test; the generated inputs (shape-preserving and boundary
mutants of it) must put every accepted program in one cluster and keep out of it the buggy
programs that pass the public test. Checked through `alphasolve solve` with the replay
sampler on the first PROBLEMS problems of codeflaws-dev (in file order) whose pools have
several accepted programs and buggy ones that pass the public test.

Known limits (why it is a majority, not all): some "accepted" Codeforces programs are wrong
off the official tests (hard-coded answers) or print one of several valid answers, and some
bugs show only on inputs a mutation of the first test cannot guess (values far beyond it,
another alphabet).
"""

import json

from typer.testing import CliRunner

from alphasolve.cli import app
from alphasolve.sources import Skip
from alphasolve.sources.codeflaws import convert_codeflaws_record, read_codeflaws_records
from support import shared_file

PROBLEMS = 10
SAMPLES = 100


def _pools():
    for record in read_codeflaws_records(shared_file("data/codeflaws/codeflaws-dev.jsonl.gz")):
        if len(record["accepted"]) < 2 or not record["buggy"] or len(record["tests"]) < 3:
            continue
        converted = convert_codeflaws_record(record)
        if isinstance(converted, Skip):
            continue
        yield converted


def _outcome(out) -> tuple[bool, bool] | None:
    """(accepted programs in one cluster, no buggy program in it); None: nothing to separate."""
    labels = {}
    for line in (out / "samples.jsonl").read_text().splitlines():
        s = json.loads(line)
        labels[s["program_id"]] = s["label"]
    clusters = json.loads((out / "clusters.json").read_text())["clusters"]
    correct = [c for c in clusters if any(labels[p] == "correct" for p in c["programs"])]
    if not correct or not any(labels[p] == "incorrect" for c in clusters for p in c["programs"]):
        return None  # no accepted survivor, or no buggy program passed the public test
    return len(correct) == 1, not any(labels[p] == "incorrect" for p in correct[0]["programs"])


def test_accepted_programs_cluster_together_and_buggy_survivors_apart(tmp_path):
    runner = CliRunner()
    outcomes = {}
    for problem in _pools():
        path = tmp_path / f"{problem['id']}.json"
        path.write_text(json.dumps(problem))
        out = tmp_path / "runs" / problem["id"]
        result = runner.invoke(app, ["solve", str(path), "--out", str(out), "--samples", str(SAMPLES)])
        assert result.exit_code == 0, result.output
        outcome = _outcome(out)
        if outcome is not None:
            outcomes[problem["id"]] = outcome
        if len(outcomes) == PROBLEMS:
            break
    assert len(outcomes) == PROBLEMS
    good = [pid for pid, (together, apart) in outcomes.items() if together and apart]
    print(f"separated on {len(good)}/{len(outcomes)}: {outcomes}")
    assert len(good) > len(outcomes) / 2, outcomes

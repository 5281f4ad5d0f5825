"""The report `batch --eval` ends with: solved@1/@10 and samples per problem, the published
figures of the problems' benchmark at the nearest sample budget (alphasolve/published.py), and
the cost per stage. The CLI case replays shipped problems (the CodeContests files carry no
solutions to replay), one of them tagged as a CodeContests test problem."""

from __future__ import annotations

import json

from support import REPO
from typer.testing import CliRunner

from alphasolve.cli import app
from alphasolve.evaluate import problem_report
from alphasolve.published import BENCHMARKS
from alphasolve.report import batch_report


def test_published_table_and_nearest_budget():
    bench = BENCHMARKS["codecontests-test"]
    # arXiv:2203.07814v1 Section 5.2, Table 5, row "41B + clustering", test set (checked against the paper)
    assert bench.problems == 165 and "Li et al. 2022" in bench.source and "arXiv:2203.07814v1" in bench.source
    assert "Section 5.2, Table 5" in bench.source and '"41B + clustering"' in bench.source
    assert [(r.system, r.submissions, r.samples, r.rate) for r in bench.results] == [
        ("AlphaCode 41B + clustering", 10, 1_000, 0.164), ("AlphaCode 41B + clustering", 10, 10_000, 0.254),
        ("AlphaCode 41B + clustering", 10, 100_000, 0.296)]
    assert [bench.nearest(k).samples for k in (1, 100, 3_000, 3_500, 30_000, 10 ** 6)] == \
        [1_000, 1_000, 1_000, 10_000, 10_000, 100_000]
    assert bench.nearest(100, submissions=1) is None  # AlphaCode published 10@k only


def test_batch_report_sums_costs_and_compares_per_benchmark():
    def report(pid, solved_rank, samples, cost):
        r = problem_report(pid, f"runs/{pid}", 5, samples, 3, 1, 2, [k + 1 == solved_rank for k in range(2)], 0.5)
        r.cost = {"wall_s": 9.0, "eval": cost}
        return r
    reports = [report("a", 1, 100, {"wall_s": 1.0, "executions": 4}), report("b", 2, 100, {}),
               report("c", None, 50, {"cpu_s": 0.5})]
    stages = [{"sample": {"cost": {"tokens": 10, "wall_s": 2.0}}, "filter": {"cost": {"executions": 7, "cpu_s": 1.5}}}] * 3
    out = batch_report(reports, stages, ["codecontests-test", "codecontests-test", None], failed=1)
    assert out["problems"] == 3 and out["failed"] == 1
    assert out["solved_at"] == {"1": 1, "10": 2} and out["samples_per_problem"] == {"min": 50, "max": 100, "mean": 83.333}
    (c,) = out["comparisons"]
    assert c["problems"] == 2 and c["benchmark_problems"] == 165 and c["solved_at"] == {"1": 1, "10": 2}
    assert c["published"]["samples"] == 1_000 and c["published"]["rate"] == 0.164 and c["published"]["metric"] == "10@1k"
    assert "2 of the 165 problems" in c["note"] and "subset" in c["note"]
    cost = out["cost"]
    assert list(cost) == ["sample", "filter", "eval", "total"]
    assert cost["sample"]["tokens"] == 30 and cost["filter"]["executions"] == 21 and cost["eval"]["executions"] == 4
    assert cost["total"]["wall_s"] == 7.0 and cost["total"]["cpu_s"] == 5.0 and cost["total"]["executions"] == 25


def test_replay_batch_ends_with_the_report(tmp_path):
    problems = tmp_path / "problems"
    problems.mkdir()
    for name in ("codeflaws-581-A", "gcj-codejam-2016-qualification_round-counting_sheep"):
        data = json.loads((REPO / "problems" / f"{name}.json").read_text())
        if name == "codeflaws-581-A":
            data["provenance"]["benchmark"] = "codecontests-test"  # stands in for a CodeContests test problem
        (problems / f"{name}.json").write_text(json.dumps(data))
    runs = tmp_path / "runs"
    result = CliRunner().invoke(app, ["batch", str(problems), "--out", str(runs), "--samples", "6", "--eval"])
    assert result.exit_code == 0, (result.output, result.exception)
    text = result.output
    assert "report: 2 problems evaluated; 6 samples per problem; solved@1 " in text
    assert "beside published results: CodeContests test split" in text and "1 of 165" in text
    assert "AlphaCode 41B + clustering, 1,000 samples" in text and "16.4%" in text
    assert "10@1k 16.4%, 10@10k 25.4%, 10@100k 29.6%" in text and "Li et al. 2022" in text
    assert "cost per stage" in text and "exec CPU s" in text
    saved = json.loads((runs / "batch-report.json").read_text())
    assert saved["problems"] == 2 and saved["samples_per_problem"]["max"] == 6
    assert saved["comparisons"][0]["problems"] == 1
    stages = saved["cost"]
    assert stages["filter"]["executions"] > 0 and stages["eval"]["executions"] > 0 and stages["sample"]["tokens"] == 0
    total = stages["total"]
    assert total["executions"] == sum(c["executions"] for s, c in stages.items() if s != "total")
    summary = json.loads((runs / "eval-summary.json").read_text())
    assert [saved["solved_at"][k] for k in ("1", "10")] == [summary["solved_at"][k] for k in ("1", "10")]

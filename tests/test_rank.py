"""Ranking: scores, member choice, fills and the fallback."""

import json
import re

from typer.testing import CliRunner

from alphasolve.cli import app
from alphasolve.cluster import Cluster
from alphasolve.rank import RankWeights, rank_clusters
from alphasolve.records import Sample
from support import ADD_WRONG_CRASH, add_problem


def _samples(spec):
    """spec: list of (program text, mean_logprob) per sample id."""
    return {i: Sample("p", i, "python3", code, mean_logprob=lp) for i, (code, lp) in enumerate(spec)}


def _cluster(cid, samples, ids):
    programs = []
    for i in ids:
        if samples[i].program_id not in programs:
            programs.append(samples[i].program_id)
    return Cluster(cid, len(ids), f"sig{cid}", programs, sorted(ids))


def test_largest_cluster_first_and_most_sampled_member_without_logprobs():
    samples = _samples([("a", None), ("b", None), ("b", None), ("c", None), ("d", None)])
    big, small = _cluster(0, samples, [0, 1, 2, 3]), _cluster(1, samples, [4])
    subs = rank_clusters([small, big], samples, survivors=5, limit=2, fill=False)
    assert [s.cluster_id for s in subs] == [0, 1]
    assert subs[0].program_id == samples[1].program_id  # "b" was sampled twice
    assert subs[0].scores["cluster_size"] == 4 and subs[0].rank == 1


def test_logprob_weight_can_reorder_clusters_and_picks_the_likeliest_member():
    samples = _samples([("a", -2.0), ("b", -0.5), ("c", -3.0), ("d", -0.1)])
    big, small = _cluster(0, samples, [0, 1, 2]), _cluster(1, samples, [3])
    assert rank_clusters([big, small], samples, 4, 1, fill=False)[0].cluster_id == 0
    subs = rank_clusters([big, small], samples, 4, 2, RankWeights(size=1.0, logprob=5.0), fill=False)
    assert [s.cluster_id for s in subs] == [1, 0]
    assert subs[1].program_id == samples[1].program_id  # the member with the best mean log-probability
    assert subs[1].scores["mean_logprob"] == round((-2.0 - 0.5 - 3.0) / 3, 6)


def test_fills_use_further_distinct_programs_of_the_best_clusters():
    samples = _samples([("a", None), ("a", None), ("b", None), ("c", None), ("d", None), ("e", None)])
    c0, c1 = _cluster(0, samples, [0, 1, 2, 3]), _cluster(1, samples, [4, 5])
    subs = rank_clusters([c0, c1], samples, 6, 10)
    assert [(s.cluster_id, s.fill) for s in subs] == [(0, False), (1, False), (0, True), (1, True), (0, True)]
    assert len({s.program_id for s in subs}) == 5  # never the same program twice
    assert len(rank_clusters([c0, c1], samples, 6, 10, fill=False)) == 2


def test_fallback_when_nothing_passes_is_off_by_default_and_configurable(tmp_path):
    path = tmp_path / "p.json"
    path.write_text(json.dumps(add_problem(solutions=[], incorrect_solutions=[
        {"language": "python3", "code": ADD_WRONG_CRASH}, {"language": "python3", "code": "print(("}])))
    runner = CliRunner()
    out = tmp_path / "run"
    assert runner.invoke(app, ["solve", str(path), "--out", str(out), "--samples", "6"]).exit_code == 0
    assert json.loads((out / "ranking.json").read_text())["submissions"] == []
    result = runner.invoke(app, ["solve", str(path), "--out", str(out), "--samples", "6", "--set", "rank.fallback=true"])
    assert result.exit_code == 0 and "settings changed (rank.fallback False → True)" in result.output
    ranking = json.loads((out / "ranking.json").read_text())
    assert ranking["fallback"] is True
    subs = ranking["submissions"]
    assert len(subs) == 1 and (out / subs[0]["file"]).read_text() == ADD_WRONG_CRASH  # the one that compiled


# Agreement: a large group of wrong programs that agree with nobody else, and a correct program
# whose near-misses (each wrong on a tenth of the inputs, a different tenth) agree with it elsewhere.
AGREE_MUL = ["a, b = map(int, input().split())\n" + body
             for body in ("print(a * b)\n", "print(b * a)\n", "print(a*b)\n", "x = a * b\nprint(x)\n")]
AGREE_NEAR = [f"a, b = map(int, input().split())\nprint(a + b + ((a * 31 + b) % 10 == {k} and a != b))\n"
              for k in range(5)]


def _agreement_problem(tmp_path):
    from support import ADD_CORRECT_PY

    path = tmp_path / "agree.json"
    path.write_text(json.dumps(add_problem(
        name="agree", solutions={"language": [3], "solution": [ADD_CORRECT_PY]},
        incorrect_solutions={"language": [3] * 9, "solution": AGREE_MUL + AGREE_NEAR})))
    return path


SIZE_ALONE = ["--set", "rank.size_weight=1", "--set", "rank.mbr_weight=0", "--set", "rank.plurality_weight=0",
              "--set", "rank.support_weight=0"]


def test_agreement_reorders_two_clusters_without_executing_again(tmp_path):
    path, out = _agreement_problem(tmp_path), tmp_path / "run"
    runner = CliRunner()
    result = runner.invoke(app, ["solve", str(path), "--out", str(out), "--samples", "60", *SIZE_ALONE])
    assert result.exit_code == 0, result.output
    view = json.loads(runner.invoke(app, ["clusters", str(out), "--json"]).output)
    largest, correct = view["clusters"][0], next(c for c in view["clusters"] if "print(a + b)" in c["preview"])
    assert "a * b" in largest["preview"] and correct["cluster_id"] != 0
    assert largest["rank"] == 1 and correct["rank"] > 1
    assert correct["mbr"] > largest["mbr"] and correct["plurality"] == 1.0 > largest["plurality"]
    runs_before = (out / "cluster_runs.jsonl").read_bytes()

    result = runner.invoke(app, ["solve", str(path), "--out", str(out), "--samples", "60", *SIZE_ALONE,
                                 "--set", "rank.size_weight=0", "--set", "rank.plurality_weight=1"])
    assert result.exit_code == 0, result.output
    assert "rerunning rank" in result.output and re.search(r"cluster\s+up to date", result.output)
    assert (out / "cluster_runs.jsonl").read_bytes() == runs_before
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["stages"]["rank"]["cost"]["executions"] == 0
    ranking = json.loads((out / "ranking.json").read_text())["submissions"]
    assert ranking[0]["cluster_id"] == correct["cluster_id"]
    assert ranking[0]["scores"]["plurality"] == correct["plurality"]
    table = runner.invoke(app, ["clusters", str(out)])
    assert table.exit_code == 0 and "agree" in table.output and "plurality" in table.output
    row = next(line.split("│") for line in table.output.splitlines() if line.split("│")[1:2] == [
        f" {correct['cluster_id']:>7} "])
    assert [cell.strip() for cell in row[4:8]] == [f"{correct['mbr']:.1%}", "100.0%", f"{correct['support']:.1%}", "1"]

    diff = json.loads(runner.invoke(app, ["clusters", str(out), "--diff", "0", str(correct["cluster_id"]),
                                          "--json"]).output)
    sides = diff["plurality_sides"]
    assert sides["b"] == len(diff["disagreements"]) - sides["tie"] - sides["neither"] > sides["a"]
    assert all(w["b_share"] > w["a_share"] for w in diff["disagreements"] if w["plurality"] == "b")
    text = runner.invoke(app, ["clusters", str(out), "--diff", "0", str(correct["cluster_id"])]).output
    assert f"the plurality of survivors took cluster 0's side on {sides['a']}, cluster {correct['cluster_id']}'s " \
           f"on {sides['b']}" in text


def test_a_run_from_before_agreement_reranks_and_broken_cluster_runs_are_named(tmp_path):
    path, out = _agreement_problem(tmp_path), tmp_path / "run"
    runner = CliRunner()
    assert runner.invoke(app, ["solve", str(path), "--out", str(out), "--samples", "30"]).exit_code == 0
    # as a run before this change left it: no agreement settings, no agreement scores
    manifest = json.loads((out / "manifest.json").read_text())
    rank = manifest["stages"]["rank"]
    for key in ("rank.mbr_weight", "rank.plurality_weight", "rank.support_weight", "rank.support_distance"):
        del rank["settings"][key]
    rank["key"] = "old"
    (out / "manifest.json").write_text(json.dumps(manifest))
    ranking = json.loads((out / "ranking.json").read_text())
    for sub in ranking["submissions"]:
        for key in ("agreement", "plurality", "support"):
            del sub["scores"][key]
    (out / "ranking.json").write_text(json.dumps(ranking))
    runs_before = (out / "cluster_runs.jsonl").read_bytes()
    result = runner.invoke(app, ["solve", str(path), "--out", str(out), "--samples", "30"])
    assert result.exit_code == 0, result.output
    assert "rerunning rank" in result.output and re.search(r"cluster\s+up to date", result.output)
    assert (out / "cluster_runs.jsonl").read_bytes() == runs_before
    assert json.loads((out / "manifest.json").read_text())["stages"]["rank"]["cost"]["executions"] == 0
    assert "plurality" in json.loads((out / "ranking.json").read_text())["submissions"][0]["scores"]

    # a truncated clustering run file: the rank stage and the views name it
    lines = runs_before.decode().splitlines(keepends=True)
    (out / "cluster_runs.jsonl").write_text("".join(lines[:-1]) + lines[-1][:20])
    for args in (["solve", str(path), "--out", str(out), "--samples", "30", "--set", "rank.plurality_weight=1"],
                 ["clusters", str(out)], ["clusters", str(out), "--diff", "0", "1"]):
        result = runner.invoke(app, args)
        assert result.exit_code == 2, (args, result.output)
        assert "cluster_runs.jsonl" in result.output and "truncated" in result.output, result.output
    (out / "cluster_runs.jsonl").unlink()
    result = runner.invoke(app, ["clusters", str(out)])
    assert result.exit_code == 2 and "cluster_runs.jsonl" in result.output and "missing" in result.output
    # the way out the message gives: what is on disk is reused, the lost runs are redone
    (out / "manifest.json").unlink()
    result = runner.invoke(app, ["solve", str(path), "--out", str(out), "--samples", "30", "--set",
                                 "rank.plurality_weight=1"])
    assert result.exit_code == 0, result.output
    assert runner.invoke(app, ["clusters", str(out)]).exit_code == 0


def test_checker_problems_agree_by_output_class(tmp_path):
    """Four correct programs print four different valid answers: the checker puts them in one
    class per input, so they agree with each other everywhere (as in clustering)."""
    from test_checker import CHECKER_PY, pair_problem

    sometimes = "n = int(input())\nprint(n // 2, n - n // 2 + (n % 3 == 1 and n > 12))\n"  # passes 5 and 12
    problem = pair_problem(tmp_path, {"language": "python3", "code": CHECKER_PY},
                           incorrect_solutions=[{"language": "python3", "code": sometimes}])
    out = tmp_path / "run"
    runner = CliRunner()
    result = runner.invoke(app, ["solve", str(problem), "--out", str(out), "--samples", "30",
                                 "--set", "inputs.count=12"])
    assert result.exit_code == 0, result.output
    view = json.loads(runner.invoke(app, ["clusters", str(out), "--json"]).output)
    total = sum(c["size"] for c in view["clusters"])
    correct = next(c for c in view["clusters"] if len(c["programs"]) > 1)
    assert correct["plurality"] == 1.0
    # its members agree with each other on every input (raw outputs would agree on a quarter)
    assert correct["mbr"] >= (correct["size"] - 1) / (total - 1)

"""Ranking: scores, member choice, fills and the fallback."""

import json

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

"""Agreement signals on hand-made signature tables (rows: clusters; columns: inputs)."""

import pytest

from alphasolve.agreement import (Agreement, agreement, mbr_scores, plurality_scores, plurality_side,
                                  support_scores)

A, B, C = "out:a", "out:b", "out:c"
CRASH, TLE = "runtime_error", "time_limit"


def test_mbr_counts_the_other_samples_with_the_same_output_per_input():
    table = [[A, A, A], [A, B, A], [C, C, C]]
    weights = [3, 1, 1]
    # row 0: its 2 other samples everywhere (6), row 1 on inputs 0 and 2 (2): 8 of 4 others x 3 inputs
    assert mbr_scores(table, weights) == pytest.approx([8 / 12, (3 + 0 + 3) / 12, 0.0])
    # the lone C program agrees with nobody; one more sample of it and it agrees with itself
    assert mbr_scores(table, [3, 1, 2])[2] == pytest.approx(3 / 15)


def test_plurality_counts_the_inputs_where_the_output_is_the_most_common_and_ties_count_for_both():
    table = [[A, A, B], [B, A, A], [C, C, C]]
    weights = [2, 2, 1]
    # input 0: A 2, B 2 (tie); input 1: A 4; input 2: B 2, A 2 (tie)
    assert plurality_scores(table, weights) == pytest.approx([1.0, 1.0, 0.0])
    assert plurality_scores(table, [3, 2, 1]) == pytest.approx([1.0, 1 / 3, 0.0])


def test_support_sums_the_clusters_within_the_distance_itself_included():
    table = [[A, A, A], [A, A, B], [A, B, B], [C, C, C]]
    weights = [4, 3, 2, 1]
    assert support_scores(table, weights, 0) == pytest.approx([0.4, 0.3, 0.2, 0.1])  # its own share
    assert support_scores(table, weights, 1) == pytest.approx([0.7, 0.9, 0.5, 0.1])
    assert support_scores(table, weights, 2) == pytest.approx([0.9, 0.9, 0.9, 0.1])
    assert support_scores(table, weights, 3) == pytest.approx([1.0] * 4)


def test_a_single_survivor_has_nobody_to_agree_with_but_all_the_support():
    assert agreement([[A, B]], [1]) == [Agreement(mbr=0.0, plurality=1.0, support=1.0)]
    assert agreement([[A, B]], [3]) == [Agreement(mbr=1.0, plurality=1.0, support=1.0)]  # its other samples


def test_failures_never_agree_and_all_crashing_programs_score_zero():
    table = [[CRASH, CRASH], [CRASH, CRASH], [TLE, CRASH]]
    weights = [2, 1, 1]
    assert mbr_scores(table, weights) == [0.0, 0.0, 0.0]
    assert plurality_scores(table, weights) == [0.0, 0.0, 0.0]
    # support compares symbols, as clustering does: equal crashes are near each other
    assert support_scores(table, weights, 1) == pytest.approx([1.0, 1.0, 1.0])
    # a program that outputs where the others crash takes the plurality there
    assert plurality_scores([[A, CRASH], [CRASH, CRASH]], [1, 5]) == [0.5, 0.0]


def test_one_input():
    table = [[A], [B], [A]]
    weights = [2, 3, 1]
    assert mbr_scores(table, weights) == pytest.approx([2 / 5, 2 / 5, 2 / 5])
    assert plurality_scores(table, weights) == [1.0, 1.0, 1.0]  # A 3, B 3: a tie
    assert support_scores(table, weights, 1) == [1.0, 1.0, 1.0]
    assert support_scores(table, weights, 0) == pytest.approx([3 / 6] * 3)  # rows 0 and 2 are alike


def test_no_inputs_and_no_rows():
    assert agreement([[], []], [1, 2]) == [Agreement(0.0, 0.0, 1.0), Agreement(0.0, 0.0, 1.0)]
    assert agreement([], []) == []
    with pytest.raises(ValueError):
        agreement([[A], [A, B]], [1, 1])


def test_agreement_prefers_the_program_the_others_agree_with_over_a_larger_buggy_group():
    # the correct program (row 0) differs from each buggy group on the input where it is buggy;
    # the largest cluster (row 1) is wrong on input 2, where every other program is right
    table = [[A, A, A, A], [A, A, B, A], [C, A, A, A], [A, C, A, A], [A, A, A, C]]
    weights = [2, 3, 2, 2, 2]
    signals = agreement(table, weights, 1)
    assert max(range(5), key=lambda i: signals[i].mbr) == 0
    assert max(range(5), key=lambda i: signals[i].plurality) == 0
    assert max(range(5), key=lambda i: signals[i].support) == 0


def test_plurality_side():
    counts = {A: 3, B: 2, C: 3}
    assert plurality_side(counts, A, B) == "a"
    assert plurality_side(counts, B, C) == "b"
    assert plurality_side(counts, A, C) == "tie"
    assert plurality_side({A: 1, B: 1, C: 4}, A, B) == "neither"
    assert plurality_side({A: 1}, CRASH, A) == "b"
    assert plurality_side({}, CRASH, TLE) == "neither"

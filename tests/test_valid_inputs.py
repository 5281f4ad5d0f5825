"""Which clustering inputs count (alphasolve.cluster.valid_input_indices)."""

from alphasolve.cluster import ProgramRun, valid_input_indices


def run(pid: str, *symbols: str) -> ProgramRun:
    return ProgramRun("p", 0, pid, list(symbols), [""] * len(symbols))


def test_inputs_most_survivors_fail_on_or_some_exceed_a_limit_on_are_dropped():
    runs = [
        run("a", "out:1", "out:1", "runtime_error", "out:1", "out:1", "runtime_error"),
        run("b", "out:1", "out:2", "runtime_error", "time_limit", "out:1", "out:1"),
        run("c", "out:1", "out:1", "out:1", "out:1", "memory_limit", "out:3"),
    ]
    # 1: a witness (b differs); 2: most crash; 3: b timed out (too large, or a busy machine);
    # 4: c ran out of memory; 5: one crash among outputs is a witness too
    assert valid_input_indices(runs, 6) == [0, 1, 5]
    assert valid_input_indices(runs, 6, keep=3) == [0, 1, 2, 5]  # the public inputs always stay
    assert valid_input_indices([], 3) == [0, 1, 2]


def test_a_few_programs_that_loop_forever_among_many_do_not_drop_every_input():
    runs = [run(f"p{i}", "out:1", "out:2") for i in range(19)] + [run("loop", "time_limit", "time_limit")]
    assert valid_input_indices(runs, 2) == [0, 1]
    runs += [run(f"slow{i}", "time_limit", "out:2") for i in range(2)]  # over a tenth: too large, or a busy machine
    assert valid_input_indices(runs, 2) == [1]


def test_limits_on_inputs_the_statement_allows_are_behaviour_but_crashes_still_count():
    """Inputs `by_spec` satisfy the statement's spec: a quadratic program timing out at the maximal
    size is wrong there, so the input stays; most survivors crashing still drops it (a constraint
    the spec did not read)."""
    runs = [
        run("fast", "out:1", "out:1", "runtime_error"),
        run("slow1", "out:1", "time_limit", "runtime_error"),
        run("slow2", "out:1", "time_limit", "out:1"),
    ]
    assert valid_input_indices(runs, 3) == [0]
    assert valid_input_indices(runs, 3, by_spec=[1, 2]) == [0, 1]
    all_slow = [run(f"s{i}", "time_limit", "out:1") for i in range(3)]
    assert valid_input_indices(all_slow, 2, by_spec=[0]) == [0, 1]

"""`alphasolve batch`: solve every problem file in a directory (resumable), one summary table.

With `--concurrency N` (`[batch] concurrency`) up to N problems run at the same time, one thread
each, every one in its own run directory; they share one executor (local or Ray: its `map` may be
called from several threads), and with the in-process vllm backend the stages that may run a
model (sample; inputs and rank, for generators and the scoring model) take turns, one engine at a
time, while the others filter and cluster. Results do not depend on N: the
summary lists the problems in file order, and each run directory equals a sequential run's.
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Annotated, Any, Optional

import typer
from rich.markup import escape
from rich.table import Table

from alphasolve.cli.options import BackendOpt, ConfigOpt, ExecutorOpt, SamplesOpt, SeedOpt, SetOpt, WorkersOpt, build_config, set_flag
from alphasolve.cli.reporter import RichReporter
from alphasolve.cli import state
from alphasolve.cli.state import console


def batch(
    directory: Path = typer.Argument(..., help="Directory of problem files (*.json)."),
    out: Annotated[Optional[Path], typer.Option("--out", "-o", help="Runs root: one run directory per problem (default: runs/).")] = None,
    config: ConfigOpt = None, samples: SamplesOpt = None, seed: SeedOpt = None,
    backend: BackendOpt = None, workers: WorkersOpt = None, executor: ExecutorOpt = None, set_: SetOpt = None,
    evaluate: Annotated[bool, typer.Option("--eval", help="Then evaluate every run on its hidden tests.")] = False,
    concurrency: Annotated[Optional[int], typer.Option(
        "--concurrency", help="Problems solved at the same time (default: batch.concurrency, 1).")] = None,
) -> None:
    """Solve every problem in DIRECTORY; rerun to resume. A failing problem does not stop the others."""
    from alphasolve.errors import AlphasolveError
    from alphasolve.execute.factory import SharedExecutor
    from alphasolve.problem import find_problem_files

    cfg = build_config(config, samples, seed, backend, workers, set_, executor=executor)
    set_flag(cfg, "concurrency", concurrency)
    files = find_problem_files(directory)
    if not files:
        raise AlphasolveError("no problem files (*.json) here", file=str(directory))
    parallel = min(cfg.batch.concurrency, len(files))
    shared = SharedExecutor(cfg.execute)
    model_lock = threading.Lock() if cfg.sample.backend == "vllm" else None  # one in-process engine at a time
    dir_locks: dict[Path, threading.Lock] = {}  # two files of one problem: one run directory, one at a time
    guard = threading.Lock()

    def dir_lock(run_dir: Path) -> threading.Lock:
        with guard:
            return dir_locks.setdefault(run_dir.resolve(), threading.Lock())

    def one(item: tuple[int, Path]) -> tuple[list[str], dict[str, Any] | None]:
        k, path = item
        return _solve_one(cfg, path, f"[dim]{k}/{len(files)}[/] ", out, parallel > 1, shared, model_lock, dir_lock)

    try:
        if parallel > 1 and cfg.execute.backend == "ray":
            shared.get()  # connect (or start the local cluster) from the main thread
        if parallel == 1:
            results = [one(item) for item in enumerate(files, 1)]
        else:
            pool = ThreadPoolExecutor(parallel, thread_name_prefix="alphasolve-batch")
            try:
                results = list(pool.map(one, enumerate(files, 1)))
            except BaseException:  # Ctrl-C or a bug: start no further problem
                pool.shutdown(wait=True, cancel_futures=True)
                raise
            pool.shutdown()
    finally:
        shared.close()
    rows = [row for row, _ in results]
    totals = [0.0, 0.0, 0, 0]
    for _, cost in results:
        if cost is not None:
            totals = [t + v for t, v in zip(totals, (cost["wall_s"], cost["cpu_s"], cost["executions"], cost["tokens"]))]
    table = Table(title=f"batch: {escape(str(directory))}", title_justify="left")
    for col in ("problem", "samples", "passed", "clusters", "submissions", "status", "run", "wall s", "CPU s",
                "executions", "tokens"):
        table.add_column(col, justify="left" if col in ("problem", "status", "run") else "right")
    for row in rows:
        table.add_row(*row)
    table.add_section()
    table.add_row("total", "", "", "", "", "", "", f"{totals[0]:.1f}", f"{totals[1]:.1f}", f"{totals[2]:,}",
                  f"{totals[3]:,}")
    console().print(table)
    failed = sum(1 for r in rows if "error" in r[5])
    if evaluate:
        from alphasolve.cli.eval import evaluate_many, print_reports
        from alphasolve.run_eval import write_summary

        from alphasolve.run import runs_root

        root = runs_root(out)
        done = [Path(r[6]) for r in rows if r[6]]
        reports, errors = evaluate_many(done, workers)
        print_reports(reports, errors, write_summary(root, reports))
        failed += len(errors)
    if failed:
        console().print(f"[bold red]{failed} of {len(rows)} problems failed[/]" if not evaluate else f"[bold red]{failed} failures[/]")
        raise typer.Exit(1)


def _solve_one(cfg: Any, path: Path, prefix: str, out: Path | None, concurrent: bool, shared: Any,
               model_lock: Any, dir_lock: Any) -> tuple[list[str], dict[str, Any] | None]:
    """Solve one problem file: its summary row and cost (None when it failed)."""
    from alphasolve.cost import total_cost
    from alphasolve.errors import AlphasolveError
    from alphasolve.lock import RunLocked
    from alphasolve.problem import load_problem
    from alphasolve.run import default_run_dir, solve as run_solve

    try:
        problem = load_problem(path)
        run_dir = default_run_dir(problem, out)
        console().print(f"{prefix}[bold]{escape(problem.problem_id)}[/] → {escape(str(run_dir))}", highlight=False, soft_wrap=True)
        if concurrent:  # lines of several problems interleave: each names its problem, no progress bars
            prefix = f"{prefix}{escape(problem.problem_id)} "
        with dir_lock(run_dir):
            manifest = run_solve(problem, cfg, run_dir, RichReporter(prefix, bars=not concurrent),
                                 executor=shared, model_lock=model_lock)
    except RunLocked:  # another process is on this run directory (a second batch?): stop, exit 2
        raise
    except AlphasolveError as exc:
        if state.debug:
            raise
        console().print(f"{prefix}[bold red]error:[/] {escape(str(exc))}", highlight=False, soft_wrap=True)
        return [escape(path.name), "", "", "", "", f"[red]error[/]: {escape(str(exc))}", "", "", "", "", ""], None
    st = manifest["stages"]
    cost = total_cost(st)
    return [escape(problem.problem_id), str(st["filter"]["counts"]["judged"]), str(st["filter"]["counts"]["passed"]),
            str(st["cluster"]["counts"]["clusters"]), str(st["rank"]["counts"]["submissions"]), "[green]done[/]",
            escape(str(run_dir)), f"{cost['wall_s']:.1f}", f"{cost['cpu_s']:.1f}", f"{cost['executions']:,}",
            f"{cost['tokens']:,}"], cost

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
        print_batch_report(root, reports, failed)
    if failed:
        console().print(f"[bold red]{failed} of {len(rows)} problems failed[/]" if not evaluate else f"[bold red]{failed} failures[/]")
        raise typer.Exit(1)


def print_batch_report(root: Path, reports: list, failed: int) -> dict[str, Any]:
    """The closing report (alphasolve/report.py): solved@1/@10 and samples per problem, the published
    figures of the problems' benchmark at the nearest sample budget, cost per stage; also written to
    ROOT/batch-report.json."""
    import json

    from alphasolve import stages as registry
    from alphasolve.artifacts import write_json_atomic
    from alphasolve.report import batch_report
    from alphasolve.rundir import BATCH_REPORT, PROBLEM, RunDir

    stages, benchmarks = [], []
    pipeline = [s.name for s in registry.pipeline()]  # eval's cost comes with each report
    for r in reports:
        run = RunDir(Path(r.run_dir))
        manifest = run.load_manifest()
        stages.append({name: manifest.stages[name].to_dict() for name in pipeline if name in manifest.stages})
        try:
            provenance = json.loads(run.file(PROBLEM).read_text()).get("provenance")
        except (OSError, ValueError):
            provenance = None
        benchmarks.append(provenance.get("benchmark") if isinstance(provenance, dict) else None)
    report = batch_report(reports, stages, benchmarks, failed)
    write_json_atomic(root / BATCH_REPORT, report)
    out = console()
    n, per = report["problems"], report["samples_per_problem"]
    rate = lambda k: f"{report['solved_at'][k]}/{n} ({100 * report['solved_at_rate'][k]:.1f}%)"  # noqa: E731
    samples = f"{per['min']:,}" if per["min"] == per["max"] else f"{per['min']:,}-{per['max']:,} (mean {per['mean']:,.1f})"
    out.print(f"[bold]report[/]: {n} problem{'' if n == 1 else 's'} evaluated" + (f", {failed} failed" if failed else "")
              + f"; {samples} samples per problem; solved@1 {rate('1')}, solved@10 {rate('10')}",
              highlight=False, soft_wrap=True)
    for c in report["comparisons"]:
        table = Table(title=f"beside published results: {escape(c['title'])}", title_justify="left")
        for col in ("problems", "samples / problem", "solved@1", "solved@10", "published", "10@k"):
            table.add_column(col, justify="left" if col == "published" else "right")
        pub = c["published"]
        pct = lambda k: f"{c['solved_at'][k]} ({100 * c['solved_at_rate'][k]:.1f}%)"  # noqa: E731
        table.add_row(f"{c['problems']} of {c['benchmark_problems']}", f"{c['samples_per_problem']:,}", pct("1"), pct("10"),
                      escape(f"{pub['system']}, {pub['samples']:,} samples") if pub else "-",
                      f"{100 * pub['rate']:.1f}%" if pub else "-")
        out.print(table)
        out.print(f"{escape(c['note'])}. AlphaCode reports 10@k only: "
                  + ", ".join(f"{p['metric']} {100 * p['rate']:.1f}%" for p in c["published_all"])
                  + f". Source: {escape(c['source'])}.", highlight=False, soft_wrap=True)
    table = Table(title="cost per stage (all runs)", title_justify="left")
    for col in ("stage", "wall s", "CPU s", "exec CPU s", "executions", "tokens"):
        table.add_column(col, justify="left" if col == "stage" else "right")
    for stage, cost in report["cost"].items():
        if stage == "total":
            table.add_section()
        table.add_row(stage, f"{cost['wall_s']:.1f}", f"{cost['cpu_s']:.1f}", f"{cost['exec_cpu_s']:.1f}",
                      f"{cost['executions']:,}", f"{cost['tokens']:,}")
    out.print(table)
    out.print(f"batch report: {escape(str(root / 'batch-report.json'))}", highlight=False, soft_wrap=True)
    return report


def _solve_one(cfg: Any, path: Path, prefix: str, out: Path | None, concurrent: bool, shared: Any,
               model_lock: Any, dir_lock: Any) -> tuple[list[str], dict[str, Any] | None]:
    """Solve one problem file: its summary row and cost (None when it failed)."""
    from alphasolve.cost import total_cost
    from alphasolve.errors import AlphasolveError
    from alphasolve.lock import RunLocked
    from alphasolve.problem import load_problem
    from alphasolve.cli import quiet
    from alphasolve.run import default_run_dir, runs_root, solve as run_solve
    from alphasolve.rundir import LOGS

    try:
        problem = load_problem(path)
        run_dir = default_run_dir(problem, out)
        console().print(f"{prefix}[bold]{escape(problem.problem_id)}[/] → {escape(str(run_dir))}", highlight=False, soft_wrap=True)
        if concurrent:  # lines of several problems interleave: each names its problem, no progress bars
            prefix = f"{prefix}{escape(problem.problem_id)} "
        with dir_lock(run_dir):
            manifest = run_solve(problem, cfg, run_dir, RichReporter(prefix, bars=not concurrent),
                                 executor=shared, model_lock=model_lock,
                                 on_locked=quiet.hook(runs_root(out) / LOGS, "batch"))
    except RunLocked:  # another process is on this run directory (a second batch?): stop, exit 2
        raise
    except AlphasolveError as exc:
        if state.debug:
            raise
        console().print(f"{prefix}[bold red]error:[/] {escape(str(exc))}", highlight=False, soft_wrap=True)
        return [escape(path.name), "", "", "", "", f"[red]error[/]: {escape(str(exc))}", "", "", "", "", ""], None
    from alphasolve import stages as registry

    counts = {name: entry.counts or {} for name, entry in manifest.stages.items()}
    cost = total_cost(manifest.costs(s.name for s in registry.pipeline()))
    return [escape(problem.problem_id), str(counts["filter"]["judged"]), str(counts["filter"]["passed"]),
            str(counts["cluster"]["clusters"]), str(counts["rank"]["submissions"]), "[green]done[/]",
            escape(str(run_dir)), f"{cost['wall_s']:.1f}", f"{cost['cpu_s']:.1f}", f"{cost['executions']:,}",
            f"{cost['tokens']:,}"], cost

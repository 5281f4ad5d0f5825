"""`alphasolve solve`: run the whole pipeline on one problem (resumable)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.markup import escape

from alphasolve.cli.options import BackendOpt, ConfigOpt, ExecutorOpt, OutOpt, SamplesOpt, SeedOpt, SetOpt, WorkersOpt, build_config
from alphasolve.cli import quiet
from alphasolve.cli.reporter import RichReporter
from alphasolve.cli.state import console

if TYPE_CHECKING:
    from alphasolve.rundir import Manifest


def solve(
    problem: Path = typer.Argument(..., help="Problem file (JSON: a CodeContests record or alphasolve's format)."),
    out: OutOpt = None, config: ConfigOpt = None, samples: SamplesOpt = None, seed: SeedOpt = None,
    backend: BackendOpt = None, workers: WorkersOpt = None, executor: ExecutorOpt = None, set_: SetOpt = None,
) -> None:
    """Sample candidates, filter them on the public tests, cluster and rank: write up to 10 submissions.

    Rerunning the same command resumes an interrupted run and does nothing after a finished one.
    """
    from alphasolve.problem import load_problem
    from alphasolve.run import default_run_dir, solve as run_solve

    prob = load_problem(problem)
    cfg = build_config(config, samples, seed, backend, workers, set_, executor=executor)
    run_dir = out or default_run_dir(prob)
    console().print(f"[bold]{escape(prob.problem_id)}[/] → {escape(str(run_dir))}", highlight=False, soft_wrap=True)
    manifest = run_solve(prob, cfg, run_dir, RichReporter(), on_locked=quiet.hook(None, "solve"))
    print_result(run_dir, manifest)


def print_result(run_dir: Path, manifest: "Manifest") -> None:
    from alphasolve.artifacts import read_json
    from alphasolve.cli.reporter import submissions_table
    from alphasolve.rundir import RANKING, SAMPLES
    from alphasolve.stages import load_samples_file

    c = manifest.stages["cluster"].counts or {}
    f = manifest.stages["filter"].counts or {}
    console().print(f"{f['judged']} samples, {f['passed']} passed the public tests "
                    f"({f['passed'] / max(1, f['judged']):.0%}), {c['clusters']} clusters", highlight=False)
    ranking = read_json(run_dir / RANKING)["submissions"]
    if not ranking:
        console().print("[bold yellow]no submissions:[/] no candidate passed the public tests")
        return
    labels = {s.sample_id: s.label for s in load_samples_file(run_dir / SAMPLES).values()}
    console().print(submissions_table(run_dir, ranking, labels))

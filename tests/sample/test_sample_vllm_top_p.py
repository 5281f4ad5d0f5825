"""The faster top-p mask for vLLM's CPU sampler (alphasolve.sample.vllm_top_p): the same tokens as
vLLM's own sort-based mask, and installed through vLLM's plugin loader."""

from __future__ import annotations

import pytest

torch = pytest.importorskip("torch")

from alphasolve.sample import vllm_top_p  # noqa: E402

from conftest import require_vllm  # noqa: E402

INF = float("inf")


def _logits(rows: int, scale: float, seed: int) -> "torch.Tensor":
    g = torch.Generator().manual_seed(seed)
    return torch.randn(rows, 49152, generator=g) * scale


def _vllm_mask(logits, p):
    """vLLM's own sort-based top-p: the reference, and the fallback `top_p_mask` is given."""
    require_vllm()
    from vllm.v1.sample.ops.topk_topp_sampler import apply_top_k_top_p_pytorch

    return apply_top_k_top_p_pytorch(logits, None, p, allow_cpu_sync=True)


@pytest.mark.parametrize("scale", [0.5, 3.0, 8.0, 20.0])
def test_the_nucleus_equals_vllms_sort_based_one(scale):
    """Flat rows (nucleus of thousands of tokens: the sort fallback) and peaked rows (a few tokens:
    decided from the candidates), with p from 0.05 to 1."""
    logits = _logits(16, scale, seed=int(scale * 10))
    p = torch.linspace(0.05, 1.0, 16)
    ours = vllm_top_p.top_p_mask(logits.clone(), p, _vllm_mask)
    theirs = _vllm_mask(logits.clone(), p)
    assert torch.equal(ours == -INF, theirs == -INF)
    kept = (ours > -INF).sum(dim=-1)
    assert kept.min() >= 1
    assert torch.equal(ours[ours > -INF], logits[ours > -INF])  # kept logits untouched


def test_rows_of_one_batch_take_either_path():
    """A batch mixing peaked rows (decided among the candidates) and flat rows (the sort fallback)."""
    logits = torch.cat([_logits(3, 20.0, seed=1), _logits(3, 0.5, seed=2)])
    logits = logits[torch.tensor([0, 3, 1, 4, 2, 5])]
    p = torch.full((6,), 0.95)
    ours = vllm_top_p.top_p_mask(logits.clone(), p, _vllm_mask, candidates=64)
    kept = (ours > -INF).sum(dim=-1)
    assert (kept[0::2] < 64).all() and (kept[1::2] > 64).all()  # both paths were taken
    assert torch.equal(ours == -INF, _vllm_mask(logits.clone(), p) == -INF)


def test_the_rule_at_a_hand_computed_row():
    """Tokens with probabilities 0.5, 0.3, 0.15, 0.05: a token is kept while the mass before it is
    below p: p=0.49 keeps the first, 0.79 two, 0.81 three, 0.96 all four."""
    probs = torch.tensor([[0.3, 0.05, 0.5, 0.15]])
    for p, kept in ((0.49, [False, False, True, False]), (0.79, [True, False, True, False]),
                    (0.81, [True, False, True, True]), (0.96, [True, True, True, True])):
        out = vllm_top_p.top_p_mask(probs.log(), torch.tensor([p]), _vllm_mask, candidates=3)
        assert (out[0] > -INF).tolist() == kept, p


def test_vllms_plugin_loader_installs_it_and_it_acts_only_when_alphasolve_asks(monkeypatch):
    require_vllm()
    from vllm.plugins import load_general_plugins
    from vllm.v1.sample.ops import topk_topp_sampler

    load_general_plugins()  # what every vLLM process does at start
    assert getattr(topk_topp_sampler, "_alphasolve_top_p", False)
    calls = []
    monkeypatch.setattr(vllm_top_p, "top_p_mask", lambda logits, p, fallback: calls.append(p) or logits)
    logits, p = _logits(2, 20.0, seed=3), torch.full((2,), 0.9)
    monkeypatch.setenv(vllm_top_p.ENV, "0")
    topk_topp_sampler.apply_top_k_top_p(logits.clone(), None, p)
    assert calls == []
    monkeypatch.setenv(vllm_top_p.ENV, "1")
    topk_topp_sampler.apply_top_k_top_p(logits.clone(), torch.tensor([5, 5]), p)  # top-k: vLLM's own
    assert calls == []
    topk_topp_sampler.apply_top_k_top_p(logits.clone(), None, p)
    assert len(calls) == 1

"""The process's vLLM engine cache (alphasolve.sample.vllm.shared_engine), without vLLM: `make`
stands for `vllm.LLM` (the real engine sharing is tested in test_sample_vllm_real.py)."""

from alphasolve.sample import vllm as vllm_backend


class RecordingEngine:
    """A stand-in for vllm.LLM that records starts and shutdowns."""

    started: list[dict] = []

    def __init__(self, **args):
        RecordingEngine.started.append(args)
        self.stopped = False
        self.llm_engine = self
        self.engine_core = self

    def shutdown(self):
        self.stopped = True


def test_one_engine_per_process_restarted_only_for_other_arguments():
    RecordingEngine.started = []
    seeded = {"per_sample_seed": True}
    first = vllm_backend.shared_engine({"model": "m", "seed": 0}, seeded, RecordingEngine)
    # per-sample seeds: the engine's own seed changes nothing, the engine is shared
    assert vllm_backend.shared_engine({"model": "m", "seed": 7}, seeded, RecordingEngine) is first
    assert len(RecordingEngine.started) == 1
    # without them the engine's seed matters: a new engine, and the old one is shut down first
    second = vllm_backend.shared_engine({"model": "m", "seed": 7}, {"per_sample_seed": False}, RecordingEngine)
    assert second is not first and first.stopped and not second.stopped
    third = vllm_backend.shared_engine({"model": "other", "seed": 7}, seeded, RecordingEngine)
    assert second.stopped and len(RecordingEngine.started) == 3
    vllm_backend.close_engines()
    assert third.stopped
    assert vllm_backend.shared_engine({"model": "other", "seed": 7}, seeded, RecordingEngine) is not third
    vllm_backend.close_engines()

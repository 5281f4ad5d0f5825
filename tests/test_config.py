import pytest
from support import REPO

from alphasolve.config import Config, apply, load_config, parse_set, to_toml
from alphasolve.errors import AlphasolveError


def test_toml_round_trip_and_overrides(tmp_path):
    path = tmp_path / "c.toml"
    path.write_text('[sample]\nseed = 7\nsamples = 12\n[inputs]\ncount = 5\n')
    cfg = load_config(path)
    assert cfg.sample.seed == 7 and cfg.sample.samples == 12 and cfg.inputs.count == 5
    import tomllib

    assert apply(Config(), tomllib.loads(to_toml(cfg))) == cfg
    apply(cfg, parse_set(["sample.temperature=0.5", "sample.languages=['cpp']"]))
    assert cfg.sample.temperature == 0.5 and cfg.sample.languages == ["cpp"]


@pytest.mark.parametrize("text, field", [
    ("[sample]\nseeds = 1\n", "sample.seeds"),
    ("[sampel]\nseed = 1\n", "sampel"),
    ("[sample]\nseed = 'one'\n", "sample.seed"),
])
def test_bad_config_names_file_and_field(tmp_path, text, field):
    path = tmp_path / "c.toml"
    path.write_text(text)
    with pytest.raises(AlphasolveError) as err:
        load_config(path)
    assert str(path) in str(err.value) and f"'{field}'" in str(err.value)


def test_worker_count_is_not_part_of_any_cache_view():
    cfg = Config()
    before = cfg.cache_view("execute"), cfg.cache_view("sample")
    cfg.execute.workers = 7
    cfg.sample.chunk_size = 3
    assert (cfg.cache_view("execute"), cfg.cache_view("sample")) == before
    cfg.sample.seed = 1
    assert cfg.cache_view("sample") != before[1]


def test_openai_endpoints_are_a_list_from_toml_or_set_and_stay_out_of_the_sample_key(tmp_path):
    from alphasolve.problem import parse_problem
    from alphasolve.run import stage_keys, stage_settings
    from support import add_problem

    path = tmp_path / "c.toml"
    path.write_text('[sample]\nbackend = "openai"\nmodel = "m"\n'
                    '[sample.engine]\nbase_url = ["http://10.0.0.1:8000/v1", "http://10.0.0.2:8000/v1"]\n')
    many = load_config(path)
    assert many.sample.engine["base_url"] == ["http://10.0.0.1:8000/v1", "http://10.0.0.2:8000/v1"]
    one = load_config(path)
    apply(one, parse_set(['sample.engine={base_url="http://10.0.0.1:8000/v1", max_retries=2}']))
    assert one.sample.engine == {"base_url": "http://10.0.0.1:8000/v1", "max_retries": 2}
    problem = parse_problem(add_problem(), "add-two.json")
    key = lambda cfg: stage_keys(stage_settings(problem, cfg))["sample"]  # noqa: E731
    assert key(one) == key(many)
    # with no model named, the first endpoint decides which model is sampled: then it is in the key
    one.sample.model = many.sample.model = ""
    assert key(one) != key(many)
    # what is sampled is in the key
    one.sample.model = many.sample.model = "m"
    many.sample.engine["per_sample_seed"] = False
    assert key(one) != key(many)


def test_set_one_engine_entry_keeps_the_others():
    cfg = load_config(REPO / "configs" / "qwen2.5-coder-7b-dp8.toml")
    apply(cfg, parse_set(['sample.engine.base_url="http://10.0.0.9:8000/v1"']), "--set")
    assert cfg.sample.engine["base_url"] == "http://10.0.0.9:8000/v1" and cfg.sample.engine["continue_final_message"]
    with pytest.raises(AlphasolveError, match="'sample.temperature.x'"):
        apply(cfg, parse_set(["sample.temperature.x=1"]), "--set")


@pytest.mark.parametrize("entry, message", [
    ("tensor_parallel_size = 0", "expected a positive integer, got 0"),
    ("pipeline_parallel_size = 1.5", "expected a positive integer, got 1.5"),
    ("data_parallel_size = true", "expected a positive integer, got True"),
    ('tensor_parallel_size = "4"', "expected a positive integer, got '4'"),
    ('distributed_executor_backend = "slurm"', "expected one of 'mp', 'ray', 'uni', got 'slurm'"),
])
def test_bad_parallel_layout_names_file_and_field(tmp_path, entry, message):
    path = tmp_path / "gpu.toml"
    path.write_text(f"[sample.engine]\n{entry}\n")
    with pytest.raises(AlphasolveError) as err:
        load_config(path)
    key = entry.split(" =")[0]
    assert str(err.value) == f"{path}: field 'sample.engine.{key}': {message}"


def test_gpu_presets_load_and_their_layout_is_not_in_the_sample_key():
    from alphasolve.problem import parse_problem
    from alphasolve.run import stage_keys, stage_settings
    from support import add_problem

    problem = parse_problem(add_problem(), "add-two.json")
    key = lambda cfg: stage_keys(stage_settings(problem, cfg))["sample"]  # noqa: E731
    tp4 = load_config(REPO / "configs" / "default.toml", REPO / "configs" / "qwen2.5-coder-32b-tp4.toml")
    assert tp4.sample.engine["tensor_parallel_size"] == 4 and tp4.sample.engine["distributed_executor_backend"] == "mp"
    one_gpu = load_config(REPO / "configs" / "default.toml", REPO / "configs" / "qwen2.5-coder-32b-tp4.toml")
    apply(one_gpu, parse_set(["sample.engine.tensor_parallel_size=1", "sample.engine.distributed_executor_backend='ray'"]))
    assert key(one_gpu) == key(tp4)
    apply(one_gpu, parse_set(["sample.engine.dtype='float16'"]))
    assert key(one_gpu) != key(tp4)
    dp8 = load_config(REPO / "configs" / "default.toml", REPO / "configs" / "qwen2.5-coder-7b-dp8.toml")
    assert dp8.sample.backend == "openai" and len(dp8.sample.engine["base_url"]) == 8
    for name in ("qwen2.5-coder-7b", "deepseek-r1-distill-qwen-7b", "smollm2-cpu", "replay"):
        load_config(REPO / "configs" / "default.toml", REPO / "configs" / f"{name}.toml")

import json

import pytest
from typer.testing import CliRunner

from alphasolve.cli import app
from alphasolve.errors import AlphasolveError
from alphasolve.problem import load_problem, parse_problem
from support import add_problem, run_cli


def test_codecontests_record_loads_without_conversion(tmp_path):
    # the shape `datasets` exports: columnar tests and solutions, enum languages, {seconds, nanos}
    record = add_problem(source=2, difficulty=7, cf_tags=["math"], cf_contest_id=1, is_description_translated=False,
                         untranslated_description="", input_file="", output_file="")
    path = tmp_path / "p.json"
    path.write_text(json.dumps(record))
    p = load_problem(path)
    assert p.problem_id == "add-two"
    assert [t.input for t in p.public_tests] == ["2 2\n"]
    assert len(p.private_tests) == 4 and p.generated_tests == []
    assert [s.language for s in p.solutions] == ["python3", "python3", "cpp", "c"]
    assert p.time_limit_s == 2.0 and p.memory_limit_bytes == 256 * 1024 * 1024
    assert p.tags == ["math"] and p.rating == 800
    assert p.extra["cf_contest_id"] == 1 and p.extra["source"] == 2  # unknown fields kept


def test_own_format_superset_and_round_trip():
    p = parse_problem({
        "name": "x", "public_tests": [{"input": "1\n", "output": "1\n"}],
        "solutions": [{"language": "python3", "code": "print(1)"}, {"language": "c++", "code": "int main(){}"}],
        "time_limit": 1.5, "memory_limit_mb": 64, "float_tolerance": 1e-6, "my_field": [1, 2],
    })
    assert p.time_limit_s == 1.5 and p.memory_limit_bytes == 64 * 2**20
    assert p.compare.float_abs == 1e-6 and p.compare.float_rel == 1e-6
    assert [s.language for s in p.solutions] == ["python3", "cpp"]
    again = parse_problem(p.to_dict())
    assert again.to_dict() == p.to_dict() and again.extra["my_field"] == [1, 2]


def test_missing_optional_fields_get_defaults():
    p = parse_problem({"name": "bare"})
    assert p.public_tests == [] and p.solutions == [] and p.time_limit_s is None and p.compare.case_sensitive


@pytest.mark.parametrize("record, field", [
    ({"name": "x", "public_tests": {"input": ["1"], "output": [2]}}, "public_tests.output[0]"),
    ({"name": "x", "public_tests": {"input": ["1", "2"], "output": ["2"]}}, "public_tests"),
    ({"name": "x", "solutions": {"language": [9], "solution": ["x"]}}, "solutions.language[0]"),
    ({"name": "x", "time_limit": {"seconds": "two"}}, "time_limit.seconds"),
    ({"name": "x", "memory_limit_bytes": -5}, "memory_limit_bytes"),
    ({"description": "no name"}, "name"),
    ({"name": "x", "compare": {"float_abss": 1}}, "compare.float_abss"),
])
def test_malformed_fields_are_named(record, field):
    with pytest.raises(AlphasolveError) as err:
        parse_problem(record, "bad.json")
    assert f"field '{field}'" in str(err.value) and str(err.value).startswith("bad.json: ")


def test_malformed_problem_file_through_cli_exits_2_naming_file_and_field(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(add_problem(private_tests={"input": ["1\n"], "output": [7]})))
    result = run_cli("solve", str(bad))
    assert result.returncode == 2
    assert str(bad) in result.stderr and "private_tests.output[0]" in result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "runs").exists()  # nothing was started


def test_invalid_json_and_missing_file_through_cli(tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_text('{"name": "x",')
    runner = CliRunner()
    result = runner.invoke(app, ["solve", str(broken)])
    assert result.exit_code == 2 and "not valid JSON" in result.output and str(broken) in result.output
    result = runner.invoke(app, ["solve", str(tmp_path / "nope.json")])
    assert result.exit_code == 2 and "no such problem file" in result.output


def test_debug_shows_traceback(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("[]")
    result = run_cli("--debug", "solve", str(bad))
    assert result.returncode != 0 and "Traceback" in result.stderr

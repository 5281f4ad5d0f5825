import pytest

from alphasolve.artifacts import JsonlAppender, read_jsonl, replace_dir_atomic, write_json_atomic
from alphasolve.errors import AlphasolveError


def test_torn_last_line_is_dropped_and_cut_off(tmp_path):
    path = tmp_path / "a.jsonl"
    with JsonlAppender(path) as out:
        out.write({"sample_id": 0})
        out.write({"sample_id": 1})
    with open(path, "ab") as f:
        f.write(b'{"sample_id": 2, "co')  # killed mid-write
    assert read_jsonl(path) == [{"sample_id": 0}, {"sample_id": 1}]
    with JsonlAppender(path) as out:  # appending continues cleanly after the repair
        out.write({"sample_id": 2})
    assert [r["sample_id"] for r in read_jsonl(path)] == [0, 1, 2]


def test_corruption_in_the_middle_is_an_error_naming_the_file(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text('{"a": 1}\nnot json\n{"a": 2}\n')
    with pytest.raises(AlphasolveError, match="a.jsonl: corrupt record on line 2"):
        read_jsonl(path)


def test_read_without_repair_leaves_file_alone(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_bytes(b'{"a": 1}\n{"a"')
    assert read_jsonl(path, repair=False) == [{"a": 1}]
    assert path.read_bytes() == b'{"a": 1}\n{"a"'


def test_atomic_writes_leave_no_temp_files(tmp_path):
    write_json_atomic(tmp_path / "x.json", {"a": 1})
    replace_dir_atomic(tmp_path / "subs", {"01.py": "print(1)"})
    replace_dir_atomic(tmp_path / "subs", {"01.c": "int main(){}"})
    assert sorted(p.name for p in tmp_path.iterdir()) == ["subs", "x.json"]
    assert [p.name for p in (tmp_path / "subs").iterdir()] == ["01.c"]


def test_streamed_records_match_and_a_bad_complete_last_line_is_dropped(tmp_path):
    from alphasolve.artifacts import iter_jsonl

    path = tmp_path / "a.jsonl"
    path.write_bytes(b'{"a": 1}\n\n{"a": 2}\n{"a": 3, "b\n')  # a flushed but cut record ends the file
    stream = iter_jsonl(path)
    assert next(stream) == {"a": 1}  # records come one at a time
    assert list(stream) == [{"a": 2}]
    assert path.read_bytes() == b'{"a": 1}\n\n{"a": 2}\n'  # read to the end: the bad last line is cut off
    path.write_bytes(b'{"a": 1}\n{"a"\n\n')  # a bad line followed by another (even blank) is corruption
    with pytest.raises(AlphasolveError, match="corrupt record on line 2"):
        read_jsonl(path)

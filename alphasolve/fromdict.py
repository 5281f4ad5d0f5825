"""Records read back from artifacts: one `from_dict` for the dataclasses alphasolve writes."""

from __future__ import annotations

from typing import Any, Callable, Self


class FromDict:
    """Mixin for a dataclass: `from_dict` builds it from a record's fields, ignoring the ones it
    does not have (`schema` and whatever a later version adds). No instance state of its own
    (`__slots__ = ()`), so that a record dataclass may use slots."""

    __slots__ = ()

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Self:
        names = cls.__dataclass_fields__  # type: ignore[attr-defined]
        return cls(**{k: v for k, v in data.items() if k in names})


def without_defaults(record: Any) -> dict[str, Any]:
    """A dataclass's fields, leaving out those at their default (`from_dict` restores them): the
    JSONL artifacts hold one record per sample, a million of them in a large run."""
    from dataclasses import MISSING, fields

    out = {}
    for f in fields(record):
        value = getattr(record, f.name)
        default = f.default_factory() if f.default_factory is not MISSING else f.default
        if default is MISSING or value != default:
            out[f.name] = value
    return out


def load_by_sample(path: Any, cls: type, shared_fields: tuple[str, ...], *, repair: bool = True,
                   prepare: Callable[[Any, dict[str, str]], None] | None = None) -> dict[int, Any]:
    """Per-sample records of a JSONL artifact by sample id (the first of each), streamed, with the
    strings that repeat across samples (`shared_fields`) held once: a run of 10^6 samples loads in a
    few hundred MB. `prepare(record, shared)` may slim a record first."""
    from alphasolve.artifacts import iter_jsonl

    records: dict[int, Any] = {}
    shared: dict[str, str] = {}
    for data in iter_jsonl(path, repair=repair):
        if data["sample_id"] in records:
            continue
        record = cls.from_dict(data)
        if prepare is not None:
            prepare(record, shared)
        for name in shared_fields:
            value = getattr(record, name)
            if isinstance(value, str):
                setattr(record, name, shared.setdefault(value, value))
        records[record.sample_id] = record
    return records

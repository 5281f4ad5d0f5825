"""Records read back from artifacts: one `from_dict` for the dataclasses alphasolve writes."""

from __future__ import annotations

from typing import Any, Self


class FromDict:
    """Mixin for a dataclass: `from_dict` builds it from a record's fields, ignoring the ones it
    does not have (`schema`, `program_id` and whatever a later version adds)."""

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Self:
        names = cls.__dataclass_fields__  # type: ignore[attr-defined]
        return cls(**{k: v for k, v in data.items() if k in names})

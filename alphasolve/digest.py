"""The short content hashes alphasolve names things by (programs, outputs, signatures, keys)."""

from __future__ import annotations

import hashlib
import json
from typing import Any


def short_hash(data: str | bytes) -> str:
    """The first 16 hex digits of sha256: of bytes, or of text as UTF-8 (lone surrogates kept)."""
    raw = data if isinstance(data, bytes) else data.encode("utf-8", "surrogateescape")
    return hashlib.sha256(raw).hexdigest()[:16]


def json_hash(data: Any) -> str:
    """`short_hash` of `data` as sorted-key JSON (what is not JSON by its str)."""
    return short_hash(json.dumps(data, sort_keys=True, default=str))

"""JSON for people and scripts at once: the outer levels indented, everything deeper on one line.

`json.dumps(indent=...)` falls back to the pure-Python encoder, which took a second for 5,000 applications;
here each inner value is written by the C encoder, so a list prints one object per line, fast.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

INDENT = "  "
_NATIVE = (dict, list, tuple, str, int, float, bool, type(None))


def json_text(value: Any, default: Callable[[Any], Any] | None = None, depth: int = 2, level: int = 0) -> str:
    """`value` as JSON text; dicts are spread over lines down to `depth` levels, a list's items one per line."""
    inner = INDENT * (level + 1)
    if depth > 0 and default is not None and not isinstance(value, _NATIVE):
        value = default(value)  # a dataclass at an outer level is laid out as the dict it becomes
    if depth > 0 and isinstance(value, dict) and value:
        items = (f"{inner}{json.dumps(str(k), ensure_ascii=False)}: {json_text(v, default, depth - 1, level + 1)}"
                 for k, v in value.items())
        return "{\n" + ",\n".join(items) + "\n" + INDENT * level + "}"
    if depth > 0 and isinstance(value, list | tuple) and value:
        items = (inner + json_text(v, default, 0, level + 1) for v in value)
        return "[\n" + ",\n".join(items) + "\n" + INDENT * level + "]"
    return json.dumps(value, ensure_ascii=False, default=default)

"""Find the JSON a model meant: code fences, prose around it, trailing commas, single quotes, Python literals."""

from __future__ import annotations

import json
import re
from typing import Any

_FENCE = re.compile(r"```[A-Za-z0-9_-]*[ \t]*\n?(.*?)```", re.DOTALL)
_TRAILING_COMMA = re.compile(r",(\s*[}\]])")
_PY_LITERALS = {"True": "true", "False": "false", "None": "null"}
_SMART_QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'"})
# Enough to find the JSON in a chatty reply; bounds the work on long garbage.
_MAX_CANDIDATES = 24
_MAX_CHARS = 200_000


def extract_json(text: str) -> dict[str, Any] | list[Any] | None:
    """The first JSON object (or array) the text contains, repaired if needed; None when there is none."""
    if not isinstance(text, str) or not text.strip():
        return None
    text = text[:_MAX_CHARS]
    for candidate in _candidates(text):
        value = _loads_repaired(candidate)
        if isinstance(value, dict | list):
            return value
    return None


def _candidates(text: str) -> list[str]:
    found = [text.strip()]
    found += [block.strip() for block in _FENCE.findall(text)]
    starts = [i for i, ch in enumerate(text) if ch in "{["][:_MAX_CANDIDATES]
    # Objects before arrays: every schema we ask for is an object.
    starts.sort(key=lambda i: text[i] != "{")
    for start in starts:
        end = _balanced_end(text, start)
        if end is not None:
            found.append(text[start : end + 1])
    return found


def _balanced_end(text: str, start: int) -> int | None:
    """Index of the bracket closing the one at `start`, skipping over quoted strings."""
    depth, quote, escaped = 0, "", False
    for i in range(start, len(text)):
        ch = text[i]
        if quote:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == quote:
                quote = ""
        elif ch in "\"'":
            quote = ch
        elif ch in "{[":
            depth += 1
        elif ch in "}]":
            depth -= 1
            if depth == 0:
                return i
    return None


def _loads_repaired(candidate: str) -> Any:
    attempts = [candidate]
    repaired = _TRAILING_COMMA.sub(r"\1", candidate.translate(_SMART_QUOTES))
    attempts.append(repaired)
    attempts.append(_TRAILING_COMMA.sub(r"\1", _python_literals(_single_to_double_quotes(repaired))))
    for attempt in attempts:
        try:
            return json.loads(attempt)
        except (ValueError, RecursionError):
            continue
    return None


def _single_to_double_quotes(text: str) -> str:
    """Rewrite 'single-quoted' strings as JSON strings, leaving double-quoted ones alone."""
    out: list[str] = []
    quote, escaped = "", False
    for ch in text:
        if not quote:
            if ch in "\"'":
                quote = ch
                out.append('"')
            else:
                out.append(ch)
            continue
        if escaped:
            escaped = False
            # \' is not a JSON escape; an apostrophe needs none.
            out.append(ch if ch == "'" else "\\" + ch)
        elif ch == "\\":
            escaped = True
        elif ch == quote:
            quote = ""
            out.append('"')
        elif ch == '"':
            out.append('\\"')
        else:
            out.append(ch)
    return "".join(out)


def _python_literals(text: str) -> str:
    """True/False/None outside strings become JSON literals."""
    return re.sub(r'"(?:\\.|[^"\\])*"|\b(True|False|None)\b', lambda m: _PY_LITERALS.get(m.group(0), m.group(0)), text)

"""JSON output: the same document as json.dumps, outer levels on their own lines, inner values on one line."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from careercopilot.jsontext import json_text


def test_a_list_prints_one_object_per_line_and_parses_back_identically() -> None:
    rows = [{"id": i, "company": f"Acme {i} — Zürich", "tags": ["a", "b"], "nested": {"x": None}} for i in range(3)]
    text = json_text(rows)
    assert json.loads(text) == rows
    lines = text.splitlines()
    assert lines[0] == "[" and lines[-1] == "]" and len(lines) == 5
    assert "Zürich" in text  # not escaped to \\u00fc: readable in a terminal


def test_an_object_spreads_its_keys_and_keeps_deeper_values_on_one_line() -> None:
    document = {"format": "careercopilot", "applications": [{"id": 1, "history": [{"to": "applied"}]}], "empty": []}
    text = json_text(document)
    assert json.loads(text) == document
    assert '  "format": "careercopilot",' in text.splitlines()
    assert '    {"id": 1, "history": [{"to": "applied"}]}' in text.splitlines()


def test_values_json_cannot_write_go_through_default() -> None:
    at = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)
    assert json.loads(json_text([{"at": at}], default=lambda v: v.isoformat())) == [{"at": at.isoformat()}]

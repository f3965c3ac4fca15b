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


def test_printed_records_match_their_plain_form_and_never_show_hidden_fields() -> None:
    """print_json hands dataclasses to the C encoder through json_part: same document as to_jsonable, secrets out."""
    from dataclasses import dataclass, field
    from pathlib import PurePosixPath

    from careercopilot.cli.common import json_part, to_jsonable
    from careercopilot.domain.applications import Stage

    @dataclass(frozen=True)
    class Board:
        name: str
        api_key: str | None = field(default=None, repr=False)

    @dataclass(frozen=True)
    class Row:
        stage: Stage
        at: datetime
        board: Board
        tags: frozenset[str]
        folder: PurePosixPath

    at = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)
    rows = [Row(Stage.APPLIED, at, Board("reed", api_key="reed-secret-123"), frozenset({"x"}), PurePosixPath("/a"))]
    text = json_text({"rows": rows}, json_part)
    assert "reed-secret-123" not in text
    assert json.loads(text) == to_jsonable({"rows": rows}) == {"rows": [
        {"stage": "applied", "at": at.isoformat(), "board": {"name": "reed"}, "tags": ["x"], "folder": "/a"}]}
    assert json.loads(json_text(rows[0], json_part))["board"] == {"name": "reed"}  # a record at the top, spread
    assert json_text(rows[0], json_part).splitlines()[1].startswith('  "stage"')

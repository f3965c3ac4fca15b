"""The tolerant JSON reader: finds what the model meant and never crashes on what it wrote."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from careercopilot.llm.lenient_json import extract_json
from careercopilot.llm.schema import schema_errors


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('{"a": 1}', {"a": 1}),
        ('```\n{"a": [1, 2]}\n```', {"a": [1, 2]}),
        ('Here you go: {"a": "x}y"} hope it helps {not json}', {"a": "x}y"}),
        ('{"a": 1, "b": [1, 2,],}', {"a": 1, "b": [1, 2]}),
        ("{'a': 'it\\'s', 'b': \"say \\\"hi\\\"\"}", {"a": "it's", "b": 'say "hi"'}),
        ("{'ok': True, 'none': None}", {"ok": True, "none": None}),
        ("{\u201ca\u201d: \u201cb\u201d}", {"a": "b"}),
        ("The list is [1, 2, 3].", [1, 2, 3]),
    ],
    ids=[
        "plain",
        "fence",
        "prose-and-brace-in-string",
        "trailing-commas",
        "single-quotes",
        "python-literals",
        "smart-quotes",
        "array",
    ],
)
def test_finds_the_json_the_model_meant(text: str, expected: object) -> None:
    assert extract_json(text) == expected


@pytest.mark.parametrize("text", ["", "   ", "no json here", "{broken: ", "[[[[", "null", "42"])
def test_text_without_an_object_or_array_gives_none(text: str) -> None:
    assert extract_json(text) is None


@settings(deadline=None)
@given(st.text(max_size=400))
def test_never_crashes_on_arbitrary_text(text: str) -> None:
    assert extract_json(text) is None or isinstance(extract_json(text), dict | list)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)


@settings(deadline=None)
@given(st.dictionaries(st.text(max_size=8), json_values, min_size=1, max_size=4), st.sampled_from(["", "Sure: "]))
def test_any_object_survives_prose_and_fences(value: dict, prefix: str) -> None:
    text = f"{prefix}```json\n{json.dumps(value)}\n```\nDone."
    assert extract_json(text) == value


@settings(deadline=None)
@given(json_values)
def test_schema_check_never_crashes(value: object) -> None:
    schema = {"type": "object", "properties": {"a": {"type": "integer"}}, "required": ["a"]}
    assert isinstance(schema_errors(value, schema), list)


def test_schema_errors_read_as_sentences() -> None:
    schema = {
        "type": "object",
        "properties": {"score": {"type": "integer", "minimum": 1}, "tips": {"type": "array", "maxItems": 1}},
        "required": ["score", "tips", "note"],
    }
    errors = schema_errors({"score": 0, "tips": [1, 2]}, schema)
    assert errors == ["$.note is missing", "$.score must be at least 1", "$.tips must have at most 1 item"]
    assert schema_errors({"score": True, "tips": []}, schema)[1] == "$.score must be integer, not bool"

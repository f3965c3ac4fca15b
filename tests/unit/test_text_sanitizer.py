"""The one sanitizer: no control sequence survives, text stays readable, and it is idempotent."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from careercopilot.domain.text import clean_line, clean_text

FORBIDDEN = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
pieces = st.sampled_from(
    [*"ab [/]@=$;\n\t\x1b\x9b\x9d\x07\\\u202e\x00\x7fé\u0301", "\x1b]52;c;", "\x1b[2J", "\x1b\\"]
)
hostile = st.lists(pieces | st.characters(), max_size=80).map("".join)


@given(hostile)
def test_no_control_or_bidi_character_survives(value):
    assert not FORBIDDEN.search(clean_text(value))
    assert "\n" not in clean_line(value)


@given(hostile)
def test_cleaning_is_idempotent(value):
    assert clean_text(clean_text(value)) == clean_text(value)


@given(hostile)
def test_cleaned_text_is_composed_and_clean_text_comes_back_as_it_was(value):
    cleaned = clean_text(value)
    assert unicodedata.is_normalized("NFC", cleaned)  # "e" + combining accent comes back as one "é"
    if not FORBIDDEN.search(value) and unicodedata.is_normalized("NFC", value):  # FORBIDDEN has \r too
        assert cleaned == value


def test_known_attacks_are_removed_but_markup_stays_literal():
    assert clean_text("Dev \x1b]52;c;aGVsbG8=\x1b\\ end") == "Dev  end"
    assert clean_text("a\x1b[2Jb\x9b31mc") == "abc"
    assert clean_text("\x1b]8;;https://evil\x07click\x1b]8;;\x07") == "click"
    assert clean_text("C++ [Remote] [/] [@click=app.quit]x[/]") == "C++ [Remote] [/] [@click=app.quit]x[/]"
    assert clean_line("  Senior\n  Engineer\t ") == "Senior Engineer"

"""Pure tracker rules: stage names, dates as people type them, CSV reading, follow-up due dates."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from careercopilot.domain.application_demo import demo_applications
from careercopilot.domain.application_files import decode, parse_csv, parse_map_option
from careercopilot.domain.applications import (
    DEFAULT_FOLLOWUP_RULES,
    DateProblem,
    FollowUpAction,
    FollowUpCandidate,
    Stage,
    company_key,
    due_followups,
    infer_day_first,
    parse_stage,
    parse_when,
)
from careercopilot.errors import BadInput

NOW = datetime(2026, 3, 15, 12, 0, tzinfo=UTC)
BERLIN = ZoneInfo("Europe/Berlin")


@pytest.mark.parametrize(("text", "stage"), [
    ("Applied", Stage.APPLIED), ("phone screen", Stage.SCREENING), ("Wishlist", Stage.SAVED),
    ("Interviewing", Stage.INTERVIEWING), ("Offered", Stage.OFFER), ("No Response", Stage.GHOSTED),
    ("take-home", None), ("GHOSTED", Stage.GHOSTED),
])
def test_stage_names_from_other_trackers(text, stage):
    if stage is None:
        with pytest.raises(ValueError, match="stages are"):
            parse_stage(text)
    else:
        assert parse_stage(text) is stage


@pytest.mark.parametrize(("text", "expected"), [
    ("2025-03-14", date(2025, 3, 14)),
    ("2025-03-14T23:30:00+00:00", date(2025, 3, 14)),
    ("14.03.2025", date(2025, 3, 14)),
    ("03.04.2025", date(2025, 4, 3)),  # dotted dates are day-first
    ("14/03/2025", date(2025, 3, 14)),
    ("03/14/2025", date(2025, 3, 14)),
    ("2025/03/14", date(2025, 3, 14)),
    ("14 Mar 2025", date(2025, 3, 14)),
    ("March 14, 2025", date(2025, 3, 14)),
    ("yesterday", date(2026, 3, 14)),
    ("3 days ago", date(2026, 3, 12)),
    ("2 weeks ago", date(2026, 3, 1)),
])
def test_dates_as_people_write_them(text, expected):
    assert parse_when(text, now=NOW, zone=UTC).date() == expected


def test_ambiguous_dates_need_a_format_or_an_order():
    with pytest.raises(DateProblem, match="--date-format"):
        parse_when("03/04/2025")
    assert parse_when("03/04/2025", day_first=True, zone=UTC).date() == date(2025, 4, 3)
    assert parse_when("03/04/2025", "%m/%d/%Y", zone=UTC).date() == date(2025, 3, 4)
    with pytest.raises(DateProblem, match="does not match"):
        parse_when("2025-03-04", "%d/%m/%Y")
    with pytest.raises(DateProblem, match="not a valid date"):
        parse_when("31/02/2025")
    with pytest.raises(DateProblem):
        parse_when("soon")


def test_naive_times_are_read_in_the_given_zone():
    assert parse_when("2025-07-01 10:00", zone=BERLIN) == datetime(2025, 7, 1, 8, 0, tzinfo=UTC)
    assert parse_when("2025-07-01T10:00:00Z", zone=BERLIN) == datetime(2025, 7, 1, 10, 0, tzinfo=UTC)


def test_a_column_settles_day_or_month_first():
    assert infer_day_first(["01/02/2025", "25/02/2025"]) is True
    assert infer_day_first(["01/02/2025", "02/25/2025"]) is False
    assert infer_day_first(["01/02/2025", "2025-01-01"]) is None
    with pytest.raises(DateProblem, match="mix"):
        infer_day_first(["25/02/2025", "02/25/2025"])


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31)))
def test_every_unambiguous_rendering_reads_back(day):
    for text in (day.isoformat(), day.strftime("%d.%m.%Y"), day.strftime("%d %b %Y")):
        assert parse_when(text, zone=UTC).date() == day
    assert parse_when(day.strftime("%d/%m/%Y"), day_first=True, zone=UTC).date() == day


@given(st.text(max_size=40))
def test_any_text_either_parses_or_says_why(text):
    try:
        parsed = parse_when(text, now=NOW)
    except DateProblem as problem:
        assert str(problem)
    else:
        assert parsed.tzinfo is not None


def test_company_names_fold_for_shared_contacts():
    assert company_key("ACME,  Inc.") == company_key("acme inc") == "acme inc"
    assert company_key("Müller GmbH") != company_key("Muller GmbH")


def test_follow_ups_come_due_per_rule_for_the_watched_stage_only():
    entered = NOW - timedelta(days=8)
    candidates = [FollowUpCandidate(1, "Acme", "Dev", Stage.APPLIED, entered, 11),
                  FollowUpCandidate(2, "Globex", "SRE", Stage.OFFER, entered, 12)]
    due = due_followups(candidates, DEFAULT_FOLLOWUP_RULES, NOW)
    assert [(d.application_id, d.rule.action, d.due_at) for d in due] == [
        (1, FollowUpAction.FOLLOW_UP, entered + timedelta(days=7))]
    assert len(due_followups(candidates, DEFAULT_FOLLOWUP_RULES, NOW + timedelta(days=30))) == 2


def test_map_option_names_headers_and_fields():
    assert parse_map_option("Company=company, Date Applied=applied_at") == {
        "Company": "company", "Date Applied": "applied_at"}
    with pytest.raises(BadInput, match="not a field"):
        parse_map_option("Company=employer")
    with pytest.raises(BadInput, match="HEADER=field"):
        parse_map_option("Company")


def test_csv_rows_keep_their_physical_line_numbers():
    text = 'Company,Title,Notes\nAcme,Dev,"two\nlines"\n\nGlobex,,x\n'
    parsed = parse_csv(text)
    assert [line for line, _ in parsed.drafts] == [3]
    assert [(p.line, p.reason) for p in parsed.problems] == [(5, "the title is empty")]


def test_decoding_reports_the_encoding_it_used():
    assert decode("Zürich".encode("cp1252")) == ("Zürich", "cp1252")
    assert decode("Zürich".encode("utf-8-sig")) == ("Zürich", "utf-8-sig")
    assert decode(b"\x81abc") == ("\x81abc", "latin-1")  # a byte cp1252 leaves undefined
    with pytest.raises(BadInput, match="cannot be read as ascii"):
        decode("Zürich".encode(), "ascii")


@given(st.binary(max_size=300))
def test_any_bytes_decode_or_are_refused_in_one_sentence(data):
    try:
        text, encoding = decode(data)
    except BadInput as refused:
        assert refused.message.endswith(".")
    else:
        assert encoding in ("utf-8", "utf-8-sig", "utf-16", "cp1252", "latin-1") and isinstance(text, str)


@given(st.lists(st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=12),
                         min_size=4, max_size=4), max_size=6))
def test_any_csv_rows_become_drafts_or_line_numbered_problems(rows):
    import csv
    import io

    out = io.StringIO()
    csv.writer(out).writerows([["Company", "Title", "Status", "Date Applied"], *rows])
    try:
        parsed = parse_csv(out.getvalue())
    except BadInput as refused:  # a file-level problem, such as dates that mix day-first and month-first
        assert refused.message
    else:
        assert all(problem.line >= 2 and problem.reason for problem in parsed.problems)
        assert all(draft.company and draft.title for _, draft in parsed.drafts)


def test_the_demo_calendar_has_no_two_interviews_at_once():
    for now in (datetime(2026, 11, 26, 12, tzinfo=UTC), datetime(2027, 3, 1, 23, tzinfo=UTC)):
        slots = sorted((i.starts_at, i.starts_at + timedelta(minutes=i.duration_minutes))
                       for plan in demo_applications(now) for i in plan.interviews if i.starts_at > now)
        assert len(slots) >= 2
        assert all(end <= next_start for (_, end), (next_start, _) in itertools.pairwise(slots))

"""Application tracker service, on SQLite and PostgreSQL: pipeline, history, undo, notes, contacts, interviews."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from careercopilot.domain.applications import (
    ApplicationDraft,
    ApplicationFilter,
    ContactDraft,
    InterviewDraft,
    InterviewKind,
    InterviewOutcome,
    SortKey,
    Stage,
)
from careercopilot.domain.notifications import NotificationKind
from careercopilot.errors import BadInput, NotFound


def add(services, user, company="Acme", title="Backend Engineer", **fields):
    return services.applications.add(user, ApplicationDraft(company=company, title=title, **fields))


def stages(history):
    return [(h.from_stage, h.to_stage) for h in history]


def test_new_application_starts_its_history_and_cleans_outside_text(services, alice):
    app = add(services, alice, company="Acme\x1b[31m  GmbH", title="Dev\u202e ops", stage=Stage.APPLIED,
              tags=("python", "python", " remote "))
    assert (app.company, app.title, app.tags) == ("Acme GmbH", "Dev ops", ("python", "remote"))
    assert app.applied_at is not None  # anything past "saved" was applied for
    detail = services.applications.show(alice, app.id)
    assert stages(detail.history) == [(None, Stage.APPLIED)]
    with pytest.raises(BadInput):
        add(services, alice, company="  ", title="Dev")


def test_every_move_is_appended_and_announced(services, alice):
    app = add(services, alice)
    services.applications.move(alice, app.id, Stage.APPLIED)
    moved = services.applications.move(alice, app.id, Stage.SCREENING, note="recruiter called")
    assert moved.stage is Stage.SCREENING
    history = services.applications.history(alice, app.id)
    assert stages(history) == [(None, Stage.SAVED), (Stage.SAVED, Stage.APPLIED), (Stage.APPLIED, Stage.SCREENING)]
    assert history[-1].note == "recruiter called"
    titles = [n.title for n in services.notifications.list(alice, kind=NotificationKind.APPLICATION_STATUS)]
    assert titles == ["Acme: Backend Engineer moved to screening", "Acme: Backend Engineer moved to applied"]
    with pytest.raises(BadInput, match="already in screening"):
        services.applications.move(alice, app.id, Stage.SCREENING)


def test_undo_appends_the_reverse_and_keeps_both(services, alice):
    app = add(services, alice, stage=Stage.APPLIED)
    with pytest.raises(BadInput, match="no move to undo"):
        services.applications.undo(alice, app.id)
    services.applications.move(alice, app.id, Stage.REJECTED)
    back = services.applications.undo(alice, app.id)
    assert back.stage is Stage.APPLIED
    history = services.applications.history(alice, app.id)
    assert stages(history) == [(None, Stage.APPLIED), (Stage.APPLIED, Stage.REJECTED), (Stage.REJECTED, Stage.APPLIED)]
    assert history[-1].reverts_id == history[-2].id
    assert "undo" in services.notifications.list(alice)[0].title
    assert services.applications.undo(alice, app.id).stage is Stage.REJECTED  # undoing the undo redoes


def test_undoing_the_move_to_applied_takes_its_applied_date_back(services, alice):
    app = add(services, alice, stage=Stage.SAVED)
    assert services.applications.move(alice, app.id, Stage.APPLIED).applied_at is not None
    assert services.applications.undo(alice, app.id).applied_at is None  # saved again: not applied for
    assert services.applications.undo(alice, app.id).applied_at is not None  # the redo applies again
    kept = add(services, alice, stage=Stage.APPLIED, applied_at=datetime.now(UTC) - timedelta(days=9))
    services.applications.move(alice, kept.id, Stage.SCREENING)
    assert services.applications.undo(alice, kept.id).applied_at == kept.applied_at  # not the undone move's


def test_moves_can_be_logged_in_the_past_but_not_the_future(services, alice):
    created = datetime.now(UTC) - timedelta(days=10)
    app = add(services, alice, stage=Stage.APPLIED, applied_at=created)
    last_week = datetime.now(UTC) - timedelta(days=7)
    moved = services.applications.move(alice, app.id, Stage.SCREENING, at=last_week)
    assert moved.stage_changed_at == last_week
    assert services.applications.history(alice, app.id)[-1].at == last_week
    with pytest.raises(BadInput, match="future"):
        services.applications.move(alice, app.id, Stage.OFFER, at=datetime.now(UTC) + timedelta(days=1))
    with pytest.raises(BadInput, match="before"):
        services.applications.move(alice, app.id, Stage.OFFER, at=created - timedelta(days=1))


def test_contacts_are_shared_by_applications_to_the_same_company(services, alice):
    first = add(services, alice, company="Acme Inc.")
    second = add(services, alice, company="ACME inc", title="Data Engineer")
    other = add(services, alice, company="Globex")
    services.applications.add_contact(alice, first.id, ContactDraft("Jane Roe", "Recruiter", "jane@acme.test"))
    assert [c.name for c in services.applications.show(alice, second.id).contacts] == ["Jane Roe"]
    assert services.applications.show(alice, other.id).contacts == ()
    with pytest.raises(BadInput):
        services.applications.add_contact(alice, first.id, ContactDraft(" "))


def test_notes_and_interviews(services, alice):
    app = add(services, alice)
    services.applications.add_note(alice, app.id, "Ask about **on-call**\x07")
    start = datetime(2030, 5, 6, 8, 0, tzinfo=UTC)
    interview = services.applications.add_interview(alice, app.id, InterviewDraft(
        "Technical", InterviewKind.TECHNICAL, start, "Europe/Berlin", 90, "https://meet.test/x", ("Sam",)))
    with pytest.raises(BadInput, match="time zone"):
        services.applications.add_interview(alice, app.id, InterviewDraft(
            "Onsite", InterviewKind.ONSITE, start, "Mars/Olympus"))
    done = services.applications.set_interview_outcome(alice, interview.id, InterviewOutcome.PASSED)
    detail = services.applications.show(alice, app.id)
    assert [n.body for n in detail.notes] == ["Ask about **on-call**"]
    assert [(i.round_name, i.starts_at, i.timezone, i.outcome) for i in detail.interviews] == [
        ("Technical", start, "Europe/Berlin", InterviewOutcome.PASSED)]
    assert done.outcome is InterviewOutcome.PASSED
    assert [i.id for i in services.applications.interviews(alice, since=start)] == [interview.id]


def test_list_filters_search_and_sorts(services, alice):
    add(services, alice, company="Acme", title="Python Developer", tags=("remote",))
    globex = add(services, alice, company="Globex", title="SRE", stage=Stage.APPLIED)
    add(services, alice, company="Initech", title="Analyst 100%_", stage=Stage.REJECTED)
    applied = services.applications.list(alice, ApplicationFilter(stages=(Stage.APPLIED,)))
    assert [a.id for a in applied] == [globex.id]
    assert [a.company for a in services.applications.list(alice, ApplicationFilter(search="python"))] == ["Acme"]
    assert [a.company for a in services.applications.list(alice, ApplicationFilter(search="%_"))] == ["Initech"]
    assert [a.company for a in services.applications.list(alice, ApplicationFilter(tag="REMOTE"))] == ["Acme"]
    by_company = services.applications.list(alice, ApplicationFilter(sort=SortKey.COMPANY))
    assert [a.company for a in by_company] == ["Acme", "Globex", "Initech"]
    first_two = services.applications.list(alice, ApplicationFilter(sort=SortKey.COMPANY, limit=2))
    assert [a.company for a in first_two] == ["Acme", "Globex"]
    open_only = ApplicationFilter(stages=(Stage.SAVED, Stage.APPLIED), sort=SortKey.COMPANY, limit=1)
    assert [a.company for a in services.applications.list(alice, open_only)] == ["Acme"]
    counts = services.applications.counts(alice)
    assert (counts[Stage.SAVED], counts[Stage.APPLIED], counts[Stage.REJECTED], counts[Stage.OFFER]) == (1, 1, 1, 0)


def test_remove_deletes_the_application_but_keeps_company_contacts(services, alice):
    app = add(services, alice)
    twin = add(services, alice, title="Other role")
    services.applications.add_contact(alice, app.id, ContactDraft("Jane"))
    services.applications.add_note(alice, app.id, "note")
    services.applications.remove(alice, app.id)
    with pytest.raises(NotFound):
        services.applications.show(alice, app.id)
    assert [c.name for c in services.applications.show(alice, twin.id).contacts] == ["Jane"]


def test_one_user_never_reaches_anothers_applications(services, alice, bob):
    app = add(services, alice, company="Acme")
    services.applications.add_contact(alice, app.id, ContactDraft("Jane"))
    interview = services.applications.add_interview(alice, app.id, InterviewDraft(
        "Call", InterviewKind.PHONE, datetime(2030, 1, 1, tzinfo=UTC)))
    bobs = add(services, bob, company="Acme")
    calls = [
        lambda: services.applications.get(bob, app.id),
        lambda: services.applications.show(bob, app.id),
        lambda: services.applications.history(bob, app.id),
        lambda: services.applications.update(bob, app.id, title="mine now"),
        lambda: services.applications.move(bob, app.id, Stage.OFFER),
        lambda: services.applications.undo(bob, app.id),
        lambda: services.applications.add_note(bob, app.id, "x"),
        lambda: services.applications.add_contact(bob, app.id, ContactDraft("Eve")),
        lambda: services.applications.add_interview(bob, app.id, InterviewDraft(
            "x", InterviewKind.PHONE, datetime(2030, 1, 1, tzinfo=UTC))),
        lambda: services.applications.set_interview_outcome(bob, interview.id, InterviewOutcome.FAILED),
        lambda: services.applications.remove(bob, app.id),
        lambda: services.applications.remove_contact(bob, services.applications.contacts(alice, "Acme")[0].id),
    ]
    for call in calls:
        with pytest.raises(NotFound):
            call()
    assert [a.id for a in services.applications.list(bob)] == [bobs.id]
    assert services.applications.show(bob, bobs.id).contacts == ()  # same company name, different user
    assert services.applications.contacts(bob, "Acme") == []
    assert services.applications.interviews(bob) == []
    assert [d.company for d in services.applications.export(bob)] == ["Acme"] and len(
        services.applications.export(alice)) == 1
    assert sum(services.applications.counts(bob).values()) == 1
    assert services.applications.show(alice, app.id).title == "Backend Engineer"
    assert services.notifications.list(bob) == []


def test_update_edits_fields_but_never_the_stage(services, alice):
    app = add(services, alice)
    due = datetime(2030, 1, 2, tzinfo=UTC)
    updated = services.applications.update(alice, app.id, next_action="Send portfolio", next_action_due=due,
                                           priority="high", tags="a, b")
    assert (updated.next_action, updated.next_action_due, updated.priority.value, updated.tags) == (
        "Send portfolio", due, "high", ("a", "b"))
    with pytest.raises(BadInput, match="cannot be edited"):
        services.applications.update(alice, app.id, stage="offer")


def test_demo_tracker_fills_every_stage_once(services, alice):
    assert services.applications.seed_demo(alice) == 25
    counts = services.applications.counts(alice)
    assert all(counts[stage] > 0 for stage in Stage)
    offer = services.applications.list(alice, ApplicationFilter(stages=(Stage.OFFER,)))[0]
    detail = services.applications.show(alice, offer.id)
    assert len(detail.history) == 5 and detail.notes and detail.contacts and detail.interviews
    assert services.applications.seed_demo(alice) == 0

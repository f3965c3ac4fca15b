"""Importing trackers: CSV from spreadsheets and other tools, all or nothing, with line numbers and reasons."""

from __future__ import annotations

import pytest

from careercopilot.domain.application_files import ImportRejected
from careercopilot.domain.applications import Stage
from careercopilot.errors import BadInput

SPREADSHEET = (
    "Company Name;Job Title;Status;Date Applied;Job URL;Notes\n"
    "Müller & Söhne;Entwickler;Applied;25/12/2025;https://jobs.example/1;Referral from Ana\n"
    "Globex;SRE;Interview;03/01/2026;;\n"
    "Initech;Analyst;Wishlist;;;\n"
)


def imported(services, user, data: bytes, **options):
    return services.applications.import_file(user, data, **options)


def test_a_spreadsheet_export_imports_with_its_stages_dates_and_notes(services, alice):
    report = imported(services, alice, SPREADSHEET.encode("utf-8"))
    assert (report.imported, report.skipped, report.encoding, report.format) == (3, (), "utf-8", "csv")
    apps = {a.company: a for a in services.applications.list(alice)}
    assert {c: a.stage for c, a in apps.items()} == {
        "Müller & Söhne": Stage.APPLIED, "Globex": Stage.INTERVIEWING, "Initech": Stage.SAVED}
    assert apps["Müller & Söhne"].applied_at.date().isoformat() == "2025-12-25"  # 25/.. settles day-first
    assert apps["Globex"].applied_at.date().isoformat() == "2026-01-03"
    assert [n.body for n in services.applications.show(alice, apps["Müller & Söhne"].id).notes] == [
        "Referral from Ana"]


@pytest.mark.parametrize("encoding", ["utf-8-sig", "cp1252", "latin-1", "utf-16"])
def test_encodings_are_detected(services, alice, encoding):
    report = imported(services, alice, SPREADSHEET.encode(encoding))
    assert report.imported == 3
    assert services.applications.list(alice)[-1].company == "Müller & Söhne"


def test_a_bad_row_rejects_the_whole_file_with_line_numbers(services, alice):
    data = (b"Company,Title,Status,Date Applied\n"
            b"Acme,Dev,applied,2025-03-01\n"
            b"Globex,SRE,on hold,2025-03-02\n"
            b"Initech,,applied,2025-03-03\n"
            b"Hooli,PM,applied,2025-02-30\n")
    with pytest.raises(ImportRejected) as rejected:
        imported(services, alice, data)
    assert [p.line for p in rejected.value.problems] == [3, 4, 5]
    reasons = [p.reason for p in rejected.value.problems]
    assert "'on hold' is not a stage" in reasons[0] and "title is empty" in reasons[1] and "valid" in reasons[2]
    assert rejected.value.exit_code == 2
    assert services.applications.list(alice) == []
    report = imported(services, alice, data, skip_invalid=True)
    assert report.imported == 1 and [p.line for p in report.skipped] == [3, 4, 5]
    assert [a.company for a in services.applications.list(alice)] == ["Acme"]


@pytest.mark.parametrize(("data", "message"), [
    (b"Employer Name,Role Name\nAcme,Dev\n", "No column is mapped to company and title"),
    (b"", "empty"),
    (b"Company,Title\n", "no rows"),
    (b"Company,Title,Date Applied\nAcme,Dev,03/04/2025\nGlobex,SRE,05/06/2025\n", "--date-format"),
    (b"Company,Title,Date\nA,B,13/01/2025\nC,D,01/13/2025\n", "mix day-first and month-first"),
    (b"\x00\x01\x02binary", "binary"),
    (b'{"format": "something else"}', "not a Career Copilot export"),
], ids=["wrong-columns", "empty", "header-only", "ambiguous-dates", "mixed-dates", "binary", "foreign-json"])
def test_unreadable_files_write_nothing(services, alice, data, message):
    with pytest.raises(BadInput, match=message):
        imported(services, alice, data)
    assert services.applications.list(alice) == []


def test_an_explicit_map_and_date_format_settle_what_headers_and_dates_mean(services, alice):
    data = b"Employer Name,Role Name,Pipeline,When\nAcme,Dev,offer,03/04/2025\n"
    with pytest.raises(BadInput, match="lacks"):
        imported(services, alice, data, column_map={"Nope": "company"})
    report = imported(services, alice, data, date_format="%m/%d/%Y", column_map={
        "Employer Name": "company", "Role Name": "title", "Pipeline": "stage", "When": "applied_at"})
    assert report.imported == 1
    app = services.applications.list(alice)[0]
    assert (app.company, app.stage, app.applied_at.date().isoformat()) == ("Acme", Stage.OFFER, "2025-03-04")


def test_imported_rows_belong_to_the_importer_only(services, alice, bob):
    imported(services, alice, SPREADSHEET.encode())
    assert services.applications.list(bob) == []


def test_exported_csv_imports_back_with_formula_cells_kept_as_text(services, alice):
    from careercopilot.domain.application_files import to_csv
    from careercopilot.domain.applications import ApplicationDraft

    services.applications.add(alice, ApplicationDraft("=HYPERLINK(\"x\")", "Dev", tags=("a", "b")))
    text = to_csv(services.applications.list(alice))
    assert "'=HYPERLINK" in text  # a spreadsheet shows it instead of running it
    services.applications.remove(alice, services.applications.list(alice)[0].id)
    imported(services, alice, text.encode())
    again = services.applications.list(alice)[0]
    assert (again.company, again.tags) == ('=HYPERLINK("x")', ("a", "b"))


def test_a_json_export_restores_into_another_account_with_history_and_undo_intact(services, alice, bob):
    from careercopilot.cli.common import json_part
    from careercopilot.domain.application_files import JSON_FORMAT, JSON_VERSION
    from careercopilot.domain.applications import ApplicationDraft
    from careercopilot.jsontext import json_text

    apps = services.applications
    first = apps.add(alice, ApplicationDraft(company="Acme", title="Dev", stage=Stage.APPLIED))
    apps.move(alice, first.id, Stage.SCREENING, note="call")
    apps.move(alice, first.id, Stage.REJECTED)
    apps.undo(alice, first.id)
    second = apps.add(alice, ApplicationDraft(company="Globex", title="SRE"))
    apps.move(alice, second.id, Stage.INTERVIEWING)
    exported = apps.export(alice)
    document = {"format": JSON_FORMAT, "version": JSON_VERSION, "applications": exported}

    assert apps.import_file(bob, json_text(document, json_part).encode()).imported == 2
    restored = apps.export(bob)
    assert [(d.company, d.stage) for d in restored] == [("Acme", Stage.SCREENING), ("Globex", Stage.INTERVIEWING)]
    history = restored[0].history
    assert [(h.to_stage, h.note) for h in history] == [(h.to_stage, h.note) for h in exported[0].history]
    assert history[-1].reverts_id == history[-2].id  # the undo points at the restored move it reverted
    assert apps.undo(bob, restored[1].id).stage == Stage.SAVED  # the last move is known: undo works at once
    assert [d.stage for d in apps.export(alice)] == [Stage.SCREENING, Stage.INTERVIEWING]  # alice's untouched

"""Other trackers' CSV exports import with their own columns, stage words and dates (built-in presets)."""

from __future__ import annotations

import pytest

from careercopilot.domain.application_files import ImportRejected, parse_csv
from careercopilot.domain.applications import Stage
from careercopilot.domain.tracker_presets import PRESETS, preset_named
from careercopilot.errors import BadInput

HUNTR = (
    "id,createdAt,title,salary,location,url,rootDomain,htmlDescription,deadline,color,lastMovedAt,boardId,"
    "boardName,listId,listName,companyId,companyName,companyDomain,creatorUserId,creatorUserFirstName,"
    "creatorUserLastName,creatorUserEmail\n"
    "a1,2025-02-26 19:17:05,Backend Engineer,-,Berlin,https://jobs.example/1,example,-,-,-,-,b1,Search 2025,l1,"
    "Wishlist,c1,Acme,acme.example,u1,Ana,Lima,ana@example.org\n"
    "a2,2025-02-26 19:21:26,SRE,-,-,-,-,-,-,-,-,b1,Search 2025,l2,Interview,c2,Globex,globex.example,u1,Ana,Lima,"
    "ana@example.org\n"
    "a3,2025-02-26 19:22:52,Data Engineer,-,-,-,-,-,-,-,-,b1,Search 2025,l3,Offer,c3,Initech,initech.example,u1,Ana,"
    "Lima,ana@example.org\n"
    "a4,2025-02-26 19:43:49,Intern,-,-,-,-,-,-,-,-,b1,Search 2025,l4,rejected,c4,Hooli,hooli.example,u1,Ana,Lima,"
    "ana@example.org\n"
)
JOBFUNNEL = (
    "status,title,company,location,date,blurb,tags,link,id,provider,query,locale,wage,remoteness\n"
    "NEW,Python Developer,Acme,Waterloo ON,2025-03-01,Write Python,\"python\nsql\",https://ca.indeed.com/1,k1,"
    "INDEED,Python,CANADA_ENGLISH,,UNKNOWN\n"
    "APPLIED,Data Analyst,Globex,Toronto ON,2025-03-02,Dashboards,,https://ca.indeed.com/2,k2,INDEED,Python,"
    "CANADA_ENGLISH,,UNKNOWN\n"
    "INTERVIEWED,ML Engineer,Initech,Remote,2025-03-03,Models,,https://ca.indeed.com/3,k3,INDEED,Python,"
    "CANADA_ENGLISH,,FULLY_REMOTE\n"
    "ARCHIVE,QA,Hooli,Ottawa ON,2025-03-04,Tests,,https://ca.indeed.com/4,k4,INDEED,Python,CANADA_ENGLISH,,UNKNOWN\n"
)
LINKEDIN = (
    "Application Date,Contact Email,Contact Phone Number,Company Name,Job Title,Job Url,Resume Name,"
    "Question And Answers\n"
    "\"6/18/25, 5:28 PM\",ana@example.org,+15550001111,The Horizon Group,Junior Data Analyst,"
    "http://www.linkedin.com/jobs/view/3111782169,Ana_CV.pdf,\"Years of SQL?:2 | Sponsorship?:No\"\n"
    "\"11/27/24, 6:15 AM\",ana@example.org,+15550001111,OrgoBell,Market Research Intern,"
    "http://www.linkedin.com/jobs/view/2323825219,Ana_CV_old.pdf,\n"
)
LINKEDIN_SAVED = (
    "Saved Date,Job Url,Job Title,Company Name\n"
    "\"11/21/24, 10:47 AM\",http://www.linkedin.com/jobs/view/3365129597,Data Science Program,Apziva\n"
)
SIMPLIFY = (
    "Job Title,Company Name,Job URL,Applied Date,Status,Status Date,Archived,Date Archived,Notes\n"
    "Software Engineer,Acme,https://simplify.jobs/p/1,2025-01-15,APPLIED,2025-01-15,false,,Referral from Ana\n"
    "Platform Engineer,Globex,https://simplify.jobs/p/2,2025-01-10,INTERVIEWING,2025-01-20,false,,\n"
    "Frontend Engineer,Initech,https://simplify.jobs/p/3,,SAVED,2025-01-05,false,,\n"
    "Data Engineer,Hooli,https://simplify.jobs/p/4,2024-12-01,WITHDRAWN,2025-01-02,true,2025-01-02,\n"
)


def imported(services, user, text: str, **options):
    return services.applications.import_file(user, text.encode("utf-8"), **options)


def by_company(services, user):
    return {a.company: a for a in services.applications.list(user)}


def local_day(app) -> str:
    return app.applied_at.astimezone().date().isoformat()  # naive file times are local times


def test_a_huntr_board_export_imports_its_lists_as_stages(services, alice):
    assert imported(services, alice, HUNTR).imported == 4
    apps = by_company(services, alice)
    assert {c: a.stage for c, a in apps.items()} == {
        "Acme": Stage.SAVED, "Globex": Stage.INTERVIEWING, "Initech": Stage.OFFER, "Hooli": Stage.REJECTED}
    acme = apps["Acme"]
    assert (acme.title, acme.location, acme.url) == ("Backend Engineer", "Berlin", "https://jobs.example/1")
    assert (apps["Globex"].location, apps["Globex"].url) == ("", "")  # Huntr's "-" is an empty cell


def test_a_jobfunnel_master_list_imports_its_statuses(services, alice):
    assert imported(services, alice, JOBFUNNEL).imported == 4
    apps = by_company(services, alice)
    assert {c: a.stage for c, a in apps.items()} == {
        "Acme": Stage.SAVED, "Globex": Stage.APPLIED, "Initech": Stage.INTERVIEWING, "Hooli": Stage.WITHDRAWN}
    acme = apps["Acme"]
    assert (acme.title, acme.location, acme.url, acme.source) == (
        "Python Developer", "Waterloo ON", "https://ca.indeed.com/1", "INDEED")
    assert acme.applied_at is None and acme.tags == ()  # `date` is the posting date, not when you applied


def test_the_older_jobfunnel_header_is_recognised_too(services, alice):
    old = ("status,title,company,location,date,blurb,tags,link,id,provider,query,locale\n"
           "interested,Dev,Acme,Waterloo ON,2025-03-01,x,,https://ca.indeed.com/1,k1,INDEED,Python,CANADA_ENGLISH\n")
    assert imported(services, alice, old).imported == 1
    assert services.applications.list(alice)[0].stage == Stage.SAVED


def test_a_linkedin_job_applications_export_imports_as_applied_with_its_dates(services, alice):
    assert imported(services, alice, LINKEDIN).imported == 2
    apps = by_company(services, alice)
    horizon = apps["The Horizon Group"]
    assert (horizon.title, horizon.stage, horizon.source, horizon.cv_version) == (
        "Junior Data Analyst", Stage.APPLIED, "LinkedIn", "Ana_CV.pdf")
    assert horizon.url == "http://www.linkedin.com/jobs/view/3111782169"
    assert horizon.applied_at.astimezone().strftime("%Y-%m-%d %H:%M") == "2025-06-18 17:28"
    assert local_day(apps["OrgoBell"]) == "2024-11-27"
    notes = services.applications.show(alice, horizon.id).notes
    assert [n.body for n in notes] == ["Years of SQL?:2 | Sponsorship?:No"]


def test_linkedin_saved_jobs_import_as_saved(services, alice):
    assert imported(services, alice, LINKEDIN_SAVED).imported == 1
    app = services.applications.list(alice)[0]
    assert (app.company, app.title, app.stage, app.source, app.applied_at) == (
        "Apziva", "Data Science Program", Stage.SAVED, "LinkedIn", None)


def test_a_simplify_export_imports_its_statuses_dates_and_notes(services, alice):
    assert imported(services, alice, SIMPLIFY).imported == 4
    apps = by_company(services, alice)
    assert {c: a.stage for c, a in apps.items()} == {
        "Acme": Stage.APPLIED, "Globex": Stage.INTERVIEWING, "Initech": Stage.SAVED, "Hooli": Stage.WITHDRAWN}
    assert local_day(apps["Acme"]) == "2025-01-15" and apps["Initech"].applied_at is None
    assert [n.body for n in services.applications.show(alice, apps["Acme"].id).notes] == ["Referral from Ana"]


@pytest.mark.parametrize(("text", "name"), [
    (HUNTR, "huntr"), (JOBFUNNEL, "jobfunnel"), (LINKEDIN, "linkedin"), (LINKEDIN_SAVED, "linkedin-saved"),
    (SIMPLIFY, "simplify"),
])
def test_each_export_is_recognised_by_its_header_alone(text, name):
    assert parse_csv(text).preset == name


def test_a_header_that_is_not_exactly_a_presets_is_read_as_before():
    text = "Company Name,Job Title,Status,Notes\nAcme,Dev,Wishlist,\n"
    parsed = parse_csv(text)
    assert parsed.preset is None and parsed.drafts[0][1].stage == Stage.SAVED


def test_a_named_preset_reads_an_export_with_a_column_added():
    ratings = ["Rating", "5", "4", "3", "2"]
    text = "".join(f"{extra},{line}\n" for extra, line in zip(ratings, HUNTR.splitlines(), strict=True))
    assert parse_csv(text).preset is None
    parsed = parse_csv(text, preset=preset_named("Huntr"))
    assert parsed.preset == "huntr" and not parsed.problems
    assert [d.stage for _, d in parsed.drafts] == [Stage.SAVED, Stage.INTERVIEWING, Stage.OFFER, Stage.REJECTED]


def test_map_entries_override_the_presets(services, alice):
    imported(services, alice, HUNTR, column_map={"boardName": "tags", "companyDomain": "company"})
    app = by_company(services, alice)["acme.example"]
    assert (app.title, app.tags, app.stage) == ("Backend Engineer", ("Search 2025",), Stage.SAVED)


def test_an_explicit_date_format_wins_over_the_presets():
    text = LINKEDIN.replace("6/18/25, 5:28 PM", "2025-06-18 17:28").replace("11/27/24, 6:15 AM", "2024-11-27 06:15")
    problems = parse_csv(text).problems
    assert [p.line for p in problems] == [2, 3] and "%m/%d/%y, %I:%M %p" in problems[0].reason
    parsed = parse_csv(text, date_format="%Y-%m-%d %H:%M")
    assert not parsed.problems and parsed.preset == "linkedin"


def test_an_unknown_preset_is_one_sentence_naming_the_known_ones():
    with pytest.raises(BadInput) as error:
        preset_named("teal")
    message = error.value.message
    assert message.count(".") == 1 and all(name in message for name in PRESETS)
    assert error.value.exit_code == 2


def test_a_bad_row_in_a_preset_export_names_its_line_and_writes_nothing(services, alice):
    bad = SIMPLIFY.replace("Frontend Engineer,Initech,", ",Initech,").replace("WITHDRAWN", "ON HOLD")
    with pytest.raises(ImportRejected) as rejected:
        imported(services, alice, bad)
    assert [p.line for p in rejected.value.problems] == [4, 5]
    assert "title is empty" in rejected.value.problems[0].reason
    assert "'ON HOLD' is not a stage" in rejected.value.problems[1].reason
    assert services.applications.list(alice) == []

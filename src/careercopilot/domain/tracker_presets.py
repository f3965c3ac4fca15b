"""Built-in column layouts of other trackers' CSV exports, for `apps import FILE [--preset NAME]`. Pure data.

A preset maps the tool's headers to our fields, its stage words to our stages, and says how its dates are
written and which cell values mean "empty". Only tools whose export columns we found in a real source are here;
each preset names that source. A file whose header row has exactly a preset's columns is recognised without
`--preset`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from careercopilot.domain.applications import Stage
from careercopilot.errors import BadInput


@dataclass(frozen=True, slots=True)
class TrackerPreset:
    name: str
    label: str  # what the file is, for the import report
    columns: Mapping[str, str]  # the tool's header -> our field (headers left out are not imported)
    headers: tuple[tuple[str, ...], ...]  # the tool's full header rows (one per known version), for detection
    stages: Mapping[str, Stage] = field(default_factory=dict)  # folded stage word -> our stage
    date_format: str | None = None  # strptime format of its dates; None: ours are read as usual
    blanks: frozenset[str] = frozenset()  # cell values the tool writes for "empty"
    defaults: Mapping[str, str] = field(default_factory=dict)  # field -> value for every row (when no column)

    def stage(self, word: str) -> Stage | None:
        """Our stage for one of the tool's stage words, or None when the word is not the tool's own."""
        return self.stages.get(fold_word(word))


def fold_word(word: str) -> str:
    return re.sub(r"[\s_\-]+", "", word.casefold())


def _stages(**words: Stage) -> dict[str, Stage]:
    return {fold_word(word): stage for word, stage in words.items()}


# Huntr's board export (one row per job card). Columns from a real export committed as sample data in
# github.com/keenlychuang/huntr-to-notion (data/sample_data/test_data_multiple_entry.csv), whose code reads
# title, url, companyName, listName and boardName. Huntr writes "-" for an empty cell. The stage is the name of
# the board list the card sits in: the sample has "applied" and "rejected"; the rest are Huntr's default lists
# (Wishlist, Applied, Interview, Offer, Rejected). A custom list name falls back to our own stage words.
HUNTR = TrackerPreset(
    name="huntr",
    label="Huntr board export",
    columns={"companyName": "company", "title": "title", "listName": "stage", "url": "url", "location": "location"},
    headers=(("id", "createdAt", "title", "salary", "location", "url", "rootDomain", "htmlDescription", "deadline",
              "color", "lastMovedAt", "boardId", "boardName", "listId", "listName", "companyId", "companyName",
              "companyDomain", "creatorUserId", "creatorUserFirstName", "creatorUserLastName",
              "creatorUserEmail"),),
    stages=_stages(wishlist=Stage.SAVED, applied=Stage.APPLIED, interview=Stage.INTERVIEWING, offer=Stage.OFFER,
                   rejected=Stage.REJECTED),
    blanks=frozenset({"-"}),
)

# JobFunnel's master list (master_list.csv / master.csv), written by github.com/PaulMcInnis/JobFunnel:
# CSV_HEADER in jobfunnel/resources/resources.py (12 columns; "wage" and "remoteness" were added later), rows from
# Job.as_row in jobfunnel/backend/job.py. `status` is a JobStatus name (jobfunnel/resources/enums.py); the readme
# also tells users to type interested/applied/interview/offer. `date` is the posting date, not an applied date,
# and `id` is the board's job key, so neither is imported. ARCHIVE/DELETE/OLD are postings the user dropped.
JOBFUNNEL = TrackerPreset(
    name="jobfunnel",
    label="JobFunnel master list",
    columns={"company": "company", "title": "title", "status": "stage", "link": "url", "location": "location",
             "provider": "source"},
    headers=(("status", "title", "company", "location", "date", "blurb", "tags", "link", "id", "provider", "query",
              "locale"),
             ("status", "title", "company", "location", "date", "blurb", "tags", "link", "id", "provider", "query",
              "locale", "wage", "remoteness")),
    stages=_stages(new=Stage.SAVED, unknown=Stage.SAVED, interested=Stage.SAVED, apply=Stage.SAVED,
                   applied=Stage.APPLIED, interviewing=Stage.INTERVIEWING, interviewed=Stage.INTERVIEWING,
                   interview=Stage.INTERVIEWING, offer=Stage.OFFER, accepted=Stage.ACCEPTED,
                   rejected=Stage.REJECTED, archive=Stage.WITHDRAWN, delete=Stage.WITHDRAWN, old=Stage.WITHDRAWN),
)

# LinkedIn's data archive ("Get a copy of your data"), Jobs/Job Applications.csv: a real archive is committed in
# github.com/VishakBaburaj/Portfolio-Projects (profile_data_analysis/linkedin_data_part_1/Jobs/), with dates like
# "6/18/22, 5:28 AM". Large archives split it into "Job Applications_1.csv" and so on, with the same header.
# Every row is an application sent through LinkedIn; there is no status column.
LINKEDIN = TrackerPreset(
    name="linkedin",
    label="LinkedIn data export (Job Applications.csv)",
    columns={"Company Name": "company", "Job Title": "title", "Application Date": "applied_at", "Job Url": "url",
             "Resume Name": "cv_version", "Question And Answers": "notes"},
    headers=(("Application Date", "Contact Email", "Contact Phone Number", "Company Name", "Job Title", "Job Url",
              "Resume Name", "Question And Answers"),),
    date_format="%m/%d/%y, %I:%M %p",
    defaults={"stage": Stage.APPLIED.value, "source": "LinkedIn"},
)

# The same archive's Jobs/Saved Jobs.csv (same repository and folder): jobs bookmarked on LinkedIn. The saved
# date is not an applied date, so it is not imported.
LINKEDIN_SAVED = TrackerPreset(
    name="linkedin-saved",
    label="LinkedIn data export (Saved Jobs.csv)",
    columns={"Company Name": "company", "Job Title": "title", "Job Url": "url"},
    headers=(("Saved Date", "Job Url", "Job Title", "Company Name"),),
    defaults={"stage": Stage.SAVED.value, "source": "LinkedIn"},
)

# Simplify's job tracker CSV export: the columns and status words are those a public reader of that export
# expects, github.com/Vin916/Job-tracker (README.md "CSV Format" and index.html: Job Title, Company Name, Job URL,
# Applied Date, Status, Status Date, then Archived, Date Archived, Notes; statuses APPLIED, INTERVIEWING,
# REJECTED, SAVED, WITHDRAWN; dates YYYY-MM-DD). Not from Simplify's own documentation.
SIMPLIFY = TrackerPreset(
    name="simplify",
    label="Simplify job tracker export",
    columns={"Company Name": "company", "Job Title": "title", "Status": "stage", "Applied Date": "applied_at",
             "Job URL": "url", "Notes": "notes"},
    headers=(("Job Title", "Company Name", "Job URL", "Applied Date", "Status", "Status Date", "Archived",
              "Date Archived", "Notes"),),
    stages=_stages(saved=Stage.SAVED, applied=Stage.APPLIED, interviewing=Stage.INTERVIEWING,
                   rejected=Stage.REJECTED, withdrawn=Stage.WITHDRAWN),
)

PRESETS: dict[str, TrackerPreset] = {p.name: p for p in (HUNTR, JOBFUNNEL, LINKEDIN, LINKEDIN_SAVED, SIMPLIFY)}


def preset_named(name: str) -> TrackerPreset:
    """The preset called `name` (any case); BadInput naming the known presets otherwise."""
    preset = PRESETS.get(name.strip().casefold())
    if preset is None:
        raise BadInput(f"--preset: '{name}' is not a known preset; known presets are: {', '.join(PRESETS)}.")
    return preset


def detect_preset(headers: Sequence[str]) -> TrackerPreset | None:
    """The preset whose full header row is exactly these columns (in any order), if one is."""
    found = {h.strip() for h in headers}
    if len(found) != len(headers):
        return None
    for preset in PRESETS.values():
        if any(found == set(known) for known in preset.headers):
            return preset
    return None

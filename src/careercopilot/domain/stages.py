"""The stages an application moves through: what analytics needs of the tracker, without its forms and parsers."""

from __future__ import annotations

from enum import StrEnum


class Stage(StrEnum):
    SAVED = "saved"
    APPLIED = "applied"
    SCREENING = "screening"
    INTERVIEWING = "interviewing"
    OFFER = "offer"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"
    GHOSTED = "ghosted"

    @property
    def is_closed(self) -> bool:
        return self in CLOSED_STAGES


ACTIVE_STAGES = (Stage.SAVED, Stage.APPLIED, Stage.SCREENING, Stage.INTERVIEWING, Stage.OFFER)
CLOSED_STAGES = (Stage.ACCEPTED, Stage.REJECTED, Stage.WITHDRAWN, Stage.GHOSTED)

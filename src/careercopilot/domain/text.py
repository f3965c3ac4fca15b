"""One sanitizer for every piece of outside text (scraped, imported, typed, from an LLM), and counted nouns."""

from __future__ import annotations

import re
import unicodedata

# ESC-introduced sequences: CSI, OSC (BEL or ST terminated), DCS/SOS/PM/APC strings, and 2-byte escapes.
_ESCAPES = re.compile(
    r"\x1b(?:\[[0-?]*[ -/]*[@-~]?|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[PX^_][^\x1b]*(?:\x1b\\)?|[@-Z\\-_]?)"
)
# C1 single-byte CSI/OSC/DCS introduce sequences too: drop their parameters with them.
_C1_SEQUENCES = re.compile(r"[\x9b][0-?]*[ -/]*[@-~]?|[\x9d\x90\x98\x9e\x9f][^\x07\x9c\x1b]*[\x07\x9c]?")
# C0 controls except tab and newline, DEL and the rest of C1.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Zero-width and bidirectional overrides can disguise text in a terminal.
_INVISIBLE = re.compile(r"[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


# Every character the steps below remove or rewrite (\r included): text without one is left as it is.
_ANYTHING_TO_CLEAN = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


def plural(count: int, noun: str) -> str:
    """"1 answer", "2 answers": the count with its noun."""
    return f"{count} {noun}{'s' if count != 1 else ''}"


def clean_text(value: str | None) -> str:
    """Return text safe to store and show: NFC, without escape sequences, controls or bidi overrides."""
    if not value:
        return ""
    # Most text has nothing to remove: one scan instead of four rewrites and two normalisations.
    if not _ANYTHING_TO_CLEAN.search(value) and unicodedata.is_normalized("NFC", value):
        return value
    text = unicodedata.normalize("NFC", value)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _ESCAPES.sub("", text)
    text = _C1_SEQUENCES.sub("", text)
    text = _CONTROLS.sub("", text)
    text = _INVISIBLE.sub("", text)
    # Removing characters can create a new NFC composition; normalise once more so the result is stable.
    return unicodedata.normalize("NFC", text)


def clean_line(value: str | None) -> str:
    """Like clean_text but folded to one line, for titles, names and table cells."""
    return " ".join(clean_text(value).split())


# A spreadsheet runs a cell that starts like a formula ("=HYPERLINK(...)" in a scraped title): exported text
# gets a leading apostrophe so it shows as text. Numbers ("-0.12") stay numbers.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(cell: str) -> str:
    if not cell.startswith(FORMULA_START):
        return cell
    try:
        float(cell)
    except ValueError:
        return "'" + cell
    return cell

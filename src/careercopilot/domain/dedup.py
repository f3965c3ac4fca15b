"""Cross-board duplicates: the same job listed on several boards ends up in one group."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz, process

from careercopilot.domain.postings import Posting
from careercopilot.domain.urls import canonical_url

# Titles with as many words and this close (rapidfuzz token_sort_ratio, normalized) name the same job.
TITLE_SIMILARITY = 90.0

_LEGAL_FORMS = frozenset(
    {
        "inc", "incorporated", "corp", "corporation", "co", "company", "ltd", "limited", "llc", "llp", "lp",
        "plc", "gmbh", "mbh", "ag", "kg", "kgaa", "se", "sa", "sas", "sarl", "srl", "spa", "bv", "nv", "ab",
        "as", "asa", "oy", "oyj", "aps", "pty", "pvt", "pte", "kk", "ug", "gbr", "ohg", "ev", "sp", "z", "oo",
    }
)  # fmt: skip
# "GmbH & Co. KG" leaves a dangling "and" once the legal forms go.
_TRAILING_WORDS = _LEGAL_FORMS | {"and"}
_GENDER_TAG = re.compile(
    r"\((?:\s*[mwfdxhni]\s*[/|,]\s*)+[mwfdxhni]\s*\)|\b(?:all genders|gn|m/w/d|w/m/d|m/f/d|f/m/d|m/f/x|f/m/x|h/f)\b",
    re.IGNORECASE,
)
# Words boards add to a title around the job itself: work mode, contract type, where it may be done.
_NOISE_WORDS = frozenset(
    {
        "remote", "hybrid", "onsite", "on-site", "100%", "fully", "wfh", "full-time", "fulltime", "part-time",
        "permanent", "vollzeit", "teilzeit", "eu", "emea", "europe", "us", "usa", "uk", "apac", "latam",
        "americas", "worldwide", "anywhere", "global", "at", "@",
    }
)  # fmt: skip
_TITLE_ABBREVIATIONS = {
    "sr": "senior", "snr": "senior", "jr": "junior", "jnr": "junior", "eng": "engineer", "engr": "engineer",
    "dev": "developer", "mgr": "manager", "mgmt": "management", "swe": "software engineer", "and": "&",
    "frontend": "front end", "backend": "back end", "fullstack": "full stack", "front-end": "front end",
    "back-end": "back end", "full-stack": "full stack",
}  # fmt: skip
_ROMAN_LEVELS = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6}
_NUMBERED_LEVEL = re.compile(r"^(?:l|ic|e|level)?([1-9])$")
# Words that set a job's level apart; "Account Executive" or "Success Manager" name roles, not levels.
_LEVEL_WORDS = frozenset(
    {
        "intern", "internship", "trainee", "apprentice", "graduate", "junior", "entry", "associate", "mid",
        "intermediate", "senior", "staff", "principal", "lead", "head", "director", "vp", "chief",
        "distinguished", "fellow",
    }
)  # fmt: skip
_LEVEL_TOKEN = re.compile(r"level[1-9]")
# Other numbers in a title tell jobs apart as levels do: "Engineer 4821" / "4822", "Intern 2025" / "2026".
_HAS_DIGIT = re.compile(r"\d")
_WORDS = re.compile(r"[\w%&+#-]+")
# Exonyms and local names of the same city, so "München" and "Munich" compare equal.
_CITY_NAMES = {
    "munchen": "munich", "muenchen": "munich", "koln": "cologne", "wien": "vienna", "praha": "prague",
    "warszawa": "warsaw", "lisboa": "lisbon", "kobenhavn": "copenhagen", "roma": "rome", "milano": "milan",
    "bruxelles": "brussels", "brussel": "brussels", "geneve": "geneva", "nurnberg": "nuremberg",
    "nuernberg": "nuremberg", "hannover": "hanover", "frankfurt am main": "frankfurt", "new york city": "new york",
    "nyc": "new york", "sf": "san francisco", "bengaluru": "bangalore", "goteborg": "gothenburg",
    "den haag": "the hague",
}  # fmt: skip
# Paths that name a careers page rather than one job: the same link on every posting of a company.
_GENERIC_PATH = re.compile(r"^/?(?:[\w-]*/)?(?:careers?|jobs?|apply|join(?:-us)?|work-with-us|vacancies|openings)?/?$")
_APPLY_SUFFIX = re.compile(r"/(?:apply|application)$")
_HOST_ALIASES = {
    "boards.greenhouse.io": "job-boards.greenhouse.io",
    "job-boards.eu.greenhouse.io": "job-boards.greenhouse.io",
}


@dataclass(frozen=True, slots=True)
class DedupKeys:
    """Everything dedup compares, computed once per posting; cheap to recompute from a stored row."""

    urls: frozenset[str]  # canonical links without scheme: an ATS or apply link shared by boards
    company: str  # the blocking key: only postings of one company are ever compared by title
    title: str
    level: frozenset[str]  # level words and numbers: "Senior"/"Junior", "Engineer II"/"III", "4821"/"4822" never merge
    cities: frozenset[str]
    country: str | None


@dataclass(frozen=True, slots=True)
class GroupedPosting:
    """A posting already stored with its group, as the dedup service reads it back."""

    posting_id: str
    keys: DedupKeys
    group: str


# Postings whose titles may be compared: one company, and the level and word count _compatible insists on.
_Block = tuple[str, frozenset[str], int]


@dataclass(slots=True)
class _Index:
    by_url: dict[str, list[GroupedPosting]] = field(default_factory=dict)
    titles: dict[_Block, list[str]] = field(default_factory=dict)
    members: dict[_Block, list[GroupedPosting]] = field(default_factory=dict)

    def add(self, member: GroupedPosting) -> None:
        for url in member.keys.urls:
            self.by_url.setdefault(url, []).append(member)
        if member.keys.company:
            block = _block(member.keys)
            self.titles.setdefault(block, []).append(member.keys.title)
            self.members.setdefault(block, []).append(member)


@lru_cache(maxsize=65_536)  # scoring meets the same few thousand companies over and over
def normalize_company(name: str) -> str:
    """Lower case, no accents or punctuation, no legal form: "ACME GmbH & Co. KG" -> "acme"."""
    text = _fold(name).replace("&", " and ")
    # Dotted abbreviations first, so "S.A." and "B.V." become one word before punctuation splits them.
    text = re.sub(r"\b(\w)\.(?=\w\.)", r"\1", text).replace(".", " ")
    words = re.findall(r"\w+", text)
    while words and words[-1] in _TRAILING_WORDS:
        words.pop()
    if words and words[0] == "the":
        words.pop(0)
    return " ".join(words) or " ".join(re.findall(r"\w+", text))


def company_words(name: str) -> list[str]:
    """A company name's words as written, without the legal form: "Northwind Logistics GmbH" -> Northwind, Logistics."""
    words = re.findall(r"\w+", name)
    while words and words[-1].lower() in _TRAILING_WORDS:
        words.pop()
    return words


@lru_cache(maxsize=16_384)
def normalize_city(place: str) -> str:
    """The city part of a place, folded, with local names mapped: "München, Bayern" -> "munich"."""
    name = _fold(place.split(",")[0].strip())
    return _CITY_NAMES.get(name, name)


def normalize_title(title: str, *, places: Iterable[str] = (), company: str = "") -> str:
    """A title without gender tags, noise words, its company or its location, with abbreviations spelled out."""
    phrases = _dropped_phrases(tuple(places), company)
    words = _words(_GENDER_TAG.sub(" ", _fold(title)))
    kept: list[str] = []
    position = 0
    while position < len(words):
        starting = phrases.get(words[position], ())
        phrase = next((p for p in starting if tuple(words[position : position + len(p)]) == p), None)
        if phrase:
            position += len(phrase)
            continue
        word = words[position]
        position += 1
        if word in _NOISE_WORDS:
            continue
        number = _level_number(word)
        # "II", "2" and "L2" are one level; a distinct token keeps it apart from other numbers.
        kept.extend([f"level{number}"] if number else _TITLE_ABBREVIATIONS.get(word, word).split())
    return " ".join(kept)


@lru_cache(maxsize=16_384)  # a batch repeats the same few places and companies over and over
def _dropped_phrases(places: tuple[str, ...], company: str) -> dict[str, tuple[tuple[str, ...], ...]]:
    """The word sequences of a title's company and places, by first word, longest first."""
    parts = [part.strip() for place in places for part in place.split(",")]
    names = {*map(_fold, parts), *map(normalize_city, parts), _fold(company)}
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for phrase in sorted({tuple(_words(name)) for name in names} - {()}, key=len, reverse=True):
        by_first.setdefault(phrase[0], []).append(phrase)
    return {first: tuple(phrases) for first, phrases in by_first.items()}


def dedup_keys(posting: Posting) -> DedupKeys:
    """What dedup compares of one posting; store `company` and `urls` to find candidates by equality."""
    location = posting.location
    cities = {normalize_city(place) for place in (location.city, *location.additional) if place}
    cities.discard("")
    places = [place for place in (location.city, location.region, location.raw) if place]
    company = normalize_company(posting.company)
    title = normalize_title(posting.title, places=places, company=company)
    return DedupKeys(
        urls=frozenset(filter(None, (_job_link(posting.url), _job_link(posting.apply_url)))),
        company=company,
        title=title,
        level=frozenset(word for word in title.split() if word in _LEVEL_WORDS or _LEVEL_TOKEN.fullmatch(word)
                        or _HAS_DIGIT.search(word)),
        cities=frozenset(cities),
        country=location.country_code,
    )


def same_job(a: DedupKeys, b: DedupKeys) -> bool:
    """Same link with no level conflict, or same company with a near-identical title in a compatible place."""
    if a.urls & b.urls and _levels_agree(a, b):
        return True
    return (
        bool(a.company)
        and a.company == b.company
        and _compatible(a, b)
        and fuzz.token_sort_ratio(a.title, b.title) >= TITLE_SIMILARITY
    )


def assign_groups(
    postings: Sequence[Posting],
    existing: Iterable[GroupedPosting] = (),
    splits: Collection[tuple[str, str]] = (),
    keys: Mapping[str, DedupKeys] | None = None,
) -> dict[str, str]:
    """Group key for each posting of a scrape batch, joining stored groups where the job is the same.

    `existing` are stored postings that could match (same company or same link as the batch); a posting
    already stored keeps its group. `splits` holds (posting id, group) pairs a user split apart: that posting
    never joins that group again. `keys` are dedup_keys() the caller already computed, by posting id.
    A new group is keyed by the id of its first posting.
    """
    known_keys = keys or {}
    index = _Index()
    stored: dict[str, GroupedPosting] = {}
    for member in existing:
        index.add(member)
        stored[member.posting_id] = member
    assigned: dict[str, str] = {}
    for posting in postings:
        known = stored.get(posting.id)
        if known and (posting.id, known.group) not in splits:
            assigned[posting.id] = known.group
            continue
        own = known_keys.get(posting.id) or dedup_keys(posting)
        group = _matching_group(posting.id, own, index, splits) or _new_group(posting.id, splits)
        assigned[posting.id] = group
        index.add(GroupedPosting(posting.id, own, group))
    return assigned


def _matching_group(posting_id: str, keys: DedupKeys, index: _Index, splits: Collection[tuple[str, str]]) -> str | None:
    def allowed(member: GroupedPosting) -> bool:
        return member.posting_id != posting_id and (posting_id, member.group) not in splits

    for url in keys.urls:
        for member in index.by_url.get(url, ()):
            if allowed(member) and _levels_agree(keys, member.keys):
                return member.group
    block = _block(keys)
    titles = index.titles.get(block)
    if not titles:
        return None
    members = index.members[block]
    # rapidfuzz scans the whole company block in C and returns only titles above the cut-off, best first.
    for _, _, position in process.extract(
        keys.title, titles, scorer=fuzz.token_sort_ratio, score_cutoff=TITLE_SIMILARITY, limit=None
    ):
        member = members[position]
        if allowed(member) and _compatible(keys, member.keys):
            return member.group
    return None


def _new_group(posting_id: str, splits: Collection[tuple[str, str]]) -> str:
    # A posting split off the group it founded cannot take that key again.
    return f"{posting_id}/split" if (posting_id, posting_id) in splits else posting_id


def _block(keys: DedupKeys) -> _Block:
    return keys.company, keys.level, keys.title.count(" ")


def _compatible(a: DedupKeys, b: DedupKeys) -> bool:
    """Guards on top of a close title: a title at all, same level and place, no extra word such as a team."""
    return bool(a.title) and a.level == b.level and a.title.count(" ") == b.title.count(" ") and _same_place(a, b)


def _same_place(a: DedupKeys, b: DedupKeys) -> bool:
    # Cities decide when both are known: boards disagree on countries ("Berlin, DE" read as Delaware).
    if a.cities and b.cities:
        return bool(a.cities & b.cities)
    return not a.country or not b.country or a.country == b.country


def _levels_agree(a: DedupKeys, b: DedupKeys) -> bool:
    """A shared link still needs levels that do not contradict: a careers page can front many jobs."""
    return not a.level or not b.level or a.level == b.level


def _job_link(url: str | None) -> str | None:
    """host + path (+ job-selecting query) of a link that names one job; None for a generic careers page."""
    canonical = canonical_url(url)
    if not canonical:
        return None
    # A canonical link is "scheme://host/path[?query]": split by hand, urlsplit costs more than the rest of dedup.
    rest, _, query = canonical.partition("://")[2].partition("?")
    host, slash, path = rest.partition("/")
    host = host.removeprefix("www.")
    path = _APPLY_SUFFIX.sub("", slash + path)
    if _GENERIC_PATH.match(path) and not query:
        return None
    host = _HOST_ALIASES.get(host, host)
    return f"{host}{path}?{query}" if query else f"{host}{path}"


def _level_number(word: str) -> int | None:
    if word in _ROMAN_LEVELS:
        return _ROMAN_LEVELS[word]
    found = _NUMBERED_LEVEL.match(word)
    return int(found.group(1)) if found else None


def _words(text: str) -> list[str]:
    return [word for word in (raw.strip("-") for raw in _WORDS.findall(text)) if word]


def _fold(text: str) -> str:
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))

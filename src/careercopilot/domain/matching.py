"""How well one posting fits one job seeker: a 0-100 score with a reason for every point."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import NamedTuple

from rapidfuzz import fuzz, process, utils

from careercopilot.domain.dedup import company_words, normalize_city, normalize_company
from careercopilot.domain.locations import country_code, parse_location
from careercopilot.domain.normalize import seniority
from careercopilot.domain.postings import Posting, RemoteMode, SalaryInterval, Seniority
from careercopilot.domain.profile import RemotePreference
from careercopilot.domain.skills import canonical_skill, extract_skills, normalize_skills
from careercopilot.domain.text import plural

# Share of the 100 points each part can give when the profile says enough to score it.
WEIGHTS: Mapping[str, float] = {
    "skills": 40.0,
    "title": 25.0,
    "location": 15.0,
    "salary": 10.0,
    "seniority": 5.0,
    "recency": 5.0,
}
YEARLY_FACTOR: Mapping[SalaryInterval, float] = {
    SalaryInterval.YEAR: 1.0,
    SalaryInterval.MONTH: 12.0,
    SalaryInterval.WEEK: 52.0,
    SalaryInterval.DAY: 260.0,
    SalaryInterval.HOUR: 2080.0,
}
# Usual years of experience per level, (from, to).
EXPECTED_YEARS: Mapping[Seniority, tuple[float, float]] = {
    Seniority.INTERN: (0, 1),
    Seniority.ENTRY: (0, 2),
    Seniority.MID: (2, 5),
    Seniority.SENIOR: (5, 10),
    Seniority.LEAD: (7, 15),
    Seniority.MANAGER: (5, 15),
    Seniority.DIRECTOR: (10, 25),
    Seniority.EXECUTIVE: (15, 40),
}
# Work-mode fit: (posting in one of your places, posting elsewhere).
_MODE_FIT: Mapping[tuple[RemotePreference, RemoteMode], tuple[float, float]] = {
    (RemotePreference.REMOTE, RemoteMode.REMOTE): (1.0, 1.0),
    (RemotePreference.REMOTE, RemoteMode.HYBRID): (0.5, 0.1),
    (RemotePreference.REMOTE, RemoteMode.ONSITE): (0.3, 0.0),
    (RemotePreference.REMOTE, RemoteMode.UNKNOWN): (0.6, 0.3),
    (RemotePreference.HYBRID, RemoteMode.REMOTE): (0.8, 0.8),
    (RemotePreference.HYBRID, RemoteMode.HYBRID): (1.0, 0.1),
    (RemotePreference.HYBRID, RemoteMode.ONSITE): (0.7, 0.0),
    (RemotePreference.HYBRID, RemoteMode.UNKNOWN): (0.8, 0.2),
    (RemotePreference.ONSITE, RemoteMode.REMOTE): (0.4, 0.4),
    (RemotePreference.ONSITE, RemoteMode.HYBRID): (0.9, 0.1),
    (RemotePreference.ONSITE, RemoteMode.ONSITE): (1.0, 0.0),
    (RemotePreference.ONSITE, RemoteMode.UNKNOWN): (0.9, 0.1),
    (RemotePreference.ANY, RemoteMode.REMOTE): (1.0, 1.0),
    (RemotePreference.ANY, RemoteMode.HYBRID): (1.0, 0.1),
    (RemotePreference.ANY, RemoteMode.ONSITE): (1.0, 0.0),
    (RemotePreference.ANY, RemoteMode.UNKNOWN): (1.0, 0.2),
}
_MODE_WORDS = {RemoteMode.REMOTE: "Remote", RemoteMode.HYBRID: "Hybrid", RemoteMode.ONSITE: "On-site"}
_PREFERENCE_NOTES = {
    RemotePreference.REMOTE: "; you prefer remote",
    RemotePreference.HYBRID: "; you prefer hybrid",
    RemotePreference.ONSITE: "; you prefer on-site",
    RemotePreference.ANY: "",
}
_SCOPE_ANYWHERE = frozenset({"worldwide", "anywhere", "global", "world", "international"})
_REFUSAL = (
    r"(?:no|without(?: the need for)?|not eligible for|(?:can ?not|can't|do not|don't|does not|doesn't|won't"
    r"|will not|unable to|not able to|are not able to)(?: offer| provide| support)?)"
)
_NO_SPONSORSHIP = re.compile(
    rf"\b{_REFUSAL}\s+(?:any\s+)?(?:(?:work\s+)?visa\s+)?sponsor"
    r"|\bsponsorship\s+(?:is\s+)?(?:not|un)\s?(?:available|provided|offered|possible)"
    r"|\bkeine\s+(?:visa|visum)",
    re.IGNORECASE,
)
_NO_WORDS = frozenset({"false", "no", "0"})
_SHOWN_SKILLS = 5


@dataclass(frozen=True, slots=True)
class MatchProfile:
    """What the scorer needs from a profile; services build it from the stored profile and settings."""

    target_titles: tuple[str, ...] = ()
    skills: tuple[str, ...] = ()
    locations: tuple[str, ...] = ()  # "Berlin", "Germany", "London, UK"
    remote_preference: RemotePreference = RemotePreference.ANY
    salary_floor_yearly: float | None = None
    currency: str | None = None  # ISO 4217 of the floor; None means "same as the posting"
    years_experience: float | None = None
    blocked_companies: tuple[str, ...] = ()
    blocked_keywords: tuple[str, ...] = ()
    needs_visa_sponsorship: bool = False


class MatchComponent(NamedTuple):
    """One part of a score; a named tuple because a re-score builds six per posting, 200,000 postings deep."""

    name: str  # a key of WEIGHTS
    weight: float  # points this part could give; 0 when the profile says nothing about it
    points: float
    reason: str


@dataclass(frozen=True, slots=True)
class MatchResult:
    score: int  # 0-100, the rounded sum of the components' points; 0 when blocked
    components: tuple[MatchComponent, ...]
    matched_skills: tuple[str, ...]
    missing_skills: tuple[str, ...]  # skills the posting asks for that the profile lacks
    blocked_reason: str | None = None

    @property
    def reasons(self) -> tuple[str, ...]:
        if self.blocked_reason:
            return (self.blocked_reason,)
        return tuple(component.reason for component in self.components if component.weight)


@dataclass(frozen=True, slots=True)
class _Place:
    city: str | None
    country: str | None


@dataclass(frozen=True, slots=True)
class _WordFinder:
    """Whole-word search for a few user-typed words (blocked keywords, skills outside the taxonomy)."""

    words: tuple[str, ...]  # lower case
    pattern: re.Pattern[str]

    @classmethod
    def of(cls, words: tuple[str, ...] | list[str]) -> _WordFinder | None:
        cleaned = sorted({word.strip().lower() for word in words if word.strip()}, key=len, reverse=True)
        if not cleaned:
            return None
        # No look-behind up front: it would stop re from jumping straight to a literal word.
        return cls(tuple(cleaned), re.compile("(?:" + "|".join(map(re.escape, cleaned)) + r")(?!\w)"))

    def find_all(self, text: str) -> set[str]:
        lowered = text.lower()
        # A plain substring test is far cheaper than the regex and rules out almost every posting.
        if not any(word in lowered for word in self.words):
            return set()
        return {
            match.group()
            for match in self.pattern.finditer(lowered)
            if not match.start() or not _is_word_char(lowered[match.start() - 1])
        }


@dataclass(frozen=True, slots=True)
class PreparedProfile:
    """A MatchProfile with everything that does not depend on the posting worked out once."""

    profile: MatchProfile
    profile_skills: tuple[str, ...]  # canonical where the taxonomy knows them
    skill_names: frozenset[str]
    other_skills: _WordFinder | None  # skills outside the taxonomy, found by plain word match
    titles: tuple[str, ...]
    preference: RemotePreference
    places: tuple[_Place, ...]
    countries: frozenset[str]
    blocked_companies: frozenset[str]
    blocked_keywords: _WordFinder | None
    exchange_rates: Mapping[str, float]
    weights: Mapping[str, float]
    level_fits: Mapping[Seniority, tuple[float, str]] | None  # the same few levels for every posting


def prepare(profile: MatchProfile, exchange_rates: Mapping[str, float] | None = None) -> PreparedProfile:
    """Work out the profile side once before scoring many postings.

    `exchange_rates` gives, per ISO currency code, the value of one unit in any common base currency
    ({"USD": 1.0, "EUR": 1.08}); without it only salaries in the profile's currency are compared.
    """
    skills = normalize_skills(profile.skills)
    unknown = [skill for skill in skills if canonical_skill(skill) is None]
    places = tuple(_profile_place(text) for text in profile.locations if text.strip())
    applies = {
        "skills": bool(skills),
        "title": bool(profile.target_titles),
        "location": True,
        "salary": profile.salary_floor_yearly is not None and profile.salary_floor_yearly > 0,
        "seniority": profile.years_experience is not None,
        "recency": True,
    }
    total = sum(weight for name, weight in WEIGHTS.items() if applies[name])
    return PreparedProfile(
        profile=profile,
        profile_skills=skills,
        skill_names=frozenset(skills),
        other_skills=_WordFinder.of(unknown),
        titles=tuple(filter(None, (utils.default_process(title) for title in profile.target_titles))),
        preference=RemotePreference(profile.remote_preference),
        places=places,
        countries=frozenset(place.country for place in places if place.country),
        blocked_companies=frozenset(filter(None, map(normalize_company, profile.blocked_companies))),
        blocked_keywords=_WordFinder.of(profile.blocked_keywords),
        exchange_rates={code.upper(): rate for code, rate in (exchange_rates or {}).items() if rate > 0},
        weights={name: weight * 100 / total if applies[name] else 0.0 for name, weight in WEIGHTS.items()},
        level_fits=None
        if profile.years_experience is None
        else {level: _level_fit(profile.years_experience, level) for level in EXPECTED_YEARS},
    )


def reads_description(prepared: PreparedProfile) -> bool:
    """Whether scoring for this profile reads the description (given stored skills): most profiles never do."""
    return bool(prepared.other_skills or prepared.blocked_keywords or prepared.profile.needs_visa_sponsorship)


def posting_skills(posting: Posting) -> tuple[str, ...]:
    """Canonical skills a posting asks for, from its tags, title and description; store it with the posting.

    The company's own name is no skill: "Northwind Logistics" in a description asks for no logistics.
    """
    title, text = posting.title, posting.description_text
    mention = _company_mention(posting.company)
    if mention is not None:
        first_word, pattern = mention
        title = pattern.sub(" ", title) if first_word in title.lower() else title
        text = pattern.sub(" ", text) if first_word in text.lower() else text
    from_tags = (canonical_skill(tag) for tag in posting.tags)
    found = (*filter(None, from_tags), *extract_skills(title), *extract_skills(text))
    return tuple(dict.fromkeys(found))


@lru_cache(maxsize=16_384)  # a scrape meets the same companies over and over
def _company_mention(company: str) -> tuple[str, re.Pattern[str]] | None:
    """The company's name in running text, with or without its legal form; its first word finds it cheaply."""
    words = company_words(company)
    if not words:
        return None
    pattern = re.compile(r"(?<!\w)" + r"\W+".join(map(re.escape, words)) + r"(?!\w)", re.IGNORECASE)
    return words[0].lower(), pattern


def yearly_amount(amount: float, interval: SalaryInterval | None) -> float:
    """A pay figure per year: hour x 2080, day x 260, week x 52, month x 12; no interval means yearly."""
    return amount * YEARLY_FACTOR[interval] if interval else amount


def score_posting(
    profile: MatchProfile | PreparedProfile,
    posting: Posting,
    now: datetime,
    *,
    skills: tuple[str, ...] | None = None,
) -> MatchResult:
    """Score one posting; pass `skills` stored from posting_skills() to skip reading the description.

    Prepare the profile once with prepare() when scoring many postings; a bare MatchProfile works too.
    """
    prepared = profile if isinstance(profile, PreparedProfile) else _prepared(profile)
    wanted = posting_skills(posting) if skills is None else skills
    matched, missing = _skill_overlap(prepared, posting, wanted)
    blocked = _blocked_reason(prepared, posting)
    title = _title_fit(prepared, posting)
    fits = (  # in the order of WEIGHTS
        _skills_fit(prepared, matched, missing, title[0] if prepared.titles else 1.0),
        title,
        _location_fit(prepared, posting),
        _salary_fit(prepared, posting),
        _seniority_fit(prepared, posting),
        _recency_fit(posting, now),
    )
    components = tuple(
        [
            MatchComponent(name, weight, weight * fit, reason)
            for (name, weight), (fit, reason) in zip(prepared.weights.items(), fits, strict=True)
        ]
    )
    score = 0 if blocked else min(100, round(sum(component.points for component in components)))
    return MatchResult(score, components, matched, missing, blocked)


@lru_cache(maxsize=65_536)  # titles repeat across boards and runs; the regexes behind this are slow
def _title_seniority(title: str) -> Seniority:
    return seniority(None, title)


@lru_cache(maxsize=32)
def _prepared(profile: MatchProfile) -> PreparedProfile:
    return prepare(profile)


def _skill_overlap(
    prepared: PreparedProfile, posting: Posting, wanted: tuple[str, ...]
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    matched: list[str] = []
    missing: list[str] = []
    for skill in wanted:
        (matched if skill in prepared.skill_names else missing).append(skill)
    if prepared.other_skills:
        text = " ".join((posting.title, " ".join(posting.tags), posting.description_text))
        found = prepared.other_skills.find_all(text)
        matched += [skill for skill in prepared.profile_skills if skill.lower() in found]
    return tuple(dict.fromkeys(matched)), tuple(missing)


def _skills_fit(prepared: PreparedProfile, matched: tuple[str, ...], missing: tuple[str, ...], title_fit: float
                ) -> tuple[float, str]:
    yours = len(prepared.profile_skills)
    if not yours:
        return 0.0, "Add skills to your profile to score them"
    asked = len(matched) + len(missing)
    if not asked:
        # Nothing to compare: half credit, but only as far as the title fits, or a mechanic's job naming no
        # software would outrank a developer's job naming the wrong language.
        if title_fit >= 1.0:
            return 0.5, "No skills recognised in the posting"
        return 0.5 * title_fit, "No skills recognised in the posting; half credit as far as the title fits"
    # A posting naming 3 skills you all have is a full match, however many other skills you list.
    fit = min(1.0, len(matched) / min(asked, yours, 8))
    have = f"{len(matched)} of {yours} of your skills" + (f": {_names(matched)}" if matched else "")
    return fit, f"{have}; missing: {_names(missing) if missing else 'none'}"


def _title_fit(prepared: PreparedProfile, posting: Posting) -> tuple[float, str]:
    if not prepared.titles:
        return 0.0, "Add target titles to your profile to score titles"
    best = process.extractOne(
        utils.default_process(posting.title), prepared.titles, scorer=fuzz.token_set_ratio, processor=None
    )
    if best is None:
        return 0.0, "Title has no words to compare"
    _, similarity, position = best
    target = prepared.profile.target_titles[position]
    fit = max(0.0, min(1.0, (similarity - 50) / 50))
    closeness = "close to" if fit >= 0.6 else "far from"
    return fit, f'Title {closeness} your target "{target}" ({similarity:.0f}% similar)'


def _location_fit(prepared: PreparedProfile, posting: Posting) -> tuple[float, str]:
    mode = posting.remote
    inside, outside = _MODE_FIT[(prepared.preference, mode)]
    wish = _PREFERENCE_NOTES[prepared.preference]
    if mode is RemoteMode.REMOTE:
        if _scope_excludes(prepared, posting.remote_scope):
            return 0.3, f"Remote only for {', '.join(posting.remote_scope)}, outside your locations"
        return inside, f"Remote{wish}"
    place_fit, place_word = _place_fit(prepared, posting)
    label = _MODE_WORDS.get(mode, "Work mode not stated")
    where = posting.location.raw or posting.location.city
    if where:
        label += f" in {where}"
    if prepared.places:
        label += f", {place_word}"
    return outside + (inside - outside) * place_fit, label + wish


def _place_fit(prepared: PreparedProfile, posting: Posting) -> tuple[float, str]:
    """1 in one of your cities or countries, less elsewhere in a country of yours, 0 elsewhere."""
    if not prepared.places:
        return 1.0, "anywhere suits you"
    location = posting.location
    cities = {normalize_city(city) for city in (location.city, *location.additional) if city}
    if not cities and not location.country_code:
        return 0.5, "place not stated"
    best = (0.0, "not one of your locations")
    for place in prepared.places:
        if place.city and place.city in cities:
            return 1.0, "one of your locations"
        if place.country and place.country == location.country_code:
            if not place.city:
                return 1.0, "in a country you named"
            near = (0.4, "another city in your country") if cities else (0.6, "in your country, city not stated")
            best = max(best, near)
    return best


def _scope_excludes(prepared: PreparedProfile, scope: tuple[str, ...]) -> bool:
    """True only when every place the remote job allows is a known country you did not name."""
    if not scope or not prepared.countries:
        return False
    codes = []
    for place in scope:
        if place.casefold() in _SCOPE_ANYWHERE:
            return False
        code = country_code(place)
        if code is None:
            return False
        codes.append(code)
    return not prepared.countries.intersection(codes)


def _salary_fit(prepared: PreparedProfile, posting: Posting) -> tuple[float, str]:
    floor = prepared.profile.salary_floor_yearly
    if not floor:
        return 0.0, "Set a salary floor to score pay"
    salary = posting.salary
    if salary.min is None and salary.max is None:
        return 0.5, "No salary listed"
    wanted_currency = (prepared.profile.currency or salary.currency or "").upper()
    paid_currency = (salary.currency or wanted_currency).upper()
    rate = _rate(prepared, paid_currency, wanted_currency)
    if rate is None:
        return 0.5, f"Paid in {paid_currency}; no exchange rate to {wanted_currency}"
    given = [amount for amount in (salary.min, salary.max) if amount is not None]
    amounts = [yearly_amount(amount, salary.interval) * rate for amount in given]
    low, high = min(amounts), max(amounts)
    pays = _money(low) if low == high else f"{_money(low)}–{_money(high)}"
    pays += f" {wanted_currency} a year" if wanted_currency else " a year"
    pays += " (estimate)" if salary.is_estimate else ""
    floor_text = f"your {_money(floor)} floor"
    if low >= floor:
        return 1.0, f"Pays {pays}, at or above {floor_text}"
    if high >= floor:
        return 0.75, f"Pays {pays}, reaching {floor_text}"
    # Just under the floor keeps a little credit: 90% of it earns a quarter of the points.
    fit = max(0.0, (high / floor - 0.8) / 0.2) * 0.5
    return fit, f"Pays {pays}, below {floor_text}"


def _rate(prepared: PreparedProfile, paid: str, wanted: str) -> float | None:
    if paid == wanted:
        return 1.0
    rates = prepared.exchange_rates
    if paid in rates and wanted in rates:
        return rates[paid] / rates[wanted]
    return None


def _seniority_fit(prepared: PreparedProfile, posting: Posting) -> tuple[float, str]:
    if prepared.level_fits is None:
        return 0.0, "Add your years of experience to score the level"
    level = posting.seniority
    if level is Seniority.UNKNOWN:
        level = _title_seniority(posting.title)
    return prepared.level_fits.get(level, (0.5, "Level not stated"))


def _level_fit(years: float, level: Seniority) -> tuple[float, str]:
    low, high = EXPECTED_YEARS[level]
    expects = f"{level.value.capitalize()} level (usually {low:g}–{high:g} years); you have {years:g}"
    if years < low:
        return max(0.0, 1 - (low - years) / 3), expects
    if years > high:
        return max(0.3, 1 - (years - high) / 5), expects
    return 1.0, expects


def _recency_fit(posting: Posting, now: datetime) -> tuple[float, str]:
    if posting.expires_at and posting.expires_at < now:
        return 0.0, f"Closed on {posting.expires_at:%Y-%m-%d}"
    if posting.posted_at is None:
        return 0.5, "Posting date unknown"
    days = max(0, (now - posting.posted_at).days)
    # Fresh for three days, then losing credit until two months old.
    fit = 1.0 if days <= 3 else max(0.0, 1 - (days - 3) / 57)
    return fit, "Posted today" if days == 0 else f"Posted {plural(days, 'day')} ago"


def _blocked_reason(prepared: PreparedProfile, posting: Posting) -> str | None:
    if prepared.blocked_companies and normalize_company(posting.company) in prepared.blocked_companies:
        return f'Company "{posting.company}" is on your blocked list'
    if prepared.blocked_keywords:
        found = prepared.blocked_keywords.find_all(f"{posting.title}\n{posting.company}\n{posting.description_text}")
        if found:
            return f'Mentions "{min(found)}", one of your blocked keywords'
    if prepared.profile.needs_visa_sponsorship and _refuses_sponsorship(posting):
        return "Says it does not sponsor visas, and you need sponsorship"
    return None


def _refuses_sponsorship(posting: Posting) -> bool:
    flag = posting.extra.get("visa_sponsorship")
    if flag is not None:
        return flag.strip().casefold() in _NO_WORDS
    return bool(_NO_SPONSORSHIP.search(posting.description_text))


def _profile_place(text: str) -> _Place:
    code = country_code(text)
    if code:
        return _Place(None, code)
    location = parse_location(text)
    return _Place(normalize_city(location.city) if location.city else None, location.country_code)


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


def _names(skills: tuple[str, ...]) -> str:
    shown = ", ".join(skills[:_SHOWN_SKILLS])
    return shown + ", …" if len(skills) > _SHOWN_SKILLS else shown


def _money(amount: float) -> str:
    if amount >= 1_000_000:
        return f"{amount / 1_000_000:.1f}M"
    return f"{amount / 1000:.0f}k" if amount >= 10_000 else f"{amount:,.0f}"

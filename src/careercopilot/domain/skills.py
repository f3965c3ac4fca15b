"""The skills taxonomy shipped in data/skills.json, and finding those skills in free text."""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from types import MappingProxyType
from typing import Literal

from careercopilot.domain.text import clean_line

# A token keeps the symbols that are part of skill names: C++, C#, .NET, Node.js, ASP.NET, k8s. Written so it
# starts with a required character (the scan skips ahead by it) and never backtracks: a sixth cheaper to run.
_TOKEN = re.compile(r"(?:\.\w|\w)[\w+#]*+(?:\.\w[\w+#]*+)*+")
# Between the words of an alias stands spacing or the alias's own joiner ("CI/CD", "P&L");
# a hyphen counts as spacing, so "go-to-market" is "go to market".
_SPACING = " \t\n-"
# Words around an ambiguous alias ("Go", "R", "C") that show it names a technology.
_CONTEXT_WORDS_BEFORE = frozenset({"and", "or", "in", "with", "using", "&"})
_CONTEXT_WORDS_AFTER = frozenset(
    {
        "and", "or", "&", "developer", "developers", "engineer", "engineers", "programming", "language", "code",
        "services", "microservices", "backend", "experience", "stack", "modules", "runtime",
    }
)  # fmt: skip
_LIST_MARKS_BEFORE = frozenset(",;|(/")
_LIST_MARKS_AFTER = frozenset(",;|)/\n")
_GLUED_AFTER = _LIST_MARKS_AFTER | {".", ":", "!", "?"}
_WORD = re.compile(r"[\w&]+")

AliasMode = Literal["any", "cased", "contextual"]


@dataclass(frozen=True, slots=True)
class Skill:
    name: str
    category: str
    aliases: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class _Alias:
    skill: str
    words: tuple[str, ...]  # as written in the taxonomy, for the exact-case check
    joins: tuple[str, ...]  # "/" or "&" between words, "" for spacing: "M&A" never matches "I'm a"
    mode: AliasMode


@dataclass(frozen=True, slots=True)
class _Taxonomy:
    skills: Mapping[str, Skill]
    by_key: Mapping[str, str]  # lower-cased tokens joined by one space -> canonical name
    by_first_word: Mapping[str, tuple[tuple[tuple[str, ...], _Alias], ...]]  # longest alias first


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


@cache
def _taxonomy() -> _Taxonomy:
    raw = json.loads(resources.files("careercopilot").joinpath("data/skills.json").read_text("utf-8"))
    skills: dict[str, Skill] = {}
    by_key: dict[str, str] = {}
    by_first: dict[str, list[tuple[tuple[str, ...], _Alias]]] = {}
    for item in raw["skills"]:
        name = item["name"]
        written: list[tuple[str, AliasMode]] = [(name, "any"), *((a, "any") for a in item.get("aliases", ()))]
        written += [(a, "cased") for a in item.get("cased", ())]
        written += [(a, "contextual") for a in item.get("contextual", ())]
        # A name that is itself ambiguous ("Go") is listed again under cased/contextual; drop its "any" form.
        if any(a == name and mode != "any" for a, mode in written[1:]):
            written = written[1:]
        skills[name] = Skill(name, item["category"], tuple(a for a, _ in written if a != name))
        by_key[" ".join(_tokens(name.lower()))] = name
        for alias, mode in written:
            words = tuple(_tokens(alias))
            joins = tuple(_join(alias, left, right) for left, right in itertools.pairwise(_TOKEN.finditer(alias)))
            lowered = tuple(w.lower() for w in words)
            if not lowered:
                continue
            by_key.setdefault(" ".join(lowered), name)
            by_first.setdefault(lowered[0], []).append((lowered, _Alias(name, words, joins, mode)))
    ordered = {first: tuple(sorted(entries, key=lambda entry: -len(entry[0]))) for first, entries in by_first.items()}
    return _Taxonomy(MappingProxyType(skills), MappingProxyType(by_key), MappingProxyType(ordered))


def all_skills() -> Mapping[str, Skill]:
    """Every skill in the taxonomy by canonical name."""
    return _taxonomy().skills


def canonical_skill(name: str) -> str | None:
    """The canonical name for a skill as someone typed it ("k8s", "postgres", "go"), or None if unknown."""
    return _taxonomy().by_key.get(" ".join(_tokens(name.lower())))


def skill_category(name: str) -> str | None:
    canonical = canonical_skill(name)
    return _taxonomy().skills[canonical].category if canonical else None


def normalize_skills(names: Iterable[str]) -> tuple[str, ...]:
    """Canonical names in first-seen order; unknown skills are kept, tidied, so nothing a user typed is lost."""
    seen: dict[str, str] = {}
    for name in names:
        shown = canonical_skill(name) or clean_line(name)
        if shown:
            seen.setdefault(shown.casefold(), shown)
    return tuple(seen.values())


def extract_skills(text: str) -> tuple[str, ...]:
    """Canonical names of the taxonomy's skills mentioned in free text, in order of first mention."""
    if not text:
        return ()
    index = _taxonomy().by_first_word
    lowered_text = text.lower()
    # Lower-casing rarely changes length (Turkish dotted I); only then must each token be lowered alone.
    if len(lowered_text) == len(text):
        matches = list(_TOKEN.finditer(lowered_text))
        lowered = list(map(re.Match.group, matches))
    else:
        matches = list(_TOKEN.finditer(text))
        lowered = [m.group().lower() for m in matches]
    found: dict[str, None] = {}
    free = 0  # tokens before this one belong to a skill already found
    # Only the few tokens that start an alias are visited; a description has hundreds of others.
    for i in itertools.compress(range(len(lowered)), map(index.__contains__, lowered)):
        if i < free:
            continue
        following = lowered[i + 1] if i + 1 < len(lowered) else None
        for words, alias in index[lowered[i]]:
            size = len(words)
            # The second word turns most longer aliases away before a slice is built ("team" but not "team player").
            if size > 1 and (words[1] != following or tuple(lowered[i : i + size]) != words):
                continue
            if (size == 1 and alias.mode == "any") or _accepts(text, matches, i, i + size, alias):
                found.setdefault(alias.skill)
                free = i + size
                break
    return tuple(found)


def _accepts(text: str, matches: list[re.Match[str]], first: int, end: int, alias: _Alias) -> bool:
    for join, left, right in zip(alias.joins, matches[first : end - 1], matches[first + 1 : end], strict=True):
        if _join(text, left, right) != join:
            return False
    if alias.mode == "any":
        return True
    if tuple(text[m.start() : m.end()] for m in matches[first:end]) != alias.words:
        return False
    return alias.mode == "cased" or _names_technology(text, matches[first].start(), matches[end - 1].end())


def _join(text: str, left: re.Match[str], right: re.Match[str]) -> str:
    return text[left.end() : right.start()].strip(_SPACING)


def _names_technology(text: str, start: int, end: int) -> bool:
    """Whether an ambiguous alias sits in a list or next to a tech word ("Python, Go", "in R", "Go developer")."""
    before_char = text[start - 1 : start]
    after_char = text[end : end + 1]
    # Glued to any other symbol it is part of another word: R&D, C-level, C•CURE, Go-to-market, Let's.
    if before_char and not before_char.isspace() and before_char not in _LIST_MARKS_BEFORE:
        return False
    if after_char and not after_char.isspace() and after_char not in _GLUED_AFTER:
        return False
    before = text[max(0, start - 24) : start].rstrip(" \t")
    after = text[end : end + 24].lstrip(" \t")
    if not after or after[0] in _LIST_MARKS_AFTER:
        return True
    if after[0] in ".:" and (len(after) == 1 or not after[1].isalnum()):
        return True
    if before and before[-1] in _LIST_MARKS_BEFORE:
        return True
    next_word = _WORD.match(after)
    if next_word and next_word.group().lower() in _CONTEXT_WORDS_AFTER:
        return True
    previous_words = _WORD.findall(before)
    return bool(previous_words) and previous_words[-1].lower() in _CONTEXT_WORDS_BEFORE

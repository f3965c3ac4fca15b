"""Offline cover letter and CV bullets from templates: only facts from the profile, fitted to the posting."""

from __future__ import annotations

import re
from collections.abc import Sequence

from careercopilot.domain.interview import PostingFacts, ProfileFacts
from careercopilot.domain.skills import canonical_skill
from careercopilot.domain.text import clean_line, plural
from careercopilot.llm.offline_questions import skills_in_text


def _sentence(text: str) -> str:
    text = clean_line(text).rstrip(".;")
    return text[:1].upper() + text[1:] if text else ""


def _join_names(names: Sequence[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _matching_skills(profile: ProfileFacts, posting: PostingFacts) -> list[str]:
    wanted = {s.lower() for s in [*posting.skills, *skills_in_text(posting.description, profile.skills)]}
    # A posting's stored skills are canonical names: the profile's "AWS" is its "Amazon Web Services".
    return [s for s in profile.skills if s.lower() in wanted or (canonical_skill(s) or s).lower() in wanted]


def _ranked_achievements(profile: ProfileFacts, posting: PostingFacts) -> list[str]:
    """Achievements that name the posting's skills or carry numbers first."""
    skills = [s.lower() for s in _matching_skills(profile, posting)]

    def weight(item: str) -> tuple[int, int]:
        lower = item.lower()
        return (-sum(skill in lower for skill in skills), -int(any(ch.isdigit() for ch in item)))

    return sorted((a for a in profile.achievements if _sentence(a)), key=weight)


def cv_bullets(profile: ProfileFacts, posting: PostingFacts, limit: int = 6) -> list[str]:
    """The profile's own achievements, most relevant first, tidied into bullets; nothing invented."""
    bullets = [
        _sentence(re.sub(r"^(?:i|we)\s+", "", a.strip(), flags=re.IGNORECASE))
        for a in _ranked_achievements(profile, posting)
    ][: limit - 1]
    matching = _matching_skills(profile, posting)
    if matching:
        bullets.append(f"Skills this role asks for: {_join_names(matching)}")
    return bullets


def cover_letter(profile: ProfileFacts, posting: PostingFacts) -> str:
    """A short, honest letter from a template: only facts from the profile, fitted to the posting."""
    company = clean_line(posting.company) or "your company"
    title = clean_line(posting.title) or "the advertised role"
    matching = _matching_skills(profile, posting)
    years = profile.years_experience
    experience = f"With {plural(years, 'year')} of experience" if years else "With my experience"
    opening = f"I am applying for the {title} role at {company}."
    if clean_line(profile.headline):
        opening += f" My background: {clean_line(profile.headline)}."
    fit = (
        f"{experience} in {_join_names(matching)}, I match what your posting asks for."
        if matching
        else f"{experience}, I would bring a practical, results-focused approach to the team."
    )
    highlights = _ranked_achievements(profile, posting)[:2]
    evidence = "Results I am proud of: " + "; ".join(_sentence(a) for a in highlights) + "." if highlights else ""
    closing = f"I would welcome the chance to discuss how I can help {company}. Thank you for your time."
    body = "\n\n".join(part for part in (opening, f"{fit} {evidence}".strip(), closing) if part)
    return f"Dear {company} hiring team,\n\n{body}\n\nKind regards,\n{clean_line(profile.name)}"

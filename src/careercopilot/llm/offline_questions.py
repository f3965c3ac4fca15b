"""Offline practice sets: the bank's questions for a posting's skills and role, no model needed."""

from __future__ import annotations

import re
from collections.abc import Sequence

from careercopilot.domain.interview import PostingFacts, Question, QuestionCategory
from careercopilot.domain.text import clean_text
from careercopilot.llm.bank import QuestionBank


def skills_in_text(text: str, known_skills: Sequence[str]) -> list[str]:
    """Known names (skills, roles) the text mentions as whole words in any case, in the order given."""
    lower = clean_text(text).lower()
    return [
        skill
        for skill in known_skills
        if skill.strip() and re.search(rf"(?<![\w+#.]){re.escape(skill.lower())}(?![\w+#])", lower)
    ]


def questions_for_posting(
    posting: PostingFacts,
    bank: QuestionBank,
    count: int = 8,
    known_skills: Sequence[str] = (),
) -> list[Question]:
    """A practice set for one posting: its skills' technical questions, its role's, then a behavioral mix."""
    skills = list(dict.fromkeys([*posting.skills, *skills_in_text(posting.description, known_skills or bank.skills)]))
    roles = skills_in_text(posting.title, bank.roles)
    picked: list[Question] = []
    pools = [bank.filter(QuestionCategory.TECHNICAL, skill=s)[:2] for s in skills]
    pools += [bank.filter(QuestionCategory.ROLE_SPECIFIC, role=role)[:3] for role in roles]
    pools += [
        bank.filter(QuestionCategory.BEHAVIORAL),
        bank.filter(QuestionCategory.SITUATIONAL),
        bank.filter(QuestionCategory.CULTURE_FIT),
    ]
    # Round-robin over the pools keeps skills, role and general questions balanced in a short set.
    for round_index in range(max((len(pool) for pool in pools), default=0)):
        for pool in pools:
            if round_index < len(pool) and pool[round_index] not in picked:
                picked.append(pool[round_index])
                if len(picked) >= count:
                    return picked
    return picked

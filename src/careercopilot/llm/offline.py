"""The offline coach: deterministic feedback, questions and drafts with no model at all.

It reads an answer the way an interviewer skims one: is there a story (STAR), whose actions are they,
did anything measurable happen, is it concrete, does it fit the time, does it sound sure of itself.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from careercopilot.domain.interview import (
    STAR_PARTS,
    Evaluation,
    PostingFacts,
    ProfileFacts,
    Question,
    QuestionCategory,
    SpeakingPace,
    Star,
    StarFinding,
)
from careercopilot.domain.text import clean_line, clean_text
from careercopilot.llm.bank import QuestionBank

WORDS_PER_MINUTE = 130
_WORD = re.compile(r"[^\W\d_][\w'’-]*|\d[\d,.]*%?")

_SITUATION = re.compile(
    r"\b(when i was|while (?:i was|working)|at my (?:previous|last|current|old|first) (?:job|company|role|employer"
    r"|team|internship)|in my (?:previous|last|current|first|old) (?:job|role|position|team|company)"
    r"|i (?:worked|was working) (?:as|at|on|for)|last (?:year|quarter|month|summer|spring|autumn|fall|winter)"
    r"|(?:a few|two|three|several) (?:weeks|months|years) ago|back in|in (?:19|20)\d\d|our (?:team|company|startup)"
    r" (?:was|had)|the (?:company|team|project|client|product|store|clinic|school) (?:was|had)"
    r"|we were (?:facing|dealing|about|running|under|behind|losing|migrating|launching)|there was an?"
    r"|during (?:a|an|the|my|our)|in my (?:first|second|early) (?:year|months?|weeks?|days)|when i (?:joined|started)"
    r"|^once\b|\bonce (?:i|my|we|our|a)|my (?:manager|boss|lead|client|team lead) (?:once )?(?:said|told|asked))\b"
)
_TASK = re.compile(
    r"\b(my (?:goal|task|job|role|responsibility|objective|assignment|mandate) (?:was|became)"
    r"|i was (?:responsible|asked|tasked|hired|assigned|in charge|accountable|expected)"
    r"|i (?:needed|had|wanted|decided) to|we needed to|the (?:goal|task|challenge|problem|deadline|ask) was"
    r"|(?:was|were) asked to|my manager asked me|i owned|i volunteered to|it was my job)\b"
)
_NOT_ACTIONS = (
    "was|were|had|felt|thought|liked|loved|wanted|enjoyed|hoped|guessed|wished|needed|believed|noticed"
    "|realized|realised|knew|assumed|guess|think|mean|suppose|like|love|hope|am|have|need"
)
_IRREGULAR = (
    "led|built|wrote|ran|made|set|took|began|brought|drove|sought|spoke|met|chose|broke|found|gave|kept"
    "|taught|rebuilt|rewrote|went|got|put|held|did|sold|split|cut|shipped|won|paid|sent|spent|caught|stood"
    "|told|dug|fought|flew|grew|hired|overcame|undertook|withdrew|oversaw|sat|understood|read|shut|bought"
)
_ADVERB = r"(?:(?:then|also|personally|first|quickly|immediately|eventually|finally|next|just|still|really)\s+)?"
_I_ACTION = re.compile(rf"\bi\s+{_ADVERB}(?!(?:{_NOT_ACTIONS})\b)(\w+ed|{_IRREGULAR})\b")
_I_WOULD = re.compile(rf"\bi(?:\s+would|'d|’d|\s+will|'ll|’ll)\s+{_ADVERB}(?!(?:{_NOT_ACTIONS})\b)[a-z]+")
# Situational and technical answers describe plans: "I would first check the logs" counts as an action.
_I_ACTION_OR_PLAN = re.compile(f"{_I_ACTION.pattern}|{_I_WOULD.pattern}")
_WE_ACTION = re.compile(rf"\bwe\s+{_ADVERB}(?!(?:{_NOT_ACTIONS})\b)(\w+ed|{_IRREGULAR})\b")
_RESULT = re.compile(
    r"\b(as a result|result(?:ed|s)? (?:in|was)|the (?:result|outcome|impact|upshot) was|in the end|ultimately"
    r"|by the end|afterwards|since then|(?:which|this|that|it) (?:led|meant|resulted|cut|saved|reduced|increased"
    r"|improved|allowed|helped|gave|brought|made|got|let)|reduc(?:ed|ing)|increas(?:ed|ing)|improv(?:ed|ing)"
    r"|sav(?:ed|ing)|grew|doubled|tripled|halved|launched|shipped|delivered|on time|ahead of schedule"
    r"|won|closed the|retained|renewed|promoted|adopted|went live|dropped|fell|rose|raised|lowered"
    r"|went (?:from|up|down)|from \d[\d,.]*%? to \d|than before|faster|quicker|cheaper|fewer|more often"
    r"|now i|over time)\b"
)
_NUMBER_WORDS = r"(?:one|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty|thirty|fifty|hundred)"
_UNITS = (
    r"(?:%|percent|per cent|hours?|days?|weeks?|months?|quarters?|years?|minutes?|seconds?|ms|users?|customers?"
    r"|people|engineers|tickets|clients|deals|accounts|points?|pages|sites|stores|servers|services|teams|releases"
    r"|k|m|x|million|thousand|billion|times)"
)
_QUANTITY = re.compile(
    rf"[$€£¥]\s?\d|\b\d[\d,.]*\s?{_UNITS}(?!\w)|\b{_NUMBER_WORDS}\s+{_UNITS}\b"
    r"|\b(?:doubled|tripled|halved|twice|tenfold|threefold)\b"
)
_NUMBER = re.compile(r"\d")
_FILLER = re.compile(r"\b(um+|uh+|erm+|er|ah+|you know|basically|literally|i mean|so yeah)\b|,\s*like\s*,|\blike,")
_HEDGE = re.compile(
    r"\b(i think|i guess|maybe|probably|perhaps|not (?:really |totally |entirely )?sure|hopefully|i suppose"
    r"|kind of|sort of|i feel like|more or less|might have|i'd say)\b"
)
_VAGUE = re.compile(r"\b(stuff|things?|something|somehow|etc|various|whatever|a lot|lots of|everything)\b")
_EXAMPLE = re.compile(
    r"\b(for example|for instance|e\.g\.|such as|in my (?:last|previous|current) (?:role|job|project|team)"
    r"|i (?:have )?used|we used|at my (?:last|previous|current))\b"
)
_STRUCTURE = re.compile(
    r"\b(first(?:ly)?|second(?:ly)?|then|next|finally|trade-?offs?|however|on the other hand|it depends"
    r"|depending on|whereas|instead|because|so that)\b"
)
_REFLECTION = re.compile(r"\b(learn(?:ed|t)|lesson|next time|differently|taught me|since then|now i)\b")
# Words that say nothing about the topic of a question or a key point.
_STOPWORDS = frozenset(
    re.findall(
        r"\S+",
        "a an the and or but if of to in on at for with by from as is are was were be been being do does did "
        "you your yours me my i we our they them their it its this that these those what which who whom how "
        "why when where tell describe give example time times about would could should can will have has had "
        "walk through explain talk any some one there situation case concrete clear specific real such each "
        "both other own not than then into also more less very just only use using used way ways ",
    )
)
_WORK_WORDS = re.compile(
    r"\b(team|project|manager|customer|client|deadline|colleague|stakeholder|code|product|data|sales|users?"
    r"|company|role|job|meeting|report|release|bug|system|service|feature|process|budget|launch|design"
    r"|engineer|developer|lead|boss|peer|account|quarter|sprint|goal|plan|work(?:ed|ing)?)\b"
)


@dataclass(frozen=True, slots=True)
class _Reading:
    """What the coach noticed in one answer; turned into a score, findings and advice below."""

    words: int
    target_words: int
    situation: str
    task: str
    i_actions: list[str]
    we_actions: list[str]
    result: str
    quantities: list[str]
    fillers: list[str]
    hedges: list[str]
    vague: list[str]
    specifics: int
    relevance: float
    key_points_missing: list[str]
    has_example: bool
    has_structure: bool
    reflects: bool
    off_topic: bool

    @property
    def too_short(self) -> bool:
        return self.words < max(45, self.target_words * 0.25)

    @property
    def very_short(self) -> bool:
        return self.words < 25

    @property
    def too_long(self) -> bool:
        return self.words > self.target_words * 1.2

    @property
    def sound_rate(self) -> float:
        """Fillers and hedges per 100 words."""
        return 100 * (len(self.fillers) + len(self.hedges)) / max(self.words, 1)


def _stem(word: str) -> str:
    """Crude but stable: "tuples", "tuple" and "tupled" meet at "tupl"; long words cut to six letters."""
    for suffix in ("s", "ing", "ed", "e"):
        if word.endswith(suffix) and not word.endswith("ss") and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
    return word[:6]


def _keywords(text: str) -> set[str]:
    return {_stem(w) for w in _WORD.findall(text.lower()) if len(w) > 2 and w not in _STOPWORDS}


def _covered(point: str, answer_stems: set[str]) -> bool:
    """A key point counts as covered when at least half of its content words appear in the answer."""
    keys = _keywords(point)
    return len(keys & answer_stems) * 2 >= len(keys)


def _quote(match: re.Match[str] | None, text: str, width: int = 48) -> str:
    """The user's own words at a match, short, for a finding like: sets the scene (“At my last job…”)."""
    if match is None:
        return ""
    snippet = text[match.start() : match.start() + width]
    return clean_line(snippet if len(snippet) < width else snippet.rsplit(" ", 1)[0] + "…")


def _quantities(lower: str, shown: str, result_start: int) -> list[str]:
    """Distinct amounts, those stated in the result first: they are the impact, the rest is context."""
    found = [(m.start() < result_start, shown[m.start() : m.end()]) for m in _QUANTITY.finditer(lower)]
    return list(dict.fromkeys(text for _, text in sorted(found, key=lambda item: item[0])))


def _read(question: Question, answer: str, time_limit_s: int) -> _Reading:
    text = clean_text(answer)
    lower = text.lower().replace("’", "'")
    # Quotes come from the original casing when lowercasing kept every offset (it does for nearly all text).
    shown = text if len(text) == len(lower) else lower
    words = _WORD.findall(text)
    answer_keys = {_stem(w.lower()) for w in words}
    question_keys = _keywords(question.text)
    relevance = len(question_keys & answer_keys) / len(question_keys) if question_keys else 1.0
    missing = [p for p in question.strong_answer if _keywords(p) and not _covered(p, answer_keys)]
    # Capitalised words inside sentences are names of tools, products, teams and places.
    specifics = len(re.findall(r"(?<![.!?]\s)(?<!^)\b[A-Z][A-Za-z0-9+#.]+", text)) + len(_NUMBER.findall(text))
    work_words = len(_WORK_WORDS.findall(lower))
    covered_points = sum(1 for p in question.strong_answer if _keywords(p)) - len(missing)
    off_topic = len(words) > 0 and relevance < 0.15 and covered_points == 0 and work_words < 2
    situation, task, result = _SITUATION.search(lower), _TASK.search(lower), _RESULT.search(lower)
    action_pattern = _I_ACTION if question.expects_story else _I_ACTION_OR_PLAN
    return _Reading(
        words=len(words),
        target_words=round(time_limit_s / 60 * WORDS_PER_MINUTE),
        situation=_quote(situation, shown),
        task=_quote(task, shown),
        i_actions=[shown[m.start() : m.end()] for m in action_pattern.finditer(lower)],
        we_actions=[m.group(0) for m in _WE_ACTION.finditer(lower)],
        result=_quote(result, shown),
        quantities=_quantities(lower, shown, result.start() if result else 0),
        fillers=[m.group(0) for m in _FILLER.finditer(lower)],
        hedges=[m.group(0) for m in _HEDGE.finditer(lower)],
        vague=[m.group(0) for m in _VAGUE.finditer(lower)],
        specifics=specifics,
        relevance=relevance,
        key_points_missing=missing,
        has_example=bool(_EXAMPLE.search(lower)),
        has_structure=len(_STRUCTURE.findall(lower)) >= 2,
        reflects=bool(_REFLECTION.search(lower)),
        off_topic=off_topic or not words,
    )


def _story_points(r: _Reading) -> float:
    """Out of 9: a story needs context, a goal, own actions and a measured result."""
    points = (1.0 if r.situation else 0) + (1.0 if r.task else 0)
    points += 2.0 if len(r.i_actions) >= 2 else 1.0 if r.i_actions else 0.5 if r.we_actions else 0
    points += 1.5 if r.result else 0
    points += 1.5 if r.quantities else 0
    points += 1.0 if r.specifics >= 3 and len(r.vague) <= 2 else 0
    points += 1.0 if not r.too_short and not r.too_long else 0
    return points


def _reasoning_points(question: Question, r: _Reading) -> float:
    """Out of 9: technical and situational answers need the key points, an example, structure and a plan."""
    points_total = sum(1 for p in question.strong_answer if _keywords(p))
    coverage = (points_total - len(r.key_points_missing)) / points_total if points_total else r.relevance
    points = 4.0 * min(1.0, max(coverage, r.relevance))
    points += 1.0 if r.has_example or r.quantities else 0
    points += 1.0 if r.has_structure else 0
    points += 1.0 if r.specifics >= 3 or r.has_example else 0
    points += 1.0 if len(r.i_actions) >= 2 or (r.i_actions and r.has_example) else 0.5 if r.i_actions else 0
    points += 1.0 if not r.too_short and not r.too_long else 0
    return points


def _score(question: Question, r: _Reading) -> int:
    if r.off_topic:
        return 1
    points = _story_points(r) if question.expects_story else _reasoning_points(question, r)
    if r.very_short:
        points -= 3
    elif r.too_short:
        points -= 1
    if r.sound_rate > 6:
        points -= 2
    elif r.sound_rate > 3:
        points -= 1
    if question.expects_story and len(r.we_actions) > 2 * len(r.i_actions) and len(r.i_actions) < 2:
        points -= 0.5
    for threshold, score in ((7.5, 5), (6.0, 4), (4.0, 3), (1.5, 2)):
        if points >= threshold:
            return score
    return 1


def _star(question: Question, r: _Reading) -> Star:
    actions = r.i_actions
    return Star(
        situation=StarFinding(True, f"Sets the scene: “{r.situation}”.")
        if r.situation
        else StarFinding(False, "No context: say where and when this happened and what was at stake."),
        task=StarFinding(True, f"States the goal: “{r.task}”.")
        if r.task
        else StarFinding(False, "Your own goal or responsibility is not stated."),
        action=StarFinding(True, f"{len(actions)} action(s) in your own voice, e.g. “{actions[0]}”.")
        if actions
        else StarFinding(False, "No first-person actions: the listener cannot tell what you did.")
        if not r.we_actions
        else StarFinding(False, f"Actions are told as “we” ({len(r.we_actions)}×), not what you did."),
        result=StarFinding(
            True,
            f"Ends with an outcome: “{r.result}”"
            + (f", measured ({', '.join(r.quantities[:3])})." if r.quantities else ", but not measured."),
        )
        if r.result
        else StarFinding(False, "No result: what changed because of your actions is missing."),
    )


def _improvements(question: Question, r: _Reading) -> list[str]:
    """Candidates in order of how much each would lift the answer; the coach gives the first two."""
    target = r.target_words
    story = question.expects_story
    candidates: list[tuple[bool, str]] = [
        (r.off_topic, "Answer the question that was asked: pick one real example that matches it directly."),
        (
            r.very_short or r.too_short,
            f"Expand to about {target // 2}–{target} words: one real example told from context to result.",
        ),
        (
            story and not r.i_actions,
            "Say what you did yourself: use “I” with a verb (“I rewrote the query”, "
            "“I called the client”) instead of “we”.",
        ),
        (
            not story and bool(r.key_points_missing),
            "Cover what a strong answer has: " + "; ".join(r.key_points_missing[:3]) + ".",
        ),
        (
            story and not r.result,
            "End with the result: what changed, ideally with a number (time saved, % improved, money, customers).",
        ),
        (
            bool(r.result) and not r.quantities,
            "Quantify the result: add a number, percentage, amount or time so the impact is concrete.",
        ),
        (not story and not r.has_example, "Add one concrete example from your own work to back the reasoning."),
        (
            story and not r.situation,
            "Open with one or two sentences of context: where you were, when, and what was at stake.",
        ),
        (story and not r.task, "State your goal or responsibility in one sentence before the actions."),
        (
            len(r.fillers) >= 3,
            f"Cut filler words ({len(r.fillers)} found, such as “{r.fillers[0] if r.fillers else ''}”): "
            "pause silently instead.",
        ),
        (len(r.hedges) >= 2, "Drop hedges like “I think” and “maybe”: state what you did and why with confidence."),
        (len(r.vague) >= 3, "Replace vague words (“stuff”, “things”) with names of tools, teams and numbers."),
        (r.too_long, f"Trim to about {target} words: one sentence of context, most time on actions and result."),
        (
            not story and not r.has_structure,
            "Give the answer a shape: the main point first, then steps or trade-offs, then a conclusion.",
        ),
        (
            story and not r.reflects,
            "Close with one sentence on what you learned or would do differently next time.",
        ),
        (True, "Rehearse it aloud once against the timer and tighten the opening sentence."),
        (True, "Link the answer back to this role: say which part of the experience you would bring here."),
    ]
    return [advice for applies, advice in candidates if applies][:2]


def _strengths(question: Question, r: _Reading) -> list[str]:
    found = [
        (bool(r.situation and r.task), "Clear context and goal before the actions."),
        (len(r.i_actions) >= 2, "Owns the work: actions are told in the first person."),
        (bool(r.quantities), f"Measured impact ({', '.join(r.quantities[:3])})."),
        (r.specifics >= 3 and len(r.vague) <= 2, "Concrete: names tools, people or numbers."),
        (
            not question.expects_story and not r.key_points_missing and bool(question.strong_answer),
            "Covers the key points a strong answer needs.",
        ),
        (r.has_structure and not question.expects_story, "Well structured reasoning."),
        (not r.too_short and not r.too_long, "Fits the time limit."),
        (r.words >= 40 and r.sound_rate < 1, "Sounds confident: almost no fillers or hedges."),
    ]
    return [text for applies, text in found if applies and not r.off_topic][:3]


def _summary(score: int, question: Question, r: _Reading) -> str:
    if r.off_topic:
        return "Score 1/5: the answer does not address the question."
    length = "too short" if r.too_short else "too long" if r.too_long else "a good length"
    size = f"{r.words} words, {length} for the time limit"
    if not question.expects_story:
        total = sum(1 for p in question.strong_answer if _keywords(p))
        coverage = f"covers {total - len(r.key_points_missing)} of {total} key points" if total else "on topic"
        example = "with a concrete example" if r.has_example else "no concrete example"
        return f"Score {score}/5: {coverage}; {example}; {size}."
    parts = [
        name for name, found in zip(STAR_PARTS, (r.situation, r.task, r.i_actions, r.result), strict=True) if found
    ]
    measured = "a measured result" if r.quantities else "no measured result"
    return f"Score {score}/5: STAR parts present: {', '.join(parts) or 'none'}; {measured}; {size}."


def evaluate_answer(question: Question, answer: str, time_limit_s: int = 120, note: str = "") -> Evaluation:
    """Deterministic 1–5 feedback with the reasons, the STAR findings and the two most useful improvements."""
    reading = _read(question, answer, max(time_limit_s, 10))
    score = _score(question, reading)
    return Evaluation(
        score=score,
        summary=_summary(score, question, reading),
        star=_star(question, reading),
        strengths=tuple(_strengths(question, reading)),
        improvements=tuple(_improvements(question, reading)),
        source="offline",
        note=note,
    )


def speaking_pace(transcript: str, seconds: float) -> SpeakingPace:
    """Pace and fillers of a spoken answer, measured against about 130 words per minute."""
    lower = clean_text(transcript).lower()
    words = len(_WORD.findall(lower))
    fillers = len(_FILLER.findall(lower))
    minutes = max(seconds, 1.0) / 60
    wpm = words / minutes
    verdict = (
        "No speech was recognised."
        if words == 0
        else f"Slow ({wpm:.0f} words per minute): aim for about {WORDS_PER_MINUTE}."
        if wpm < 100
        else f"Fast ({wpm:.0f} words per minute): slow down towards {WORDS_PER_MINUTE} and pause between points."
        if wpm > 165
        else f"Good pace ({wpm:.0f} words per minute)."
    )
    return SpeakingPace(
        words=words,
        seconds=seconds,
        words_per_minute=round(wpm, 1),
        fillers=fillers,
        fillers_per_100_words=round(100 * fillers / words, 1) if words else 0.0,
        verdict=verdict,
    )


def skills_in_text(text: str, known_skills: Sequence[str]) -> list[str]:
    """Known skill names the text mentions, as whole words in any case, in the order of `known_skills`."""
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
    title = posting.title.lower()
    roles = [role for role in bank.roles if role.lower() in title]
    picked: list[Question] = []
    pools = [bank.filter(QuestionCategory.TECHNICAL, skill=s)[:2] for s in skills]
    pools += [bank.filter(QuestionCategory.ROLE_SPECIFIC, role=role)[:3] for role in roles]
    # Spread the general categories so a short set still gets one of each kind.
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


def _sentence(text: str) -> str:
    text = clean_line(text).rstrip(".;")
    return text[:1].upper() + text[1:] if text else ""


def _join_names(names: Sequence[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _matching_skills(profile: ProfileFacts, posting: PostingFacts) -> list[str]:
    wanted = {s.lower() for s in [*posting.skills, *skills_in_text(posting.description, profile.skills)]}
    return [s for s in profile.skills if s.lower() in wanted]


def _ranked_achievements(profile: ProfileFacts, posting: PostingFacts) -> list[str]:
    """Achievements that name the posting's skills or carry numbers first."""
    skills = [s.lower() for s in _matching_skills(profile, posting)]

    def weight(item: str) -> tuple[int, int]:
        lower = item.lower()
        return (-sum(skill in lower for skill in skills), -int(bool(_NUMBER.search(item))))

    return sorted((a for a in profile.achievements if clean_line(a)), key=weight)


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
    experience = (
        f"With {profile.years_experience} years of experience" if profile.years_experience else "With my experience"
    )
    opening = f"I am applying for the {title} role at {company}."
    if clean_line(profile.headline):
        opening += f" My background: {clean_line(profile.headline)}."
    fit = (
        f"{experience} in {_join_names(matching)}, I match what your posting asks for."
        if matching
        else f"{experience}, I would bring a practical, results-focused approach to the team."
    )
    highlights = _ranked_achievements(profile, posting)[:2]
    evidence = (
        "Two results I am proud of: " + "; ".join(_sentence(a)[0].lower() + _sentence(a)[1:] for a in highlights) + "."
        if highlights
        else ""
    )
    closing = f"I would welcome the chance to discuss how I can help {company}. Thank you for your time."
    body = "\n\n".join(part for part in (opening, f"{fit} {evidence}".strip(), closing) if part)
    return f"Dear {company} hiring team,\n\n{body}\n\nKind regards,\n{clean_line(profile.name)}"

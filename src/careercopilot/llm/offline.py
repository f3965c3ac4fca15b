"""The offline coach: deterministic feedback on an answer, and pace of a spoken one, with no model at all.

It reads an answer the way an interviewer skims one: is there a story (STAR), whose actions are they,
did anything measurable happen, is it concrete, does it fit the time, does it sound sure of itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from careercopilot.domain.interview import (
    STAR_PARTS,
    WORDS_PER_MINUTE,
    Evaluation,
    Question,
    SpeakingPace,
    Star,
    StarFinding,
    words_for,
)
from careercopilot.domain.text import clean_line, clean_text, plural
from careercopilot.llm import answer_cues as cue

_WORD = re.compile(r"[^\W\d_][\w'’-]*|\d[\d,.]*%?")


@dataclass(frozen=True, slots=True)
class _Reading:
    """What the coach noticed in one answer; turned into a score, findings and advice below."""

    words: int
    target_words: int | None  # None: untimed, so length is judged only for being too thin
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
    def grounded(self) -> bool:
        """Backed by something real: an example from work or an amount."""
        return self.has_example or bool(self.quantities)

    @property
    def timed(self) -> bool:
        return self.target_words is not None

    @property
    def too_short(self) -> bool:
        return self.words < max(45, (self.target_words or 0) * 0.25)

    @property
    def very_short(self) -> bool:
        return self.words < 25

    @property
    def too_long(self) -> bool:
        return self.target_words is not None and self.words > self.target_words * 1.2

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
    return {_stem(w) for w in _WORD.findall(text.lower()) if len(w) > 2 and w not in cue.STOPWORDS}


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
    found = [(m.start() < result_start, shown[m.start() : m.end()]) for m in cue.QUANTITY.finditer(lower)]
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
    specifics = len(re.findall(r"(?<![.!?]\s)(?<!^)\b[A-Z][A-Za-z0-9+#.]+", text)) + sum(ch.isdigit() for ch in text)
    work_words = len(cue.WORK_WORDS.findall(lower))
    covered_points = sum(1 for p in question.strong_answer if _keywords(p)) - len(missing)
    off_topic = len(words) > 0 and relevance < 0.15 and covered_points == 0 and work_words < 2
    situation, task, result = cue.SITUATION.search(lower), cue.TASK.search(lower), cue.RESULT.search(lower)
    action_pattern = cue.I_ACTION if question.expects_story else cue.I_ACTION_OR_PLAN
    return _Reading(
        words=len(words),
        target_words=words_for(time_limit_s),
        situation=_quote(situation, shown),
        task=_quote(task, shown),
        i_actions=[shown[m.start() : m.end()] for m in action_pattern.finditer(lower)],
        we_actions=[m.group(0) for m in cue.WE_ACTION.finditer(lower)],
        result=_quote(result, shown),
        quantities=_quantities(lower, shown, result.start() if result else 0),
        fillers=[m.group(0) for m in cue.FILLER.finditer(lower)],
        hedges=[m.group(0) for m in cue.HEDGE.finditer(lower)],
        vague=[m.group(0) for m in cue.VAGUE.finditer(lower)],
        specifics=specifics,
        relevance=relevance,
        key_points_missing=missing,
        has_example=bool(cue.EXAMPLE.search(lower)),
        has_structure=len(cue.STRUCTURE.findall(lower)) >= 2,
        reflects=bool(cue.REFLECTION.search(lower)),
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
    points += 1.0 if r.grounded else 0
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
    target = r.target_words or 0
    story = question.expects_story
    candidates: list[tuple[bool, str]] = [
        (r.off_topic, "Answer the question that was asked: pick one real example that matches it directly."),
        (
            r.very_short or r.too_short,
            (f"Expand to about {target // 2}–{target} words: " if r.timed else "Expand it: ")
            + "one real example told from context to result.",
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
        (not story and not r.grounded, "Add one concrete example from your own work to back the reasoning."),
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
        (
            True,
            f"Rehearse it aloud once{' against the timer' if r.timed else ''} and tighten the opening sentence.",
        ),
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
        (r.timed and not r.too_short and not r.too_long, "Fits the time limit."),
        (r.words >= 40 and r.sound_rate < 1, "Sounds confident: almost no fillers or hedges."),
    ]
    return [text for applies, text in found if applies and not r.off_topic][:3]


def _summary(score: int, question: Question, r: _Reading) -> str:
    if r.off_topic:
        return "Score 1/5: the answer does not address the question."
    size = _length_verdict(r)
    if not question.expects_story:
        total = sum(1 for p in question.strong_answer if _keywords(p))
        covered = total - len(r.key_points_missing)
        coverage = f"covers {covered} of {plural(total, 'key point')}" if total else "on topic"
        example = "with a concrete example" if r.grounded else "no concrete example"
        return f"Score {score}/5: {coverage}; {example}; {size}."
    parts = [
        name for name, found in zip(STAR_PARTS, (r.situation, r.task, r.i_actions, r.result), strict=True) if found
    ]
    measured = "a measured result" if r.quantities else "no measured result"
    return f"Score {score}/5: STAR parts present: {', '.join(parts) or 'none'}; {measured}; {size}."


def _length_verdict(r: _Reading) -> str:
    """How long the answer is; only a timed answer is measured against its time limit."""
    if not r.timed:
        return f"{plural(r.words, 'word')}, " + ("too short for a full answer" if r.too_short else "untimed")
    length = "too short" if r.too_short else "too long" if r.too_long else "a good length"
    return f"{plural(r.words, 'word')}, {length} for the time limit"


def evaluate_answer(question: Question, answer: str, time_limit_s: int = 120, note: str = "") -> Evaluation:
    """Deterministic 1–5 feedback with the reasons, the STAR findings and the two most useful improvements.

    A time limit of 0 means untimed: the answer's length is then never judged against a clock.
    """
    # A limit under 10 s would ask for a handful of words.
    reading = _read(question, answer, max(time_limit_s, 10) if time_limit_s > 0 else 0)
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
    fillers = len(cue.FILLER.findall(lower))
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

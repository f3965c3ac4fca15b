"""The phrases the offline coach listens for: STAR cues, actions, results, amounts, fillers and hedges.

All patterns run on lower-cased text.
"""

from __future__ import annotations

import re

SITUATION = re.compile(
    r"\b(when i was|while (?:i was|working)|at my (?:previous|last|current|old|first) (?:job|company|role|employer"
    r"|team|internship)|in my (?:previous|last|current|first|old) (?:job|role|position|team|company)"
    r"|i (?:worked|was working) (?:as|at|on|for)|last (?:year|quarter|month|summer|spring|autumn|fall|winter)"
    r"|(?:a few|two|three|several) (?:weeks|months|years) ago|back in|in (?:19|20)\d\d|our (?:team|company|startup)"
    r" (?:was|had)|the (?:company|team|project|client|product|store|clinic|school) (?:was|had)"
    r"|we were (?:facing|dealing|about|running|under|behind|losing|migrating|launching)|there was an?"
    r"|during (?:a|an|the|my|our)|in my (?:first|second|early) (?:year|months?|weeks?|days)|when i (?:joined|started)"
    r"|^once\b|\bonce (?:i|my|we|our|a)|my (?:manager|boss|lead|client|team lead) (?:once )?(?:said|told|asked))\b"
)
TASK = re.compile(
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
I_ACTION = re.compile(rf"\bi\s+{_ADVERB}(?!(?:{_NOT_ACTIONS})\b)(\w+ed|{_IRREGULAR})\b")
_I_WOULD = re.compile(rf"\bi(?:\s+would|'d|’d|\s+will|'ll|’ll)\s+{_ADVERB}(?!(?:{_NOT_ACTIONS})\b)[a-z]+")
# Situational and technical answers describe plans: "I would first check the logs" counts as an action.
I_ACTION_OR_PLAN = re.compile(f"{I_ACTION.pattern}|{_I_WOULD.pattern}")
WE_ACTION = re.compile(rf"\bwe\s+{_ADVERB}(?!(?:{_NOT_ACTIONS})\b)(\w+ed|{_IRREGULAR})\b")
RESULT = re.compile(
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
QUANTITY = re.compile(
    rf"[$€£¥]\s?\d|\b\d[\d,.]*\s?{_UNITS}(?!\w)|\b{_NUMBER_WORDS}\s+{_UNITS}\b"
    r"|\b(?:doubled|tripled|halved|twice|tenfold|threefold)\b"
)
FILLER = re.compile(r"\b(um+|uh+|erm+|er|ah+|you know|basically|literally|i mean|so yeah)\b|,\s*like\s*,|\blike,")
HEDGE = re.compile(
    r"\b(i think|i guess|maybe|probably|perhaps|not (?:really |totally |entirely )?sure|hopefully|i suppose"
    r"|kind of|sort of|i feel like|more or less|might have|i'd say)\b"
)
VAGUE = re.compile(r"\b(stuff|things?|something|somehow|etc|various|whatever|a lot|lots of|everything)\b")
EXAMPLE = re.compile(
    r"\b(for example|for instance|e\.g\.|such as|in my (?:last|previous|current) (?:role|job|project|team)"
    r"|i (?:have )?used|we used|at my (?:last|previous|current))\b"
)
STRUCTURE = re.compile(
    r"\b(first(?:ly)?|second(?:ly)?|then|next|finally|trade-?offs?|however|on the other hand|it depends"
    r"|depending on|whereas|instead|because|so that)\b"
)
REFLECTION = re.compile(r"\b(learn(?:ed|t)|lesson|next time|differently|taught me|since then|now i)\b")
# Words that say nothing about the topic of a question or a key point.
STOPWORDS = frozenset(
    re.findall(
        r"\S+",
        "a an the and or but if of to in on at for with by from as is are was were be been being do does did "
        "you your yours me my i we our they them their it its this that these those what which who whom how "
        "why when where tell describe give example time times about would could should can will have has had "
        "walk through explain talk any some one there situation case concrete clear specific real such each "
        "both other own not than then into also more less very just only use using used way ways ",
    )
)
WORK_WORDS = re.compile(
    r"\b(team|project|manager|customer|client|deadline|colleague|stakeholder|code|product|data|sales|users?"
    r"|company|role|job|meeting|report|release|bug|system|service|feature|process|budget|launch|design"
    r"|engineer|developer|lead|boss|peer|account|quarter|sprint|goal|plan|work(?:ed|ing)?)\b"
)

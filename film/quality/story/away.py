"""People the idea names but keeps off screen: the exiled, the dead.

Recorded (craft bench, 2026-12-04, and every letter draft before it): "A young swordswoman
must carry a sealed letter across a snowy mountain pass to the general who exiled her
father" was four scenes of the swordswoman and her father crossing the pass together, he
helping her carry the letter he was exiled for. The bible had been made to cast the father
because the idea names him; the outline then walked him beside her. A reader could not find
the story: she carries the letter *because* he is gone.

So a person word the idea puts out of reach is away: the object of an exile ("exiled her
father", 流放了她的父亲), or someone dead ("her late grandmother", "his dead wife",
去世的奶奶, 已故的父亲), or far away (远方的孙子). Such a person is not asked of the bible,
and nobody on screen is them. "Missing" and "lost" are not read as away: a search for a
missing dog ends when it is found.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_POSSESSIVE_EN = r"(?:(?:her|his|their|my|our|your|the)\s+)?"
_GONE_BEFORE_EN = r"(?:late|dead|deceased|departed|exiled|banished|executed|murdered|fallen"
_GONE_BEFORE_EN += r"|far-?away)"
_GONE_VERB_EN = r"(?:exiled|banished|executed|murdered|killed|buried|mourns?|mourning)"
_GONE_AFTER_EN = (
    r"(?:,?\s+who\s+(?:has\s+|had\s+)?"
    r"(?:died|passed away|was\s+(?:exiled|banished|killed|executed)))"
    r"|(?:\s+(?:died|passed away|is dead|was exiled|was banished|was killed))"
)
#: Far away too: "她远方孙子寄来的信" (the web app, 2026-12-04 22:18) put the grandson on
#: the courier's doorstep, calling him 爸. Not 在外地工作的: a son heard on the phone is
#: :mod:`film.quality.story.afar`'s.
_GONE_BEFORE_ZH = r"(?:去世|过世|离世|已故|死去|逝去|病逝|牺牲|被流放|流放在外|被放逐"
_GONE_BEFORE_ZH += r"|远方|远在他乡)的?"
_GONE_VERB_ZH = r"(?:流放了?|放逐了?|害死了?|杀了|杀害了?|埋葬了?)(?:她|他|他们|我)?的?"
_GONE_AFTER_ZH = r"(?:去世|过世|离世|病逝|牺牲|被流放|被放逐)"


def _en(word: str) -> re.Pattern[str]:
    w = re.escape(word)
    return re.compile(
        rf"\b{_GONE_VERB_EN}\s+{_POSSESSIVE_EN}{w}\b"
        rf"|\b{_POSSESSIVE_EN}{_GONE_BEFORE_EN}\s+{w}\b"
        rf"|\b{w}(?=(?:{_GONE_AFTER_EN}))"
        rf"|\bwhose\s+{w}\s+(?:was|had been|has been)\s+(?:exiled|banished|killed|executed)\b",
        re.I,
    )


def _zh(word: str) -> re.Pattern[str]:
    w = re.escape(word)
    return re.compile(rf"{_GONE_VERB_ZH}{w}|{_GONE_BEFORE_ZH}{w}|{w}(?:已经)?{_GONE_AFTER_ZH}")


def is_away(idea: str, word: str) -> bool:
    """Whether the idea puts the person ``word`` out of the film (exiled or dead)."""
    if not word.strip():
        return False
    pattern = _en(word) if word.isascii() else _zh(word)
    return bool(pattern.search(idea))


def away_words(idea: str, words: Iterable[str]) -> list[str]:
    """Those of the person ``words`` the idea puts out of the film, in their order."""
    return [word for word in words if is_away(idea, word)]


#: Someone the idea names by what they did to another: "the general who exiled her father".
_WHO_DID = re.compile(
    r"\bthe (?P<who>[a-z]+) who (?P<did>[a-z]+ed) (?P<whom>(?:her|his|their|the|a) [a-z]+)", re.I
)


def role_as_told(idea: str, role: str) -> str:
    """``role``, or the idea's own words where the role turns who did what around.

    Recorded (``microfilm draft`` and the craft bench, 2026-12-04): the general who exiled
    her father was cast as "Exiled General" and as "General exiled by her father", and the
    scenes then had him exiled, or her father exiling her. A role that holds the idea's
    person and verb, but not as the idea says it, is said as the idea says it.
    """
    told = _WHO_DID.search(idea)
    if told is None:
        return role
    who, did = re.escape(told["who"]), re.escape(told["did"])
    if not (re.search(rf"\b{who}\b", role, re.I) and re.search(rf"\b{did}\b", role, re.I)):
        return role
    if re.search(rf"\b{who} who {did}\b", role, re.I):
        return role
    return f"{told['who']} who {told['did']} {told['whom']}".lower()

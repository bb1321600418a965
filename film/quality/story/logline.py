"""The logline keeps what the idea is about: its turn, or the person it has to win over.

Split from :mod:`.arc`, which reads the idea's arc; this is the gate's check of the
logline against it.
"""

from __future__ import annotations

import re

from film.quality.findings import Finding
from film.quality.story.arc import idea_arc

_WINNING = re.compile(
    r"说服|劝说|劝服|打动|convinc|persuad|win (?:\w+ )?over|wins (?:\w+ )?over", re.I
)


def check_logline_arc(idea: str, logline: str) -> list[Finding]:
    """The logline keeps the idea's turn, or its winning someone over.

    Recorded (街舞的约定, 2026-12-01): "小明想说服爸爸让他去学街舞" became a logline in which
    father and son simply agree to go ("小明和爸爸约定，去学街舞"), and every scene after
    it followed the logline rather than the idea.
    """
    arc = idea_arc(idea)
    if arc.turn and not arc.tells_turn(logline):
        said, message = arc.turn, f"The logline leaves out the idea's turn: {arc.turn!r}."
    elif arc.won_over and not arc.turn and not _WINNING.search(logline):
        said = arc.won_over
        message = (
            f"The logline leaves out what the idea is about: winning over {arc.won_over!r}, "
            "who says no at first. Say who has to be won over, and to what."
        )
    else:
        return []
    return [Finding("arc.logline", "logline", said, message + " Keep it in the logline.")]


#: A turn that overturns what came before: the guard's trap "最后抓到的却是一只橘猫".
_TWIST = re.compile(
    r"却|竟|原来|结果|发现|\bturns? out\b|\bonly to\b|\bbut (?:it|he|she|they)\b"
    r"|\bdiscovers?\b|\bfinds? out\b",
    re.I,
)


def check_title_spoiler(idea: str, title: str) -> list[Finding]:
    """The title does not give away the idea's twist.

    Recorded (craft bench, 2026-12-04): the guard who sets a trap for a parcel thief and
    catches an orange cat was titled 《小区保安大爷捉橘猫》, the punchline on the cover
    before the film starts. Only a twist counts: a title may well name where a story
    goes ("最后一张纸条").
    """
    arc = idea_arc(idea)
    if not arc.turn or not _TWIST.search(arc.turn):
        return []
    spoiled = [term for term in arc.terms if term.casefold() in title.casefold()]
    if not spoiled:
        return []
    message = (
        f"The title {title!r} gives away the idea's twist ({spoiled[0]!r}), which the film "
        "keeps for its ending. Name the film for its setup or its hero instead."
    )
    return [Finding("arc.title-spoils", "title", title, message)]

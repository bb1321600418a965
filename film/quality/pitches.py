"""The genre pitches: one line per genre on how *this* idea would play in it.

The pitches are the first thing a chat user reads after the idea, so they go through the
same text checks as every stage (debris, language, copied guide examples, loops), and
through three of their own. Driving the web app with the 1.5B model (2026-12-04) showed
each: 温情亲情's pitch was 唯美风景's word for word, 草根恶搞's was the idea itself, and
青春爱情's was the romance guide's music advice with nothing of the idea in it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from film.quality.copying import check_copying, idea_share, likeness
from film.quality.coverage import covered, idea_terms
from film.quality.debris import check_debris
from film.quality.fields import VisibleText
from film.quality.findings import Brief, Finding
from film.quality.repetition import check_loops
from film.quality.script import check_script
from film.quality.text import shorten

#: How alike two pitches, or a pitch and the idea, may be before one is the other pasted.
SAME_RATIO = 0.8
#: A pitch whose text is this much the idea's own runs of words is the idea, restyled at most:
#: 草根恶搞's "一个失聪的少年鼓手，靠脚底感受…准备学校乐队大赛，展现他坚韧不拔的精神" was the
#: whole idea and a tail, two thirds of it (web app, 2026-12-04).
IDEA_SHARE = 0.5


_ENDED = re.compile(r"[.!?。！？…」”\"')]\s*$")
_CLAUSE_MARKS = "。！？；，,;"


def finished_pitch(text: str, limit: int) -> str:
    """``text`` ended where a sentence or clause ends, not where the length ``limit`` fell.

    A pitch cut off ("…He stops at a small park to remember the old") goes back to its
    last clause. A pitch with no clause to fall back on keeps its words and ends in an
    ellipsis. One that stopped short of the limit only lacks its full stop.
    """
    text = text.strip()
    if not text or _ENDED.search(text):
        return text
    chinese = bool(re.search(r"[\u3400-\u9fff]", text))
    if len(text) < limit - 12:  # "失聪少年鼓手通过拍摄风景来传达自己的情感" (2026-12-04)
        return text + ("。" if chinese else ".")
    sentence = max(max(text.rfind(mark) for mark in "。！？!?"), text.rfind(". "))
    if sentence > len(text) // 3:
        return text[: sentence + 1].rstrip()
    clause = max(text.rfind(mark) for mark in _CLAUSE_MARKS)
    if clause > len(text) // 3:
        return text[:clause].rstrip() + ("。" if chinese else ".")
    return text + ("……" if chinese else "…")


#: What a pitch says of itself rather than of the story: "适合放在搞笑或科幻类微电影中",
#: "perfect for a comedy micro film" (web app, 2026-12-05).
_META = re.compile(
    r"[，,。]?\s*(?:非常|很)?适合(?:放在|拍成|做成|作为)?[^，。！？]{0,16}?(?:类|型)?(?:微电影|短片|影片)[中里]?"
    r"|[,.]?\s*(?:perfect|ideal|suitable|great|fit) (?:for|as) (?:an? )?[\w\s-]{0,24}?"
    r"(?:micro[- ]?films?|short films?|films?)\b",
    re.I,
)
_MARKS = re.compile(r"[\s，,。.！!？?；;、：:\"“”'‘’]")


def without_idea(text: str, idea: str) -> str:
    """A pitch without the idea pasted whole at its head, nor a note on what it suits.

    Recorded (web app, 2026-12-05): two of six pitches were the kite idea word for word and
    then "一个荒诞的场景，结合了喜剧和情感，适合放在搞笑或科幻类微电影中。" The pasted idea
    goes with its stop; what is left is the pitch, or the text as it was if nothing is.
    """
    bare_idea = _MARKS.sub("", idea)
    rest = _after(text, bare_idea) if len(bare_idea) >= 8 else text
    rest = _META.sub("", rest).strip(" ，,").lstrip("。.！!？?；;、 ")
    if not rest or rest == text.strip():
        return text
    if _ENDED.search(rest):
        return rest
    return rest.rstrip("。.") + ("。" if re.search(r"[\u4e00-\u9fff]", rest) else ".")


def _after(text: str, head: str) -> str:
    """``text`` after ``head`` (marks between its characters skipped), or ``text`` itself."""
    taken = 0
    for at, char in enumerate(text):
        if taken == len(head):
            return text[at:]
        if _MARKS.fullmatch(char):
            continue
        if char != head[taken]:
            return text
        taken += 1
    return "" if taken == len(head) else text


def _alike(first: str, second: str) -> bool:
    return likeness(first, second) >= SAME_RATIO


def check_pitches(pitches: Sequence[tuple[str, str]], brief: Brief) -> list[Finding]:
    """Findings for ``pitches``: (field name, pitch) pairs, one per genre, in order.

    A pitch must be clean text in the film's language, not a guide's example, not the idea
    pasted, not another genre's pitch, and about the idea: it carries one of the idea's key
    terms (:func:`film.quality.coverage.idea_terms`).
    """
    fields = [VisibleText(name, "pitch", text) for name, text in pitches if text.strip()]
    findings = [
        *check_debris(fields),
        *check_script(fields, brief.language),
        *check_copying(fields, brief.guidelines, brief.idea),
        *check_loops(fields),
    ]
    terms = idea_terms(brief.idea)
    for index, field in enumerate(fields):
        label = field.path.replace("_", " ")
        if idea_share(field.text, brief.idea) >= IDEA_SHARE:
            findings.append(
                Finding(
                    "copying.pitch-is-idea",
                    field.path,
                    shorten(field.text),
                    f"The {label} pitch repeats the idea. Say in your own words how the "
                    f"story would play as {label}: its mood, and one moment it would show.",
                )
            )
        elif terms and not covered(terms, field.text):
            findings.append(
                Finding(
                    "coverage.pitch-off-idea",
                    field.path,
                    shorten(field.text),
                    f"The {label} pitch says nothing of this idea. Name its people or things "
                    "and say how this story would play in that genre.",
                )
            )
        earlier = next((f for f in fields[:index] if _alike(f.text, field.text)), None)
        if earlier is not None:
            findings.append(
                Finding(
                    "repetition.pitch-twice",
                    field.path,
                    shorten(field.text),
                    f"The {label} pitch is the same as the {earlier.path.replace('_', ' ')} "
                    "one. Give each genre its own way of telling the story.",
                )
            )
    return findings

"""Exact fixes for habits of small models that a reader would laugh at.

Each rule here is one the real offline model showed in the craft bench, fixed where a
fix is certain rather than asked for again (a retry costs a whole answer's time and a
1.5B model often repeats itself):

- a parenthetical that is a stage direction or a cut-off sentence ("(The lift is moving
  faster now.)", "(He's excited about it, but he's also agh)") rather than a short
  acting note: it is dropped, since a parenthetical is optional;
- a place that says "again" ("SCHOOL LIFT AGAIN"): a heading names the place, returning
  to it is the story's business;
- one person under two kin words ("Grandma" and "Grandmother", 奶奶 and 祖母): they
  are one character;
- a story set at night whose outline is all DAY: the headings follow the idea's time.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from film.language import CJK_RUN
from film.quality import person_word_key

#: The longest parenthetical kept: an acting note ("softly", "不敢看他"), not a sentence.
ACTING_WORDS = 5
ACTING_CJK = 10
#: A parenthetical this close to its schema limit (40) was cut off mid-word.
_CUT_OFF = 38

_AGAIN = re.compile(r"(?:\s*[-–—,(（]?\s*\b(?:again|once more|revisited)\b\s*[)）]?)+\s*$", re.I)
_AGAIN_ZH = re.compile(r"^(?:再次|又回到|重回)|[（(]?(?:再次|又一次)[)）]?$")

#: Words that put a story at one time of day, and the heading time they mean.
_STORY_TIMES = (
    ("NIGHT", r"\bnight\b|\bmidnight\b|\btonight\b|\bevening\b|夜|晚上|深夜|除夕"),
    ("DAWN", r"\bdawn\b|\bsunrise\b|\bdaybreak\b|日出|黎明|清晨|破晓"),
    ("DUSK", r"\bdusk\b|\bsunset\b|\btwilight\b|黄昏|傍晚|日落|夕阳"),
)
#: Heading times that already honour each story time.
_HONOURS = {"NIGHT": {"NIGHT", "EVENING"}, "DAWN": {"DAWN", "MORNING"}, "DUSK": {"DUSK"}}


def acting_note(parenthetical: str) -> str:
    """``parenthetical`` if it is a short acting note, else "" (a direction or cut off)."""
    note = " ".join(parenthetical.strip().strip("()（）").split())
    cjk = sum(len(run) for run in CJK_RUN.findall(note))
    too_long = len(note.split()) > ACTING_WORDS if not cjk else cjk > ACTING_CJK
    if not note or too_long or len(parenthetical.strip()) >= _CUT_OFF:
        return ""
    return note


def without_again(place: str) -> str:
    """``place`` without a trailing "again" ("School lift again" -> "School lift")."""
    shorter = _AGAIN_ZH.sub("", _AGAIN.sub("", place)).strip(" ,.;:-")
    return shorter or place


def person_key(name: str) -> str:
    """A key that is equal for two names of one person ("Grandma", "Grandmother").

    The kin and role words are the quality gate's own (:func:`film.quality.person_word_key`),
    so the gate and the fixes agree on who is who.
    """
    return person_word_key(name)


def same_person(names: Iterable[str]) -> dict[str, str]:
    """Each name's key (:func:`person_key`) to the first of ``names`` with that key."""
    first: dict[str, str] = {}
    for name in names:
        first.setdefault(person_key(name), name)
    return first


def story_time(text: str) -> str:
    """The heading time ``text`` (the idea and the story's setting) puts the story at.

    "" when it names none, or more than one (a story from dusk to dawn keeps its
    outline's own times).
    """
    named = [time for time, pattern in _STORY_TIMES if re.search(pattern, text, re.I)]
    return named[0] if len(named) == 1 else ""


def follow_story_time(times: list[str], text: str) -> list[str]:
    """The outline's heading times, turned to the story's time when none honours it.

    A story "the night before the final" whose beats are all DAY gets NIGHT beats; an
    outline with even one night beat is trusted to know when its scenes happen.
    """
    wanted = story_time(text)
    if not wanted or any(t in _HONOURS[wanted] for t in times):
        return times
    return [wanted if t == "DAY" else t for t in times]

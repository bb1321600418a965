"""A deaf lead feels what others hear.

Recorded (craft bench, 2026-12-04): "A deaf teenage drummer trains for the school battle of
the bands by feeling the beat through the gym floor" was drafted with "Sam hears the beat
for the first time" as its opening line and "I can hear it now!" as his line at the turn.
The idea is that he cannot hear: he feels the beat. A reader takes the film for one about
a boy who could hear all along.

So where the idea says its person is deaf, their own hearing is feeling: "Sam hears the
beat" is "Sam feels the beat", "I can't hear it" is "I can't feel it", 我听到了 is 我感受到了.
Others still hear: the audience hears the drums.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from film.quality.text import sentences
from film.screenplay import Scene

_DEAF_EN = re.compile(r"\b(?:deaf|hard[- ]of[- ]hearing|hearing[- ]impaired)\b", re.I)
_DEAF_ZH = re.compile(r"聋|失聪|听障|听不见|听不到")

#: Hearing, as a deaf person's feeling: each English verb form with its match.
_FEEL_EN = {
    "hear": "feel",
    "hears": "feels",
    "heard": "felt",
    "hearing": "feeling",
    "listen to": "feel",
    "listens to": "feels",
    "listened to": "felt",
    "listening to": "feeling",
}
_HEAR_EN = re.compile(
    # "listens intently to the rhythm" (the drummer, craft bench, 2026-12-04): feels it.
    r"\b(?:listen(?:s|ed|ing)?(?P<how>\s+\w+ly)?\s+to|hear(?:s|d|ing)?)\b(?!\s+(?:aid|aids)\b)",
    re.I,
)
_HEAR_ZH = re.compile(r"听不见|听不到|听得见|听得到|听见|听到|听出")
_FEEL_ZH = {"听不见": "感觉不到", "听不到": "感觉不到", "听出": "感觉出"}


def deaf_person(idea: str, people: Sequence[tuple[str, str, str]]) -> str:
    """The name of the person the idea says is deaf, or "".

    ``people`` are (name, role, look): the one whose role or look says deaf, else the
    first, where the idea says someone is.
    """
    if not (_DEAF_EN.search(idea) or _DEAF_ZH.search(idea)) or not people:
        return ""
    for name, role, look in people:
        if _DEAF_EN.search(f"{role} {look}") or _DEAF_ZH.search(f"{role}{look}"):
            return name
    return people[0][0]


#: A line about its speaker's own hearing: "I can hear it now!", 我听到了.
_MINE = re.compile(r"\bI\b|\bI'm\b|我")


def _felt_en(match: re.Match[str]) -> str:
    said = match[0]
    felt = _FEEL_EN[" ".join(said.replace(match["how"] or "", "").lower().split())]
    return felt.capitalize() if said[0].isupper() else felt


def _felt_zh(match: re.Match[str]) -> str:
    return _FEEL_ZH.get(match[0], "感受到" if "得" not in match[0] else "感觉得到")


def _felt(sentence: str) -> str:
    if sentence.isascii():
        return _HEAR_EN.sub(_felt_en, sentence)
    return _HEAR_ZH.sub(_felt_zh, sentence)


def _their_own(sentence: str, name: str, he: bool) -> bool:
    """Whether ``sentence`` of action tells ``name`` (or "He"/"She", ``he``) hearing."""
    if sentence.isascii():
        subject = rf"(?:{re.escape(name)}|he|she)" if he else re.escape(name)
        return bool(re.match(rf"\W*(?:then\s+|suddenly,?\s+)?{subject}\b", sentence, re.I))
    return sentence.lstrip('“"').startswith((name, "他", "她") if he else (name,))


def feels_not_hears(scene: Scene, deaf: str) -> Scene:
    """``scene`` in which ``deaf`` feels, in their action and their own words, what others hear.

    An action sentence counts when it opens on them (or on "He"/"She" where they are the
    scene's first person); a line of theirs counts when it says "I" or 我.
    """
    if not deaf or deaf not in scene.characters:
        return scene
    he = scene.characters[0] == deaf

    def action_line(line: str) -> str:
        joiner = " " if line.isascii() else ""
        parts = [_felt(s) if _their_own(s, deaf, he) else s for s in sentences(line)]
        return joiner.join(parts) if parts else line

    def own_line(text: str) -> str:
        joiner = " " if text.isascii() else ""
        return joiner.join(_felt(s) if _MINE.search(s) else s for s in sentences(text)) or text

    action = [action_line(line) for line in scene.action]
    dialogue = [
        line.model_copy(update={"text": own_line(line.text)}) if line.speaker == deaf else line
        for line in scene.dialogue
    ]
    if action == scene.action and dialogue == scene.dialogue:
        return scene
    return scene.model_copy(update={"action": action, "dialogue": dialogue})

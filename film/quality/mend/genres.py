"""Scene mends a genre asks for, made before the gate reads the film.

An ancient-style film rides no car and holds no phone (:func:`in_period_scene`). A
youth-romance film whose idea keeps the confession for its turn declares no love before
that scene (:func:`love_kept_for_the_turn`).
"""

from __future__ import annotations

import functools
import re

from film.quality.mend.arc import each_line
from film.screenplay import Genre, Scene

#: Modern vehicles an ancient-style story rides in, and what the period had instead.
_PERIOD_VEHICLES = (
    (re.compile(r"\b(?:car|taxi|truck|van|bus|jeep)\b", re.I), "carriage"),
    (re.compile(r"\b(?:cars|taxis|trucks|vans|buses|jeeps)\b", re.I), "carriages"),
    (re.compile(r"汽车|轿车|出租车|卡车|公交车|吉普车"), "马车"),
)
#: Modern things no line of an ancient-style film can hold: its sentence goes.
_MODERN_THING = re.compile(
    r"\b(?:(?:smart|mobile |tele)?phones?|laptops?|computers?|televisions?|TV|radios?|"
    r"cameras?|headphones?|earphones?|e-?mails?|texts? messages?)\b"
    r"|手机|电脑|电视|收音机|相机|耳机|短信|微信",
    re.I,
)
_SENTENCE = re.compile(r"[^。！？.!?]+[。！？.!?]*")


def _as_cased(word: str, match: re.Match[str]) -> str:
    """``word`` capitalised as the matched word was ("Car" is "Carriage")."""
    return word.capitalize() if match[0][:1].isupper() else word


def _period_text(text: str) -> str:
    """``text`` with period vehicles and without its sentences that hold modern things."""
    for pattern, word in _PERIOD_VEHICLES:
        text = pattern.sub(functools.partial(_as_cased, word), text)
    return "".join(s for s in _SENTENCE.findall(text) if not _MODERN_THING.search(s)).strip()


def in_period_scene(scene: Scene, genre: Genre | str) -> Scene:
    """``scene`` of an ancient-style film with no car or phone in it.

    Recorded (craft bench, the letter, 2026-12-02, 21:39): in a snowy pass of the
    swordswoman's time, "They see Alex's car approaching from behind." A car is a
    carriage; a sentence with a phone in it goes (a line left with nothing goes; a scene
    keeps at least one line of each kind it had).
    """
    if Genre(genre) is not Genre.ANCIENT_STYLE:
        return scene
    return each_line(scene, _period_text)


#: A declaration of love: "我爱你", "我真的很喜欢你", "I love you", "I like you".
_LOVE = re.compile(
    r"(?:喜欢|爱)(?:上)?(?:你|您)|表白|\bI(?: really| think I)? (?:love|like) you\b"
    r"|\bI'?m in love with you\b",
    re.I,
)
#: An idea whose turn is a confession: 真心话, 表白, "tell her how he feels", "confess".
_CONFESSION_IDEA = re.compile(
    r"真心话|表白|告白|心里话|\bconfess\w*|\btells? (?:him|her|them) how (?:he|she|they) feels?"
    r"|\btrue feelings\b",
    re.I,
)
_SENTENCE_OR_CLAUSE = re.compile(r"[^。！？.!?，,]+[。！？.!?，,]*")


def _without_love(text: str) -> str:
    return "".join(s for s in _SENTENCE_OR_CLAUSE.findall(text) if not _LOVE.search(s)).strip(
        " ，,"
    )


def love_kept_for_the_turn(scenes: list[Scene], genre: Genre | str, idea: str) -> list[Scene]:
    """``scenes`` of a romance that keeps its confession for the end: no love said before.

    ``idea`` is the idea or the logline, which carries its words. Recorded (craft bench,
    the notes, 2026-12-02, 22:13): the desk-mates save their true words for the last note
    on graduation day, and scene 1 of 4 had "我真的很喜欢你". Before the last scene a clause
    that declares love goes; a line left with nothing goes (a scene keeps at least one line
    of each kind it had).
    """
    if Genre(genre) is not Genre.YOUTH_ROMANCE or not _CONFESSION_IDEA.search(idea):
        return scenes
    return [*(each_line(scene, _without_love) for scene in scenes[:-1]), *scenes[-1:]]

"""The story's own vehicle keeps its name in every scene.

Recorded (craft bench, the scooter spoof, 2026-12-02, 21:40): the idea and the logline
are about a delivery rider's "second-hand scooter", and every scene the 1.5B model wrote
had "a strange car parked on the side of the road" that "begins to play karaoke". A reader
no longer knew which machine was haunted. Where the story names one kind of vehicle, a
single other vehicle in a scene ("the car", "a car") is that one; crowds of them ("cars
pass by") and a kind the story names too are left alone.
"""

from __future__ import annotations

import re

from film.quality.mend.arc import each_line
from film.screenplay import Scene

#: Kinds of vehicle, each with its ways of being named (singular forms; plurals are crowds).
_KINDS_EN = {
    "scooter": r"scooter|moped|e-?bike",
    "bicycle": r"bicycle|bike",
    "motorbike": r"motorbike|motorcycle",
    "car": r"car|taxi|cab",
    "bus": r"bus",
    "truck": r"truck|lorry|van",
}
_KINDS_ZH = {
    "电动车": r"电动车|电瓶车|小电驴",
    "自行车": r"自行车|单车",
    "摩托车": r"摩托车|摩托",
    "汽车": r"汽车|轿车|出租车|小汽车",
    "公交车": r"公交车|公共汽车|大巴",
    "卡车": r"卡车|货车|面包车",
}


def _kinds_in(text: str) -> list[tuple[str, str]]:
    """The vehicle kinds ``text`` names, as (kind, the words it was named by)."""
    found = [
        (kind, words)
        for kind, words in _KINDS_EN.items()
        if re.search(rf"\b(?:{words})s?\b", text, re.I)
    ]
    found += [(kind, words) for kind, words in _KINDS_ZH.items() if re.search(words, text)]
    return found


def _one_vehicle(text: str, words: str, own: str) -> str:
    """``text`` with one vehicle named ``words`` called ``own`` instead."""
    if not own.isascii():
        return re.sub(words, own, text)
    own_word = own.split("|")[0]

    def renamed(match: re.Match[str]) -> str:
        return match["det"] + (own_word.capitalize() if match["word"][0].isupper() else own_word)

    pattern = (
        r"(?P<det>\b(?:the|a|an|his|her|their|my|this|that)\s+(?:[\w-]+\s+){0,2}?)"
        rf"(?P<word>{words})\b(?!s)"
    )
    return re.sub(pattern, renamed, text, flags=re.I)


def story_vehicle_kept(scene: Scene, story: str) -> Scene:
    """``scene`` whose one other vehicle is the story's own, when the story names one kind."""
    own = _kinds_in(story)
    if len(own) != 1:
        return scene
    own_kind = own[0][0]
    others = [
        (k, w) for k, w in _kinds_in(" ".join([*scene.action, scene.visual])) if k != own_kind
    ]
    others = [(k, w) for k, w in others if k.isascii() == own_kind.isascii()]
    if not others:
        return scene

    def fix(text: str) -> str:
        for _kind, words in others:
            text = _one_vehicle(text, words, own_kind)
        return text

    return each_line(scene, fix)

"""Someone the idea calls far away is heard on the phone, not standing in the room.

Recorded (offline draft, 2026-12-04): "奶奶第一次学用智能手机，学会视频通话后，每天晚上都给
在外地打工的儿子打电话" drew the son in his suit beside her sofa, and she told him "儿子，你
快点回来。" to his face. The idea puts him in another city and reaches him by a call: in
every scene where someone else is on screen he is a voice, marked so (:data:`ON_THE_PHONE`),
and the shot draws only who is there
(:func:`film.screenplay.heard_off_screen`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from film.language import has_cjk
from film.quality.story.apart import out_of_sight
from film.screenplay import Scene, heard_off_screen, mentions

#: Where the idea puts someone far off: another city, abroad.
_FAR_ZH = r"(?:外地|异地|远方|国外|海外|远在|他乡|外省|城里打工|出国)"
_FAR_EN = (
    r"(?:abroad|overseas|far away|far from home|in another (?:city|country|town)"
    r"|across the (?:country|world|sea|ocean)|miles away|in the city)"
)
#: Calling them: "给……儿子打电话", "视频通话", "calls her son", "video-calls".
_CALL_ZH = re.compile(
    r"给(?P<who>[^，。；！？]{1,16}?)(?:打电话|打视频|视频通话|视频|通话|打个电话|发语音)"
)
_CALL_EN = re.compile(
    r"\b(?:video[- ])?(?:calls?|called|calling|phones?|phoned|facetimes?|rings?)\s+"
    r"(?P<who>(?:his|her|their|the|a|an)\s+[^,.;]{1,60})",
    re.I,
)
#: How a line heard down the line is marked, in the film's language.
ON_THE_PHONE = {"zh": "电话里", "en": "on the phone"}


def called_afar(idea: str, people: Mapping[str, str]) -> list[str]:
    """The bible names (of ``people``, name: role) the idea calls in a far place, or [].

    Only the one called: in "在外地打工的儿子每天给妈妈打电话" the son is the caller, on
    screen, and nobody is taken out of the room.
    """
    zh = has_cjk(idea)
    far: list[str] = []
    for found in (_CALL_ZH if zh else _CALL_EN).finditer(idea):
        who = found["who"]
        if not re.search(_FAR_ZH if zh else _FAR_EN, who, re.I):
            continue
        for name, role in people.items():
            words = [w for w in (name, role) if w.strip()]
            if any(mentions(who.casefold(), w.casefold()) for w in words) and name not in far:
                far.append(name)
    return far


def heard_from_afar(scene: Scene, far: list[str], language: str) -> Scene:
    """``scene`` with ``far`` heard on the phone, where someone else is on screen.

    A scene of theirs alone (the son at his work site) is theirs, and is left as it is.
    """
    away = [name for name in far if name in scene.characters or _speaks(scene, name)]
    there = [name for name in scene.characters if name not in far]
    if not away or not there:
        return scene
    mark = ON_THE_PHONE["zh" if language == "zh" else "en"]
    dialogue = [
        line.model_copy(update={"parenthetical": mark})
        if line.speaker in away and not heard_off_screen(line)
        else line
        for line in scene.dialogue
    ]
    # Nor is he seen there: "儿子坐在沙发对面，看着电视。" (the video call, 2026-12-04).
    return out_of_sight(scene.model_copy(update={"characters": there, "dialogue": dialogue}), away)


def _speaks(scene: Scene, name: str) -> bool:
    return any(line.speaker == name for line in scene.dialogue)


def heard_throughout(scene: Scene) -> Scene:
    """``scene`` with every line of someone heard from elsewhere marked so, not just one.

    A line the film's fitting added later for the son on the phone came with no mark, and
    would have drawn him in the room after all.
    """
    marks = {
        line.speaker: line.parenthetical
        for line in scene.dialogue
        if heard_off_screen(line) and line.speaker not in scene.characters
    }
    if not marks:
        return scene
    dialogue = [
        line.model_copy(update={"parenthetical": marks[line.speaker]})
        if line.speaker in marks and not line.parenthetical
        else line
        for line in scene.dialogue
    ]
    return scene.model_copy(update={"dialogue": dialogue})

"""The vehicle a story rides: the beats and scenes aboard it are set in it.

Both fixes are certain and run before the gate sees the outline or a scene, so neither
costs a retry.
"""

from __future__ import annotations

import re

from agent.drafting.places import LEAVES, goes_elsewhere
from agent.drafting.schemas import BeatDraft
from film.screenplay import Scene

#: What a story is ridden or driven in, and the place a scene aboard it is set: a bus is
#: sat in, a scooter is ridden in the street. Not the place it stops at: "Bus stop".
_NOT_ITS_STOP = r"(?!\s*(?:stops?|stations?|depots?|shelters?|yards?|terminals?)\b)"
_VEHICLES = (
    (re.compile(rf"\bbus(?:es)?\b{_NOT_ITS_STOP}", re.I), "Bus", "INT"),
    (re.compile(rf"\b(?:train|tram|ferry|taxi|cab)\b{_NOT_ITS_STOP}", re.I), "", "INT"),
    (
        re.compile(rf"\b(?:scooter|motorbike|motorcycle|bike|bicycle)\b{_NOT_ITS_STOP}", re.I),
        "City street",
        "EXT",
    ),
    (re.compile(r"(?:公交车?|大巴|巴士)(?![车站台])"), "公交车上", "INT"),
    (re.compile(r"(?:火车|地铁|渡轮|出租车)(?![站台])"), "", "INT"),
    (re.compile(r"(?:电动车|摩托车?|自行车|单车)(?![车站棚])"), "街道", "EXT"),
)
#: A beat "place" that is a way travelled, not a place a camera stands: "Old Route".
_WAY = re.compile(r"\b(?:route|journey|trip|ride|way home|the way)\s*$|路线|线路|旅程|旅途", re.I)
#: A beat in which they ride it: "as he rides his old route", "John is driving home", 骑车.
_RIDING = re.compile(
    r"\b(?:rides?|riding|rode|drives?|driving|drove|route)\b|骑着?|开着?车|坐着?公交|路线|线路",
    re.I,
)
#: Looking out of a window. Outdoors, in a story that rides something, that is aboard it.
_OUT_OF_THE_WINDOW = re.compile(
    r"\b(?:looks?|looking|stares?|staring|gazes?|gazing|peers?|peering)\s+"
    # What is seen may come first: "looking at the city through the window" (the bus, 12-05).
    r"(?:at\s+[^.,;]{1,40}?\s+)?(?:out\s+(?:of\s+)?"
    r"|through\s+)(?:the|a|his|her|their)\s+(?:\w+\s+)?windows?\b|车窗|望向窗外|看着窗外|窗外",
    re.I,
)


#: Getting off what they ride: "steps off the bus", "gets out of the taxi", 下了车, 下车.
_GETS_OFF = re.compile(
    r"\b(?:steps?|gets?|climbs?|hops?|jumps?)\s+(?:off|out of|down from)\b|下了?车|走下",
    re.IGNORECASE,
)


def story_vehicle(story: str) -> tuple[re.Pattern[str], str, str] | None:
    """The vehicle ``story`` names: its pattern, the place aboard it and INT or EXT."""
    for pattern, place, interior in _VEHICLES:
        found = pattern.search(story)
        if found is None:
            continue
        where = place or found[0].capitalize() if story.isascii() else place or f"{found[0]}上"
        return pattern, where, interior
    return None


def vehicle_words(story: str) -> list[str]:
    """The words ``story`` names its vehicles by: "scooter", 电动车."""
    return [found[0] for pattern, _, _ in _VEHICLES if (found := pattern.search(story))]


def aboard(beats: list[BeatDraft], story: str) -> list[BeatDraft]:
    """``beats`` set aboard the story's vehicle where they ride it or only name the way.

    Recorded (craft bench, en-family-bus, 2026-12-01): the retired driver's last ride on
    his old route was headed "INT. OLD ROUTE" three times, and no scene had a bus in it; a
    reader could not find the idea. The next run (2026-12-02) told "he rides his old route"
    in a beat set at his house. A story that rides something sets those beats in it; the
    other beats keep their places. So is a beat set at the vehicle itself: "INT. THE
    HAUNTED SECOND-HAND SCOOTER" (the scooter, 2026-12-04) is a street it is ridden down,
    and a beat outdoors that looks out of a window ("EXT. CITY CENTER: the couple looks out
    the window", the bus, 2026-12-04) is aboard.
    """
    vehicle = story_vehicle(story)
    if vehicle is None:
        return beats
    pattern, where, interior = vehicle
    rides = bool(_RIDING.search(story))

    def is_aboard(beat: BeatDraft) -> bool:
        place = beat.place.strip()
        if _WAY.search(place) or _RIDING.search(beat.summary) or pattern.search(place):
            return True
        return rides and beat.interior == "EXT" and bool(_OUT_OF_THE_WINDOW.search(beat.summary))

    return [
        beat.model_copy(update={"place": where, "interior": interior})
        if is_aboard(beat) and (beat.place, beat.interior) != (where, interior)
        else beat
        for beat in beats
    ]


def scene_aboard(scene: Scene, story: str, summary: str = "") -> Scene:
    """``scene``, headed outdoors while its people look out of a window, set aboard.

    The beat may not say so while the scene does: the bus film's scene at "EXT. BUS STOP"
    had Lily look "out the window for the first time" (craft bench, 2026-12-04). Only in a
    story that rides its vehicle, and only where the vehicle has an inside. A scene aboard
    keeps its people aboard (:func:`stays_aboard`), unless its beat (``summary``) gets
    them off.
    """
    vehicle = story_vehicle(story)
    if vehicle is None or not _RIDING.search(story):
        return scene
    _, where, interior = vehicle
    if interior != "INT":
        return scene
    if scene.interior == "EXT" and any(_OUT_OF_THE_WINDOW.search(line) for line in scene.action):
        scene = scene.model_copy(update={"place": where, "interior": interior})
    if scene.place != where or LEAVES.search(summary) or _GETS_OFF.search(summary):
        return scene
    return stays_aboard(scene, where)


def stays_aboard(scene: Scene, where: str) -> Scene:
    """``scene`` aboard ``where`` without action lines that get off or go into another place.

    Recorded (craft bench, the bus, 2026-12-04): "INT. BUS" opened on "Bob steps off the
    bus, his old route in sight.", and another bus scene had "Lily steps into her
    grandfather's house for the last time". The scene keeps at least one action line.
    """
    key = where.split()[-1].casefold() if where.isascii() else where.removesuffix("上")
    kept = [
        line
        for line in scene.action
        if not (LEAVES.search(line) or _GETS_OFF.search(line) or goes_elsewhere(line, key))
    ]
    if not kept or kept == scene.action:
        return scene
    return scene.model_copy(update={"action": kept})

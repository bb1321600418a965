"""Where the outline's beats happen: the story's own places, and a room it is shut in.

Both fixes are certain and run before the gate sees the outline, so neither costs a retry.
"""

from __future__ import annotations

import re

from agent.drafting.schemas import BeatDraft
from agent.prompt_texts import EXAMPLE_PLACES


def own_places(beats: list[BeatDraft], story: str) -> list[BeatDraft]:
    """``beats`` with the outline example's place given up for a neighbouring beat's place.

    A story that names the example's place (a film set at a hospital) keeps it.
    """
    copied = {place for place, word in EXAMPLE_PLACES.items() if word not in story.casefold()}
    own = [beat for beat in beats if beat.place.strip().casefold() not in copied]
    if len(own) == len(beats) or not own:
        return beats
    fitted = []
    for index, beat in enumerate(beats):
        if beat.place.strip().casefold() in copied:
            before = [b for b in beats[:index] if b.place.strip().casefold() not in copied]
            near = before[-1] if before else own[0]
            beat = beat.model_copy(update={"place": near.place, "interior": near.interior})
        fitted.append(beat)
    return fitted


#: "stuck in a school lift", "trapped inside the old cinema", 困在电梯里.
_STUCK_EN = re.compile(
    r"\b(?:stuck|trapped|locked|shut)\s+in(?:side)?\s+(?:an?|the|their|his|her)\s+"
    r"(?P<place>[a-z][a-z -]{1,30}?)(?=\s+(?:the|on|at|during|before|after|for|with|and|"
    r"until|when|while|overnight|all)\b|[,.;]|$)",
    re.IGNORECASE,
)
_STUCK_ZH = re.compile(r"(?:被困在|困在|关在|锁在|卡在)(?P<place>[^，。,.\s]{1,8}?)(?:里|中|内)")
#: A beat in which the shut-in people get out; the story may go elsewhere after it.
_RELEASE = re.compile(
    r"\b(?:doors? (?:opens?|slides? open)|gets? out|got out|out of the|rescued|freed|"
    r"released|steps? out|walks? out|climbs? out)\b|出来|门开|获救|走出|逃出",
    re.IGNORECASE,
)


def confined_place(story: str) -> str:
    """The place ``story`` shuts its people in ("school lift", 电梯), or ""."""
    match = _STUCK_EN.search(story) or _STUCK_ZH.search(story)
    return match.group("place").strip() if match else ""


def kept_confined(beats: list[BeatDraft], story: str) -> list[BeatDraft]:
    """``beats`` kept in the place the story shuts its people in, until they get out.

    Recorded (craft bench, *The Rival Debates*): two debate captains "stuck in a school
    lift the night before the final" walked into a classroom in scene 2, and the film lost
    its whole premise. Every beat up to the one where someone gets out (_RELEASE) happens
    where the first beat set there does, or else in the story's own words for it.
    """
    room = confined_place(story)
    if not room or not beats:
        return beats
    key = room.split()[-1].casefold() if room.isascii() else room
    inside = next((b for b in beats if key in b.place.casefold()), None)
    place = inside.place if inside else (room[0].upper() + room[1:] if room.isascii() else room)
    kept: list[BeatDraft] = []
    released = False
    for beat in beats:
        if not released and key not in beat.place.casefold():
            beat = beat.model_copy(update={"place": place, "interior": "INT"})
        released = released or bool(_RELEASE.search(beat.summary))
        kept.append(beat)
    return kept

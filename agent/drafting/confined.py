"""The room a story shuts its people in, and the outline kept there until they get out.

Split from :mod:`agent.drafting.places`, which keeps each scene inside the room.
"""

from __future__ import annotations

import re

from agent.drafting.schemas import BeatDraft
from film.screenplay import Scene

#: "stuck in a school lift", "trapped inside the old cinema", 困在电梯里.
_STUCK_EN = re.compile(
    r"\b(?:stuck|trapped|locked|shut)\s+in(?:side)?\s+(?:an?|the|their|his|her)\s+"
    r"(?P<place>[a-z][a-z -]{1,30}?)(?=\s+(?:the|on|at|during|before|after|for|with|and|"
    r"until|when|while|overnight|all)\b|[,.;]|$)",
    re.IGNORECASE,
)
#: A whole night kept at one place: the lighthouse keeper "spends his last night at the
#: lamp", and scene 3 of 3 walked him into the village (craft bench, 2026-12-04 21:30).
_NIGHT_AT = re.compile(
    r"\bspends? (?:his|her|their|a|the) (?:last |whole |first )?night (?:at|in|on) "
    r"(?:the|an?|his|her|their) (?P<place>[a-z]+(?: [a-z]+)?)\b",
    re.I,
)
_STUCK_ZH = re.compile(r"(?:被困在|困在|关在|锁在|卡在)(?P<place>[^，。,.\s]{1,8}?)(?:里|中|内)")
#: A beat in which the shut-in people get out; the story may go elsewhere after it.
RELEASE = re.compile(
    r"\b(?:doors? (?:opens?|slides? open)|gets? out|got out|out of the|rescued|freed|"
    r"released|steps? out|walks? out|climbs? out)\b|出来|门开|获救|走出|逃出",
    re.IGNORECASE,
)


def confined_place(story: str) -> str:
    """The place ``story`` shuts its people in ("school lift", 电梯), or ""."""
    match = _STUCK_EN.search(story) or _STUCK_ZH.search(story) or _NIGHT_AT.search(story)
    return match.group("place").strip() if match else ""


def kept_confined(beats: list[BeatDraft], story: str) -> list[BeatDraft]:
    """``beats`` kept in the place the story shuts its people in, until they get out.

    Recorded (craft bench, *The Rival Debates*): two debate captains "stuck in a school
    lift the night before the final" walked into a classroom in scene 2, and the film lost
    its whole premise. Every beat up to the one where someone gets out (RELEASE) happens
    where the first beat set there does, or else in the story's own words for it.
    """
    room = confined_place(story)
    if not room or not beats:
        return beats
    key = room.split()[-1].casefold() if room.isascii() else room
    inside = next((b for b in beats if key in b.place.casefold()), None)
    if inside is None and _NIGHT_AT.search(story):  # the lamp is in the first beat's place
        inside, key = beats[0], beats[0].place.casefold()
    place = inside.place if inside else (room[0].upper() + room[1:] if room.isascii() else room)
    kept: list[BeatDraft] = []
    released = False
    for beat in beats:
        if not released and key not in beat.place.casefold():
            beat = beat.model_copy(update={"place": place, "interior": "INT"})
        released = released or bool(RELEASE.search(beat.summary))
        kept.append(beat)
    return kept


#: A parting for later: "See you then.", "明天见！". People shut in together, or one who
#: leaves tomorrow, do not part till later (second reader, 2026-12-05: "See you then." from
#: the two captains stuck in the lift; "那我们明天见吧！" from the grandson who leaves).
_SEE_YOU = re.compile(
    r"[^.!?。！？]*\b(?:see you|catch you) (?:then|tomorrow|later|soon|next time)\b[^.!?]*[.!?]*"
    r"|[^。！？]*(?:明天见|回头见|改天见|下次见)[^。！？]*[。！？]*",
    re.I,
)
_LEAVES_TOMORROW = re.compile(
    r"明天就要|明早就要|\bleaves? (?:for [\w ]+ )?tomorrow\b|\bleaving (?:for [\w ]+ )?tomorrow\b"
)


def no_parting_for_later(scene: Scene, story: str) -> Scene:
    """``scene`` without a "see you later" where the idea keeps its people from one."""
    if not (confined_place(story) or _LEAVES_TOMORROW.search(story)):
        return scene
    dialogue = []
    for line in scene.dialogue:
        text = _SEE_YOU.sub("", line.text).strip()
        if text == line.text.strip():
            dialogue.append(line)
        elif re.search(r"\w", text):
            dialogue.append(line.model_copy(update={"text": text}))
    if dialogue == scene.dialogue or not dialogue:
        return scene
    return scene.model_copy(update={"dialogue": dialogue})

"""Where the outline's beats happen: the story's own places, and a room it is shut in.

The vehicle a story rides is :mod:`agent.drafting.vehicles`.

Both fixes are certain and run before the gate sees the outline, so neither costs a retry.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from agent.drafting.confined import RELEASE, confined_place
from agent.drafting.schemas import BeatDraft
from agent.drafting.tidy import story_time
from agent.prompts.texts import EXAMPLE_PLACES
from film.quality.names import place_problem
from film.screenplay import Scene
from film.setting import HOME_ROOM, IN_HOME_ROOM


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


#: A person leaving wherever they are: "steps out", "walks off", 走出, 离开. "Suddenly, the
#: door opens and both students jump out" ended the stuck lift in scene 1 of 3 (2026-12-01).
LEAVES = re.compile(
    r"\b(?:steps?|walks?|gets?|climbs?|runs?|heads?|storms?|jump(?:s|ed)?|hop(?:s|ped)?|"
    r"rush(?:es|ed)?|burst(?:s)?)\s+(?:out|off|away)\b|走出|离开|走了出去|跳了?出",
    re.IGNORECASE,
)


#: Going into a place: "walk into the classroom", "enter the hall", 走进教室, 来到操场.
_GOES_INTO = re.compile(
    r"\b(?:walks?|steps?|goes|go|heads?|runs?|moves?|hurr(?:y|ies))\s+(?:into|in to|to|towards?)"
    r"\s+(?:the|a|an|their|his|her)\s+(?P<en>[a-z]+(?:\s+[a-z]+)?)|\benters?\s+(?:the|a|an)\s+"
    r"(?P<en2>[a-z]+(?:\s+[a-z]+)?)|(?:走进|来到|回到|进入|走到)了?(?P<zh>(?!了)[\u4e00-\u9fff]{1,6})",
    re.IGNORECASE,
)


def goes_elsewhere(line: str, key: str) -> bool:
    """Whether ``line`` takes its people into a place that is not the room ``key``."""
    match = _GOES_INTO.search(line)
    if not match:
        return False
    target = (match.group("en") or match.group("en2") or match.group("zh") or "").casefold()
    return key not in target


#: Rooms a line may move a shut-in scene to by naming them: "practice their speeches in the
#: classroom" (scene 3 of *The Rival Debates*, 2026-12-01, headed SCHOOL LIFT).
_ROOMS_EN = (
    "classroom|hall|gym|library|kitchen|office|corridor|hallway|cafeteria|auditorium|canteen|"
    "playground"
)
_ROOMS_ZH = "教室|礼堂|办公室|走廊|食堂|操场|图书馆|厨房"
_OTHER_ROOM = re.compile(
    rf"\b(?P<prep>in|into|inside|at) the (?:school )?(?:{_ROOMS_EN}|stage)\b"
    rf"|在(?:{_ROOMS_ZH})(?:里|中)?",
    re.IGNORECASE,
)


def _in_the_room(line: str, room: str) -> str:
    """``line`` with another room it names put back in the room the story shuts them in."""

    def back(match: re.Match[str]) -> str:
        if match.group("prep"):
            return f"{match.group('prep')} the {room}"
        return f"在{room}里"

    return _OTHER_ROOM.sub(back, line)


#: A lift has no furniture: *The Rival Debates* had Jack "lean forward on his desk" in the
#: stuck school lift, and its visual note "students sitting on desks" (2026-12-01).
_LIFT = re.compile(r"\b(?:lift|elevator)\b|电梯", re.IGNORECASE)
#: Coming into a room, and a beat in which they are shut in (so may come in first).
_COMES_IN = re.compile(r"\b(?:enter|step into|walk into|get into|go into)\w*|走进|进入|进了", re.I)
_SHUT_IN = re.compile(r"\b(?:stuck|trapped|locked|shut)\b|被困|困在|卡住|关在", re.I)
_FURNITURE = r"desks?|chairs?|tables?|blackboards?|sofas?|beds?|课桌|桌子|书桌|椅子|黑板|沙发|床"
_FURNITURE += r"|bookshel(?:f|ves)|书架|书柜"  # "They meet in front of a large bookshelf" (12-04)
_ON_FURNITURE = re.compile(
    rf"\s*\b(?:on|at|behind|over|against)\s+(?:his|her|their|the|a)\s+(?:{_FURNITURE})\b"
    rf"|(?:在|趴在|靠在|坐在)(?:{_FURNITURE})(?:上|前|旁|边)",
    re.IGNORECASE,
)
_FURNITURE_WORD = re.compile(rf"\b(?:{_FURNITURE})\b|(?:{_FURNITURE})", re.IGNORECASE)
_ROOM_WORD = re.compile(rf"\b(?:{_ROOMS_EN})s?\b|{_ROOMS_ZH}", re.IGNORECASE)
_VISUAL_CLAUSE = re.compile(r"[^,，;；.。]+[,，;；.。]?")


def _visual_keeping(visual: str, keep: Callable[[str], bool]) -> str:
    """``visual`` with only the clauses ``keep`` accepts, ended and capitalised.

    A note left shorter than a phrase is no note: a stop alone tells nothing. Never the
    place instead: "Visual: School lift." said the heading again, and a second reader
    marked it (the lift, 2026-12-04); the renderer frames an empty note by the heading.
    """
    kept = [clause for clause in _VISUAL_CLAUSE.findall(visual) if keep(clause)]
    text = "".join(kept).strip(" ,，;；")
    if text and text[-1] not in ".。":
        text += "。" if not text.isascii() else "."
    text = text[:1].upper() + text[1:]
    return text if len(text) >= 8 else ""


def _visual_inside(visual: str, room: str) -> str:
    """``visual`` without the clauses that leave the room, or furnish a lift."""
    lift = bool(_LIFT.search(room))
    return _visual_keeping(
        _in_the_room(visual, room),
        lambda clause: (
            not (LEAVES.search(clause) or RELEASE.search(clause) or _ROOM_WORD.search(clause))
            and not (lift and (_FURNITURE_WORD.search(clause) or _NOT_IN_A_LIFT.search(clause)))
        ),
    )


#: Words of someone about to walk off, which people shut in cannot say: "I'll be right back.",
#: "Okay, let's go now.", "we can practice together tomorrow" (the stuck lift, 12-04), 我先走了.
_OFF_WE_GO = re.compile(
    r"\b(?:I'?ll be (?:right )?back|I'?ll be there(?: soon| in a (?:minute|moment|sec))?"
    r"|be right back|let'?s go(?: now| home| out)?|let'?s get out"
    r"|I (?:have|need|got) to go|I'?m (?:leaving|off|going home)|see you (?:later|tomorrow)"
    r"|let'?s hurry|(?:we|I) (?:can|could|will|'ll) [^.?!]{0,30}\b(?:tomorrow|later)\b)\b"
    r"|我先走了?|我马上回来|我去去就回|我们走吧|走吧|我得走了|我要走了|回头见|明天见",
    re.IGNORECASE,
)
#: What no stuck lift has: a window to see the sky from ("Ben points to a window where they
#: can see the sky outside", 2026-12-04), rain, a bookshelf ("They meet in front of a large
#: bookshelf", 12-04).
_NOT_IN_A_LIFT = re.compile(
    r"\bwindows?\b|窗户?|窗外|\brain(?:s|ing|drops?)?\b|下雨|雨水|\bbookshel(?:f|ves)\b|书架|书柜"
    # Nor does a stuck lift move or come: "the lift moves upwards", "They wait for the
    # elevator to come" (the lift, craft bench, 2026-12-04).
    r"|\b(?:lift|elevator)\b[^.!?]{0,30}\b(?:moves?|moving|goes (?:up|down)|rises|descends"
    r"|starts? (?:to move|moving))\b|\bwait\w* for the (?:lift|elevator)\b"
    r"|电梯[^。！？]{0,10}(?:动了|上升|下降|启动|开动)|等电梯",
    re.I,
)
_SENTENCE = re.compile(r"[^.!?。！？]+[.!?。！？]*\s*")


def _stays_said(text: str, lift: bool) -> str:
    """``text`` without the sentences that walk off, or see out of, a room they are shut in."""
    return "".join(
        sentence
        for sentence in _SENTENCE.findall(text)
        if not (_OFF_WE_GO.search(sentence) or (lift and _NOT_IN_A_LIFT.search(sentence)))
    ).strip()


def stays_inside(scene: Scene, summary: str, story: str) -> Scene:
    """``scene`` without action lines that walk its people out of the room they are shut in.

    Recorded (craft bench, *The Rival Debates*): the heading kept scene 2 in the stuck
    lift, and its action had Jack "step out of the lift". Until the beat in which they get
    out (``summary`` tells it), a line that takes them out goes; a scene keeps at least
    one action line. A line or visual note that names another room ("in the classroom")
    is put back in the room, and a visual note in which they get out loses it. Nobody says
    they are off ("I'll be right back"), and a lift has no window and no rain.
    """
    room = confined_place(story)
    if not room or RELEASE.search(summary):
        return scene
    key = room.split()[-1].casefold() if room.isascii() else room
    if key not in scene.place.casefold():
        return scene
    lift = bool(_LIFT.search(room))
    # Shut in since the film began, they do not come in again: "Alex and Taylor enter the
    # school lift." opened scene 2 (the lift, craft bench, 2026-12-04).
    again = not _SHUT_IN.search(summary)
    kept = [
        _ON_FURNITURE.sub("", _in_the_room(line, room)) if lift else _in_the_room(line, room)
        for line in scene.action
        if not (
            (again and _COMES_IN.search(line) and key in line.casefold())
            or LEAVES.search(line)
            or (RELEASE.search(line) and key in line.casefold())
            or goes_elsewhere(line, key)
            or (lift and _NOT_IN_A_LIFT.search(line))
        )
    ]
    said = [
        line.model_copy(update={"text": text})
        for line in scene.dialogue
        if (text := _stays_said(line.text, lift))
    ]
    visual = _visual_inside(scene.visual, room)
    kept, said = kept or scene.action, said or scene.dialogue
    if kept == scene.action and said == scene.dialogue and visual == scene.visual:
        return scene
    return scene.model_copy(update={"action": kept, "dialogue": said, "visual": visual})


#: The rooms of a home. A scene headed in one tells its action there: 饺子里的叮嘱's kitchen
#: scene had "李奶奶和孙子在客厅里准备……" and its living-room scene "李奶奶在厨房里忙碌地包
#: 饺子" (2026-12-01), so a reader could not tell where anyone was.
def in_its_room(scene: Scene) -> Scene:
    """``scene``, headed in a room of a home, with its lines and visual note in that room.

    Only a person put in another room of the home by a preposition ("in the living room",
    在客厅) is moved back; the visual note, which the picture is drawn from, says the room
    wherever it names another. A visual sentence that then says the same twice is said once.
    """
    own = HOME_ROOM.search(scene.place)
    if own is None:
        return scene
    room = own.group(0)
    room_key = room.casefold()

    def back(match: re.Match[str]) -> str:
        other = (match.group("en") or match.group("zh") or "").casefold()
        if other == room_key:
            return match.group(0)
        if match.group("prep"):
            return f"{match.group('prep')} the {room.lower()}"
        return f"{match.group('zh_prep')}{room}" if not room.isascii() else match.group(0)

    action = [IN_HOME_ROOM.sub(back, line) for line in scene.action]

    def said_as_room(match: re.Match[str]) -> str:
        word = match.group(0)
        if word.isascii() != room.isascii() or word.casefold() == room_key:
            return word
        return room.capitalize() if word[:1].isupper() else room.lower()

    visual = HOME_ROOM.sub(said_as_room, scene.visual)
    said: list[str] = []
    for sentence in _VISUAL_SENTENCE.findall(visual):
        if sentence.strip() and sentence.strip() not in (s.strip() for s in said):
            said.append(sentence)
    visual = "".join(said).strip()
    if action == scene.action and visual == scene.visual:
        return scene
    return scene.model_copy(update={"action": action, "visual": visual})


_VISUAL_SENTENCE = re.compile(r"[^.。!！?？]+[.。!！?？]*\s*")


def without_example_place(scene: Scene, story: str) -> Scene:
    """``scene``'s visual note without the clauses set at the worked example's place.

    Recorded (The Last Bus Home, 2026-12-01): a bus-stop scene's note began "Cold blue of
    the hospital, soft white light from windows"; the outline's example is a nurse at a
    hospital entrance, and the bus film has no hospital. A story that names the place
    keeps it; a note with nothing left is the scene's place.
    """
    copied = [word for word in EXAMPLE_PLACES.values() if word not in story.casefold()]
    if not copied or not any(word in scene.visual.casefold() for word in copied):
        return scene
    visual = _visual_keeping(
        scene.visual,
        lambda clause: not any(word in clause.casefold() for word in copied),
    )
    return scene.model_copy(update={"visual": visual})


def places_not_times(beats: list[BeatDraft]) -> list[BeatDraft]:
    """``beats`` whose "place" is a time of day at a neighbour's place, at that time.

    Recorded (craft bench, the lighthouse, 2026-12-02, 17:22): beats "placed" at "Dusk" and
    "Dawn" were refused three times over, and the film with them. The time goes to the
    heading (DUSK), the place is the beat's before it, or else after it; with no real place
    anywhere the gate still asks.
    """
    timed = [place_problem(b.place)[0] == "names.place-is-time" for b in beats]
    real = [b for b, t in zip(beats, timed, strict=True) if not t]
    if not any(timed) or not real:
        return beats
    fitted: list[BeatDraft] = []
    for beat, is_time in zip(beats, timed, strict=True):
        if is_time:
            near = next((b for b in reversed(fitted) if b in real), real[0])
            when = story_time(beat.place) or beat.time_of_day
            beat = beat.model_copy(
                update={"place": near.place, "interior": near.interior, "time_of_day": when}
            )
            real.append(beat)
        fitted.append(beat)
    return fitted

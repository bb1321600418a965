"""Where the beats happen, in the story's order: whoever arrives somewhere is there.

Recorded (craft bench, the ginger soup, 2026-12-04): "外卖小哥在暴雨夜把最后一单送到独居老人
家" and then "老人留他喝了一碗姜汤" were both headed "INT. 城市中的一家外卖店", so the old man
stood in the takeaway shop and drank the soup he was to give. A beat that takes someone to
a place the idea names (送到独居老人家, "delivers the cake to her neighbour's flat") is set
there, and so is the beat after it that the model left at the old place without naming
it. Certain fixes, made with the outline's others (:func:`story_places`).
"""

from __future__ import annotations

import re

from agent.drafting.confined import kept_confined
from agent.drafting.places import own_places
from agent.drafting.schemas import BeatDraft
from agent.drafting.vehicles import aboard
from film.setting import interior_for, place_told

#: Going to a place: 送到独居老人家, 回到家, "arrives at the bakery".
_ARRIVES_ZH = re.compile(
    r"(?:(?:送到|送去|来到|回到|走进|赶到|到达|抵达|走到)了?|进了)(?:[一这那某][家间所座个栋])?"
    # Never the measure word alone: "考进了一家游戏公司" was headed "INT. 一家" (craft
    # bench, the night market, 2026-12-04 20:45).
    r"(?P<place>(?!了|[一这那某][家间所座个栋])[\u4e00-\u9fff]{1,8}?(?:家|店|站|院|馆|室|楼|小区|医院|学校|公司|宿舍|门口))"
)
_ARRIVES_EN = re.compile(
    r"\b(?:arrives? at|gets? to|reaches|walks? into|returns? to|comes? (?:back )?to"
    r"|delivers?\b[^,.;]{0,40}?\bto)\s+(?:the |a |an |his |her |their )?"
    r"(?P<place>(?:[\w'’-]+ ){0,3}?(?:house|home|flat|apartment|shop|station|hospital|"
    r"school|bakery|office|room|cottage))\b",
    re.I,
)


def destination(summary: str, story: str) -> str:
    """The place of the story ``summary`` takes someone to, or ""."""
    found = (_ARRIVES_EN if summary.isascii() else _ARRIVES_ZH).search(summary)
    if found is None or found["place"].casefold() not in story.casefold():
        return ""
    place = found["place"]
    return place[:1].upper() + place[1:] if place.isascii() else place


def _same(one: str, other: str) -> bool:
    a, b = one.strip().casefold(), other.strip().casefold()
    return bool(a and b) and (a in b or b in a)


def arrived(beats: list[BeatDraft], story: str) -> list[BeatDraft]:
    """``beats`` set where they take their people, and the next beat left behind with them."""
    fitted = list(beats)
    for index, beat in enumerate(beats):
        there = destination(beat.summary, story)
        if not there or _same(beat.place, there):
            continue
        inside = interior_for(there, "INT")
        fitted[index] = beat.model_copy(update={"place": there, "interior": inside})
        if index + 1 < len(beats):
            after = beats[index + 1]
            stayed = _same(after.place, beat.place) and not place_told(after.summary)
            if stayed and beat.place.casefold() not in after.summary.casefold():
                fitted[index + 1] = after.model_copy(update={"place": there, "interior": inside})
    return fitted


#: Where the idea says someone is about to go: "孙子明天就要去外地上大学", "leaves for
#: college tomorrow". The film is the time before it.
_LEAVING_ZH = re.compile(
    r"(?:明天|明早|即将|马上|快要|就要)(?:就要|就|要)?(?:去|到|离开家去|动身去)(?P<where>[\u4e00-\u9fff]{2,8})"
)
_LEAVING_EN = re.compile(
    r"\b(?:leaves?|leaving|moves?|moving|goes|going|heads?|heading) (?:off )?(?:for|to) "
    r"(?:the |a |an |his |her |their )?(?P<where>[a-z]+(?: [a-z]+)?) (?:tomorrow|next week|"
    r"in the morning|at dawn)\b|\babout to (?:leave|move|go|head) (?:for|to) (?:the |a |an |"
    r"his |her |their )?(?P<about>[a-z]+(?: [a-z]+)?)\b",
    re.I,
)
#: The place words in where they go: 外地上大学 is 外地 and 大学.
_AWAY_ZH = re.compile(r"外地|大学|学校|城里|国外|部队|宿舍|北京|上海|南方|北方|大城市")


def _away_words(story: str) -> list[str]:
    """The words of the place the story says someone is about to go to."""
    if found := _LEAVING_ZH.search(story):
        return _AWAY_ZH.findall(found["where"])
    if found := _LEAVING_EN.search(story):
        return [(found["where"] or found["about"]).split()[-1].casefold()]
    return []


def not_gone_yet(beats: list[BeatDraft], story: str) -> list[BeatDraft]:
    """``beats`` before the last kept out of where the idea says someone will go.

    Recorded (craft bench, the dumplings, 2026-12-05): "孙子明天就要去外地上大学" had its beat
    2 of 3 at "外地上大学的学生宿舍", the grandmother sitting there the day before he left.
    Such a beat stands where the beat before it is (after it, for the first). The last
    beat may go there: the grandson opening his dumplings in the dormitory is an ending.
    """
    words = _away_words(story)
    if not words or len(beats) < 2:
        return beats

    def away(beat: BeatDraft) -> bool:
        return any(word in beat.place.casefold() for word in words)

    home = [beat for beat in beats[:-1] if not away(beat)]
    if not home or len(home) == len(beats) - 1:
        return beats
    fitted: list[BeatDraft] = []
    for index, beat in enumerate(beats):
        if index < len(beats) - 1 and away(beat):
            near = next((b for b in reversed(fitted) if not away(b)), home[0])
            beat = beat.model_copy(update={"place": near.place, "interior": near.interior})
        fitted.append(beat)
    return fitted


def story_places(beats: list[BeatDraft], story: str) -> list[BeatDraft]:
    """Every place fix of the outline, in order.

    The example's place given up, a room the story is shut in, the vehicle it rides,
    where someone arrives, and nowhere they have not gone yet.
    """
    placed = arrived(aboard(kept_confined(own_places(beats, story), story), story), story)
    return not_gone_yet(placed, story)

"""The outline's beats: their exact fixes, made before the gate reads them.

Each fix is certain, so it costs no retry: at most the planned count, the cast from the
bible only, places cleaned, the story's time of day, the idea's turn at its own beat, no
clause that borrows the worked example's red umbrella, nobody the idea puts away. A beat
that retells another is dropped while enough remain; below that it is written anew.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from agent.drafting.arrivals import story_places
from agent.drafting.places import places_not_times
from agent.drafting.schemas import SUMMARY_CHARS, BeatDraft
from agent.drafting.tidy import (
    follow_story_time,
    person_key,
    same_person,
    strip_role_label,
)
from agent.drafting.vehicles import aboard
from agent.intake.intent import without_requests
from agent.prompts.texts import EXAMPLE_NAMES, EXAMPLE_THING
from film.language import chinese_words_for_english, has_cjk
from film.places import clean_place, time_in_place
from film.quality import repeated_indices
from film.quality.copying import without_thing
from film.quality.debris import PLAN_ECHO
from film.quality.mend import clean_edges, cut_loop, in_arc_order, whole_clauses
from film.quality.mend.steps import in_step_order, named_in, tells_step
from film.quality.story.arc import idea_arc
from film.quality.story.goal import as_done, goal_reached, idea_goal
from film.quality.story.roles import away_cast, beat_cast, named_by_role, their_door
from film.quality.text import AFTER_A_SENTENCE
from film.setting import interior_for, place_told, time_at

#: The fewest beats a micro film can tell its story in: a hook, a turn and an ending.
MIN_DISTINCT_BEATS = 3

_ZH_SENTENCE = re.compile(r"[^。！？]+[。！？]*")
_EN_BREAK = re.compile(rf"{AFTER_A_SENTENCE}\s+(?=[A-Z\"“])")
#: Sentences a beat's summary keeps: the task asks for one, and the 1.5B model sometimes
#: wrote the guard spoof's beats as a run of dialogue ("保安大爷：喂，橘猫。橘猫：喵喵喵。
#: 保安大爷：…") until the 200-character bound, which looped and refused the outline.
SUMMARY_SENTENCES = 2


def _first_sentences(summary: str) -> str:
    """The summary's first sentences, any looping phrase cut (see :data:`SUMMARY_SENTENCES`)."""
    text = " ".join(summary.split())
    # A sentence said twice in a row is said once: "林夏和许言终于决定要写真心话，他们拿出最后的
    # 纸条，准备写。" came back doubled as a whole summary (2026-12-01).
    if has_cjk(text):
        sentences = list(dict.fromkeys(m.group(0).strip() for m in _ZH_SENTENCE.finditer(text)))
        return cut_loop("".join(sentences[:SUMMARY_SENTENCES]) or text)
    sentences = list(dict.fromkeys(_EN_BREAK.split(text)))
    return cut_loop(" ".join(sentences[:SUMMARY_SENTENCES]))


#: A line of speech inside a beat's summary: "保安大爷惊讶道：‘这真是个有趣的故事！’" (the
#: guard, 2026-12-03). An outline says what happens; the scene writes what is said, and
#: took the summary's words for its own.
_SPOKEN = re.compile(
    r"[^，。！？]*?(?:说|道|问|喊|答|叫|嚷)[：:]\s*[‘“'\"][^’”'\"]*[’”'\"][。！？]?"
    # English only where the quote ends its sentence: "Mia tells Tom "I am leaving" and Tom
    # cries." keeps its sentence (a review, 2026-12-03).
    r"|[^.!?]*?\b(?:says|said|asks|asked|shouts|replies|replied|answers|answered|whispers"
    r"|tells \w+)[,:]?\s*[\"“'][^\"”]*[\"”'][.!?]?"
    r"(?=\s+[A-Z]|\s*$)"
)


def _unspoken(summary: str) -> str:
    """``summary`` without the speech written into it; "" when speech was all it had.

    A beat of nothing but speech, "橘猫回答：‘谢谢你，’" (the guard's last beat, 2026-12-03),
    named the cat, so it passed for the turn it never told, and the film ended on a thank
    you. Emptied, it is told again by the arc and step mends (:func:`in_idea_order`).
    """
    kept = _SPOKEN.sub("", summary).strip(" ，,")
    if len(kept) >= 4:
        return kept
    return "" if _SPOKEN.search(summary) else summary


def _who_is_where(name: str, place: str, interior: str, language: str) -> str:
    """A beat's bare whereabouts, for a summary that had only speech (:func:`_unspoken`)."""
    if language == "zh":
        return f"{name}在{place}。"
    return f"{name} is {'in' if interior == 'INT' else 'at'} the {place.lower()}."


def _own_things(beat: BeatDraft, story: str) -> str:
    """The beat's summary without the worked example's red umbrella, if that leaves any."""
    return without_thing(beat.summary, EXAMPLE_THING, story) or beat.summary


def fit_beats(
    beats: list[BeatDraft],
    count: int,
    cast: list[str],
    language: str = "en",
    story: str = "",
    *,
    drop_repeats: bool = True,
    lead: str = "",
) -> list[BeatDraft]:
    """The outline's exact fixes: at most ``count`` beats, cast from the bible only.

    A beat that repeats an earlier one is dropped while enough remain (see
    :data:`MIN_DISTINCT_BEATS`; the scenes then share the film's length: in the craft
    bench the model kept writing "小明开始学习Python" and "小明开始学习C++" as two beats
    through every retry). The idea's ``lead`` (a bible name) is in every beat, first:
    recorded (The Enigmatic Letter, 2026-12-01), the young swordswoman who carries the
    letter was in no scene, and the film was her father and the general talking. A beat
    with nobody from the bible gets the first of the cast; every place is
    cleaned (:func:`clean_place`); the headings follow the time the story names
    (:func:`agent.drafting.tidy.follow_story_time`). With ``drop_repeats`` false every
    beat stays where the model put it, so :func:`fill_thin_outline` can rewrite the repeats
    in their own places.
    """
    beats = story_places(places_not_times(beats[:count]), story)
    repeats = set(repeated_indices([beat.summary for beat in beats]))
    if drop_repeats and len(beats) - len(repeats) >= min(MIN_DISTINCT_BEATS, count):
        beats = [beat for n, beat in enumerate(beats) if n not in repeats]
    known = same_person(cast)
    times = follow_story_time(
        [beat.time_of_day for beat in beats], story, [beat.summary for beat in beats]
    )
    fitted: list[BeatDraft] = []
    for beat, time_of_day in zip(beats, times, strict=True):
        keys = [person_key(n.strip()) for n in beat.characters]
        names = [known[key] for key in keys if key in known]
        if lead in cast:
            names = [lead, *(n for n in names if n != lead)]
        if not names and cast:
            names = [cast[0]]
        summary = whole_clauses(
            clean_edges(
                strip_role_label(
                    _first_sentences(_unspoken(PLAN_ECHO.sub("", _own_things(beat, story))))
                )
            )
        )
        if language == "zh":
            # "他看到 grandma在厨房里包饺子" refused the dumplings' outline three times over
            # (craft bench, 2026-12-02): an everyday English word, said in Chinese.
            summary = chinese_words_for_english(summary)
        # Outdoors is read off the place as cleaned too: "The sea at night" was INT. THE SEA.
        place = clean_place(beat.place, cast, language)
        if time_of_day == "DAY":
            # "Park at night" is the park at NIGHT; a story time outranks it ("The beach at
            # dawn" under the keeper's last NIGHT read as a heading at war with itself).
            time_of_day = time_in_place(beat.place) or time_of_day
        if not summary:  # speech was all it had
            summary = (
                _who_is_where(names[0], place, beat.interior, language) if names else beat.summary
            )
        fitted.append(
            beat.model_copy(
                update={
                    "characters": list(dict.fromkeys(names))[:4],
                    "time_of_day": time_at(place, time_of_day),
                    "place": place,
                    "interior": interior_for(place, interior_for(beat.place, beat.interior)),
                    "summary": _as_lead(summary, lead, cast),
                }
            )
        )
    return _one_spelling(fitted)


def _one_spelling(beats: list[BeatDraft]) -> list[BeatDraft]:
    """``beats`` with a place spelled as it was first: "COACHES OFFICE" is "COACH'S OFFICE".

    Recorded (craft bench, en-struggle-drummer, 2026-12-02): two headings of one office, a
    reader took them for two rooms.
    """
    first: dict[str, str] = {}
    spelled = []
    for beat in beats:
        key = re.sub(r"(?:['’]s|es|s)\b|[^\w\u4e00-\u9fff]", "", beat.place.casefold())
        place = first.setdefault(key, beat.place)
        spelled.append(beat if place == beat.place else beat.model_copy(update={"place": place}))
    return spelled


def _as_lead(summary: str, lead: str, cast: list[str]) -> str:
    """``summary`` with the worked example's person (Nora) named as the idea's ``lead``.

    Recorded (The Enigmatic Letter, 2026-12-01): the beats called the swordswoman "Nora",
    the example's name, and the visual note drawn from them "Nora explains…". With no
    bible person of that name, she is the lead the beat left unnamed.
    """
    if not lead:
        return summary
    for name in EXAMPLE_NAMES - {n.casefold() for n in cast}:
        summary = re.sub(rf"(?<![A-Za-z]){re.escape(name)}(?![A-Za-z])", lead, summary, flags=re.I)
    return summary


def _made_step(
    beat: BeatDraft, step: str, before: list[BeatDraft], roles: Mapping[str, str]
) -> BeatDraft:
    """``beat`` made of the idea's ``step``: cast whom it names, placed where it says.

    The place the model gave its own summary is not the step's: the dumplings' lesson, "奶奶
    在厨房里教他包饺子", was headed 孙子家的客厅 (2026-12-03). The step's room or place is
    the beat's, spelled as another beat has it ("奶奶的厨房"); a step that names none goes
    on where the beat before it was.
    """
    room = place_told(step)
    there = next((b for b in before if room and room in b.place.casefold()), None)
    if room:
        place = there.place if there else (room if not room.isascii() else room.capitalize())
        interior = there.interior if there else interior_for(place, "INT")
    else:
        place = before[-1].place if before else beat.place
        interior = before[-1].interior if before else beat.interior
    done_to = before[-1].characters if before else []  # "教他包饺子": him, from the step before
    cast = [*beat.characters, *named_in(step, roles.items(), done_to)]
    return beat.model_copy(
        update={"characters": list(dict.fromkeys(cast))[:4], "place": place, "interior": interior}
    )


def in_idea_order(
    beats: list[BeatDraft], idea: str, roles: Mapping[str, str] | None = None, lead: str = ""
) -> list[BeatDraft]:
    """``beats`` whose summaries tell the idea's turn at its beat and not before.

    The exact fix of :func:`film.quality.story.arc.in_arc_order`, made before the gate
    reads the outline, so the 1.5B model's habit of telling the payoff first costs no retry.
    Who the turn reveals is cast in no beat before it: the guard's 橘猫, cast from the
    idea, stood beside him in scene 2 of 3 (craft bench, 2026-12-02, 17:23). Nor is the
    person an idea's goal is carried to before the last beat: the general took the letter
    in scene 1 of 4, and at 21:39, cast as "Alex" (role "general"), in beat 1 (``roles``:
    the bible's role of each name). An idea's goal is done in the last beat, not planned
    (:func:`film.quality.story.goal.as_done`).
    """
    roles = roles or {}
    gone = away_cast(idea, list(roles.items()))  # the exiled father walked the pass (12-04)
    summaries = in_arc_order([beat.summary for beat in beats], idea, SUMMARY_CHARS)
    arc, goal = idea_arc(idea), idea_goal(idea)
    told = without_requests(idea)  # the idea as the plan told it, without length or genre
    # Each beat tells its own clause of the idea; one that became it casts whom it names.
    arced = summaries
    summaries = in_step_order(
        summaries,
        told,
        limit=SUMMARY_CHARS,
        lead=lead,
        names=list(roles),
        lead_role=roles.get(lead, ""),
    )
    stepped: list[BeatDraft] = []
    for beat, old, new in zip(beats, arced, summaries, strict=True):
        made = new != old and not tells_step(old, new)
        stepped.append(_made_step(beat, new, stepped, roles) if made else beat)
    beats = stepped
    at = arc.turn_at(len(beats)) if arc.turn else len(beats) - 1
    if goal.goal and summaries and not arc.turn:  # the ending does it, not plans it
        summaries[-1] = as_done(summaries[-1])
        done = goal_reached(goal, told, lead)
        if done and len(summaries) > 1 and not goal.told_in(summaries[-1], list(roles)):
            summaries[-1] = done[:SUMMARY_CHARS]
            beats[-1] = _made_step(beats[-1], done, [beats[-1]], roles)  # its own place

    def cast_at(index: int, beat: BeatDraft) -> list[str]:
        """Who the turn reveals, or whom the goal reaches, is in no beat before the end.

        At the end whom the goal reaches is there: the letter's general had been in none.
        """
        if index == len(beats) - 1 and goal.reaches:
            met = [n for n, r in roles.items() if goal.met_at_end(n, r)]
            return list(dict.fromkeys([*beat.characters, *met]))[:4]
        if index >= at:
            return beat.characters
        later = [
            n for n in beat.characters if arc.reveals(n) or goal.met_at_end(n, roles.get(n, ""))
        ]
        return [n for n in beat.characters if n not in later] or beat.characters

    # Roles said as names; the absent uncast, at their door; one on screen if apart (roles).
    named = [named_by_role(text, roles) for text in summaries]
    apart = dict(roles) if arc.apart else {}
    doors = [their_door(text, list(roles)) for text in named]
    # A step that rides the story's vehicle is aboard it, wherever the beat was: "Grandfather
    # rides his old route…" stood at EXT. BUS STOP (the bus, 2026-12-05).
    return aboard(
        [
            beat.model_copy(
                update={
                    "summary": text,
                    "characters": beat_cast(
                        text, cast_at(n, beat), n, apart_among=apart, away=gone
                    ),
                    **({"place": door, "interior": "EXT"} if door else {}),
                }
            )
            for n, (beat, text, door) in enumerate(zip(beats, named, doors, strict=True))
        ],
        idea,
    )

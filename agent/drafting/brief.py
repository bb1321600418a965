"""What every drafting stage tells the model and the quality gate about the film.

The gate's :class:`film.quality.Brief` and the prompt's story facts are both read from the
conversation state here, once, so the model is judged against exactly what it was told:
the idea, the language, the genre the user named (not one the studio recommended), the
requested length, and the guideline texts the stage showed it (so copied examples are
caught).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from agent.context import Context
from agent.messages import minutes_text
from agent.prompts import beat_plan, examples_text, never_line, story_facts, task
from agent.prompts.texts import ZH_HEADING
from agent.state import State
from film.quality import Brief, genre_named_in
from film.quality.story.actions import idea_action_phrases
from film.screenplay import CharacterProfile, Genre, Language


def film_language(state: State) -> Language:
    """The film's language: "zh" for a Chinese idea or UI, else "en"."""
    return "zh" if str(state.get("language", "en")).startswith("zh") else "en"


def drafting_genre(state: State) -> Genre:
    """The genre the film is drafted in: the one the user named, else the chosen one."""
    return user_genre(state) or Genre(state.get("genre") or Genre.TOUCHING_FAMILY.value)


def outline_plan(state: State, count: int) -> str:
    """The numbered plan of an outline of ``count`` beats for this film (:func:`beat_plan`).

    One place, so the first outline and every beat asked again read the same plan: the
    genre's shape and, for people who never meet, who each beat shows.
    """
    cast = [c.get("name", "") for c in state.get("draft", {}).get("characters", [])]
    return beat_plan(
        count, film_language(state), state.get("idea", ""), drafting_genre(state).value, cast
    )


def plan_role(state: State, count: int, index: int) -> str:
    """What beat ``index`` of an outline of ``count`` beats is for, in the plan's words.

    The one reading of :func:`outline_plan` that the beats asked again, off the idea or
    added before the ending, are told.
    """
    plan = outline_plan(state, count).splitlines()
    return plan[index].split(". ", 1)[-1] if index < len(plan) else ""


def cast_listing(cast: Sequence[str], language: str) -> str:
    """The cast as a beat or outline task lists it: 林夏、许言, "Lily, Ben", or "-"."""
    return ("、" if language == "zh" else ", ").join(cast) or "-"


def user_genre(state: State) -> Genre | None:
    """The genre the user named, if any.

    A genre picked at the question, typed as a tag or option, or settled at intake is the
    user's; in one-prompt mode a genre that came from the pitches is the studio's
    recommendation, so only a genre named in the idea itself counts then.
    """
    chosen = state.get("genre")
    recommended = state.get("one_prompt") and "pitches" in state.get("draft", {})
    if chosen and not recommended:
        return Genre(chosen)
    return genre_named_in(state.get("idea", ""))


def film_brief(state: State, context: Context, passages: Sequence[Any] = ()) -> Brief:
    """The gate's yardstick for this film; ``passages`` are the stage's guideline passages.

    The prompts' own worked examples count as guidelines too: a small model copies them
    as readily as the handbook's.
    """
    language = film_language(state)
    texts = tuple(str(getattr(p, "text", "") or "") for p in passages)
    return Brief(
        idea=state.get("idea", ""),
        language=language,
        genre=user_genre(state),
        target_s=float(state.get("target_seconds", context.target_seconds)),
        guidelines=tuple(t for t in texts if t.strip()) + examples_text(language),
        cap_s=float(context.max_seconds),
    )


def genre_label(genre: Genre, language: str) -> str:
    """The genre's name in the film's language, for prompts."""
    return genre.chinese if language == "zh" else genre.english


def cast_line(person: CharacterProfile | dict[str, Any], language: str) -> str:
    """One bible entry as a prompt fact: name, role, look, wardrobe."""
    data = person.model_dump() if isinstance(person, CharacterProfile) else person
    name, role = data.get("name", ""), data.get("role", "") or "-"
    look, wardrobe = data.get("look", "") or "-", data.get("wardrobe", "") or "-"
    if language == "zh":
        return f"{name}（{role}）：{look}；穿{wardrobe}"
    return f"{name} ({role}): {look}; wears {wardrobe}"


def heading_text(interior: str, place: str, time_of_day: str, language: str) -> str:
    """A scene heading as a prompt shows it (in Chinese words for a Chinese film)."""
    if language == "zh":
        return (
            f"{place}（{ZH_HEADING.get(interior, '内景')}，{ZH_HEADING.get(time_of_day, '白天')}）"
        )
    return f"{interior}. {place.upper()} - {time_of_day}"


def beat_line(beat: dict[str, Any], language: str) -> str:
    """One outline beat as a prompt fact."""
    heading = heading_text(
        beat.get("interior", "INT"), beat.get("place", ""), beat.get("time_of_day", "DAY"), language
    )
    return f"{heading}{'：' if language == 'zh' else ': '}{beat.get('summary', '')}"


def facts_for(state: State, stage: str) -> str:
    """The story facts a ``stage`` prompt starts with (every earlier stage's product).

    The blocks come in one fixed order, so a later stage's prompt begins with an earlier
    stage's and the local model's prompt cache skips what it has already read.
    """
    language = film_language(state)
    draft = state.get("draft", {})
    order = ("pitches", "logline", "characters", "outline", "scenes")
    reached = order.index(stage) if stage in order else len(order)
    return story_facts(
        language,
        idea=state.get("idea", ""),
        minutes=minutes_text(state.get("target_seconds", 120), language),
        genre=genre_label(drafting_genre(state), language) if reached >= 1 else "",
        logline=draft.get("logline") if reached >= 2 else None,
        cast=[cast_line(c, language) for c in draft.get("characters", [])] if reached >= 3 else (),
        beats=[beat_line(b, language) for b in draft.get("beats", [])] if reached >= 4 else (),
    )


#: "to make dumplings": the gate leaves "make" out of the idea's actions ("make sure", "make
#: friends"), but a made thing is what the film is about. Told nothing of it, the outline of
#: "a grandma teaches her grandson to make dumplings ..." had her knitting a blanket
#: (2026-12-01), and the film was refused as drifting from the idea.
_MAKING = re.compile(r"\bto make (?:(?:a|an|the|his|her|their|some|our|my) )?([a-z]+)", re.I)
_NOT_MADE = frozenset("sure up it out friends time sense peace money fun way amends".split())


def idea_making(idea: str) -> str:
    """The thing the idea makes, as "make dumplings", or ""."""
    match = _MAKING.search(idea)
    if not match or match.group(1).lower() in _NOT_MADE:
        return ""
    return f"make {match.group(1)}"


def must_show(idea: str, language: str) -> str:
    """The outline prompt's line naming the idea's action, or "" when it names none.

    Told only the idea, the 1.5B model wrote a bike-riding lesson as two scenes of talk;
    named, the action gets a beat of its own (the gate then checks it happened:
    ``coverage.idea-action``). The thing it makes is named too (:func:`idea_making`), for
    the prompt only, and so is what the idea says never happens (:func:`never_line`; its
    turn has a beat of its own in the plan, :func:`agent.prompts.beat_plan`).
    """
    actions = list(dict.fromkeys([*idea_action_phrases(idea), *filter(None, [idea_making(idea)])]))
    joiner = "、" if language == "zh" else "; "
    lines = [task("must_show", language, actions=joiner.join(actions)) if actions else ""]
    lines.append(never_line(idea, language))
    return "".join(f"\n{line}" for line in lines if line)


#: An idea that counts its people as two: "两个同桌", "Two rival debate captains".
_TWO_PEOPLE = re.compile(
    r"两(?:个|位|名)|二人|\btwo\b(?! (?:days?|weeks?|years?|hours?|minutes?))", re.I
)


def cast_size(target_s: int, people: Sequence[str], genre: Genre, idea: str = "") -> int:
    """How many people the character bible may hold: more for a longer film.

    A scenery film about the one person its idea names is that person alone. Asked for
    "at most 2", the 1.5B model gave the lighthouse keeper a wife, and she took over his
    last night at the lamp in two craft-bench runs (2026-12-02 and 12-03). An idea that
    counts its two people is those two: "两个同桌" got a teacher, who wrote their last
    note for them (craft bench, 2026-12-04 21:50).
    """
    if genre is Genre.AESTHETIC_SCENERY and len(people) <= 1:
        return 1
    if _TWO_PEOPLE.search(idea) and len(people) <= 2:
        return 2
    return max(2 if target_s <= 60 else 3 if target_s <= 240 else 4, min(len(people), 4))

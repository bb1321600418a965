"""The exact fixes every scene answer gets before the gate judges it.

A scene answer of the small model is never shown as it came: speech is moved out of the
action, repeats and copied lines are struck, the visual note is its own, the arc is kept
in order, people who are not there leave, and everyone is called by their own name and
pronoun. One pipeline, in one place, so a first draft, a rewrite and a lengthening are
mended alike (:meth:`agent.drafting.scenes.writer.SceneWriter.check`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from agent.drafting.confined import no_parting_for_later
from agent.drafting.places import in_its_room, stays_inside, without_example_place
from agent.drafting.schemas import BeatDraft
from agent.drafting.tidy import HONOURS, story_time, times_named
from agent.drafting.vehicles import scene_aboard, vehicle_words
from agent.prompts.texts import EXAMPLE_NAMES, EXAMPLE_THING
from film.quality import Brief
from film.quality.mend import (
    drop_copied_lines,
    drop_repeats,
    in_film_language,
    keep_to_beat,
    mend_edges,
    mend_visual,
    scene_at_turn,
    scene_before_turn,
    visual_of_its_own,
    with_seen_cast,
    without_camera_looks,
)
from film.quality.mend.animals import animals_unspoken, things_unspoken
from film.quality.mend.cast import group_lines_to_action
from film.quality.mend.steps import scene_at_step
from film.quality.people.address import kin_address
from film.quality.people.claims import mend_claims
from film.quality.people.dress import scene_without_carried_wardrobe
from film.quality.people.names.spare import stand_ins_named
from film.quality.people.pronouns import own_pronouns, speakers_named
from film.quality.people.slips import film_relatives, with_told_kin
from film.quality.people.speech import speech_to_dialogue
from film.quality.people.speech.consent import no_yes_before_the_turn
from film.quality.people.speech.selves import spoken_by_the_other
from film.quality.people.vocatives import called_by_their_names
from film.quality.story.afar import called_afar, heard_from_afar
from film.quality.story.apart import awaited, kept_apart, kept_away
from film.quality.story.arc import idea_arc
from film.quality.story.offered import taken_by_the_guest
from film.quality.story.roles import away_cast, one_on_screen, without_the_absent
from film.quality.story.senses import deaf_person, feels_not_hears
from film.quality.text import cjk_count, sentences
from film.screenplay import Genre, Scene
from film.setting import against_the_hour
from film.speakers import nobody_as_the_other, scene_spelled_as_in_bible


@dataclass(frozen=True)
class FilmAround:
    """What a scene's exact fixes read of the film around it.

    Attributes:
        brief: The gate's yardstick (the idea, the guideline notes).
        cast: The bible's names; ``roles``, ``wardrobes`` and ``sexes`` in the same order.
        roles: Each person's role.
        wardrobes: What each person wears.
        props: What anyone carries, all together: a thing never speaks.
        looks: Each person's look (a deaf drummer is deaf there), by name.
        sexes: Each person's sex ("f", "m" or "") by name, role, voice and look.
        language: The film's language.
        genre: The genre drafted (an animal talks only in a spoof).
        summaries: Every beat's summary, in order.
    """

    brief: Brief
    cast: list[str]
    roles: list[str]
    wardrobes: list[str]
    sexes: list[str]
    language: str
    genre: Genre
    summaries: list[str]
    props: list[str] = field(default_factory=list)
    looks: list[str] = field(default_factory=list)


def mended_scene(new: Scene, film: FilmAround, index: int, beat: BeatDraft) -> Scene:
    """Scene ``index`` (telling ``beat``) with every exact fix made, before the gate."""
    idea, count = film.brief.idea, len(film.summaries)
    people = list(zip(film.cast, film.roles, strict=True))
    roles = dict(people)
    others = [summary for n, summary in enumerate(film.summaries) if n != index]
    # Edges again after speech moves out: "……橘猫突然停住并朝" was left (2026-12-01).
    new = nobody_as_the_other(scene_spelled_as_in_bible(new, film.cast), film.cast)
    action, visual = stand_ins_named(new.action, new.visual, [*new.characters, *film.cast])
    new = new.model_copy(update={"action": action, "visual": visual})  # 张三拿起画笔 (12-04)
    # The heading too: "INT. GRANDMOTHER'S HOUSE" in the film of a grandfather and his
    # granddaughter, whose action said "the grandfather's house" (the bus, 2026-12-04).
    place = with_told_kin(new.place, film_relatives(idea, people), " ".join([idea, *film.cast]))
    new = new.model_copy(update={"place": place}) if place != new.place else new
    spoken = speakers_named(mend_edges(new), people)
    new = group_lines_to_action(speech_to_dialogue(spoken, film.cast, film.roles), film.cast)
    new = spoken_by_the_other(new)  # 画师: "我怀疑画师…" is the princess's (12-04)
    new = scene_without_carried_wardrobe(new, film.wardrobes)
    new = keep_to_beat(mend_edges(new), others)
    new = drop_copied_lines(new, film.brief.guidelines, idea, EXAMPLE_THING)
    new = mend_visual(
        in_film_language(drop_repeats(new), film.language),
        film.brief.guidelines,
        idea,
        beat.summary,
    )
    new = stays_inside(visual_of_its_own(without_camera_looks(new)), beat.summary, idea)
    new = scene_aboard(without_example_place(in_its_room(new), idea), idea, beat.summary)
    new = scene_before_turn(new, idea, index, count, people)
    new = no_yes_before_the_turn(new, idea, index, count, people)  # "行啊" at once (12-05)
    new = no_parting_for_later(new, idea)  # "See you then." in the stuck lift (12-05)
    new = scene_at_turn(new, idea, index, count, beat.summary)
    new = scene_at_step(new, idea, index, count, beat.summary)
    new = without_the_absent(with_seen_cast(new, film.cast), beat.summary, film.cast)
    arc = idea_arc(idea)
    if arc.apart:  # people who never meet: only the beat's one person is there
        # One, whatever a beat added before the ending lists (both, in the rerun of 12-03).
        listed = [n for n in beat.characters if n in film.cast] or film.cast
        shown = one_on_screen(beat.summary, listed, index, roles)
        new = kept_apart(new, [n for n in film.cast if n not in shown], roles)
    new = kept_away(new, away_cast(idea, people), roles)  # the exiled father (12-04)
    if index < arc.turn_at(count) and (coming := awaited(idea, arc.turn, roles)):
        # The pen pal steps off the train only at the end: not there, not seen, not drawn
        # ("close-up of Samantha and Tommy's faces" in scene 1, 2026-12-04).
        new = kept_apart(new, [coming], roles)
    new = heard_from_afar(new, called_afar(idea, roles), film.language)
    looks = [*film.looks, *[""] * len(film.cast)][: len(film.cast)]
    deaf = deaf_person(idea, list(zip(film.cast, film.roles, looks, strict=True)))
    new = feels_not_hears(new, deaf)  # the deaf drummer "hears the beat" (12-04)
    spoken = things_unspoken(new, film.cast, [*film.props, *vehicle_words(idea)])
    new = taken_by_the_guest(
        animals_unspoken(spoken, people, film.genre, film.language, idea), idea, roles
    )
    sexes = dict(zip(film.cast, film.sexes, strict=True))
    new = own_pronouns(mend_claims(new, idea, people), people, sexes)
    new = at_its_own_hour(new)
    return called_by_their_names(kin_address(new, people, film.language), people, EXAMPLE_NAMES)


def at_its_own_hour(scene: Scene) -> Scene:
    """``scene`` whose heading says the one time of day its action lines name.

    Recorded (craft bench, 2026-12-04): "EXT. 小区门口 - DAY" over "黄昏时分，保安大爷…";
    a reader saw the heading and the line disagree, and the picture is lit by the heading.
    The lines are what the viewer reads, so the heading follows them; a scene whose lines
    name two times (dusk into night) keeps its heading.
    """
    # Else the hour the note names: "暗色的夜晚，门上挂着警棍" under DAY (the guard, 12-05).
    named = story_time(" ".join(scene.action))
    if not named and not times_named(" ".join(scene.action)):
        named = story_time(scene.visual)
    if not named or scene.time_of_day in HONOURS[named]:
        return scene
    # The note's light goes with the old hour: "阳光透过窗户洒在客厅的地板上" stayed over a
    # scene its "每天晚上" made NIGHT (the video call, craft bench, 2026-12-05).
    lit = [s for s in sentences(scene.visual) if not against_the_hour(s, named)]
    visual = ("" if cjk_count(scene.visual) else " ").join(lit)
    return scene.model_copy(update={"time_of_day": named, "visual": visual})

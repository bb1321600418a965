"""Every scene answer's exact fixes, in one pipeline (agent.drafting.scenes.mends)."""

from __future__ import annotations

from agent.drafting.scenes.mends import FilmAround, mended_scene
from agent.drafting.schemas import BeatDraft
from film.quality import Brief
from film.screenplay import DialogueLine, Genre, Scene

NURSE = (
    "A night-shift nurse and the baker across the street swap notes on the bakery window for "
    "a whole winter without ever meeting."
)


def _film(summaries: list[str]) -> FilmAround:
    return FilmAround(
        brief=Brief(idea=NURSE, language="en"),
        cast=["Sam", "Alex"],
        roles=["The night-shift nurse", "The baker across the street"],
        wardrobes=["white blouse", "white apron"],
        sexes=["f", "m"],
        language="en",
        genre=Genre.YOUTH_ROMANCE,
        summaries=summaries,
    )


def test_a_never_meet_scene_keeps_one_person_whatever_its_beat_lists() -> None:
    """Rerun (2026-12-03): a scene added before the ending listed both, and the nurse and
    the baker stood at the window "looking at each other"."""
    summaries = ["Sam tapes a note to the glass.", "Alex reads it.", "Sam finds the reply."]
    beat = BeatDraft(
        place="Bakery window",
        interior="EXT",
        time_of_day="NIGHT",
        summary="Sam and Alex stand at the window.",
        characters=["Sam", "Alex"],
    )
    scene = Scene(
        number=2,
        place="Bakery window",
        characters=["Sam", "Alex"],
        action=["Sam tapes a note to the glass.", "Alex reads the note and smiles."],
        dialogue=[
            DialogueLine(speaker="Sam", text="I hope the baker likes the drawing."),
            DialogueLine(speaker="Alex", text="She draws like a child."),
        ],
    )
    mended = mended_scene(scene, _film(summaries), 1, beat)
    speakers = {line.speaker for line in mended.dialogue}
    assert len(speakers) == 1 and mended.characters == sorted(speakers)


def test_the_one_waited_for_is_not_there_before_the_turn() -> None:
    """Recorded (offline draft, 2026-12-04): the pen pal she waits for every Friday stood on
    the platform from scene 1, thanking her; he steps off the train only in the last."""
    idea = (
        "A girl waits at the train station every Friday for her pen pal, until he finally "
        "steps off the last train of the summer."
    )
    film = FilmAround(
        brief=Brief(idea=idea, language="en"),
        cast=["Samantha", "Tommy"],
        roles=["girl", "pen pal"],
        wardrobes=["blue jacket", "gray sweater"],
        sexes=["f", "m"],
        language="en",
        genre=Genre.YOUTH_ROMANCE,
        summaries=["Samantha waits on the platform.", "Tommy steps off the last train."],
    )
    beat = BeatDraft(
        place="Train station",
        interior="INT",
        time_of_day="DAY",
        summary="Samantha waits on the platform.",
        characters=["Samantha", "Tommy"],
    )
    scene = Scene(
        number=1,
        place="Train station",
        characters=["Samantha", "Tommy"],
        action=["Samantha looks down the empty track.", "Tommy waves from the train door."],
        dialogue=[
            DialogueLine(speaker="Samantha", text="Another Friday. Maybe this time."),
            DialogueLine(speaker="Tommy", text="I missed you so much."),
        ],
    )
    first = mended_scene(scene, film, 0, beat)
    assert first.characters == ["Samantha"]
    assert [line.speaker for line in first.dialogue] == ["Samantha"]
    assert first.action == ["Samantha looks down the empty track."]
    # Nor seen, drawn, or told arrived (the re-render, 2026-12-04).
    early = scene.model_copy(
        update={
            "visual": "Fog on the platform. Close-up of Samantha and Tommy's faces.",
            "dialogue": [
                DialogueLine(
                    speaker="Samantha",
                    text="I can't believe it! Tommy finally stepped off the last train. "
                    "Another Friday.",
                )
            ],
        }
    )
    waiting = mended_scene(early, film, 0, beat)
    assert waiting.visual == "Fog on the platform."
    assert [line.text for line in waiting.dialogue] == ["I can't believe it! Another Friday."]
    last = mended_scene(scene.model_copy(update={"number": 2}), film, 1, beat)
    assert "Tommy" in last.characters  # the turn brings him


def test_a_scene_is_headed_at_the_home_of_a_relative_the_film_has() -> None:
    """Recorded (craft bench, the bus, 2026-12-04): "INT. GRANDMOTHER'S HOUSE" in the film of
    a grandfather and his granddaughter, whose action read "Lily steps into the grandfather's
    house"; bus scenes also got off the bus ("Bob steps off the bus")."""
    idea = (
        "A retired bus driver rides his old route one last time with his granddaughter, who "
        "has never seen the city through his eyes."
    )
    film = FilmAround(
        brief=Brief(idea=idea, language="en"),
        cast=["Bob", "Lily"],
        roles=["retired bus driver (grandfather)", "granddaughter"],
        wardrobes=["black suit", "black dress"],
        sexes=["m", "f"],
        language="en",
        genre=Genre.TOUCHING_FAMILY,
        summaries=["Bob drives his old route.", "They visit his house.", "Back on the bus."],
    )
    beat = BeatDraft(
        place="Grandmother's house",
        interior="INT",
        time_of_day="DAY",
        summary="Lily and Bob visit his house.",
        characters=["Bob", "Lily"],
    )
    house = Scene(
        number=2,
        place="Grandmother's house",
        characters=["Bob", "Lily"],
        action=["Lily steps into the grandfather's house.", "Bob enters with her."],
        dialogue=[DialogueLine(speaker="Lily", text="I haven't been here in years.")],
    )
    assert mended_scene(house, film, 1, beat).place == "Grandfather's house"
    ride = BeatDraft(
        place="Bus", interior="INT", time_of_day="DAY", summary="Bob drives his old route."
    )
    bus = house.model_copy(
        update={
            "place": "Bus",
            "action": ["Bob steps off the bus, his old route in sight.", "Lily smiles at him."],
        }
    )
    assert mended_scene(bus, film, 0, ride).action == ["Lily smiles at him."]


def test_a_turn_told_only_by_its_paste_is_asked_for_again() -> None:
    """Recorded (craft bench, the ginger soup, 2026-12-04): the last scene ended on the
    idea's own clause, "老人留他喝了一碗姜汤。", pasted, while the old man only said
    "谢谢！". The paste stays, and the gate asks once more for it shown."""
    from agent.drafting.scenes.writer import turn_pasted
    from film.quality.mend.steps import scene_at_step

    idea = "外卖小哥在暴雨夜把最后一单送到独居老人家，老人留他喝了一碗姜汤。"
    beat = "老人留外卖小哥喝了一碗姜汤。"
    said = Scene(
        number=2,
        place="老人家",
        characters=["外卖小哥", "老人"],
        action=["外卖小哥走进客厅。"],
        dialogue=[DialogueLine(speaker="老人", text="谢谢！")],
    )
    pasted = scene_at_step(said, idea, 1, 2, beat)
    assert pasted.action[-1] == "老人留外卖小哥喝了一碗姜汤。"
    findings = turn_pasted(pasted, idea, 1, 2, beat)
    assert [f.check for f in findings] == ["arc.turn-pasted"]
    assert "老人留外卖小哥喝了一碗姜汤" in findings[0].message
    shown = said.model_copy(
        update={
            "action": ["外卖小哥走进客厅。", "老人端来一碗姜汤，留外卖小哥喝了一碗姜汤。"],
            "dialogue": [DialogueLine(speaker="老人", text="孩子，喝碗姜汤再走。")],
        }
    )
    assert turn_pasted(scene_at_step(shown, idea, 1, 2, beat), idea, 1, 2, beat) == []
    assert turn_pasted(pasted, idea, 0, 2, beat) == []  # not the step's scene


def test_the_heading_says_the_time_the_action_names() -> None:
    from agent.drafting.scenes.mends import at_its_own_hour

    def scene(time: str, *action: str) -> Scene:
        return Scene(number=1, place="小区门口", time_of_day=time, action=list(action))  # type: ignore[arg-type]

    assert at_its_own_hour(scene("DAY", "黄昏时分，保安大爷在门口踱步。")).time_of_day == "DUSK"
    assert (
        at_its_own_hour(scene("DAY", "At dawn the keeper climbs the stairs.")).time_of_day == "DAWN"
    )
    assert at_its_own_hour(scene("EVENING", "深夜，他还在等。")).time_of_day == "EVENING"
    assert (
        at_its_own_hour(scene("DAY", "傍晚到深夜，他一直在等。")).time_of_day == "DAY"
    )  # two times
    assert at_its_own_hour(scene("NIGHT", "他推开门。")).time_of_day == "NIGHT"
    # With no hour in its lines, the note's: "暗色的夜晚" under DAY (the guard, 12-05).
    dark = scene("DAY", "保安大爷拿着警棍走向小区门口。").model_copy(
        update={"visual": "暗色的夜晚，门上挂着警棍。"}
    )
    assert at_its_own_hour(dark).time_of_day == "NIGHT"
    both = scene("DAY", "傍晚到深夜，他一直在等。").model_copy(update={"visual": "夜晚的门口。"})
    assert at_its_own_hour(both).time_of_day == "DAY"


def test_a_heading_moved_to_night_takes_the_sunlight_out_of_the_note() -> None:
    """Recorded (craft bench, the video call, 2026-12-05): "每天晚上" made the scene NIGHT and
    its note still read "阳光透过窗户洒在客厅的地板上"."""
    from agent.drafting.scenes.mends import at_its_own_hour

    scene = Scene(
        number=2,
        place="家里客厅",
        time_of_day="DAY",
        action=["每天晚上，奶奶都给儿子打视频电话。"],
        visual="阳光透过窗户洒在客厅的地板上。奶奶举着手机，屏幕的光照亮她的脸。",
    )
    night = at_its_own_hour(scene)
    assert night.time_of_day == "NIGHT"
    assert night.visual == "奶奶举着手机，屏幕的光照亮她的脸。"


def test_people_kept_together_do_not_part_for_later() -> None:
    """Recorded (second reader, 2026-12-05): "See you then." from the two captains stuck in
    the lift, and "那我们明天见吧！" from the grandson who leaves tomorrow."""
    from agent.drafting.confined import no_parting_for_later

    lift = Scene(
        number=3,
        place="School lift",
        action=["The lift hums."],
        dialogue=[
            DialogueLine(speaker="Alex", text="Do you think I can win?"),
            DialogueLine(speaker="Taylor", text="Of course! See you then."),
            DialogueLine(speaker="Alex", text="See you then."),
        ],
        characters=["Alex", "Taylor"],
    )
    stuck = "Two rival debate captains get stuck in a school lift the night before the final."
    assert [d.text for d in no_parting_for_later(lift, stuck).dialogue] == [
        "Do you think I can win?",
        "Of course!",
    ]
    assert no_parting_for_later(lift, "Two captains meet after class.") == lift
    kitchen = Scene(
        number=3,
        place="厨房",
        action=["奶奶包饺子。"],
        dialogue=[DialogueLine(speaker="孙子", text="学校就在附近。那我们明天见吧！")],
    )
    leaving = "孙子明天就要去外地上大学，奶奶在厨房里教他包饺子。"
    assert no_parting_for_later(kitchen, leaving).dialogue[0].text == "学校就在附近。"

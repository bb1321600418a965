"""Action and visual notes call a scene's people by their own sex."""

from __future__ import annotations

from film.quality.people.pronouns import own_pronouns
from film.screenplay import Scene

BIBLE = [("Ana", "Grandfather"), ("Sam", "Granddaughter")]


def test_the_recorded_grandfather_is_no_longer_she() -> None:
    # Recorded (City Route Return, craft bench 2026-12-01): the grandfather cast as Ana.
    scene = Scene(
        number=1,
        place="Ana's home",
        characters=["Ana"],
        action=[
            "Ana is sitting in her living room, looking out the window at her old hometown.",
            "She notices that she hasn't seen the city since she moved here.",
            "A photo of his late wife sits on the shelf; she smiles in it.",
        ],
        visual="Ana in her armchair by the window.",
    )
    mended = own_pronouns(scene, BIBLE)
    assert mended.action == [
        "Ana is sitting in his living room, looking out the window at his old hometown.",
        "He notices that he hasn't seen the city since he moved here.",
        "A photo of his late wife sits on the shelf; she smiles in it.",  # someone else
    ]
    assert mended.visual == "Ana in his armchair by the window."


def test_a_scene_of_both_sexes_or_unknown_people_is_left_alone() -> None:
    both = Scene(number=2, place="Bus", characters=["Ana", "Sam"], action=["She waves."])
    assert own_pronouns(both, BIBLE) == both
    stranger = Scene(number=3, place="Bus", characters=["Kim"], action=["She waves."])
    assert own_pronouns(stranger, [("Kim", "passenger")]) == stranger


def test_chinese_pronouns_follow_the_grandmother() -> None:
    scene = Scene(
        number=1, place="厨房", characters=["奶奶"], action=["奶奶坐在桌边，他慢慢包着饺子。"]
    )
    mended = own_pronouns(scene, [("奶奶", "奶奶"), ("小明", "孙子")])
    assert mended.action == ["奶奶坐在桌边，她慢慢包着饺子。"]


def test_speech_that_opens_on_a_pronoun_becomes_its_only_speakers_line() -> None:
    """Recorded (craft bench, The Last Bus Home, 2026-12-02): "He says, '…'" stayed action."""
    from film.quality.people.pronouns import speakers_named
    from film.quality.people.speech import speech_to_dialogue

    people = [("Grandfather", "The retired bus driver"), ("Sam", "The granddaughter")]
    scene = Scene(
        number=1,
        place="Bus stop",
        characters=["Grandfather", "Sam"],
        action=[
            "The grandfather sits in his old bus.",
            "He says, 'I've been driving this route for over 20 years.'",
            "He gestures to the city.",
        ],
    )
    spoken = speech_to_dialogue(speakers_named(scene, people), ["Grandfather", "Sam"])
    assert spoken.action == ["The grandfather sits in his old bus.", "He gestures to the city."]
    assert [(line.speaker, line.text) for line in spoken.dialogue] == [
        ("Grandfather", "I've been driving this route for over 20 years.")
    ]
    zh = Scene(number=1, place="家", characters=["奶奶", "小明"], action=["她笑着说：“多吃点。”"])
    named = speakers_named(zh, [("奶奶", "奶奶"), ("小明", "孙子")])
    assert named.action == ["奶奶笑着说：“多吃点。”"]
    # Two men in the scene: who "he" is cannot be known, and the line stays.
    two = scene.model_copy(update={"characters": ["Grandfather", "Jack"]})
    assert speakers_named(two, [*people, ("Jack", "his son")]) == two
    # "He hands Tom the note": the one man named in his own line is not who "he" is.
    tom = Scene(
        number=1,
        place="Kitchen",
        characters=["Tom", "Mia"],
        action=['He hands Tom the note and says, "See you tomorrow."'],
    )
    assert speakers_named(tom, [("Tom", "father"), ("Mia", "daughter")]) == tom


def test_speech_under_a_short_name_or_role_is_its_one_persons_line() -> None:
    """Recorded (craft bench, the painter, 2026-12-02): "画师回答：…" beside cues of 宫廷画师."""
    from film.quality.people.pronouns import speakers_named
    from film.quality.people.speech import speech_to_dialogue

    cast = ["宫廷画师", "公主"]
    scene = Scene(
        number=1,
        place="画廊",
        characters=cast,
        action=["画师回答：“好好的，公主，我们继续吧。”", "画师坐在画廊的一角。"],
    )
    spoken = speech_to_dialogue(
        speakers_named(scene, [("宫廷画师", "画师"), ("公主", "读者")]), cast
    )
    assert spoken.action == ["画师坐在画廊的一角。"]
    assert [(d.speaker, d.text) for d in spoken.dialogue] == [
        ("宫廷画师", "好好的，公主，我们继续吧。")
    ]
    keeper = Scene(
        number=1,
        place="Lamp",
        characters=["Tom", "Linda"],
        action=["The keeper says, 'Forty years.'"],
    )
    people = [("Tom", "the lighthouse keeper"), ("Linda", "his wife")]
    assert speakers_named(keeper, people).action == ["Tom says, 'Forty years.'"]
    # Two keepers: the word names nobody.
    two = [("Tom", "the lighthouse keeper"), ("Linda", "the assistant keeper")]
    assert speakers_named(keeper, two) == keeper


NURSE_AND_BAKER = [("Sam", "The night-shift nurse"), ("Alex", "The baker across the street")]


def test_a_reflexive_or_possessive_follows_its_named_subject_of_known_sex() -> None:
    """Recorded (the nurse and the baker, 2026-12-03): Sam, a woman by her look, read the
    note "aloud to himself". Her sex comes from the look (``sexes``), not her role."""
    scene = Scene(
        number=1,
        place="Bakery window",
        characters=["Sam", "Alex"],
        action=[
            "Sam reads the note from Alex aloud to himself.",
            "Sam puts on his coat and looks at Alex and his bread.",
            "Alex folds her own apron, then leaves.",
        ],
        visual="Sam at the window, alone with his thoughts.",
    )
    mended = own_pronouns(scene, NURSE_AND_BAKER, {"Sam": "f", "Alex": "m"})
    assert mended.action == [
        "Sam reads the note from Alex aloud to herself.",
        "Sam puts on her coat and looks at Alex and his bread.",  # the bread is Alex's
        "Alex folds his own apron, then leaves.",
    ]
    assert mended.visual == "Sam at the window, alone with her thoughts."


def test_pronouns_past_another_person_or_of_an_owner_are_left_alone() -> None:
    scene = Scene(
        number=2,
        place="Bakery window",
        characters=["Sam", "Alex"],
        action=[
            "Sam's father waves at himself.",  # Sam owns the subject; it is not Sam
            "Sam watches as Alex dresses himself.",  # a clause with its own subject
            "Sam gives her flowers.",  # "her" for a man may be someone else
        ],
    )
    assert own_pronouns(scene, NURSE_AND_BAKER, {"Sam": "m", "Alex": "f"}) == scene
    unknown = own_pronouns(scene, NURSE_AND_BAKER)  # no look read: nobody's sex is known
    assert unknown == scene


def test_a_chinese_reflexive_follows_its_subject() -> None:
    scene = Scene(
        number=1,
        place="厨房",
        characters=["奶奶", "小明"],
        action=["奶奶对他自己笑了笑。", "小明看着奶奶，他拿起她的碗。"],
    )
    mended = own_pronouns(scene, [("奶奶", "奶奶"), ("小明", "孙子")])
    assert mended.action == ["奶奶对她自己笑了笑。", "小明看着奶奶，他拿起她的碗。"]


def test_with_someone_of_the_other_sex_out_of_the_scene_him_may_be_them() -> None:
    """Rerun (the nurse and the baker, 2026-12-03): alone in her office, "Sam watches him
    closely" (the baker she never meets) had become "Sam watches her closely"."""
    scene = Scene(
        number=1,
        place="Office",
        characters=["Sam"],
        action=["Sam watches him closely.", "He smiles at his notebook."],
    )
    mended = own_pronouns(scene, NURSE_AND_BAKER, {"Sam": "f", "Alex": "m"})
    assert mended.action == ["Sam watches him closely.", "She smiles at her notebook."]
    zh = Scene(number=2, place="办公室", characters=["林夏"], action=["林夏看着他，他笑了。"])
    mended_zh = own_pronouns(zh, [("林夏", "护士"), ("许言", "面包师")], {"林夏": "f", "许言": "m"})
    assert mended_zh.action == ["林夏看着他，她笑了。"]

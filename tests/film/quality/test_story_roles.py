"""A beat names the bible's people, not the idea's words for them (the courier, 2026-12-03)."""

from __future__ import annotations

from film.quality.story.arc import idea_arc
from film.quality.story.roles import beat_cast, named_by_role, without_people, without_the_absent
from film.screenplay import DialogueLine, Scene


def test_an_ideas_words_for_a_bible_person_are_their_name() -> None:
    courier = {"林夏": "快递员", "许爷爷": "老爷爷"}
    assert named_by_role("快递员每天给独居的老爷爷送快递。", courier) == (
        "林夏每天给独居的许爷爷送快递。"
    )
    assert named_by_role("有一天老爷爷没有来开门。", courier) == "有一天许爷爷没有来开门。"
    lesson = {"Mrs. Thompson": "retired piano teacher", "Sam": "boy next door"}
    assert named_by_role(
        "A retired piano teacher gives her last lesson to the boy next door.", lesson
    ) == ("Mrs. Thompson gives her last lesson to Sam.")


def test_a_role_inside_a_name_shared_or_too_plain_is_left() -> None:
    assert (
        named_by_role("许爷爷教小美骑车", {"许爷爷": "爷爷", "小美": "孙女"}) == "许爷爷教小美骑车"
    )
    assert named_by_role("爷爷教孙女", {"许爷爷": "爷爷", "小美": "孙女"}) == "许爷爷教小美"
    # The rest of a name that holds the role comes with it (the guard, 2026-12-04): not
    # "小区保安大爷大爷再次回到小区门口".
    guard = {"小区保安大爷": "保安", "橘猫": "一只橘猫"}
    assert named_by_role("保安大爷再次回到小区门口。", guard) == "小区保安大爷再次回到小区门口。"
    assert named_by_role("保安布下天罗地网。", guard) == "小区保安大爷布下天罗地网。"
    assert named_by_role("学生们在操场上", {"小明": "学生"}) == "学生们在操场上"
    shared = {"Ann": "night nurse", "Bea": "night nurse"}
    assert named_by_role("The night nurse waits.", shared) == "The night nurse waits."
    assert named_by_role("The student council meets.", {"Sam": "student"}) == (
        "The student council meets."
    )


def test_whom_a_beat_says_is_not_there_is_not_in_its_cast() -> None:
    """Recorded (the courier, 2026-12-03): 许爷爷, who did not open the door, stood beside
    the courier and talked."""
    from film.quality.story.roles import absent_from

    assert absent_from("有一天许爷爷没有来开门。", ["林夏", "许爷爷"]) == ["林夏"]
    assert absent_from("Grandpa still doesn't answer the door.", ["Mia", "Grandpa"]) == ["Mia"]
    assert absent_from("许爷爷打开门。林夏不见了。", ["林夏", "许爷爷"]) == ["许爷爷"]
    # Someone there, in a bad mood, is there; a beat is never left with nobody.
    assert absent_from("许爷爷不开心。", ["林夏", "许爷爷"]) == ["林夏", "许爷爷"]
    assert absent_from("Mia is missing.", ["Mia"]) == ["Mia"]


def test_a_door_nobody_opens_is_the_absent_persons_own() -> None:
    """Recorded (the courier, 2026-12-03): the unopened door was the courier's depot."""
    from film.quality.story.roles import their_door

    assert their_door("有一天许爷爷没有来开门。", ["林夏", "许爷爷"]) == "许爷爷家门口"
    assert their_door("Grandpa doesn't answer the door.", ["Mia", "Grandpa"]) == (
        "Grandpa's front door"
    )
    assert their_door("许爷爷打开门。", ["林夏", "许爷爷"]) == ""


def test_a_chinese_role_inside_a_longer_word_is_not_a_name() -> None:
    assert named_by_role("宫廷画师奉命作画。", {"李白": "画师"}) == "宫廷画师奉命作画。"
    assert named_by_role("奶奶教孙子包饺子。", {"小明": "孙子"}) == "奶奶教小明包饺子。"


def test_whom_the_beat_says_is_not_there_neither_speaks_nor_acts() -> None:
    scene = Scene(
        number=3,
        place="许爷爷家门口",
        action=["林夏敲了敲门。", "许爷爷笑着打开门。", "许爷爷的门紧闭着，没有动静。"],
        dialogue=[
            DialogueLine(speaker="林夏", text="许爷爷，您在家吗？"),
            DialogueLine(speaker="许爷爷", text="我在呢，快进来坐。"),
        ],
        characters=["林夏", "许爷爷"],
    )
    mended = without_the_absent(scene, "有一天许爷爷没有来开门。", ["林夏", "许爷爷"])
    assert mended.action == ["林夏敲了敲门。", "许爷爷的门紧闭着，没有动静。"]
    assert [line.speaker for line in mended.dialogue] == ["林夏"]
    assert mended.characters == ["林夏"]


def test_a_beat_with_everyone_there_leaves_the_scene_alone() -> None:
    scene = Scene(
        number=1,
        place="Porch",
        action=["Grandpa opens the door."],
        dialogue=[DialogueLine(speaker="Grandpa", text="Come in, it is cold out there.")],
        characters=["Leo", "Grandpa"],
    )
    beat = "Leo brings the parcel and Grandpa opens the door."
    assert without_the_absent(scene, beat, ["Leo", "Grandpa"]) == scene
    gone = without_the_absent(scene, "Grandpa doesn't answer the door.", ["Leo", "Grandpa"])
    assert gone.dialogue == [] and gone.characters == ["Leo"]
    # A scene keeps one action line, of who is there, not the gone one's (2026-12-03, 19:45).
    assert gone.action == ["Leo is in the porch."]


def test_people_who_never_meet_are_on_screen_one_at_a_time() -> None:
    """The nurse and the baker chatted side by side in six scenes (craft bench, 2026-12-03)."""
    for idea in (
        "A nurse and the baker across the street swap notes for a whole winter without ever "
        "meeting.",
        "A lighthouse keeper and a sailor talk by radio every night but never meet.",
        "两个笔友通了十年信，却从没见过面。",
    ):
        assert idea_arc(idea).apart, idea
    assert not idea_arc("They write letters without ever speaking.").apart
    cast = ["Sam", "Alex"]
    both = "Sam and Alex swap notes on the bakery window."
    assert [beat_cast(both, cast, n, apart_among=cast) for n in range(3)] == [
        ["Sam"],
        ["Alex"],
        ["Sam"],
    ]
    assert beat_cast("Alex finds a note taped to the glass.", cast, 0, apart_among=cast) == ["Alex"]
    assert beat_cast("Snow falls on the street.", cast, 1, apart_among=cast) == ["Alex"]
    assert beat_cast(both, cast, 0) == cast
    # The beat's own list held only the nurse in every beat: the bible chooses.
    assert beat_cast("Sam looks out.", ["Sam"], 1, apart_among=["Sam", "Baker"]) == ["Sam"]
    assert beat_cast("Sam sees the baker's note.", ["Sam"], 1, apart_among=["Sam", "Baker"]) == [
        "Baker"
    ]
    assert beat_cast("Snow falls.", ["Sam"], 1, apart_among=["Sam", "Baker"]) == ["Baker"]


def test_the_one_on_screen_keeps_the_scene_and_the_other_leaves_it() -> None:
    scene = Scene(
        number=2,
        place="Bakery window",
        action=["Sam tapes a note to the glass.", "Alex leans in to read it."],
        dialogue=[
            DialogueLine(speaker="Sam", text="I hope he finds this before dawn."),
            DialogueLine(speaker="Alex", text="I found it, Sam."),
        ],
        characters=["Sam", "Alex"],
    )
    alone = without_people(scene, ["Alex"])
    assert alone.action == ["Sam tapes a note to the glass."]
    baker = scene.model_copy(update={"action": ["Sam waits.", "The baker stands at the door."]})
    assert without_people(baker, ["Baker"]).action == ["Sam waits."]
    assert [line.speaker for line in alone.dialogue] == ["Sam"] and alone.characters == ["Sam"]


def test_the_one_on_screen_is_named_by_a_role_as_well_as_a_name() -> None:
    """ "Baker" became Alex, and the beats still said "the baker" (2026-12-03)."""
    roles = {"Sam": "The night-shift nurse", "Alex": "The baker across the street"}
    beats = ["Sam tapes a note to the glass.", "The baker finds the note at dawn."]
    assert [beat_cast(b, ["Sam"], n, apart_among=roles) for n, b in enumerate(beats)] == [
        ["Sam"],
        ["Alex"],
    ]
    zh = {"林夏": "夜班护士", "许言": "面包师"}
    both = "许言和林夏互留纸条。"
    assert [beat_cast(both, ["林夏"], n, apart_among=zh) for n in range(2)] == [["林夏"], ["许言"]]


def test_beats_that_name_both_take_turns_whoever_they_name_first() -> None:
    """Rerun (the nurse and the baker, 2026-12-03): "Sam sits at her desk… Alex walks in",
    "Alex enters the shop… Sam watches him", "Sam notices…", "Alex tells Sam…": taken in
    each summary's own order, the turns put Sam on screen in all seven scenes."""
    roles = {"Sam": "The night-shift nurse", "Alex": "The baker across the street"}
    beats = [
        "Sam sits at her desk. Alex walks in and looks at her work.",
        "Alex enters the shop, looking for a new recipe. Sam watches him closely.",
        "Sam notices Alex's new notebook on her desk.",
        "Alex tells Sam about the new recipe he found.",
    ]
    shown = [beat_cast(b, ["Sam"], n, apart_among=roles) for n, b in enumerate(beats)]
    assert shown == [["Sam"], ["Alex"], ["Sam"], ["Alex"]]


def test_whom_a_never_meet_beat_says_is_gone_is_not_the_one_it_shows() -> None:
    cast = ["Sam", "Baker"]
    gone = "The baker is gone one morning; Sam finds the shop dark."
    assert [beat_cast(gone, ["Sam"], n, apart_among=cast) for n in range(3)] == [["Sam"]] * 3


def test_a_word_ending_in_no_does_not_tell_an_absence() -> None:
    """ "piano" ends in "no": the absent pianist's line was kept as telling his absence."""
    scene = Scene(
        number=1,
        place="Music room",
        action=["Mia waits by the window.", "Leo plays the piano.", "Leo's chair is empty."],
        dialogue=[],
        characters=["Mia", "Leo"],
    )
    mended = without_people(scene, ["Leo"])
    assert mended.action == ["Mia waits by the window.", "Leo's chair is empty."]


def test_who_never_meet_say_no_goodbye_to_each_other() -> None:
    """Alone at the window, the nurse told the baker she never meets "I'll see you
    tomorrow." (the nurse and the baker, 2026-12-03)."""
    from film.quality.story.apart import kept_apart

    scene = Scene(
        number=1,
        place="Bakery window",
        action=["Sam reads the note.", "Alex kneads dough."],
        dialogue=[
            DialogueLine(speaker="Sam", text="Thank you for the note. I'll see you tomorrow."),
            DialogueLine(speaker="Sam", text="Goodbye!"),
            DialogueLine(speaker="Alex", text="Nice to meet you."),
            DialogueLine(speaker="Sam", text="I wish I could see your face once."),
            # Recorded (craft bench, 2026-12-04): as if they had met.
            DialogueLine(speaker="Sam", text="I'm glad. I can't wait to meet you again."),
            # The baker of her (2026-12-05).
            DialogueLine(speaker="Sam", text="I can't wait to meet her again. I hope so."),
        ],
        characters=["Sam", "Alex"],
    )
    apart = kept_apart(scene, ["Alex"])
    assert [line.text for line in apart.dialogue] == [
        "Thank you for the note.",
        "I wish I could see your face once.",
        "I'm glad.",
        "I hope so.",
    ]
    assert apart.action == ["Sam reads the note."]
    zh = Scene(
        number=2,
        place="面包店橱窗",
        action=["林夏读着纸条。"],
        dialogue=[DialogueLine(speaker="林夏", text="谢谢你的面包。明天见！")],
        characters=["林夏"],
    )
    assert kept_apart(zh, ["许言"]).dialogue[0].text == "谢谢你的面包。"


def test_who_never_meet_do_not_remember_meeting() -> None:
    """Recorded (the nurse, alone at the window, craft bench, 2026-12-04): "It was nice
    meeting you.", "It has been a long time since we met.", "We talked about the bakery"."""
    from film.quality.story.apart import kept_apart

    said = (
        "I'm sorry, but I can't read it. It was nice meeting you. I hope we can meet again "
        "soon. It has been a long time since we met. We talked about the bakery. "
        "We had a nice conversation. I hope we can meet someday."
    )
    scene = Scene(
        number=1,
        place="Bakery window",
        action=["Sam reads the note."],
        dialogue=[DialogueLine(speaker="Sam", text=said)],
        characters=["Sam"],
    )
    kept = kept_apart(scene, ["Alex"]).dialogue[0].text
    assert kept == "I'm sorry, but I can't read it. I hope we can meet someday."
    # Nor is the prompt's "not here" filmed: a camera cannot show an absence.
    told = scene.model_copy(
        update={"action": ["The baker across the street is not here.", "Sam reads the note."]}
    )
    assert kept_apart(told, ["Alex"]).action == ["Sam reads the note."]
    zh = Scene(
        number=2,
        place="面包店橱窗",
        action=["林夏读着纸条。"],
        dialogue=[DialogueLine(speaker="林夏", text="又见面了。我们聊过很多次。这张纸条真暖。")],
        characters=["林夏"],
    )
    assert kept_apart(zh, ["许言"]).dialogue[0].text == "这张纸条真暖。"


def test_who_never_meet_find_the_others_note_and_do_not_watch_them() -> None:
    """Recorded (the nurse and the baker, craft bench, 2026-12-04): in Ben's scene, "Ben
    sits in his house, looking out the window at Lily." and "…finds Ben's note there."."""
    from film.quality.story.apart import kept_apart

    scene = Scene(
        number=2,
        place="The baker's house",
        action=[
            "Ben sits in his house, looking out the window at Lily.",
            "Ben goes back to his house and finds Ben's note there.",
        ],
        characters=["Ben"],
    )
    assert kept_apart(scene, ["Lily"]).action == [
        "Ben goes back to his house and finds Lily's note there."
    ]
    # Nor stare out at each other or watch (the rerun, 2026-12-04).
    watching = scene.model_copy(
        update={
            "action": [
                "Ben stands at the window, staring out at Lily.",
                "Ben continues to watch Lily from the bakery window.",
                "Ben kneads the dough.",
            ]
        }
    )
    assert kept_apart(watching, ["Lily"]).action == ["Ben kneads the dough."]
    # Reading what the other left is no seeing them (看许言留下的纸条).
    notes = Scene(
        number=1,
        place="面包店",
        action=["林夏想看他留下的纸条。", "林夏看许言发来的照片。", "林夏看着许言。"],
        characters=["林夏"],
    )
    assert kept_apart(notes, ["许言"]).action == notes.action[:2]
    zh = Scene(number=2, place="面包店", action=["许言发现了许言的纸条。"], characters=["许言"])
    assert kept_apart(zh, ["林夏"]).action == ["许言发现了林夏的纸条。"]


def test_who_never_meet_do_not_greet_each_other_as_there() -> None:
    """Rerun (the nurse and the baker, 2026-12-03): alone at the window, the nurse said
    "Alex? It's you! I've been looking for you everywhere." to the baker she never meets."""
    from film.quality.story.apart import kept_apart

    said = "Alex? It's you! I've been looking for you everywhere. It's you who writes."
    scene = Scene(
        number=3,
        place="Bakery window",
        action=["Sam smiles."],
        dialogue=[DialogueLine(speaker="Sam", text=said)],
        characters=["Sam"],
    )
    apart = kept_apart(scene, ["Alex"])
    assert apart.dialogue[0].text == "I've been looking for you everywhere. It's you who writes."
    zh = Scene(
        number=4,
        place="面包店橱窗",
        action=["林夏读着纸条。"],
        dialogue=[DialogueLine(speaker="林夏", text="许言？你终于来了！这张纸条真好看。")],
        characters=["林夏"],
    )
    assert kept_apart(zh, ["许言"]).dialogue[0].text == "这张纸条真好看。"


def test_the_other_leaves_a_never_meet_scene_by_their_role_too() -> None:
    """ "The baker stands at the door" stayed in the nurse's scene once Baker was Alex."""
    from film.quality.story.apart import kept_apart

    roles = {"Sam": "The night-shift nurse", "Alex": "The baker across the street"}
    scene = Scene(
        number=1,
        place="Bakery window",
        action=["Sam waits.", "The baker stands at the door.", "The nurse smiles."],
        dialogue=[DialogueLine(speaker="Sam", text="Another note.")],
        characters=["Sam"],
    )
    assert kept_apart(scene, ["Alex"], roles).action == ["Sam waits.", "The nurse smiles."]


def test_who_never_meet_are_not_seen_by_each_other_or_drawn_together() -> None:
    """Recorded (the nurse and the baker, 2026-12-03, 19:10): "Alex looks up at Sam through
    the window." in Alex's scene, and Sam's note drew "Alex reading a note …, Sam standing
    in the background watching him."."""
    from film.quality.story.apart import kept_apart

    roles = {"Sam": "The night-shift nurse", "Alex": "The baker across the street"}
    scene = Scene(
        number=2,
        place="Bakery window",
        action=[
            "Sam looks at Alex with a puzzled expression.",
            "Sam notices Alex's note on the window.",
            "Sam reads a note from Alex.",
            "Sam looks up at the baker through the glass.",
        ],
        dialogue=[DialogueLine(speaker="Sam", text="Another note.")],
        visual="Alex reading a note, Sam watching him. Warm light on the note from Alex.",
        characters=["Sam"],
    )
    apart = kept_apart(scene, ["Alex"], roles)
    assert apart.action == ["Sam notices Alex's note on the window.", "Sam reads a note from Alex."]
    assert apart.visual == "Warm light on the note from Alex."
    zh = Scene(
        number=3,
        place="面包店橱窗",
        action=["林夏隔着玻璃看着许言。", "林夏看到许言的纸条。"],
        dialogue=[],
        visual="许言在揉面。暖光照着许言留下的纸条。",
        characters=["林夏"],
    )
    alone = kept_apart(zh, ["许言"])
    assert alone.action == ["林夏看到许言的纸条。"] and alone.visual == "暖光照着许言留下的纸条。"


def test_the_never_meet_notes_read_back_as_action_are_struck() -> None:
    """Recorded (the nurse and the baker, 2026-12-03, 19:30): the scene task's arc note came
    back as action lines, "Alex is not here and never meets Sam; Sam talks to themself or
    reads what Alex left." and "Alex does not appear in this scene."; and in her scene,
    "Sam turns around to see Alex standing by the window."."""
    from film.quality.mend import drop_copied_lines
    from film.quality.story.apart import kept_apart

    scene = Scene(
        number=5,
        place="Bakery window",
        action=[
            "Sam reads the note.",
            "Alex is not here and never meets Sam; Sam talks to themself or reads what Alex left.",
            "Alex does not appear in this scene.",
            "Sam turns around to see Alex standing by the window.",
            "林夏自言自语，或读出许言留下的话。",
        ],
        dialogue=[DialogueLine(speaker="Sam", text="Another note.")],
        characters=["Sam"],
    )
    assert kept_apart(drop_copied_lines(scene, []), ["Alex"]).action == ["Sam reads the note."]


def test_the_tail_of_a_line_broken_in_two_is_no_action_line() -> None:
    from film.quality.mend import mend_edges

    scene = Scene(
        number=4,
        place="Bakery window",
        action=["Alex smiles.", "the baker's note again and realizes it has been there."],
        characters=["Alex"],
    )
    assert mend_edges(scene).action == ["Alex smiles."]
    alone = scene.model_copy(update={"action": scene.action[1:]})
    assert mend_edges(alone).action == ["Alex is in the bakery window."]


def test_who_never_meet_are_not_drawn_together_or_looking_at_each_other() -> None:
    """Rerun (the nurse and the baker, 2026-12-03): "Sam sits on the window sill, looking
    at Alex.", "Sam and Alex enter the bakery.", "They look at each other one last time"."""
    from film.quality.story.apart import kept_apart

    scene = Scene(
        number=5,
        place="Bakery",
        action=[
            "Sam sits on the window sill, looking at Alex.",
            "Sam and Alex enter the bakery.",
            "They look at each other one last time.",
            "Sam reads the note Alex left.",
            "Sam writes back to him, as they write to each other every night.",
        ],
        characters=["Sam"],
    )
    assert kept_apart(scene, ["Alex"]).action == [
        "Sam reads the note Alex left.",
        "Sam writes back to him, as they write to each other every night.",
    ]


def test_who_never_meet_are_not_drawn_together_in_the_visual_note() -> None:
    """Rerun (the nurse and the baker, 2026-12-03, 22:57): Sam's scene's note "Light
    frames show Sam and Alex's faces staring at each other"; "Alex finds Sam in the shop"."""
    from film.quality.story.apart import kept_apart

    scene = Scene(
        number=3,
        place="Office",
        visual="Soft, warm lighting. Light frames show Sam and Alex's faces staring at each other.",
        action=["Sam reads the note aloud to herself.", "Sam finds Alex in the shop again."],
        characters=["Sam"],
    )
    apart = kept_apart(scene, ["Alex"])
    assert apart.visual == "Soft, warm lighting."
    assert apart.action == ["Sam reads the note aloud to herself."]


def test_who_never_meet_do_not_watch_a_him_who_is_not_there() -> None:
    """Rerun (the nurse and the baker, 2026-12-03, 22:57): "Sam watches him closely." alone in
    her office; looking at a thing of hers or at the note stays."""
    from film.quality.story.apart import kept_apart

    scene = Scene(
        number=1,
        place="Office",
        action=[
            "Sam sits at her desk.",
            "Sam watches him closely.",
            "Sam looks at her notes.",
            "Sam looks at the note on the glass.",
        ],
        characters=["Sam"],
    )
    assert kept_apart(scene, ["Alex"]).action == [
        "Sam sits at her desk.",
        "Sam looks at her notes.",
        "Sam looks at the note on the glass.",
    ]


def test_what_people_who_never_meet_pass_between_them() -> None:
    """Recorded (craft bench, 2026-12-04): the nurse's notes on the bakery window became "an
    old notebook" found, lost and handed back; the plan now says who leaves one."""
    from film.quality.story.apart import exchanged
    from film.quality.story.arc import idea_arc

    nurse = (
        "A night-shift nurse and the baker across the street swap notes on the bakery window "
        "for a whole winter without ever meeting."
    )
    assert exchanged(nurse) == ("note", "on the bakery window")
    wall = "Two strangers exchange letters through a hole in the library wall until spring."
    assert exchanged(wall) == ("letter", "through a hole in the library wall")
    zh = "护士和面包师在面包店橱窗上互相留纸条，整整一个冬天都没有见过面。"
    assert exchanged(zh) == ("纸条", "在面包店橱窗上")
    assert idea_arc(zh).apart  # 都没有见过面 is never too
    assert exchanged("A lighthouse keeper watches the sea.") == ("", "")


def test_someone_waited_for_is_not_there_before_the_turn_brings_them() -> None:
    """Recorded (offline draft, 2026-12-04): "A girl waits at the train station every Friday
    for her pen pal, until he finally steps off the last train of the summer" had the pen
    pal on the platform from scene 1, thanking her."""
    from film.quality.story.apart import awaited
    from film.quality.story.arc import idea_arc

    idea = (
        "A girl waits at the train station every Friday for her pen pal, until he finally "
        "steps off the last train of the summer."
    )
    people = {"Samantha": "girl", "Tommy": "pen pal"}
    assert awaited(idea, idea_arc(idea).turn, people) == "Tommy"
    lamp = "A lighthouse keeper spends his last night at the lamp."
    assert awaited(lamp, idea_arc(lamp).turn, {"John": "keeper"}) == ""
    # A wait that ends in no one's coming leaves everyone where they are.
    bus = "She waits for her father every night, until she learns to drive herself."
    assert awaited(bus, idea_arc(bus).turn, {"Mia": "girl", "Li": "father"}) == ""

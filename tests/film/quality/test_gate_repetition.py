"""No repeated lines, duplicated scenes or n-gram loops."""

from __future__ import annotations

from gate_kit import GOOD_FILMS, Beat, brief_for, family_film, fired_ids

from film.quality import Brief, check_beats, check_bible, check_screenplay
from film.quality.fields import VisibleText
from film.quality.repetition import check_loops, check_repeated_lines
from film.screenplay import DialogueLine

# Recorded from the 1.5B model (zh-ancient-painter, scene 3): one line, then again less one 的.
PAINTER_LINE = (
    "女侍者试图再次出现并攻击李明，但李明迅速反应过来，拿起她的画笔在画中涂上了更多的秘密信息。"
)
PAINTER_LINE_AGAIN = (
    "女侍者试图再次出现并攻击李明，但李明迅速反应过来，拿起她的画笔在画中涂上了更多秘密信息。"
)


def test_a_repeated_action_line_is_caught() -> None:
    film, idea = family_film()
    scenes = list(film.scenes)
    scenes[2] = scenes[2].model_copy(update={"action": [*scenes[2].action, scenes[0].action[0]]})
    findings = check_screenplay(film.model_copy(update={"scenes": scenes}), brief_for(film, idea))
    repeated = [f for f in findings if f.check == "repetition.line"]
    assert [f.path for f in repeated] == ["scenes[2].action[1]"]
    assert "from scene 1" in repeated[0].message


def test_short_lines_may_recur() -> None:
    fields = [
        VisibleText("scenes[0].dialogue[0].text", "line", "Mum!"),
        VisibleText("scenes[1].dialogue[0].text", "line", "Mum!"),
        VisibleText("scenes[0].dialogue[1].text", "line", "好。"),
        VisibleText("scenes[1].dialogue[1].text", "line", "好。"),
    ]
    assert check_repeated_lines(fields) == []


def test_a_duplicated_scene_is_caught() -> None:
    film, idea = family_film()
    copy = film.scenes[1].model_copy(update={"number": 4, "place": "Bus depot"})
    bad = film.model_copy(update={"scenes": [*film.scenes, copy]})
    findings = check_screenplay(bad, brief_for(bad, idea, target_s=None))
    assert ("repetition.scene", "scenes[3]") in {(f.check, f.path) for f in findings}


def test_an_ngram_loop_is_caught() -> None:
    looping = "the bus goes round the bus goes round the bus goes round and round"
    assert [f.check for f in check_loops([VisibleText("logline", "logline", looping)])] == [
        "repetition.loop"
    ]
    chinese = "奶奶包饺子奶奶包饺子奶奶包饺子"
    assert check_loops([VisibleText("scenes[0].action[0]", "action", chinese)])


def test_laughter_and_calls_are_not_loops() -> None:
    for text in ("哈哈哈哈哈哈哈哈", "No, no, no, no, no!", "Run, Lily, run!"):
        assert check_loops([VisibleText("scenes[0].dialogue[0].text", "line", text)]) == []


def test_a_looping_dialogue_line_is_caught_in_a_screenplay() -> None:
    film, idea = family_film()
    scenes = list(film.scenes)
    line = DialogueLine(speaker="Lily", text="I love the bus, I love the bus, I love the bus")
    scenes[0] = scenes[0].model_copy(update={"dialogue": [line]})
    bad = film.model_copy(update={"scenes": scenes})
    assert "repetition.loop" in fired_ids(
        check_screenplay(bad, brief_for(bad, idea, target_s=None))
    )


def test_beats_that_repeat_are_caught() -> None:
    beats = [
        Beat("Bus depot", "DAWN", "Grandpa Joe shows Lily his old green bus.", ("Lily",)),
        Beat("Old green bus", "DAY", "Grandpa Joe shows Lily his old green bus.", ("Lily",)),
        Beat("River stop", "DUSK", "Lily rings the bell one last time.", ("Lily",)),
    ]
    findings = check_beats(beats, Brief(idea="x"), characters=["Lily"])
    assert {"repetition.line", "repetition.scene"} <= fired_ids(findings)


def test_a_beat_an_earlier_one_holds_whole_is_a_repeat() -> None:
    """Recorded (小区保安大爷抓橘猫, 2026-12-01): beat 2 was beat 1's last sentence."""
    from film.quality import repeated_indices

    guard = [
        "保安大爷拿着天罗地网，站在小区门口。保安大爷在寻找偷外卖的人。",
        "保安大爷在寻找偷外卖的人。",
        "保安大爷在寻找偷外卖的人。最后抓到的却是一只橘猫。",
    ]
    assert repeated_indices(guard) == [1]
    # Only whole words and clauses count, and a short step may recur.
    assert repeated_indices(["Joanna waits at the stop.", "Anna waits at the stop."]) == []
    assert repeated_indices(["Lily runs home, crying.", "Lily runs."]) == []


def test_good_films_do_not_repeat_themselves() -> None:
    for make in GOOD_FILMS.values():
        film, idea = make()
        assert not [
            f for f in check_screenplay(film, brief_for(film, idea)) if f.family == "repetition"
        ]


def test_a_person_who_copies_another_persons_look_is_caught_while_drafting() -> None:
    film, idea = family_film()
    lead = film.characters[0]
    cat = lead.model_copy(update={"name": "Ginger", "role": "the orange cat"})
    bible = [*film.characters, cat]
    findings = check_bible(bible, brief_for(film, idea), distinct=True)
    copied = [f for f in findings if f.check == "repetition.character"]
    assert [f.path for f in copied] == [
        f"characters[{len(bible) - 1}].look",
        f"characters[{len(bible) - 1}].wardrobe",
    ]
    assert "Ginger's look copies" in copied[0].message
    # A finished film is not refused for it: the form repair's plain entries are alike.
    assert "repetition.character" not in fired_ids(check_bible(bible, brief_for(film, idea)))


def test_the_good_films_have_people_who_look_different() -> None:
    for make in GOOD_FILMS.values():
        film, idea = make()
        found = check_bible(film.characters, brief_for(film, idea), distinct=True)
        assert "repetition.character" not in fired_ids(found)


def test_a_person_added_later_must_not_copy_someone_already_in_the_bible() -> None:
    film, idea = family_film()
    lead = film.characters[0]
    added = lead.model_copy(update={"name": "Ginger", "role": "the orange cat"})
    own = added.model_copy(
        update={"look": "orange tabby, one torn ear", "wardrobe": "a red collar"}
    )
    brief = brief_for(film, idea)
    found = check_bible([added], brief, distinct=True, beside=film.characters)
    copied = [f for f in found if f.family == "repetition"]
    assert [(f.check, f.path) for f in copied] == [
        ("repetition.character", "characters[0].look"),
        ("repetition.character", "characters[0].wardrobe"),
    ], "paths point into the new entries, not the whole bible"
    assert f"Ginger's look copies {lead.name}'s" in copied[0].message
    assert "repetition.character" not in fired_ids(
        check_bible([own], brief, distinct=True, beside=film.characters)
    )
    # The people already there are not judged again, even when they are alike.
    twins = [lead, lead.model_copy(update={"name": "Twin"})]
    assert "repetition.character" not in fired_ids(
        check_bible([own], brief, distinct=True, beside=twins)
    )


def test_a_near_repeat_is_caught_and_an_echo_of_one_word_is_not() -> None:
    fields = [
        VisibleText(
            "scenes[2].action[3]",
            "action",
            PAINTER_LINE,
        ),
        VisibleText(
            "scenes[2].action[4]",
            "action",
            PAINTER_LINE_AGAIN,
        ),
        VisibleText("scenes[3].action[0]", "action", "Nan folds the last dumpling."),
        VisibleText("scenes[3].action[1]", "action", "Nan folds the first dumpling for Leo."),
    ]
    found = check_repeated_lines(fields)
    assert [f.path for f in found] == ["scenes[2].action[4]"]


def test_a_look_that_is_another_persons_whole_with_a_lead_in_is_a_copy() -> None:
    """Recorded (en-romance-lift, 2026-12-02): Jamie's look was Alex's less "Alex has"."""
    from film.quality.people.copies import check_copied_people

    alex = "Alex has short brown hair and glasses. He is wearing a blue shirt with black pants."
    jamie = "short brown hair and glasses. He is wearing a blue shirt with black pants."
    found = check_copied_people([("Alex", alex, "blue shirt"), ("Jamie", jamie, "grey hoodie")])
    assert [(f.check, f.path) for f in found] == [("repetition.character", "characters[1].look")]
    # A short shared piece is two people dressed alike, not a copy.
    assert check_copied_people([("A", "tall, blue jeans", ""), ("B", "blue jeans", "")]) == []


def test_a_look_of_the_same_words_in_another_order_is_a_copy() -> None:
    """The two rival captains were drawn as twins (en-romance-lift, 2026-12-02)."""
    from film.quality.people.copies import check_copied_people

    alex = (
        "Alex has short brown hair and glasses. He is wearing a blue shirt with black pants. "
        "His shoes are black."
    )
    jamie = "short brown hair, glasses, blue shirt with black pants, black shoes, backpack"
    (finding,) = check_copied_people([("Alex", alex, "a blue shirt"), ("Jamie", jamie, "jeans")])
    assert finding.path == "characters[1].look" and "Jamie's look copies Alex's" in finding.message
    girl = ("A", "二十岁的女孩，长发，穿白色连衣裙", "白色连衣裙")
    boy = ("B", "二十岁的男孩，短发，穿黑色夹克", "黑色夹克")
    assert check_copied_people([girl, boy]) == []  # two people of one age, nothing else shared
    assert check_copied_people([("C", "tall, grey hair", "x"), ("D", "grey hair, tall", "y")]) == []


def test_a_name_said_twice_before_its_verb_is_said_once() -> None:
    """Recorded (craft bench, the lighthouse, 2026-12-04): "John, John, watches his lamp"."""
    from film.quality.mend.lines import cut_loop

    assert cut_loop("John, John, watches his lamp.") == "John watches his lamp."
    # A deed done again with a manner (the dumplings, 2026-12-04); a call said twice stays.
    assert cut_loop("孙子点点头，轻轻地点点头。") == "孙子点点头。"
    assert cut_loop("快跑，快跑！") == "快跑，快跑！"
    for call in ("Bob, Bob! Wait.", "No, no, no, no, no!", "Run, Lily, run!"):
        assert cut_loop(call) == call

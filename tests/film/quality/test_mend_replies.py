"""An answer written under the asker's name goes to the other of a scene's two people."""

from __future__ import annotations

from film.quality.mend import handed_over, join_runs
from film.screenplay import DialogueLine, Scene


def _scene(lines: list[tuple[str, str]], cast: list[str] | None = None) -> Scene:
    return Scene(
        number=1,
        place="BUS STOP",
        action=["Rain on the shelter roof."],
        dialogue=[DialogueLine(speaker=who, text=text) for who, text in lines],
        characters=cast if cast is not None else sorted({who for who, _ in lines}),
    )


def _said(scene: Scene) -> list[tuple[str, str]]:
    return [(line.speaker, line.text) for line in scene.dialogue]


def test_a_cue_that_answers_the_same_speakers_last_cue_is_the_other_persons() -> None:
    # Recorded (en-family-bus, 2026-12-01): Anna says both halves of the exchange.
    scene = _scene(
        [
            ("Bob", "The bus leaves at six."),
            ("Anna", "Come on, we need to go now."),
            ("Anna", "Okay, let's go."),
            ("Anna", "Can you wait?"),
        ]
    )
    assert _said(handed_over(scene)) == [
        ("Bob", "The bus leaves at six."),
        ("Anna", "Come on, we need to go now."),
        ("Bob", "Okay, let's go."),
        ("Anna", "Can you wait?"),
    ]


def test_a_speaker_who_asks_and_talks_on_keeps_both_cues() -> None:
    # Recorded (饺子里的叮嘱 and 小明的街舞梦想, 2026-12-01): handed over after a question,
    # the second cue made the grandson answer himself and the father say the son's words.
    dumplings = _scene(
        [
            ("李奶奶", "怎么教我包饺子呢？"),
            ("李奶奶", "你快点做，我一会儿就给你包好。"),
            ("孙子", "好的，谢谢您！"),
        ]
    )
    assert handed_over(dumplings) is dumplings
    dance = _scene(
        [
            ("小明", "那我们什么时候开始呢？"),
            ("小明", "我也想学，但爸爸不同意。"),
            ("爸爸", "周末吧，我们可以一起练习。"),
        ]
    )
    assert handed_over(dance) is dance


def test_an_answer_is_not_handed_to_someone_about_to_speak_anyway() -> None:
    scene = _scene([("许言", "你明天还来吗？"), ("许言", "好的，我等你。"), ("林夏", "嗯。")])
    assert handed_over(scene) is scene


def test_an_answer_inside_one_speech_is_split_off_and_the_turns_alternate() -> None:
    # Recorded (en-family-bus, 2026-12-01 17:27 run): one cue, two people talking.
    scene = _scene(
        [
            ("Grandpa Joe", "Here we are, the old cinema."),
            (
                "Lily",
                "The movie is amazing! I haven't seen this before. Yes, but I can't afford it "
                "right now. Yeah, maybe we could go to a museum or a park.",
            ),
        ]
    )
    assert _said(handed_over(scene)) == [
        ("Grandpa Joe", "Here we are, the old cinema."),
        ("Lily", "The movie is amazing! I haven't seen this before."),
        ("Grandpa Joe", "Yes, but I can't afford it right now."),
        ("Lily", "Yeah, maybe we could go to a museum or a park."),
    ]


def test_a_chinese_yes_inside_a_speech_is_the_other_persons() -> None:
    # Recorded (zh-ancient-painter, 2026-12-01): 公主 asked and answered herself.
    scene = _scene(
        [
            ("公主", "我来过这里。是的，这是我的工作。你看到了吗？"),
            ("宫廷画师", "请公主恕罪。"),
        ]
    )
    assert _said(handed_over(scene)) == [
        ("公主", "我来过这里。"),
        ("宫廷画师", "是的，这是我的工作。你看到了吗？"),
        ("宫廷画师", "请公主恕罪。"),
    ]
    # The painter's two cues are then one speech, as a screenplay writes them.
    joined = join_runs(handed_over(scene))
    assert _said(joined)[-1] == ("宫廷画师", "是的，这是我的工作。你看到了吗？请公主恕罪。")


def test_a_cheer_and_a_speech_going_on_stay_the_speakers_own() -> None:
    scene = _scene(
        [
            ("Riley", "Yes! I hit every beat. I did it."),
            ("Riley", "I'll play it again tomorrow."),
            ("Mr. Thompson", "Well played."),
        ]
    )
    assert handed_over(scene) is scene


def test_a_yes_after_the_other_persons_question_is_the_speakers_own() -> None:
    # Recorded (zh-family-streetdance, 2026-12-01): 小明 answers his father's question.
    scene = _scene(
        [
            ("爸爸", "那肯定很不容易吧？"),
            ("小明", "6点20分了。是啊，但我想让我的音乐梦想实现。"),
            ("爸爸", "那好，我支持你！"),
        ]
    )
    assert handed_over(scene) is scene


def test_both_sides_of_one_speech_are_split_even_where_the_other_was_silent() -> None:
    # Recorded (en-family-bus, 2026-12-01 17:27): John is in the scene and never speaks.
    speech = (
        "The movie is amazing! I haven't seen this before. Yes, but I can't afford it right now."
    )
    scene = _scene([("Samantha", speech)], cast=["Samantha", "John"])
    assert _said(handed_over(scene)) == [
        ("Samantha", "The movie is amazing! I haven't seen this before."),
        ("John", "Yes, but I can't afford it right now."),
    ]


def test_three_people_or_a_silent_other_are_left_as_written() -> None:
    three = _scene(
        [("Ana", "Are you coming?"), ("Ana", "Yes, we are."), ("Ben", "Wait.")],
        cast=["Ana", "Ben", "Cleo"],
    )
    assert handed_over(three) is three
    # The guard's cat is in the scene but never speaks: it is not given the guard's thanks.
    cat = _scene(
        [("保安大爷", "抓到你了吧？"), ("保安大爷", "谢谢各位邻居。")], cast=["保安大爷", "橘猫"]
    )
    assert handed_over(cat) is cat


def test_a_split_speech_keeps_its_acting_note_on_the_first_part() -> None:
    scene = Scene(
        number=1,
        place="LIFT",
        action=["The lift stops."],
        dialogue=[
            DialogueLine(speaker="Jack", text="The lift has stopped."),
            DialogueLine(
                speaker="Emily", text="Are you scared? Yes, a little.", parenthetical="softly"
            ),
        ],
        characters=["Jack", "Emily"],
    )
    lines = handed_over(scene).dialogue
    assert [(line.speaker, line.parenthetical) for line in lines] == [
        ("Jack", ""),
        ("Emily", "softly"),
        ("Jack", ""),
    ]


def test_a_split_answer_to_the_same_speaker_shifts_every_turn_by_one() -> None:
    scene = _scene(
        [
            ("Ben", "Hi."),
            ("Ana", "Are you coming?"),
            ("Ana", "Sure, soon. Yes, I am."),
            ("Ana", "Let's go."),
        ]
    )
    assert _said(handed_over(scene)) == [
        ("Ben", "Hi."),
        ("Ana", "Are you coming?"),
        ("Ben", "Sure, soon."),
        ("Ana", "Yes, I am."),
        ("Ana", "Let's go."),
    ]


def test_a_person_alone_thanks_nobody_and_a_pair_keeps_their_thanks() -> None:
    from film.quality.mend import no_answers_to_nobody

    # Recorded (craft bench, 2026-12-02): the baker alone with his notes, the keeper alone.
    alone = _scene(
        [
            ("Baker", "I hope so. Until then, enjoy your baking. You're welcome."),
            ("Baker", "Thank you."),
        ]
    )
    mended = no_answers_to_nobody(alone)
    assert _said(mended) == [("Baker", "I hope so. Until then, enjoy your baking.")]
    zh = _scene([("摄影师", "谢谢！"), ("摄影师", "太阳终于出来了。不客气。")])
    assert _said(no_answers_to_nobody(zh)) == [("摄影师", "太阳终于出来了。")]
    # ...nor the crowd that is not there: the photographer's "谢谢大家！" (2026-12-02, 17:13).
    crowd = _scene(
        [("摄影师", "今天终于拍到了第一缕光！谢谢大家！"), ("摄影师", "Thanks, everyone!")]
    )
    assert _said(no_answers_to_nobody(crowd)) == [("摄影师", "今天终于拍到了第一缕光！")]
    # A sign-off to fans (2026-12-03): "谢谢大家的祝福和支持！", "Thank you all for your support!"
    fans = _scene(
        [
            ("摄影师", "终于拍下了！谢谢大家的祝福和支持！"),
            ("摄影师", "Thank you all for your support!"),
        ]
    )
    assert _said(no_answers_to_nobody(fans)) == [("摄影师", "终于拍下了！")]
    # ...nor a goodbye (2026-12-05): "这是一张珍贵的照片，我会珍藏起来。再见！"
    bye = _scene([("摄影师", "这是一张珍贵的照片，我会珍藏起来。再见！"), ("摄影师", "Goodbye!")])
    assert _said(no_answers_to_nobody(bye)) == [("摄影师", "这是一张珍贵的照片，我会珍藏起来。")]
    pair = _scene([("Anna", "Thank you."), ("Bob", "You're welcome.")])
    assert no_answers_to_nobody(pair) is pair
    only_thanks = _scene([("Baker", "Thank you.")])
    assert no_answers_to_nobody(only_thanks) is only_thanks  # a scene keeps a line


def test_a_scene_does_not_open_on_an_echo_of_nothing() -> None:
    """An orphan "Me too." opened a scene once its line went as a repeat (2026-12-02)."""
    from film.quality.mend import no_answers_to_nobody

    orphan = Scene(
        number=2,
        place="School lift",
        characters=["Alex", "Jamie"],
        action=["The lights flicker."],
        dialogue=[
            DialogueLine(speaker="Alex", text="Me too."),
            DialogueLine(speaker="Jamie", text="Read me your opening line."),
        ],
    )
    assert [d.text for d in no_answers_to_nobody(orphan).dialogue] == ["Read me your opening line."]
    answered = orphan.model_copy(update={"dialogue": list(reversed(orphan.dialogue))})
    assert no_answers_to_nobody(answered) == answered  # it answers the line before it
    itself = DialogueLine(speaker="Jack", text="I know you're scared. But I promise. Me too.")
    echoed = orphan.model_copy(update={"dialogue": [itself, orphan.dialogue[1]]})
    assert no_answers_to_nobody(echoed).dialogue[0].text == "I know you're scared. But I promise."
    alone = orphan.model_copy(update={"dialogue": [DialogueLine(speaker="林夏", text="我也是。")]})
    assert no_answers_to_nobody(alone).dialogue == alone.dialogue  # a scene keeps a line


def test_a_welcome_opening_a_line_of_more_and_praise_of_no_idea_go() -> None:
    """Recorded (craft bench, 2026-12-03): "不客气，孩子，这就是你的家啊。" answered no
    thanks; the guard told a cat "这真是个好主意。", the grandmother praised her own question."""
    from film.quality.mend.replies import no_answers_to_nobody
    from film.screenplay import DialogueLine, Scene

    lines = [
        ("孙子", "我包好了。"),
        ("李奶奶", "不客气，孩子，这就是你的家啊。"),
        ("孙子", "谢谢奶奶。"),
        ("李奶奶", "不客气，多吃点。"),  # thanked: it stays
        ("李奶奶", "你记住这些吧？好主意！你记住了吗？"),
        ("孙子", "我们一起去吧。"),
        ("李奶奶", "好主意！"),  # answers an idea: it stays
    ]
    scene = Scene(
        number=2,
        place="厨房",
        action=["奶奶包饺子。"],
        dialogue=[DialogueLine(speaker=who, text=text) for who, text in lines],
        characters=["孙子", "李奶奶"],
    )
    assert [line.text for line in no_answers_to_nobody(scene).dialogue] == [
        "我包好了。",
        "孩子，这就是你的家啊。",
        "谢谢奶奶。",
        "不客气，多吃点。",
        "你记住这些吧？你记住了吗？",
        "我们一起去吧。",
        "好主意！",
    ]


def test_agreeing_to_a_plan_nobody_made_goes() -> None:
    """Recorded (second reader, the lift, 2026-12-05): "Yeah, let's do that." after "I'm
    excited too."."""
    from film.quality.mend.replies import no_answers_to_nobody
    from film.screenplay import DialogueLine, Scene

    lines = [
        ("Taylor", "I'm excited too."),
        ("Alex", "Yeah, let's do that."),
        ("Taylor", "Let's practise once more before the final."),
        ("Alex", "Sounds good!"),  # answers a plan: it stays
    ]
    scene = Scene(
        number=3,
        place="School lift",
        action=["The lift hums."],
        dialogue=[DialogueLine(speaker=who, text=text) for who, text in lines],
        characters=["Alex", "Taylor"],
    )
    assert [line.text for line in no_answers_to_nobody(scene).dialogue] == [
        "I'm excited too.",
        "Let's practise once more before the final.",
        "Sounds good!",
    ]


def test_a_helpers_offer_after_youre_welcome_goes() -> None:
    """Recorded (the second reader, 2026-12-03): the father answered his son's thanks with
    "不客气，有什么需要我帮忙的吗？", a chat assistant's sign-off."""
    from film.quality.mend import mend_edges

    scene = Scene(
        number=1,
        place="客厅",
        characters=["小明", "爸爸"],
        action=["小明走进客厅。"],
        dialogue=[
            DialogueLine(speaker="小明", text="谢谢你，爸爸！"),
            DialogueLine(speaker="爸爸", text="不客气，有什么需要我帮忙的吗？"),
            DialogueLine(speaker="小明", text="喂？有什么需要帮忙的吗？"),
        ],
    )
    said = [line.text for line in mend_edges(scene).dialogue]
    assert said == ["谢谢你，爸爸！", "不客气。", "喂？有什么需要帮忙的吗？"]
    offer = "You're welcome. Is there anything else I can help you with?"
    english = scene.model_copy(update={"dialogue": [DialogueLine(speaker="Dad", text=offer)]})
    assert mend_edges(english).dialogue[0].text == "You're welcome."
    # To the end of its sentence (craft bench, 2026-12-03: "不客气随时告诉我" was left).
    from film.quality.mend.small_talk import without_offer

    assert without_offer("不客气，有啥需要帮忙的随时告诉我。") == "不客气。"
    assert without_offer("不客气，有什么需要帮忙的随时告诉我。我先走了。") == "不客气。我先走了。"


def test_a_scene_does_not_open_on_thanks_for_nothing() -> None:
    """Recorded (the second reader, 2026-12-03): the street-dance film opened "谢谢你，爸爸！"
    with nothing given, and the father answered it like an assistant."""
    from film.quality.mend import no_answers_to_nobody

    scene = Scene(
        number=1,
        place="客厅",
        characters=["小明", "爸爸"],
        action=["小明走进客厅。"],
        dialogue=[
            DialogueLine(speaker="小明", text="谢谢你，爸爸！"),
            DialogueLine(speaker="爸爸", text="不客气。"),
            DialogueLine(speaker="小明", text="我想学街舞。"),
        ],
    )
    assert [d.text for d in no_answers_to_nobody(scene).dialogue] == ["我想学街舞。"]
    given = scene.model_copy(update={"action": ["爸爸递给小明一杯水。"]})
    assert no_answers_to_nobody(given) == given


def test_nobody_asks_who_the_other_is_once_they_have_been_talking() -> None:
    """Recorded (craft bench, the ginger soup, 2026-12-04): "不客气，你。你好啊，你是谁？"
    came third in the courier's talk with the old man."""
    from film.quality.mend.small_talk import greeted_once

    scene = Scene(
        number=1,
        place="独居老人家",
        dialogue=[
            DialogueLine(speaker="外卖小哥", text="你好，你是谁？"),
            DialogueLine(speaker="老人", text="我住这里。"),
            DialogueLine(speaker="外卖小哥", text="不客气，你。你好啊，你是谁？"),
            DialogueLine(speaker="老人", text="你好。进来喝碗姜汤吧。"),
            DialogueLine(speaker="外卖小哥", text="Who are you?"),
        ],
    )
    assert [line.text for line in greeted_once(scene).dialogue] == [
        "你好，你是谁？",  # the first words between them may ask
        "我住这里。",
        "不客气。",
        "进来喝碗姜汤吧。",
    ]  # a line of nothing else goes
    assert greeted_once(Scene(number=1, place="x")) == Scene(number=1, place="x")


def test_an_echo_or_a_love_said_back_answers_something_said() -> None:
    """The second reader (2026-12-04): "我也是，谢谢你。" opened a scene of the notes, and the
    bus's granddaughter said "I love you too, Grandpa." after "Thank you, Lily."."""
    from film.quality.mend.replies import no_answers_to_nobody
    from film.screenplay import DialogueLine, Scene

    bus = Scene(
        number=1,
        place="Bus",
        characters=["Bob", "Lily"],
        dialogue=[
            DialogueLine(speaker="Lily", text="Hey, Grandpa! I miss you."),
            DialogueLine(speaker="Bob", text="Thank you, Lily."),
            DialogueLine(speaker="Lily", text="I love you too, Grandpa."),
            DialogueLine(speaker="Bob", text="I love you."),
            DialogueLine(speaker="Lily", text="I love you too."),
        ],
    )
    assert [d.text for d in no_answers_to_nobody(bus).dialogue][2:] == [
        "I love you, Grandpa.",
        "I love you.",
        "I love you too.",
    ]
    notes = Scene(
        number=3,
        place="高三教室",
        characters=["陈默", "周舟"],
        dialogue=[
            DialogueLine(speaker="陈默", text="我也是，我们今天写什么？"),
            DialogueLine(speaker="周舟", text="写真心话。"),
        ],
    )
    assert no_answers_to_nobody(notes).dialogue[0].text == "我们今天写什么？"


def test_a_speech_verb_with_nothing_said_goes_from_its_line() -> None:
    from film.quality.mend.edges import whole_clauses

    assert whole_clauses("Taylor looks at Alex and says.") == "Taylor looks at Alex."
    assert whole_clauses("她看着他，说：") == "她看着他。"
    assert whole_clauses("He says hello.") == "He says hello."
    assert whole_clauses("他点头说好。") == "他点头说好。"


def test_nice_to_meet_you_is_said_only_before_they_have_talked() -> None:
    """Recorded (craft bench, the bus, 2026-12-04 21:25): the granddaughter told her
    grandfather "It's been really nice to meet you." in the middle of his last ride."""
    from film.quality.mend.small_talk import greeted_once

    scene = Scene(
        number=2,
        place="Home",
        characters=["Grandfather", "Lily"],
        action=["Grandfather looks at the clock."],
        dialogue=[
            DialogueLine(speaker="Grandfather", text="We're almost there."),
            DialogueLine(speaker="Lily", text="I can't wait!"),
            DialogueLine(speaker="Lily", text="Me too. It's been really nice to meet you."),
        ],
    )
    assert [line.text for line in greeted_once(scene).dialogue][-1] == "Me too."


def test_you_too_answers_a_wish_and_nothing_else() -> None:
    """Recorded (second readers, 2026-12-05): "You too, Taylor." after "Thanks, Alex. You're
    always there.", and "You too, old man." after a line about the view."""
    from film.quality.mend.replies import no_answers_to_nobody
    from film.screenplay import DialogueLine, Scene

    def said(*lines: tuple[str, str]) -> list[str]:
        scene = Scene(
            number=1,
            place="School lift",
            action=["The lift stops."],
            dialogue=[DialogueLine(speaker=who, text=text) for who, text in lines],
            characters=["Alex", "Taylor"],
        )
        return [line.text for line in no_answers_to_nobody(scene).dialogue]

    assert said(("Taylor", "You're always there."), ("Alex", "You too, Taylor.")) == [
        "You're always there."
    ]
    assert said(("Taylor", "Good luck tomorrow."), ("Alex", "You too, Taylor.")) == [
        "Good luck tomorrow.",
        "You too, Taylor.",
    ]
    assert said(("Taylor", "风景真美。"), ("Alex", "你也是。我们走吧。")) == [
        "风景真美。",
        "我们走吧。",
    ]
    assert said(("Taylor", "我累了。"), ("Alex", "你也是个好人。")) == [
        "我累了。",
        "你也是个好人。",
    ]


def test_thanks_again_is_thanks() -> None:
    """Recorded (craft bench, the bus, 2026-12-05): "Thank you again." after "Thank you."."""
    from film.quality.mend.small_talk import stock_kinds

    assert stock_kinds("Thank you again.") == {"thanks"}
    assert stock_kinds("Thanks again, Grandpa!") == {"thanks"}
    assert stock_kinds("再次谢谢你！") == {"thanks"}
    assert stock_kinds("Thank you again for the ride home.") == set()

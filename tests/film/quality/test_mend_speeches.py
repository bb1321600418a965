"""One speaker's run of cues becomes one speech; turns between speakers stay apart."""

from __future__ import annotations

from film.quality.debris import find_debris
from film.quality.mend import join_runs, mend_edges
from film.quality.mend.speeches import spoken_words
from film.quality.people.speech import speech_to_dialogue
from film.screenplay import DialogueLine, Scene

# Recorded from the 1.5B model: the lighthouse keeper's last night (en-scenery-lighthouse).
KEEPER = [
    "I've been watching the sea for forty years. It's a part of me.",
    "But now it's about to change.",
    "I'll watch over it one last time before it goes dark.",
    "The stars are shining brightly above me.",
    "It's a beautiful sight.",
]
# Recorded: 林夏 alone at the lake at dawn (zh-scenery-qinghai).
LAKE = [
    "终于等到了。",
    "这是一幅美丽的画面。",
    "我一定要把这个记录下来。",
    "我要把它放在我的相册里。",
]


def _scene(lines: list[tuple[str, str]], parenthetical: dict[int, str] | None = None) -> Scene:
    asides = parenthetical or {}
    return Scene(
        number=1,
        place="LIGHTHOUSE",
        action=["The lamp turns over the dark water."],
        dialogue=[
            DialogueLine(speaker=who, text=text, parenthetical=asides.get(n, ""))
            for n, (who, text) in enumerate(lines)
        ],
        characters=sorted({who for who, _ in lines}),
    )


def test_the_keepers_five_cues_are_one_speech_with_every_word_in_order() -> None:
    joined = join_runs(_scene([("John Smith", line) for line in KEEPER])).dialogue
    assert len(joined) == 1
    assert joined[0].speaker == "John Smith"
    assert joined[0].text == " ".join(KEEPER)


def test_chinese_lines_are_joined_without_spaces() -> None:
    joined = join_runs(_scene([("林夏", line) for line in LAKE])).dialogue
    assert [line.text for line in joined] == ["".join(LAKE)]


def test_a_line_without_an_end_stop_gets_one_before_the_next() -> None:
    joined = join_runs(_scene([("LILY", "I'm with you"), ("lily", "You're welcome")])).dialogue
    assert [line.text for line in joined] == ["I'm with you. You're welcome"]


def test_turns_between_two_speakers_are_left_alone() -> None:
    scene = _scene(
        [
            ("奶奶", "快趁热吃。"),
            ("孙子", "谢谢奶奶！"),
            ("奶奶", "路上小心。"),
            ("孙子", "我会的。"),
        ]
    )
    assert join_runs(scene) is scene


def test_a_run_splits_where_a_new_parenthetical_starts_and_at_the_length_limit() -> None:
    scene = _scene(
        [("ANA", "Is this the old route?"), ("ANA", "It has to be."), ("ANA", "Look!")],
        parenthetical={2: "pointing"},
    )
    assert [line.text for line in join_runs(scene).dialogue] == [
        "Is this the old route? It has to be.",
        "Look!",
    ]
    long_lines = [("ANA", f"word{n} " * 30 + "end.") for n in range(3)]
    assert len(join_runs(_scene(long_lines)).dialogue) == 2


def test_joined_chinese_sentences_keep_a_full_stop_between_them() -> None:
    """Recorded (饺子, 2026-12-01): "我们走吧" + "我来带你回家吧" read as one run-on."""
    joined = join_runs(_scene([("奶奶", "我们走吧"), ("奶奶", "我来带你回家吧")])).dialogue
    assert [line.text for line in joined] == ["我们走吧。我来带你回家吧"]


def test_a_sentence_said_again_with_a_word_changed_is_said_once() -> None:
    """Recorded (保安大爷的橘猫天罗地网, 2026-12-01): joined cues that said one thing twice."""
    scene = _scene(
        [
            ("保安大爷", "这个东西看起来很可疑。我开始用网罩住可疑的东西。"),
            ("保安大爷", "现在，我再用网罩住可疑的东西。"),
            ("保安大爷", "我需要先找到橘猫的位置。我需要先找到橘猫的毛色和体型。"),
        ]
    )
    assert [line.text for line in join_runs(scene).dialogue] == [
        "这个东西看起来很可疑。我开始用网罩住可疑的东西。我需要先找到橘猫的位置。"
    ]
    twice = _scene([("保安大爷", "快！快！我要抓住他。我要抓住他。")])
    assert [line.text for line in join_runs(twice).dialogue] == ["快！快！我要抓住他。"]
    # The end of a sentence said again (手机天花板, 2026-12-01), and an English sentence
    # said twice with one word changed (The Last Bus Home, 2026-12-01).
    tail = _scene([("奶奶", "好的，我先给你看。我先给你看。")])
    assert [line.text for line in join_runs(tail).dialogue] == ["好的，我先给你看。"]
    english = _scene([("Grandfather", "I miss you too. I missed you too. Come home.")])
    assert [line.text for line in join_runs(english).dialogue] == ["I miss you too. Come home."]
    # Short answers and a sentence the other one only begins like are not repeats.
    kept = _scene([("奶奶", "我爱你。我也爱你。"), ("Sam", "Mr. Smith is here. He is here.")])
    assert join_runs(kept) == kept
    different = _scene([("奶奶", "我们一起去看看吧。"), ("奶奶", "我们一起去吃饭吧。")])
    assert [line.text for line in join_runs(different).dialogue] == [
        "我们一起去看看吧。我们一起去吃饭吧。"
    ]


# Recorded from the 1.5B model (抓偷外卖的橘猫, 2026-12-01): a little script inside cues, and a
# lengthening answer spelled one character at a time. All of it reached a passed screenplay.
GUARD = [
    ("保安大爷", "保 安 大我 布 网 了 每 一 个 小 户橘猫趁机逃跑了"),
    ("保安大爷", "保安大爷：抓到你了！"),
    ("橘猫", "橘猫：（跑）"),
    ("保安大爷", "别跑了，我抓到你了！保安大爷：快点跑，我马上报警！橘猫：（跑）橘猫：（跑）"),
]


def test_each_cue_keeps_only_its_speakers_words() -> None:
    scene = _scene(GUARD).model_copy(update={"action": ["保安大爷布网", "保 安 大 爷 布 网"]})
    mended = mend_edges(scene)
    assert [(line.speaker, line.text) for line in mended.dialogue] == [
        ("保安大爷", "抓到你了！"),
        ("保安大爷", "别跑了，我抓到你了！"),
    ]
    assert mended.action == ["保安大爷布网。"]  # and ends on a stop


def test_a_name_inside_a_sentence_is_not_a_label() -> None:
    assert spoken_words("I told Sam: go home.", "Ana", ["Ana", "Sam"]) == "I told Sam: go home."
    assert spoken_words("Ana: I know. Sam: you do?", "Ana", ["Ana", "Sam"]) == "I know."
    assert spoken_words("(runs)", "Sam", ["Sam"]) == ""


def test_letters_spelled_apart_are_debris_the_gate_names() -> None:
    assert find_debris("保 安 大我 布 网 了") == "letters spelled apart"
    assert find_debris("保安大爷布网了，橘猫 趁机逃跑") is None


def test_a_doubled_chinese_full_stop_is_one() -> None:
    scene = _scene([("橘猫", "你猜我是谁？")]).model_copy(
        update={"action": ["保安大爷和橘猫在办公室里玩着捉迷藏游戏。。"]}
    )
    assert mend_edges(scene).action == ["保安大爷和橘猫在办公室里玩着捉迷藏游戏。"]


def test_an_exchange_written_as_script_cues_in_the_action_is_dialogue() -> None:
    """Recorded (en-ancient-letter, 2026-12-01): five cues came back as action lines."""
    scene = Scene(
        number=4,
        place="INN",
        action=[
            "The swordswoman enters the inn, snow on her cloak.",
            "Father: Good evening. How can I help you?",
            "The swordswoman: Father, please deliver my sealed letter.",
            "Father looks at the seal: it is the general's.",
        ],
        dialogue=[DialogueLine(speaker="Father", text="Of course.")],
        characters=["Father", "The swordswoman"],
    )
    moved = speech_to_dialogue(scene, ["Father", "The swordswoman"])
    assert moved.action == [
        "The swordswoman enters the inn, snow on her cloak.",
        "Father looks at the seal: it is the general's.",
    ]
    assert [(d.speaker, d.text) for d in moved.dialogue] == [
        ("Father", "Good evening. How can I help you?"),
        ("The swordswoman", "Father, please deliver my sealed letter."),
        ("Father", "Of course."),
    ]


def test_a_chinese_exchange_in_one_action_line_is_its_turns_in_order() -> None:
    """Recorded (craft bench, the guard, 2026-12-03): two turns, a quoted name and empty
    quotes in one action line, lettered on the picture, and a cue's name left as action."""
    scene = Scene(
        number=3,
        place="卧室",
        action=[
            "保安大爷对着橘猫说：“你这只橘猫怎么这么可爱？”，“橘猫”回答道：“我只是来捕捉"
            "偷外卖的贼的，你干嘛？”，“”",
            "保安大爷。",
            "保安大爷拿起手电筒。",
        ],
        dialogue=[DialogueLine(speaker="保安大爷", text="你这只橘猫怎么这么可爱？")],
        characters=["保安大爷", "橘猫"],
    )
    moved = speech_to_dialogue(scene, ["保安大爷", "橘猫"])
    assert moved.action == ["保安大爷拿起手电筒。"]
    assert [(d.speaker, d.text) for d in moved.dialogue] == [
        ("保安大爷", "你这只橘猫怎么这么可爱？"),
        ("橘猫", "我只是来捕捉偷外卖的贼的，你干嘛？"),
    ]


def test_nobody_calls_out_their_own_name() -> None:
    """Recorded (画师的秘密, 2026-12-01): 公主 asked "公主，你看到那张纸条了吗？"."""
    assert spoken_words("公主，你看到那张纸条了吗？", "公主", ["公主"]) == "你看到那张纸条了吗？"
    assert spoken_words("Riley, don't give up.", "Riley", ["Riley"]) == "Don't give up."
    assert spoken_words("Riley, don't give up.", "Coach", ["Riley"]) == "Riley, don't give up."
    # Nor at a sentence's end (纸条里的夏天, 2026-12-01); the one spoken to keeps their name.
    said = spoken_words("我也爱你，林夏。我爱你，许言。", "许言", ["林夏", "许言"])
    assert said == "我也爱你，林夏。我爱你。"
    assert spoken_words("I love you, Sam!", "Sam", ["Ana"]) == "I love you!"
    assert spoken_words("I love you, Sam!", "Ana", ["Sam"]) == "I love you, Sam!"


def test_a_speech_lead_ending_on_a_comma_loses_its_lead() -> None:
    """Recorded (Grandma's Dumpling Lesson, 2026-12-01): "… on Grandma's shoulder and says,"."""
    scene = _scene([("Sam", "I made these dumplings for you.")]).model_copy(
        update={"action": ["Sam places his hand on Grandma's shoulder and says,"]}
    )
    assert mend_edges(scene).action == ["Sam places his hand on Grandma's shoulder."]


def test_a_run_does_not_say_a_sentence_twice_nor_speak_its_action() -> None:
    """Recorded (小区保安大爷抓橘猫, 2026-12-01): one cue said "好的，我们就在家里等一下。"
    twice, and the next spoke an action line of its scene word for word."""
    action = "保安大爷拿着橘猫去厨房，然后他发现橘猫已经不在了。"
    scene = _scene(
        [
            (
                "保安大爷",
                "好的，我们就在家里等一下。哎呀，这是谁啊？哦，好好的，我们就在家里等一下。",
            ),
            ("保安大爷", "你快点去厨房吧！" + action),
            ("保安大爷", "哎呀，这是谁啊？"),  # said already: the cue adds nothing
        ]
    ).model_copy(update={"action": [action]})
    assert [line.text for line in join_runs(scene).dialogue] == [
        "好的，我们就在家里等一下。哎呀，这是谁啊？你快点去厨房吧！"
    ]
    # Short words may come back: "Yes." is not a sentence said twice.
    yes = _scene([("ANA", "Yes. I know the way."), ("ANA", "Yes.")])
    assert [line.text for line in join_runs(yes).dialogue] == ["Yes. I know the way. Yes."]


def test_cues_that_would_loop_once_joined_stay_apart() -> None:
    """Recorded (宫廷画师, 2026-12-01): a lengthened scene's joined speech looped on
    "宫廷变乱", and the whole five-minute film was refused for it."""
    from film.quality.mend import without_loops
    from film.quality.repetition import looping_phrase

    cues = ["我们来策划一场宫廷变乱。", "这是一场宫廷变乱的秘密。", "让我们开始宫廷变乱的计划。"]
    joined = join_runs(_scene([("画师", cue) for cue in cues])).dialogue
    assert [line.text for line in joined] == [
        "我们来策划一场宫廷变乱。这是一场宫廷变乱的秘密。",
        "让我们开始宫廷变乱的计划。",
    ]
    assert not any(looping_phrase(line.text) for line in joined)
    looping = _scene([("画师", "变乱，宫廷变乱，宫廷变乱，宫廷变乱开始了。")]).model_copy(
        update={"visual": "宫廷变乱，宫廷变乱，宫廷变乱的夜晚。"}
    )
    mended = without_loops(looping)
    for before, after in (
        (looping.dialogue[0].text, mended.dialogue[0].text),
        (looping.visual, mended.visual),
    ):
        assert after and before.startswith(after) and not looping_phrase(after)
    assert without_loops(mended) is mended


def test_a_line_that_narrates_its_own_speaker_is_action() -> None:
    # Recorded (画中的秘密, 2026-12-01): the beat's words, voiced by one of its people.
    told = "公主和宫女在花园里讨论着秘密，突然发现画中的秘密已经揭开了。"
    scene = Scene(
        number=1,
        place="宫中花园",
        action=["花园里阳光明媚。"],
        dialogue=[
            DialogueLine(speaker="公主", text="我们一定要保密。"),
            DialogueLine(speaker="宫女", text=told),
            DialogueLine(speaker="画师", text="画师"),
            DialogueLine(speaker="公主", text="画师，你看这幅画。"),
            DialogueLine(speaker="画师", text="画师和公主在宫外相遇。"),
        ],
        characters=["公主", "宫女", "画师"],
    )
    moved = speech_to_dialogue(scene, ["公主", "宫女", "画师"])
    assert moved.action == ["花园里阳光明媚。", told, "画师和公主在宫外相遇。"]
    assert [(line.speaker, line.text) for line in moved.dialogue] == [
        ("公主", "我们一定要保密。"),
        ("公主", "画师，你看这幅画。"),
    ]


def test_a_name_called_or_another_person_talked_about_stays_speech() -> None:
    scene = Scene(
        number=1,
        place="BUS",
        action=["The bus pulls away."],
        dialogue=[
            DialogueLine(speaker="Anna", text="Anna! That's what he called me."),
            DialogueLine(speaker="Bob", text="Anna and I rode this route every Sunday."),
            DialogueLine(speaker="Anna", text="Bob and Anna look out of the window."),
            DialogueLine(speaker="Bob", text="Bob watches the road."),
            DialogueLine(speaker="Grandpa", text="Grandpa knows every stop."),
        ],
        characters=["Anna", "Bob"],
    )
    moved = speech_to_dialogue(scene, ["Anna", "Bob", "Grandpa"])
    assert [line.text for line in moved.dialogue] == [
        "Anna! That's what he called me.",
        "Anna and I rode this route every Sunday.",
        "Grandpa knows every stop.",
    ]
    assert moved.action[-2:] == ["Bob and Anna look out of the window.", "Bob watches the road."]


def test_a_stage_direction_in_a_speech_is_action_and_talk_about_him_is_not() -> None:
    # Recorded (en-romance-null-genre, 2026-12-02): a cue of the baker's.
    told = "He notices Nora standing at the window and looks at her note."
    scene = Scene(
        number=2,
        place="BAKERY",
        action=["Snow on the window."],
        dialogue=[
            DialogueLine(speaker="Sam", text=told),
            DialogueLine(speaker="Nora", text="He works at the bakery across the street."),
            DialogueLine(speaker="Nora", text="She looks at you every morning."),
            DialogueLine(speaker="Sam", text="He looks tired."),
        ],
        characters=["Sam", "Nora"],
    )
    moved = speech_to_dialogue(scene, ["Sam", "Nora"])
    assert moved.action == ["Snow on the window.", told]
    assert [line.text for line in moved.dialogue] == [
        "He works at the bakery across the street.",
        "She looks at you every morning.",
        "He looks tired.",
    ]


def test_a_chinese_speaker_may_name_themself_alone_or_by_kin() -> None:
    scene = Scene(
        number=1,
        place="厨房",
        action=["锅里的水开了。"],
        dialogue=[
            DialogueLine(speaker="奶奶", text="奶奶和你一起包饺子。"),
            DialogueLine(speaker="小明", text="小明今天一定要学会！"),
        ],
        characters=["奶奶", "小明"],
    )
    assert speech_to_dialogue(scene, ["奶奶", "小明"]) is scene


def test_a_cue_that_narrates_someone_speaking_is_that_persons_line() -> None:
    # Recorded (craft bench, 2026-12-01): under 小明, 小华's answer told as a story.
    scene = Scene(
        number=1,
        place="教室",
        action=["小明递给小华一张纸条。"],
        dialogue=[
            DialogueLine(speaker="小明", text="这是给你的。"),
            DialogueLine(speaker="小明", text="小华开心地回答：'谢谢你，我会好好收着。'"),
            DialogueLine(speaker="Anna", text='Bob smiles and says, "See you tomorrow."'),
        ],
        characters=["小明", "小华"],
    )
    moved = speech_to_dialogue(scene, ["小明", "小华", "Anna", "Bob"])
    assert [(line.speaker, line.text) for line in moved.dialogue] == [
        ("小明", "这是给你的。"),
        ("小华", "谢谢你，我会好好收着。"),
        ("Bob", "See you tomorrow."),
    ]
    assert moved.action == ["小明递给小华一张纸条。", "Bob smiles."]


def test_a_clause_the_action_already_says_is_not_voiced() -> None:
    """Recorded (包饺子的承诺, 2026-12-02): 奶奶 said the stage direction "孙子在一旁看着"."""
    scene = Scene(
        number=1,
        place="厨房",
        action=["奶奶在厨房里忙碌着，孙子在一旁看着。"],
        dialogue=[
            DialogueLine(speaker="奶奶", text="我正在包饺子，孙子在一旁看着。"),
            DialogueLine(speaker="孙子", text="我在一旁看着，你教我吧。"),
        ],
        characters=["奶奶", "孙子"],
    )
    assert [line.text for line in join_runs(scene).dialogue] == [
        "我正在包饺子。",
        "我在一旁看着，你教我吧。",  # a short clause of its own is speech
    ]


def test_a_sentence_said_word_for_word_in_an_earlier_scene_is_said_once() -> None:
    """Recorded (craft bench, 2026-12-02): one promise closed a cue of scene 1, opened one of 2."""
    from film.quality.mend import said_once_in_film

    promise = "你下次出门要带好你的包，我包的饺子会帮你记住承诺的。"
    first = Scene(
        number=1,
        place="厨房",
        action=["奶奶包饺子。"],
        dialogue=[DialogueLine(speaker="奶奶", text=f"我正在包饺子。{promise}")],
    )
    second = first.model_copy(
        update={
            "number": 2,
            "dialogue": [
                DialogueLine(speaker="奶奶", text=f"{promise}谢谢你！"),
                DialogueLine(speaker="孙子", text=promise),
                DialogueLine(speaker="孙子", text="好。"),
            ],
        }
    )
    one, two = said_once_in_film([first, second])
    assert one == first
    assert [(d.speaker, d.text) for d in two.dialogue] == [("奶奶", "谢谢你！"), ("孙子", "好。")]
    # Short words ("好。") may come back in any scene; a second thanks is a thank-you chain.
    again = said_once_in_film([two, two])[1]
    assert [(d.speaker, d.text) for d in again.dialogue] == [("孙子", "好。")]


def test_a_goodbye_tacked_onto_a_cue_goes_before_the_last_scene() -> None:
    """Recorded (web app, 2026-12-03): "…祝您身体安康！再见！" closed the courier's first cue,
    and he stayed on for the next scene."""
    from film.quality.mend import said_once_in_film

    first = Scene(
        number=1,
        place="老人家",
        action=["小哥敲门。"],
        dialogue=[
            DialogueLine(speaker="小哥", text="您的外卖到了。祝您身体安康！再见！"),
            DialogueLine(speaker="老人", text="再见。"),
        ],
    )
    parting = [DialogueLine(speaker="小哥", text="姜汤真暖和，我该走了。再见！")]
    last = first.model_copy(update={"number": 2, "dialogue": parting})
    one, two = said_once_in_film([first, last])
    assert [d.text for d in one.dialogue] == ["您的外卖到了。祝您身体安康！", "再见。"]
    assert two.dialogue == parting  # the last scene may part


def test_a_group_cue_is_told_in_the_action_and_a_group_is_not_a_name() -> None:
    """Recorded (craft bench, 2026-12-02): "小红的家人和朋友" spoke as one character."""
    from film.quality.mend.cast import group_lines_to_action
    from film.quality.names import name_problem

    scene = Scene(
        number=1,
        interior="EXT",
        place="夜市",
        time_of_day="NIGHT",
        action=["小红收摊。"],
        characters=["小红", "小红的家人和朋友"],
        dialogue=[
            DialogueLine(speaker="小红", text="谢谢大家。"),
            DialogueLine(speaker="小红的家人和朋友", text="加油！"),
        ],
    )
    told = group_lines_to_action(scene, ["小红"])
    assert [line.speaker for line in told.dialogue] == ["小红"]
    assert told.action == ["小红收摊。", "小红的家人和朋友齐声：“加油！”"]
    assert told.characters == ["小红"]
    # No cue mend reads the chorus back into 小红's mouth.
    assert speech_to_dialogue(told, ["小红"]).dialogue == told.dialogue
    crowd = scene.model_copy(
        update={"dialogue": [DialogueLine(speaker="CROWD", text="Go Sam!")], "characters": []}
    )
    assert group_lines_to_action(crowd, ["Sam"]).action[-1] == 'The crowd, in chorus: "Go Sam!"'
    # A chorus does not say "I" (the drummer, craft bench, 2026-12-04): that line goes.
    drummers = crowd.model_copy(
        update={
            "dialogue": [
                DialogueLine(speaker="The drummers", text="I'll take you to the music store."),
                DialogueLine(speaker="The drummers", text="Good job, Sam!"),
            ]
        }
    )
    assert group_lines_to_action(drummers, ["Sam"]).action[1:] == [
        'The drummers, in chorus: "Good job, Sam!"'
    ]
    assert name_problem("小红的家人和朋友")[0] == "names.name-is-group"
    assert name_problem("The Villagers")[0] == "names.name-is-group"
    assert name_problem("王和平") == ("", "") and name_problem("Anderson") == ("", "")
    # "The customers" cued as one speaker (en-spoof-scooter, 2026-12-02); "The Boss" is one.
    assert name_problem("The customers")[0] == "names.name-is-group"
    assert name_problem("The Boss") == ("", "") and name_problem("The delivery girl") == ("", "")


def test_a_film_thanks_once_however_the_thanks_are_worded() -> None:
    from film.quality.mend import said_once_in_film

    # Recorded (craft bench, The Last Bus Home, 2026-12-02): Grandpa thanked in four scenes.
    def scene(number: int, lines: list[tuple[str, str]]) -> Scene:
        said = [DialogueLine(speaker=who, text=text) for who, text in lines]
        return Scene(number=number, place="Bus", dialogue=said, characters=["Sophia", "Jack"])

    mended = said_once_in_film(
        [
            scene(
                1, [("Sophia", "Thank you, Grandpa. I can't wait."), ("Jack", "You're welcome.")]
            ),
            scene(
                2, [("Jack", "I'll take you home."), ("Sophia", "Thanks, Grandpa. I'm excited.")]
            ),
            scene(3, [("Sophia", "谢谢你，奶奶。"), ("Jack", "不客气。")]),
            scene(4, [("Sophia", "Thank you.")]),
        ]
    )
    assert [[line.text for line in s.dialogue] for s in mended] == [
        ["Thank you, Grandpa. I can't wait.", "You're welcome."],
        ["I'll take you home.", "I'm excited."],
        ["谢谢你，奶奶。"],  # a scene keeps its first cue
        ["Thank you."],
    ]
    # Recorded (craft bench, dumplings, 14:33): thanks that open a sentence go once said.
    kitchen = said_once_in_film(
        [
            scene(1, [("Sophia", "谢谢你，这是我的小秘密。"), ("Jack", "不客气，我也会记住的。")]),
            scene(
                2, [("Sophia", "谢谢你，奶奶。"), ("Jack", "不客气，有啥需要帮忙的随时告诉我。")]
            ),
        ]
    )
    assert [line.text for line in kitchen[1].dialogue] == ["有啥需要帮忙的随时告诉我。"]


def test_a_thanks_at_the_end_of_a_sentence_counts_as_the_films_thanks() -> None:
    """Three thanks in two scenes, two closing a sentence (craft bench, dumplings, 2026-12-02)."""
    from film.quality.mend import said_once_in_film

    first = Scene(
        number=1,
        place="厨房",
        characters=["奶奶", "孙子"],
        action=["奶奶包饺子。"],
        dialogue=[
            DialogueLine(speaker="孙子", text="你做的真好吃，谢谢。"),
            DialogueLine(speaker="奶奶", text="你做得很好，谢谢。我做饺子是为了让你知道我爱你。"),
        ],
    )
    second = first.model_copy(
        update={
            "number": 2,
            "dialogue": [
                DialogueLine(speaker="孙子", text="我也想学包饺子，你教教我。"),
                DialogueLine(speaker="孙子", text="谢谢您！"),
            ],
        }
    )
    once = said_once_in_film([first, second])
    assert [d.text for d in once[0].dialogue] == [
        "你做的真好吃，谢谢。",
        "你做得很好。我做饺子是为了让你知道我爱你。",
    ]
    assert [d.text for d in once[1].dialogue] == ["我也想学包饺子，你教教我。"]


def test_a_speech_run_together_with_commas_is_said_as_sentences() -> None:
    """The letter's last line ended on a comma (craft bench, 2026-12-02)."""
    run = (
        "Thank you for carrying the letter, You're a brave girl, I'll protect you, "
        "I'll take care of you, You've saved me,"
    )
    scene = Scene(
        number=4,
        place="Mountain pass",
        characters=["General", "Elena"],
        action=["The general takes the letter."],
        dialogue=[DialogueLine(speaker="General", text=run)],
        visual="General approaches Elena from behind. He holds a red",
    )
    mended = mend_edges(scene)
    assert mended.dialogue[0].text == (
        "Thank you for carrying the letter. You're a brave girl. I'll protect you. "
        "I'll take care of you. You've saved me."
    )
    # The note's last sentence was begun and never finished.
    assert mended.visual == "General approaches Elena from behind."
    whole = scene.model_copy(
        update={
            "dialogue": [DialogueLine(speaker="Elena", text="Yes, I know.")],
            "visual": "Warm light on the snow. Close framing",
        }
    )
    assert mend_edges(whole) == whole


def test_an_assistants_refusal_and_a_one_word_note_leave_the_scene() -> None:
    """The bus's last scene (craft bench, 2026-12-02, 17:16): "Visual: Soft" and a refusal."""
    scene = Scene(
        number=5,
        place="Bus stop",
        characters=["Grandfather", "Sam"],
        action=["Sam takes out her phone."],
        dialogue=[
            DialogueLine(speaker="Grandfather", text="What did you call me?"),
            DialogueLine(speaker="Sam", text="I'm sorry, but I can't help you with that."),
        ],
        visual="Soft",
    )
    mended = mend_edges(scene)
    assert [d.text for d in mended.dialogue] == ["What did you call me?"]
    assert mended.visual == ""


def test_a_lone_straight_quote_opening_a_chinese_line_goes() -> None:
    """ "'学街舞需要很多时间…" on three cues (craft bench, street dance, 2026-12-02, 17:50)."""
    from film.quality.mend import clean_edges

    assert clean_edges("'学街舞需要很多时间，那我们就从今天开始吧！") == (
        "学街舞需要很多时间，那我们就从今天开始吧！"
    )
    assert clean_edges("'cause I said so.") == "'cause I said so."  # English keeps its own
    # Stops after a closer never opened (快递小哥, by hand, 2026-12-02); an opened one keeps.
    assert (
        clean_edges("好的，我已经攒了挺多钱的。行，我去。”.")
        == "好的，我已经攒了挺多钱的。行，我去。"
    )
    assert clean_edges("再见了。”..") == "再见了。"
    assert clean_edges("他说“好的”。") == "他说“好的”。"


def test_a_cue_says_each_sentence_or_clause_once() -> None:
    """Recorded (craft bench, the notes, 22:13): "我也明白了，我们终于理解彼此了。我也明白了。"."""
    from film.quality.mend import said_once_in_film
    from film.screenplay import DialogueLine, Scene

    said = ["我也明白了，我们终于理解彼此了。我也明白了。", "好。好。", "Yes, I know. Yes."]
    scene = Scene(
        number=1, place="教室", dialogue=[DialogueLine(speaker="小明", text=t) for t in said]
    )
    once = said_once_in_film([scene])[0]
    assert [d.text for d in once.dialogue] == [
        "我也明白了，我们终于理解彼此了。",
        "好。",
        "Yes, I know.",
    ]


def test_talk_said_to_one_of_two_people_becomes_the_other_ones_cue() -> None:
    # Recorded (dumplings, 2026-12-03): the grandmother's line landed in the action.
    said = "孙子，你明天就要去外地上大学了，那可真不容易啊！"
    scene = Scene(
        number=1,
        place="学校门口",
        action=["孙子站在学校门口，脸上挂着笑容。", "李奶奶走到孙子面前。", said],
        dialogue=[DialogueLine(speaker="孙子", text="谢谢李奶奶的关心，我会好好准备的。")],
        characters=["孙子", "李奶奶"],
    )
    mended = mend_edges(scene)
    assert said not in mended.action
    assert mended.action == ["孙子站在学校门口，脸上挂着笑容。", "李奶奶走到孙子面前。"]
    assert (mended.dialogue[0].speaker, mended.dialogue[0].text) == ("李奶奶", said)
    # Called by the end of a name (奶奶 for 李奶奶), and in English.
    grandma = scene.model_copy(update={"action": ["奶奶，我先去收拾行李。", "孙子转身。"]})
    assert mend_edges(grandma).dialogue[0].speaker == "孙子"
    english = Scene(
        number=1,
        place="LIFT",
        action=["The lift jolts.", "Sam, you have to hear my opening."],
        characters=["Alex", "Sam"],
    )
    assert [(d.speaker, d.text) for d in mend_edges(english).dialogue] == [
        ("Alex", "Sam, you have to hear my opening.")
    ]


def test_action_that_names_someone_without_talk_stays_action() -> None:
    scene = Scene(
        number=1,
        place="厨房",
        action=["李奶奶，孙子和邻居站在门口。", "孙子，李奶奶看着你。"],
        characters=["孙子", "李奶奶", "邻居"],
    )
    # Three people: who says "你" is not certain, so nothing moves; the first line is no talk.
    assert "李奶奶，孙子和邻居站在门口。" in mend_edges(scene).action
    assert not mend_edges(scene).dialogue
    quoted = Scene(
        number=1,
        place="LIFT",
        action=['Sam, "you first," Alex says.', "The lift jolts."],
        characters=["Alex", "Sam"],
    )
    assert not mend_edges(quoted).dialogue


def test_a_line_cut_off_after_taught_how_ends_on_its_last_sentence() -> None:
    from film.quality.mend import whole_clauses

    cut = "孙子拿起面团，用他的手指揉搓面团。李奶奶继续教孙子如何"
    assert whole_clauses(cut) == "孙子拿起面团，用他的手指揉搓面团。"
    assert whole_clauses("你觉得如何") == "你觉得如何"


def test_speech_after_a_time_word_and_a_one_is_the_newcomers_cue() -> None:
    # Recorded (craft bench, night market, 2026-12-03), two ASCII apostrophes for a quote.
    said = "突然，一个程序员走过来，对她说：''你学得怎么样了？"
    scene = Scene(
        number=5,
        place="摊位旁",
        action=["她拿出手机练习写代码。", said],
        characters=["小甜", "程序员"],
    )
    # The bible does not know him yet (he is a newcomer): the scene's cast says he is there.
    spoken = speech_to_dialogue(mend_edges(scene), ["小甜"])
    assert spoken.action == ["她拿出手机练习写代码。", "突然，一个程序员走过来。"]
    assert [(d.speaker, d.text) for d in spoken.dialogue] == [("程序员", "你学得怎么样了？")]


def test_speech_in_action_under_the_and_a_title_is_the_persons_line() -> None:
    """Recorded (the second reader, 2026-12-03): "The General says, 'Let's go.'" stayed an
    action line, and the General said it again as a cue."""
    from film.quality.people.speech import speech_to_dialogue

    scene = Scene(
        number=4,
        place="Mountain pass",
        characters=["Sam", "General"],
        action=["Sam walks up.", "The General says, 'Let's go.'"],
        dialogue=[DialogueLine(speaker="Sam", text="Ready.")],
    )
    moved = speech_to_dialogue(scene, ["Sam", "General"], ["swordswoman", "general"])
    assert moved.action == ["Sam walks up."]
    assert ("General", "Let's go.") in [(d.speaker, d.text) for d in moved.dialogue]


def test_a_long_chinese_name_said_by_its_end_narrates_its_cue() -> None:
    """Recorded (the guard, craft bench, 2026-12-04): under 小区保安大爷, the cues
    "保安大爷说：‘喂，橘猫，你来这儿干什么？’" and "保安大爷拍了拍橘猫的脑袋，然后走了。"
    were voiced whole, "保安大爷说" and all."""
    guard = Scene(
        number=3,
        place="小区门口",
        characters=["小区保安大爷", "橘猫"],
        action=["保安大爷再次回到小区门口。"],
        dialogue=[
            DialogueLine(speaker="小区保安大爷", text="保安大爷说：‘喂，橘猫，你来这儿干什么？’"),
            DialogueLine(speaker="橘猫", text="我在这儿等外卖的。"),
            DialogueLine(speaker="小区保安大爷", text="保安大爷拍了拍橘猫的脑袋，然后走了。"),
            DialogueLine(speaker="小区保安大爷", text="保安大爷来了！"),  # a cry: said
        ],
    )
    mended = speech_to_dialogue(guard, ["小区保安大爷", "橘猫"])
    assert mended.action == ["保安大爷再次回到小区门口。", "保安大爷拍了拍橘猫的脑袋，然后走了。"]
    assert [(line.speaker, line.text) for line in mended.dialogue] == [
        ("小区保安大爷", "喂，橘猫，你来这儿干什么？"),
        ("橘猫", "我在这儿等外卖的。"),
        ("小区保安大爷", "保安大爷来了！"),
    ]
    # Two people ending alike are not told apart by the end: 王大爷 and 李大爷 say 大爷.
    both = guard.model_copy(
        update={
            "characters": ["王大爷", "李大爷"],
            "dialogue": [DialogueLine(speaker="王大爷", text="大爷说：“走吧。”")],
        }
    )
    assert speech_to_dialogue(both, ["王大爷", "李大爷"]).dialogue == both.dialogue
    grandma = guard.model_copy(
        update={
            "characters": ["奶奶", "孙子"],
            "dialogue": [DialogueLine(speaker="奶奶", text="奶奶包好了饺子。")],
        }
    )
    assert speech_to_dialogue(grandma, ["奶奶", "孙子"]).dialogue == grandma.dialogue  # kin


def test_a_cue_written_with_the_short_form_of_a_name_is_that_persons_line() -> None:
    """Recorded (craft bench, the guard, 2026-12-04): "保安大爷: 你这是干啥？" stayed an
    action line, because the bible calls him 小区保安大爷; and his cue went on "保安大爷的
    声音中带着一丝焦急和期待。保安大爷继续站在窗户上。", the camera's words in his mouth."""
    from film.quality.people.speech import speech_to_dialogue
    from film.screenplay import DialogueLine, Scene

    scene = Scene(
        number=1,
        place="小区保安大爷的办公室",
        characters=["小区保安大爷"],
        action=["保安大爷坐在椅子上。", "保安大爷: 你这是干啥？你在干什么？"],
        dialogue=[
            DialogueLine(
                speaker="小区保安大爷",
                text="今天我来抓偷外卖的贼。保安大爷的声音中带着一丝焦急和期待。保安大爷继续站在窗户上。",
            )
        ],
    )
    mended = speech_to_dialogue(scene, ["小区保安大爷", "橘猫"], ["保安", "橘猫"])
    assert mended.action == [
        "保安大爷坐在椅子上。",
        "保安大爷的声音中带着一丝焦急和期待。",
        "保安大爷继续站在窗户上。",
    ]
    assert [(d.speaker, d.text) for d in mended.dialogue] == [
        ("小区保安大爷", "你这是干啥？你在干什么？"),
        ("小区保安大爷", "今天我来抓偷外卖的贼。"),
    ]
    # A kin word names oneself in speech; a name called is a call.
    grandma = Scene(
        number=1,
        place="厨房",
        characters=["奶奶", "林夏"],
        dialogue=[
            DialogueLine(speaker="奶奶", text="奶奶给你包饺子。奶奶最疼你了。"),
            DialogueLine(speaker="林夏", text="好的。林夏，加油！"),
        ],
    )
    assert speech_to_dialogue(grandma, ["奶奶", "林夏"], ["奶奶", "孙女"]) == grandma


def test_an_english_exchange_in_one_action_line_is_dialogue() -> None:
    """Recorded (craft bench, 2026-12-04): "They take turns: Alex says '…', and Taylor says
    '…'" (the lift, 18:27) and "Coach is talking to Lily, '…'" (the drummer, 17:58) stood
    as action lines, lettered on the picture with their quote marks."""
    from film.quality.people.speech import speech_to_dialogue
    from film.screenplay import Scene

    scene = Scene(
        number=3,
        place="School lift",
        characters=["Alex", "Taylor"],
        action=[
            "The lift hums.",
            "They take turns: Alex says 'I want to make sure I'm ready for the debate.', and"
            " Taylor says 'I want to see how you'll respond.'",
            "Coach is talking to Taylor, 'We need to train Sam for the battle of the bands.'",
        ],
    )
    mended = speech_to_dialogue(scene, ["Alex", "Taylor", "Coach"])
    assert mended.action == ["The lift hums.", "They take turns."]
    assert [(line.speaker, line.text) for line in mended.dialogue] == [
        ("Alex", "I want to make sure I'm ready for the debate."),
        ("Taylor", "I want to see how you'll respond."),
        ("Coach", "We need to train Sam for the battle of the bands."),
    ]


def test_one_quoted_turn_or_a_turn_inside_prose_is_not_an_exchange() -> None:
    from film.quality.people.speech.reading import en_exchange

    assert en_exchange("Alex says 'Ready?' and walks out.", ["Alex"]) is None
    line = "Alex says 'Ready?', then the lights fail, and Taylor says 'Now what?'"
    assert en_exchange(line, ["Alex", "Taylor"]) is None


def test_a_reply_written_into_a_line_is_its_speakers_own() -> None:
    """Recorded (craft bench, the lift, 2026-12-04 18:27): the last line was "Do you think
    I can win?', and Taylor says 'Of course! See you then.", under Alex."""
    scene = Scene(
        number=3,
        place="School lift",
        characters=["Alex", "Taylor"],
        action=["The lift hums."],
        dialogue=[
            DialogueLine(
                speaker="Alex",
                text="Do you think I can win?', and Taylor says 'Of course! See you then.",
            )
        ],
    )
    said = speech_to_dialogue(scene, ["Alex", "Taylor"]).dialogue
    assert [(line.speaker, line.text) for line in said] == [
        ("Alex", "Do you think I can win?"),
        ("Taylor", "Of course! See you then."),
    ]


def test_thanks_said_twice_in_one_cue_is_said_once() -> None:
    """Recorded (craft bench, the night market, 2026-12-04 20:47): "谢谢你的支持和鼓励！谢谢你的
    鼓励！" closed the film."""
    from film.quality.mend.once import said_once_in_film

    scene = Scene(
        number=6,
        place="夜市",
        characters=["张华", "小红"],
        action=["张华笑了。"],
        dialogue=[
            DialogueLine(speaker="小红", text="恭喜你！"),
            DialogueLine(speaker="张华", text="谢谢你的支持和鼓励！谢谢你的鼓励！"),
        ],
    )
    (mended,) = said_once_in_film([scene])
    assert mended.dialogue[1].text == "谢谢你的支持和鼓励！"


def test_a_sentence_telling_of_its_speaker_after_a_connective_is_action() -> None:
    """Recorded (craft bench, the guard, 2026-12-04 21:28): the guard said "…我用钩子去抓
    橘猫。最后，保安大爷把橘猫放回了小区门口。好吧，…", the camera's sentence in his mouth."""
    scene = Scene(
        number=3,
        place="小区门口",
        characters=["保安大爷", "橘猫"],
        action=["保安大爷拿着钩子。"],
        dialogue=[
            DialogueLine(
                speaker="保安大爷",
                text="我用钩子去抓橘猫。最后，保安大爷把橘猫放回了小区门口。好吧，我们继续吧。",
            )
        ],
    )
    mended = speech_to_dialogue(scene, ["保安大爷", "橘猫"])
    assert mended.action[-1] == "最后，保安大爷把橘猫放回了小区门口。"
    assert mended.dialogue[0].text == "我用钩子去抓橘猫。好吧，我们继续吧。"


def test_thanks_said_again_goes_with_whom_it_thanks() -> None:
    """Recorded (craft bench, the lift, 2026-12-04 21:40): "Thanks, Alex." said again lost
    its thanks and left "Alex. I'm excited too." under Alex himself."""
    from film.quality.mend.once import said_once_in_film

    scene = Scene(
        number=1,
        place="School lift",
        characters=["Alex", "Taylor"],
        action=["The lift hums."],
        dialogue=[
            DialogueLine(speaker="Taylor", text="Thanks, Alex. You're always there."),
            DialogueLine(speaker="Alex", text="Thanks, Taylor. I'm excited too."),
        ],
    )
    (mended,) = said_once_in_film([scene])
    assert [line.text for line in mended.dialogue] == [
        "Thanks, Alex. You're always there.",
        "I'm excited too.",
    ]

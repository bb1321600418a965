"""The gate's exact repairs: repeats struck, loops cut, copied visual notes replaced."""

from __future__ import annotations

from gate_kit import GOOD_FILMS, brief_for, family_film, fired_ids

from film.language import chinese_words_for_english
from film.quality import check_screenplay
from film.quality.mend import (
    cast_from_bible,
    cut_loop,
    drop_copied_lines,
    drop_film_repeats,
    drop_repeats,
    in_film_language,
    mend_edges,
    mend_visual,
)
from film.quality.people.speech import speech_to_dialogue
from film.quality.repetition import SeenLines, without_told_clauses
from film.screenplay import DialogueLine, Scene

#: The scene example's palette, as the 1.5B model pasted it into three drafts' visuals.
EXAMPLE = (
    '{"action": ["Rain drums on the hospital awning."], "visual": "Cold neon on wet glass, '
    'tight framing."}'
)

# Recorded from the 1.5B model (zh-ancient-painter, scene 3): one line, then again less one 的.
PAINTER_LINE = (
    "女侍者试图再次出现并攻击李明，但李明迅速反应过来，拿起她的画笔在画中涂上了更多的秘密信息。"
)
PAINTER_LINE_AGAIN = (
    "女侍者试图再次出现并攻击李明，但李明迅速反应过来，拿起她的画笔在画中涂上了更多秘密信息。"
)


def _scene(action: list[str], lines: list[str], visual: str = "") -> Scene:
    return Scene(
        number=1,
        interior="INT",
        place="KITCHEN",
        time_of_day="NIGHT",
        action=action,
        dialogue=[DialogueLine(speaker="Nan", text=text) for text in lines],
        characters=["Nan"],
        visual=visual,
    )


def test_a_loop_is_cut_where_it_comes_round_again() -> None:
    assert cut_loop("I love you, I love you, I love you so much") == "I love you"
    assert cut_loop("我们一起走我们一起走我们一起走吧") == "我们一起走"


def test_a_line_without_a_loop_is_kept_whole() -> None:
    for text in ("Hello there my friend.", "Mum!", "奶奶把饺子放进锅里。", "go go go go now"):
        assert cut_loop(text) == text


def test_a_line_said_twice_in_a_scene_is_said_once() -> None:
    scene = _scene(
        ["Nan rolls the dough flat.", "Nan rolls the dough flat.", "Steam fogs the window."],
        ["You always fold them too loosely.", "you always fold them too loosely!", "Mum!", "Mum!"],
    )
    mended = drop_repeats(scene)
    assert mended.action == ["Nan rolls the dough flat.", "Steam fogs the window."]
    assert [line.text for line in mended.dialogue] == [
        "You always fold them too loosely.",
        "Mum!",
    ]


def test_a_reply_that_only_echoes_the_line_before_is_struck() -> None:
    # Recorded (饺子的约定, 2026-12-01): grandson and grandmother asked each other the same
    # question, "我" swapped for "你".
    scene = Scene(
        number=3,
        place="学校门口",
        dialogue=[
            DialogueLine(speaker="孙子", text="我怕路上会遇到什么困难吗？"),
            DialogueLine(speaker="奶奶", text="别担心，有我的嘱咐。"),
            DialogueLine(speaker="奶奶", text="你怕路上会遇到什么困难吗？"),
        ],
    )
    assert [line.text for line in drop_repeats(scene).dialogue] == [
        "我怕路上会遇到什么困难吗？",
        "别担心，有我的嘱咐。",
    ]
    answered = _scene([], ["Are you ready for the final tomorrow?", "I am ready for the final."])
    assert drop_repeats(answered) == answered  # an answer is not an echo


def test_small_talk_of_one_kind_is_said_once_a_scene() -> None:
    # Recorded (饺子里的叮嘱, 2026-12-01, scene 2): thanks and you're-welcome, twice each.
    scene = Scene(
        number=2,
        place="厨房",
        characters=["奶奶", "孙子"],
        dialogue=[
            DialogueLine(speaker="孙子", text="谢谢您！"),
            DialogueLine(speaker="奶奶", text="不客气，我就是想教你一些包饺子的技巧。"),
            DialogueLine(speaker="孙子", text="好的，谢谢您！"),
            DialogueLine(speaker="奶奶", text="不客气，孩子。"),
            DialogueLine(speaker="孙子", text="谢谢你，奶奶！"),
        ],
    )
    assert [line.text for line in drop_repeats(scene).dialogue] == [
        "谢谢您！",
        "不客气，我就是想教你一些包饺子的技巧。",
        "不客气，孩子。",
    ]
    english = _scene([], ["Thanks, Grandma!", "Thank you for the dumplings.", "Okay, thanks."])
    assert [line.text for line in drop_repeats(english).dialogue] == [
        "Thanks, Grandma!",
        "Thank you for the dumplings.",
    ]


def test_one_mouths_padded_and_near_repeats_are_struck() -> None:
    # Recorded (保安大爷的橘猫天罗地网, 2026-12-01).
    lines = [
        ("保安大爷", "我快抓到你了！"),
        ("保安大爷", "我快抓到你了，快点！"),
        ("保安大爷", "我一定要抓住这个坏蛋。"),
        ("保安大爷", "我要抓住这个坏蛋。"),
        ("保安大爷", "我快抓到你了，这次你跑不掉了，快把外卖交出来！"),
    ]
    scene = Scene(
        number=1,
        place="监控室",
        dialogue=[DialogueLine(speaker=who, text=text) for who, text in lines],
    )
    assert [line.text for line in drop_repeats(scene).dialogue] == [
        "我快抓到你了！",
        "我一定要抓住这个坏蛋。",
        "我快抓到你了，这次你跑不掉了，快把外卖交出来！",  # says more than it repeats
    ]


def test_a_short_line_recurs_only_from_another_speaker() -> None:
    """Recorded (craft bench 17:49): 公主 said "谢谢你。" three times running."""
    scene = _scene(["公主接过画。"], [])
    lines = [
        ("公主", "谢谢你的帮助。"),
        ("公主", "谢谢你。"),
        ("公主", "谢谢你。"),
        ("宫师", "谢谢你。"),  # small talk: one thanks a scene is enough
        ("公主", "快走吧。"),
        ("宫师", "快走吧。"),
        ("公主", "我该怎么办？"),
        ("公主", "我应该怎么办？"),  # nearly the same, from the same mouth
    ]
    scene = scene.model_copy(
        update={"dialogue": [DialogueLine(speaker=who, text=text) for who, text in lines]}
    )
    mended = drop_repeats(scene)
    # "谢谢你的帮助。" is thanks too (the night market, 2026-12-04), so it is the one.
    assert [(line.speaker, line.text) for line in mended.dialogue] == [
        ("公主", "谢谢你的帮助。"),
        ("公主", "快走吧。"),
        ("宫师", "快走吧。"),
        ("公主", "我该怎么办？"),
    ]


def test_goodbyes_and_me_toos_are_said_once_a_scene() -> None:
    """Recorded (*The Baker's Whisper*, 2026-12-01): a scene ended on five farewells."""
    lines = [
        ("Sam", "Sure thing, I'll see you soon."),
        ("Baker", "See you soon."),
        ("Sam", "I'll see you at the bakery window at six."),  # says more: kept
        ("Baker", "Me too."),
        ("Sam", "Me too!"),
        ("Baker", "See you tonight!"),
    ]
    scene = _scene(["Snow falls on the window."], []).model_copy(
        update={"dialogue": [DialogueLine(speaker=who, text=text) for who, text in lines]}
    )
    assert [line.text for line in drop_repeats(scene).dialogue] == [
        "Sure thing, I'll see you soon.",
        "I'll see you at the bakery window at six.",
        "Me too.",
    ]


def test_lines_repeated_from_an_earlier_scene_are_struck_and_the_gate_passes() -> None:
    film, idea = family_film()
    scenes = list(film.scenes)
    copied = scenes[0].dialogue[0]
    scenes[2] = scenes[2].model_copy(update={"dialogue": [*scenes[2].dialogue, copied]})
    broken = film.model_copy(update={"scenes": scenes})
    assert "repetition.line" in fired_ids(check_screenplay(broken, brief_for(film, idea)))
    mended = broken.model_copy(update={"scenes": drop_film_repeats(broken.scenes)})
    assert mended.scenes[2].dialogue == film.scenes[2].dialogue
    assert "repetition.line" not in fired_ids(check_screenplay(mended, brief_for(film, idea)))


def test_a_scene_made_only_of_repeats_keeps_one_line_of_each_kind() -> None:
    seen = SeenLines()
    first = _scene(["Nan rolls the dough flat."], ["You always fold them too loosely."])
    drop_repeats(first, seen)
    again = drop_repeats(first, seen)
    assert again.action == first.action and again.dialogue == first.dialogue


def test_good_films_are_left_untouched() -> None:
    for make in GOOD_FILMS.values():
        film, _idea = make()
        assert drop_film_repeats(film.scenes) == list(film.scenes)


def test_a_copied_visual_gives_way_to_the_beat() -> None:
    scene = _scene(["Nan rolls the dough."], ["Eat while it's hot."], "Cold neon on wet glass.")
    mended = mend_visual(scene, (EXAMPLE,), "a grandmother", "Nan teaches Leo to fold dumplings.")
    assert mended.visual == "Nan teaches Leo to fold dumplings."
    assert mended.action == scene.action


def test_a_visual_that_copies_the_example_with_a_word_between_gives_way() -> None:
    # Recorded (the scooter, 2026-12-03): "lights" put inside the example's palette.
    note = "A rainy season with dark neon lights on wet glass, tight framing."
    scene = _scene(["Sam parks his scooter."], ["It sings again."], note)
    mended = mend_visual(scene, (EXAMPLE,), "a haunted scooter", "Sam at the red light.")
    assert mended.visual == "Sam at the red light."
    # Two of its words are no copy: every palette has light and framing.
    own = scene.model_copy(update={"visual": "Red light on wet tarmac, low framing."})
    assert mend_visual(own, (EXAMPLE,), "a haunted scooter", "beat") == own


def test_a_copied_visual_with_no_usable_beat_is_emptied() -> None:
    scene = _scene(["Nan rolls the dough."], ["Eat."], "Cold neon on wet glass, tight framing.")
    assert mend_visual(scene, (EXAMPLE,), "", "cold neon on wet glass").visual == ""


def test_an_own_visual_and_one_the_idea_shares_are_kept() -> None:
    own = _scene(["Nan rolls the dough."], ["Eat."], "Warm lamp light over a floury table.")
    assert mend_visual(own, (EXAMPLE,), "", "beat") == own
    idea = "A neon sign maker: cold neon on wet glass is all he paints."
    shared = _scene(["Nan rolls the dough."], ["Eat."], "Cold neon on wet glass.")
    assert mend_visual(shared, (EXAMPLE,), idea, "beat") == shared


def test_a_scene_lists_only_people_the_bible_knows_or_who_speak() -> None:
    film, _idea = family_film()
    scene = film.scenes[0]
    crowded = scene.model_copy(update={"characters": [*scene.characters, "同学们", "Passer-by"]})
    mended = cast_from_bible(film.model_copy(update={"scenes": [crowded, *film.scenes[1:]]}))
    assert mended.scenes[0].characters == scene.characters
    assert mended.scenes[1:] == film.scenes[1:]


def test_everyday_english_in_a_chinese_film_is_said_in_chinese() -> None:
    # Both lines are from a craft-bench draft of the dumplings idea (2026-11-30).
    assert (
        chinese_words_for_english("快点吧！你呢？我让你把承诺记在心里。 okay，我明白了。")
        == "快点吧！你呢？我让你把承诺记在心里。好，我明白了。"
    )
    assert (
        chinese_words_for_english("我Promise你，我会好好学习的！") == "我保证你，我会好好学习的！"
    )
    assert chinese_words_for_english("Thank you，奶奶！") == "谢谢你，奶奶！"
    assert chinese_words_for_english("我 hate你！") == "我恨你！"  # 纸条里的夏天, 2026-12-01
    assert chinese_words_for_english("你做不 Done？") == "你做不完？"  # 饺子里的叮嘱, 2026-12-03
    # The painter's outline was refused three times on it (craft bench, 2026-12-04).
    painter = "陈默决定将这张婚约信交给一个 trusted的人。"
    assert chinese_words_for_english(painter) == "陈默决定将这张婚约信交给一个信得过的人。"
    # A Chinese bible's clothes in English (the dumplings, 2026-12-04), cost four answers.
    assert chinese_words_for_english("白色T恤、蓝色 jeans") == "白色T恤、蓝色牛仔裤"
    dough = "孙子加入面粉和水一起搅拌，直到 dough变得光滑。"  # four answers (12-04, 16:10)
    assert chinese_words_for_english(dough) == "孙子加入面粉和水一起搅拌，直到面团变得光滑。"
    recorded = "监控摄像头会记录 everything，包括你偷外卖的详细过程。"  # 保安大爷, 2026-12-01
    assert chinese_words_for_english(recorded) == "监控摄像头会记录一切，包括你偷外卖的详细过程。"
    for kept in (
        "我买了一部iPhone",
        "OK，走吧",
        "他打开app看地图",
        "Hello Kitty的书包",
        "Oh my god，太好了",
    ):
        assert chinese_words_for_english(kept) == kept, "brands, OK and whole English phrases stay"
    assert chinese_words_for_english("Okay, see you.") == "Okay, see you.", (
        "English text is English"
    )


def test_only_a_chinese_film_has_its_lines_translated() -> None:
    scene = _scene(["奶奶 smiles，点点头。"], ["Sorry，我来晚了。"], visual="暖光，okay")
    mended = in_film_language(scene, "zh")
    assert mended.dialogue[0].text == "对不起，我来晚了。"
    assert mended.visual == "暖光，好"
    assert mended.action == scene.action, "an unknown English word is left for the gate"
    english = _scene(["Grandma smiles."], ["Sorry, I'm late."], visual="warm light, okay")
    assert in_film_language(english, "en") is english


def test_a_counted_thing_takes_its_own_measure_word() -> None:
    """Recorded (zh-romance-notes, 2026-12-01): "拿起一支小纸条"."""
    scene = _scene(["林美拿起一支小纸条。"], ["我给你写了一本信。"], visual="桌上一本红色的雨伞")
    mended = in_film_language(scene, "zh")
    assert mended.action == ["林美拿起一张小纸条。"]
    assert mended.dialogue[0].text == "我给你写了一封信。"
    assert mended.visual == "桌上一把红色的雨伞"
    # Recorded (the carpenter's box in the web app, 2026-12-02): "我正在做一张木盒子。"
    box = in_film_language(_scene(["爷爷雕刻。"], ["我正在做一张木盒子。"]), "zh")
    assert box.dialogue[0].text == "我正在做一个木盒子。"
    # A word that only starts with the thing, and a measure word that fits, stay.
    for kept in ("他发来一条信息。", "一本笔记。", "一个书包。", "一条长长的纸条。", "两本书。"):
        assert in_film_language(_scene([kept], ["好。"]), "zh").action == [kept]


def test_a_chinese_visual_note_loses_a_clause_still_in_english() -> None:
    """Recorded (青海湖的第一缕光, 2026-12-01): one English word refused the whole film."""
    note = "清晨的阳光洒在岸边。镜头中可以看到 photographer穿着摄影服，手持相机。"
    scene = _scene(["摄影师举起相机。"], ["终于等到了！"], visual=note)
    assert in_film_language(scene, "zh").visual == note.replace(" photographer", "摄影师")
    stray = _scene(
        ["摄影师举起相机。"], ["终于等到了！"], visual="晨光洒在岸边，a man in a coat，逆光"
    )
    assert in_film_language(stray, "zh").visual == "晨光洒在岸边，逆光。"


def test_an_english_films_sentence_that_switches_into_chinese_goes() -> None:
    """Recorded (en-scenery-lighthouse, 2026-12-01): "…I'll miss being able to see the海洋。"."""
    line = (
        "I know it will be automated, but I'll miss being able to see the海洋。"
        "I'll miss the water from the top."
    )
    scene = _scene(["The lamp turns."], [line, "全是中文。"], visual="Blue dusk, 海 wide.")
    mended = in_film_language(scene, "en")
    assert [d.text for d in mended.dialogue] == ["I'll miss the water from the top."]
    assert mended.visual == "" and mended.action == ["The lamp turns."]


def test_a_near_copy_of_a_line_is_struck_like_a_copy() -> None:
    first = PAINTER_LINE
    again = PAINTER_LINE_AGAIN
    scene = _scene(["李明紧张地盯着女侍者的眼睛。", first, again], ["你为什么要背叛我？"])
    assert drop_repeats(scene).action == ["李明紧张地盯着女侍者的眼睛。", first]


def test_lines_that_only_share_a_pattern_are_both_kept() -> None:
    scene = _scene(
        ["女侍者试图背叛李明，转身离开画院。", "女侍者试图窃取画中的秘密，被公主看见。"],
        ["你这是什么意思？", "你这是干什么？"],
    )
    assert drop_repeats(scene) == scene


def test_a_cue_that_narrates_its_speech_with_a_pronoun_keeps_the_words() -> None:
    """Recorded (craft bench, night market, 2026-12-02): "她笑着回答：因为我想赚点钱"."""
    from film.quality.mend.speeches import spoken_words

    cast = ["小雨", "王芳"]
    assert spoken_words("她笑着回答：因为我想赚点钱", "小雨", cast) == "因为我想赚点钱"
    assert spoken_words('He smiles and says, "I will wait."', "Ana", []) == '"I will wait."'
    assert spoken_words("她说得对。", "小雨", cast) == "她说得对。"
    assert spoken_words("她说：", "小雨", cast) == "她说："


def test_line_edges_lose_json_quotes_and_broken_clauses() -> None:
    """Recorded lines of the 1.5B model that a passed screenplay still showed."""
    from film.quality.mend import clean_edges, whole_clauses

    def mended(text: str) -> str:
        return whole_clauses(clean_edges(text))

    assert mended("抓到！”，") == "抓到！"
    assert mended("“这是个好主意。”),") == "这是个好主意。"  # web app, 2026-12-02
    assert mended("爸爸说：“你跳得真好") == "爸爸说：“你跳得真好”"  # street dance, 2026-12-02
    assert mended("“你跳得真好。") == "你跳得真好。"
    assert mended("他笑了：‘好’，又说：‘走吧") == "他笑了：‘好’，又说：‘走吧’"
    assert mended("（笑）“好主意。”") == "（笑）“好主意。”"
    assert mended("我一定要抓住这只怪异的宠物！”，") == "我一定要抓住这只怪异的宠物！"
    assert mended("I'll be right there\",") == "I'll be right there"
    assert mended("“你好。”") == "你好。"
    # Recorded (夜市女孩自学编程, 2026-12-01): the end of a JSON object after the line.
    assert mended("'别急，慢慢来。你先看看我的煎饼？'}, {") == "别急，慢慢来。你先看看我的煎饼？"
    assert mended('Okay, let\'s go."}, {"') == "Okay, let's go."
    assert mended('好的。"}]') == "好的。"
    assert mended("是啊，我知道了。}], ") == "是啊，我知道了。"  # 2026-12-01 17:32

    assert (
        mended("保安大爷带着橘猫回家并告诉保安队长他是个宠物，然后向")
        == "保安大爷带着橘猫回家并告诉保安队长他是个宠物。"
    )
    assert mended("James walks towards") == "James walks"
    # Recorded (饺子的约定, 2026-12-01): the last line of the film stopped one word into
    # its second sentence.
    assert mended("你怕路上会遇到什么困难吗？我") == "你怕路上会遇到什么困难吗？"
    assert mended("Are you scared? I") == "Are you scared?"
    # Recorded (小区保安大爷抓橘猫, 2026-12-01): Chinese words spaced like English ones.
    assert mended("那 我们 该 不去找了？") == "那我们该不去找了？"
    assert mended("Lily 和 Tom") == "Lily 和 Tom"
    # Recorded (小明的街舞梦想, 2026-12-01): the film's last line stopped on 已经.
    assert mended("我终于学会了！我已经") == "我终于学会了！"
    # Recorded (保安大爷的橘猫天罗地网, 2026-12-01): an action line stopped on 朝.
    assert mended("保安大爷站在一旁观察。镜头摇动，橘猫突然停住并朝") == "保安大爷站在一旁观察。"
    # Recorded (饺子的约定, 2026-12-02): a last sentence that is only its connective.
    assert mended("孙子在一旁看着。最后。") == "孙子在一旁看着。"
    assert mended("孙子在一旁看着。然后，") == "孙子在一旁看着。"
    assert mended("He waits. Then,") == "He waits."
    assert mended("He waits. Then he goes.") == "He waits. Then he goes."
    # ... and that film's visual note on a name after its last sentence.
    note = "小区的外景，墙上挂着橙黄色的招牌。保安大爷"
    scene = Scene(number=2, place="小区", action=["保安大爷站在门口。"], visual=note)
    assert mend_edges(scene).visual == "小区的外景，墙上挂着橙黄色的招牌。"
    english = scene.model_copy(update={"visual": "Warm light. Close framing"})
    assert mend_edges(english).visual == "Warm light. Close framing"  # English may end so
    for whole in ("谢谢你", "Thank you. Bye", "奶奶笑了。孙子也笑"):
        assert mended(whole) == whole
    for whole in ("Lily arrives at the bus stop", 'He said "hi" to me.', "他笑着说：“好。”"):
        assert mended(whole) == whole


def test_an_action_line_ending_on_a_speech_lead_loses_it() -> None:
    """Recorded (街舞爸爸, 2026-12-01): the speech after "小明说：" never came."""
    scene = Scene(
        number=2,
        place="公园",
        action=["爸爸用湿布擦干净外套后，小明说：", "爸爸说：", "He looks up and says:"],
    )
    assert mend_edges(scene).action == ["爸爸用湿布擦干净外套后。", "He looks up."]
    alone = Scene(number=2, place="公园", action=["爸爸说："])
    assert mend_edges(alone).action == ["爸爸说："]  # a scene keeps one line; the gate asks


def test_a_scene_that_retells_other_beats_keeps_to_its_own() -> None:
    """Recorded: scene 1 of 爷爷的自行车 also told beats 2 and 3, ending included."""
    from film.quality.mend import keep_to_beat
    from film.screenplay import Scene

    scene = Scene(
        number=1,
        place="村口",
        action=[
            "爷爷站在村口，看着孙女骑自行车。",
            "孙女坐在自行车上，骑着自行车在村口转圈。",
            "孙女继续骑着自行车，最后到达村口",
        ],
    )
    beats = ["孙女坐在自行车上，骑着自行车在村口转圈。", "孙女继续骑着自行车，最后到达村口。"]
    assert keep_to_beat(scene, beats).action == ["爷爷站在村口，看着孙女骑自行车。"]
    assert keep_to_beat(scene, ["奶奶在厨房包饺子。"]) is scene


def test_a_line_copied_from_the_worked_example_is_struck_not_asked_again() -> None:
    """Recorded: grandma said the prompt's own example line in the dumplings film."""
    from film.quality.mend import drop_copied_lines
    from film.screenplay import DialogueLine, Scene

    scene = Scene(
        number=2,
        place="厨房",
        action=["奶奶把饺子捏出花边。"],
        dialogue=[
            DialogueLine(speaker="奶奶", text="拿着吧，我家就在拐角那边。"),
            DialogueLine(speaker="奶奶", text="到了学校，记得按时吃饭。"),
        ],
    )
    example = ('{"dialogue": [{"speaker": "林晓", "text": "拿着吧，我家就在拐角那边。"}]}',)
    mended = drop_copied_lines(scene, example, "奶奶教孙子包饺子")
    assert [d.text for d in mended.dialogue] == ["到了学校，记得按时吃饭。"]
    assert drop_copied_lines(mended, example) is mended


def test_a_guideline_sentence_pasted_whole_into_the_action_is_struck() -> None:
    """Recorded (craft bench, the drummer, 2026-12-02): the guide's music advice as action."""
    from film.quality.mend import drop_copied_lines
    from film.screenplay import Scene

    guide = (
        "Minimal piano or strings in the struggle, building with percussion through the "
        "montage, dropping to near silence at the crisis, and rising to a full, warm theme "
        "at the climax. Resist wall-to-wall epic music.",
    )
    pasted = "The drumming drops to near silence at the crisis, and rising to a full, warm theme."
    scene = Scene(number=3, place="Gym", action=["Sam sits at the drums.", pasted])
    assert drop_copied_lines(scene, guide).action == ["Sam sits at the drums."]
    own = scene.model_copy(update={"action": ["Sam sits at the drums.", "The gym goes quiet."]})
    assert drop_copied_lines(own, guide) is own


def test_a_chinese_bible_entry_keeps_its_chinese_clauses() -> None:
    """Recorded: "中年， dressed in a traditional robe with a cap and a bowtie" refused a film."""
    from film.language import chinese_clauses

    assert chinese_clauses("中年， dressed in a traditional robe with a cap and a bowtie") == "中年"
    for kept in ("七十岁，白发，穿T恤", "a tall man", "穿着iPhone同款外套"):
        assert chinese_clauses(kept) == kept


def test_a_line_that_speaks_the_action_aloud_is_struck() -> None:
    """Recorded in the guard spoof: an action line said again, word for word, as dialogue."""
    from film.quality.mend import drop_repeats
    from film.screenplay import DialogueLine, Scene

    scene = Scene(
        number=2,
        place="小区办公室",
        action=["保安大爷将橘猫放在办公桌上，用相机拍下画面。"],
        dialogue=[
            DialogueLine(speaker="保安大爷", text="保安大爷将橘猫放在办公桌上，用相机拍下画面。"),
            DialogueLine(speaker="保安大爷", text="你这只小馋猫，外卖都是你偷的吧？"),
        ],
    )
    assert [d.text for d in drop_repeats(scene).dialogue] == ["你这只小馋猫，外卖都是你偷的吧？"]


def test_an_outline_heading_copied_into_an_action_line_is_struck() -> None:
    """Recorded (craft bench 17:54): scene 3 began with beat 2's listing, heading and all."""
    from film.quality.mend import keep_to_beat, mend_edges

    scene = _scene(
        [
            "小明的学校门口（外景，白天）：小明在上学的路上遇到了一个困难。",
            "小明的教室（内景，白天）：小明和他的朋友一起学习街舞，小明感到很兴奋。",
        ],
        ["真的好开心！"],
    )
    mended = keep_to_beat(mend_edges(scene), ["小明在上学的路上遇到了一个困难。"])
    assert mended.action == ["小明和他的朋友一起学习街舞，小明感到很兴奋。"]


def test_a_json_list_of_speech_in_a_chinese_action_line_is_one_line() -> None:
    # Recorded (夜市女孩自学编程, 2026-12-01): it reached the gate as debris.json twice.
    scene = Scene(
        number=3,
        place="夜市",
        action=[
            "小张向摊主小李求助。",
            "小李回答说 '那太好了，你可以向我求助。', '先看看你的代码。'",
        ],
        characters=["小张", "小李"],
    )
    mended = speech_to_dialogue(scene, ["小张", "小李"])
    assert mended.action == ["小张向摊主小李求助。"]
    assert [(d.speaker, d.text) for d in mended.dialogue] == [
        ("小李", "那太好了，你可以向我求助。先看看你的代码。")
    ]


def test_speech_written_as_action_becomes_the_speakers_line() -> None:
    """Recorded in the grandmother's dumplings draft: speech as action, never voiced."""
    scene = Scene(
        number=1,
        place="厨房",
        action=[
            "奶奶一边包着饺子，一边和孙子说：“你放心，我会照顾好你的。”",
            "孙子站在奶奶面前，看着奶奶在做。",
            "孙子说：谢谢您！",
        ],
        dialogue=[DialogueLine(speaker="奶奶", text="饺子要捏紧。")],
        characters=["奶奶", "孙子"],
    )
    mended = speech_to_dialogue(scene, ["奶奶", "孙子"])
    assert mended.action == ["奶奶包着饺子。", "孙子站在奶奶面前，看着奶奶在做。"]
    assert [(d.speaker, d.text) for d in mended.dialogue] == [
        ("奶奶", "你放心，我会照顾好你的。"),
        ("奶奶", "饺子要捏紧。"),
        ("孙子", "谢谢您！"),
    ]
    english = Scene(
        number=1,
        place="Hall",
        action=['Mia says: "I\'m home."', 'The narrator says: "Years pass."'],
        characters=["Mia"],
    )
    moved = speech_to_dialogue(english, ["Mia"])
    assert moved.action == ['The narrator says: "Years pass."']  # not one of the people
    assert [(d.speaker, d.text) for d in moved.dialogue] == [("Mia", "I'm home.")]
    # Recorded (The Rival Debates, 2026-12-01): "continues" and a single-quoted speech.
    going_on = english.model_copy(
        update={"action": ["Mia continues, 'Let's practice our speeches together.'"]}
    )
    assert [(d.speaker, d.text) for d in speech_to_dialogue(going_on, ["Mia"]).dialogue] == [
        ("Mia", "Let's practice our speeches together.")
    ]
    # Recorded (craft bench, 2026-12-01): "calls out to Elena, 'Are you ready?'" stayed action.
    calling = english.model_copy(update={"action": ["Mia calls out to Elena, 'Are you ready?'"]})
    called = speech_to_dialogue(calling, ["Mia", "Elena"])
    assert "Elena" not in " ".join(called.action)
    assert [(d.speaker, d.text) for d in called.dialogue] == [("Mia", "Are you ready?")]
    # A line the dialogue already has is not said twice; plain action is left alone.
    twice = scene.model_copy(update={"dialogue": [DialogueLine(speaker="孙子", text="谢谢您！")]})
    assert [d.text for d in speech_to_dialogue(twice, ["奶奶", "孙子"]).dialogue].count(
        "谢谢您！"
    ) == 1
    plain = scene.model_copy(update={"action": ["孙子点头。"]})
    assert speech_to_dialogue(plain, ["奶奶", "孙子"]) == plain


def test_a_clause_the_film_already_told_is_struck_with_its_tail() -> None:
    """Recorded: 突然听到外面有响动，急忙跑出去 closed three scenes, in three different lines."""
    seen = SeenLines()
    first = "孙子一边包着饺子，一边看着奶奶，突然听到外面有响动，急忙跑出去。"
    assert without_told_clauses(first, seen) == first
    assert without_told_clauses("孙子突然听到外面有响动，急忙跑出去。", seen) == ""
    assert without_told_clauses("孙子在客厅里看到，突然听到外面有响动，急忙跑出去。", seen) == (
        "孙子在客厅里看到。"
    )
    assert (
        without_told_clauses("奶奶把饺子放进锅里，水开了。", seen) == "奶奶把饺子放进锅里，水开了。"
    )
    english = SeenLines()
    assert without_told_clauses("Jack opens the door, and the rain pours in.", english)
    assert without_told_clauses("Jack sits down, and the rain pours in.", english) == (
        "Jack sits down."
    )
    # Recorded (饺子里的叮嘱, this stop): the told subject clause went and left its tail.
    told = SeenLines()
    without_told_clauses("奶奶看着孙子满意的表情，脸上露出了微笑。", told)
    assert without_told_clauses("奶奶看着孙子满意的表情，脸上露出了笑容。", told) == ""
    assert (
        without_told_clauses("奶奶看着孙子满意的表情，孙子把饺子放进锅里。", told, ["奶奶", "孙子"])
        == "孙子把饺子放进锅里。"
    )
    assert without_told_clauses("Jack opens the door, feeling the rain again.", english) == ""


def test_a_line_that_recites_the_idea_is_struck() -> None:
    """Recorded (毕业的约定, 2026-12-01): both classmates said the idea's sentence aloud."""
    idea = "高三教室里，两个同桌每天用小纸条吵架，直到毕业那天才把真心话写在最后一张纸条上。"
    scene = _scene(["小明拿起小纸条。"], []).model_copy(
        update={
            "dialogue": [
                DialogueLine(speaker="小明", text="我等你毕业那天，把真心话写在最后一张纸上。"),
                DialogueLine(
                    speaker="小红", text="毕业那天，你会写什么？"
                ),  # the idea's words, not its sentence
                DialogueLine(
                    speaker="小红", text="我也一样，我们等你毕业那天，把真心话写在最后一张纸上。"
                ),
            ]
        }
    )
    kept = drop_copied_lines(scene, [], idea)
    assert [line.text for line in kept.dialogue] == ["毕业那天，你会写什么？"]
    lift = "Two rival debate captains get stuck in a school lift the night before the final."
    english = _scene(
        ["The lift shudders."],
        ["We're stuck in a school lift the night before the final!", "Practise on me."],
    )
    assert [line.text for line in drop_copied_lines(english, [], lift).dialogue] == [
        "Practise on me."
    ]
    # A scene keeps a line to say.
    alone = _scene(
        ["The lift shudders."], ["We're stuck in a school lift the night before the final!"]
    )
    assert len(drop_copied_lines(alone, [], lift).dialogue) == 1


def test_speech_in_single_curly_quotes_after_a_trade_word_becomes_dialogue() -> None:
    """Recorded (快递小哥的独居老人, 2026-12-01): both lines were drawn on the action card."""
    scene = Scene(
        number=2,
        place="老人家",
        action=[
            "快递小哥对老人说：‘你总说很忙，我今天给你送了这些包裹，是不是？",
            "独居老人回应：‘是啊，我很忙，没想到会收到这么多。’",
            "小哥笑了。",
        ],
    )
    spoken = speech_to_dialogue(scene, ["小哥", "独居老人"])
    assert spoken.action == ["小哥笑了。"]
    assert [(line.speaker, line.text) for line in spoken.dialogue] == [
        ("小哥", "你总说很忙，我今天给你送了这些包裹，是不是？"),
        ("独居老人", "是啊，我很忙，没想到会收到这么多。"),
    ]
    # A longer lead before the name is not a trade word: no speaker is guessed.
    guessed = Scene(number=1, place="家", action=["隔壁家的小哥说：“走吧。”"])
    assert speech_to_dialogue(guessed, ["小哥"]).dialogue == []


def test_a_short_action_told_again_is_one_shot() -> None:
    """Recorded (2026-12-02): "General smiles. / General smiles again." in one scene."""
    scene = _scene(
        [
            "General smiles.",
            "He reads the letter.",
            "General smiles again.",
            "奶奶笑了。",
            "奶奶又笑了。",
        ],
        ["Read it."],
    )
    assert drop_repeats(scene).action == ["General smiles.", "He reads the letter.", "奶奶笑了。"]
    different = _scene(["Nan smiles.", "Nan cries."], ["Oh."])
    assert drop_repeats(different).action == ["Nan smiles.", "Nan cries."]


def test_clothes_the_bible_dresses_someone_in_are_worn_not_carried() -> None:
    """Recorded (爸爸的街舞梦想, 2026-12-02): his wardrobe pasted as things he carries."""
    from film.quality.people.dress import scene_without_carried_wardrobe

    wardrobes = ["蓝色T恤、牛仔裤", "深色西装、领带"]
    scene = _scene(
        ["小明拿着一个蓝色的T恤和一条牛仔裤走进客厅。", "爸爸手里拿着一本书，看起来有些疲惫。"],
        ["拿着你的牛仔裤！"],
        visual="小明和爸爸坐在沙发上，小明拿着他的T恤和牛仔裤站在爸爸面前。",
    )
    mended = scene_without_carried_wardrobe(scene, wardrobes)
    assert mended.action == ["小明走进客厅。", "爸爸手里拿着一本书，看起来有些疲惫。"]
    assert mended.visual == "小明和爸爸坐在沙发上，小明站在爸爸面前。"
    assert mended.dialogue == scene.dialogue  # said to someone, it is a line
    english = _scene(
        ["Maya walks in, holding her white blouse and jeans.", "Maya holds a letter."], []
    )
    assert scene_without_carried_wardrobe(english, ["white blouse, jeans"]).action == [
        "Maya walks in.",
        "Maya holds a letter.",
    ]
    # Recorded (zh-romance-notes, 2026-12-04): the clause and its comma go together, not
    # "陈默站在教室门口，。" or "陈默，坐在教室里。", nor "手里也" left behind.
    desk = _scene(
        [
            "陈默拿着校服，坐在教室里。",
            "陈默站在教室门口，手里拿着一件校服。",
            "林夏走到他的面前，手里也拿着一件校服。",
        ],
        [],
    )
    assert scene_without_carried_wardrobe(desk, ["校服"]).action == [
        "陈默坐在教室里。",
        "陈默站在教室门口。",
        "林夏走到他的面前。",
    ]


def test_a_line_about_the_film_and_a_cue_that_is_only_a_name_go() -> None:
    """Recorded (2026-12-02): "画师结束影片，并且画面逐渐淡出。" as an action line, and
    @偷外卖的贼 saying only "保安大爷"."""
    from film.quality.mend import mend_edges

    scene = _scene(
        ["画师放下画笔。", "画师结束影片，并且画面逐渐淡出。"], ["保安大爷", "快回来！"]
    ).model_copy(update={"characters": ["Nan", "保安大爷"]})
    mended = mend_edges(scene)
    assert mended.action == ["画师放下画笔。"]
    assert [line.text for line in mended.dialogue] == ["快回来！"]
    crowd = _scene(["The audience cheers as Kofi plays."], ["Thank you!"])
    assert mend_edges(crowd).action == ["The audience cheers as Kofi plays."]


def test_an_action_line_does_not_wonder_what_is_not_clear() -> None:
    """Recorded (second reader, 2026-12-02): the outline's doubt, "but it's not clear what"."""
    from film.quality.mend.edges import without_hedge

    assert without_hedge("Ming opens the box, but it's not clear what is inside.") == (
        "Ming opens the box."
    )
    assert without_hedge("Ming opens the box but it is unclear why. He smiles.") == (
        "Ming opens the box. He smiles."
    )
    assert without_hedge("小明打开盒子，但不清楚里面是什么。") == "小明打开盒子。"
    assert without_hedge("It is not clear.") == "It is not clear."  # nothing else to keep
    assert without_hedge("Ming waits.") == "Ming waits."


def test_what_the_second_reader_marked_on_2026_12_02_is_mended() -> None:
    """Recorded lines of the 10:57 craft bench, each quoted by the second reader."""
    from film.quality.genre import _period_items
    from film.quality.mend import clean_edges
    from film.quality.mend.edges import mend_edges
    from film.quality.mend.speeches import join_runs
    from film.quality.people.speech import speech_to_dialogue

    # Night market: a function word written twice; painter: a stop after a stop.
    assert clean_edges("我每天都都在尝试新事物。") == "我每天都在尝试新事物。"
    assert clean_edges("实实在在，的的确确，不了了之。") == "实实在在，的的确确，不了了之。"
    assert _period_items("长袍，墨镜，配黑色外套和黑色鞋子。") == "长袍，配黑色外套和黑色鞋子。"
    # Lighthouse: the model's refusal, cued as a line of Linda's.
    refusal = DialogueLine(speaker="Linda", text="I'm sorry, but I can't assist with that.")
    cliff = Scene(
        number=1,
        interior="EXT",
        place="Cliff",
        time_of_day="DAY",
        action=["Waves break below the lighthouse."],
        dialogue=[refusal, DialogueLine(speaker="Tom", text="Look at the light.")],
        characters=["Linda", "Tom"],
    )
    assert [line.speaker for line in mend_edges(cliff).dialogue] == ["Tom"]
    # The assistant's voice (12:17): "Sure, I can help you with that."
    helper = DialogueLine(speaker="Linda", text="Sure, I can help you with that.")
    assistant = cliff.model_copy(update={"dialogue": [helper, *cliff.dialogue[1:]]})
    assert [line.speaker for line in mend_edges(assistant).dialogue] == ["Tom"]
    # Night market (2026-12-02): the assistant asking for a command; a clerk's offer stays.
    for said in ("请告诉我你需要什么命令。", "As an AI, I cannot write that."):
        asked = DialogueLine(speaker="Linda", text=said)
        speaking = cliff.model_copy(update={"dialogue": [asked, *cliff.dialogue[1:]]})
        assert [line.speaker for line in mend_edges(speaking).dialogue] == ["Tom"]
    clerk = DialogueLine(speaker="Linda", text="How can I help you?")
    shop = cliff.model_copy(update={"dialogue": [clerk, *cliff.dialogue[1:]]})
    assert mend_edges(shop) == shop
    # Street dance: a speech in the action, its verb any "…道".
    living = Scene(
        number=1,
        interior="INT",
        place="客厅",
        time_of_day="DAY",
        action=["爸爸鼓励道：“没关系，你先从简单的动作开始吧。”", "小明点头。"],
        dialogue=[DialogueLine(speaker="小明", text="我会努力的。")],
        characters=["爸爸", "小明"],
    )
    moved = speech_to_dialogue(living, ["爸爸", "小明"])
    assert moved.action == ["小明点头。"] and moved.dialogue[0].speaker == "爸爸"
    # Dumplings: his second cue only said again what his first had.
    thanks = living.model_copy(
        update={
            "dialogue": [
                DialogueLine(speaker="孙子", text="谢谢你，我一定会记住你的承诺的。谢谢你。"),
                DialogueLine(speaker="孙子", text="谢谢你。"),
            ]
        }
    )
    assert len(join_runs(thanks).dialogue) == 1


def test_a_visual_note_cut_off_after_a_comma_is_whole_or_empty() -> None:
    """Recorded (craft bench, the bus, 2026-12-02): "Slow,", "Static, p", "Static, 2"."""
    from film.quality.mend.edges import _whole_note

    assert _whole_note("Slow,") == ""
    assert _whole_note("Static, p") == ""
    assert _whole_note("Static, 2") == ""
    assert _whole_note("Cold blue light, slow push in,") == "Cold blue light, slow push in"
    assert _whole_note("暖黄的灯光照在面粉上，近") == "暖黄的灯光照在面粉上"
    whole = "Warm light on the dough, close framing."
    assert _whole_note(whole) == whole


def test_one_person_named_again_as_somebodys_relative_is_named_once() -> None:
    from film.quality.mend.edges import without_clone

    # Recorded (craft bench, the bus, 2026-12-02): read as two Sophias.
    cloned = "Jack and Sophia are sitting on the old bus stop with their granddaughter Sophia."
    assert without_clone(cloned) == "Jack and Sophia are sitting on the old bus stop."
    scene = Scene(number=5, place="Bus stop", action=[cloned], visual=cloned)
    mended = mend_edges(scene)
    assert mended.action == [without_clone(cloned)] and mended.visual == without_clone(cloned)
    # Named once, as a relative: left alone.
    assert without_clone("Jack sits with his granddaughter Sophia.") == (
        "Jack sits with his granddaughter Sophia."
    )


def test_talk_that_lost_its_cue_is_no_action_and_the_camera_we_stays() -> None:
    from film.quality.mend.edges import spoken_action

    # Recorded (by hand, the ferryman, 2026-12-02): an action line between two others.
    lost = "Same here. It's a tradition we've been doing for years."
    scene = Scene(
        number=2,
        place="Bridge",
        action=["Sam smiles at her from across the river.", lost, "We see the new bridge."],
    )
    assert mend_edges(scene).action == [
        "Sam smiles at her from across the river.",
        "We see the new bridge.",
    ]
    assert spoken_action("我们一起去吧。") and spoken_action("I can't believe it.")
    for kept in ('Sam says, "I love you."', "Sam: I can't.", "小明对爸爸说我想学街舞。"):
        assert not spoken_action(kept), kept


def test_a_scene_whose_only_action_is_its_heading_says_who_is_where() -> None:
    """Recorded (craft bench, the bus, 22:10): "!EXT. OLD PARK - DAY" as the action."""
    from film.quality.mend.cast import where_they_are
    from film.screenplay import DialogueLine, Scene

    park = Scene(
        number=2,
        place="Old park",
        interior="EXT",
        characters=["Jack", "Emma"],
        action=["EXT. OLD PARK - DAY"],
        dialogue=[DialogueLine(speaker="Jack", text="It's so beautiful.")],
    )
    assert mend_edges(park).action == ["Jack and Emma are at the old park."]
    bus = park.model_copy(update={"place": "Bus", "interior": "INT", "characters": ["Jack"]})
    assert where_they_are(bus) == "Jack is in the bus."
    kitchen = park.model_copy(update={"place": "奶奶的厨房", "characters": ["奶奶", "孙子"]})
    assert where_they_are(kitchen) == "奶奶和孙子在奶奶的厨房。"
    assert mend_edges(park.model_copy(update={"characters": []})).action == ["EXT. OLD PARK - DAY"]
    # With its stop (the letter, craft bench, 2026-12-04): a heading still, not an action.
    pass_scene = park.model_copy(
        update={"action": ["EXT. SNOWY MOUNTAIN PASS - DAY.", "Elena looks up at the pass."]}
    )
    assert mend_edges(pass_scene).action == ["Elena looks up at the pass."]


def test_a_question_asked_back_word_for_word_is_an_echo() -> None:
    """Recorded (craft bench, the notes, 22:13): the film ended "真的吗？" "真的吗？"."""
    said = [("小红", "我爱你"), ("小明", "我也爱你"), ("小红", "真的吗？"), ("小明", "真的吗？")]
    scene = _scene(["小红拿出最后一张纸条。"], []).model_copy(
        update={"dialogue": [DialogueLine(speaker=who, text=text) for who, text in said]}
    )
    assert [line.text for line in drop_repeats(scene).dialogue] == [
        "我爱你",
        "我也爱你",
        "真的吗？",
    ]


def test_a_welcome_that_answers_no_thanks_goes() -> None:
    """Recorded (by hand, 渔网的秘密, 22:47): 爷爷's "不客气。" after "是的，我看到了。好啊。"."""
    from film.quality.mend import no_answers_to_nobody

    said = [
        ("爷爷", "你看到我的工具了吗？"),
        ("孙女", "是的，我看到了。好啊。"),
        ("爷爷", "不客气。"),
        ("孙女", "谢谢你教我。"),
        ("爷爷", "不客气。"),
    ]
    scene = _scene(["爷爷补网。"], []).model_copy(
        update={
            "characters": ["爷爷", "孙女"],
            "dialogue": [DialogueLine(speaker=who, text=text) for who, text in said],
        }
    )
    kept = [line.text for line in no_answers_to_nobody(scene).dialogue]
    assert kept == ["你看到我的工具了吗？", "是的，我看到了。好啊。", "谢谢你教我。", "不客气。"]


def test_a_person_only_thought_of_is_not_cast_in_the_scene() -> None:
    """Recorded (web app, 22:51): "He thinks about Lily's last night." drew Lily there."""
    from film.quality.mend import with_seen_cast
    from film.screenplay import Scene

    thought = Scene(
        number=1,
        place="Lighthouse",
        characters=["James"],
        action=["James stands at the window.", "He thinks about Lily's last night."],
    )
    assert with_seen_cast(thought, ["James", "Lily"]).characters == ["James"]
    there = thought.model_copy(update={"action": ["Lily lights the lamp."]})
    assert with_seen_cast(there, ["James", "Lily"]).characters == ["James", "Lily"]


def test_the_second_readers_small_slips_of_22_17_are_mended() -> None:
    """Recorded (craft bench, 22:17 run): a space lost after a stop, quotes and stops left
    after a question, a goodnight chain, a stand-in's name said aloud, a torch worn."""
    from film.quality.mend import clean_edges
    from film.quality.people.dress import wardrobe_of
    from film.quality.people.vocatives import called_by_their_names

    assert clean_edges("Sam.I'll be fine.") == "Sam. I'll be fine."
    assert clean_edges("www.Google.com") == "www.Google.com"
    assert clean_edges("你想学街舞吗？”。”。") == "你想学街舞吗？"
    bye = ["再见。", "拜拜。", "晚安。", "晚安。"]
    chain = _scene(["公主离开。"], []).model_copy(
        update={
            "characters": ["公主", "画师"],
            "dialogue": [
                DialogueLine(speaker=("公主", "画师")[n % 2], text=t) for n, t in enumerate(bye)
            ],
        }
    )
    assert [line.text for line in drop_repeats(chain).dialogue] == ["再见。"]
    named = chain.model_copy(
        update={"dialogue": [DialogueLine(speaker="画师", text="我的名字是张三。")]}
    )
    people = [("公主", "公主"), ("画师", "宫廷画师")]
    assert called_by_their_names(named, people).dialogue == []
    assert wardrobe_of("a keeper", "Dark suit with vest, flashlight") == "Dark suit with vest"


def test_a_run_of_action_lines_on_one_opening_is_two_shots() -> None:
    """Recorded (the drummer, 2026-12-03): "Sam looks at …" five times in one scene."""
    looks = ["the wall next to him", "himself in the mirror", "his hands", "the floor", "the sky"]
    scene = Scene(
        number=4, place="Gym", characters=["Sam"], action=[f"Sam looks at {t}." for t in looks]
    )
    assert drop_repeats(scene).action == [
        "Sam looks at the wall next to him.",
        "Sam looks at himself in the mirror.",
    ]


def test_the_idea_recited_as_action_stays_once_a_scene_and_is_no_visual_note() -> None:
    """Recorded (craft bench, 2026-12-03): the scooter's idea pasted twice in each of two
    scenes, and the nurse's whole idea as a scene's visual note."""
    from film.quality.mend import drop_copied_lines, mend_visual

    scooter = (
        "A food delivery rider is sure his second-hand scooter is haunted, because it plays "
        "karaoke every time he runs a red light."
    )
    scene = Scene(
        number=1,
        place="Street",
        action=[
            "Sam notices his second-hand scooter playing karaoke every time he runs a red light.",
            "Sam brakes hard.",
            "Sam spots the source: his scooter plays karaoke every time he runs a red light.",
        ],
    )
    assert drop_copied_lines(scene, [], scooter).action == scene.action[:2]
    nurse = (
        "A night-shift nurse and the baker across the street swap notes on the bakery window "
        "for a whole winter without ever meeting."
    )
    pasted = nurse.replace("A night", "The night")
    noted = Scene(number=7, place="Bakery window", visual=pasted, action=["Sam waits."])
    assert mend_visual(noted, ["Warm light suits a romance."], nurse, pasted).visual == ""


def test_a_chinese_quotation_opened_and_never_closed_is_closed() -> None:
    """Recorded (craft bench, the painter, 2026-12-04): "纸条上写着一行字：'宫变即将发生！"."""
    from film.quality.mend import in_film_language
    from film.screenplay import Scene

    scene = Scene(
        number=1, place="宫殿", action=["纸条上写着一行字：'宫变即将发生！", "他说：“走！"]
    )
    assert in_film_language(scene, "zh").action == [
        "纸条上写着一行字：“宫变即将发生！”",
        "他说：“走！”",
    ]


def test_a_small_models_certain_grammar_slips_are_mended() -> None:
    """Recorded (craft bench, 2026-12-04 17:58), each quoted by a second reader: "一边包边说"
    three times in the dumplings, "谢你。" in the painter, "I'm too." in the lift."""
    from film.quality.mend.language import in_film_language
    from film.screenplay import DialogueLine, Scene

    zh = Scene(
        number=1,
        place="厨房",
        characters=["奶奶", "孙子"],
        action=["奶奶一边包边说话。"],
        dialogue=[DialogueLine(speaker="孙子", text="谢你。")],
    )
    mended = in_film_language(zh, "zh")
    assert mended.action == ["奶奶一边包一边说话。"]
    assert mended.dialogue[0].text == "谢谢你。"
    # 孙子 called out reads as an insult (the dumplings, 2026-12-04 21:39); said of him, not.
    called = zh.model_copy(
        update={
            "action": ["孙子，一边包一边说。"],
            "dialogue": [DialogueLine(speaker="奶奶", text="孙子，你一定要好好学习哦！")],
        }
    )
    mended = in_film_language(called, "zh")
    assert mended.action == ["孙子，一边包一边说。"]
    assert mended.dialogue[0].text == "孩子，你一定要好好学习哦！"
    en = Scene(
        number=1,
        place="School lift",
        characters=["Alex", "Taylor"],
        action=["The lift stops."],
        dialogue=[
            DialogueLine(speaker="Alex", text="I'm too."),
            DialogueLine(speaker="Taylor", text="I'm too tired to argue."),
        ],
    )
    said = [line.text for line in in_film_language(en, "en").dialogue]
    assert said == ["Me too.", "I'm too tired to argue."]


def test_a_person_alone_neither_thanks_nor_asks_back_anybody() -> None:
    """Recorded (second reader, 2026-12-05): the grandmother alone with the TV news said
    "好主意，我们下次一起试试。谢谢你的建议！", the keeper alone "And you? The same thing."."""
    from film.quality.mend import no_answers_to_nobody

    def alone(who: str, *said: str) -> Scene:
        lines = [DialogueLine(speaker=who, text=text) for text in said]
        return _scene(["她看着电视。"], []).model_copy(
            update={"characters": [who], "dialogue": lines}
        )

    granny = alone("李奶奶", "我得赶紧学用智能手机了。", "好主意，我们下次一起试试。谢谢你的建议！")
    assert [line.text for line in no_answers_to_nobody(granny).dialogue] == [
        "我得赶紧学用智能手机了。"
    ]
    keeper = alone("John", "Forty years of this sea. And you? The same thing.")
    assert [line.text for line in no_answers_to_nobody(keeper).dialogue] == [
        "Forty years of this sea."
    ]
    # With somebody there, the thanks are theirs to hear.
    pair = granny.model_copy(update={"characters": ["李奶奶", "李默"]})
    assert len(no_answers_to_nobody(pair).dialogue) == 2


def test_a_word_that_reads_as_vulgar_is_mended() -> None:
    """Recorded (second reader, the dumplings, 2026-12-05): "我也喜欢你的包皮。"."""
    from film.quality.mend.language import word_slips

    assert word_slips("我也喜欢你的包皮。") == "我也喜欢你的饺子皮。"
    assert word_slips("奶奶包饺子。") == "奶奶包饺子。"

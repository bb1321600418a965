"""A scene padded with its own steps told again keeps each step once."""

from __future__ import annotations

from film.quality.mend import drop_repeats
from film.quality.repetition import retells
from film.screenplay import DialogueLine, Scene

# Recorded from the 1.5B model: scene 1 of the three-minute drummer (en-struggle-drummer).
DRUMMER = [
    "The Drummer stands at the edge of the gym floor, feeling the rhythm.",
    "He starts to feel the rhythm.",
    "He feels the beat through the gym floor and begins to feel the rhythm.",
    "He practices his drumming for hours, feeling the rhythm.",
    "The Drummer stands in front of a mirror, looking at himself.",
    "The Drummer looks at the mirror and sees his own reflection.",
    "The Drummer looks at himself in the mirror and sees his own reflection again.",
    "The Drummer looks at himself in the mirror and sees his own reflection one last time.",
    "The Drummer looks at himself in the mirror and sees his own reflection for a final time.",
]


def _scene(action: list[str], speaker: str = "The Drummer") -> Scene:
    return Scene(
        number=1,
        interior="INT",
        place="GYM",
        time_of_day="DAY",
        action=action,
        dialogue=[DialogueLine(speaker=speaker, text="I can feel it. It's like a heartbeat.")],
        characters=[speaker],
    )


def test_the_drummer_sees_his_reflection_once() -> None:
    kept = drop_repeats(_scene(DRUMMER)).action
    assert kept == [DRUMMER[0], DRUMMER[3], DRUMMER[4], DRUMMER[5]]


def test_steps_that_move_the_story_on_are_all_kept() -> None:
    steps = [
        "Grandma pours flour into the blue bowl.",
        "Leo cracks an egg and spills half of it.",
        "Grandma laughs and guides his hands through the dough.",
        "Leo folds his first dumpling; it splits at the seam.",
        "Grandma folds one beside it, slowly, so he can watch.",
        "He folds another dumpling, and this one holds.",
    ]
    scene = _scene(steps, "Grandma").model_copy(update={"characters": ["Grandma", "Leo"]})
    assert drop_repeats(scene).action == steps


def test_a_chinese_step_told_again_goes_and_a_new_one_stays() -> None:
    lines = [
        "保安大爷在小区门口的树下布下一张大网。",
        "保安大爷又在小区门口的树下布下了一张大网。",
        "一只橘猫叼着外卖袋从墙头跳下来。",
        "保安大爷拉紧绳子，网里只有那只橘猫。",
    ]
    scene = _scene(lines, "保安大爷")
    assert drop_repeats(scene).action == [lines[0], lines[2], lines[3]]


def test_a_short_line_or_a_different_opening_is_not_judged() -> None:
    assert not retells("He nods.", ["He nods at the coach and grins."])
    assert not retells(
        "Kofi tapes a vibration pad under his stool.",
        ["Kofi tapes the set list to the snare drum."],
        ["Kofi"],
    )
    assert retells(
        "The drummer looks at himself in the mirror and sees his reflection, smiling.",
        ["The drummer looks at himself in the mirror and sees a stranger."],
    )


def test_a_visual_note_is_one_shot_not_the_scene_told_again() -> None:
    """Recorded: the dumplings kitchen's visual retold every action line, in six sentences."""
    from film.quality.mend import visual_of_its_own

    action = [
        "奶奶坐在餐桌前，手里拿着一个小包裹。",
        "孙子正在包着饺子，他用擀面杖不断地戳出形状。",
        "孙子已经完成了一个完整的饺子，他坐在桌子上，手里拿着一个大大的饺子。",
    ]
    visual = (
        "温暖的阳光透过窗户洒在桌面上，光线柔和而温暖，餐桌上的食物散发着香气。"
        "奶奶坐在桌子前，手里拿着一个小包裹，她的眼神里充满了慈爱和期待。"
        "孙子正在包着饺子，他用擀面杖不断地戳出形状。"
        "奶奶看到孙子的专注和努力，脸上露出了欣慰的笑容。"
        "孙子已经完成了一个完整的饺子，他坐在桌子上，手里拿着一个大大的饺子。"
        "奶奶看着孙子满意的表情，脸上露出了微笑。"
    )
    scene = _scene(action, "奶奶").model_copy(
        update={"visual": visual, "characters": ["奶奶", "孙子"]}
    )
    mended = visual_of_its_own(scene).visual
    assert mended.startswith("温暖的阳光透过窗户洒在桌面上")
    assert "擀面杖" not in mended and mended.count("。") == 2
    english = _scene(["Kofi lays his palms flat on the gym floor."]).model_copy(
        update={"visual": "Kofi lays his palms flat on the gym floor. Dust hangs in the light."}
    )
    assert visual_of_its_own(english).visual == "Dust hangs in the light."
    # A note that is itself speech (饺子里的叮嘱, 2026-12-02: "谢谢奶奶！") is no shot.
    thanks = _scene(["奶奶包饺子。"]).model_copy(
        update={"visual": "谢谢奶奶！", "place": "厨房", "time_of_day": "DAY"}
    )
    assert visual_of_its_own(thanks).visual == ""  # the heading says 厨房, DAY already
    # A speech opened by a single quote (2026-12-02): "奶奶突然说：‘你下次出门要带好你的包".
    told = thanks.model_copy(update={"visual": "奶奶突然说：‘你下次出门要带好你的包。"})
    assert visual_of_its_own(told).visual == ""
    short = _scene(["Kofi nods."]).model_copy(update={"visual": "Wide shot of an empty gym."})
    assert visual_of_its_own(short) == short
    # Recorded (夜市女孩自学编程, scene 3): the note was the action's own sentence.
    story = _scene(["夜市摊位上的煎饼女孩小张，正在学习编程。她突然遇到了一个难题。"]).model_copy(
        update={"visual": "她突然遇到了一个难题。", "place": "夜市", "time_of_day": "NIGHT"}
    )
    assert visual_of_its_own(story).visual == ""
    # Recorded (craft bench, dumplings, 2026-12-02): the heading said again, no shot.
    heading = thanks.model_copy(update={"visual": "厨房内景，白天。"})
    assert visual_of_its_own(heading).visual == ""
    lit = thanks.model_copy(update={"visual": "厨房内景，白天。暖黄的灯光照在面粉上。"})
    assert visual_of_its_own(lit).visual == "暖黄的灯光照在面粉上。"
    gym = _scene(["Kofi nods."]).model_copy(update={"visual": "Interior of the gym, day."})
    assert visual_of_its_own(gym).visual == ""


def test_a_grandfather_cast_twice_with_one_look_is_one_person() -> None:
    """Recorded (The Last Bus Home): Ana and Mr. Okafor, both the grandfather, one look."""
    from film.quality.people.bible import one_per_relative
    from film.screenplay import CharacterProfile

    look = "He is a 65-year-old man with long gray hair, brown eyes, and a robust build."
    sam = CharacterProfile(name="Sam", role="granddaughter", look="A 16-year-old girl.")
    ana = CharacterProfile(name="Ana", role="grandfather", look=look)
    okafor = CharacterProfile(name="Mr. Okafor", role="driver (grandfather)", look=look)
    assert [p.name for p in one_per_relative([sam, ana, okafor])] == ["Sam", "Mr. Okafor"]
    waigong = CharacterProfile(name="外公", role="外公", look="七十岁，瘦高，戴草帽")
    yeye = CharacterProfile(name="爷爷", role="爷爷", look="七十岁，微胖，光头")
    assert one_per_relative([yeye, waigong]) == [yeye, waigong]


def test_a_nameless_copy_of_the_ideas_driver_goes_and_a_bracket_leaves_the_name() -> None:
    """Recorded (en-family-bus, 2026-12-01): "Driver (Grandfather)" and a "Bus Driver"."""
    from film.quality.people.bible import mended_bible, one_per_idea_trade
    from film.screenplay import CharacterProfile

    idea = "A retired bus driver rides his old route one last time with his granddaughter."
    girl = CharacterProfile(name="Granddaughter", role="grandchild", look="A 10-year-old girl.")
    driver = CharacterProfile(name="Driver (Grandfather)", role="grandparent", look="Old, bald.")
    copy = CharacterProfile(name="Bus Driver", role="driver", look="Young, fair-haired.")
    assert one_per_idea_trade(idea, [girl, driver, copy]) == [girl, driver]
    mended = mended_bible(idea, [girl, driver, copy], "en")
    # Nobody calls her "Granddaughter" (the bus, 2026-12-04): she gets a name, and her role
    # keeps what she is; the grandfather's role names her.
    assert [(p.name, p.role) for p in mended] == [
        ("Lily", "grandchild (granddaughter)"),
        ("Grandfather", "grandparent (driver)"),
    ]
    johnson = CharacterProfile(
        name="Mr. Johnson", role="retired bus driver, Granddaughter's grandfather", look="Old."
    )
    assert [(p.name, p.role) for p in mended_bible(idea, [johnson, girl], "en")] == [
        ("Mr. Johnson", "retired bus driver, Lily's grandfather"),
        ("Lily", "grandchild (granddaughter)"),
    ]
    grandma = CharacterProfile(name="Grandma", role="grandmother", look="Old.")
    assert mended_bible(idea, [grandma, girl], "en")[0].name == "Grandma"  # called so
    # Two named drivers both stay; so does a second driver the idea asks for.
    ana = CharacterProfile(name="Ana", role="bus driver", look="Young.")
    assert one_per_idea_trade(idea, [girl, driver, ana]) == [girl, driver, ana]
    two = "Two bus drivers race their old routes."
    assert one_per_idea_trade(two, [driver, copy]) == [driver, copy]
    # In Chinese, a bare 司机 beside the named one goes; a named person keeps their name.
    wang = CharacterProfile(name="王师傅（司机）", role="退休公交司机", look="六十岁")
    bare = CharacterProfile(name="公交司机", role="司机", look="二十岁")
    zh_idea = "退休的公交司机王师傅最后一次开他的老线路"
    assert [p.name for p in mended_bible(zh_idea, [wang, bare], "zh")] == ["王师傅"]


def test_a_chinese_name_that_describes_someone_is_what_follows_its_de() -> None:
    """Recorded (craft bench, the ginger soup, 2026-12-04): the host was "独居老人家的老人",
    role 收银员 (a cashier). He is 老人, the old man the idea names."""
    from film.quality.people.bible import mended_bible
    from film.quality.people.names.naming import undescribed
    from film.screenplay import CharacterProfile

    soup = "外卖小哥在暴雨夜把最后一单送到独居老人家，老人留他喝了一碗姜汤。"
    rider = CharacterProfile(name="外卖小哥", role="外卖小哥", look="二十多岁")
    host = CharacterProfile(name="独居老人家的老人", role="收银员", look="头发花白")
    # And each of the two, named only by a trade or "老人", gets a name (2026-12-05): the
    # old man by his surname, as the courier would call him.
    bible = mended_bible(soup, [rider, host], "zh")
    assert [p.role for p in bible] == ["外卖小哥", "老人"]
    assert bible[0].name not in ("外卖小哥", "老人") and bible[1].name.startswith("老")
    assert bible[1].name != "老人"
    assert undescribed("小明的妈妈") == "妈妈"
    assert undescribed("林夏") == "林夏" and undescribed("的哥") == "的哥"


def test_the_compound_guard_is_not_a_policeman() -> None:
    """Recorded (保安大爷的天罗地网): 保安大爷's role came back as 警察."""
    from film.quality.people.names.naming import role_of_trade_name

    assert role_of_trade_name("保安大爷", "警察") == "保安"
    assert role_of_trade_name("Nurse Li", "doctor") == "nurse"
    assert role_of_trade_name("保安大爷", "小区保安") == "小区保安"
    assert role_of_trade_name("Driver Walter", "the driver's old friend, a police officer") == (
        "the driver's old friend, a police officer"
    )
    assert role_of_trade_name("小明", "警察") == "警察"


def test_a_mother_the_film_lacks_is_the_grandmother_it_has() -> None:
    """Recorded (饺子的约定): "妈妈给他送行" in a film of a grandmother and grandson only."""
    from film.quality.people.slips import film_relatives, with_told_kin

    idea = "孙子明天就要去外地上大学，奶奶在厨房里教他包饺子。"
    told = film_relatives(idea, [("奶奶", "奶奶"), ("孙子", "孙子")])
    assert (
        with_told_kin("孙子在校车里，妈妈给他送行。", told, idea) == "孙子在校车里，奶奶给他送行。"
    )
    waipo = "外孙要出国了，外婆教他包饺子"
    told_waipo = film_relatives(waipo, [("外婆", "外婆"), ("外孙", "外孙")])
    assert with_told_kin("妈妈给他送行。", told_waipo, waipo) == "外婆给他送行。"
    english = "a grandma teaches her grandson to make dumplings"
    told_en = film_relatives(english, [("Grandma", "grandmother"), ("Leo", "grandson")])
    assert with_told_kin("Thanks, Mom!", told_en, english) == "Thanks, Grandma!"
    with_parents = film_relatives("奶奶和妈妈一起送孙子上大学", [])
    assert with_told_kin("妈妈给他送行。", with_parents, "") == "妈妈给他送行。"
    # Swapped beside the one it becomes, the pair is one person (小明的街舞梦想, 2026-12-01).
    dance = film_relatives("小明想说服爸爸让他去学街舞", [("小明", "儿子"), ("爸爸", "爸爸")])
    assert with_told_kin("小明看着爸爸和妈妈在散步。", dance) == "小明看着爸爸在散步。"


def test_a_grandchild_the_film_lacks_is_the_child_it_has() -> None:
    """Recorded (2026-12-04): a 孙子 answered the phone in the film of a grandmother who
    video-calls her son, and the form repair cast him as a stranger."""
    from film.quality.people.slips import film_relatives, with_told_kin

    idea = "奶奶第一次学用智能手机，学会视频通话后，每天晚上都给在外地打工的儿子打电话"
    told = film_relatives(idea, [("奶奶", "奶奶"), ("儿子", "儿子")])
    assert with_told_kin("孙子", told, idea) == "儿子"
    assert with_told_kin("孙子接过电话。", told, idea) == "儿子接过电话。"
    english = "A grandmother learns to video-call her son every night."
    told_en = film_relatives(english, [("Grandma", "grandmother"), ("Tom", "son")])
    assert with_told_kin("Her grandson waves.", told_en, english) == "Her son waves."
    # A film that has a grandchild keeps them.
    both = film_relatives("奶奶教孙子包饺子", [("奶奶", "奶奶"), ("孙子", "孙子")])
    assert with_told_kin("孙子包了一个饺子。", both, "") == "孙子包了一个饺子。"


def test_speech_in_action_without_a_colon_is_a_line() -> None:
    from film.quality.people.speech import speech_to_dialogue

    scene = _scene(["孙子回答“我怕路上会遇到什么困难。”", "奶奶把饺子放进锅里。"], "孙子")
    moved = speech_to_dialogue(scene, ["奶奶", "孙子"])
    assert moved.action == ["奶奶把饺子放进锅里。"]
    assert ("孙子", "我怕路上会遇到什么困难。") in [(d.speaker, d.text) for d in moved.dialogue]


def test_the_drivers_granddaughter_has_one_grandfather() -> None:
    """Recorded (The Last Bus Home, this stop): the driver and a second 'grandfather'."""
    from film.quality.people.bible import mended_bible
    from film.screenplay import CharacterProfile

    idea = "A retired bus driver rides his old route one last time with his granddaughter."
    bible = [
        CharacterProfile(name="Ana", role="Granddaughter", look="A 14-year-old girl."),
        CharacterProfile(name="Sam", role="Driver (grandfather)", look="A man with gray hair."),
        CharacterProfile(
            name="Mr. Okafor", role="Grandfather (driver's father)", look="A man with a cane."
        ),
    ]
    assert [p.name for p in mended_bible(idea, bible, "en")] == ["Ana", "Sam"]
    two = "奶奶和外婆一起教孙女包饺子"
    both = [
        CharacterProfile(name="奶奶", role="奶奶", look="七十岁，短发"),
        CharacterProfile(name="外婆", role="外婆", look="六十八岁，长发"),
    ]
    assert len(mended_bible(two, both, "zh")) == 2


def test_english_speech_told_in_an_action_line_is_the_speakers_line() -> None:
    """Recorded (The Last Bus Home): speech in single quotes after 'says to Ana,'."""
    from film.quality.people.speech import speech_to_dialogue

    said = "Mr. Okafor looks at the picture and says to Ana, 'This is my home.'"
    scene = _scene([said, "Ana watches his face."], "Ana")
    moved = speech_to_dialogue(scene, ["Ana", "Mr. Okafor"])
    assert moved.action == ["Mr. Okafor looks at the picture.", "Ana watches his face."]
    assert ("Mr. Okafor", "This is my home.") in [(d.speaker, d.text) for d in moved.dialogue]
    plain = _scene(['Ana says, "I miss the old bus."'], "Ana")
    assert "I miss the old bus." in [d.text for d in speech_to_dialogue(plain, ["Ana"]).dialogue]
    not_speech = _scene(["Ana tells the driver's story to the whole bus."], "Ana")
    assert speech_to_dialogue(not_speech, ["Ana"]) == not_speech


def test_the_idea_driver_is_the_grandfather_not_a_second_man() -> None:
    """Recorded (City Route Return): 'Ana, grandfather' beside 'Mr. Okafor, driver'."""
    from film.quality.people.bible import mended_bible
    from film.screenplay import CharacterProfile

    idea = "A retired bus driver rides his old route one last time with his granddaughter."
    bible = [
        CharacterProfile(name="Sam", role="Granddaughter", look="A young girl in her teens."),
        CharacterProfile(name="Ana", role="Grandfather", look="A man with short brown hair."),
        CharacterProfile(name="Mr. Okafor", role="Driver", look="A man with short black hair."),
    ]
    mended = mended_bible(idea, bible, "en")
    assert [p.name for p in mended] == ["Sam", "Mr. Okafor"]
    assert "grandfather" in mended[1].role.lower()


def test_a_pupil_or_a_teenager_has_no_beard() -> None:
    """Recorded: the 高三 desk-mate '留着八字胡'; the teenage drummer with 'a full beard'."""
    from film.quality.people.ages import young_look

    assert young_look("小明", "同桌", "18岁左右，长发，留着八字胡，身材高大") == (
        "18岁左右，长发，身材高大"
    )
    assert young_look("Tommy", "deaf drummer", "A 16-year-old boy, with a full beard.") == (
        "A 16-year-old boy."
    )
    grown = "A 45-year-old man with a full beard."
    assert young_look("Mr. Lee", "coach", grown) == grown
    assert young_look("Tommy", "student", "A full beard.") == "A full beard."


def test_speech_and_stray_quotes_stay_out_of_the_picture_and_the_lines() -> None:
    """Recorded (The Haunted Scooter, 保安大爷): speech in a visual note, quotes never opened."""
    from film.quality.mend import clean_edges, visual_of_its_own

    assert clean_edges("I'll tell you what I did next.'") == "I'll tell you what I did next."
    assert clean_edges("'Wait, what?'") == "Wait, what?"
    assert clean_edges("'Okay, let's do it.'") == "Okay, let's do it."  # 2026-12-01
    assert clean_edges("Ana's bus is late.'") == "Ana's bus is late."
    scooter = _scene(["John rides home."]).model_copy(
        update={
            "visual": "John is walking back, his scooter playing karaoke. "
            "Sara looks up from her phone and says, 'Wait what?"
        }
    )
    assert visual_of_its_own(scooter).visual == (
        "John is walking back, his scooter playing karaoke."
    )
    guard = _scene(["保安大爷布下天罗地网。"], "保安大爷").model_copy(
        update={"visual": "夜色中的小区门口。保安大爷喊道：“快点过来！”", "time_of_day": "NIGHT"}
    )
    assert visual_of_its_own(guard).visual == "夜色中的小区门口。"


def test_a_line_an_earlier_line_holds_whole_is_said_once() -> None:
    """Recorded (The Enigmatic Letter): the father's line, then its second half again."""
    scene = _scene(["The father opens the sealed letter."], "Father")
    lines = [
        "Yes, we can help you. It's not your fault. We had to exile you.",
        "It's not your fault. We had to exile you.",
        "Go before the snow closes the pass.",
    ]
    scene = scene.model_copy(
        update={"dialogue": [DialogueLine(speaker="Father", text=t) for t in lines]}
    )
    assert [d.text for d in drop_repeats(scene).dialogue] == [lines[0], lines[2]]


def test_a_lone_photographer_does_not_thank_a_crowd() -> None:
    """Recorded (青海湖日出): '感谢大家的到来！' from the film's only person."""
    from film.quality.mend import alone_with_nobody
    from film.screenplay import CharacterProfile, Genre, Screenplay

    lines = ["今天一定要抓住日出的那一刻。", "感谢大家的到来！"]
    scene = _scene(["摄影师拿出相机。"], "摄影师").model_copy(
        update={"dialogue": [DialogueLine(speaker="摄影师", text=t) for t in lines]}
    )
    alone = Screenplay(
        title="青海湖日出",
        logline="摄影师在青海湖边等了三天日出。",
        genre=Genre.AESTHETIC_SCENERY,
        language="zh",
        characters=[CharacterProfile(name="摄影师", role="摄影师", look="中年，戴眼镜")],
        scenes=[scene],
    )
    mended = alone_with_nobody(alone)
    assert [d.text for d in mended.scenes[0].dialogue] == [lines[0]]
    two = alone.model_copy(
        update={"characters": [*alone.characters, CharacterProfile(name="向导", role="向导")]}
    )
    assert alone_with_nobody(two) == two
    # Recorded (青海湖边的等待, 2026-12-02): a friend the film never cast, then "他们".
    friend = ["他和他的好友在湖边拍照，突然看到第一缕光。", "他们拍下了这幅美丽的画面。"]
    lone = alone.model_copy(update={"scenes": [scene.model_copy(update={"action": friend})]})
    assert alone_with_nobody(lone).scenes[0].action == [
        "他在湖边拍照，突然看到第一缕光。",
        "他拍下了这幅美丽的画面。",
    ]
    # Recorded (2026-12-04): an audience nobody cast cheered in an action line.
    cheer = ["太阳终于从东边升起。", "观众齐声：“哇，太美了！”"]
    crowd = alone.model_copy(update={"scenes": [scene.model_copy(update={"action": cheer})]})
    assert alone_with_nobody(crowd).scenes[0].action == ["太阳终于从东边升起。"]
    en = ["The sun rises over the lake.", "The crowd cheers as the light spreads."]
    crowd = alone.model_copy(update={"scenes": [scene.model_copy(update={"action": en})]})
    assert alone_with_nobody(crowd).scenes[0].action == en[:1]


def test_an_animal_wears_no_clothes() -> None:
    """Recorded (抓偷外卖的橘猫, 2026-12-01): the cat's wardrobe was a white sweater."""
    from film.quality.people.dress import child_wardrobe, is_animal

    assert child_wardrobe("橘猫", "偷外卖贼的宠物", "灰色毛皮", "白色毛衣，黑色裤子") == ""
    assert is_animal("Biscuit", "the family dog")
    assert not is_animal("Ma", "horse trainer")
    assert not is_animal("小马", "学生")  # 马 is a surname too


def test_a_childs_look_loses_grown_ups_shoes() -> None:
    """Recorded (街舞爸爸, 2026-12-01): the 12-year-old was drawn in high heels."""
    from film.quality.people.dress import child_look

    assert (
        child_look("小明", "小孩子", "年龄12岁，穿着运动服和一双高跟鞋") == "年龄12岁，穿着运动服"
    )
    assert child_look("爸爸", "爸爸", "五十岁，穿着西装") == "五十岁，穿着西装"


def test_a_job_named_person_gets_a_name_and_keeps_the_job_as_role() -> None:
    """Recorded (en-romance-null-genre, 2026-12-02): "Nurse", role "Nurse", became "Sam"/"Sam"."""
    from film.quality.people.bible import mended_bible
    from film.screenplay import CharacterProfile

    idea = "A night-shift nurse and the baker across the street swap notes for a whole winter."
    nurse = CharacterProfile(name="Nurse", role="Nurse", look="Nurse has short hair.")
    (mended,) = mended_bible(idea, [nurse], "en")
    assert (mended.name, mended.role, mended.look) == ("Sam", "Nurse", "Sam has short hair.")


def test_a_quote_mark_after_a_dropped_speech_is_no_visual_note() -> None:
    """Recorded (保安大爷抓橘猫, 2026-12-02): "保安大爷说：‘最后抓到的却是一只橘猫。’" as the
    note; the speech went and its closing "’" was left as the note, refused as debris."""
    from film.quality.debris import find_debris
    from film.quality.mend import visual_of_its_own

    scene = _scene(["保安大爷布下天罗地网。"]).model_copy(
        update={
            "visual": "保安大爷说：‘最后抓到的却是一只橘猫。’",
            "place": "小区",
            "time_of_day": "NIGHT",
        }
    )
    mended = visual_of_its_own(scene).visual
    assert mended == "" and not find_debris(mended)


def test_an_english_look_has_a_space_after_each_comma_once_the_bible_is_mended() -> None:
    from film.quality.people.bible import mended_bible
    from film.screenplay import CharacterProfile

    # By hand (the ferryman, 2026-12-02): "A man with a beard and glasses,dressed in…".
    jack = CharacterProfile(
        name="Jack",
        role="retired ferryman",
        look="A man with a beard and glasses,dressed in an old navy blue coat",
        wardrobe="Blue shirt,navy trousers",
    )
    mended = mended_bible("A retired ferryman teaches his granddaughter to row.", [jack], "en")
    assert "glasses, dressed" in mended[0].look and "shirt, navy" in mended[0].wardrobe


def test_a_visual_note_has_no_i_in_it() -> None:
    """The son's line in the living room's note (zh-family-streetdance, 2026-12-02)."""
    from film.quality.mend import visual_of_its_own

    room = Scene(
        number=1,
        place="小明家客厅",
        action=["小明坐在沙发上。"],
        visual="客厅的地板是温暖的木色，窗户透出柔和的阳光。我一直在练习几个月了，我觉得我已经很准备了。",
    )
    assert visual_of_its_own(room).visual == "客厅的地板是温暖的木色，窗户透出柔和的阳光。"
    beach = Scene(
        number=2,
        place="Beach",
        action=["Sam walks along the shore."],
        visual="Wide shot of the beach at dusk. I miss this place so much. We see waves.",
    )
    assert visual_of_its_own(beach).visual == "Wide shot of the beach at dusk. We see waves."
    # The film is vertical (the bus, 2026-12-02): a note that says otherwise loses it.
    wide = beach.model_copy(
        update={"visual": "Warm light. The scene is shot in a horizontal format."}
    )
    assert visual_of_its_own(wide).visual == "Warm light."


def test_a_chinese_line_loses_its_clauses_in_english() -> None:
    """小明's half-English plea reached the screen (zh-family-streetdance, 2026-12-02)."""
    from film.quality.mend import in_film_language

    living = Scene(
        number=1,
        place="客厅",
        characters=["小明", "爸爸"],
        action=[
            "小明拿出一个健身球放在桌子上，对爸爸说：“我需要一些帮助 with我的 legs. Can you "
            "help me? I’m really sorry if it hurts you.”",
            "Thank you so much.",
            "他穿着T恤去KTV。",  # KTV is no English clause, and T恤 is Chinese
        ],
        dialogue=[
            DialogueLine(speaker="爸爸", text="好的，ok。"),
            DialogueLine(speaker="小明", text="我们去 Starbucks 喝咖啡吧！"),  # one brand word
        ],
    )
    mended = in_film_language(living, "zh")
    assert mended.action == ["小明拿出一个健身球放在桌子上。", "他穿着T恤去KTV。"]
    assert [line.text for line in mended.dialogue] == ["好的。", "我们去 Starbucks 喝咖啡吧！"]
    mia = Scene(
        number=1,
        place="咖啡馆",
        characters=["Mia"],
        action=["Mia笑着说：好的。"],
    )
    assert in_film_language(mia, "zh") == mia  # a cast name in Latin letters is a name


def test_a_third_line_on_the_same_words_is_a_loop() -> None:
    """ "开始吧" five times in one scene (zh-family-streetdance, 2026-12-02)."""
    lines = [
        ("爸爸", "不客气，我们去学吧。"),
        ("小明", "好的，我马上开始。"),
        ("爸爸", "好主意，让我们一起开始吧。"),
        ("小明", "那我们现在就开始吧。"),
        ("爸爸", "好的，我们现在开始吧。"),
        ("小明", "那就开始了。"),
    ]
    scene = Scene(
        number=1,
        place="客厅",
        characters=["小明", "爸爸"],
        action=["小明坐在沙发上。"],
        dialogue=[DialogueLine(speaker=who, text=text) for who, text in lines],
    )
    assert [line.text for line in drop_repeats(scene).dialogue] == [
        "不客气，我们去学吧。",
        "好的，我马上开始。",
        "好主意，让我们一起开始吧。",
    ]
    love = [("林夏", "我爱你。"), ("林美", "我也爱你。"), ("林夏", "谢谢你，奶奶。")]
    pair = scene.model_copy(
        update={"dialogue": [DialogueLine(speaker=who, text=text) for who, text in love]}
    )
    assert drop_repeats(pair) == pair  # two on the same words is an answer, not a loop


def test_a_visual_note_does_not_say_the_bibles_looks_again() -> None:
    """The dumplings' scene 3 note was both people's looks (craft bench, 2026-12-02)."""
    from film.quality.mend import visual_without_looks

    people = [
        ("奶奶", "头发花白，穿着长裙，戴着眼镜，经常戴围巾，长裙、帽子、围巾"),
        ("孙子", "年轻，穿着T恤和裤子，头发短，喜欢戴帽子，T恤、裤子、帽子"),
    ]
    kitchen = Scene(
        number=3,
        place="厨房",
        action=["孙子吃完了。"],
        visual="奶奶的脸上挂着微笑，孙子看着她。奶奶的头发花白，穿着长裙；孙子年轻，头发短；穿T恤",
    )
    assert visual_without_looks(kitchen, people).visual == "奶奶的脸上挂着微笑，孙子看着她。"
    bus = Scene(
        number=1,
        place="Bus",
        action=["Jack drives."],
        visual="Warm light. Jack, in a grey suit with a tie, looks out. A grey suit with a tie.",
    )
    jack = [("Jack", "a balding man in a grey suit with a tie, grey suit, tie")]
    # An English clause leans on its sentence: only a whole sentence of look goes.
    assert visual_without_looks(bus, jack).visual == (
        "Warm light. Jack, in a grey suit with a tie, looks out."
    )
    assert visual_without_looks(kitchen, []) == kitchen


def test_a_second_me_too_in_a_scene_is_small_talk_said_again() -> None:
    """小明's "我也是。" then "我也想这样。" (craft bench, notes, 2026-12-02, 17:17)."""
    lines = [
        ("小红", "你是不是也一样？"),
        ("小明", "我也是。"),
        ("小红", "我们是不是可以找点时间坐下来谈谈？"),
        ("小明", "我也想这样。"),
    ]
    scene = Scene(
        number=1,
        place="教室",
        characters=["小红", "小明"],
        action=["两人坐在教室里。"],
        dialogue=[DialogueLine(speaker=who, text=text) for who, text in lines],
    )
    assert [d.text for d in drop_repeats(scene).dialogue] == [t for _, t in lines[:3]]


def test_a_pupil_or_a_teenager_has_no_grey_hair_but_an_elder_keeps_it() -> None:
    """Recorded (by hand, 渔网的秘密, 22:47): the 15-year-old granddaughter "留着几根银发"."""
    from film.quality.people.ages import young_look
    from film.quality.people.sexes import mend_sexes
    from film.screenplay import CharacterProfile

    assert young_look("孙女", "孙女", "15岁，头发中分，留着几根银发") == "15岁，头发中分"
    assert young_look("爷爷", "爷爷", "70岁，留着一头银发") == "70岁，留着一头银发"
    grandma = CharacterProfile(name="奶奶", role="奶奶", look="70岁，满头白发", voice="慈祥")
    assert mend_sexes("奶奶包饺子", [grandma])[0].look == "70岁，满头白发"


def test_a_visual_note_has_the_light_of_its_scenes_hour() -> None:
    """Recorded (the second reader, 2026-12-03): dawn lit by "夕阳", stars by day."""
    from film.quality.mend import visual_of_its_own

    dawn = Scene(
        number=3,
        place="小镇上的梯田",
        time_of_day="DAWN",
        characters=["摄影师"],
        action=["摄影师架好相机。"],
        visual="夕阳映射在小镇的梯田上。远处的雪山泛着淡蓝色。",
    )
    assert visual_of_its_own(dawn).visual == "远处的雪山泛着淡蓝色。"
    day = dawn.model_copy(
        update={
            "place": "Night market",
            "time_of_day": "DAY",
            "action": ["Tian flips a pancake."],
            "visual": "Stars twinkle over the stalls. Steam rises from the griddle.",
        }
    )
    assert visual_of_its_own(day).visual == "Steam rises from the griddle."
    # The right light for the hour stays.
    night = day.model_copy(update={"time_of_day": "NIGHT"})
    assert visual_of_its_own(night).visual == night.visual
    sunny = dawn.model_copy(update={"time_of_day": "DAY", "visual": "阳光洒在梯田上。"})
    assert visual_of_its_own(sunny).visual == "阳光洒在梯田上。"


def test_a_visual_note_says_neither_daytime_at_dusk_nor_the_idea_again() -> None:
    """Recorded (the guard, 2026-12-03): "白天小区门口的阳光" at DUSK, and a note that was the
    idea's first clause, "小区保安大爷一心想抓偷外卖的贼。"."""
    from film.quality.mend import mend_visual, visual_of_its_own

    idea = "小区保安大爷一心想抓偷外卖的贼，布下天罗地网，最后抓到的却是一只橘猫。"
    gate = Scene(
        number=1,
        place="小区门口",
        time_of_day="DUSK",
        characters=["保安大爷"],
        action=["保安大爷站在门口。"],
        visual="小区保安大爷一心想抓偷外卖的贼。远处的房子在灯光下闪着微弱的光芒。",
    )
    assert mend_visual(gate, ["一条指南。"], idea).visual == "远处的房子在灯光下闪着微弱的光芒。"
    daytime = gate.model_copy(update={"visual": "白天小区门口的阳光。路灯刚刚亮起。"})
    assert visual_of_its_own(daytime).visual == "路灯刚刚亮起。"


def test_a_place_is_not_said_empty_in_a_shot_of_its_people() -> None:
    """Recorded (the lift, 2026-12-05): "The school lift is empty." over both captains."""
    from film.quality.mend import visual_of_its_own

    lift = _scene(["Alex presses the alarm button."]).model_copy(
        update={
            "characters": ["Alex", "Taylor"],
            "visual": "The school lift is empty. Alex and Taylor face each other in the mirror.",
        }
    )
    assert visual_of_its_own(lift).visual == "Alex and Taylor face each other in the mirror."
    but = lift.model_copy(update={"visual": "The hall is empty but for Alex, in a low light."})
    assert visual_of_its_own(but).visual == but.visual
    nobody = lift.model_copy(update={"characters": [], "visual": "The school lift is empty."})
    assert visual_of_its_own(nobody).visual == "The school lift is empty."
    kitchen = _scene(["奶奶包饺子。"]).model_copy(
        update={"characters": ["奶奶"], "visual": "厨房里空无一人。灶上的水正开着。"}
    )
    assert visual_of_its_own(kitchen).visual == "灶上的水正开着。"


def test_the_heading_with_a_quality_word_and_a_lettering_note_are_no_shot() -> None:
    """Recorded (the dumplings, 2026-12-05): "厨房内景，画面清晰。" as a whole note, and
    "奶奶和孙子的对话用白色背景" inside one."""
    from film.quality.mend import visual_of_its_own, visual_without_looks

    kitchen = _scene(["奶奶包饺子。"]).model_copy(
        update={"place": "厨房", "visual": "厨房内景，画面清晰。", "characters": ["奶奶"]}
    )
    assert visual_of_its_own(kitchen).visual == ""
    mood = kitchen.model_copy(update={"visual": "Warm light."})
    assert visual_of_its_own(mood).visual == "Warm light."  # a mood, not the heading
    lettered = kitchen.model_copy(
        update={"visual": "奶奶在灶台边忙碌着。奶奶和孙子的对话用白色背景，锅里冒着热气。"}
    )
    assert visual_without_looks(lettered, [("奶奶", "花白头发")]).visual == (
        "奶奶在灶台边忙碌着。锅里冒着热气。"
    )
    english = kitchen.model_copy(update={"visual": "Steam rises. Subtitles in yellow."})
    assert visual_without_looks(english, [("Nan", "grey hair")]).visual == "Steam rises."


def test_a_wish_a_decision_or_a_talk_is_no_shot() -> None:
    """Recorded (second reader, 2026-12-05): "小区保安大爷一心想抓偷外卖的贼。" and "The old
    man speaks, and Walter nods and smiles." as visual notes."""
    from film.quality.mend import visual_of_its_own

    guard = _scene(["保安大爷站在小区门口。"]).model_copy(
        update={"visual": "小区保安大爷一心想抓偷外卖的贼。门口停着一辆电动车。"}
    )
    assert visual_of_its_own(guard).visual == "门口停着一辆电动车。"
    keeper = _scene(["Walter looks at the sea."]).model_copy(
        update={"visual": "The old man speaks, and Walter nods and smiles. Waves below."}
    )
    assert visual_of_its_own(keeper).visual == "Waves below."


def test_nobody_looks_into_the_camera() -> None:
    """Recorded (second reader, the bus, 2026-12-05): "Lily looks at the camera again."."""
    from film.quality.mend import without_camera_looks

    bus = _scene(["Lily looks at the camera again.", "The bus turns onto Main Street."])
    assert without_camera_looks(bus).action == ["The bus turns onto Main Street."]
    alone = _scene(["Lily smiles at the camera."])
    assert without_camera_looks(alone) == alone  # a scene keeps one action line
    zh = _scene(["小明看向镜头，笑了。", "爸爸系好鞋带。"])
    assert without_camera_looks(zh).action == ["爸爸系好鞋带。"]
    film = _scene(["Mia points her camera at the sea."])
    assert without_camera_looks(film) == film
    # Nor does a camera ask (CLI, 2026-12-05): "孙女在对面楼的阳台里做着什么事情？".
    asks = _scene(["外婆站在阳台上。", "孙女在对面楼的阳台里做着什么事情？", "她问：“你来了吗？”"])
    assert without_camera_looks(asks).action == ["外婆站在阳台上。", "她问：“你来了吗？”"]


def test_an_action_line_another_holds_whole_goes() -> None:
    """Recorded (the lighthouse, 2026-12-05): "The light is automated." and a later line
    ending on it."""
    from film.quality.mend import drop_repeats

    lamp = _scene(
        [
            "Walter looks at the sea.",
            "The light is automated.",
            "Walter stands on the deck. He feels a sense of loss. The light is automated.",
        ]
    )
    assert drop_repeats(lamp).action == [
        "Walter looks at the sea.",
        "Walter stands on the deck. He feels a sense of loss. The light is automated.",
    ]

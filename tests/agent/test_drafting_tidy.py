"""The exact fixes for small-model habits seen in the craft bench (agent/drafting/tidy.py)."""

from __future__ import annotations

from agent.drafting.beats import fit_beats
from agent.drafting.converters import to_profiles, to_scene
from agent.drafting.schemas import BeatDraft, CastDraft, LoglineDraft, SceneDraft
from agent.drafting.tidy import (
    acting_note,
    follow_story_time,
    look_alone,
    story_time,
    strip_role_label,
    whole_phrase,
    whole_sentences,
)
from agent.prompts import beat_plan
from film.places import without_again
from film.quality.people.dress import wardrobe_of
from film.quality.people.voice import voice_hint, whole_voice
from film.setting import interior_for, time_at


def test_only_short_acting_notes_stay_parentheticals() -> None:
    assert acting_note("(softly)") == "softly"
    assert acting_note("不敢看他") == "不敢看他"
    assert acting_note("(The lift is moving faster now, and the lights flicker.)") == ""
    assert acting_note("He's excited about it, but he's also agh") == ""  # cut off at 40
    assert acting_note("她其实很紧张，但是假装什么都不在乎的样子") == ""


def test_a_place_does_not_say_again() -> None:
    assert without_again("School lift again") == "School lift"
    assert without_again("Kitchen (again)") == "Kitchen"
    assert without_again("再次回到厨房") == "回到厨房"
    assert without_again("Again") == "Again"  # nothing left: keep what there was
    assert without_again("暴雨夜的居民区") == "居民区"  # the heading says NIGHT
    assert without_again("午夜的酒吧") == "酒吧" and without_again("小明的家") == "小明的家"
    assert interior_for("暴雨夜的居民区", "INT") == "EXT"
    assert interior_for("小区保安室", "INT") == "INT"
    assert interior_for("小区", "INT") == "EXT"  # the guard's yard (craft bench, 2026-12-02)
    # The second reader, 2026-12-03: "INT. DOCKS" and "INT. RED LIGHT INTERSECTION".
    assert interior_for("Docks", "INT") == "EXT" and interior_for("Dock cafe", "INT") == "INT"
    assert interior_for("Red light intersection", "INT") == "EXT"
    assert interior_for("小区里", "INT") == "EXT"
    # The letter (craft bench, 2026-12-04): "INT. GENERAL'S CAMPSITE", the general outside his tent.
    assert interior_for("General's campsite", "INT") == "EXT"
    assert interior_for("General's tent", "INT") == "INT"


def test_open_water_and_open_land_are_outdoors_only_as_the_place_itself() -> None:
    # Recorded (craft bench, 2026-12-01): a scene headed "INT. BAY".
    assert interior_for("Bay", "INT") == "EXT"
    assert interior_for("The rocky coast", "INT") == "EXT"
    assert interior_for("青海湖畔的草原", "INT") == "EXT"
    assert interior_for("Sea View Cafe", "INT") == "INT"
    # The ferryman's film (by hand, 2026-12-02): "INT. COASTAL TOWN" on the dock.
    assert interior_for("Coastal town", "INT") == "EXT"
    # The painter's film (craft bench, 2026-12-02): "INT. 宫廷花园" and "INT. 皇宫的花园".
    assert interior_for("宫廷花园", "INT") == "EXT" and interior_for("皇宫的花园", "INT") == "EXT"
    assert interior_for("花园餐厅", "INT") == "INT"
    # "INT. THE CITY OF NEW YORK, USA" (the bus, 2026-12-02, 17:46); a city library is a room.
    assert interior_for("The city of New York, USA", "INT") == "EXT"
    assert interior_for("City library", "INT") == "INT"


def test_a_place_open_only_at_night_is_headed_night() -> None:
    # The night market, "EXT. 夜市 - DAY" four times over (craft bench, 2026-12-02).
    assert time_at("夜市", "DAY") == "NIGHT" and time_at("The night market", "MORNING") == "NIGHT"
    assert time_at("夜市", "DUSK") == "DUSK"  # a time that can be at night stays
    assert time_at("厨房", "DAY") == "DAY"
    assert interior_for("Town hall", "INT") == "INT"


def test_two_kin_words_for_one_person_are_one_character() -> None:
    cast = CastDraft.model_validate(
        {
            "characters": [
                {"name": "Grandma", "role": "teaches", "look": "grey bun", "wardrobe": "apron"},
                {"name": "Ming", "role": "leaves", "look": "18, thin", "wardrobe": "hoodie"},
                {"name": "Grandmother", "role": "again", "look": "old", "wardrobe": "coat"},
            ]
        }
    )
    assert [p.name for p in to_profiles(cast)] == ["Grandma", "Ming"]
    beat = BeatDraft.model_validate(
        {
            "interior": "INT",
            "place": "Kitchen",
            "time_of_day": "NIGHT",
            "summary": "They fold dumplings.",
            "characters": ["Grandmother", "Ming"],
        }
    )
    draft = SceneDraft.model_validate(
        {
            "action": ["Flour on the table."],
            "dialogue": [{"speaker": "GRANDMOTHER", "text": "Fold it like this."}],
        }
    )
    scene = to_scene(1, beat, draft, ["Grandma", "Ming"])
    assert scene.characters == ["Grandma", "Ming"]
    assert scene.dialogue[0].speaker == "Grandma"
    # One apostrophe for every mend to read: the stuck lift's "I’ll be back later." (12-04).
    curly = draft.model_copy(
        update={"dialogue": [draft.dialogue[0].model_copy(update={"text": "I’ll be back."})]}
    )
    assert to_scene(1, beat, curly, ["Grandma", "Ming"]).dialogue[0].text == "I'll be back."
    assert to_scene(1, beat, curly, ["奶奶"], "zh").dialogue[0].text == "I’ll be back."


def test_the_headings_follow_the_night_the_idea_names() -> None:
    idea = "Two rival debate captains get stuck in a school lift the night before the final."
    assert story_time(idea) == "NIGHT"
    assert story_time("青海湖边，只为拍下日出时的第一缕光") == "DAWN"
    assert story_time("from dusk till dawn") == ""
    assert follow_story_time(["DAY", "DAY", "MORNING"], idea) == ["NIGHT", "NIGHT", "MORNING"]
    assert follow_story_time(["DAY", "NIGHT"], idea) == ["DAY", "NIGHT"]
    # The lighthouse (22:34): NIGHT, DUSK, NIGHT. Dusk its beat does not name follows the night.
    last = "his last night at the lamp"
    assert follow_story_time(["NIGHT", "DUSK", "NIGHT"], last, ["a", "b", "c"]) == ["NIGHT"] * 3
    assert follow_story_time(["DUSK", "NIGHT"], last, ["a", "b"]) == ["DUSK", "NIGHT"]
    beats = [
        BeatDraft.model_validate(
            {
                "interior": "INT",
                "place": "School lift again",
                "time_of_day": "DAY",
                "summary": "Stuck.",
                "characters": ["Clara"],
            }
        )
    ]
    fitted = fit_beats(beats, 1, ["Clara", "Mike"], "en", idea)
    assert (fitted[0].time_of_day, fitted[0].place) == ("NIGHT", "School lift")


def test_an_outline_that_says_one_step_twice_loses_the_repeat() -> None:
    # Recorded from the craft bench: the Chinese outline kept these through every retry.
    def beat(summary: str) -> BeatDraft:
        return BeatDraft.model_validate(
            {
                "interior": "INT",
                "place": "出租屋",
                "time_of_day": "NIGHT",
                "summary": summary,
                "characters": ["小明"],
            }
        )

    summaries = [
        "小明在夜市摆摊卖煎饼，旁边放着一本编程书。",
        "小明开始学习Python，准备参加比赛。",
        "小明开始学习C++，准备参加比赛。",
        "小明收到游戏公司的录用通知，哭了。",
    ]
    fitted = fit_beats([beat(s) for s in summaries], 4, ["小明"], "zh")
    assert [b.summary for b in fitted] == [summaries[0], summaries[1], summaries[3]]
    # Too few would be left for a hook, a turn and an ending: the gate judges the
    # outline as written and asks again.
    three = fit_beats([beat(s) for s in summaries[:3]], 3, ["小明"], "zh")
    assert len(three) == 3
    looped = [summaries[0], *[summaries[1]] * 4, summaries[3]]
    kept = fit_beats([beat(s) for s in looped], 6, ["小明"], "zh")
    assert [b.summary for b in kept] == [summaries[0], summaries[1], summaries[3]]


def test_a_beat_summary_keeps_its_first_two_sentences() -> None:
    """Recorded: the guard spoof's beats were runs of dialogue up to the 200-character bound."""
    rambling = BeatDraft(
        place="保安室",
        summary="保安大爷坐在沙发上，看着电视。保安大爷发现橘猫。橘猫：喵喵喵。保安大爷：你找我干什么？",
        characters=["保安大爷"],
    )
    english = BeatDraft(
        place="Bus stop",
        summary="Mia waits at the bus stop. Dr. Lee arrives late. She smiles. He leaves.",
        characters=["Mia"],
    )
    zh, en = fit_beats([rambling, english], 2, ["保安大爷", "Mia"], "zh")
    assert zh.summary == "保安大爷坐在沙发上，看着电视。保安大爷发现橘猫。"
    assert en.summary == "Mia waits at the bus stop. Dr. Lee arrives late."
    doubled = BeatDraft(
        place="高三教室",
        summary="林夏决定要写真心话，拿出最后的纸条。林夏决定要写真心话，拿出最后的纸条。许言笑了。",
        characters=["林夏"],
    )
    assert fit_beats([doubled], 1, ["林夏"], "zh")[0].summary == (
        "林夏决定要写真心话，拿出最后的纸条。许言笑了。"
    )


def test_a_beat_does_not_start_with_its_part_in_the_plan() -> None:
    assert strip_role_label("The hook: Jack finds the note.") == "Jack finds the note."
    assert strip_role_label("Beat 3 - the turn: Mia runs.") == "Mia runs."
    assert strip_role_label("转折：小明突然明白了。") == "小明突然明白了。"
    assert strip_role_label("第二拍：奶奶哭了") == "奶奶哭了"
    assert strip_role_label("Hooked on music, Jack plays.") == "Hooked on music, Jack plays."
    assert strip_role_label("The hook:") == "The hook:"  # nothing left: keep what there was


def test_the_outline_plan_gives_every_beat_its_own_part() -> None:
    for count in range(1, 13):
        for language in ("en", "zh"):
            lines = beat_plan(count, language).splitlines()
            assert len(lines) == count
            assert lines[0].startswith("1. ")
    three = beat_plan(3, "en").splitlines()
    assert "hook" in three[0] and "turn" in three[1] and "ending" in three[2]
    assert beat_plan(3, "zh").splitlines()[2].startswith("3. 结局")
    nine = beat_plan(9, "en").splitlines()
    assert "ending" in nine[-1] and sum("step forward" in line for line in nine) == 1


def test_a_wardrobe_that_repeats_the_look_becomes_the_clothes_it_names() -> None:
    look = "Tall, dark-haired, glasses. He's wearing jeans, a blue hoodie, and sneakers."
    assert wardrobe_of(look, look) == "jeans, a blue hoodie, and sneakers"
    nan = "七十岁，花白短发，穿着蓝色围裙"
    assert wardrobe_of(nan, nan) == "蓝色围裙"
    assert wardrobe_of(look, "school blazer") == "school blazer"
    assert wardrobe_of("Grey bun, kind eyes", "Grey bun, kind eyes") == "Grey bun, kind eyes"


def test_a_voice_hint_that_is_dialogue_is_dropped() -> None:
    assert voice_hint("JACK: Hey Ethan! I'm here to help you.") == ""
    assert voice_hint("小明：你好") == ""
    assert voice_hint('"Come here," she says') == ""
    # The task's name for the field given back (craft bench, the lighthouse, 2026-12-04).
    assert voice_hint("The voice hint could be that he speaks with a gentle") == ""
    for hint in ("Shy voice, nervous tone", "低沉温和", "soft: almost a whisper"):
        assert voice_hint(hint) == hint
    # Recorded (en-family-bus, 2026-12-02): a line of the film in the first person.
    assert voice_hint("I can hear the rain falling outside.") == ""
    assert voice_hint("The bus has been running for hours.") == ""
    assert voice_hint("middle-aged man with a graying beard; wears blackje") == ""
    # The missing-characters task read back (en-romance-null-genre, 2026-12-02).
    assert voice_hint("He speaks in the screenplay but has no Bible entry: Baker") == ""
    assert voice_hint("Her voice is soft and slow") == "Her voice is soft and slow"
    # Recorded (en-spoof-scooter, 2026-12-01): who the person is, not how they sound.
    assert voice_hint("John is a sarcastic, mischievous delivery driver who") == ""
    assert voice_hint("Sara is a mysterious and beautiful ghost who has a") == ""
    assert voice_hint("Sara is a ghost with a soft, cold voice") == (
        "Sara is a ghost with a soft, cold voice"
    )


def test_an_outdoor_place_is_never_an_interior() -> None:
    assert interior_for("City bus stop", "INT") == "EXT"
    assert interior_for("青海湖边", "INT") == "EXT"
    assert interior_for("公交站前", "INT") == "EXT"
    assert interior_for("雨中的公交车站", "INT") == "EXT"
    assert interior_for("Snowy mountain pass", "INT") == "EXT"
    assert interior_for("The Snowbound Pass", "INT") == "EXT"
    assert interior_for("Coastal village", "INT") == "EXT"
    assert interior_for("School lift", "INT") == "INT"
    assert interior_for("Bus", "INT") == "INT"  # inside the bus
    assert interior_for("Kitchen", "EXT") == "EXT"  # the model's own choice otherwise


def test_a_phrase_cut_off_at_its_limit_ends_at_a_whole_phrase() -> None:
    cut = "a small photo of the city from their old"
    assert whole_phrase(cut, 40) == "a small photo of the city"
    voice = "The driver speaks in a deep, gravelly"
    assert whole_phrase(voice, 38) == "The driver speaks in a deep"
    assert whole_phrase("red scarf", 40) == "red scarf"  # well under the limit: whole
    # A phrase whose noun was cut goes whole (``microfilm draft``, the letter, 2026-12-04).
    assert whole_phrase("a small piece of paper in a sealed envel", 40) == "a small piece of paper"
    # A relative clause only begun goes with its dangling word (2026-12-01).
    assert whole_phrase("A mysterious and beautiful ghost who has a soft", 48) == (
        "A mysterious and beautiful ghost"
    )
    # Recorded (en-scenery-lighthouse, 2026-11-30): a voice hint and a look cut at their limits.
    hint = "Sarah's voice is soft and emotional, as if she is reliving"
    assert whole_phrase(hint, 60) == "Sarah's voice is soft and emotional"
    look = (
        "A lighthouse keeper with long grey hair. She has a weathered face and is dressed in "
        "dark blue with a wide-brimmed hat, which she wears on rainy or潮"
    )
    assert whole_phrase(look, 160) == (
        "A lighthouse keeper with long grey hair. She has a weathered face and is dressed in "
        "dark blue with a wide-brimmed hat"
    )
    assert whole_phrase("满头银发，穿着蓝色棉袄，戴着一副老花眼", 20) == "满头银发，穿着蓝色棉袄"
    assert whole_phrase("一张全家福照片放在钱包里面一直带着走的那种很旧的照片", 20) == (
        "一张全家福照片放在钱包里面一直带着走的那种很旧的照片"
    )


def test_a_prop_that_says_none_is_no_prop() -> None:
    cast = CastDraft.model_validate(
        {
            "characters": [
                {
                    "name": "小明",
                    "role": "孩子",
                    "look": "16岁",
                    "wardrobe": "白T恤",
                    "props": ["无"],
                },  # noqa: E501
                {
                    "name": "Ann",
                    "role": "mum",
                    "look": "forty",
                    "wardrobe": "coat",
                    "props": ["None"],
                },
                # "Props: no props" (craft bench, the lift, 2026-12-02, 17:34)
                {"name": "Sam", "role": "captain", "look": "seventeen", "wardrobe": "a blazer"}
                | {"props": ["no props"]},
            ]
        }
    )
    assert [p.props for p in to_profiles(cast)] == [[], [], []]


def test_a_prop_holding_a_json_lists_items_is_several_props() -> None:
    """Recorded (手机里的秘密, 2026-12-01): 外婆's props read "手机”，“耳机"."""
    person = {"name": "外婆", "role": "外婆", "look": "七十岁，银发", "wardrobe": "灰色毛衣"}
    cast = CastDraft.model_validate({"characters": [{**person, "props": ["手机”，“耳机"]}]})
    assert to_profiles(cast, "zh")[0].props == ["手机", "耳机"]
    plain = CastDraft.model_validate({"characters": [{**person, "props": ["“老花镜”"]}]})
    assert to_profiles(plain, "zh")[0].props == [whole_phrase("“老花镜”", 40)]


def test_a_chinese_bibles_clothes_said_in_english_are_said_in_chinese() -> None:
    """Recorded (craft bench, the dumplings, 2026-12-04): "白色T恤、蓝色 jeans" as the
    grandson's wardrobe cost the bible four answers."""
    person = {
        "name": "小明",
        "role": "孙子",
        "look": "十八岁，短发",
        "wardrobe": "白色T恤、蓝色 jeans",
    }
    cast = CastDraft.model_validate({"characters": [person]})
    assert to_profiles(cast, "zh")[0].wardrobe == "白色T恤、蓝色牛仔裤"


def test_a_look_or_wardrobe_loses_the_json_after_it() -> None:
    """Recorded (craft bench, 2026-12-02): a wardrobe "白色T恤、黑色长裤、白色围巾”，"."""
    person = {"name": "孙子", "role": "孙子", "look": "十八岁，短发”，", "props": []}
    cast = CastDraft.model_validate(
        {"characters": [{**person, "wardrobe": "白色T恤、黑色长裤、白色围巾”，"}]}
    )
    [grandson] = to_profiles(cast, "zh")
    assert (grandson.look, grandson.wardrobe) == ("十八岁，短发", "白色T恤、黑色长裤、白色围巾")


def test_a_look_does_not_end_with_the_prompts_cast_line_format() -> None:
    echoed = "A middle-aged man with white hair, dressed in a dark blue suit; wears Dark blue suit"
    assert look_alone(echoed) == "A middle-aged man with white hair, dressed in a dark blue suit"
    assert look_alone("七十岁，花白短发；穿蓝色围裙") == "七十岁，花白短发"
    assert look_alone("Grey bun; kind eyes") == "Grey bun; kind eyes"


def test_a_wardrobe_that_is_about_props_is_left_empty() -> None:
    """Recorded: "props: 书包、笔、橡皮擦" and "No props needed." as two people's wardrobe."""
    for not_clothes in ("props: 书包、笔、橡皮擦", "No props needed.", "道具：笔", "无"):
        assert wardrobe_of("a tall man", not_clothes) == ""
    assert wardrobe_of("a tall man", "blue jeans, red sneakers") == "blue jeans, red sneakers"


def test_things_carried_are_no_wardrobe() -> None:
    # Recorded (craft bench, en-spoof-scooter, 2026-12-01): the rider's wardrobe was his scooter.
    assert wardrobe_of("a thin man", "A red second-hand scooter") == ""
    rider = wardrobe_of("a thin man", "Yellow jacket, helmet, a red scooter")
    assert rider == "Yellow jacket, helmet"
    assert wardrobe_of("老人", "蓝色外套、手机") == "蓝色外套"
    # Hair over the shoulders is hair (web app, 2026-12-02); a shawl alone is clothes.
    assert wardrobe_of("花白头发", "长发披肩，短袖衬衫") == "短袖衬衫"
    assert wardrobe_of("老人", "红色披肩") == "红色披肩"
    drummer = wardrobe_of("a girl", "Denim shirt, drumsticks, black jeans")
    assert drummer == "Denim shirt, black jeans"
    # The notes two desk-mates pass are things, not clothes (zh-romance-notes, 2026-12-04).
    assert wardrobe_of("16岁", "校服、笔袋、小纸条") == "校服"


def test_a_wardrobe_of_things_only_becomes_the_clothes_the_look_names() -> None:
    """Recorded (craft bench, en-spoof-scooter, 2026-12-02): the rider's and the karaoke
    girl's wardrobes listed their scooter and their machines, detail by detail."""
    look = "A middle-aged man with a beard, wearing a black jacket and jeans. He has short hair."
    scooter = "A red second-hand scooter with a sleek design, a broken handlebar, and a pedal."
    assert wardrobe_of(look, scooter) == "a black jacket and jeans"
    machines = "A karaoke machine, a record player, and a microphone."
    assert wardrobe_of(look, machines) == "a black jacket and jeans"
    assert wardrobe_of("a tall man", machines) == ""
    assert wardrobe_of("a tall man", "gray suit and tie, old bus keys") == "gray suit and tie"
    assert wardrobe_of("a baker", "Tuxedo, loaf of bread") == "Tuxedo"  # the null-genre baker
    # What is worn stays, with its details: a pendant on a hanfu, 玉佩 at the waist.
    hanfu = "a flowing white hanfu with a jade pendant"
    assert wardrobe_of("a young woman", hanfu) == hanfu
    assert wardrobe_of("书生", "青色长衫，腰间挂着一块玉佩") == "青色长衫，腰间挂着一块玉佩"
    assert wardrobe_of("快递员", "深蓝色快递制服，头盔") == "深蓝色快递制服，头盔"


def test_a_speaker_named_by_role_or_with_the_is_the_bible_person() -> None:
    """Recorded: "THE KEEPER" and "The baker" each became a second bible entry."""
    from agent.drafting.converters import to_scene
    from agent.drafting.schemas import BeatDraft, SceneDraft

    beat = BeatDraft(place="Lighthouse", summary="The last night.", characters=["The Keeper"])
    draft = SceneDraft.model_validate(
        {
            "action": ["The lamp turns."],
            "dialogue": [
                {"speaker": "THE KEEPER", "text": "Forty years, and tonight the last."},
                {"speaker": "The baker", "text": "I brought you bread for the road."},
            ],
            "visual": "",
        }
    )
    scene = to_scene(1, beat, draft, ["Lighthousekeeper", "Baker"], "en", ["The Keeper", "baker"])
    assert [line.speaker for line in scene.dialogue] == ["Lighthousekeeper", "Baker"]
    assert scene.characters == ["Lighthousekeeper", "Baker"]


def test_hair_is_struck_from_a_wardrobe_list() -> None:
    """Recorded: the retired driver's wardrobe was "White shirt, brown hair"."""

    assert wardrobe_of("a tall man", "White shirt, brown hair") == "White shirt"
    assert wardrobe_of("高个子", "蓝色校服、黑色短发") == "蓝色校服"
    assert wardrobe_of("a tall man", "short brown hair") == "short brown hair"  # all there is
    assert wardrobe_of("a tall man", "a hairband, blue dress") == "a hairband, blue dress"


def test_a_prop_the_wardrobe_already_wears_is_not_carried() -> None:
    """Recorded (craft bench 17:26): Joe's props were "Suit" and "Loafers"."""
    cast = CastDraft.model_validate(
        {
            "characters": [
                {
                    "name": "Joe",
                    "role": "retired bus driver",
                    "look": "grey beard, glasses",
                    "wardrobe": "Brown suit and loafers",
                    "props": ["Suit", "Loafers", "old ticket punch"],
                    "voice": "",
                }
            ]
        }
    )
    assert to_profiles(cast)[0].props == ["old ticket punch"]


def test_a_chinese_place_outside_something_is_exterior() -> None:
    """Recorded (craft bench 17:49): "INT. 皇宫外"."""
    assert interior_for("皇宫外", "INT") == "EXT"
    assert interior_for("城门之外", "INT") == "EXT"
    assert interior_for("皇宫内", "INT") == "INT"
    assert interior_for("外婆家", "INT") == "INT"


def test_a_line_spoken_by_two_people_at_once_is_the_first_ones() -> None:
    """Recorded (craft bench 17:54): "小明和朋友" became a character of its own."""
    beat = BeatDraft.model_validate(
        {
            "interior": "INT",
            "place": "教室",
            "time_of_day": "DAY",
            "summary": "小明和朋友一起学街舞。",
            "characters": ["小明"],
        }
    )
    draft = SceneDraft.model_validate(
        {
            "action": ["小明跳起了街舞。", "爸爸走过来，坐在小明身边", "dialogue", "visual"],
            "dialogue": [
                {"speaker": "小明和朋友", "text": "我们一起学习吧！"},
                {"speaker": "Lily and Joe", "text": "Let's go!"},
            ],
        }
    )
    scene = to_scene(3, beat, draft, ["小明", "爸爸", "Lily"], "zh")
    assert [line.speaker for line in scene.dialogue] == ["小明", "Lily"]
    # A Chinese action line gets its full stop (zh-family-dumplings, 2026-12-02); the
    # answer's own keys as lines go (zh-spoof-guard, 2026-12-02).
    assert scene.action == ["小明跳起了街舞。", "爸爸走过来，坐在小明身边。"]


def test_stand_in_names_are_made_real_before_the_gate() -> None:
    """Recorded (craft bench 18:07): the night-market coder's bible was 张三, 李四, 王五."""
    from film.quality import Brief, check_bible
    from film.quality.people.bible import mended_bible
    from film.quality.people.names.naming import real_names
    from film.screenplay import CharacterProfile

    assert real_names(["张三", "李四", "王五", "妈妈"], "zh") == ["许言", "沈星", "苏禾", "妈妈"]
    assert real_names(["John Doe", "Sam"], "en") == ["Alex", "Sam"]  # never a name in use
    # Lettered and numbered roles are stand-ins too (en-romance-lift, 2026-12-01).
    assert real_names(["Captain A", "Captain B"], "en") == ["Sam", "Alex"]
    assert real_names(["同桌A", "同桌B", "小明"], "zh") == ["许言", "沈星", "小明"]
    assert real_names(["Malcolm", "Lily Chen"], "en") == ["Malcolm", "Lily Chen"]
    # The idea's own words for its lead are no name (en-spoof-scooter, 2026-12-01); one
    # kin word, and a name the idea does not say, are.
    scooter = "A food delivery rider is sure his second-hand scooter is haunted."
    assert real_names(["Food Delivery Rider", "Karaoke Player", "Grandmother"], "en", scooter) == [
        "Sam",
        "Karaoke Player",
        "Grandmother",
    ]
    # The lead's own noun alone is no name either (en-struggle-drummer, 2026-12-02).
    drummer = "A deaf teenage drummer trains for the school battle of the bands."
    assert real_names(["Drummer", "Coach"], "en", drummer) == ["Sam", "Coach"]
    # A name that is only the role's job (en-romance-null-genre, 2026-12-02); kin stays.
    notes = "A night-shift nurse and the baker across the street swap notes."
    roles = ["night-shift nurse", "baker", "grandfather"]
    assert real_names(["Nurse", "Baker", "Grandpa"], "en", notes, roles) == [
        "Sam",
        "Alex",
        "Grandpa",
    ]
    # A bracket is the role said twice (en-family-bus, 2026-12-01).
    assert real_names(["Driver (Grandfather)", "Lily (granddaughter)"], "en") == [
        "Grandfather",
        "Lily",
    ]
    bible = [
        CharacterProfile(name="张三", role="夜市摊主", look="二十岁，马尾"),
        CharacterProfile(name="李四", role="张三的妈妈", look="五十岁，短发"),
    ]
    renamed = mended_bible("夜市摆摊卖煎饼的女孩", bible, "zh")
    assert [(p.name, p.role) for p in renamed] == [("许言", "夜市摊主"), ("林夏", "许言的妈妈")]
    brief = Brief(idea="夜市摆摊卖煎饼的女孩", language="zh")
    assert "names.name-is-placeholder" not in {f.check for f in check_bible(renamed, brief)}


def test_a_speaker_named_by_the_relation_in_a_role_is_that_person() -> None:
    """The bike idea: "Grandfather" speaks, and the bible's James is Lucy's grandfather."""
    from agent.drafting.converters import speaker_names
    from agent.drafting.tidy import person_key

    names = speaker_names(["James", "Lucy"], ["retired bus driver, Lucy's grandfather", "pupil"])
    assert names[person_key("Grandfather")] == "James"
    assert names[person_key("Grandpa")] == "James"
    assert person_key("Lucy") in names and person_key("Grandmother") not in names


def test_a_scene_draft_keeps_to_the_films_family_and_drops_the_examples_people() -> None:
    """Recorded: 爷爷 in the grandmother's dumplings film, and "Nora" in the bike film."""
    from agent.drafting.scenes.writer import SceneWriter
    from film.quality import Brief

    idea = "孙子明天就要去外地上大学，奶奶在厨房里教他包饺子。"
    state = {
        "idea": idea,
        "language": "zh",
        "draft": {
            "characters": [{"name": "奶奶", "role": "奶奶"}, {"name": "小明", "role": "孙子"}]
        },
    }
    writer = SceneWriter(state, None, Brief(idea=idea, language="zh"), [], "")  # type: ignore[arg-type]
    draft = SceneDraft.model_validate(
        {
            "action": ["小明站在爷爷面前，看着奶奶包饺子。"],
            "dialogue": [
                {"speaker": "爷爷", "text": "多吃点。"},
                {"speaker": "Nora", "text": "Take it."},
                {"speaker": "小明", "text": "谢谢奶奶。"},
            ],
            "visual": "爷爷的手沾满面粉。",
        }
    )
    tidied = writer.with_told_kin(draft)
    assert tidied.action == ["小明站在奶奶面前，看着奶奶包饺子。"]
    assert [(d.speaker, d.text) for d in tidied.dialogue] == [
        ("奶奶", "多吃点。"),
        ("小明", "谢谢奶奶。"),
    ]
    assert tidied.visual == "奶奶的手沾满面粉。"


def test_a_scene_with_two_speakers_is_asked_for_turns_and_a_lone_one_is_not() -> None:
    """Recorded: 孙子 asked and answered himself ("你什么时候去上大学啊？" "我明天就要去了。")."""
    from agent.drafting.scenes.writer import SceneWriter
    from agent.prompts.texts import TURNS
    from film.quality import Brief

    idea = "孙子明天就要去外地上大学，奶奶在厨房里教他包饺子。"
    cast = [{"name": "奶奶", "role": "奶奶"}, {"name": "小明", "role": "孙子"}]
    state = {"idea": idea, "language": "zh", "target_seconds": 60, "draft": {"characters": cast}}
    beats = [
        BeatDraft(place="厨房", summary="奶奶教小明包饺子。", characters=["奶奶", "小明"]),
        BeatDraft(place="车站", summary="小明独自上车。", characters=["小明"]),
    ]
    writer = SceneWriter(state, None, Brief(idea=idea, language="zh"), beats, "")  # type: ignore[arg-type]
    together, alone = writer.prompt(0), writer.prompt(1)
    assert TURNS["zh"] in together and "奶奶、小明" in together
    assert TURNS["zh"] not in alone and "说：小明。" in alone


def test_the_outline_plan_tells_the_ideas_own_turn_at_its_beat() -> None:
    """Recorded: the library-book outline had no note in it at all, and the guard's orange
    cat was caught in beat 1 (craft bench, 2026-12-01)."""
    from agent.drafting.brief import must_show

    library = (
        "Two strangers keep reaching for the same library book every Friday, "
        "until one of them leaves a note inside it."
    )
    plan = beat_plan(4, "en", library).splitlines()
    assert "same library book every Friday" in plan[0]
    # The idea's own turn is its payoff: the film ends on it (a second reader, 2026-12-01).
    assert plan[3].startswith("4. the ending") and "leaves a note inside it" in plan[3]
    assert not any("note" in line for line in plan[:3])
    assert plan[2].startswith("3. it comes to a head")
    guard = "小区保安大爷为了抓偷外卖的贼，布下天罗地网，最后抓到的却是一只橘猫。"
    three = beat_plan(3, "zh", guard).splitlines()
    # Each beat before the payoff tells its own clause of the idea, in order (2026-12-03).
    assert "小区保安大爷为了抓偷外卖的贼" in three[0] and "橘猫" not in three[0]
    assert three[1].startswith("2. 推向高潮") and "布下天罗地网" in three[1]
    assert "橘猫" not in three[1]
    assert three[2].startswith("3. 结局") and "最后抓到的却是一只橘猫" in three[2]
    # The one to win over says no until the turn, and yes at it.
    dance = beat_plan(5, "zh", "一键成片：小明想说服爸爸让他去学街舞，温情微电影").splitlines()
    assert "爸爸不同意" in dance[0] and "爸爸不同意" in dance[2] and "同意了" in dance[3]
    # An idea with no turn of its own gets the plain plan, and the plan keeps its count.
    bus = "A retired bus driver teaches his granddaughter to ride a bike."
    assert beat_plan(6, "en", bus) == beat_plan(6, "en")
    assert must_show(bus, "en").count(";") == 0
    # What the idea says never happens is said once, after the plan.
    nurse = (
        "A night-shift nurse and the baker across the street swap notes on the bakery "
        "window for a whole winter without ever meeting."
    )
    assert 'says "without ever meeting": in no beat do they meet' in must_show(nurse, "en")


def test_a_family_or_landscape_film_is_planned_without_a_fight() -> None:
    """Recorded (craft bench, the bus, 2026-12-04): asked for "a new obstacle" and "the
    lowest point", three beats had the bus wait at a red light. A quiet film's middle is
    what they care about and what is unsaid; a father to win over keeps his no."""
    bus = "A retired bus driver rides his old route one last time with his granddaughter."
    quiet = beat_plan(6, "en", bus, "touching-family").splitlines()
    assert not any("obstacle" in line or "lowest point" in line for line in quiet)
    assert "what they care about" in quiet[2] and "left unsaid" in quiet[3]
    assert "lowest point" in beat_plan(6, "en", bus, "inspirational-struggle")
    assert "困难升级" not in beat_plan(6, "zh", "青海湖边，一个摄影师等日出。", "aesthetic-scenery")
    dance = beat_plan(6, "zh", "小明想说服爸爸让他去学街舞", "touching-family")
    assert "爸爸不同意" in dance and "最低谷" in dance
    long = [
        line.split(". ", 1)[1] for line in beat_plan(11, "en", "", "touching-family").splitlines()
    ]
    assert all(a != b for a, b in zip(long, long[1:], strict=False))  # no two alike in a row


def test_people_who_never_meet_are_planned_one_to_a_beat() -> None:
    """Recorded (craft bench, 2026-12-04): told only "in no beat do they meet", the outline
    had the nurse and the baker talk in all seven beats. Each beat now names who it shows,
    in turn, as the scenes are cast (one_on_screen)."""
    from film.quality.debris import check_debris
    from film.quality.fields import VisibleText

    nurse = (
        "A night-shift nurse and the baker across the street swap notes on the bakery window "
        "for a whole winter without ever meeting."
    )
    lines = beat_plan(7, "en", nurse, "youth-romance", ["Sam", "Alex", "Joe"]).splitlines()
    shown = [line.split("We see only ")[1].split(";")[0] for line in lines]
    assert shown == ["Sam", "Alex", "Sam", "Alex", "Sam", "Alex", "Sam"]
    assert lines[0].endswith(
        ". We see only Sam; Alex is somewhere else: Sam leaves the first note on the bakery "
        "window for Alex"
    )
    assert lines[1].endswith(": Alex finds Sam's note on the bakery window and writes one back")
    # Every answer in words of its own: one wording was copied into five beats of seven, and
    # the outline was refused as a loop (2026-12-04); nor is the note itself debris.
    answers = [line.split("somewhere else: ")[1] for line in lines[1:6]]
    assert len({answer.split(" ", 1)[1] for answer in answers}) == 5
    assert not check_debris([VisibleText("beats[0].summary", "line", lines[2])])
    zh = "护士和面包师在面包店橱窗上互相留纸条，整整一个冬天都没有见过面。"
    assert (
        beat_plan(2, "zh", zh, "youth-romance", ["林夏", "许言"])
        .splitlines()[1]
        .endswith("。画面里只有许言，林夏在别处：许言在面包店橱窗上看到林夏留下的纸条，写了回复")
    )
    apart = "Two pen pals never meet."  # nothing passed between them: who, and no more
    assert beat_plan(2, "en", apart + " without ever meeting", "", ["Sam", "Alex"]).endswith(
        "We see only Alex; Sam is somewhere else"
    )
    assert "We see" not in beat_plan(4, "en", "Two friends cook dinner.", "", ["Sam", "Alex"])
    assert "We see" not in beat_plan(4, "en", nurse, "youth-romance", ["Sam"])


def test_the_plan_puts_the_turn_where_the_gate_looks_for_it() -> None:
    from agent.prompts.plan import BEAT_ROLES
    from film.quality.story.arc import turn_index

    turn = BEAT_ROLES["turn"]["en"].split(":")[0]
    for count in range(3, 13):
        for genre in ("", "touching-family"):
            lines = beat_plan(count, "en", "", genre).splitlines()
            assert turn in lines[turn_index(count)], (count, genre)


def test_the_outline_is_told_what_the_idea_makes() -> None:
    """Recorded: "… to make dumplings …" was outlined as knitting a blanket (2026-12-01)."""
    from agent.drafting.brief import idea_making, must_show

    idea = "a grandma teaches her grandson to make dumplings the night before he moves abroad"
    assert idea_making(idea) == "make dumplings"
    assert "make dumplings" in must_show(idea, "en")
    assert idea_making("She wants to make sure he stays.") == ""
    assert must_show("She wants to make friends at her new school.", "en") == ""


def test_the_outline_is_told_the_ideas_main_action() -> None:
    """Recorded: the bus driver's outline waited at a bus stop and cooked dinner (2026-12-01)."""
    from agent.drafting.brief import must_show

    bus = (
        "A retired bus driver rides his old route one last time with his granddaughter, "
        "who has never seen the city through his eyes."
    )
    assert "must happen on screen: rides his old route." in must_show(bus, "en")


def test_scenes_before_the_turn_are_told_to_keep_it_for_its_scene() -> None:
    """Recorded: the street-dance father said "那好，我支持你！" in scene 1 of 3 (2026-12-01)."""
    from agent.drafting.scenes.writer import SceneWriter
    from film.quality import Brief

    idea = "一键成片：小明想说服爸爸让他去学街舞，温情微电影"
    cast = [{"name": "小明", "role": "儿子"}, {"name": "爸爸", "role": "爸爸"}]
    state = {"idea": idea, "language": "zh", "target_seconds": 60, "draft": {"characters": cast}}
    beats = [
        BeatDraft(place="客厅", summary="小明想学街舞，爸爸不同意。", characters=["小明", "爸爸"]),
        BeatDraft(place="客厅", summary="爸爸看了视频，同意了。", characters=["小明", "爸爸"]),
        BeatDraft(place="舞蹈教室", summary="小明跳舞。", characters=["小明"]),
    ]
    writer = SceneWriter(state, None, Brief(idea=idea, language="zh"), beats, "")  # type: ignore[arg-type]
    assert "这一场还不能发生：爸爸终于同意了（那是第2场的事）。" in writer.prompt(0)
    assert "还不能发生" not in writer.prompt(1) and "还不能发生" not in writer.prompt(2)
    nurse = (
        "A night-shift nurse and the baker across the street swap notes on the bakery "
        "window for a whole winter without ever meeting."
    )
    state = {"idea": nurse, "language": "en", "target_seconds": 60, "draft": {"characters": []}}
    writer = SceneWriter(state, None, Brief(idea=nurse), beats, "")  # type: ignore[arg-type]
    assert all("In this scene they do not meet." in writer.prompt(n) for n in range(3))
    assert "Not yet" not in writer.prompt(0)


def test_a_turn_added_to_its_beat_keeps_the_summary_within_the_schema() -> None:
    """Recorded (2026-12-01): a 160-character turn beat with the yes after it broke the
    outline's 200-character bound, and the scenes stage stopped on a ValidationError."""
    from agent.drafting.beats import in_idea_order

    idea = "A shy girl has to convince her strict grandfather to let her play drums."
    long = (
        "The shy girl walks through the school hallway with her grandfather, looking at all "
        "the other students. They are wearing jeans and hoodies, and they have long brown hair "
        "tied back."
    )
    beats = [
        BeatDraft(place="Gym", summary="She sits alone in the gym.", characters=["Mia"]),
        BeatDraft(place="Hallway", summary=long, characters=["Mia"]),
        BeatDraft(place="Gym", summary="She plays.", characters=["Mia"]),
    ]
    ordered = in_idea_order(beats, idea)
    turn = BeatDraft.model_validate(ordered[1].model_dump())  # within the schema
    assert turn.summary.endswith("The grandfather finally says yes.")
    assert turn.summary.startswith("The shy girl walks through the school hallway")


def test_a_scene_task_read_back_as_a_line_is_debris_and_is_struck() -> None:
    """Recorded (zh-ancient-painter, 2026-12-01): the lengthening task became 画师's line."""
    from agent.drafting.scenes.writer import SceneWriter
    from film.quality import Brief
    from film.quality.debris import find_debris
    from film.quality.mend import drop_copied_lines
    from film.screenplay import DialogueLine, Scene

    echoed = (
        "这一场的内容：画师和公主在卧室里开始准备。现在约48秒，需要约93秒。只写缺的部分：再写6句"
        "对白（每句10到20个字）和1句动作，接着这场最后一句往下演。已经说过、做过的不要再写。"
    )
    assert find_debris(echoed) == "prompt scaffolding"
    scene = Scene(
        number=4,
        place="卧室",
        action=["画师放下画笔。"],
        dialogue=[
            DialogueLine(speaker="画师", text="我们需要处理这个秘密。"),
            DialogueLine(speaker="画师", text=echoed),
        ],
    )
    assert [d.text for d in drop_copied_lines(scene, [], "").dialogue] == ["我们需要处理这个秘密。"]
    # Every scene prompt's own task, in both languages, is caught when read back whole.
    for language, idea in (
        ("zh", "一键成片：小明想说服爸爸让他去学街舞"),
        ("en", "A boy must convince his father to let him dance."),
    ):
        cast = [{"name": "小明", "role": "儿子"}, {"name": "爸爸", "role": "爸爸"}]
        state = {
            "idea": idea,
            "language": language,
            "target_seconds": 60,
            "draft": {"characters": cast},
        }
        beats = [
            BeatDraft(place="客厅", summary="小明想学街舞。", characters=["小明", "爸爸"]),
            BeatDraft(place="客厅", summary="爸爸同意了。", characters=["小明", "爸爸"]),
            BeatDraft(place="舞室", summary="小明跳舞。", characters=["小明"]),
        ]
        writer = SceneWriter(state, None, Brief(idea=idea, language=language), beats, "")  # type: ignore[arg-type]
        task = writer.prompt(0).rsplit("\n\n", 1)[-1]
        assert find_debris(task) == "prompt scaffolding", task
        for name in ("extend", "extend_opening"):
            asked = writer.task_prompt(
                name,
                0,
                beats[0],
                scene="-",
                summary="-",
                now=20,
                seconds=30,
                lines=2,
                actions=1,
                speakers="-",
                turns="",
                arc="",
            ).rsplit("\n\n", 1)[-1]
            for line in asked.splitlines()[2:]:  # the scene and its summary are the story's
                assert find_debris(line) == "prompt scaffolding", line


def test_a_line_cut_at_its_limit_ends_at_its_last_whole_sentence() -> None:
    """Recorded (Grandmother's First Message, 2026-12-01): a speech stopped mid-sentence."""
    cut = (
        "I've been trying to keep in touch with my sister, but it's hard. She lives abroad, "
        "so I need to find a way to communicate with her. I don't want to be like all"
    )
    assert whole_sentences(cut, 160) == cut.rsplit(" I don't", 1)[0]
    zh = "我一直想和妹妹保持联系，但是很难。" * 9 + "我不想像所有"
    assert whole_sentences(zh[:160], 160).endswith("但是很难。")
    # Under the limit, or ending on a stop, a line is whole as it is.
    assert whole_sentences("I don't want to be like all", 160) == "I don't want to be like all"
    assert whole_sentences(cut[:150] + ".", 152) == cut[:150] + "."


def test_the_logline_examples_setting_is_not_the_storys() -> None:
    """Recorded (craft bench, 2026-12-02): two films set "a rainy week in June", copied."""
    from agent.drafting.tidy import own_setting

    scooter = "A food delivery rider is sure his second-hand scooter is haunted."
    assert own_setting("a rainy week in June", scooter, "en") == "present day"
    assert own_setting("a season in summer", scooter, "en") == "summer"  # 2026-12-03
    assert own_setting("a season of change", scooter, "en") == "a season of change"
    assert own_setting("六月的梅雨季。", "外卖小哥送最后一单", "zh") == "当下"
    assert own_setting("a rainy week in June", "It rains all June at the bus stop", "en") == (
        "a rainy week in June"
    )
    assert own_setting("late autumn", scooter, "en") == "late autumn"
    # A television label is no time (second reader, 2026-12-05).
    assert own_setting("Season 3, Episode 4", scooter, "en") == "present day"
    assert own_setting("Season", scooter, "en") == "present day"
    assert own_setting("Season 4", scooter, "en") == "present day"  # 12-05, the next run
    assert own_setting("a rainy season", scooter, "en") == "present day"  # and the one after
    assert own_setting("某个时代", "外卖小哥送最后一单", "zh") == "当下"
    assert own_setting("第2季第5集", "外卖小哥送最后一单", "zh") == "当下"
    assert own_setting("the fourth season of the year", scooter, "en") == (
        "the fourth season of the year"
    )
    # Reworded (by hand, the piano teacher, 2026-12-02); rain alone is a story's own.
    piano = "A retired piano teacher hears the boy next door practising scales badly."
    assert own_setting("a rainy season in June", piano, "en") == "present day"
    assert own_setting("a rainy autumn night", piano, "en") == "a rainy autumn night"


def test_a_bible_field_that_names_itself_loses_the_label() -> None:
    """Recorded (en-romance-lift, 2026-12-02): "Jamie's voice" as Jamie's voice."""
    person = {"role": "debate captain", "look": "short brown hair", "props": []}
    cast = CastDraft.model_validate(
        {
            "characters": [
                {
                    **person,
                    "name": "Alex",
                    "wardrobe": "Alex's wardrobe consists of a blue shirt, black pants",
                    "voice": "Alex's voice hint is that he speaks softly and confidently",
                },
                {**person, "name": "Jamie", "wardrobe": "a grey hoodie", "voice": "Jamie's voice"},
            ]
        }
    )
    alex, jamie = to_profiles(cast)
    assert alex.wardrobe == "A blue shirt, black pants"
    assert alex.voice == "Speaks softly and confidently"
    assert jamie.voice == ""
    glued = {**person, "name": "Joe", "look": "a man of 58,with white hair", "wardrobe": "a suit"}
    assert to_profiles(CastDraft.model_validate({"characters": [glued]}))[0].look == (
        "a man of 58, with white hair"
    )
    # Recorded (zh-struggle-night-market, 2026-12-02): "顾客的声音是冷漠和拒绝的".
    zh = {**person, "name": "顾客", "wardrobe": "蓝色T恤", "voice": "顾客的声音是冷漠和拒绝的"}
    assert to_profiles(CastDraft.model_validate({"characters": [zh]}), "zh")[0].voice == (
        "冷漠和拒绝的"
    )


def test_a_numbered_role_is_the_role() -> None:
    """Recorded (zh-romance-notes, 2026-12-02): the deskmates' roles were 同桌1 and 同桌2."""
    people = [
        {"name": name, "role": role, "look": "16岁的学生", "wardrobe": "蓝白校服", "props": []}
        for name, role in (("小明", "同桌1"), ("小红", "同桌2"), ("Ann", "Student 2"))
    ]
    roles = [p.role for p in to_profiles(CastDraft.model_validate({"characters": people}))]
    assert roles == ["同桌", "同桌", "Student"]


def test_a_beat_that_names_its_time_is_at_that_time() -> None:
    """Recorded (craft bench, 2026-12-02): a NIGHT heading over "watches the sunrise"."""
    idea = "A lighthouse keeper spends his last night at the lamp before the light is automated."
    summaries = [
        "He climbs the tower.",
        "He watches the sunrise over the sea.",
        "他在黄昏收起渔网。",
    ]
    assert follow_story_time(["DAY", "NIGHT", "DAY"], idea, summaries) == ["DAY", "DAWN", "DUSK"]
    assert follow_story_time(["NIGHT", "MORNING"], idea, ["x", "清晨，他醒来。"]) == [
        "NIGHT",
        "MORNING",
    ]


def test_two_strings_run_together_in_a_line_are_two_cues() -> None:
    """Recorded (dumplings, 2026-12-02): "…说些什么呢？', '孙子回答道：我忘了一句话。'"."""
    beat = BeatDraft.model_validate(
        {
            "interior": "INT",
            "place": "厨房",
            "time_of_day": "DAY",
            "summary": "奶奶和孙子包饺子。",
            "characters": ["奶奶", "孙子"],
        }
    )
    text = "你有没有忘记对什么人说些什么呢？', '孙子回答道：我忘了一句话。'"
    draft = SceneDraft.model_validate(
        {"action": ["奶奶包饺子。"], "dialogue": [{"speaker": "奶奶", "text": text}]}
    )
    scene = to_scene(1, beat, draft, ["奶奶", "孙子"], "zh")
    assert [line.text for line in scene.dialogue][:1] == ["你有没有忘记对什么人说些什么呢？"]
    assert len(scene.dialogue) == 2 and "', '" not in scene.dialogue[1].text
    # The same with double quotes (craft bench, dumplings, 2026-12-02, scene 3).
    run = "好的”，“我一定会努力的。”“我会记住您的教导。”“我会一直努力的。”“"
    doubled = SceneDraft.model_validate(
        {"action": ["奶奶包饺子。"], "dialogue": [{"speaker": "孙子", "text": run}]}
    )
    lines = [line.text for line in to_scene(1, beat, doubled, ["奶奶", "孙子"], "zh").dialogue]
    assert lines and not any("”" in t or "“" in t for t in lines)
    assert "我会记住您的教导。" in "".join(lines)
    quoted = "奶奶说了“慢点”，“小心烫”。"  # a quoted word is no seam
    kept = SceneDraft.model_validate(
        {"action": ["x"], "dialogue": [{"speaker": "孙子", "text": quoted}]}
    )
    assert [d.text for d in to_scene(1, beat, kept, ["奶奶", "孙子"], "zh").dialogue] == [quoted]
    said = "I'm fine, 'cause you're here."
    english = SceneDraft.model_validate(
        {"action": ["x"], "dialogue": [{"speaker": "奶奶", "text": said}]}
    )
    assert len(to_scene(1, beat, english, ["奶奶"]).dialogue) == 1


def test_strings_run_together_in_an_action_line_are_lines_apart() -> None:
    """Recorded (craft bench, dumplings, 2026-12-02): a whole scene in one action "line"."""
    beat = BeatDraft.model_validate(
        {
            "interior": "INT",
            "place": "厨房",
            "time_of_day": "DAY",
            "summary": "奶奶和孙子包饺子。",
            "characters": ["奶奶", "孙子"],
        }
    )
    run = (
        "奶奶把馅放进面皮里。', '孙子在包第二个饺子时突然停顿了。', "
        "'孙子回答说：“我答应过你，一定要考取好大学。”"
    )
    draft = SceneDraft.model_validate({"action": [run], "dialogue": []})
    action = to_scene(1, beat, draft, ["奶奶", "孙子"], "zh").action
    assert action[:2] == ["奶奶把馅放进面皮里。", "孙子在包第二个饺子时突然停顿了。"]
    assert len(action) == 3 and "', '" not in action[2] and "考取好大学" in action[2]
    # The same answer ended on a key and its count, "” / dialogue': 5,": debris, no line.
    tail = SceneDraft.model_validate({"action": [run + "” / dialogue': 5,"], "dialogue": []})
    assert to_scene(1, beat, tail, ["奶奶", "孙子"], "zh").action[2].endswith("考取好大学。”")


def test_outdoors_is_read_off_the_place_as_cleaned() -> None:
    """Recorded (lighthouse, 2026-12-02): "The sea - NIGHT" was headed INT. THE SEA."""
    from agent.drafting.beats import fit_beats

    beat = BeatDraft.model_validate(
        {
            "interior": "INT",
            "place": "The sea - NIGHT",
            "time_of_day": "NIGHT",
            "summary": "Sam watches the waves.",
            "characters": ["Sam"],
        }
    )
    fitted = fit_beats([beat], 1, ["Sam"], "en", "A lighthouse keeper's last night.")[0]
    assert (fitted.place, fitted.interior) == ("The sea", "EXT")


def test_a_voice_cut_off_and_a_note_that_opens_on_the_task_are_mended() -> None:
    """Recorded (by hand, the piano teacher, 2026-12-02): "Energetic and enthusiastic, with
    a hint of" as a voice, and "Light, colour and framing of Mr. Judd's bedroom" as a note."""
    from film.quality.mend import mend_edges
    from film.screenplay import Scene

    assert whole_voice("Energetic and enthusiastic, with a hint of") == (
        "Energetic and enthusiastic"
    )
    assert whole_voice("low, steady, serious") == "low, steady, serious"
    assert whole_voice("低沉而温柔的") == "低沉而温柔的"
    # Craft bench, 2026-12-02 21:38 and 21:46: a hint whose noun was cut off, and a label.
    assert whole_voice("Soft and melodic, with a hint of a playful,") == "Soft and melodic"
    assert whole_voice("Warm, with a hint of humour") == "Warm, with a hint of humour"
    assert whole_voice("小王的声音特点：温柔、亲切") == "温柔、亲切"
    # Whose voice it is, the card says (the piano teacher, 2026-12-03).
    assert whole_voice("Mrs. Thompson's soothing voice") == "soothing voice"
    assert whole_voice("Tom's determined voice, a little shy") == "determined voice, a little shy"
    scene = Scene(
        number=1,
        place="Bedroom",
        action=["Riley plays scales."],
        visual="Light, colour and framing of Mr. Judd's bedroom, showing his piano.",
    )
    assert mend_edges(scene).visual == "Mr. Judd's bedroom, showing his piano."
    # The scene task's gloss came back as the guard's note (craft bench, 2026-12-03).
    gloss = scene.model_copy(update={"visual": "镜头里看到的，近景构图。"})
    assert mend_edges(gloss).visual == "近景构图。"


def test_a_name_in_a_role_has_no_article() -> None:
    """Recorded (en-ancient-letter, 2026-12-02): "who sent the Sam to cross the pass"."""
    cast = CastDraft.model_validate(
        {
            "characters": [
                {"name": "Sam", "role": "swordswoman", "look": "20, lean", "wardrobe": "cloak"},
                {
                    "name": "Baker",
                    "role": "the general who sent the Sam to cross the pass",
                    "look": "50 years",
                    "wardrobe": "armour",
                },
                {
                    "name": "Lin",
                    "role": "friend of the Baker",
                    "look": "30 years",
                    "wardrobe": "apron",
                },
            ]
        }
    )
    roles = [person.role for person in to_profiles(cast)]
    assert roles[1] == "the general who sent Sam to cross the pass"
    assert roles[2] == "friend of the Baker"  # a trade's word keeps its article


def test_a_chinese_look_has_no_height_in_feet() -> None:
    """Recorded (web app, 2026-12-02): "身高约5英尺" and a 4-foot bride."""
    cast = CastDraft.model_validate(
        {
            "characters": [
                {
                    "name": "孙女",
                    "role": "孙女",
                    "look": "年轻女子，身高约4英尺，皮肤明亮，头发乌黑。",
                    "wardrobe": "白色衬衫",
                }
            ]
        }
    )
    assert to_profiles(cast, "zh")[0].look == "年轻女子，皮肤明亮，头发乌黑。"


def test_stand_in_speakers_are_the_beats_people_who_have_no_line() -> None:
    """Recorded (craft bench, the court painter, 2026-12-02): every cue of scene 1 went to
    张三 and 李四 through six answers, and the film was refused."""
    beat = BeatDraft.model_validate(
        {
            "interior": "INT",
            "place": "宫内",
            "time_of_day": "DAY",
            "summary": "画师为公主画像。",
            "characters": ["李明", "公主"],
        }
    )
    said = [("张三", "公主请坐好。"), ("李四", "要画多久？"), ("张三", "一个时辰。")]
    draft = SceneDraft.model_validate(
        {"action": ["画师铺开画纸。"], "dialogue": [{"speaker": s, "text": t} for s, t in said]}
    )
    scene = to_scene(1, beat, draft, ["李明", "公主"], "zh")
    assert [line.speaker for line in scene.dialogue] == ["李明", "公主", "李明"]
    # One who already speaks keeps their lines; a stand-in is the other, one left over
    # answers the line before.
    mixed = draft.model_copy(
        update={
            "dialogue": [
                draft.dialogue[0].model_copy(update={"speaker": "李明"}),
                *draft.dialogue[1:],
            ]
        }
    )
    assert [line.speaker for line in to_scene(1, beat, mixed, ["李明", "公主"], "zh").dialogue] == [
        "李明",
        "公主",
        "李明",
    ]


def test_a_role_without_the_tasks_words_and_a_voice_that_is_no_name() -> None:
    """Recorded (craft bench, 12:17, 2026-12-02): "…on the bakery window, a real name." and
    "Voice: Sophia"."""
    cast = CastDraft.model_validate(
        {
            "characters": [
                {
                    "name": "Sam",
                    "role": "The night-shift nurse who swaps notes, a real name.",
                    "look": "30, tall",
                    "wardrobe": "scrubs",
                    "voice": "Sophia",
                },
                {"name": "Sophia", "role": "baker", "look": "40 years", "wardrobe": "apron"},
            ]
        }
    )
    nurse = to_profiles(cast)[0]
    assert (nurse.role, nurse.voice) == ("The night-shift nurse who swaps notes", "")
    # By hand (the ferryman, 2026-12-02): an actor's name is no voice.
    for actor in ("Tom Hanks", "Meryl Streep", "Mr. Smith"):
        starred = cast.model_copy(
            update={"characters": [cast.characters[1].model_copy(update={"voice": actor})]}
        )
        assert to_profiles(starred)[0].voice == ""
    warm = cast.model_copy(
        update={"characters": [cast.characters[1].model_copy(update={"voice": "Warm, low"})]}
    )
    assert to_profiles(warm)[0].voice == "Warm, low"


def test_a_beat_placed_at_a_time_of_day_is_at_its_neighbours_place_then() -> None:
    """The lighthouse's outline was refused on "Dusk" and "Dawn" (craft bench, 2026-12-02)."""
    cast = ["Sam"]
    beats = [
        BeatDraft(place="Dusk", summary="Sam climbs to the lamp.", characters=cast),
        BeatDraft(place="The lighthouse", summary="Sam polishes the lens.", characters=cast),
        BeatDraft(place="Dawn", summary="Sam watches the sea turn grey.", characters=cast),
    ]
    fitted = fit_beats(beats, 3, cast, "en", "A lighthouse keeper's last night.")
    # The middle beat follows the story's night; the others keep the time they named.
    assert [(b.place, b.time_of_day) for b in fitted] == [
        ("The lighthouse", "DUSK"),
        ("The lighthouse", "NIGHT"),
        ("The lighthouse", "DAWN"),
    ]
    nowhere = [BeatDraft(place="Dusk", summary="Sam waits.", characters=cast)] * 2
    assert [b.place for b in fit_beats(nowhere, 2, cast, "en")] == ["Dusk", "Dusk"]


def test_a_heading_the_action_never_names_is_the_room_it_puts_its_people_in() -> None:
    """INT. 外地上大学的宿舍 over "奶奶正在厨房里教他包饺子" (craft bench, 2026-12-02, 17:40)."""
    from film.screenplay import Scene
    from film.setting import headed_where_told

    kitchen = Scene(number=1, place="奶奶的厨房", action=["奶奶正在包饺子。"])
    dorm = Scene(
        number=2,
        place="外地上大学的宿舍",
        interior="EXT",
        action=["孙子正在包饺子，奶奶正在厨房里教他包饺子。"],
    )
    school = Scene(number=3, place="School", action=["Mia walks into the kitchen."])
    house = Scene(number=4, place="Grandma's house", action=["Mia sits in the kitchen."])
    lone = Scene(number=5, place="Bus stop", action=["Mia waits in the kitchen of the cafe."])
    fitted = headed_where_told([kitchen, dorm, school, house, lone])
    assert (fitted[1].place, fitted[1].interior) == ("奶奶的厨房", "INT")
    assert fitted[2] == school  # going into a room is no place to be
    assert fitted[3] == house  # a home holds its rooms
    assert fitted[4].place == "Kitchen"  # no scene there yet: the room itself


def test_a_heading_the_action_never_names_is_the_place_it_puts_its_people_in() -> None:
    """The heading "EXT. 夜市 - NIGHT" over "小王站在考试室门口" (craft bench, 21:46)."""
    from film.screenplay import Scene
    from film.setting import headed_where_told

    exam = Scene(
        number=6,
        place="夜市",
        interior="EXT",
        action=["小王站在考试室门口，看到自己的成绩单。", "小王拿着成绩单走向办公室。"],
    )
    stall = Scene(number=2, place="夜市", interior="EXT", action=["小王坐在摊位旁，专心学习。"])
    station = Scene(number=3, place="Bus stop", action=["Sam waits at the train station."])
    named = Scene(number=4, place="Train station", action=["Sam waits at the train station."])
    fitted = headed_where_told([exam, stall, station, named])
    assert (fitted[0].place, fitted[0].interior) == ("考试室", "INT")
    assert fitted[1] == stall  # nowhere else: the heading stands
    assert fitted[2].place == "Train station"
    assert fitted[3] == named  # the heading's own place is where they are
    # The scooter (22:03): "INT. FOOD DELIVERY HUB" over a walk down the street.
    hub = Scene(
        number=1,
        place="Food delivery hub",
        action=["Jenny walks down the street.", "A scooter is parked on the side of the road."],
    )
    street = headed_where_told([hub])[0]
    assert (street.place, street.interior) == ("Street", "EXT")
    bus = hub.model_copy(update={"place": "Bus", "action": ["They ride down the street."]})
    assert headed_where_told([bus])[0] == bus  # aboard, the street goes by the window


def test_a_sheet_loses_a_labelled_prop_a_dangling_end_and_a_lowercase_name() -> None:
    """Recorded (craft bench, the letter, 21:39): "Props: voice hint: 'father'", a look
    ending "…samurai uniform, with", and a person named "father"."""
    from agent.drafting.converters import to_profiles
    from agent.drafting.schemas import CastDraft

    cast = CastDraft.model_validate(
        {
            "characters": [
                {
                    "name": "father",
                    "role": "father",
                    "look": "A man in his late 30s, wears a samurai uniform, with",
                    "wardrobe": "samurai uniform",
                    "voice": "",
                    "props": ["voice hint: 'father'"],
                },
                {
                    "name": "Sam",
                    "role": "daughter",
                    "look": "a young woman",
                    "wardrobe": "a robe",
                    "voice": "",
                    "props": ["a wooden sword", "voice hint: 'young swordswoman'"],
                },
            ]
        }
    )
    father, sam = to_profiles(cast)
    assert father.name == "Father" and father.props == []
    assert father.look == "A man in his late 30s, wears a samurai uniform"
    assert sam.props == ["a wooden sword"]
    assert whole_phrase("Plan A", 300) == "Plan A" and whole_phrase("温柔的", 30) == "温柔的"


def test_a_voice_that_is_one_given_name_is_no_voice() -> None:
    """Recorded (craft bench, the bus, 22:10): "Voice: Joshua", "Voice: Amelia"."""
    from film.quality.people.voice import not_a_name

    for name in ("Joshua", "Amelia", "Sophia"):
        assert not_a_name(name, frozenset()) == ""
    for hint in ("Soft", "Gravelly", "Friendly", "Solemn", "Deep voice", "Amelia's soft voice"):
        assert not_a_name(hint, frozenset()) == hint


def test_a_role_that_is_only_the_fields_own_word_is_no_role() -> None:
    """Recorded (craft bench, the street dance, 22:58): "Role: 角色" for 爸爸, "主人公" for 小明."""
    from agent.drafting.converters import to_profiles
    from agent.drafting.schemas import CastDraft

    said = [
        ("爸爸", "角色"),
        ("小明", "主人公"),
        ("Sam", "The protagonist"),
        ("Ana", "主人公的妈妈"),
    ]
    cast = CastDraft.model_validate(
        {
            "characters": [
                {
                    "name": n,
                    "role": r,
                    "look": "中年人",
                    "wardrobe": "蓝色长衫",
                    "voice": "",
                    "props": [],
                }
                for n, r in said
            ]
        }
    )
    assert [p.role for p in to_profiles(cast, "zh")] == ["", "", "", "主人公的妈妈"]


def test_the_logline_loses_a_film_the_idea_never_named() -> None:
    """Recorded (CLI, 2026-12-03): "…, inspired by the classic movie 'Dogcatcher'."."""
    from agent.drafting.schemas import LoglineDraft
    from agent.drafting.tidy import tidy_logline

    idea = "A night-shift security guard teaches a stray dog to fetch his lost keys"
    draft = LoglineDraft(
        title="Fetch",
        logline=f"{idea}, inspired by the classic movie 'Dogcatcher'.",
        theme="loyalty",
        setting_time="a winter night",
    )
    assert tidy_logline(draft, idea, "en").logline == f"{idea}."


def test_the_idea_lead_cast_under_another_job_is_still_the_one_who_speaks_as_it() -> None:
    """Recorded (craft bench, the scooter, 2026-12-03): Sam was cast as "Driver", and the
    idea's "Delivery rider" then spoke beside him with a bible entry of his own."""
    from agent.drafting.converters import speaker_names
    from agent.drafting.tidy import person_key
    from film.quality.people.missing import lead_in_idea_words
    from film.screenplay import CharacterProfile

    idea = (
        "A food delivery rider is sure his second-hand scooter is haunted, because it plays "
        "karaoke every time he runs a red light."
    )
    bible = [
        CharacterProfile(name="Sam", role="Driver", look="short brown hair"),
        CharacterProfile(name="Ghost", role="ghost", look="pale"),
    ]
    mended = lead_in_idea_words(idea, bible)
    assert [p.role for p in mended] == ["food delivery rider", "ghost"]
    names = speaker_names([p.name for p in mended], [p.role for p in mended])
    assert names[person_key("Delivery rider")] == "Sam"
    assert names[person_key("Rider")] == "Sam"
    # A kin role is kept beside the idea's words; a granddaughter put first stays herself.
    bus = "A retired bus driver rides his old route one last time with his granddaughter."
    grandpa = [CharacterProfile(name="Joe", role="Grandpa", look="grey beard")]
    assert lead_in_idea_words(bus, grandpa)[0].role == "retired bus driver, Grandpa"
    lucy = [CharacterProfile(name="Lucy", role="granddaughter", look="ten years old")]
    assert lead_in_idea_words(bus, lucy)[0].role == "granddaughter"


def test_a_scenery_film_of_one_person_casts_that_person_alone() -> None:
    """The lighthouse keeper got a wife who took over his last night (2026-12-03)."""
    from agent.drafting.brief import cast_size
    from film.screenplay import Genre

    assert cast_size(60, ["lighthouse keeper"], Genre.AESTHETIC_SCENERY) == 1
    assert cast_size(60, ["lighthouse keeper"], Genre.TOUCHING_FAMILY) == 2
    assert cast_size(300, ["祖母", "孙女"], Genre.AESTHETIC_SCENERY) == 4
    assert cast_size(120, [], Genre.YOUTH_ROMANCE) == 3
    # "两个同桌" got a teacher who wrote their last note (craft bench, 2026-12-04 21:50).
    notes = "高三教室里，两个同桌每天用小纸条吵架，直到毕业那天才把真心话写在最后一张纸条上。"
    assert cast_size(90, [], Genre.YOUTH_ROMANCE, notes) == 2
    assert cast_size(90, [], Genre.YOUTH_ROMANCE, "She waits two days for the sunrise.") == 3


def test_a_newcomer_is_named_and_has_a_role_not_a_description() -> None:
    """Recorded (craft bench, the drummer, 2026-12-03)."""
    from film.quality.names import name_problem
    from film.quality.people.names.naming import short_role
    from film.speakers import _met_at

    described = (
        "New person standing next to James with concern, wearing a black hoodie and jeans, "
        "sneakers, looking"
    )
    assert short_role(described) == "New person"
    assert short_role("A woman with gray hair and a beard") == "A woman"  # the lighthouse
    assert short_role("a girl with a red kite") == "a girl with a red kite"
    assert short_role("retired bus driver, Lucy's grandfather") == (
        "retired bus driver, Lucy's grandfather"
    )
    assert short_role("在夜市遇见的一个很热心的人，经常帮助她学习编程和解决问题") == (
        "在夜市遇见的一个很热心的人"
    )
    assert name_problem("New person")[0] == "names.name-is-placeholder"
    assert _met_at("the school building", "en") == "someone from the school building"


def test_a_home_whose_action_stays_in_its_rooms_is_indoors() -> None:
    """Recorded (the piano teacher, 2026-12-03): EXT. MRS. THOMPSON'S HOME over a lesson
    in her living room."""
    from film.screenplay import Scene
    from film.setting import headed_where_told

    lesson = Scene(
        number=1,
        interior="EXT",
        place="Mrs. Thompson's home",
        time_of_day="DAY",
        action=["Mrs. Thompson steps into the living room.", "The boy sits at the piano."],
    )
    assert headed_where_told([lesson])[0].interior == "INT"
    porch = lesson.model_copy(
        update={"action": ["The boy waits on the porch.", "Music drifts from the living room."]}
    )
    assert headed_where_told([porch])[0].interior == "EXT"


def test_scenes_all_at_one_hour_the_setting_contradicts_take_its_hour() -> None:
    """Recorded (the piano teacher, 2026-12-03): "a rainy Sunday afternoon", all NIGHT."""
    from film.screenplay import Scene
    from film.setting import at_the_setting_hour

    night = [
        Scene(
            number=n,
            place=place,
            time_of_day="NIGHT",
            action=["Mrs. Thompson plays."],
            visual="Moonlight on the keys. The boy listens.",
        )
        for n, place in ((1, "Living room"), (2, "Night market"))
    ]
    moved = at_the_setting_hour(night, "a rainy Sunday afternoon")
    assert [s.time_of_day for s in moved] == ["DAY", "NIGHT"]  # a night market stays at night
    assert moved[0].visual == "The boy listens."
    # Scenes that move through the day, or a setting with no hour, are the model's own.
    through = [night[0], night[1].model_copy(update={"time_of_day": "DAWN"})]
    assert at_the_setting_hour(through, "a rainy Sunday afternoon") == through
    assert at_the_setting_hour(night, "春节前") == night


def test_a_look_written_as_the_whole_card_keeps_only_the_look() -> None:
    """Recorded (the piano teacher, 2026-12-03): the look ran on into the card's fields."""
    from agent.drafting.tidy import look_alone

    card = (
        "Age: 75, face: round, hair: silver, build: tall and slender, wardrobe: black dress, "
        "props: piano, voice: Mrs. Thompson's soothing voice"
    )
    assert look_alone(card) == "75 years old, round face, silver hair, tall and slender build"
    assert look_alone("六十多岁，头发花白，服装：灰色长袍") == "六十多岁，头发花白"
    assert look_alone("tall, with a warm voice") == "tall, with a warm voice"


def test_a_place_said_again_after_a_comma_is_said_once() -> None:
    """Recorded (the piano teacher, 2026-12-03): "The boy's house again, the quiet
    neighborhood" and "Mrs. Thompson's studio again, her studio" as headings."""
    assert without_again("The boy's house again, the quiet neighborhood") == "The boy's house"
    assert without_again("Mrs. Thompson's studio again, her studio") == "Mrs. Thompson's studio"
    assert without_again("Harbor, Maine") == "Harbor, Maine"


def test_the_scene_task_says_who_is_not_there() -> None:
    """The courier's 许爷爷 was written on his sofa, talking, in the scene of his unopened
    door (2026-12-03): the task now says he is not in it."""
    from agent.prompts import scene_arc_note

    idea = "快递员每天给独居的老爷爷送快递，有一天老爷爷没有来开门"
    note = scene_arc_note(idea, 1, 5, "zh", "有一天许爷爷没有来开门。", ["林夏", "许爷爷"])
    assert "许爷爷不在这场戏里。" in note
    english = scene_arc_note("x", 1, 5, "en", "Grandpa doesn't answer.", ["Mia", "Grandpa"])
    assert "Grandpa is not in this scene." in english
    assert "not in this scene" not in scene_arc_note("x", 1, 5, "en", "Mia laughs.", ["Mia"])


def test_a_scene_whose_people_walk_into_a_place_is_there() -> None:
    """Recorded (craft bench, 2026-12-03): "小晴走进面试室" under EXT. 夜市 - NIGHT."""
    from film.screenplay import Scene
    from film.setting import headed_where_told

    interview = Scene(
        number=4,
        interior="EXT",
        place="夜市",
        time_of_day="NIGHT",
        action=["小晴走进面试室，心情紧张。", "她看到面试官坐在椅子上。"],
    )
    moved = headed_where_told([interview])[0]
    assert (moved.interior, moved.place) == ("INT", "面试室")
    office = interview.model_copy(
        update={"place": "Street", "action": ["Tom walks into the office."]}
    )
    assert headed_where_told([office])[0].place == "Office"


def test_the_scene_task_of_people_who_never_meet_shows_one() -> None:
    """The nurse and the baker who never meet chatted in the bakery (2026-12-03)."""
    from agent.prompts import scene_arc_note

    idea = "A nurse and a baker swap notes on the bakery window without ever meeting."
    note = scene_arc_note(idea, 1, 6, "en", "Sam and Alex swap notes.", ["Sam", "Alex"], ["Alex"])
    assert "Only Alex is on screen: Sam is not here and never meets Alex" in note
    zh = scene_arc_note("两个笔友通了十年信，却从没见过面。", 0, 4, "zh", "x", ["林", "周"], ["林"])
    assert "这一场画面里只有林：周不在场" in zh
    assert "Only" not in scene_arc_note("x", 1, 6, "en", "y", ["Sam", "Alex"], ["Alex"])


def test_a_bible_entry_carries_each_prop_once() -> None:
    """Recorded (the lighthouse, craft bench, 2026-12-04): "Props: the lantern; lantern"."""
    cast = CastDraft.model_validate(
        {
            "characters": [
                {"name": "Walter", "role": "keeper", "look": "seventy", "wardrobe": "a coat"}
                | {"props": ["the lantern", "Lantern", "a logbook"]},
                {"name": "Ruth", "role": "wife", "look": "seventy", "wardrobe": "a shawl"}
                | {"props": ["a lantern", "a teapot"]},
            ]
        }
    )
    assert [p.props for p in to_profiles(cast)] == [["the lantern", "a logbook"], ["a teapot"]]


def test_a_town_centre_is_outdoors_and_a_cafe_in_it_is_not() -> None:
    """Recorded (craft bench, the bus, 2026-12-04 20:50): "INT. TOWN CENTER - DAY" twice."""
    from film.setting import interior_for

    assert interior_for("town center", "INT") == "EXT"
    assert interior_for("Alleyway with graffiti", "INT") == "EXT"  # the scooter, 21:14
    assert interior_for("Streets of Winter Festival", "INT") == "EXT"  # the scooter, 22:14
    assert interior_for("市中心", "INT") == "EXT"
    assert interior_for("town centre cafe", "INT") == "INT"
    assert interior_for("市中心的咖啡馆", "INT") == "INT"


def test_rivals_are_told_to_stay_at_odds_until_the_last_scene() -> None:
    """Recorded (craft bench, 2026-12-04): the rival debate captains talked like teammates
    ("I'll help you practise your speech."), and the quarrelling desk-mates agreed."""
    from agent.prompts import scene_arc_note

    lift = "Two rival debate captains get stuck in a school lift the night before the final."
    note = scene_arc_note(lift, 0, 3, "en", "They argue.", ["Alex", "Taylor"], ["Alex", "Taylor"])
    assert "Alex and Taylor are rivals here" in note
    assert "rivals" not in scene_arc_note(lift, 2, 3, "en", "", ["Alex", "Taylor"])
    notes = "高三教室里，两个同桌每天用小纸条吵架，直到毕业那天才把真心话写在最后一张纸条上。"
    assert "小明和小华还是对头" in scene_arc_note(notes, 1, 4, "zh", "", ["小明", "小华"])
    soup = "外卖小哥在暴雨夜送最后一单到独居老人家，老人留他喝了一碗姜汤"
    assert "对头" not in scene_arc_note(soup, 0, 2, "zh", "", ["小李", "老人"])


def test_the_loglines_relative_is_the_ideas() -> None:
    """Recorded (craft bench, the dumplings, 2026-12-04 21:11): "一个爷爷和孙子在厨房里包饺子"
    for the grandmother's lesson; every stage after reads the logline."""
    from agent.drafting.schemas import LoglineDraft
    from agent.drafting.tidy import tidy_logline

    idea = "孙子明天就要去外地上大学，奶奶在厨房里教他包饺子，把没说出口的叮嘱都包进了饺子里。"
    draft = LoglineDraft(
        title="饺子里的叮嘱", logline="一个爷爷和孙子在厨房里包饺子，传达着关心", theme="亲情"
    )
    assert tidy_logline(draft, idea, "zh").logline == "一个奶奶和孙子在厨房里包饺子，传达着关心"


def test_where_a_speaker_stands_is_not_part_of_their_name() -> None:
    """Recorded (craft bench, the scooter, 2026-12-04 21:14): "Woman near him" and "Woman"
    were two people of the bible, both "someone from the quiet street"."""
    from agent.drafting.converters import to_scene
    from agent.drafting.schemas import BeatDraft, SceneDraft

    beat = BeatDraft.model_validate(
        {
            "interior": "EXT",
            "place": "Quiet street",
            "time_of_day": "DAY",
            "summary": "Ben's scooter sings.",
            "characters": ["Ben"],
        }
    )
    draft = SceneDraft.model_validate(
        {
            "action": ["The scooter sings."],
            "dialogue": [
                {"speaker": "Woman near him", "text": "It sounds like a ghost."},
                {"speaker": "Woman", "text": "I hope you find it."},
            ],
        }
    )
    scene = to_scene(1, beat, draft, ["Ben"])
    assert [line.speaker for line in scene.dialogue] == ["Woman", "Woman"]


def test_the_logline_stage_hands_the_deed_back() -> None:
    """Recorded (the dumplings, 2026-12-05): the logline gave the advice to the grandson."""
    from agent.drafting.tidy import tidy_logline

    idea = "孙子明天就要去外地上大学，奶奶在厨房里教他包饺子，把没说出口的叮嘱都包进了饺子里。"
    draft = LoglineDraft(
        title="饺子里的叮嘱",
        logline="孙子在厨房里包饺子，把没说出口的叮嘱都包进了饺子里。",
        theme="亲情",
        setting_time="秋天",
    )
    tidied = tidy_logline(draft, idea, "zh").logline
    assert "奶奶把没说出口的叮嘱" in tidied


def test_a_look_holds_no_pose_or_gaze() -> None:
    """Recorded (craft bench, the bus, 2026-12-05): a look that every drawing would pose."""
    grandfather = (
        "A 60-year-old man with a graying beard, dressed in a business suit, looking "
        "straight ahead with his eyes closed"
    )
    assert look_alone(grandfather) == (
        "A 60-year-old man with a graying beard, dressed in a business suit"
    )
    girl = "A 10-year-old girl with long blond hair, looking directly at the camera"
    assert look_alone(girl) == "A 10-year-old girl with long blond hair"
    assert look_alone("十岁女孩，扎马尾，直视镜头") == "十岁女孩，扎马尾"
    # Nor a hedge (the scooter, 2026-12-05).
    client = "man in his 40s, dressed in business attire, possibly with glasses or a hat"
    assert look_alone(client) == "man in his 40s, dressed in business attire"
    assert look_alone("短发，穿西装，或者戴一顶帽子") == "短发，穿西装"
    assert look_alone("Looking out of place in a sharp suit") == (
        "Looking out of place in a sharp suit"
    )

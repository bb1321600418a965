"""A grandparent's look makes them old; the gate asks again when it does not."""

from __future__ import annotations

from gate_kit import brief_for, family_film, fired_ids

from film.quality import check_bible
from film.quality.people.ages import check_age_looks, is_elder, is_pupil, young_words


def test_the_recorded_middle_aged_grandmother_is_caught() -> None:
    # Recorded from the 1.5B model (zh-family-dumplings, 2026-11-30): the grandson leaves
    # for university tomorrow, and his grandmother was drawn middle-aged with black hair.
    people = [
        ("奶奶", "母亲", "年龄中年，头发乌黑，穿着朴素的白衬衫和蓝裤子，戴着眼镜"),
        ("孙子", "儿子", "年纪约18岁，穿着白色T恤和短裤"),
    ]
    findings = check_age_looks(people)
    assert [(f.check, f.path) for f in findings] == [("coverage.elder-look", "characters[0].look")]
    assert "中年" in findings[0].message


def test_ages_and_english_words_count() -> None:
    assert young_words("a 35-year-old woman in a cardigan") == "35-year-old"
    assert young_words("in her 40s, hair in a bun") == "in her 40s"
    assert young_words("约45岁，短发") == "45岁"
    assert young_words("Middle-aged, kind eyes") == "Middle-aged"
    assert young_words("78 years old, silver hair, a cane") == ""
    assert young_words("满头银发，七十多岁，背有点驼") == ""


def test_grandchildren_and_people_without_kin_words_are_not_elders() -> None:
    assert is_elder("Grandpa Joe", "retired bus driver")
    assert is_elder("Ruth", "Leo's grandmother")
    assert is_elder("王奶奶", "")
    assert not is_elder("孙子", "奶奶的孙子")
    assert not is_elder("Leo", "grandson")
    assert not is_elder("Sam", "Grandma's helper")
    assert not is_elder("Mei", "a young teacher")
    assert check_age_looks([("Leo", "grandson", "a young man of 18")]) == []


def test_the_bible_check_asks_again_for_a_young_grandmother() -> None:
    film, idea = family_film()
    people = list(film.characters)
    elder = next(i for i, p in enumerate(people) if is_elder(p.name, p.role))
    people[elder] = people[elder].model_copy(update={"look": "young, jet-black hair, 30 years old"})
    assert "coverage.elder-look" in fired_ids(check_bible(people, brief_for(film, idea)))
    assert "coverage.elder-look" not in fired_ids(
        check_bible(film.characters, brief_for(film, idea))
    )


def test_the_recorded_middle_aged_desk_mate_is_caught() -> None:
    # Recorded (zh-romance-notes, 2026-11-30): two high-school desk-mates, one "中年".
    people = [
        ("小林", "同桌1", "中年，留着短发，体型偏瘦"),
        ("小雨", "同桌2", "年轻，留着短发，身材偏高"),
    ]
    assert [(f.check, f.path) for f in check_age_looks(people)] == [
        ("coverage.pupil-look", "characters[0].look")
    ]
    assert is_pupil("Mia", "Leo's classmate") and is_pupil("小雨", "高三学生")
    assert not is_pupil("王老师", "学生家长") and not is_pupil("Ann", "a student's mother")
    assert check_age_looks([("Mr. Chen", "teacher", "middle-aged, glasses")]) == []


def test_an_elder_whose_only_young_word_is_the_number_is_given_an_elders_age() -> None:
    """Recorded (craft bench 2026-12-01): 保安大爷 "年龄40岁", asked again for it."""
    from film.quality.people.ages import elder_look

    assert elder_look("王大爷", "小区保安大爷", "年龄40岁，脸圆肉丰") == "年龄65岁，脸圆肉丰"
    # Nor fifty: the video-calling grandmother of a working son (craft bench, 2026-12-04).
    assert elder_look("奶奶", "奶奶", "50岁左右，瘦高体型") == "65岁左右，瘦高体型"
    assert elder_look("Joe", "retired bus driver", "A 45-year-old man.") == "A 65-year-old man."
    assert elder_look("奶奶", "奶奶", "中年，头发乌黑") == "中年，头发乌黑"  # the gate asks
    assert elder_look("Leo", "grandson", "A 18-year-old.") == "A 18-year-old."


def test_an_elder_drawn_middle_aged_and_nothing_else_is_made_older() -> None:
    """Recorded (craft bench 2026-12-01): 保安大爷 "中年男子，留着络腮胡子", asked again for it."""
    from film.quality.people.ages import elder_look

    assert elder_look("王大爷", "保安大爷", "中年男子，戴着眼镜") == "六十多岁的男子，戴着眼镜"
    assert elder_look("王大爷", "保安大爷", "中年，穿着制服") == "六十多岁，穿着制服"
    assert elder_look("Joe", "retired driver", "A middle-aged man.") == "An elderly man."
    assert elder_look("奶奶", "奶奶", "年轻的中年女人") == "年轻的中年女人"  # the gate asks


def test_a_pupils_voice_is_not_old() -> None:
    """Recorded (纸条里的夏天, 2026-12-01): both 高三 desk-mates had "中年男性的声音"."""
    from film.quality.people.bible import mended_bible
    from film.quality.people.voice import young_voice
    from film.screenplay import CharacterProfile

    assert young_voice("林夏", "同桌", "中年男性的声音") == "年轻男性的声音"
    assert young_voice("Kofi", "teenage drummer", "A middle-aged, raspy voice") == (
        "A young, raspy voice"
    )
    assert young_voice("奶奶", "奶奶", "中年女声") == "中年女声"  # not a pupil: left alone
    desk_mate = CharacterProfile(
        name="许言", role="同桌", look="高中生，短发", voice="中年男性的声音"
    )
    idea = "高三教室里，两个同桌每天用小纸条吵架。"
    assert mended_bible(idea, [desk_mate], "zh")[0].voice.startswith("年轻")


def test_an_old_hand_at_a_trade_is_an_elder() -> None:
    """Recorded (web app, 2026-12-02): 老木匠 was drawn 中年男子; 老师 and 老王 are not old."""
    from film.quality.people.ages import elder_look, is_elder

    assert is_elder("老木匠", "父亲")
    assert is_elder("Tom", "an old carpenter")
    assert not is_elder("老师", "老师") and not is_elder("老王", "邻居")
    assert "中年" not in elder_look("老木匠", "父亲", "中年男子，皮肤黝黑，头发花白。")


def test_a_child_is_not_drawn_as_old_as_a_middle_aged_parent() -> None:
    """小明 and his 爸爸 were both 中年, the son the greyer (craft bench, 2026-12-02, 17:31)."""
    from film.quality.people.bible import mended_bible
    from film.screenplay import CharacterProfile

    idea = "一键成片：小明想说服爸爸让他去学街舞，温情微电影"
    son = CharacterProfile(
        name="小明", role="主角", look="中年男子，身高170cm，皮肤黝黑，头发灰白，身材匀称"
    )
    dad = CharacterProfile(name="爸爸", role="爸爸", look="中年男子，身高180cm，头发金黄")
    mended = {p.name: p.look for p in mended_bible(idea, [son, dad], "zh")}
    assert "中年" not in mended["小明"] and "灰白" not in mended["小明"]
    assert mended["爸爸"].startswith("中年男子")
    # An old mother's middle-aged daughter is drawn as she was.
    from film.quality.people.family import younger_than_parent

    anna = CharacterProfile(name="Anna", role="daughter", look="A middle-aged woman, grey hair")
    mum = CharacterProfile(name="Mum", role="mother", look="An elderly woman, white-haired")
    assert younger_than_parent([anna, mum]) == [anna, mum]
    # ...and a young mother beside her middle-aged son is older (快递小哥, by hand, 12-02).
    son = CharacterProfile(name="小哥", role="快递员", look="中年，留着长发")
    mother = CharacterProfile(name="妈妈", role="母亲", look="年轻，戴着眼镜")
    assert younger_than_parent([son, mother])[1].look == "年迈，戴着眼镜"


def test_a_grandchild_drawn_as_old_as_the_grandparent_is_asked_again() -> None:
    """Recorded (craft bench, the bus, 2026-12-04 20:50): the retired driver's granddaughter
    was "old, grey hair, lined face, age of 60 or more"."""
    from agent.model.gate import blocks
    from film.quality.people.ages import check_age_looks

    old = ("Margaret", "granddaughter", "old, grey hair, lined face, age of 60 or more")
    (finding,) = check_age_looks([old])
    assert finding.check == "coverage.grandchild-look" and "Margaret" in finding.message
    assert not blocks(finding)  # asked again, never refused for
    assert check_age_looks([("小美", "孙女", "中年妇女，头发花白")])
    young = [
        ("Lily", "granddaughter", "A 9-year-old girl with pigtails"),
        ("Amy", "granddaughter", "in her 30s, short dark hair"),
        ("小林", "奶奶的孙子", "十八岁，短发"),
    ]
    assert check_age_looks(young) == []

"""A face the film shows: no mask or dark glasses the idea did not ask for."""

from __future__ import annotations

from film.quality.people.bible import mended_bible
from film.quality.people.dress import face_shown
from film.screenplay import CharacterProfile

_DUMPLINGS = "孙子明天就要去外地上大学，奶奶在厨房里教他包饺子，把没说出口的叮嘱都包进了饺子里。"


def test_a_mask_or_dark_glasses_go_from_the_look_and_the_wardrobe() -> None:
    """Recorded (craft bench, the dumplings, 2026-12-04): 奶奶 "戴口罩和帽子", 孙子 "戴墨镜"."""
    grandmother = CharacterProfile(
        name="李奶奶",
        role="奶奶",
        look="65岁，花白头发，穿着中式长裙，戴口罩和帽子。",
        wardrobe="长裙、口罩和帽子",
    )
    shown = face_shown(grandmother, _DUMPLINGS)
    assert (shown.look, shown.wardrobe) == ("65岁，花白头发，穿着中式长裙，戴帽子。", "长裙、帽子")
    grandson = CharacterProfile(
        name="孙子",
        role="孙子",
        look="18岁，穿着红色T恤和裤子,戴墨镜。",
        wardrobe="T恤、裤子、墨镜",
    )
    shown = face_shown(grandson, _DUMPLINGS)
    assert (shown.look, shown.wardrobe) == ("18岁，穿着红色T恤和裤子。", "T恤、裤子")
    rider = CharacterProfile(
        name="Ben",
        role="rider",
        look="He wears a black jacket, dark sunglasses, and boots.",
        wardrobe="jeans, a hoodie and a face mask",
    )
    shown = face_shown(rider, "A rider is sure his scooter is haunted.")
    assert (shown.look, shown.wardrobe) == ("He wears a black jacket and boots.", "jeans, a hoodie")


def test_a_face_the_idea_hides_stays_hidden_and_glasses_stay() -> None:
    star = CharacterProfile(name="Mia", role="pop star", look="A pop star in big sunglasses.")
    assert face_shown(star, "A pop star hides behind her sunglasses at a night market.") == star
    reader = CharacterProfile(name="Lily", role="nurse", look="A young woman with glasses.")
    assert face_shown(reader, "A nurse swaps notes with a baker.") == reader


def test_the_bible_mends_a_hidden_face() -> None:
    people = [
        CharacterProfile(
            name="李奶奶", role="奶奶", look="65岁，花白头发，戴口罩和帽子。", wardrobe="长裙、口罩"
        )
    ]
    mended = mended_bible(_DUMPLINGS, people, "zh")[0]
    assert "口罩" not in mended.look + mended.wardrobe


def test_two_people_given_one_look_get_a_feature_each_to_tell_them_apart() -> None:
    """Recorded (craft bench, the two 同桌, 2026-12-04): one look word for word, twice."""
    from film.quality.people.bible import distinct_looks

    look = "一个年轻的高中生，穿着校服或休闲装。他的脸上有青春的活力和笑容，发型整齐，身材健壮。"
    desk_mates = [
        CharacterProfile(name="李明", role="学生", look=look),
        CharacterProfile(name="张华", role="学生", look=look),
    ]
    first, second = distinct_looks(desk_mates, "zh")
    assert first.look == look
    assert second.look.startswith(look.rstrip("。")) and second.look != look
    assert second.look.endswith("头发微卷，眉毛浓黑。")  # a boy's feature: the look says 他
    captains = [
        CharacterProfile(name="Leo", role="captain", look="A tall teenage girl."),
        CharacterProfile(name="Ben", role="captain", look="A tall teenage girl."),
    ]
    assert distinct_looks(captains, "en")[1].look == (
        "A tall teenage girl, with a shoulder-length bob and thin-rimmed glasses."
    )
    # Looks of their own are left alone.
    own = [captains[0], CharacterProfile(name="Ben", look="A short boy with freckles.")]
    assert distinct_looks(own, "en") == own


def test_a_face_is_not_both_clean_shaven_and_bearded() -> None:
    """Recorded (craft bench, the bus, 2026-12-04): "65-year-old, clean-shaven with a beard"."""
    driver = CharacterProfile(
        name="Bob",
        role="retired bus driver",
        look="65-year-old, clean-shaven with a beard, in a suit",
    )
    assert face_shown(driver, "A retired bus driver rides his old route.").look == (
        "65-year-old, in a suit."
    )
    bearded = CharacterProfile(name="Bob", look="A man with a grey beard.")
    assert face_shown(bearded, "A driver.") == bearded


def test_no_grown_person_is_sixty_centimetres_tall() -> None:
    """Recorded (craft bench, the ginger soup, 2026-12-04): "身高60cm" and "身高50cm"."""
    from film.quality.people.dress.face import real_height

    assert real_height("中年男性，身高60cm，皮肤黝黑，留着短发") == "中年男性，皮肤黝黑，留着短发"
    assert real_height("男性，身高50cm，皮肤苍白") == "男性，皮肤苍白"
    assert real_height("身高50厘米，皮肤苍白") == "皮肤苍白"
    assert real_height("A tall man, 50 cm tall, with a beard") == "A tall man, with a beard"
    for real in ("中年男性，身高175cm，皮肤黝黑", "A man, about 180 cm tall", "七岁，身高120厘米"):
        assert real_height(real) == real
    courier = CharacterProfile(name="外卖小哥", role="外卖员", look="男性，身高60cm，短发")
    assert face_shown(courier, "外卖小哥给老人送餐").look == "男性，短发"


def test_an_age_said_as_a_decade_old_reads_as_english() -> None:
    """Recorded (craft bench, the nurse and the baker, 2026-12-04): "30s old", "45s old"."""
    from film.quality.people.dress.face import plain_age

    assert plain_age("30s old, short hair") == "in their 30s, short hair"
    assert plain_age("45s old, short hair") == "45 years old, short hair"
    assert plain_age("A woman in her 30s") == "A woman in her 30s"
    baker = CharacterProfile(name="Alex", role="baker", look="45s old, short hair")
    assert face_shown(baker, "a baker").look == "45 years old, short hair"


_LIFT = (
    "Two rival debate captains get stuck in a school lift the night before the final, and "
    "have to practise their speeches on each other."
)


def test_school_captains_are_cast_at_school_age() -> None:
    from film.quality.people.dress.face import school_age

    look = "A tall, athletic man in his late 20s with short black hair and glasses."
    assert school_age(look, "Debate Captain", _LIFT) == (
        "A tall, athletic man in his late teens with short black hair and glasses."
    )
    assert school_age("A 25-year-old girl", "debate captain", _LIFT) == "A 17-year-old girl"
    drummer = "准备学校乐队大赛的少年鼓手"
    assert school_age("二十多岁，短发，瘦高", "鼓手", drummer) == "十七岁，短发，瘦高"


def test_staff_parents_and_universities_keep_their_ages() -> None:
    from film.quality.people.dress.face import school_age

    look = "A woman in her 40s"
    assert school_age(look, "debate coach", _LIFT) == look
    assert school_age(look, "Alex's mother", _LIFT) == look
    college = "Two debate captains at a university stuck in a lift"
    assert school_age("A man in his 20s", "debate captain", college) == "A man in his 20s"
    assert school_age("A man in his 20s", "captain", "A ship's captain and a storm") == (
        "A man in his 20s"
    )


def test_a_courier_called_a_lad_is_not_middle_aged() -> None:
    from film.quality.people.dress.face import young_by_name

    assert young_by_name("中年男性，短发，皮肤黝黑", "外卖小哥", "外卖员") == (
        "二十多岁的男性，短发，皮肤黝黑"
    )
    assert young_by_name("中年，短发", "阿强", "外卖小哥") == "二十多岁，短发"
    assert young_by_name("A middle-aged man", "Tom", "young courier") == "A young man"
    assert young_by_name("中年男性", "李师傅", "保安") == "中年男性"
    # The night market's 女孩 was drawn 中年 (craft bench, 2026-12-04 21:43).
    assert young_by_name("中年，长发飘逸", "林夏", "女孩") == "二十多岁，长发飘逸"
    assert young_by_name("A middle-aged woman", "Amy", "the girl next door") == "A young woman"

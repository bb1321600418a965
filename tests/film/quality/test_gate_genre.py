"""The genre the user named is honoured, whichever of its names they used."""

from __future__ import annotations

import pytest
from gate_kit import GOOD_FILMS, brief_for, fired_ids, romance_film

from film.quality import Brief, check_logline, check_screenplay, genre_named_in
from film.quality.genre import is_genre_name, theme_for_label
from film.screenplay import Genre

ONE_PROMPT = "一键成片：奶奶在除夕夜包饺子等孙子回家，拍一部两分钟的温情微电影"


@pytest.mark.parametrize(
    ("text", "genre"),
    [
        (ONE_PROMPT, Genre.TOUCHING_FAMILY),
        ("一个关于亲情的故事", Genre.TOUCHING_FAMILY),
        ("青春片：两个高中生的暗恋", Genre.YOUTH_ROMANCE),
        ("一段爱情", Genre.YOUTH_ROMANCE),
        ("励志：外卖小哥考上大学", Genre.INSPIRATIONAL_STRUGGLE),
        ("古风短片，书生与侠女", Genre.ANCIENT_STYLE),
        ("古装剧里的小人物", Genre.ANCIENT_STYLE),
        ("恶搞版的西游记", Genre.GRASSROOTS_SPOOF),
        ("唯美的雪山日出", Genre.AESTHETIC_SCENERY),
        ("A youth romance on a night bus", Genre.YOUTH_ROMANCE),
        ("a spoof of cooking shows", Genre.GRASSROOTS_SPOOF),
        ("a family film about my grandma", Genre.TOUCHING_FAMILY),
        ("an inspirational story about a welder", Genre.INSPIRATIONAL_STRUGGLE),
        ("Genre: ancient-style. A swordswoman returns.", Genre.ANCIENT_STYLE),
        ("a wuxia duel at dawn", Genre.ANCIENT_STYLE),
        ("一部唯美风景片", Genre.AESTHETIC_SCENERY),
        ("a touching family film with a spoof ending", Genre.TOUCHING_FAMILY),
    ],
)
def test_every_name_counts(text: str, genre: Genre) -> None:
    assert genre_named_in(text) is genre


@pytest.mark.parametrize(
    "text",
    [
        "My family eats dumplings together",
        "I love my grandma",
        "奶奶带我去山上看风景",
        "回忆青春岁月里的奶奶",
        "half romance, half spoof",
        "A retired bus driver drives his old route",
    ],
)
def test_story_words_are_not_a_genre_choice(text: str) -> None:
    assert genre_named_in(text) is None


def test_the_recorded_one_prompt_genre_is_enforced() -> None:
    named = genre_named_in(ONE_PROMPT)
    brief = Brief(idea=ONE_PROMPT, language="zh", genre=named)
    parts = ("除夕的饺子", "奶奶在除夕夜包饺子，等孙子回家。", "亲情", "除夕")
    findings = check_logline(*parts, brief, genre=Genre.GRASSROOTS_SPOOF)
    assert fired_ids(findings) == {"genre.ignored"}
    assert "Touching Family (温情亲情)" in findings[0].message
    assert check_logline(*parts, brief, genre=Genre.TOUCHING_FAMILY) == []


def test_a_screenplay_in_another_genre_is_caught() -> None:
    film, idea = romance_film()
    brief = brief_for(film, idea, genre=Genre.ANCIENT_STYLE)
    assert "genre.ignored" in fired_ids(check_screenplay(film, brief))


def test_no_named_genre_means_no_genre_finding() -> None:
    film, idea = romance_film()
    brief = Brief(idea=idea, language="zh", genre=None)
    assert "genre.ignored" not in fired_ids(check_screenplay(film, brief))


def test_genre_names_are_exact() -> None:
    assert is_genre_name("Aesthetic Scenery") is Genre.AESTHETIC_SCENERY
    assert is_genre_name("温情") is Genre.TOUCHING_FAMILY
    assert is_genre_name("youth-romance") is Genre.YOUTH_ROMANCE
    assert is_genre_name("Love Park") is None
    assert is_genre_name("温情小屋") is None


def test_good_films_keep_their_genre() -> None:
    for make in GOOD_FILMS.values():
        film, idea = make()
        assert genre_named_in(idea) in (film.genre, None)
        assert "genre.ignored" not in fired_ids(check_screenplay(film, brief_for(film, idea)))


def test_an_ancient_style_film_dresses_for_the_period() -> None:
    """Recorded: the sealed-letter swordswoman in a leather jacket, the general in a suit."""
    from film.quality.genre import check_period_dress
    from film.screenplay import Genre

    people = [
        ("Nora", "a young woman with short hair", "A black leather jacket and boots."),
        ("General", "tall, bearded", "A dark suit with a white shirt and tie."),
        ("Lan", "young, long black hair", "a pale green hanfu and cloth shoes"),
        ("李将军", "五十岁，浓眉", "黑色西装"),
    ]
    found = check_period_dress(people, Genre.ANCIENT_STYLE)
    assert [(f.check, f.path) for f in found] == [
        ("genre.modern-dress", "characters[0].wardrobe"),
        ("genre.modern-dress", "characters[1].wardrobe"),
        ("genre.modern-dress", "characters[3].wardrobe"),
    ]
    assert check_period_dress(people, Genre.TOUCHING_FAMILY) == []
    # Recorded (craft bench 17:49): a 晚唐 princess in white lace and diamond earrings.
    princess = [("公主", "少女，头发波浪飘逸", "长裙，披肩，白色蕾丝，金色项链，钻石耳环")]
    assert [f.check for f in check_period_dress(princess, Genre.ANCIENT_STYLE)] == [
        "genre.modern-dress"
    ]


def test_a_theme_that_is_only_the_genre_label_gets_words_of_its_own() -> None:
    """Recorded: the model echoed 温情亲情 as the theme through three logline answers."""
    assert theme_for_label("温情亲情", "zh") == "家人之间的爱"
    assert theme_for_label("Touching Family", "en") == "the love within a family"
    assert theme_for_label("youth-romance", "en") == "first love"
    # Echoed a letter or two off (by hand, 2026-12-02; and "grassy roots spoof").
    assert theme_for_label("Inspiration Struggle", "en") == "never giving up"
    assert theme_for_label("grassy roots spoof", "en") == "the comedy of everyday life"
    assert theme_for_label("Touching stories", "en") == "Touching stories"
    # One word of a label, or a theme of the film's own, is kept as it is.
    assert theme_for_label("亲情", "zh") == "亲情"
    assert theme_for_label("patience across generations", "en") == "patience across generations"
    # The fixed theme passes the gate's own check.
    for genre in Genre:
        fixed = theme_for_label(genre.chinese, "zh")
        assert fixed != genre.chinese and is_genre_name(fixed) is None


def test_an_ancient_style_person_loses_modern_items_and_keeps_the_robe() -> None:
    """Recorded (一位宫廷画师, 2026-12-01): sunglasses refused the whole bible three times."""
    from film.quality.genre import in_period_dress
    from film.screenplay import CharacterProfile, Genre

    painter = CharacterProfile(
        name="沈墨",
        role="宫廷画师",
        look="身着墨镜，穿着长袍、汉服和斗笠，戴一副黑色的眼镜",
        wardrobe="红色墨镜、T恤",
        props=["画笔", "手机"],
    )
    dressed = in_period_dress(painter, Genre.ANCIENT_STYLE)
    assert dressed.look == "穿着长袍、汉服和斗笠，戴一副黑色的眼镜"
    assert dressed.wardrobe == "长衫、布鞋"
    assert dressed.props == ["画笔"]
    assert in_period_dress(painter, Genre.YOUTH_ROMANCE) is painter
    # A one-piece dress is today's too, and a princess left with nothing wears a woman's
    # period dress (画师的秘密, 2026-12-01).
    princess = CharacterProfile(name="公主", role="公主", wardrobe="红色连衣裙", look="长发")
    assert in_period_dress(princess, Genre.ANCIENT_STYLE).wardrobe == "襦裙、绣花鞋"
    court = CharacterProfile(name="宫女", role="宫女", wardrobe="白衬衫、绿色长裙")
    assert in_period_dress(court, Genre.ANCIENT_STYLE).wardrobe == "绿色长裙"
    general = CharacterProfile(name="General Wu", wardrobe="a dark suit, a tie, a fur cloak.")
    assert in_period_dress(general, Genre.ANCIENT_STYLE).wardrobe == "a fur cloak."


def test_an_ancient_style_scene_rides_no_car_and_holds_no_phone() -> None:
    """Recorded (craft bench, the letter, 21:39): "They see Alex's car approaching"."""
    from film.quality.mend.genres import in_period_scene
    from film.screenplay import Scene

    scene = Scene(
        number=1,
        place="Pass",
        action=["Sam climbs.", "They see Alex's car approaching.", "She checks her phone. Snow."],
        visual="A car in the snow.",
    )
    period = in_period_scene(scene, "ancient-style")
    assert period.action == ["Sam climbs.", "They see Alex's carriage approaching.", "Snow."]
    assert period.visual == "A carriage in the snow."
    assert in_period_scene(scene, "youth-romance") == scene
    palace = Scene(number=2, place="宫", action=["画师坐上汽车。", "他拿出手机拍照。"])
    assert in_period_scene(palace, "ancient-style").action == ["画师坐上马车。"]


def test_a_romance_that_keeps_its_confession_for_the_end_says_no_love_before() -> None:
    """Recorded (craft bench, the notes, 22:13): "我真的很喜欢你" in scene 1 of 4."""
    from film.quality.mend.genres import love_kept_for_the_turn
    from film.screenplay import DialogueLine, Scene

    logline = "两个同桌每天用小纸条吵架，直到毕业那天才把真心话写在最后一张纸条上。"
    first = Scene(
        number=1,
        place="教室",
        dialogue=[
            DialogueLine(speaker="小红", text="我真的很喜欢你，但我不知道怎么表达出来。"),
            DialogueLine(speaker="小明", text="我也一样。"),
        ],
    )
    last = first.model_copy(update={"number": 2})
    mended = love_kept_for_the_turn([first, last], "youth-romance", logline)
    assert [d.text for d in mended[0].dialogue] == ["但我不知道怎么表达出来。", "我也一样。"]
    assert mended[1] == last
    assert love_kept_for_the_turn([first, last], "touching-family", logline) == [first, last]
    assert love_kept_for_the_turn([first, last], "youth-romance", "两人一起备考") == [first, last]


def test_the_two_leads_of_a_youth_romance_are_of_one_age() -> None:
    """Recorded (the pen pal, 2026-12-04): she was in her mid-20s and he was 17."""
    from film.quality.genre import couple_of_an_age
    from film.quality.people.ages import stated_age
    from film.screenplay import CharacterProfile, Genre

    her = CharacterProfile(name="Lily", look="A young woman in her mid-20s with brown hair.")
    him = CharacterProfile(name="Tommy", look="A 17-year-old boy with messy hair.")
    mother = CharacterProfile(name="Margaret", role="Lily's mother", look="In her 50s.")
    mended = couple_of_an_age([her, him, mother], Genre.YOUTH_ROMANCE)
    assert mended[0].look == "A young woman aged 17 with brown hair."
    assert mended[1:] == [him, mother]
    assert stated_age(mended[0].look) == 17
    zh = [
        CharacterProfile(name="林夏", look="25岁，长发。"),
        CharacterProfile(name="陈默", look="17岁，短发。"),
    ]
    assert couple_of_an_age(zh, Genre.YOUTH_ROMANCE)[0].look == "17岁，长发。"
    # Both grown, or another genre: as written.
    adults = [her, CharacterProfile(name="Ben", look="A 35-year-old baker.")]
    assert couple_of_an_age(adults, Genre.YOUTH_ROMANCE) == adults
    assert couple_of_an_age([her, him], Genre.TOUCHING_FAMILY) == [her, him]

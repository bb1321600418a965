"""People are the sex the idea and their own role make them: voice, look and the bible."""

from __future__ import annotations

from film.quality import Brief, check_bible
from film.quality.people.bible import mended_bible
from film.quality.people.sexes import (
    check_idea_sexes,
    idea_sexes,
    mend_sexes,
    own_sex,
    person_sex,
    sex_of,
)
from film.screenplay import CharacterProfile

NIGHT_MARKET = "夜市摆摊卖煎饼的女孩，白天打工，晚上在摊位旁自学编程，想考进一家游戏公司。"
DUMPLINGS = "孙子明天就要去外地上大学，奶奶在厨房里教他包饺子，把没说出口的叮嘱都包进了饺子里。"
SWORDSWOMAN = (
    "A young swordswoman must carry a sealed letter across a snowy mountain pass to the "
    "general who exiled her father."
)
BUS = (
    "A retired bus driver rides his old route one last time with his granddaughter, who has "
    "never seen the city through his eyes."
)


def _person(name: str, role: str, look: str, voice: str = "") -> CharacterProfile:
    return CharacterProfile(name=name, role=role, look=look, voice=voice)


def _recorded_night_market() -> list[CharacterProfile]:
    # Recorded from the 1.5B model (craft bench, 2026-12-01 02:55): three men for a girl.
    return [
        _person(
            "林夏", "程序员", "中年，留着络腮胡子，身材高大，穿着牛仔裤和T恤，戴着眼镜", "男声"
        ),
        _person("许言", "摊主", "年轻，留着短发，身材苗条，穿着休闲装，戴着眼镜", "男声"),
        _person("沈星", "朋友", "中年，留着短发，身材健壮，穿着西装，戴着眼镜", "男声"),
    ]


def test_the_idea_counts_its_sexed_people_and_leaves_relatives_to_pronouns() -> None:
    assert idea_sexes(NIGHT_MARKET) == {"f": 1, "m": 0}
    assert idea_sexes(DUMPLINGS) == {"f": 1, "m": 1}
    # "her father" may stay off screen; the swordswoman may not.
    assert idea_sexes(SWORDSWOMAN) == {"f": 1, "m": 0}
    # "his granddaughter" is the must-cast list's; "his" says the driver is a man.
    assert idea_sexes(BUS) == {"f": 0, "m": 1}
    assert idea_sexes("一位宫廷画师奉命为公主画像") == {"f": 1, "m": 0}
    assert idea_sexes("Two rival debate captains get stuck in a school lift") == {"f": 0, "m": 0}


def test_words_that_only_look_sexed_do_not_count() -> None:
    assert sex_of("弹吉他，喝牛奶，父母都在外地") == ""
    assert sex_of("低沉的男声") == "m"
    assert sex_of("a warm, soft female voice") == "f"


def test_own_sex_comes_from_the_name_and_the_roles_own_words() -> None:
    assert own_sex("Grandma", "Lily's grandmother") == "f"
    assert own_sex("Sam", "driver, Lily's grandfather") == "m"
    assert own_sex("小红", "奶奶的孙女") == "f"
    assert own_sex("林夏", "程序员") == ""


def test_the_recorded_bible_is_caught_and_the_lead_becomes_the_ideas_girl() -> None:
    recorded = _recorded_night_market()
    findings = check_idea_sexes(NIGHT_MARKET, recorded)
    assert [f.check for f in findings] == ["coverage.idea-sex"]
    assert "female" in findings[0].message

    lead, *others = mend_sexes(NIGHT_MARKET, recorded)
    assert lead.voice == "女声"
    assert "胡" not in lead.look and "中年" not in lead.look
    assert lead.look == "年轻，身材高大，穿着牛仔裤和T恤，戴着眼镜"
    assert others == recorded[1:]  # one girl is enough; the others are left as written
    assert check_idea_sexes(NIGHT_MARKET, [lead, *others]) == []


def test_a_grandmother_keeps_a_womans_voice_whatever_the_hint_said() -> None:
    grandma, grandson = mend_sexes(
        DUMPLINGS,
        [
            _person("奶奶", "孙子的奶奶", "六十多岁，白发", "低沉的男声"),
            _person("小明", "孙子", "十八岁"),
        ],
    )
    assert grandma.voice == "低沉的女声"
    assert grandson.voice == ""  # unsexed is left to the role: casting reads it
    assert person_sex(grandson) == "m"


def test_an_english_swordswoman_loses_the_beard_but_keeps_the_scar() -> None:
    (hero,) = mend_sexes(
        SWORDSWOMAN,
        [
            _person(
                "Lan",
                "swordswoman",
                "A tall bearded man with a thick grey beard, scar on his cheek.",
                "deep male voice",
            )
        ],
    )
    assert hero.look == "A tall woman, scar on her cheek."
    assert hero.voice == "deep female voice"
    # Recorded (The Snow Queen's Letter, 2026-12-01): a look that already says woman.
    (elena,) = mend_sexes(
        SWORDSWOMAN,
        [
            _person(
                "Elena",
                "young swordswoman",
                "a young woman with long hair and a beard, wearing armor",
                "A soft, yet determined tone",
            )
        ],
    )
    assert elena.look == "a young woman with long hair, wearing armor"
    assert elena.voice == "female voice, a soft, yet determined tone"


def test_a_woman_by_her_look_alone_loses_the_beard_it_gave_her() -> None:
    """Recorded (the nurse, craft bench, 2026-12-04): neither "Lily" nor "Night Shift Nurse"
    says a sex, and her look was "A middle-aged woman with a white dress, glasses, and a
    beard."."""
    look = "A middle-aged woman with a white dress, glasses, and a beard. She has dark hair."
    nurse = _person("Lily", "Night Shift Nurse", look, "The voice of a wise nurse")
    baker = _person("Ben", "Baker", "A young man with glasses and a beard.", "")
    mended = mend_sexes("A nurse and a baker swap notes.", [nurse, baker])
    assert mended[0].look == "A middle-aged woman with a white dress, glasses. She has dark hair."
    assert mended[1] == baker  # his beard is his


def test_a_name_no_reader_doubts_is_not_turned_into_the_other_sex() -> None:
    people = [
        _person("Jack", "programmer", "short hair", "male voice"),
        _person("Robin", "stall keeper", "short hair", "male voice"),
    ]
    jack, robin = mend_sexes("A girl who sells pancakes at a night market", people)
    assert jack == people[0]
    assert robin.voice == "female voice"


def test_a_bible_of_fathers_and_sons_for_a_girls_idea_is_left_to_the_gate() -> None:
    people = [_person("爸爸", "父亲", "四十多岁"), _person("小军", "儿子", "十岁")]
    assert mend_sexes(NIGHT_MARKET, people) == people
    assert [f.check for f in check_idea_sexes(NIGHT_MARKET, people)] == ["coverage.idea-sex"]


def test_the_bible_stage_mends_before_the_gate_judges() -> None:
    bible = mended_bible(NIGHT_MARKET, _recorded_night_market(), "zh")
    findings = check_bible(bible, Brief(NIGHT_MARKET, "zh"), distinct=True)
    assert "coverage.idea-sex" not in {f.check for f in findings}
    assert person_sex(bible[0]) == "f"


def test_the_delivery_man_does_not_wear_the_grandmothers_heels() -> None:
    """Recorded (外卖小哥, 2026-12-01): his look was the grandmother's clothes, heels and all."""
    idea = "暴雨夜，外卖小哥送最后一单，发现收件人是独居的老奶奶。"
    grandma = CharacterProfile(
        name="老奶奶", role="独居的老奶奶", look="看起来六十多岁", wardrobe="灰色毛衣、裙子"
    )
    courier = CharacterProfile(
        name="外卖小哥",
        role="送最后一单的外卖小哥",
        look="穿着灰色或白色毛衣、裤子和高跟鞋，戴着帽子",
        wardrobe="雨衣、裤子和高跟鞋",
    )
    mended = mended_bible(idea, [grandma, courier], "zh")
    assert mended[1].look == "穿着灰色或白色毛衣、裤子，戴着帽子"
    assert mended[1].wardrobe == "雨衣、裤子"
    assert mended[0].wardrobe == "灰色毛衣、裙子"  # hers are hers


def test_the_delivery_man_is_one_of_the_ideas_people() -> None:
    """Recorded (外卖小哥, 2026-12-01): the bible had only the grandmother."""
    from film.quality.coverage import idea_people_words

    idea = "暴雨夜，外卖小哥送最后一单，发现收件人是独居的老奶奶。"
    assert idea_people_words(idea) == ["奶奶", "外卖小哥"]


def test_a_voice_given_its_persons_sex_stays_within_the_bibles_bound() -> None:
    """Recorded (en-spoof-scooter, 2026-12-01): "male voice, " made the hint 71 characters and
    the next validation crashed the draft."""
    rider = CharacterProfile(
        name="Scooter",
        role="food delivery rider",
        voice="John is a sarcastic, mischievous delivery driver who sings",
    )
    idea = "A food delivery rider is sure his second-hand scooter is haunted"
    (mended,) = mended_bible(idea, [rider], "en")
    assert mended.voice == "male voice, John is a sarcastic"
    CharacterProfile.model_validate(mended.model_dump())


def test_a_title_in_the_name_gives_the_sex() -> None:
    """Recorded (the piano teacher, 2026-12-03): "Mrs. Thompson" had a "male voice"."""
    from film.quality.people.sexes import mend_sexes, own_sex

    teacher = CharacterProfile(
        name="Mrs. Thompson", role="retired piano teacher", voice="male voice, soft and gentle"
    )
    idea = "A retired teacher gives her last lesson to the boy next door"
    (mended,) = mend_sexes(idea, [teacher])
    assert mended.voice == "female voice, soft and gentle"
    assert own_sex("Mr. Li", "") == "m" and own_sex("Ms Chen", "") == "f"
    assert own_sex("Missy", "") == ""  # a name that only begins like a title

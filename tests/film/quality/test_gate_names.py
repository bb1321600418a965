"""Names are names and places are places: the recorded headings and casts are caught."""

from __future__ import annotations

import pytest
from gate_kit import GOOD_FILMS, Beat, brief_for, family_film, fired_ids

from film.form import with_estimates
from film.quality import Brief, check_beats, check_bible, check_screenplay
from film.quality.gender import gender_problem
from film.quality.names import name_problem, place_problem
from film.screenplay import CharacterProfile, DialogueLine, Scene


@pytest.mark.parametrize(
    ("place", "check"),
    [
        ("NIGHT", "names.place-is-time"),
        ("25MIN", "names.place-is-time"),
        ("FLIPPA123", "names.place-is-code"),
        ("BUS STOP - DAY", "names.place-has-time"),
        ("车站（夜）", "names.place-has-time"),
        ("INT. KITCHEN", "names.place-has-heading"),
        ("Aesthetic Scenery", "names.place-is-genre"),
        ("温情", "names.place-is-genre"),
        ("Lily", "names.place-is-character"),
        ("The Number 9 Route", "names.place-is-title"),
        ("Dialogue", "names.place-is-label"),
        ("42", "names.place-is-code"),
    ],
)
def test_places_that_are_not_places(place: str, check: str) -> None:
    found, _message = place_problem(place, title="The Number 9 Route", cast=["Lily"])
    assert found == check


@pytest.mark.parametrize(
    "place",
    [
        "Night bus",
        "Bus stop",
        "夜市",
        "小明家的厨房",
        "Room 203",
        "Morning market",
        "村口",
        "Last stop by the river",
        "KTV",
        "Love Park",
    ],
)
def test_real_places_pass(place: str) -> None:
    assert place_problem(place, title="The Number 9 Route", cast=["Lily"]) == ("", "")


@pytest.mark.parametrize(
    ("name", "check"),
    [
        ("Theme", "names.name-is-label"),
        ("Dialogue", "names.name-is-label"),
        ("Aesthetic Scenery", "names.name-is-genre"),
        ("FLIPPA123", "names.name-has-number"),
        ("3", "names.name-has-number"),
        ("The old man who waits at the bus stop", "names.name-is-phrase"),
        ("对白", "names.name-is-label"),
    ],
)
def test_names_that_are_not_names(name: str, check: str) -> None:
    assert name_problem(name)[0] == check


@pytest.mark.parametrize(
    "name",
    [
        "Mia",
        "Dawn",
        "Mrs. Smith",
        "Grandpa Joe",
        "王奶奶",
        "小明",
        "Ms. Okafor",
        "约翰·史密斯",
        "Auntie Fang",
    ],
)
def test_real_names_pass(name: str) -> None:
    assert name_problem(name) == ("", "")


def test_recorded_label_cast_is_caught() -> None:
    cast = [
        CharacterProfile(name=name, look="a face")
        for name in ("Theme", "Dialogue", "Aesthetic Scenery")
    ]
    findings = check_bible(cast, Brief(idea="A story about a lost cat."))
    assert [(f.check, f.path) for f in findings if f.family == "names"] == [
        ("names.name-is-label", "characters[0].name"),
        ("names.name-is-label", "characters[1].name"),
        ("names.name-is-genre", "characters[2].name"),
    ]


def test_a_husband_called_mrs_smith_is_caught() -> None:
    assert gender_problem("Mrs. Smith", "Mia's husband")
    assert gender_problem("张先生", "她的妻子")
    assert not gender_problem("Mr. Smith", "Mia's husband")
    assert not gender_problem("Mrs. Smith", "widow who lost her husband")
    assert not gender_problem("Grandpa Joe", "retired bus driver")
    assert not gender_problem("Mrs. Chen", "the boy's mother")
    assert not gender_problem("王阿姨", "儿子的妈妈")


def test_a_son_called_mary_is_caught_but_unisex_names_pass() -> None:
    assert gender_problem("Mary", "Son")  # a craft-bench lighthouse draft, 2026-11-30
    assert gender_problem("John", "his daughter")
    assert not gender_problem("Mary", "Lighthouse Keeper")
    assert not gender_problem("Mary", "Bob's mother")
    assert not gender_problem("Sam", "the keeper's son")
    assert not gender_problem("Alex", "her daughter")


def test_recorded_headings_are_caught_in_a_screenplay() -> None:
    film, idea = family_film()
    places = ["NIGHT", "25MIN", "FLIPPA123"]
    bad = with_estimates(
        film.model_copy(
            update={
                "scenes": [
                    scene.model_copy(update={"place": place})
                    for scene, place in zip(film.scenes, places, strict=True)
                ]
            }
        )
    )
    findings = check_screenplay(bad, brief_for(bad, idea))
    assert [(f.check, f.path) for f in findings if f.family == "names"] == [
        ("names.place-is-time", "scenes[0].place"),
        ("names.place-is-time", "scenes[1].place"),
        ("names.place-is-code", "scenes[2].place"),
    ]
    assert "'NIGHT' is a time word" in findings[0].message


def test_bus_stop_day_day_is_caught() -> None:
    film, idea = family_film()
    scenes = list(film.scenes)
    scenes[0] = scenes[0].model_copy(update={"place": "BUS STOP - DAY", "time_of_day": "DAY"})
    bad = film.model_copy(update={"scenes": scenes})
    assert bad.scenes[0].heading == "EXT. BUS STOP - DAY - DAY"
    assert "names.place-has-time" in fired_ids(check_screenplay(bad, brief_for(bad, idea)))


def test_every_speaker_and_cast_member_is_in_the_bible() -> None:
    film, idea = family_film()
    scenes = list(film.scenes)
    scenes[1] = scenes[1].model_copy(
        update={
            "dialogue": [
                *scenes[1].dialogue,
                DialogueLine(speaker="Liam", text="Tickets, please."),
            ],
            "characters": [*scenes[1].characters, "Mike"],
        }
    )
    bad = film.model_copy(update={"scenes": scenes})
    findings = [f for f in check_screenplay(bad, brief_for(bad, idea)) if f.family == "names"]
    assert {(f.check, f.text) for f in findings} == {
        ("names.unknown-speaker", "Liam"),
        ("names.unknown-character", "Mike"),
    }


def test_beats_are_held_to_the_same_rules() -> None:
    beats = [
        Beat("NIGHT", "DAY", "Joe starts the bus.", ("Grandpa Joe",)),
        Beat("Bus depot", "DAY", "Lily waves.", ("Lily", "Stranger")),
        Beat("River stop", "DUSK", "They ring the bell.", ("Lily",)),
    ]
    findings = check_beats(
        beats, Brief(idea="x", target_s=60.0), characters=["Grandpa Joe", "Lily"]
    )
    assert {(f.check, f.path) for f in findings} == {
        ("names.place-is-time", "beats[0].place"),
        ("names.unknown-character", "beats[1].characters[1]"),
    }


def test_good_films_have_real_names_and_places() -> None:
    for make in GOOD_FILMS.values():
        film, idea = make()
        assert not [f for f in check_screenplay(film, brief_for(film, idea)) if f.family == "names"]


def test_a_scene_place_that_is_a_character_is_caught() -> None:
    film, idea = family_film()
    scene = Scene(number=4, place="Lily", action=["Lily sleeps."], characters=["Lily"])
    bad = film.model_copy(update={"scenes": [*film.scenes, scene]})
    assert "names.place-is-character" in fired_ids(check_screenplay(bad, brief_for(bad, idea)))


def test_stand_in_names_are_not_names() -> None:
    # Recorded (zh-romance-notes, 2026-11-30): a high-school romance between 张三 and 李四.
    for name in ("张三", "李四", "John Doe", "jane doe"):
        assert name_problem(name)[0] == "names.name-is-placeholder", name
    for name in ("张三丰", "John", "Doe", "李四海", "Leo"):
        assert name_problem(name)[0] == "", name


def test_a_job_is_not_a_name_but_family_words_are() -> None:
    """Recorded: the haunted-scooter spoof starred "Rider", a food delivery rider."""
    from film.quality.names import check_bible_names

    people = [
        ("Rider", "food delivery rider"),
        ("Father", "father of Rider"),
        ("Joe", "retired bus driver"),
        ("Grandma", "Leo's grandmother"),
    ]
    assert [(f.check, f.path) for f in check_bible_names(people)] == [
        ("names.name-is-role", "characters[0].name")
    ]


@pytest.mark.parametrize(
    ("name", "base"),
    [
        ("顾客1", "顾客"),
        ("同桌A", "同桌"),
        ("同学甲", "同学"),
        ("Captain A", "Captain"),
        ("Student 2", "Student"),
        ("Mia", ""),
        ("Grandpa", ""),
        ("小明", ""),
        ("Room", ""),
    ],
)
def test_one_pattern_tells_a_numbered_person_from_a_name(name: str, base: str) -> None:
    """The stand-in check, the cue mend and the role mend share :func:`numbered_base`."""
    from film.quality.people.names.naming import numbered_base, real_names

    assert numbered_base(name) == base
    renamed = real_names([name], "zh" if not name.isascii() else "en")
    assert (renamed != [name]) == bool(base)


def test_the_one_clause_splitter_decides_the_colon() -> None:
    from film.quality.text import chinese_clauses

    idea = "孙女说：外婆，我教你"
    assert chinese_clauses(idea, colon=True) == ["孙女说", "外婆", "我教你"]
    assert chinese_clauses(idea, colon=False) == ["孙女说：外婆", "我教你"]


def test_a_stand_in_renamed_is_renamed_in_its_voice_too() -> None:
    """林夏's voice still read "张三的声音活泼而开朗" (craft bench, night market, 2026-12-02)."""
    from film.quality.people.bible import mended_bible
    from film.screenplay import CharacterProfile

    idea = "夜市摆摊卖煎饼的女孩，白天打工，晚上在摊位旁自学编程，想考进一家游戏公司。"
    girl = CharacterProfile(name="小美", role="卖煎饼的女孩", look="20岁，短发", voice="清脆")
    stand_in = CharacterProfile(
        name="张三", role="游戏公司员工", look="25岁，长发", voice="张三的声音活泼而开朗"
    )
    _, renamed = mended_bible(idea, [girl, stand_in], "zh")
    assert renamed.name != "张三" and "张三" not in renamed.voice
    assert renamed.voice == f"{renamed.name}的声音活泼而开朗"


def test_a_job_said_as_a_phrase_is_a_stand_in_but_a_surname_is_not() -> None:
    """Recorded (craft bench, en-spoof-scooter, 2026-12-02): "Karaoke Player", role "Karaoke
    DJ", was a cue through the whole film."""
    from film.quality.people.names.naming import real_names

    idea = "A food delivery rider's second-hand scooter plays karaoke at every red light."
    names = ["Sam", "Karaoke Player", "Tom Miller", "Night Watchman", "Deaf Teen Drummer"]
    roles = ["the rider", "Karaoke DJ", "the neighbour", "night watchman", "deaf teenage drummer"]
    renamed = real_names(names, "en", idea, roles)
    assert renamed[0] == "Sam" and renamed[2] == "Tom Miller"
    assert renamed[1] not in names and renamed[3] not in names
    assert renamed[4] not in names and len(set(renamed)) == 5


def test_a_look_or_voice_sentence_copied_from_another_person_goes() -> None:
    """Recorded: the drummer's family each "has glasses that make him look older than he
    actually is"; the rival captains each "speaks in his deep, confident voice" (21:39)."""
    from film.quality.people.bible import own_sentences
    from film.screenplay import CharacterProfile

    glasses = "has glasses that make him look older than he actually is."
    voice = "speaks in his deep, confident voice"
    alex = CharacterProfile(
        name="Alex", role="captain", look=f"Alex {glasses}", voice=f"Alex {voice}"
    )
    sam = CharacterProfile(
        name="Sam", role="captain", look=f"Tall. Sam {glasses}", voice=f"Sam {voice}"
    )
    first, second = own_sentences([alex, sam])
    assert first == alex
    assert second.look == "Tall." and second.voice == ""


def test_the_leads_role_is_the_ideas_words_for_them() -> None:
    """Recorded (craft bench, the drummer, 2026-12-02): "deaf teenage drummer" cast as "drummer"."""
    from film.quality.people.bible import mended_bible
    from film.screenplay import CharacterProfile

    idea = "A deaf teenage drummer trains for the school battle of the bands by feeling the beat."
    sam = CharacterProfile(name="Sam", role="drummer", look="a 16-year-old boy", voice="soft")
    coach = CharacterProfile(name="Alex", role="music coach", look="a 50-year-old man")
    lead, other = mended_bible(idea, [sam, coach], "en")
    assert lead.role == "deaf teenage drummer" and other.role == "music coach"
    own = CharacterProfile(name="Sam", role="drummer who lost his hearing", look="a boy")
    assert mended_bible(idea, [own], "en")[0].role == "drummer who lost his hearing"


def test_nobody_and_an_audience_are_not_one_named_person() -> None:
    """Recorded (craft bench, 2026-12-03): "NO ONE" spoke at the bus stop, and
    "AUDIENCE: You're welcome!" answered the drummer."""
    from film.quality.names import is_group, name_problem

    for nobody in ("No one", "NO ONE", "Nobody", "路人甲", "无人"):
        assert name_problem(nobody)[0] == "names.name-is-placeholder", nobody
    for crowd in ("AUDIENCE", "The audience", "观众", "Spectators"):
        assert is_group(crowd), crowd
    assert not name_problem("Noah")[0] and not is_group("Ana")


def test_a_name_whose_end_is_written_twice_is_said_once() -> None:
    from film.quality.names import without_doubled_tail

    # Recorded (the guard, 2026-12-03).
    names = ["保安大爷", "橘猫", "李奶奶", "Anna"]
    assert without_doubled_tail("保安大爷大爷走到橘猫面前。", names) == "保安大爷走到橘猫面前。"
    assert without_doubled_tail("李奶奶奶奶笑了。", names) == "李奶奶笑了。"
    assert without_doubled_tail("奶奶奶奶笑了。", ["奶奶"]) == "奶奶奶奶笑了。"
    assert without_doubled_tail("Annanna waves.", names) == "Annanna waves."


def test_a_speaker_who_shortens_one_bible_name_is_that_person() -> None:
    from film.quality.names import short_or_long_form

    # Recorded (the guard, 2026-12-03): 小区保安大爷 in the bible spoke as 保安大爷.
    known = ["小区保安大爷", "橘猫"]
    assert short_or_long_form("保安大爷", known) == "小区保安大爷"
    assert short_or_long_form("老保安大爷", ["保安大爷"]) == "保安大爷"
    # The end of two names is nobody's for certain; English is left alone.
    assert short_or_long_form("奶奶", ["李奶奶", "王奶奶"]) == "奶奶"
    assert short_or_long_form("Sam", ["Little Sam"]) == "Sam"


def test_the_finished_screenplay_says_each_name_once() -> None:
    from film.quality.names import names_said_once
    from film.screenplay import CharacterProfile, DialogueLine, Genre, Scene, Screenplay

    film = Screenplay(
        title="小区保安的橘猫",
        logline="保安大爷抓到的却是一只橘猫。",
        genre=Genre.GRASSROOTS_SPOOF,
        language="zh",
        characters=[CharacterProfile(name="保安大爷", role="保安", look="六十多岁")],
        scenes=[
            Scene(
                number=1,
                place="办公室",
                action=["保安大爷大爷拿起录音笔。"],  # recorded, the guard, 2026-12-03
                dialogue=[DialogueLine(speaker="保安大爷", text="保安大爷大爷来了！")],
                visual="保安大爷大爷的背影。",
            )
        ],
    )
    scene = names_said_once(film).scenes[0]
    assert scene.action == ["保安大爷拿起录音笔。"]
    assert scene.dialogue[0].text == "保安大爷来了！"
    assert scene.visual == "保安大爷的背影。"


def test_a_called_name_run_into_its_line_gets_its_space() -> None:
    from film.quality.names import names_said_once
    from film.screenplay import CharacterProfile, DialogueLine, Genre, Scene, Screenplay

    film = Screenplay(
        title="The Drummer's Battle",
        logline="A deaf drummer trains.",
        genre=Genre.INSPIRATIONAL_STRUGGLE,
        characters=[CharacterProfile(name="Sam", role="coach", look="40")],
        scenes=[
            Scene(
                number=1,
                place="Gym",
                action=["Sam waits."],
                dialogue=[DialogueLine(speaker="Alex", text="Sam.I know this is a big fight.")],
            )
        ],
    )
    said = names_said_once(film).scenes[0].dialogue[0].text
    assert said == "Sam. I know this is a big fight."  # recorded, the drummer, 2026-12-03
    # "the Sam speaks" (the scooter, 2026-12-03): a name has no article; a Baker keeps his.
    scene = film.scenes[0].model_copy(update={"action": ["The Sam speaks to the Sam."]})
    once = names_said_once(film.model_copy(update={"scenes": [scene]})).scenes[0]
    assert once.action == ["Sam speaks to Sam."]


def test_a_chinese_elder_given_a_spare_name_is_called_by_surname() -> None:
    """Recorded (2026-12-03): the courier greeted the 老爷爷 as "你好，许言"."""
    from film.quality.people.names.naming import real_names

    idea = "快递员每天给独居的老爷爷送快递"
    roles = ["独居的老爷爷", "退休老人", "老奶奶", "快递员"]
    names = real_names(["张三", "李四", "王五", "赵六"], "zh", idea, roles)
    assert names[0] == "陈爷爷" and names[2] == "林奶奶"  # a man's name, a woman's name
    assert names[1] == "老许"  # 老人 leaves the sex open
    assert names[3] == "沈星"
    assert len({name[-2:] if name.startswith("老") else name[0] for name in names}) == 4
    # An English film keeps the spare name as it is, an old one for a retired teacher.
    assert real_names(["John Doe"], "en", "a retired teacher", ["retired teacher"]) == ["Pat"]


def test_a_spare_name_suits_the_sex_and_age_of_its_person() -> None:
    """Recorded (craft bench, 2026-12-04): "Sam" was a granddaughter, a nurse and an old
    lighthouse keeper in three English films of one run."""
    from film.quality.people.names.naming import real_names

    names = real_names(
        ["Granddaughter", "Nurse", "Keeper", "John Doe", "Grandson"],
        "en",
        "an old lighthouse keeper and his granddaughter meet a night-shift nurse",
        ["granddaughter", "night-shift nurse", "keeper", "courier", "grandson"],
        [
            "a girl of nine with pigtails",
            "tired eyes; a soft female voice",
            "a white-haired man of 70, weathered",
            "",
            "a boy of ten",
        ],
    )
    assert names == ["Lily", "Emma", "Walter", "Sam", "Ben"]
    from film.quality.people.names.spare import person_kind

    assert person_kind("Nurse", "nurse", "A middle-aged woman") == ("f", False)  # not old
    # "John Smith" is the form's example, not a name (the lighthouse, 2026-12-04).
    keeper = real_names(["John Smith"], "en", "", ["lighthouse keeper"], ["a white-haired man"])
    assert keeper == ["Walter"]
    # Who has kept the light for forty years is old, whatever the look says (2026-12-04).
    forty = "A lighthouse keeper watches the sea he has guarded for forty years."
    looked = ["A middle-aged man with a beard"]
    assert real_names(["John Smith"], "en", forty, ["lighthouse keeper"], looked) == ["Walter"]
    assert person_kind("Keeper", "keeper", "aged 70, weathered") == ("", True)


def test_a_bible_name_with_a_title_is_said_with_its_own_title() -> None:
    """Recorded (the piano teacher, 2026-12-03): "Mr. Thompson smiles" for Mrs. Thompson."""
    from film.quality.names import names_said_once
    from film.screenplay import CharacterProfile, DialogueLine, Genre, Scene, Screenplay

    film = Screenplay(
        title="The Last Lesson",
        logline="A retired teacher gives her last lesson.",
        genre=Genre.TOUCHING_FAMILY,
        characters=[CharacterProfile(name="Mrs. Thompson"), CharacterProfile(name="Tom")],
        scenes=[
            Scene(
                number=1,
                place="Studio",
                action=["Mr. Thompson smiles at Tom."],
                dialogue=[DialogueLine(speaker="Tom", text="Thank you, Ms Thompson.")],
            )
        ],
    )
    scene = names_said_once(film).scenes[0]
    assert scene.action == ["Mrs. Thompson smiles at Tom."]
    assert scene.dialogue[0].text == "Thank you, Mrs. Thompson."

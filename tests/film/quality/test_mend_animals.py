"""An animal has no person's look, and talks only in a spoof (:mod:`film.quality.mend.animals`)."""

from __future__ import annotations

from film.quality.mend.animals import animal_look, animals_unspoken, speaking_people
from film.quality.people.bible import mended_bible
from film.screenplay import CharacterProfile, DialogueLine, Genre, Scene

_IDEA = "深夜的便利店里，值班的店员每天给一只流浪猫留一根火腿肠，直到有一天猫带来了三只小猫。"
_PEOPLE = [("店员", "值班的店员"), ("流浪猫", "一只流浪猫")]


def _shop_scene() -> Scene:
    # Recorded (by hand, 2026-12-02, 9a7d37f): the stray cat answered in words.
    return Scene(
        number=1,
        place="便利店",
        time_of_day="NIGHT",
        action=["店员坐在店门口的角落，手里拿着一根火腿肠。"],
        dialogue=[
            DialogueLine(speaker="店员", text="你今天过得怎么样？"),
            DialogueLine(speaker="流浪猫", text="是的，我每天都会的。"),
            DialogueLine(speaker="店员", text="你叫什么名字？"),
            DialogueLine(speaker="流浪猫", text="谢谢你的帮助！"),
        ],
        characters=["店员", "流浪猫"],
    )


def test_a_stray_cats_recorded_human_look_goes_and_the_role_says_what_it_looks_like() -> None:
    recorded = "中年男性，身高约1米5，留着齐耳短发，穿浅灰色外套"
    assert animal_look("流浪猫", "一只流浪猫", recorded) == "一只流浪猫"


def test_an_animals_own_clauses_stay_and_a_persons_look_is_untouched() -> None:
    orange = animal_look("橘猫", "保安追的猫", "橘色的毛，尾巴很长，穿白色毛衣")
    assert orange == "橘色的毛，尾巴很长"
    # No paws hold a stick (the guard's 橘猫, craft bench, 2026-12-04).
    assert animal_look("橘猫", "反派", "圆脸，手持一只长棍") == "圆脸"
    assert animal_look("Ginger", "a stray cat", "round face, holding a stick") == "round face"
    assert (
        animal_look("Ginger", "the orange cat", "a middle-aged man, 5 feet tall, green eyes")
        == "green eyes"
    )
    assert animal_look("Biscuit", "the family dog", "grey jacket, jeans") == "the family dog"
    assert animal_look("Rex", "Mia's dog", "grey jacket") == "Mia's dog"
    assert animal_look("Rex", "dog", "grey jacket") == "a dog"
    person = "中年男性，穿深灰色西装"
    assert animal_look("店员", "值班的店员", person) == person


def test_the_bible_mend_gives_the_cat_no_mans_look_and_keeps_the_clerks() -> None:
    bible = mended_bible(
        _IDEA,
        [
            CharacterProfile(
                name="店员", role="值班的店员", look="中年男性，身高约1米75，穿深灰色西装"
            ),
            CharacterProfile(
                name="流浪猫",
                role="一只流浪猫",
                look="中年男性，身高约1米5，留着齐耳短发，穿浅灰色外套",
            ),
        ],
        "zh",
    )
    looks = {p.role: p.look for p in bible}  # the clerk the idea names gets a name
    assert "男" not in looks["一只流浪猫"] and "外套" not in looks["一只流浪猫"]
    assert "猫" in looks["一只流浪猫"]
    assert "西装" in looks["值班的店员"]


def test_outside_a_spoof_the_cats_lines_become_one_meow_and_the_clerks_stay() -> None:
    mended = animals_unspoken(_shop_scene(), _PEOPLE, Genre.TOUCHING_FAMILY, "zh")
    assert [line.speaker for line in mended.dialogue] == ["店员", "店员"]
    assert mended.action == [
        "店员坐在店门口的角落，手里拿着一根火腿肠。",
        "流浪猫轻轻地“喵”了一声。",
    ]
    assert mended.characters == ["店员", "流浪猫"]


def test_in_a_spoof_the_talking_cat_is_the_joke_and_keeps_its_lines() -> None:
    scene = _shop_scene()
    talking = "一只会说话的流浪猫每天来便利店蹭吃蹭喝"
    assert animals_unspoken(scene, _PEOPLE, Genre.GRASSROOTS_SPOOF, "zh", talking) == scene


def test_in_a_spoof_the_cat_that_is_only_a_cat_does_not_talk() -> None:
    """Recorded (second reader, 2026-12-05): the guard's cat, the punchline, said "哦，我明白
    了。我只是来玩的" and "不客气，再见"; the joke is that it is only a cat."""
    scene = _shop_scene()
    guard = "小区保安大爷为了抓偷外卖的贼，布下天罗地网，最后抓到的却是一只橘猫。"
    mended = animals_unspoken(scene, _PEOPLE, Genre.GRASSROOTS_SPOOF, "zh", guard)
    assert all(line.speaker != "流浪猫" for line in mended.dialogue)
    names, roles = ["保安大爷", "橘猫"], ["保安", "一只橘猫"]
    assert speaking_people(names, roles, Genre.GRASSROOTS_SPOOF, guard) == ["保安大爷"]


def test_an_english_dog_barks_instead_of_talking() -> None:
    scene = Scene(
        number=1,
        place="PARK",
        action=["Mia throws the ball."],
        dialogue=[
            DialogueLine(speaker="Mia", text="Fetch!"),
            DialogueLine(speaker="Rex", text="Thank you for your help!"),
        ],
        characters=["Mia", "Rex"],
    )
    people = [("Mia", "a girl who walks her dog"), ("Rex", "Mia's dog")]
    mended = animals_unspoken(scene, people, Genre.TOUCHING_FAMILY, "en")
    assert [line.speaker for line in mended.dialogue] == ["Mia"]
    assert mended.action[-1] == "Rex barks twice."


def test_the_scene_prompt_lets_only_people_speak_outside_a_spoof() -> None:
    names, roles = ["店员", "流浪猫"], ["值班的店员", "一只流浪猫"]
    assert speaking_people(names, roles, Genre.TOUCHING_FAMILY) == ["店员"]
    assert speaking_people(names, roles, Genre.GRASSROOTS_SPOOF, "一只会说话的流浪猫") == names


def test_the_cat_called_by_its_kind_is_the_bibles_cat_and_never_a_second_person() -> None:
    from agent.drafting.converters import speaker_names
    from film.repair import add_missing_speakers
    from film.screenplay import Screenplay

    # Recorded (by hand, 2026-12-02): 流浪猫 spoke as "猫" in scene 2, and the form repair
    # cast "猫" again as a person: "配角，第2场登场", "中等身材，黑色短发".
    names = speaker_names(["店员", "流浪猫"], ["值班人员", "一只流浪猫"])
    assert names["猫"] == names["猫咪"] == "流浪猫"
    # The bible's 值班的店员 spoke as 店员 and was cast twice (web app, 2026-12-02).
    from agent.drafting.tidy import person_key

    assert speaker_names(["值班的店员"], ["经理"])[person_key("店员")] == "值班的店员"
    stray = Scene(number=1, place="PARK", dialogue=[DialogueLine(speaker="Dog", text="Woof.")])
    film = Screenplay(title="t", logline="l", genre=Genre.TOUCHING_FAMILY, scenes=[stray])
    repaired, added = add_missing_speakers(film)
    assert added == ["Dog"]
    assert repaired.characters[0].look == "a dog" and not repaired.characters[0].wardrobe


def test_a_cat_the_bible_has_not_cast_yet_is_still_a_cat_by_its_name() -> None:
    """Recorded (by hand, 2026-12-02): the bible cast only the clerk, and the scenes' 流浪猫
    and 猫 were newcomers, so the cat kept talking."""
    scene = _shop_scene().model_copy(
        update={
            "dialogue": [
                DialogueLine(speaker="店员", text="你看起来很忙。"),
                DialogueLine(speaker="猫", text="谢谢！你真的很辛苦。"),
            ]
        }
    )
    mended = animals_unspoken(scene, [("店员", "值班人员")], Genre.TOUCHING_FAMILY, "zh")
    assert [line.speaker for line in mended.dialogue] == ["店员"]
    assert mended.action[-1] == "猫轻轻地“喵”了一声。"
    assert speaking_people(["店员", "流浪猫"], ["值班人员"], Genre.TOUCHING_FAMILY) == ["店员"]


def test_the_bibles_task_names_the_one_animal_the_idea_has() -> None:
    from film.presence import idea_animals
    from film.quality.story.actions import must_cast_people

    assert must_cast_people(_IDEA) == ["值班的店员", "流浪猫"]  # not the three kittens
    assert idea_animals("A night guard feeds a stray dog until it brings its puppies.") == [
        "stray dog"
    ]
    assert idea_animals("A cat lover opens a cafe.") == []


def test_the_cat_the_guard_holds_is_in_the_scene_and_one_only_planned_is_not() -> None:
    from film.quality.mend import with_seen_cast

    # Recorded (craft bench, 2026-12-02): "保安大爷拿着橘猫", and the cast was the guard alone.
    held = Scene(number=3, place="小区", action=["保安大爷拿着橘猫，站在小区门口。"])
    held = held.model_copy(update={"characters": ["保安大爷"]})
    assert with_seen_cast(held, ["保安大爷", "橘猫"]).characters == ["保安大爷", "橘猫"]
    english = Scene(number=1, place="Yard", action=["Sam watches Ginger sleep."])
    assert with_seen_cast(english, ["Sam", "Ginger", "Gin"]).characters == ["Sam", "Ginger"]
    # Recorded (second reader, 2026-12-05): the cat was only in the shot, and the snowman
    # a common noun; both scenes were cast with the lead alone.
    shot = held.model_copy(
        update={
            "action": ["保安大爷举起手电筒。"],
            "visual": "橘猫的毛茸茸的身体在灯光下显得格外醒目。",
        }
    )
    assert with_seen_cast(shot, ["保安大爷", "橘猫"]).characters == ["保安大爷", "橘猫"]
    food = shot.model_copy(update={"visual": "桌上放着橘猫的食物。"})
    assert with_seen_cast(food, ["保安大爷", "橘猫"]).characters == ["保安大爷"]
    snow = Scene(number=2, place="Pass", action=["The snowman turns around."])
    snow = snow.model_copy(update={"characters": ["Lin Yue"]})
    assert with_seen_cast(snow, ["Lin Yue", "Snowman"]).characters == ["Lin Yue", "Snowman"]
    joyful = snow.model_copy(update={"action": ["Lin Yue smiles with joy."]})
    assert with_seen_cast(joyful, ["Lin Yue", "Joy"]).characters == ["Lin Yue"]


def test_a_thing_cast_as_a_person_leaves_the_bible_outside_a_spoof() -> None:
    """The lighthouse keeper's bible cast the lighthouse as Alex (craft bench, 2026-12-02)."""
    from film.quality.mend.animals import people_and_animals

    keeper = CharacterProfile(name="Sam", role="Keeper", look="A bearded man of sixty.")
    tower = CharacterProfile(
        name="Alex",
        role="Lighthouse",
        look="A tall tower with a large lantern on top.",
        wardrobe="The lighthouse is not depicted in this scene.",
    )
    cat = CharacterProfile(name="Ginger", role="the orange cat", look="An orange tabby.")
    narrator = CharacterProfile(name="Narrator", role="the voice of memory", look="")
    bible = [keeper, tower, cat, narrator]
    assert people_and_animals(bible, Genre.AESTHETIC_SCENERY) == [keeper, cat, narrator]
    # A talking radio or lighthouse is a spoof's joke, when its idea says one talks.
    talking = "A lighthouse that talks back to its keeper."
    assert people_and_animals(bible, Genre.GRASSROOTS_SPOOF, talking) == bible
    # The haunted scooter does not talk (second reader, 2026-12-05).
    scooter = "A rider is sure his scooter is haunted, because it plays karaoke."
    assert people_and_animals(bible, Genre.GRASSROOTS_SPOOF, scooter) == [keeper, cat, narrator]
    # One entry is always left, whatever it is.
    assert people_and_animals([tower], Genre.YOUTH_ROMANCE) == [tower]
    sea = CharacterProfile(name="大海", role="大海", look="蓝色的海。")
    girl = CharacterProfile(name="小雪", role="渔家女孩", look="十岁的女孩。")
    assert people_and_animals([girl, sea], Genre.TOUCHING_FAMILY) == [girl]
    # "Alex, Role: The bus" beside the driver (the bus, 2026-12-02, 17:46), and its driver.
    bus = CharacterProfile(name="Alex", role="The bus", look="A vintage bus, rusted.")
    driver = CharacterProfile(name="Jack", role="bus driver", look="A man of seventy.")
    assert people_and_animals([driver, bus], Genre.TOUCHING_FAMILY) == [driver]


def test_the_ideas_animal_is_not_named_like_the_young_it_brings() -> None:
    """《流浪猫的火腿肠》 cast its cat as 小猫, like the three kittens (web app, 2026-12-02)."""
    from film.quality.mend.animals import people_and_animals

    idea = "便利店夜班店员每天给一只流浪猫留火腿肠，有一天猫带来了三只小猫。"
    clerk = CharacterProfile(name="值班的店员", role="便利店店员", look="二十岁的女孩。")
    cat = CharacterProfile(name="小猫", role="流浪猫", look="白色的猫。")
    named = people_and_animals([clerk, cat], Genre.TOUCHING_FAMILY, idea)
    assert [p.name for p in named] == ["值班的店员", "流浪猫"]
    assert people_and_animals([clerk, cat], Genre.TOUCHING_FAMILY, "店员养了一只小猫。") == [
        clerk,
        cat,
    ]  # no litter in that idea: 小猫 is its name
    kitten = CharacterProfile(name="Kitten", role="a stray cat", look="A white cat.")
    english = "A clerk feeds a stray cat every night, until it brings three kittens."
    assert people_and_animals([kitten], Genre.TOUCHING_FAMILY, english)[0].name == "Stray cat"


def test_an_animal_named_by_its_colour_keeps_that_colour() -> None:
    from film.quality.mend.animals import animal_look

    # Recorded (craft bench, the guard, 2026-12-03): a white orange cat.
    assert (
        animal_look("橘猫", "偷外卖贼的宠物", "一只橘猫，体型较小，毛色纯白")
        == "一只橘猫，体型较小"
    )
    assert animal_look("橘猫", "宠物", "一只橘猫，毛色橙黄") == "一只橘猫，毛色橙黄"
    # And without the word for fur (craft bench, the guard, 2026-12-04): a black-and-white one.
    assert animal_look("橘猫", "宠物", "小猫咪，黑白相间，毛茸茸的") == "小猫咪，毛茸茸的"
    cat = "small, with white fur, green eyes"
    assert animal_look("Biscuit", "an orange tabby cat", cat) == "small, green eyes"
    # No colour in the name: the look says it.
    assert animal_look("流浪猫", "一只流浪猫", "毛色纯白，眼睛明亮") == "毛色纯白，眼睛明亮"


def test_a_thing_someone_carries_or_rides_does_not_speak() -> None:
    """Recorded (craft bench, the haunted scooter, 2026-12-04): "SCOOTER: It's playing
    karaoke again.", and the bible gave the scooter "average build, neat dark hair"."""
    from film.quality.mend.animals import things_unspoken
    from film.screenplay import DialogueLine, Scene

    scene = Scene(
        number=2,
        place="City street",
        characters=["Ben", "Scooter"],
        action=["Ben approaches the scooter."],
        dialogue=[
            DialogueLine(speaker="Ben", text="I'm not sure what to do."),
            DialogueLine(speaker="Scooter", text="It's playing karaoke again."),
            DialogueLine(speaker="Ben", text="I think it might be haunted."),
        ],
    )
    mended = things_unspoken(scene, ["Ben"], ["Second-hand scooter"])
    assert [line.speaker for line in mended.dialogue] == ["Ben", "Ben"]
    assert mended.characters == ["Ben"]
    # A prop named with what it is for is its head noun (the lighthouse, 2026-12-04).
    lantern = scene.model_copy(
        update={
            "dialogue": [
                DialogueLine(speaker="Walter", text="Forty years."),
                DialogueLine(speaker="Lantern", text="I will keep shining."),
            ],
            "characters": ["Walter", "Lantern"],
        }
    )
    props = ["A lantern to maintain visibility", "a photo of Grandma"]
    assert things_unspoken(lantern, ["Walter"], props).characters == ["Walter"]
    grandma = lantern.model_copy(
        update={"dialogue": [DialogueLine(speaker="Grandma", text="Hello."), *scene.dialogue]}
    )
    assert "Grandma" in {line.speaker for line in things_unspoken(grandma, ["Ben"], props).dialogue}
    # Someone in the bible speaks, whatever they are called; so does a stranger who is no thing.
    assert things_unspoken(scene, ["Ben", "Scooter"], ["Second-hand scooter"]) == scene
    courier = scene.model_copy(
        update={
            "dialogue": [
                DialogueLine(speaker="Ben", text="Who are you?"),
                DialogueLine(speaker="Courier", text="Your parcel."),
            ]
        }
    )
    assert things_unspoken(courier, ["Ben"], ["helmet"]) == courier
    zh = scene.model_copy(
        update={
            "dialogue": [
                DialogueLine(speaker="小李", text="又来了。"),
                DialogueLine(speaker="电动车", text="我在唱歌。"),
            ]
        }
    )
    assert [line.speaker for line in things_unspoken(zh, ["小李"], ["二手电动车"]).dialogue] == [
        "小李"
    ]


def test_the_sea_a_film_never_cast_does_not_speak() -> None:
    """Recorded (craft bench, the lighthouse, 2026-12-04): "OCEAN: It is still there" and
    "SEA: Yes, please." beside the keeper, each then cast as "average build, neat dark hair"."""
    from film.quality.mend.animals import things_unspoken
    from film.screenplay import DialogueLine, Scene

    scene = Scene(
        number=2,
        place="Seaside",
        characters=["John", "Ocean", "Sea"],
        dialogue=[
            DialogueLine(speaker="John", text="I can't believe it's gone."),
            DialogueLine(speaker="Ocean", text="It is still there, but I can't see it anymore."),
            DialogueLine(speaker="Sea", text="Yes, please."),
            DialogueLine(speaker="Narrator", text="Forty years, one lamp."),
        ],
    )
    mended = things_unspoken(scene, ["John"], [])
    assert [line.speaker for line in mended.dialogue] == ["John", "Narrator"]
    assert mended.characters == ["John"]
    # A given name is somebody (小雪), and the bare word is the thing (大海).
    zh = scene.model_copy(
        update={
            "dialogue": [
                DialogueLine(speaker="小雪", text="你来了。"),
                DialogueLine(speaker="大海", text="我一直在这里。"),
            ]
        }
    )
    assert [line.speaker for line in things_unspoken(zh, ["陈默"], []).dialogue] == ["小雪"]


def test_a_person_given_an_animals_look_leaves_the_bible() -> None:
    """Recorded (CLI, 2026-12-05): "Alex, Role: Guest, Look: small cat with fluffy fur" for
    the cat a barista draws on a coffee cup."""
    from film.quality.mend.animals import people_and_animals

    regular = CharacterProfile(name="Sam", role="Regular", look="shy, brown hair")
    guest = CharacterProfile(name="Alex", role="Guest", look="small cat with fluffy fur")
    cat = CharacterProfile(name="Ginger", role="the orange cat", look="An orange tabby.")
    farmer = CharacterProfile(name="Tom", role="farmer", look="An old man, grey beard")
    bible = [regular, guest, cat, farmer]
    kept = people_and_animals(bible, Genre.YOUTH_ROMANCE, "A barista serves a regular.")
    assert kept == [regular, cat, farmer]
    assert people_and_animals([guest], Genre.YOUTH_ROMANCE, "") == [guest]  # nobody else


def test_an_animal_the_idea_only_draws_is_no_character() -> None:
    """Recorded (CLI, 2026-12-05): "A shy barista draws a small cat on the coffee cup…" cast
    the drawn cat as "Leo (Pet)"."""
    from film.presence import idea_animals, pictured_animals
    from film.quality.mend.animals import people_and_animals

    idea = "A shy barista draws a small cat on the coffee cup of the regular who never looks up."
    assert idea_animals(idea) == [] and pictured_animals(idea) == ["cat"]
    assert idea_animals("奶奶给孙女画了一只小猫") == []
    assert idea_animals("A clerk feeds a stray cat every night.") == ["stray cat"]
    barista = CharacterProfile(name="Ben", role="barista", look="A young man, short hair")
    pet = CharacterProfile(name="Leo", role="Pet", look="A small cat with brown fur")
    assert people_and_animals([barista, pet], Genre.YOUTH_ROMANCE, idea) == [barista]
    fed = "A clerk feeds a stray cat every night."
    assert people_and_animals([barista, pet], Genre.YOUTH_ROMANCE, fed) == [barista, pet]

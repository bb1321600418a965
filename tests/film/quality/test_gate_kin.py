"""People know who they are: recorded slips of the 1.5B model, caught in the scenes."""

from __future__ import annotations

from gate_kit import brief_for, family_film, fired_ids

from film.quality import Brief, check_scenes
from film.quality.fields import scene_fields
from film.quality.people.kin import check_kin, relation_of
from film.screenplay import CharacterProfile, DialogueLine, Scene, Screenplay

BIKE_CAST = [
    CharacterProfile(name="James", role="retired bus driver, Sophia's grandfather"),
    CharacterProfile(name="Sophia", role="James's granddaughter"),
]


def _scene(action: list[str], lines: list[tuple[str, str]]) -> Scene:
    return Scene(
        number=1,
        place="the park",
        action=action,
        dialogue=[DialogueLine(speaker=s, text=t) for s, t in lines],
        characters=["James", "Sophia"],
    )


def _fired(scene: Scene, cast: list[CharacterProfile]) -> list[tuple[str, str]]:
    people = [(c.name, c.role) for c in cast]
    return [(f.check, f.path) for f in check_kin(scene_fields(scene, 0), people)]


def test_relations_read_from_the_role_and_the_name() -> None:
    assert relation_of("Sophia", "James's granddaughter")[0] == "granddaughter"  # type: ignore[index]
    assert relation_of("小雨", "外婆的外孙女")[0] == "granddaughter"  # type: ignore[index]
    assert relation_of("王奶奶", "退休教师")[0] == "grandmother"  # type: ignore[index]
    assert relation_of("Leo", "Grandma's helper") is None
    assert relation_of("Tom", "a father of two") is None


def test_the_bike_teacher_slips_are_caught() -> None:
    """The recorded draft: the granddaughter's own granddaughter, the driver as a boy."""
    scene = _scene(
        ["James, a boy in a blue coat, waits by the gate.", "Sophia checks her watch."],
        [("Sophia", "My granddaughter is waiting for me."), ("James", "Let's go then.")],
    )
    assert _fired(scene, BIKE_CAST) == [
        ("names.elder-as-child", "scenes[0].action[0]"),
        ("names.own-relative", "scenes[0].dialogue[0].text"),
    ]


def test_chinese_slips_are_caught() -> None:
    cast = [
        CharacterProfile(name="奶奶", role="小明的奶奶"),
        CharacterProfile(name="小明", role="奶奶的孙子"),
    ]
    scene = Scene(
        number=1,
        place="厨房",
        action=["小明的孙子在厨房门口张望。", "奶奶是个小姑娘，系着围裙。"],
        dialogue=[DialogueLine(speaker="小明", text="我孙子明天就要走了。")],
        characters=["奶奶", "小明"],
    )
    assert _fired(scene, cast) == [
        ("names.own-relative", "scenes[0].action[0]"),
        ("names.elder-as-child", "scenes[0].action[1]"),
        ("names.own-relative", "scenes[0].dialogue[0].text"),
    ]


def test_the_right_people_saying_the_same_words_pass() -> None:
    """The grandfather's "my granddaughter" and a father's "my father" are story, not slips."""
    scene = _scene(
        ["James, sixty-eight, steadies the bike.", "Sophia, a girl of nine, grips the bars."],
        [("James", "My granddaughter can do it."), ("Sophia", "Grandpa, don't let go!")],
    )
    assert _fired(scene, BIKE_CAST) == []
    cast = [CharacterProfile(name="Dad", role="father"), CharacterProfile(name="Mia", role="son")]
    scene = _scene([], [("Dad", "My father taught me this.")])
    assert _fired(scene, cast) == []


def test_the_whole_film_check_runs_it_and_good_films_pass() -> None:
    film, idea = family_film()
    assert "names.own-relative" not in fired_ids(check_scenes(film, brief_for(film, idea)))
    grandma = next(c for c in film.characters if relation_of(c.name, c.role))
    first = film.scenes[0]
    slip = DialogueLine(
        speaker=grandma.name, text=f"My {relation_of(grandma.name, grandma.role)[0]} is late."
    )  # type: ignore[index]
    broken = film.model_copy(
        update={"scenes": [first.model_copy(update={"dialogue": [*first.dialogue, slip]})]}
    )
    assert isinstance(broken, Screenplay)
    assert "names.own-relative" in fired_ids(check_scenes(broken, Brief(idea=idea)))


def test_nobody_watches_or_hugs_themself() -> None:
    """Recorded: "孙女站在村口，看着孙女骑自行车" in scene 2 of 爷爷的自行车."""
    cast = [
        CharacterProfile(name="爷爷", role="祖父"),
        CharacterProfile(name="孙女", role="孙女"),
    ]
    slip = Scene(number=1, place="村口", action=["孙女站在村口，看着孙女骑自行车。"])
    assert _fired(slip, cast) == [("names.self-action", "scenes[0].action[0]")]
    fines = (
        "爷爷看着孙女骑车。",
        "孙女笑了，爷爷看着孙女。",
        "孙女和孙女的同学一起骑车。",
        # Recorded (craft bench 18:30): the grandson is the one watching; refused a draft.
        "孙子站在孙女面前，看着孙女在做。",
    )
    for fine in fines:
        assert _fired(Scene(number=1, place="村口", action=[fine]), cast) == []
    english = _scene(["Sophia hugs Sophia.", "Sophia watches Sophia's dog."], [])
    assert _fired(english, BIKE_CAST) == [("names.self-action", "scenes[0].action[0]")]


def test_a_name_and_a_role_that_state_two_relations_are_sent_back() -> None:
    """Recorded: the dumplings grandmother, named 奶奶, had the role 母亲."""
    from film.quality.people.kin import check_bible_kin

    people = [
        ("奶奶", "母亲"),
        ("Grandma", "mother"),
        ("孙女", "爷爷的孙女"),
        ("Grandpa", "Mia's father"),  # both true in a three-generation family
        ("Dad", "Leo's father and Mia's husband"),
        ("王奶奶", "邻居"),
        ("Grandpa Joe", "retired bus driver"),
    ]
    assert [f.path for f in check_bible_kin(people)] == [
        "characters[0].role",
        "characters[1].role",
    ]


def test_two_json_strings_run_together_are_debris() -> None:
    from film.quality.debris import find_debris

    assert find_debris("奶奶对孙子说：‘还有其他需要提醒的吗？', '孙子回答道：“不，谢谢您！")
    for prose in ('He said "yes," and left.', '"Go," she says, "now."', "“好，”他说，“走吧。”"):
        assert find_debris(prose) is None


def test_a_refusal_names_the_family_slip_not_unreal_names() -> None:
    """Recorded: a 爷爷 role conflict was refused as "有的地点或人名不像真正的地点或人名"."""
    from film.quality import Finding, refusal_message

    findings = [
        Finding("names.kin-conflict", "characters[0].role", "父亲", "x"),
        Finding("coverage.elder-look", "characters[0].look", "中年", "x"),
    ]
    zh = refusal_message(findings, "zh", "characters")
    assert "亲属关系前后矛盾" in zh and "年龄写得不对" in zh
    assert "不像真正的地点或人名" not in zh and "偏离了你的创意" not in zh
    both = findings + [Finding("names.place-is-code", "beats[0].place", "X1", "x")]
    assert "not real places or names" in refusal_message(both, "en", "outline")


def test_a_name_made_of_the_ideas_person_word_has_it_as_the_role() -> None:
    """Recorded (craft bench): 李奶奶 cast as 母亲, 保安大爷 as 守门员 (a goalkeeper)."""
    from film.quality.people.missing import roles_in_idea_words
    from film.screenplay import CharacterProfile

    dumplings = "孙子明天就要去外地上大学，奶奶在厨房里教他包饺子。"
    bible = [
        CharacterProfile(name="李奶奶", role="母亲", look="六十多岁"),
        CharacterProfile(name="李孙子", role="孩子", look="十八岁"),
        CharacterProfile(name="小芳", role="邻居", look="二十岁"),
    ]
    assert [p.role for p in roles_in_idea_words(dumplings, bible)] == ["奶奶", "孙子", "邻居"]
    guard = "小区保安大爷为了抓偷外卖的贼，布下天罗地网。"
    keeper = CharacterProfile(name="保安大爷", role="守门员", look="六十岁")
    assert roles_in_idea_words(guard, [keeper])[0].role == "保安"
    kept = CharacterProfile(name="保安大爷", role="退休的老保安", look="六十岁")
    assert roles_in_idea_words(guard, [kept])[0].role == "退休的老保安"


def test_in_a_scene_of_two_an_action_on_oneself_is_on_the_other() -> None:
    """A creative revision was refused for "a character acted on themself" (CI, 2026-12-03)."""
    from film.quality.people.kin import acted_on_the_other
    from film.screenplay import Scene

    bus = Scene(
        number=2,
        place="Night bus",
        characters=["Mia", "Leo"],
        action=["Mia smiles at Mia.", "Leo watches Leo sleep.", "Mia looks at the window."],
    )
    assert acted_on_the_other(bus).action == [
        "Mia smiles at Leo.",
        "Leo watches Mia sleep.",
        "Mia looks at the window.",
    ]
    kitchen = Scene(
        number=1, place="厨房", characters=["奶奶", "孙子"], action=["奶奶看着奶奶包饺子。"]
    )
    assert acted_on_the_other(kitchen).action == ["奶奶看着孙子包饺子。"]
    three = bus.model_copy(update={"characters": ["Mia", "Leo", "Ann"]})
    assert acted_on_the_other(three) == three  # whom else it is, nobody can say


def test_a_grandson_named_by_surname_and_kin_word_gets_a_name_of_the_family() -> None:
    """Recorded (craft bench, the dumplings, 2026-12-04 21:11): 李奶奶's grandson was "李孙子"
    in every cue; 孙子 alone also reads as an insult. 李奶奶 (Granny Li) is how one says her."""
    from film.quality.people.names.naming import renamed_bible
    from film.screenplay import CharacterProfile

    idea = "孙子明天就要去外地上大学，奶奶在厨房里教他包饺子。"
    bible = [
        CharacterProfile(name="李奶奶", role="奶奶", look="60多岁，头发花白", wardrobe="长袍"),
        CharacterProfile(name="李孙子", role="孙子", look="18岁", wardrobe="校服"),
    ]
    grandma, grandson = renamed_bible(bible, "zh", idea)
    assert grandma.name == "李奶奶"
    assert grandson.name.startswith("李") and len(grandson.name) == 2
    assert grandson.role == "孙子"


def test_the_ideas_words_for_a_girl_are_no_name() -> None:
    """Recorded (craft bench, the night market, 2026-12-04 21:16): the lead was cast as
    "夜市女孩", the idea's "在夜市摆摊卖煎饼的女孩" cut short, and every cue read so."""
    from film.quality.people.names.naming import real_names

    idea = "一个在夜市摆摊卖煎饼的女孩，白天打工，晚上自学编程，想考进一家游戏公司。"
    (named,) = real_names(["夜市女孩"], "zh", idea, ["夜市摆摊卖煎饼的女孩"], ["20多岁"])
    assert named != "夜市女孩" and len(named) in (2, 3)
    assert real_names(["小区保安大爷"], "zh", "小区保安大爷一心想抓偷外卖的贼", ["保安"]) == [
        "小区保安大爷"
    ]

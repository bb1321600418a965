"""A child's or grandchild's lines call their elder by kin, never by first name."""

from __future__ import annotations

from film.quality.people.address import kin_address
from film.screenplay import DialogueLine, Scene


def _scene(lines: list[tuple[str, str]]) -> Scene:
    return Scene(
        number=1,
        place="BUS",
        action=["Samantha sits beside John at the front of the bus."],
        dialogue=[DialogueLine(speaker=who, text=text) for who, text in lines],
        characters=sorted({who for who, _ in lines}),
    )


BUS = [
    ("Samantha", "granddaughter"),
    ("John", "driver (grandfather)"),
    ("Ava", "Samantha's friend"),
]


def test_the_granddaughter_calls_her_grandfather_grandpa() -> None:
    # Recorded (en-family-bus, 2026-12-01): every run had her greet him as "John".
    scene = _scene(
        [
            ("Samantha", "Hello, John! I'm so happy you're back home."),
            ("John", "Hello, Samantha. Sit by me."),
            ("Samantha", "Look, John! I can see it! John's old depot!"),
            ("Ava", "John drives so well."),
        ]
    )
    mended = kin_address(scene, BUS, "en")
    assert [line.text for line in mended.dialogue] == [
        "Hello, Grandpa! I'm so happy you're back home.",
        "Hello, Samantha. Sit by me.",
        "Look, Grandpa! I can see it! Grandpa's old depot!",
        "John drives so well.",
    ]
    assert mended.action == scene.action


def test_a_title_goes_with_the_name_and_a_kin_name_is_left_alone() -> None:
    scene = _scene([("Tommy", "Thank you, Mr. Okafor."), ("Lily", "Thank you, Father.")])
    people = [
        ("Tommy", "his son"),
        ("Okafor", "Tommy's father, a carpenter"),
        ("Lily", "daughter"),
        ("Father", "father"),
    ]
    assert [line.text for line in kin_address(scene, people, "en").dialogue] == [
        "Thank you, Dad.",
        "Thank you, Father.",
    ]
    # Every title of the one table (film/titles.py) goes with the name, "Dr." as well.
    doctor = _scene([("Tommy", "Good night, Dr. Okafor.")])
    assert kin_address(doctor, people, "en").dialogue[0].text == "Good night, Dad."


def test_a_chinese_grandchild_calls_grandmother_by_her_own_kin_word() -> None:
    scene = Scene(
        number=1,
        place="厨房",
        action=["王秀兰擀着饺子皮。"],
        dialogue=[
            DialogueLine(speaker="小雨", text="王秀兰，饺子好了吗？"),
            DialogueLine(speaker="王秀兰", text="快好了，小雨。"),
        ],
        characters=["小雨", "王秀兰"],
    )
    people = [("小雨", "外孙女"), ("王秀兰", "小雨的外婆")]
    mended = kin_address(scene, people, "zh")
    assert [line.text for line in mended.dialogue] == ["外婆，饺子好了吗？", "快好了，小雨。"]


def test_people_who_are_not_kin_keep_their_names() -> None:
    scene = _scene([("Jack", "Ready, Emily?"), ("Emily", "Ready, Jack.")])
    people = [("Jack", "debate captain"), ("Emily", "debate captain")]
    assert kin_address(scene, people, "en") is scene


def test_a_child_and_an_elder_share_no_courtship() -> None:
    # Recorded (en-family-bus, 2026-12-01): the granddaughter recalled "our first date".
    scene = _scene(
        [
            ("Samantha", "Do you remember when we had our first date?"),
            ("John", "Yeah, it was great."),
            ("Samantha", "Remember how happy we used to be?"),
        ]
    )
    mended = kin_address(scene, BUS, "en")
    assert [line.text for line in mended.dialogue] == [
        "Yeah, it was great.",
        "Remember how happy we used to be?",
    ]


def test_a_relative_in_a_roles_clause_is_not_the_persons_own() -> None:
    """The swordswoman called the general "Dad": his role was "general who exiled father"."""
    from film.quality.people.address import elder_kin

    assert elder_kin("General", "general who exiled father") is None
    assert elder_kin("Nan", "grandmother who lives alone") == ("grandmother", "Grandma", "奶奶")


def test_an_elder_speaks_of_themself_as_family_does() -> None:
    """Recorded (craft bench, the bus, 2026-12-04): the grandfather told his granddaughter
    "I know that your grandfather has never been there either"."""
    scene = _scene(
        [
            ("John", "I know that your grandfather has never been there either."),
            ("Samantha", "Your grandpa's bus? I mean, your father's?"),
            ("John", "Your father drove it once. Your Grandpa's old hat is here."),
        ]
    )
    assert [line.text for line in kin_address(scene, BUS, "en").dialogue] == [
        "I know that Grandpa has never been there either.",
        "Your grandpa's bus? I mean, your father's?",  # hers to say: not the speaker's own
        "Your father drove it once. Grandpa's old hat is here.",
    ]
    # Without his grandchild there, "your grandfather" is someone else's.
    stranger = _scene([("John", "Your grandfather drove this bus?"), ("Ava", "He did.")])
    assert kin_address(stranger, BUS, "en") == stranger
    kitchen = _scene([("奶奶", "你奶奶年轻的时候也包过饺子。"), ("小宇", "真的吗？")])
    people = [("奶奶", "奶奶"), ("小宇", "孙子")]
    assert kin_address(kitchen, people, "zh").dialogue[0].text == "奶奶年轻的时候也包过饺子。"


def test_a_grandchild_speaks_of_themself_as_i() -> None:
    """Recorded (craft bench, the bus, 2026-12-04): the granddaughter told her grandfather
    "And your granddaughter will be the first to see it again"."""
    people = [("Mr. Johnson", "retired bus driver, Sam's grandfather"), ("Sam", "granddaughter")]
    scene = Scene(
        number=1,
        place="Bus",
        characters=["Mr. Johnson", "Sam"],
        dialogue=[
            DialogueLine(speaker="Sam", text="And your granddaughter will be the first to see it."),
            DialogueLine(
                speaker="Sam", text="Your granddaughter is proud. Your granddaughter's seat."
            ),
            DialogueLine(speaker="Mr. Johnson", text="Your granddaughter will love it."),
        ],
    )
    assert [line.text for line in kin_address(scene, people, "en").dialogue] == [
        "And I will be the first to see it.",
        "I am proud. My seat.",
        "Your granddaughter will love it.",  # his to say
    ]
    kitchen = Scene(
        number=1,
        place="厨房",
        characters=["奶奶", "小宇"],
        dialogue=[DialogueLine(speaker="小宇", text="你孙子明天就要走了。")],
    )
    mended = kin_address(kitchen, [("奶奶", "奶奶"), ("小宇", "孙子")], "zh")
    assert mended.dialogue[0].text == "我明天就要走了。"


def test_an_elders_line_that_calls_the_listener_by_the_elders_kin_is_the_juniors() -> None:
    """Recorded (craft bench, the bus, 2026-12-04): the grandfather said "Thank you so much!
    You're the best grandfather ever!" to his granddaughter."""
    from film.quality.people.address import kin_address
    from film.screenplay import DialogueLine, Scene

    people = [("Mr. Johnson", "retired bus driver, Lily's grandfather"), ("Lily", "granddaughter")]
    scene = Scene(
        number=4,
        place="Bus",
        characters=["Mr. Johnson", "Lily"],
        dialogue=[
            DialogueLine(speaker="Lily", text="I'll take care of everything."),
            DialogueLine(
                speaker="Mr. Johnson", text="Thank you! You're the best grandfather ever!"
            ),
            DialogueLine(speaker="Mr. Johnson", text="You're a good girl, Lily."),
        ],
    )
    mended = kin_address(scene, people, "en")
    assert [line.speaker for line in mended.dialogue] == ["Lily", "Lily", "Mr. Johnson"]
    zh = Scene(
        number=1,
        place="厨房",
        characters=["奶奶", "小明"],
        dialogue=[DialogueLine(speaker="奶奶", text="你真是最好的奶奶！")],
    )
    said = kin_address(zh, [("奶奶", "奶奶"), ("小明", "孙子")], "zh").dialogue[0]
    assert said.speaker == "小明"


def test_a_chinese_junior_calls_the_elder_there_by_their_own_kin() -> None:
    """Recorded (2026-12-05): the video call's son said "谢谢奶奶" to his own mother (a film
    of a grandmother and her son, no grandchild), and the web app's granddaughter cried
    "妈妈，我……" to the carpenter, her grandfather and the only elder there."""
    from film.quality.people.address import kin_address
    from film.screenplay import DialogueLine, Scene

    def said(scene: Scene, people: list[tuple[str, str]]) -> list[str]:
        return [line.text for line in kin_address(scene, people, "zh").dialogue]

    call = Scene(
        number=1,
        place="客厅",
        characters=["奶奶", "儿子"],
        dialogue=[
            DialogueLine(speaker="奶奶", text="你最近怎么样？"),
            DialogueLine(speaker="儿子", text="谢谢奶奶，我一直在学，奶奶帮我准备的。"),
        ],
    )
    assert (
        said(call, [("奶奶", "奶奶"), ("儿子", "儿子")])[1] == "谢谢妈，我一直在学，妈帮我准备的。"
    )
    # With a father of his own in the film, 奶奶 is his grandmother: nothing changes.
    family = [("奶奶", "奶奶"), ("儿子", "儿子"), ("爸爸", "爸爸")]
    assert said(call, family)[1] == "谢谢奶奶，我一直在学，奶奶帮我准备的。"
    box = Scene(
        number=2,
        place="老木匠的家中",
        characters=["老木匠", "孙女"],
        dialogue=[
            DialogueLine(speaker="孙女", text="妈妈，我……"),
            DialogueLine(speaker="孙女", text="我得给妈妈打电话。"),  # her mother, elsewhere
        ],
    )
    people = [("老木匠", "老木匠，孙女的爷爷"), ("孙女", "孙女")]
    assert said(box, people) == ["爷爷，我……", "我得给妈妈打电话。"]
    # A grandson calling his grandmother 奶奶 is right already.
    kitchen = Scene(
        number=3,
        place="厨房",
        characters=["奶奶", "孙子"],
        dialogue=[DialogueLine(speaker="孙子", text="奶奶，我明天就走了。")],
    )
    assert said(kitchen, [("奶奶", "奶奶"), ("孙子", "孙子")]) == ["奶奶，我明天就走了。"]

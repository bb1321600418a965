"""A whole exchange written inside one line, speaker tags and broken quotes, is its turns."""

from __future__ import annotations

from film.quality.debris import find_debris
from film.quality.people.speech import speech_to_dialogue
from film.quality.people.speech.attributed import tagged_exchange, tagged_turns
from film.screenplay import DialogueLine, Scene

PEOPLE = ["小明", "爸爸"]
# Recorded (craft bench, the street dance, 2026-12-05): one cue of 小明's, and one of 爸爸's.
XIAOMING = "我也想学？爸爸说：“好啊。”“小明说：“那我们就开始吧。”爸爸说：”不客气。小明说：”那。"
DAD = "好啊。小明说：“那我们走吧。”“爸爸说：”好啊。小明说：”再见。"
ASKED = (
    "爸爸走到小明身边，问：“小明，你是不是想学街舞？”，"
    "“小明说：“我想，我以后要多看一些街舞的节目。””"
)


def _pairs(lines: list[DialogueLine]) -> list[tuple[str, str]]:
    return [(line.speaker, line.text) for line in lines]


def test_a_cue_holding_tagged_turns_is_split_at_each_tag_and_the_cut_word_goes() -> None:
    turns = tagged_turns(DialogueLine(speaker="小明", text=XIAOMING), PEOPLE)
    assert _pairs(turns) == [
        ("小明", "我也想学？"),
        ("爸爸", "好啊。"),
        ("小明", "那我们就开始吧。"),
        ("爸爸", "不客气。"),
    ]
    assert not any("说：" in t.text or "“" in t.text or "”" in t.text for t in turns)


def test_an_action_line_with_a_bare_question_gives_it_to_the_lines_subject() -> None:
    found = tagged_exchange(ASKED, PEOPLE, "爸爸")
    assert found is not None
    done, lines = found
    assert done == "爸爸走到小明身边。"
    assert _pairs(lines) == [
        ("爸爸", "小明，你是不是想学街舞？"),
        ("小明", "我想，我以后要多看一些街舞的节目。"),
    ]
    # Nobody to give the bare question to: the line is not read.
    assert tagged_exchange("走到他身边，问：“你好吗？”，小明说：“好。”", PEOPLE, None) is None


def test_lines_without_a_tag_or_a_lone_tagged_action_are_left_to_the_other_readers() -> None:
    plain = DialogueLine(speaker="小明", text="爸爸说过，学街舞要吃苦。")
    assert tagged_turns(plain, PEOPLE) == [plain]
    reported = DialogueLine(speaker="小明", text="我爸爸说：“学街舞要吃苦。”")  # he reports it
    assert tagged_turns(reported, PEOPLE) == [reported]
    told = DialogueLine(speaker="Tom", text='My Dad says, "Be careful."')
    assert tagged_turns(told, ["Tom", "Dad"]) == [told]
    assert tagged_exchange("小明说：“我想学街舞。”", PEOPLE, "小明") is None
    english = DialogueLine(speaker="Tom", text='Fine. Anna says: "No way." Tom says, "Yes way."')
    assert _pairs(tagged_turns(english, ["Tom", "Anna"])) == [
        ("Tom", "Fine."),
        ("Anna", "No way."),
        ("Tom", "Yes way."),
    ]


def test_the_recorded_scene_reaches_the_screen_as_plain_turns_with_no_debris() -> None:
    scene = Scene(
        number=1,
        place="小明家客厅",
        action=["小明坐在沙发上看电视，爸爸在客厅里。", ASKED],
        dialogue=[
            DialogueLine(speaker="小明", text=XIAOMING),
            DialogueLine(speaker="爸爸", text=DAD),
        ],
        characters=PEOPLE,
    )
    mended = speech_to_dialogue(scene, PEOPLE)
    assert mended.action == ["小明坐在沙发上看电视，爸爸在客厅里。", "爸爸走到小明身边。"]
    said = [line.text for line in mended.dialogue]
    asked = said.index("小明，你是不是想学街舞？")  # where the action line stood
    assert said[asked + 1] == "我想，我以后要多看一些街舞的节目。"
    assert "我也想学？" in said and "那我们走吧。" in said
    assert not any(ch in text for text in said for ch in "“”：")
    assert not find_debris(" ".join(said))


def test_an_uncast_crowd_speaking_in_an_action_line_goes() -> None:
    """Recorded (craft bench, the drummer, 2026-12-05): two action lines of the audience
    speaking in chorus, quotes and all, lettered on the picture."""
    scene = Scene(
        number=8,
        place="School gym",
        action=[
            "A cheering crowd fills the gym.",
            'The audience, in chorus: "It was a great fight. We won!"',
            'The audience, in chorus: "You did a great job, Ben. Thank you."',
            "观众齐声：“太棒了！”",
        ],
        dialogue=[DialogueLine(speaker="Ben", text="This was my dream come true!")],
        characters=["Ben"],
    )
    mended = speech_to_dialogue(scene, ["Ben"])
    assert mended.action == ["A cheering crowd fills the gym."]
    assert [line.speaker for line in mended.dialogue] == ["Ben"]

"""One speaker's run of cues becomes one speech; turns between speakers stay apart."""

from __future__ import annotations

from film.quality.mend import join_runs
from film.screenplay import DialogueLine, Scene

# Recorded from the 1.5B model: the lighthouse keeper's last night (en-scenery-lighthouse).
KEEPER = [
    "I've been watching the sea for forty years. It's a part of me.",
    "But now it's about to change.",
    "I'll watch over it one last time before it goes dark.",
    "The stars are shining brightly above me.",
    "It's a beautiful sight.",
]
# Recorded: 林夏 alone at the lake at dawn (zh-scenery-qinghai).
LAKE = [
    "终于等到了。",
    "这是一幅美丽的画面。",
    "我一定要把这个记录下来。",
    "我要把它放在我的相册里。",
]


def _scene(lines: list[tuple[str, str]], parenthetical: dict[int, str] | None = None) -> Scene:
    asides = parenthetical or {}
    return Scene(
        number=1,
        place="LIGHTHOUSE",
        action=["The lamp turns over the dark water."],
        dialogue=[
            DialogueLine(speaker=who, text=text, parenthetical=asides.get(n, ""))
            for n, (who, text) in enumerate(lines)
        ],
        characters=sorted({who for who, _ in lines}),
    )


def test_the_keepers_five_cues_are_one_speech_with_every_word_in_order() -> None:
    joined = join_runs(_scene([("John Smith", line) for line in KEEPER])).dialogue
    assert len(joined) == 1
    assert joined[0].speaker == "John Smith"
    assert joined[0].text == " ".join(KEEPER)


def test_chinese_lines_are_joined_without_spaces() -> None:
    joined = join_runs(_scene([("林夏", line) for line in LAKE])).dialogue
    assert [line.text for line in joined] == ["".join(LAKE)]


def test_a_line_without_an_end_stop_gets_one_before_the_next() -> None:
    joined = join_runs(_scene([("LILY", "I'm with you"), ("lily", "You're welcome")])).dialogue
    assert [line.text for line in joined] == ["I'm with you. You're welcome"]


def test_turns_between_two_speakers_are_left_alone() -> None:
    scene = _scene(
        [
            ("奶奶", "快趁热吃。"),
            ("孙子", "谢谢奶奶！"),
            ("奶奶", "路上小心。"),
            ("孙子", "我会的。"),
        ]
    )
    assert join_runs(scene) is scene


def test_a_run_splits_where_a_new_parenthetical_starts_and_at_the_length_limit() -> None:
    scene = _scene(
        [("ANA", "Is this the old route?"), ("ANA", "It has to be."), ("ANA", "Look!")],
        parenthetical={2: "pointing"},
    )
    assert [line.text for line in join_runs(scene).dialogue] == [
        "Is this the old route? It has to be.",
        "Look!",
    ]
    long_lines = [("ANA", "word " * 30 + "end.")] * 3
    assert len(join_runs(_scene(long_lines)).dialogue) == 2

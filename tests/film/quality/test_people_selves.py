"""Nobody speaks of themself by name as of someone else (the painter, 2026-12-04)."""

from __future__ import annotations

from film.quality.people.speech.selves import spoken_by_the_other
from film.screenplay import DialogueLine, Scene


def _scene(lines: list[tuple[str, str]]) -> Scene:
    return Scene(
        number=5,
        place="皇宫内",
        dialogue=[DialogueLine(speaker=who, text=text) for who, text in lines],
        characters=sorted({who for who, _ in lines}),
    )


def test_the_painter_suspecting_the_painter_is_the_princess() -> None:
    scene = _scene(
        [
            ("画师", "我怀疑画师是不是在操纵我们？"),
            ("公主", "是的，我怀疑画师。"),
            ("画师", "画师，你看。"),
        ]
    )
    assert [line.speaker for line in spoken_by_the_other(scene).dialogue] == [
        "公主",
        "公主",
        "画师",
    ]


def test_a_call_an_introduction_or_a_kin_word_stays_with_its_speaker() -> None:
    kept = _scene(
        [
            ("画师", "我是画师，奉命为您画像。"),
            ("奶奶", "奶奶我给你包饺子。"),
            ("Sam", "Sam, I think so too."),
        ]
    )
    assert spoken_by_the_other(kept) == kept  # three speakers: who it is cannot be told
    two = _scene([("画师", "我是画师，奉命为您画像。"), ("公主", "我知道。")])
    assert spoken_by_the_other(two) == two
    kin = _scene([("奶奶", "奶奶我给你包饺子。"), ("孙子", "谢谢奶奶。")])
    assert spoken_by_the_other(kin) == kin
    english = _scene([("Sam", "I'm Sam. I think Alex is right."), ("Alex", "I know.")])
    assert spoken_by_the_other(english) == english
    swapped = _scene([("Sam", "I don't trust Sam at all."), ("Alex", "Why not?")])
    assert [line.speaker for line in spoken_by_the_other(swapped).dialogue] == ["Alex", "Alex"]

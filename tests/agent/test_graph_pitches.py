"""The genre question: gated pitches, and no question when the idea names its genre."""

from __future__ import annotations

from typing import Any

from fakes import ScriptedChatModel, Studio, default_answer

from film.screenplay import Genre

IDEA_ZH = "一个失聪的少年鼓手，靠脚底感受体育馆地板的震动练习，准备学校乐队大赛。"


def _pitched(change: dict[str, str], prompts: list[str]):
    """The fake's good pitches with some replaced, as the 1.5B model answered them."""

    def answer(prompt: str) -> dict[str, Any]:
        prompts.append(prompt)
        return {**default_answer("GenrePitchesDraft", prompt), **change}

    return answer


async def test_bad_pitches_are_asked_again_and_the_clean_ones_kept(monkeypatch, tmp_path) -> None:
    prompts: list[str] = []
    scenery = "少年鼓手在雾中的体育馆里独自练习，光线慢慢变亮。"
    first = _pitched(
        {
            "grassroots_spoof": IDEA_ZH,  # the idea pasted
            "aesthetic_scenery": scenery,
            "touching_family": scenery,  # the same pitch twice
        },
        prompts,
    )
    dawn = "晨光里，体育馆的地板随鼓点轻轻颤动，少年鼓手闭着眼。"
    second = _pitched({"touching_family": "wrong", "aesthetic_scenery": dawn}, prompts)
    model = ScriptedChatModel(script={"GenrePitchesDraft": [first, second]})
    result = await Studio(monkeypatch, tmp_path, model).say(IDEA_ZH)
    assert model.calls == ["GenrePitchesDraft"] * 2
    assert "创意" in prompts[1] or "pitch" in prompts[1]  # the retry names what was wrong
    pitches = {o["genre"]: o["pitch"] for o in result.interrupt["options"]}
    assert pitches["touching-family"] == scenery  # clean in the first answer, kept
    assert pitches["aesthetic-scenery"] == dawn  # its double mended by the second
    assert pitches["grassroots-spoof"] != IDEA_ZH
    assert len(set(pitches.values())) == len(Genre)


async def test_a_pitch_wrong_in_every_answer_gives_way_to_the_genre_itself(
    monkeypatch, tmp_path
) -> None:
    prompts: list[str] = []
    music = "选一首两人都喜欢的歌，在关键时刻响起。"  # the romance guide's advice, no drummer
    pasted = _pitched({"youth_romance": music}, prompts)
    model = ScriptedChatModel(script={"GenrePitchesDraft": [pasted, pasted]})
    result = await Studio(monkeypatch, tmp_path, model).say(IDEA_ZH)
    assert model.calls == ["GenrePitchesDraft"] * 2
    pitches = {o["genre"]: o["pitch"] for o in result.interrupt["options"]}
    assert music not in pitches.values()
    assert pitches["youth-romance"].startswith("拍成青涩的心动")
    assert all(pitches.values())


async def test_a_genre_named_in_a_chat_idea_is_taken_without_asking(monkeypatch, tmp_path) -> None:
    model = ScriptedChatModel()
    result = await Studio(monkeypatch, tmp_path, model, target_seconds=40).say(
        IDEA_ZH + "励志，40秒"
    )
    assert "GenrePitchesDraft" not in model.calls
    assert result.interrupt is None
    assert result.values["genre"] == Genre.INSPIRATIONAL_STRUGGLE.value
    assert "励志奋斗" in result.messages[0].content

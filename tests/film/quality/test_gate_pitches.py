"""The genre pitches pass the gate: none pasted, doubled, off the idea or copied from a guide.

Each bad pitch here is what the 1.5B model answered when the web app was driven with a
deaf drummer's idea (2026-12-04).
"""

from __future__ import annotations

from film.quality import Brief
from film.quality.pitches import check_pitches, finished_pitch

IDEA_ZH = "一个失聪的少年鼓手，靠脚底感受体育馆地板的震动练习，准备学校乐队大赛。"
IDEA_EN = (
    "A deaf teenage drummer practises by feeling the gym floor shake, for the school band contest."
)
SCENERY_GUIDE = "唯美风景的转折：一次光线或地点的变化，比如“雾中山脊上的一个身影”，让情绪翻转。"


def _checks(pitches: list[tuple[str, str]], idea: str, language: str = "zh", guides=()) -> dict:
    brief = Brief(idea=idea, language=language, guidelines=tuple(guides))  # type: ignore[arg-type]
    return {f.path: f.check for f in check_pitches(pitches, brief)}


def test_good_pitches_pass_in_both_languages() -> None:
    zh = [
        ("grassroots_spoof", "少年鼓手把体育馆地板当鼓敲，引来一群跳广场舞的阿姨。"),
        ("touching_family", "妈妈每晚陪少年鼓手在地板上感受节拍，比赛那天坐在第一排。"),
    ]
    en = [
        (
            "inspirational_struggle",
            "The deaf drummer fails the audition, then learns the beat through his feet.",
        ),
        (
            "aesthetic_scenery",
            "Dust in the gym's morning light, shaking to a drum only the drummer feels.",
        ),
    ]
    assert _checks(zh, IDEA_ZH) == {}
    assert _checks(en, IDEA_EN, "en") == {}


def test_the_idea_pasted_as_a_pitch_is_found() -> None:
    found = _checks([("grassroots_spoof", IDEA_ZH.rstrip("。") + "，搞笑版。")], IDEA_ZH)
    assert found == {"grassroots_spoof": "copying.pitch-is-idea"}
    # The whole idea and a tail (web app, 2026-12-04).
    tail = IDEA_ZH.rstrip("。") + "，展现他坚韧不拔的精神和对音乐的热爱。"
    assert _checks([("grassroots_spoof", tail)], IDEA_ZH) == {
        "grassroots_spoof": "copying.pitch-is-idea"
    }


def test_the_same_pitch_for_two_genres_is_found_on_the_second() -> None:
    pitch = "少年鼓手在雾中的体育馆里独自练习，光线慢慢变亮。"
    found = _checks([("aesthetic_scenery", pitch), ("touching_family", pitch)], IDEA_ZH)
    assert found == {"touching_family": "repetition.pitch-twice"}


def test_a_pitch_about_something_else_is_found() -> None:
    found = _checks([("youth_romance", "选一首两人都喜欢的歌，在关键时刻响起。")], IDEA_ZH)
    assert found == {"youth_romance": "coverage.pitch-off-idea"}


def test_a_guide_example_pasted_as_a_pitch_is_found() -> None:
    pitch = "鼓手的故事：一次光线或地点的变化，雾中山脊上的一个身影。"
    found = _checks([("aesthetic_scenery", pitch)], IDEA_ZH, guides=[SCENERY_GUIDE])
    assert found == {"aesthetic_scenery": "copying.guideline"}


def test_an_english_pitch_for_a_chinese_chat_is_found() -> None:
    brief = Brief(idea=IDEA_ZH, language="zh")
    pitch = [("ancient_style", "The drummer becomes a palace musician.")]
    assert "script.wrong-language" in {f.check for f in check_pitches(pitch, brief)}


def test_a_pitch_cut_off_by_its_length_limit_ends_on_its_last_clause() -> None:
    cut = "The bus driver stops at a small park, smiling, to remember the old"
    assert finished_pitch(cut, len(cut)) == "The bus driver stops at a small park, smiling."
    zh = "少年鼓手跌倒了，又站起来，对着空荡的体育馆"
    assert finished_pitch(zh, len(zh)) == "少年鼓手跌倒了，又站起来。"
    assert finished_pitch("The drummer", 11) == "The drummer…"
    assert finished_pitch("He wins.", 8) == "He wins."
    # Short of the limit it was not cut: it only lacks its full stop (web app, 2026-12-04).
    assert finished_pitch("失聪少年鼓手通过拍摄风景来传达自己的情感", 180) == (
        "失聪少年鼓手通过拍摄风景来传达自己的情感。"
    )


def test_a_pitch_loses_the_idea_pasted_at_its_head_and_what_it_suits() -> None:
    """Recorded (web app, 2026-12-05): "爷爷在公园教孙子放风筝，风筝线断了，爷孙俩一起追着风筝跑。
    一个荒诞的场景，结合了喜剧和情感，适合放在搞笑或科幻类微电影中。" for 草根恶搞."""
    from film.quality.pitches import without_idea

    idea = "爷爷在公园教孙子放风筝，风筝线断了，爷孙俩一起追着风筝跑"
    pasted = f"{idea}。一个荒诞的场景，结合了喜剧和情感，适合放在搞笑或科幻类微电影中。"
    assert without_idea(pasted, idea) == "一个荒诞的场景，结合了喜剧和情感。"
    assert without_idea(f"{idea}。", idea) == f"{idea}。"  # nothing else: left to the gate
    own = "风筝挂在树上，爷爷踮着脚够，孙子笑出了声！"
    assert without_idea(own, idea) == own
    # Only at its head: the idea's characters spread through a pitch of its own stay.
    spread = f"一个下午，{idea}，孙子放声大笑。"
    assert without_idea(spread, idea) == spread
    english = "A girl and her dad chase a kite, perfect for a family micro film."
    assert without_idea(english, "a kite in the park") == "A girl and her dad chase a kite."

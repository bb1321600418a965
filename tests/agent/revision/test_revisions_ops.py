"""Structural revisions, the length cut and the diff, on real screenplays (no model)."""

from __future__ import annotations

import pytest

from agent.revision.diff import screenplay_diff
from agent.revision.numbers import LAST
from agent.revision.ops import (
    RevisionError,
    delete_scenes,
    move_scene,
    rename_character,
    retitle,
    swap_scenes,
)
from film.form import estimate_runtime, validate_form, with_estimates
from film.repair import cut_to_length
from film.screenplay import CharacterProfile, DialogueLine, Scene, Screenplay


def family(scenes: int = 5, lines: int = 4) -> Screenplay:
    """Li Ming comes home for the Spring Festival; scenes grow with ``scenes``/``lines``."""
    cast = [
        CharacterProfile(
            name="Li Ming",
            role="grandson",
            look="24, tired eyes",
            wardrobe="grey hoodie",
            props=["train ticket"],
        ),
        CharacterProfile(name="Grandma", role="Li Ming's grandmother", look="78, silver bun"),
        CharacterProfile(name="Ming", role="the family cat"),
    ]
    body = []
    for n in range(1, scenes + 1):
        body.append(
            Scene(
                number=n,
                place=f"Place {n}",
                time_of_day="NIGHT" if n % 2 else "DAY",
                action=[
                    f"Beat {n}.1: Li Ming looks at the dumplings.",
                    f"Beat {n}.2: snow falls.",
                    f"Beat {n}.3: LI MING laughs.",
                ],
                dialogue=[
                    DialogueLine(
                        speaker="Grandma" if i % 2 else "Li Ming",
                        text=f"Scene {n} line {i}: dumplings mean we are home, "
                        f"Li Ming's favourite.",
                    )
                    for i in range(lines)
                ],
                visual=f"Li Ming in a grey hoodie, lamp light {n}",
                characters=["Li Ming", "Grandma"],
            )
        )
    return with_estimates(
        Screenplay(
            title="Li Ming Comes Home",
            logline="Li Ming learns Grandma's dumplings mean home.",
            genre="touching-family",
            theme="home",
            setting_time="Spring Festival",
            characters=cast,
            scenes=body,
        )
    )


def test_rename_everywhere() -> None:
    before = family(3)
    after = rename_character(before, "li ming", "Xiao Wang")
    assert [c.name for c in after.characters] == ["Xiao Wang", "Grandma", "Ming"]
    assert after.characters[1].role == "Xiao Wang's grandmother"
    assert after.title == "Xiao Wang Comes Home"
    for scene in after.scenes:
        assert scene.characters == ["Xiao Wang", "Grandma"]
        assert {line.speaker for line in scene.dialogue} == {"Xiao Wang", "Grandma"}
        assert all("Xiao Wang's favourite" in line.text for line in scene.dialogue)
        assert scene.action[0].endswith("Xiao Wang looks at the dumplings.")
        assert scene.action[2].endswith("XIAO WANG laughs.")
        assert scene.visual.startswith("Xiao Wang in a grey hoodie")
    dump = after.model_dump_json()
    assert "Li Ming" not in dump and "LI MING" not in dump
    assert after.characters[2].name == "Ming"  # the cat is not Li Ming
    assert validate_form(after) == []
    assert before.characters[0].name == "Li Ming"  # the input is untouched


def test_rename_a_name_inside_another_leaves_the_longer_one() -> None:
    after = rename_character(family(2), "Ming", "Mochi")
    assert [c.name for c in after.characters] == ["Li Ming", "Grandma", "Mochi"]
    assert after.title == "Li Ming Comes Home"


def test_rename_chinese(chinese_screenplay: Screenplay) -> None:
    after = rename_character(chinese_screenplay, "小明", "小王")
    assert after.characters[0].name == "小王"
    assert after.scenes[1].action == ["小王拖着行李箱跑进村子。"]
    assert after.scenes[1].dialogue[0].speaker == "小王"
    assert after.scenes[1].characters == ["小王", "妈妈"]
    assert "小明" not in after.model_dump_json()


@pytest.mark.parametrize(
    ("old", "new", "key"),
    [
        ("Nobody", "X", "no_such_character"),
        ("Li Ming", "Grandma", "name_taken"),
        ("Li Ming", " ", "bad_name"),
        ("Li Ming", "x" * 41, "bad_name"),
    ],
)
def test_rename_errors(old: str, new: str, key: str) -> None:
    with pytest.raises(RevisionError) as caught:
        rename_character(family(2), old, new)
    assert caught.value.key == key


def test_rename_that_would_overflow_a_field_is_refused() -> None:
    screenplay = family(1)
    line = screenplay.scenes[0].dialogue[0].model_copy(update={"text": "Li Ming " * 49})
    scene = screenplay.scenes[0].model_copy(update={"dialogue": [line]})
    with pytest.raises(RevisionError) as caught:
        rename_character(
            screenplay.model_copy(update={"scenes": [scene]}), "Li Ming", "Wang Xiaoming The Third"
        )
    assert caught.value.key == "too_long_after_edit"


def test_swap_renumbers_and_keeps_content() -> None:
    before = family(4)
    after = swap_scenes(before, 2, 4)
    assert [s.place for s in after.scenes] == ["Place 1", "Place 4", "Place 3", "Place 2"]
    assert [s.number for s in after.scenes] == [1, 2, 3, 4]
    assert after.scenes[1].action == before.scenes[3].action
    assert estimate_runtime(after) == estimate_runtime(before)
    with pytest.raises(RevisionError, match="no_such_scene"):
        swap_scenes(before, 2, 9)
    assert [s.place for s in swap_scenes(before, 1, LAST).scenes][::3] == ["Place 4", "Place 1"]


def test_delete_and_move() -> None:
    before = family(5)
    after = delete_scenes(before, (2, 4))
    assert [s.place for s in after.scenes] == ["Place 1", "Place 3", "Place 5"]
    assert [s.number for s in after.scenes] == [1, 2, 3]
    with pytest.raises(RevisionError, match="cannot_delete_all"):
        delete_scenes(family(1), (1,))
    moved = move_scene(before, 5, 1)
    assert [s.place[-1] for s in moved.scenes] == list("51234")
    moved = move_scene(before, 1, LAST)
    assert [s.place[-1] for s in moved.scenes] == list("23451")
    moved = move_scene(before, 4, 2)
    assert [s.place[-1] for s in moved.scenes] == list("14235")
    with pytest.raises(RevisionError, match="already_there"):
        move_scene(before, 2, 2)


def test_retitle() -> None:
    assert retitle(family(1), "  Home  Again ").title == "Home Again"
    with pytest.raises(RevisionError, match="bad_title"):
        retitle(family(1), "x" * 81)


def test_cut_to_length_fits_and_keeps_the_frame() -> None:
    before = family(8, 6)
    runtime = estimate_runtime(before)
    result = cut_to_length(before, 120)
    after = result.screenplay
    assert result.reached
    assert 100 <= estimate_runtime(after) <= 120 < runtime
    assert after.scenes[0].place == "Place 1" and after.scenes[-1].place == "Place 8"
    assert [s.number for s in after.scenes] == list(range(1, len(after.scenes) + 1))
    assert all(s.action or s.dialogue for s in after.scenes)
    assert all(s.action[0].startswith(f"Beat {s.place[-1]}.1") for s in after.scenes)
    kept = {line.text for s in after.scenes for line in s.dialogue}
    original = {line.text for s in before.scenes for line in s.dialogue}
    assert kept <= original  # only removals, no rewriting
    assert validate_form(after) == []


def test_small_cut_trims_lines_instead_of_dropping_a_scene() -> None:
    before = family(5, 4)
    result = cut_to_length(before, estimate_runtime(before) - 4)
    assert result.removed_scenes == []
    assert result.removed_action + result.removed_lines <= 2


def test_big_cut_drops_middle_scenes_first() -> None:
    before = family(6, 4)
    result = cut_to_length(before, 45)
    assert result.removed_scenes and 1 not in result.removed_scenes
    assert 6 not in result.removed_scenes
    assert estimate_runtime(result.screenplay) <= 45


def test_a_cut_keeps_a_hook_a_turn_and_an_ending() -> None:
    """Recorded (craft bench, the lighthouse, 2026-12-04): cut to 2 of its 3 scenes, a
    one-minute film was refused as too few scenes; the cut trims lines instead."""
    before = family(3, 6)
    result = cut_to_length(before, 60)
    assert len(result.screenplay.scenes) == 3 and result.removed_scenes == []


def test_impossible_cut_reports_it() -> None:
    result = cut_to_length(family(3), 5)
    assert not result.reached
    assert len(result.screenplay.scenes) == 2  # first and last, barest
    assert all(len(s.action) + len(s.dialogue) == 1 for s in result.screenplay.scenes)


def test_diff_of_a_swap_shows_the_order_only() -> None:
    before = family(4)
    text = screenplay_diff(before, swap_scenes(before, 2, 4))
    assert text.splitlines()[0] == f"Runtime: {_clock(before)}"
    assert "@@ Scene order (old numbers): 1 · 4 · 3 · 2 @@" in text
    assert "- " not in text and "+ " not in text


def test_diff_of_an_edit_shows_only_changed_lines() -> None:
    before = family(3)
    scene = before.scenes[1]
    line = scene.dialogue[0].model_copy(update={"text": "A brand new line."})
    edited = scene.model_copy(update={"dialogue": [line, *scene.dialogue[1:]]})
    after = with_estimates(
        before.model_copy(update={"scenes": [before.scenes[0], edited, before.scenes[2]]})
    )
    text = screenplay_diff(before, after)
    lines = text.splitlines()
    assert lines[0].startswith("Runtime: ") and "→" in lines[0]
    assert lines[1] == "@@ Scene 2 · INT. PLACE 2 - DAY @@"
    assert lines[2].startswith("- Li Ming: Scene 2 line 0")
    assert lines[3] == "+ Li Ming: A brand new line."
    assert len(lines) == 4


def test_diff_of_a_delete_and_a_rename_in_chinese(chinese_screenplay: Screenplay) -> None:
    renamed = rename_character(chinese_screenplay, "小明", "小王")
    text = screenplay_diff(chinese_screenplay, renamed, language="zh")
    assert text.startswith("时长：")
    assert "@@ 人物 @@" in text and "+ 小王: 儿子" in text
    assert "@@ 第2场 · EXT. 村口 - NIGHT @@" in text
    assert "+ 小王: 妈，我回来了！" in text
    deleted = delete_scenes(chinese_screenplay, (1,))
    text = screenplay_diff(chinese_screenplay, deleted, language="zh")
    assert "@@ 删除第1场 · INT. 老家厨房 - EVENING @@" in text
    assert "@@ 第1场（原第2场）" not in text  # unchanged content is not listed


def test_diff_is_bounded_and_says_when_nothing_changed() -> None:
    before = family(12, 8)
    after = rename_character(before, "Li Ming", "Xiao Wang")
    text = screenplay_diff(after, after)
    assert text.endswith("No changes.")
    text = screenplay_diff(before, after)
    assert len(text.splitlines()) <= 41 and "more changed lines" in text
    assert max(len(line) for line in text.splitlines()) <= 130


def _clock(screenplay: Screenplay) -> str:
    total = round(estimate_runtime(screenplay))
    return f"{total // 60}:{total % 60:02d}"


def test_every_message_exists_in_both_languages_with_the_same_fields() -> None:
    import string

    from agent.messages import TEXTS as MESSAGES
    from agent.messages import duration_text, join_numbers

    for key, (english, chinese) in MESSAGES.items():
        fields = [
            {f for _, f, _, _ in string.Formatter().parse(t) if f} for t in (english, chinese)
        ]
        assert english and chinese and fields[0] == fields[1], key
        assert any("\u4e00" <= ch <= "\u9fff" for ch in chinese), key
    assert duration_text(125, "en") == "2 min 05 s" and duration_text(45, "zh") == "45秒"
    assert join_numbers([2, 3, 5], "en") == "2, 3 and 5" and join_numbers([2, 3], "zh") == "2、3"

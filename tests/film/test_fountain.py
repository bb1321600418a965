"""Fountain export: exact round trips, and what an independent parser (screenplain) sees."""

from __future__ import annotations

import io

import pytest
from screenplain.parsers import fountain as screenplain
from screenplain.types import Dialog, DualDialog, Slug, Transition

from film.fountain.writer import FountainError, from_fountain, to_fountain
from film.screenplay import CharacterProfile, DialogueLine, Scene, Screenplay


def english() -> Screenplay:
    return Screenplay(
        title="The Last Dumpling",
        logline="A grandson who never calls learns to fold dumplings.",
        genre="touching-family",
        language="en",
        theme="Love shows in small habits.",
        setting_time="Eve of the Spring Festival, present day",
        characters=[
            CharacterProfile(
                name="Li Ming",
                role="grandson",
                look="24, tired eyes",
                wardrobe="grey hoodie",
                props=["phone", "train ticket"],
                voice="young male",
            ),
            CharacterProfile(
                name="Grandma",
                role="keeper of recipes",
                look="78, silver bun",
                wardrobe="blue apron",
                props=["rolling pin"],
                voice="old female",
            ),
        ],
        scenes=[
            Scene(
                number=1,
                interior="EXT",
                place="Train station",
                time_of_day="DUSK",
                action=["Li Ming pushes through the holiday crowd."],
                dialogue=[
                    DialogueLine(
                        speaker="Li Ming",
                        text="Grandma? I'm on the train.",
                        parenthetical="into phone",
                    )
                ],
                visual="Crowded platform, red lanterns",
                characters=["Li Ming"],
                duration_s=7.2,
            ),
            Scene(
                number=2,
                place="Grandma's kitchen",
                time_of_day="NIGHT",
                action=["Flour everywhere.", "Grandma guides his clumsy fingers."],
                dialogue=[
                    DialogueLine(speaker="Grandma", text="Pinch, then fold. Like this."),
                    DialogueLine(speaker="Li Ming", text="Mine looks like a potato."),
                ],
                characters=["Li Ming", "Grandma"],
                transition="DISSOLVE",
                duration_s=9.5,
            ),
            Scene(
                number=3,
                interior="INT/EXT",
                place="Doorway",
                time_of_day="MORNING",
                action=["He waves from the taxi."],
                transition="FADE",
            ),
        ],
    )


def chinese() -> Screenplay:
    return Screenplay(
        title="最后一个饺子",
        logline="一个从不打电话的孙子学会了包饺子。",
        genre="touching-family",
        language="zh",
        theme="爱藏在小小的习惯里",
        setting_time="除夕，当下",
        characters=[
            CharacterProfile(name="李明", role="孙子", look="二十四岁", props=["手机"]),
            CharacterProfile(name="奶奶", role="老人", wardrobe="蓝色围裙"),
        ],
        scenes=[
            Scene(
                number=1,
                interior="EXT",
                place="火车站",
                time_of_day="DUSK",
                action=["李明挤过人群。"],
                dialogue=[
                    DialogueLine(
                        speaker="李明", text="奶奶，我在火车上了。", parenthetical="打电话"
                    )
                ],
                characters=["李明"],
                transition="FADE",
            ),
            Scene(
                number=2,
                place="奶奶家厨房",
                time_of_day="NIGHT",
                action=["满桌面粉。"],
                dialogue=[
                    DialogueLine(speaker="奶奶", text="先捏，再折。"),
                    DialogueLine(speaker="李明", text="我包的像个土豆。"),
                ],
                characters=["李明", "奶奶"],
                visual="暖黄灯光，蒸汽",
            ),
        ],
    )


@pytest.mark.parametrize("make", [english, chinese])
def test_round_trip_is_exact(make) -> None:
    screenplay = make()
    text = to_fountain(screenplay)
    assert from_fountain(text) == screenplay
    assert to_fountain(from_fountain(text)) == text


def test_english_output_looks_like_a_screenplay() -> None:
    text = to_fountain(english())
    assert text.startswith("Title: The Last Dumpling\nCredit: Written by\n")
    assert "Genre: Touching Family (温情亲情)\n" in text
    assert "\n\nEXT. TRAIN STATION - DUSK #1#\n\n" in text
    assert "\n\nLI MING\n(into phone)\nGrandma? I'm on the train.\n\n" in text
    assert "\n\nCUT TO:\n\n" in text
    assert "\n\nDISSOLVE TO:\n\n" in text
    assert text.endswith("\n\n> FADE OUT.\n")
    assert "[[Character: Grandma\nRole: keeper of recipes\n" in text
    assert "Props: phone; train ticket]]" in text


def test_chinese_cues_are_forced_with_at() -> None:
    text = to_fountain(chinese())
    assert "\n\n@李明\n(打电话)\n奶奶，我在火车上了。\n\n" in text
    assert "\n\n@奶奶\n先捏，再折。\n\n" in text
    assert "Genre: 温情亲情（Touching Family）\n" in text
    assert "\n\nFADE TO:\n\n" in text  # a fade between scenes, not at the end


def _screenplain_view(text: str) -> tuple[list[str], list[str], dict[str, list[str]]]:
    document = screenplain.parse(io.StringIO(text))
    headings = [str(p.line) for p in document if isinstance(p, Slug)]
    speakers: list[str] = []
    for paragraph in document:
        assert not isinstance(paragraph, DualDialog)
        if isinstance(paragraph, Dialog):
            speakers.append(str(paragraph.character))
    return headings, speakers, document.title_page


@pytest.mark.parametrize("make", [english, chinese])
def test_screenplain_sees_the_same_scenes_and_speakers(make) -> None:
    screenplay = make()
    headings, speakers, title_page = _screenplain_view(to_fountain(screenplay))
    assert headings == [scene.heading for scene in screenplay.scenes]
    expected = [line.speaker.upper() for s in screenplay.scenes for line in s.dialogue]
    assert [s.upper() for s in speakers] == expected
    assert title_page["Title"] == [screenplay.title]
    assert title_page["Logline"] == [screenplay.logline]


def test_screenplain_sees_transitions() -> None:
    document = screenplain.parse(io.StringIO(to_fountain(english())))
    transitions = [str(p.line) for p in document if isinstance(p, Transition)]
    assert transitions == ["CUT TO:", "DISSOLVE TO:", "FADE OUT."]


def test_awkward_text_round_trips_and_stays_parseable() -> None:
    base = english()
    scene = base.scenes[1].model_copy(
        update={
            "place": "Room #5# - NIGHT",
            "action": [
                "INT. NOT A HEADING",
                "CUT TO:",
                "> centred <",
                "!bang",
                "@at",
                "",
                "  indented",
                "two\nlines",
                "has [[note]] and /* bone */",
                "= synopsis",
                "#section",
                ".5 seconds later",
            ],
        }
    )
    odd = base.model_copy(update={"scenes": [base.scenes[0], scene, base.scenes[2]]})
    text = to_fountain(odd)
    assert from_fountain(text) == odd
    assert "/*" not in text and "*/" not in text
    headings, _, _ = _screenplain_view(text)
    assert len(headings) == 3


def test_awkward_speakers_and_parentheticals() -> None:
    base = english()
    lines = [
        DialogueLine(speaker="LI MING", text="Case differs from the bible."),
        DialogueLine(speaker="li ming", text="Lower case."),
        DialogueLine(speaker="Stranger (V.O.)", text="Not in the bible."),
        DialogueLine(speaker="BOB ^", text="Would be dual dialogue."),
        DialogueLine(speaker="Grandma", text="(sighs)"),
        DialogueLine(speaker="Grandma", text="(sighs)", parenthetical="(quietly)"),
        DialogueLine(speaker="Grandma", text="Multi\nline", parenthetical="a\tb"),
        DialogueLine(speaker="@handle", text="Starts with at."),
        DialogueLine(speaker="  ", text=" "),
        DialogueLine(speaker="Ahmad 😀 أحمد", text="مرحبا 👋 hello 你好"),
    ]
    scene = base.scenes[1].model_copy(update={"dialogue": lines})
    odd = base.model_copy(update={"scenes": [scene]})
    text = to_fountain(odd)
    assert from_fountain(text) == odd
    _, speakers, _ = _screenplain_view(text)
    assert len(speakers) == len(lines)


def test_hand_written_fountain_reads_sensibly() -> None:
    text = (
        "Title: Rain Check\nGenre: youth romance\nLogline: Two rivals share an umbrella.\n\n"
        "/* an old idea\n\nleft in the boneyard */\n\n"
        "EXT. BUS STOP - NIGHT\n\nRain hammers the shelter. [[maybe thunder]]\n\n"
        "MAYA\n(dry)\nYou again.\n\nJONAS ^\nMe again.\n\nSMASH CUT TO:\n\n"
        ".ROOFTOP\n\n@Jonas\nTruce?\n\n> FADE OUT.\n"
    )
    screenplay = from_fountain(text)
    assert screenplay.genre == "youth-romance" and screenplay.language == "en"
    assert [s.heading for s in screenplay.scenes] == ["EXT. BUS STOP - NIGHT", "INT. ROOFTOP - DAY"]
    first, second = screenplay.scenes
    assert first.action == ["Rain hammers the shelter."]
    assert [(d.speaker, d.parenthetical, d.text) for d in first.dialogue] == [
        ("MAYA", "dry", "You again."),
        ("JONAS", "", "Me again."),
    ]
    assert first.transition == "CUT" and second.transition == "FADE"
    assert second.dialogue[0].speaker == "Jonas"


def test_cues_resolve_to_bible_names() -> None:
    text = (
        "Title: T\nGenre: 古风\nLogline: L\n\n[[Character: Shen Yu\nRole: swordsman]]\n\n"
        "INT. TEAHOUSE - DAY\n\nSHEN YU\nTea, please.\n"
    )
    screenplay = from_fountain(text)
    assert screenplay.genre == "ancient-style"
    assert screenplay.scenes[0].dialogue[0].speaker == "Shen Yu"


def test_missing_genre_is_a_clear_error() -> None:
    with pytest.raises(FountainError, match="Genre"):
        from_fountain("Title: T\nLogline: L\n\nINT. ROOM - DAY\n\nHi.\n")


def test_unknown_genre_lists_the_choices() -> None:
    with pytest.raises(FountainError, match="youth-romance"):
        from_fountain("Title: T\nGenre: western\n\nINT. ROOM - DAY\n")


def test_too_many_scenes_is_a_clear_error() -> None:
    body = "\n\n".join(f"INT. ROOM {i} - DAY\n\nA beat." for i in range(61))
    with pytest.raises(FountainError, match="not a valid screenplay"):
        from_fountain("Title: T\nGenre: spoof\nLogline: L\n\n" + body)

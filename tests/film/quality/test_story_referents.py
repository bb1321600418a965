"""Speech under a pronoun goes to its one referent (film.quality.story.referents)."""

from __future__ import annotations

from collections.abc import Sequence

from film.quality.people.speech import speech_to_dialogue
from film.quality.story.referents import referent
from film.screenplay import DialogueLine, Scene

NOTE = "他把纸条递给张华，并说：“明天见。”"
NOTE_EN = 'He hands Tom the note and says, "See you tomorrow."'


def _scene(action: list[str], characters: list[str], lines: Sequence[DialogueLine] = ()) -> Scene:
    return Scene(number=1, place="门口", action=action, characters=characters, dialogue=list(lines))


def _said(scene: Scene) -> list[tuple[str, str]]:
    return [(line.speaker, line.text) for line in scene.dialogue]


def test_the_recorded_note_is_the_other_persons_line() -> None:
    # Recorded (the offline 1.5B model): the quote stayed in the action, shown as action.
    mended = speech_to_dialogue(_scene([NOTE], ["李明", "张华"]), ["李明", "张华"])
    assert mended.action == ["他把纸条递给张华。"]  # 张华 receives; the deed stays
    assert _said(mended) == [("李明", "明天见。")]


def test_the_recorded_romance_line_follows_the_line_before() -> None:
    # Recorded (bench/samples/zh-romance-notes.fountain, scene 4): two 同桌 of unknown sex.
    action = [
        "李明将最后一张小纸条放在桌子上，准备开始写真话。",
        "他用黑色的钢笔在纸上写下“我爱你”，然后用红色的钢笔在另一面写下“永远”。",
        "他把纸条递给张华，并说：“张华，现在就是我们最后一次见面了。”",
    ]
    lines = [DialogueLine(speaker="李明", text="我爱你")]
    mended = speech_to_dialogue(_scene(action, ["李明", "张华"], lines), ["李明", "张华"])
    assert mended.action == [*action[:2], "他把纸条递给张华。"]
    assert _said(mended) == [("李明", "我爱你"), ("李明", "张华，现在就是我们最后一次见面了。")]


def test_the_line_before_names_the_speaker_among_three() -> None:
    people = ["李明", "张华", "王强"]
    alone = _scene([NOTE], people)
    assert speech_to_dialogue(alone, people) == alone  # 李明 or 王强: left as it is
    walked = _scene(["李明走到张华身边。", NOTE], people)
    mended = speech_to_dialogue(walked, people)
    assert mended.action == ["李明走到张华身边。", "他把纸条递给张华。"]
    assert _said(mended) == [("李明", "明天见。")]
    both = _scene(["李明看着王强。", NOTE], people)
    assert speech_to_dialogue(both, people) == both  # two named before: ambiguous


def test_a_role_rules_out_the_other_sex() -> None:
    people, roles = ["李明", "张华", "小红"], ["保安", "快递员", "女孩"]
    mended = speech_to_dialogue(_scene([NOTE], people), people, roles)
    assert _said(mended) == [("李明", "明天见。")]  # 小红 is no 他
    unknown = _scene([NOTE], people)
    assert speech_to_dialogue(unknown, people) == unknown  # without roles, 小红 may be 他
    she = _scene(["她把纸条递给张华，并说：“明天见。”"], people)
    assert speech_to_dialogue(she, people, roles) == she  # 李明 may be 她 too


def test_english_speech_under_he_goes_to_the_one_who_is_not_handed_the_note() -> None:
    mended = speech_to_dialogue(_scene([NOTE_EN], ["Jack", "Tom"]), ["Jack", "Tom"])
    assert mended.action == ["He hands Tom the note."]
    assert _said(mended) == [("Jack", "See you tomorrow.")]
    three = _scene([NOTE_EN], ["Jack", "Tom", "Mike"])
    assert speech_to_dialogue(three, ["Jack", "Tom", "Mike"]) == three
    entered = _scene(["Jack walks in.", NOTE_EN], ["Jack", "Tom", "Mike"])
    assert _said(speech_to_dialogue(entered, ["Jack", "Tom", "Mike"])) == [
        ("Jack", "See you tomorrow.")
    ]
    # Mia is no "He" and Tom is handed the note: nobody fits, the line stays.
    nobody = _scene([NOTE_EN], ["Mia", "Tom"])
    assert speech_to_dialogue(nobody, ["Mia", "Tom"]) == nobody
    she = _scene(["She" + NOTE_EN[2:]], ["Mia", "Tom"])
    assert _said(speech_to_dialogue(she, ["Mia", "Tom"])) == [("Mia", "See you tomorrow.")]


def test_groups_and_lines_without_a_pronoun_stay() -> None:
    people = ["李明", "张华"]
    for line in ("他们一起说：“明天见。”", "她们笑着说：“再见。”", "夜深了，走廊很安静。"):
        scene = _scene([line], people)
        assert speech_to_dialogue(scene, people) == scene
    they = _scene(['They say, "See you tomorrow."'], ["Jack", "Tom"])
    assert speech_to_dialogue(they, ["Jack", "Tom"]) == they
    said = _scene(["他说：“明天见。”"], people)  # nobody named, two who fit
    assert speech_to_dialogue(said, people) == said


def test_a_chain_of_pronoun_lines_keeps_one_subject() -> None:
    people = [("李明", ""), ("张华", "")]
    before = ["他走到张华身边。"]
    assert referent("他笑着说：“你好。”", before, people, ["李明", "张华"]) == ("他", "李明")
    three = [*people, ("王强", "")]
    assert referent("他笑着说：“你好。”", before, three, ["李明", "张华", "王强"]) is None

"""A line that claims the idea's deed for the wrong person goes to the person it is."""

from __future__ import annotations

from film.quality.people.claims import idea_deeds, mend_claims
from film.screenplay import DialogueLine, Scene

DUMPLINGS = "孙子明天就要去外地上大学，奶奶在厨房里教他包饺子，把没说出口的叮嘱都包进了饺子里。"
BUS = (
    "A retired bus driver rides his old route one last time with his granddaughter, who has "
    "never seen the city through his eyes."
)


def _scene(cast: list[str], lines: list[tuple[str, str]]) -> Scene:
    return Scene(
        number=2,
        place="客厅",
        characters=cast,
        dialogue=[DialogueLine(speaker=who, text=text) for who, text in lines],
    )


def test_the_idea_says_who_does_what() -> None:
    deeds = dict((group[0], terms) for group, terms in idea_deeds(DUMPLINGS))
    assert "大学" in deeds["grandson"] and "饺子" in deeds["grandmother"]
    assert [group[0] for group, _ in idea_deeds(BUS)] == ["driver"]
    assert idea_deeds("A young swordswoman must carry a sealed letter") == []


def test_the_recorded_grandmother_no_longer_leaves_for_university() -> None:
    # Recorded (饺子的约定, 2026-12-01, scene 2).
    scene = _scene(
        ["奶奶", "孙子"],
        [
            ("奶奶", "明天我要去外地上大学，你放心吧。"),
            ("孙子", "谢谢奶奶，我会小心的。"),
            ("奶奶", "你明天就要去外地上大学了，要照顾好自己。"),
            ("孙子", "我来包饺子吧。"),
        ],
    )
    people = [("奶奶", "奶奶"), ("孙子", "孩子")]
    mended = mend_claims(scene, DUMPLINGS, people)
    assert [line.speaker for line in mended.dialogue] == ["孙子", "孙子", "奶奶", "孙子"]


def test_an_english_line_moves_only_to_someone_in_the_scene() -> None:
    people = [("Joe", "retired bus driver"), ("Lily", "his granddaughter")]
    lines = [("Lily", "I ride this old route one last time today."), ("Joe", "Hold on tight.")]
    mended = mend_claims(_scene(["Joe", "Lily"], lines), BUS, people)
    assert [line.speaker for line in mended.dialogue] == ["Joe", "Joe"]
    alone = _scene(["Lily"], lines[:1])
    assert mend_claims(alone, BUS, people) == alone
    told = _scene(["Joe", "Lily"], [("Lily", "You ride this old route one last time today.")])
    assert mend_claims(told, BUS, people) == told


def test_relatives_do_not_tell_each_other_who_they_are() -> None:
    """Recorded (小明的街舞梦, 2026-12-01): "你就是我的爸爸吗？" / "是的，我是你的爸爸。"."""
    from film.quality.people.claims import without_who_is_who

    scene = Scene(
        number=1,
        place="客厅",
        action=["小明坐在沙发上。"],
        dialogue=[
            DialogueLine(speaker="小明", text="爸，那我叫小明，你就是我的爸爸吗？"),
            DialogueLine(speaker="爸爸", text="是的，我是你的爸爸。"),
            DialogueLine(speaker="爸爸", text="你先坐好。我马上过来。"),
            DialogueLine(speaker="Dad", text="Yes. I'm your father. Now go."),
        ],
    )
    kept = [(line.speaker, line.text) for line in without_who_is_who(scene).dialogue]
    assert kept == [("爸爸", "你先坐好。我马上过来。"), ("Dad", "Yes. Now go.")]
    plain = scene.model_copy(update={"dialogue": scene.dialogue[2:3]})
    assert without_who_is_who(plain) is plain


def test_the_one_the_idea_says_teaches_is_the_one_who_shows_how() -> None:
    """Recorded (2026-12-02): the taught asked to be taught by the one they teach."""
    from film.quality.people.claims import mend_claims

    idea = "A shy boy teaches his grandmother to send her first video message."
    people = [("Sam", "grandson"), ("Grandmother", "grandmother")]
    scene = Scene(
        number=2,
        place="Kitchen",
        action=["Sam holds the phone."],
        dialogue=[
            DialogueLine(speaker="Sam", text="How do you send a video message?"),
            DialogueLine(speaker="Grandmother", text="I'll show you how."),
            DialogueLine(speaker="Sam", text="Press the red button."),
        ],
        characters=["Sam", "Grandmother"],
    )
    assert [line.speaker for line in mend_claims(scene, idea, people).dialogue] == [
        "Grandmother",
        "Sam",
        "Sam",
    ]
    zh_idea = "外婆第一次学用手机和远方的孙女视频通话，孙女耐心地一步步教她"
    zh = Scene(
        number=1,
        place="外婆家",
        action=["外婆拿起手机。"],
        dialogue=[
            DialogueLine(speaker="外婆", text="好的，我理解了。"),
            DialogueLine(speaker="孙女", text="现在教我拍一张相片吧。"),
        ],
        characters=["外婆", "孙女"],
    )
    mended = mend_claims(zh, zh_idea, [("外婆", "外婆"), ("孙女", "孙女")])
    assert [line.speaker for line in mended.dialogue] == ["外婆", "外婆"]


def test_the_ideas_gift_is_given_by_its_giver() -> None:
    """Recorded (the web app, 2026-12-03): "老人留他喝了一碗姜汤", yet the rider said "你喝
    一杯姜汤吧" and "外卖小哥拿出一串姜汤，递给老人"."""
    from film.quality.people.claims import giver_and_taker, mend_offers

    soup = "外卖小哥在暴雨夜把最后一单送到独居老人家，老人留他喝了一碗姜汤。"
    people = [("外卖小哥", "外卖小哥"), ("独居老人", "孤独者")]
    assert giver_and_taker(soup, people) == ("独居老人", "外卖小哥", "姜汤")
    scene = Scene(
        number=2,
        place="独居老人家",
        characters=["外卖小哥", "独居老人"],
        action=["外卖小哥拿出一串姜汤，递给老人。", "外卖小哥站在门口。"],
        dialogue=[
            DialogueLine(speaker="外卖小哥", text="你喝一杯姜汤吧。"),
            DialogueLine(speaker="独居老人", text="谢谢你的姜汤。"),
            DialogueLine(speaker="外卖小哥", text="这碗姜汤的味道真不错。"),
        ],
    )
    given = mend_offers(scene, soup, people)
    assert given.action == ["独居老人拿出一串姜汤，递给外卖小哥。", "外卖小哥站在门口。"]
    assert [line.speaker for line in given.dialogue] == ["独居老人", "外卖小哥", "外卖小哥"]
    # The craft bench of 2026-12-04: "你愿意喝这碗姜汤吗？" asked by the rider, who then
    # "拿出一杯姜汤，放在老人的桌上" at the old man's own home.
    asked = scene.model_copy(
        update={
            "action": ["外卖小哥拿出一杯姜汤，放在老人的桌上。"],
            "dialogue": [
                DialogueLine(speaker="外卖小哥", text="你愿意喝这碗姜汤吗？"),
                DialogueLine(speaker="独居老人", text="外面雨太大了。"),
            ],
        }
    )
    offered = mend_offers(asked, soup, people)
    assert offered.action == ["独居老人拿出一杯姜汤，放在外卖小哥的桌上。"]
    assert [line.speaker for line in offered.dialogue] == ["独居老人", "独居老人"]
    fish = "An old fisherman makes the lost boy a bowl of fish soup."
    assert giver_and_taker(fish, [("Ben", "old fisherman"), ("Leo", "lost boy")]) == (
        "Ben",
        "Leo",
        "soup",
    )
    dumplings = "孙子明天就要去外地上大学，奶奶在厨房里教他包饺子。"
    assert giver_and_taker(dumplings, [("奶奶", "奶奶"), ("孙子", "孙子")]) == ("", "", "")

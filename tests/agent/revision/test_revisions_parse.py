"""parse_revision: every kind of request, English and Chinese, and what is not a revision."""

from __future__ import annotations

import pytest

from agent.revision.node import RevisionRequest, parse_revision
from agent.revision.numbers import LAST, duration_seconds, scene_refs, zh_number


def parsed(text: str) -> RevisionRequest:
    request = parse_revision(text)
    assert request is not None, text
    return request


@pytest.mark.parametrize(
    ("text", "old", "new", "certain"),
    [
        ("rename Li Ming to Xiao Wang everywhere", "Li Ming", "Xiao Wang", True),
        ("Please rename Grandma to Nana.", "Grandma", "Nana", True),
        ("change Li Ming's name to Xiao Wang", "Li Ming", "Xiao Wang", True),
        ("replace Li Ming with Xiao Wang everywhere", "Li Ming", "Xiao Wang", True),
        ("把李明改名为小王", "李明", "小王", True),
        ("李明改名叫小王", "李明", "小王", True),
        ("把“李明”的名字改成“小王”", "李明", "小王", True),
        ("把李明改成小王", "李明", "小王", False),
    ],
)
def test_rename(text: str, old: str, new: str, certain: bool) -> None:
    request = parsed(text)
    assert (request.kind, request.old_name, request.new_name, request.certain) == (
        "rename",
        old,
        new,
        certain,
    )


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("rename the film to Homecoming", "Homecoming"),
        ("change the title to “The Long Way Home”", "The Long Way Home"),
        ("片名改为《归途》", "归途"),
        ("标题改成回家", "回家"),
    ],
)
def test_retitle(text: str, title: str) -> None:
    request = parsed(text)
    assert (request.kind, request.new_name) == ("retitle", title)


@pytest.mark.parametrize(
    "text",
    [
        "swap scenes 2 and 4",
        "Swap scene 2 with scene 4",
        "switch the second and fourth scenes",
        "exchange scenes two and four",
        "交换第2场和第4场",
        "第二场和第四场对调",
        "把第二场和第四场互换",
    ],
)
def test_swap(text: str) -> None:
    request = parsed(text)
    assert (request.kind, request.scenes) == ("swap", (2, 4))


@pytest.mark.parametrize(
    ("text", "scenes"),
    [
        ("delete scene 3", (3,)),
        ("remove the last scene", (LAST,)),
        ("cut scene 2", (2,)),
        ("delete scenes 2 and 3", (2, 3)),
        ("drop the third scene", (3,)),
        ("删除第3场", (3,)),
        ("把第三场删掉", (3,)),
        ("删掉最后一场", (LAST,)),
    ],
)
def test_delete(text: str, scenes: tuple[int, ...]) -> None:
    request = parsed(text)
    assert (request.kind, request.scenes) == ("delete", scenes)


@pytest.mark.parametrize(
    ("text", "scene", "position"),
    [
        ("move scene 5 to the start", 5, 1),
        ("move scene 2 to the end", 2, LAST),
        ("move scene 4 after scene 1", 4, 2),
        ("move scene 1 before scene 3", 1, 2),
        ("move scene 1 after scene 3", 1, 3),
        ("move scene 3 to position 1", 3, 1),
        ("把第5场移到第2场之后", 5, 3),
        ("把第五场放到最后", 5, LAST),
        ("把第三场移到开头", 3, 1),
    ],
)
def test_move(text: str, scene: int, position: int) -> None:
    request = parsed(text)
    assert (request.kind, request.scenes, request.position) == ("move", (scene,), position)


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("cut it to three minutes", 180),
        ("trim it to 90 seconds", 90),
        ("make it two minutes long", 120),
        ("keep it under 2 minutes", 120),
        ("get it down to 1:30", 90),
        ("shorten the film to a minute and a half", 90),
        ("压缩到两分钟", 120),
        ("缩短到90秒", 90),
        ("控制在一分半以内", 90),
        ("剪到两分半钟", 150),
    ],
)
def test_cut_to_length(text: str, seconds: float) -> None:
    request = parsed(text)
    assert (request.kind, request.seconds, request.shorter_by) == ("cut", seconds, None)


@pytest.mark.parametrize(
    ("text", "seconds"), [("cut 30 seconds", 30), ("缩短30秒", 30), ("trim off a minute", 60)]
)
def test_cut_by_amount(text: str, seconds: float) -> None:
    request = parsed(text)
    assert (request.kind, request.shorter_by, request.seconds) == ("cut", seconds, None)


@pytest.mark.parametrize(
    "text",
    [
        "undo",
        "Undo that.",
        "revert the last change",
        "go back",
        "撤销",
        "撤回刚才的修改",
        "回到上一个版本",
    ],
)
def test_undo(text: str) -> None:
    assert parsed(text).kind == "undo"


@pytest.mark.parametrize(
    ("text", "version"),
    [
        ("go back to version 2", 2),
        ("restore version 3", 3),
        ("revert to v2", 2),
        ("回到第2版", 2),
        ("恢复到版本二", 2),
        ("go back to version two", 2),
    ],
)
def test_restore(text: str, version: int) -> None:
    request = parsed(text)
    assert (request.kind, request.version) == ("restore", version)


@pytest.mark.parametrize(
    ("text", "scenes"),
    [
        ("make scene 3 funnier", (3,)),
        ("please make scene two more romantic", (2,)),
        ("让第二场更感人", (2,)),
        ("第三场加一句台词", (3,)),
        ("make the last scene sadder", (LAST,)),
        ("make the ending more hopeful", (LAST,)),
        ("rewrite the opening", (1,)),
        ("give Grandma a line about her late husband", ()),
        ("给奶奶加一句关于她已故丈夫的台词", ()),
        ("let Xiao Wang say goodbye at the station", ()),
        ("make it funnier", ()),
        ("把第二场改成夜景", (2,)),
        ("give Li Ming a joke in scene 2", (2,)),
    ],
)
def test_creative(text: str, scenes: tuple[int, ...]) -> None:
    request = parsed(text)
    assert (request.kind, request.scenes) == ("creative", scenes)
    assert request.text == text


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("make it better", ""),
        ("improve it", ""),
        ("改好一点", ""),
        ("I don't like it", ""),
        ("make it shorter", "length"),
        ("太长了", "length"),
    ],
)
def test_vague_requests_ask_back(text: str, topic: str) -> None:
    request = parsed(text)
    assert (request.kind, request.topic) == ("clarify", topic)


@pytest.mark.parametrize(
    "text",
    [
        "render it",
        "make the cover",
        "make the film",
        "export the PDF",
        "A story about a cat who learns to fly",
        "I want a film about my grandmother",
        "new idea: a robot in love",
        "我想拍一个关于外婆的故事",
        "生成封面",
        "渲染",
        "hello",
        "What can you do?",
        "thanks!",
        "",
        "   ",
    ],
)
def test_not_revisions(text: str) -> None:
    assert parse_revision(text) is None


def test_huge_text_is_bounded() -> None:
    request = parsed("make scene 2 funnier " + "and wittier " * 10_000)
    assert request.kind == "creative" and len(request.text) <= 600


def test_numbers_and_lengths() -> None:
    numerals = ("三", "十", "十二", "二十", "二十三", "两", "一百零五", "１２")
    assert [zh_number(t) for t in numerals] == [3, 10, 12, 20, 23, 2, 105, 12]
    assert zh_number("好") is None
    assert scene_refs("scenes 1, 3 and 5") == [1, 3, 5]
    assert scene_refs("第十二场和最后一场") == [12, LAST]
    assert duration_seconds("2m30s") == 150
    assert duration_seconds("一分30秒") == 90
    assert duration_seconds("半分钟") == 30
    assert duration_seconds("two scenes") is None

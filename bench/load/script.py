"""What each scripted user says, and the unique name that marks everything that is theirs.

Every conversation gets its own made-up hero name (``Qabakelomi`` in English, ``祁安宁平和``
in Chinese). The idea carries it, the fake model writes it into the cast, the scenes and the
title, so a screenplay, a chat message or a project file that shows another conversation's
name is cross-talk, and one that lacks its own name is a lost answer. The names have a
shape no other text in the studio has (:data:`NAME_PATTERN`), so the fake model can find
the one in a prompt and the checks can find every one in a reply.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_EN_SYLLABLES = ("ba", "ke", "lo", "mi", "nu", "ra", "si", "to", "vu", "ze")
_ZH_CHARACTERS = "安宁平和春秋星月云山"
MAX_CONVERSATIONS = 10_000
NAME_PATTERN = re.compile(
    "Qa(?:" + "|".join(_EN_SYLLABLES) + "){4}|祁[" + _ZH_CHARACTERS + "]{4}",
)
GENRE_QUESTION = "choose_genre"
"""The action name of the genre buttons: the first turn of a conversation ends with them."""
_FUNNY = {
    "en": (
        (
            "Flour puffs into {name}'s face and the whole table bursts out laughing.",
            "Well, that is one way to season the dough.",
        ),
        (
            "The cat steals a dumpling and {name} chases it around the table.",
            "That cat has better taste than both of us.",
        ),
        (
            "Grandma hides the last wrapper in her sleeve, grinning at {name}.",
            "You will never find it, my clumsy little chef.",
        ),
        (
            "{name} sneezes into the flour and Grandma laughs until she cries.",
            "Bless you, and bless the dumplings you just ruined.",
        ),
    ),
    "zh": (
        ("面粉扑了{name}一脸，一桌人笑成一团。", "好吧，这样也算是给面团调了味道。"),
        ("花猫叼走一个饺子，{name}绕着桌子追它。", "这只猫的口味比咱们俩都要好呢。"),
        ("外婆把最后一张皮藏进袖子，冲{name}眨眨眼。", "你找不到的，我的小笨手大厨师。"),
        ("{name}对着面粉打了个喷嚏，外婆笑出了眼泪。", "长命百岁，可惜这锅饺子被你毁了。"),
    ),
}


def hero_name(number: int, language: str) -> str:
    """The unique name of conversation ``number`` (0-9999), in English or Chinese."""
    if not 0 <= number < MAX_CONVERSATIONS:
        raise ValueError(f"conversation numbers run from 0 to {MAX_CONVERSATIONS - 1}")
    digits = [int(d) for d in f"{number:04d}"]
    if language == "zh":
        return "祁" + "".join(_ZH_CHARACTERS[d] for d in digits)
    return "Qa" + "".join(_EN_SYLLABLES[d] for d in digits)


@dataclass(frozen=True)
class Turn:
    """One message a user types, and what its reply must show to count as answered.

    Attributes:
        kind: What the turn asks of the studio (idea, draft, rewrite, retitle, undo).
        text: The message.
        expect: Texts the turn's reply must contain: the screenplay's cast line for the
            hero, a rewrite's new action, a new title's heading.
        asks_genre: True when the reply must end with the genre buttons.
    """

    kind: str
    text: str
    expect: tuple[str, ...] = ()
    asks_genre: bool = False


def conversation(name: str, language: str) -> list[Turn]:
    """One conversation's turns: an idea, a genre, then revisions; nothing is rendered.

    The idea names no genre, so the studio asks; "you choose" then drafts the whole
    screenplay (every drafting stage, through the quality gate). The revisions mix two
    creative rewrites (a model call through the gate each) with a retitle and an undo
    (no model), so a turn's cost spans the studio's range. Only the finished screenplay
    lists the hero as ``- **name** — role...`` and has a first scene heading: neither the
    echo of the user's words in a step's input nor the character bible a failed draft
    still shows (``- **name** (role)``) does.
    """
    cast = f"- **{name}** — "
    screenplay = (cast, "### 1. ")
    zh = language == "zh"
    title = f"{name}的饺子" if zh else f"Dumplings for {name}"
    first = funny_beat(1, language, name)[0]
    second = funny_beat(2, language, name)[0]
    idea = (
        f"一部一分钟的短片：{name}出国前一晚，外婆教他包饺子。"
        if zh
        else f"A 1-minute film: before {name} moves abroad, his grandma teaches him dumplings."
    )
    return [
        Turn("idea", idea, asks_genre=True),
        Turn("draft", "你来选" if zh else "you choose", expect=screenplay),
        Turn(
            "rewrite", "让第1场更有趣一点" if zh else "make scene 1 funnier", (*screenplay, first)
        ),
        Turn(
            "rewrite", "让第2场更有趣一点" if zh else "make scene 2 funnier", (*screenplay, second)
        ),
        Turn(
            "retitle", f"片名改为{title}" if zh else f"rename the film to {title}", (f"## {title}",)
        ),
        Turn("undo", "撤销" if zh else "undo", expect=screenplay),
    ]


def funny_beat(scene: int, language: str, name: str) -> tuple[str, str]:
    """The fake model's rewrite of scene ``scene`` (from 1): a new action and a new line.

    Each scene gets its own, so rewriting two scenes never repeats a line (the quality gate
    refuses a screenplay that does), and the reply shows which rewrite it carries.
    """
    beat, line = _FUNNY["zh" if language == "zh" else "en"][(scene - 1) % 4]
    return beat.format(name=name), line


def names_in(text: str) -> set[str]:
    """Every conversation name that appears in ``text``."""
    return set(NAME_PATTERN.findall(text))

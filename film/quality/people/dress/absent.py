"""A wardrobe or a prop lists what a person has, not what they lack.

Recorded (a real draft of "外婆把织了一冬天的围巾寄给在北方读书的外孙女，附了一张写错字的
纸条"): a wardrobe read "手套：黑色，无手套", gloves that are black and not there. The 1.5B
model fills a labelled form and then says a piece is missing, and the costume prompt draws
whichever half it reads. So a list item that says something is absent ("无手套", "没有围巾",
"不戴帽子", "no gloves", "none", "无", "N/A") goes, and so does a labelled item ("手套：…",
"gloves: …") whose own rest says that very thing is absent: then nothing of it is certain.
A garment that merely lacks a part stays (无袖连衣裙 is a sleeveless dress, 无框眼镜
rimless glasses).
"""

from __future__ import annotations

import re

from film.quality.text import latin_words, stem

#: The joins between a wardrobe's items: the list marks, and a sentence's end.
_JOINS = re.compile(r"(\s*(?:[,，、;；。]|(?<=[A-Za-z)])\.(?=\s|$))\s*)")
#: An item with a label: "手套：黑色", "Gloves: black".
_LABELLED = re.compile(r"^(?P<label>[^:：]{1,16}?)\s*[:：]\s*(?P<rest>.*)$", re.S)
#: An item that is only "nothing": 无, none, N/A.
_NOTHING = re.compile(
    r"^(?:无|没有|暂无|并无|无此项|none|nothing|n/?a|nil|-|—|–)$",
    re.I,
)
#: An item saying its thing is absent, the thing in ``thing``. A word that only lacks a part
#: (无袖, 无框, 无檐, 无指 …) is a garment, not an absence.
_ABSENT = re.compile(
    r"^(?:(?:无|没有|暂无|并无|不戴|不穿|不带|没戴|没穿|没带|未戴|未穿|未带)"
    r"(?!袖|框|边|檐|指|领|肩|痕|缝|扣|纺|跟|鞋带)"
    r"|(?:no|without|not wearing|wears no|doesn't wear|does not wear|never wears)\s+)"
    r"(?P<thing>.+)$",
    re.I | re.S,
)


def _plain(item: str) -> str:
    return item.strip(" .。!！\"'“”‘’()（）[]【】")


def _absent_thing(item: str) -> str | None:
    """What ``item`` says is absent ("手套" of 无手套, "" of a bare "none"), or None."""
    plain = _plain(item)
    if _NOTHING.match(plain):
        return ""
    found = _ABSENT.match(plain)
    return _plain(found["thing"]) if found else None


def _same_thing(thing: str, label: str) -> bool:
    """Whether the absent ``thing`` is what ``label`` names: 手套 and 手套, gloves and Gloves."""
    if not thing:
        return True  # "手套：无", "gloves: none"
    if not thing.isascii() or not label.isascii():
        return thing in label or label in thing
    said = {stem(w) for w in latin_words(label)}
    return any(stem(w) in said for w in latin_words(thing))


def without_absent(text: str) -> str:
    """``text`` (a wardrobe line, or one prop) without the items that say a thing is absent.

    An item "X：…" opens a group that runs until the next label; a group whose own items say
    X is absent ("手套：黑色，无手套", "gloves: black, no gloves") goes whole. An empty result
    is the caller's empty field.
    """
    parts = _JOINS.split(text.strip())
    items, joins = parts[0::2], ["", *parts[1::2]]
    keep = [True] * len(items)
    label, opened = "", 0
    for at, item in enumerate(items):
        labelled = _LABELLED.match(_plain(item))
        if labelled:
            label, opened = labelled["label"].strip(), at
            item = labelled["rest"]
        thing = _absent_thing(item)
        if thing is None:
            continue
        keep[at] = False
        if label and _same_thing(thing, label):
            keep[opened : at + 1] = [False] * (at + 1 - opened)
    if all(keep):
        return text
    kept = [(join, item) for join, item, k in zip(joins, items, keep, strict=True) if k and item]
    if not kept:
        return ""
    joined = "".join(join + item for join, item in kept)[len(kept[0][0]) :]
    end = next((mark for mark in ("。", ".") if text.rstrip().endswith(mark)), "")
    return joined.rstrip(" ,，、;；") + (end if end and not joined.endswith(end) else "")


def props_without_absent(props: list[str]) -> list[str]:
    """``props`` without the ones that say a thing is absent ("无", "no umbrella")."""
    kept = [without_absent(prop) for prop in props]
    return [prop for prop in kept if prop.strip(" .。")]

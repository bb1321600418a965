"""How each character looks in the animatic, read from their pinned bible entry.

Continuity is what users of AI film tools miss most: the same person must wear the same
clothes in every shot. The animatic takes each character's colours from the words of their
wardrobe and look ("red scarf", "白衬衫", "silver hair"), so a character is recognisable from
shot to shot and changes only when the bible changes. Hair, height and cut come from the
same words ("short black bob", "五十多岁，白发", "long red dress"); :mod:`tools.picture.cast`
draws the result.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from film.numbers import zh_number
from film.quality.people.dress import is_grandchild
from film.screenplay import CharacterProfile
from tools.picture.looks import RGB

COLOR_WORDS: dict[str, RGB] = {
    "black": (30, 30, 34),
    "黑": (30, 30, 34),
    "white": (242, 242, 238),
    "白": (242, 242, 238),
    "grey": (128, 128, 132),
    "gray": (128, 128, 132),
    "灰": (128, 128, 132),
    "silver": (190, 192, 198),
    "银": (190, 192, 198),
    "red": (200, 36, 44),
    "红": (200, 36, 44),
    "crimson": (160, 20, 40),
    "pink": (240, 140, 170),
    "粉": (240, 140, 170),
    "orange": (240, 130, 30),
    "橙": (240, 130, 30),
    "yellow": (240, 200, 40),
    "黄": (240, 200, 40),
    "gold": (212, 170, 60),
    "金": (212, 170, 60),
    "green": (60, 150, 80),
    "绿": (60, 150, 80),
    "teal": (40, 140, 140),
    "青": (40, 140, 140),
    "blue": (50, 100, 200),
    "蓝": (50, 100, 200),
    "navy": (30, 40, 90),
    "purple": (120, 60, 160),
    "紫": (120, 60, 160),
    "brown": (120, 80, 50),
    "棕": (120, 80, 50),
    "褐": (120, 80, 50),
    "beige": (220, 200, 170),
    "khaki": (190, 170, 120),
    "blonde": (230, 200, 120),
    "denim": (70, 100, 150),
}
_FALLBACK: tuple[RGB, ...] = (
    (70, 90, 160),
    (170, 70, 60),
    (60, 130, 100),
    (150, 110, 40),
    (110, 70, 140),
    (40, 120, 150),
)


def colours_in(text: str) -> list[RGB]:
    """Colours named in ``text``, in the order they appear."""
    lowered = text.lower()
    found: list[tuple[int, RGB]] = []
    for word, rgb in COLOR_WORDS.items():
        pattern = rf"\b{word}\b" if word.isascii() else re.escape(word)
        match = re.search(pattern, lowered)
        if match:
            found.append((match.start(), rgb))
    return [rgb for _, rgb in sorted(found, key=lambda item: item[0])]


def stable_index(text: str, modulo: int) -> int:
    """A deterministic index from text (Python's ``hash`` changes between runs)."""
    return int(hashlib.sha256(text.encode("utf-8")).hexdigest()[:8], 16) % modulo


@dataclass(frozen=True)
class Appearance:
    """How a character is drawn in every shot: wardrobe colours, hair, height and cut."""

    clothes: RGB
    accent: RGB
    legs: RGB
    hair: RGB
    hair_style: str  # short, bob, long, ponytail, bun, bald
    height: float  # 1.0 is an adult of average height
    broad: bool
    skirt: str  # "", "dress" (to the knee) or "robe" (to the ankle)
    scarf: bool
    hat: bool
    glasses: bool
    old: bool = False  # grey temples and lined cheeks, which read as age even under a hat


_HAIR_STYLES = (
    ("bald", ("bald", "shaved", "光头")),
    ("bun", ("bun", "发髻", "盘发", "topknot")),
    ("ponytail", ("ponytail", "pony tail", "马尾", "辫")),
    ("long", ("long hair", "long black", "long brown", "flowing", "长发")),
    ("bob", ("bob", "shoulder", "波波", "齐肩")),
    ("short", ("short", "crew", "buzz", "短发", "寸头", "平头")),
)
_CHILD = (
    *("child", "kid", "little girl", "little boy", "young girl", "young boy", "toddler"),
    *("schoolgirl", "schoolboy", "孩子", "小孩", "儿童", "小女孩", "小男孩", "小姑娘", "小学生"),
)
_FEMININE = ("woman", "girl", "she", "her", "mother", "mom", "lady", "grandma", "aunt", "sister")
_FEMININE_ZH = ("女", "妈", "母", "姐", "妹", "奶", "婆", "姑", "姨", "娘")
_MASCULINE_ZH = ("男", "爸", "父", "哥", "弟", "爷", "叔", "伯", "公", "子")


def _has(text: str, words: tuple[str, ...]) -> bool:
    lowered = text.lower()
    return any(
        (re.search(rf"\b{re.escape(w)}(?:s|es)?\b", lowered) if w.isascii() else w in text)
        for w in words
    )


def _age(text: str) -> int | None:
    """An age written as digits ("17", "30s") or in Chinese ("五十多岁")."""
    found = re.search(r"(\d{1,2})\s*(?:s\b|岁|years|yo\b|-year)", text) or re.search(
        r"\b(\d{1,2})\b", text
    )
    if found:
        return int(found.group(1))
    chinese = re.search(r"([一二三四五六七八九十两]+)\s*[多几来]?\s*岁", text)
    return zh_number(chinese.group(1)) if chinese else None


def appearance(name: str, profile: CharacterProfile | None) -> Appearance:
    """The drawn look of ``name``, read from the bible entry (or stable defaults)."""
    look = profile.look if profile else ""
    wardrobe = profile.wardrobe if profile else ""
    about = " ".join((name, look, profile.role if profile else ""))
    clothes, accent, hair = figure_colours(name, profile)
    worn = colours_in(wardrobe)
    age = _age(look)
    old = (age or 0) >= 60 or _has(
        about,
        (
            "old",
            "elderly",
            "retired",
            "退休",
            "grandma",
            "grandpa",
            "grandmother",
            "grandfather",
            "老",
            "奶奶",
            "爷爷",
        ),
    )
    child = (age is not None and age < 12) or _has(about, _CHILD)
    feminine = _has(about, _FEMININE) or _has(about, _FEMININE_ZH)
    masculine = _has(about, ("man", "boy", "he", "father", "dad", "uncle", "brother"))
    masculine = masculine or (_has(about, _MASCULINE_ZH) and not feminine)
    style = next((s for s, words in _HAIR_STYLES if _has(look, words)), "")
    if style in ("", "bob", "short") and re.search(r"\blong\b[\w ,-]{0,24}\bhair", look, re.I):
        style = "long"  # "long, curly hair"
    if not style:
        style = "bob" if feminine and not masculine else "short"
    if old:
        # Grey hair is how a viewer reads age on a small figure: an elder's brown or black
        # hair turns salt-and-pepper, and one with no colour named is grey.
        named = _hair_colours(look)
        hair = _greyed(named[0]) if named else (200, 200, 204)
    young_teen = age is not None and 12 <= age < 15  # "12岁左右": not yet grown
    if age is None and not child and is_grandchild(name, profile.role if profile else ""):
        young_teen = True  # 孙女 with no age, learning to ride: drawn taller than 爷爷 before
    height = 0.62 if child else 0.82 if young_teen else 0.95 if old else 1.0
    height *= 1.06 if _has(look, ("tall", "高个", "高大")) else 1.0
    height *= 0.93 if _has(look, ("short,", "petite", "small", "矮", "娇小")) else 1.0
    robe = _has(wardrobe, ("robe", "hanfu", "gown", "袍", "汉服", "长衫", "旗袍"))
    dress = _has(wardrobe, ("dress", "skirt", "裙"))
    return Appearance(
        clothes=clothes,
        accent=accent,
        legs=_worn_on(wardrobe, _LEGWEAR)
        or (worn[2] if len(worn) > 2 else _legs(wardrobe, clothes)),
        hair=hair,
        hair_style=style,
        height=height,
        broad=masculine and not feminine,
        skirt="robe" if robe else "dress" if dress else "",
        scarf=_has(wardrobe, ("scarf", "围巾", "shawl")),
        hat=_has(wardrobe, ("hat", "cap", "帽", "斗笠")),
        glasses=_has(f"{look} {wardrobe}", ("glasses", "spectacles", "眼镜")),
        old=old,
    )


_LEGWEAR = ("trousers", "pants", "jeans", "shorts", "leggings", "裤")
_HAIR = ("hair", "haired", "blonde", "bob", "ponytail", "braid", "发", "辫", "鬓")


def _greyed(colour: RGB) -> RGB:
    """``colour`` half-way to silver (salt-and-pepper hair); white or silver as it is.

    A retired teacher "in her 50s, blonde hair" was drawn golden-haired and read as young
    (the piano teacher, 2026-12-03): blond fades toward silver too.
    """
    if sum(colour) > 3 * 140 and max(colour) - min(colour) < 40:
        return colour  # white or silver: already reads as old
    if sum(colour) > 3 * 140:  # blond or red: mostly silver
        return ((colour[0] + 400) // 3, (colour[1] + 400) // 3, (colour[2] + 408) // 3)
    return (
        (colour[0] + 200) // 2,
        (colour[1] + 200) // 2,
        (colour[2] + 204) // 2,
    )


def _hair_colours(look: str) -> list[RGB]:
    """Colours named in the look's hair phrase ("grey hair", "黑色短发"), never its clothes.

    The first colour of the whole look once gave a girl "in a simple white dress" white
    hair, so she was drawn as old as her grandfather.
    """
    for phrase in re.split(r"[,，;；、.。]|\band\b|\bwith\b|\bwears?\b|穿|戴", look):
        if _has(phrase, _HAIR) and (found := colours_in(phrase)):
            return found
    return []


def _worn_on(wardrobe: str, garments: tuple[str, ...]) -> RGB | None:
    """The colour named in the same phrase as one of ``garments`` ("black jeans", "灰色裤子")."""
    for phrase in re.split(r"[,，;；、]|\band\b|\bwith\b", wardrobe):
        if _has(phrase, garments):
            found = colours_in(phrase)
            if found:
                return found[-1]
    return None


def _legs(wardrobe: str, clothes: RGB) -> RGB:
    if _has(wardrobe, ("jean", "denim", "牛仔")):
        return COLOR_WORDS["denim"]
    return (int(clothes[0] * 0.35 + 30), int(clothes[1] * 0.35 + 30), int(clothes[2] * 0.35 + 36))


def figure_colours(name: str, profile: CharacterProfile | None) -> tuple[RGB, RGB, RGB]:
    """(clothes, accent, hair) for a character, read from the wardrobe and look."""
    wardrobe = colours_in(profile.wardrobe) if profile else []
    hair = _hair_colours(profile.look) if profile else []
    clothes = wardrobe[0] if wardrobe else _FALLBACK[stable_index(name, len(_FALLBACK))]
    accent = wardrobe[1] if len(wardrobe) > 1 else clothes
    return clothes, accent, hair[0] if hair else (40, 32, 28)

"""Stand-in figures for characters, coloured from their pinned bible entry.

Continuity is what users of AI film tools miss most: the same person must wear the same
clothes in every shot. The animatic takes each character's colours from the words of their
wardrobe and look ("red scarf", "白衬衫", "silver hair"), so a character is recognisable from
shot to shot and changes only when the bible changes.
"""

from __future__ import annotations

import hashlib
import re

from PIL import ImageDraw

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


def figure_colours(name: str, profile: CharacterProfile | None) -> tuple[RGB, RGB, RGB]:
    """(clothes, accent, hair) for a character, read from the wardrobe and look."""
    wardrobe = colours_in(profile.wardrobe) if profile else []
    hair = colours_in(profile.look) if profile else []
    clothes = wardrobe[0] if wardrobe else _FALLBACK[stable_index(name, len(_FALLBACK))]
    accent = wardrobe[1] if len(wardrobe) > 1 else clothes
    return clothes, accent, hair[0] if hair else (40, 32, 28)


def draw_figure(
    draw: ImageDraw.ImageDraw,
    foot: tuple[int, int],
    height: int,
    colours: tuple[RGB, RGB, RGB],
    outline: RGB,
    line: int,
) -> None:
    """A simple standing figure with its feet at ``foot``: legs, coat, scarf, head, hair."""
    clothes, accent, hair = colours
    x, y = foot
    head = height // 7
    body_top = y - height + head * 2
    shoulder = int(height * 0.16)
    hip = int(height * 0.12)
    legs_top = y - int(height * 0.42)
    draw.rectangle(
        (x - hip + line, legs_top, x - line, y),
        fill=_shade(clothes, 0.6),
        outline=outline,
        width=line,
    )
    draw.rectangle(
        (x + line, legs_top, x + hip - line, y),
        fill=_shade(clothes, 0.6),
        outline=outline,
        width=line,
    )
    waist = legs_top + head // 2
    draw.polygon(
        [(x - shoulder, body_top), (x + shoulder, body_top), (x + hip, waist), (x - hip, waist)],
        fill=clothes,
        outline=outline,
        width=line,
    )
    draw.rectangle(
        (x - shoulder, body_top, x + shoulder, body_top + head // 2),
        fill=accent,
        outline=outline,
        width=line,
    )
    skin = (236, 200, 170)
    draw.ellipse(
        (x - head, body_top - head * 2, x + head, body_top), fill=skin, outline=outline, width=line
    )
    draw.chord(
        (x - head, body_top - head * 2 - line, x + head, body_top - head // 2),
        180,
        360,
        fill=hair,
        outline=outline,
        width=line,
    )


def _shade(colour: RGB, factor: float) -> RGB:
    return (int(colour[0] * factor), int(colour[1] * factor), int(colour[2] * factor))

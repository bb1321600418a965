"""Each genre's poster style: palette, lettering face, motif and mood words.

A cover has to announce the genre at a glance, so the look of each genre is one table here,
shared by the motif painter (:mod:`tools.picture.cover_art`) and the lettering
(:mod:`tools.picture.cover`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from PIL import ImageFont

from film.screenplay import Genre
from tools.fonts import cjk_sans_path, cjk_serif_path

RGB = tuple[int, int, int]


@dataclass(frozen=True)
class GenreStyle:
    """A genre's poster palette and mood words (the video pipeline may reuse them)."""

    top: RGB
    bottom: RGB
    accent: RGB
    text: RGB
    outline: RGB
    serif: bool
    motif: str
    mood_en: str
    mood_zh: str


GENRE_STYLE: dict[Genre, GenreStyle] = {
    Genre.GRASSROOTS_SPOOF: GenreStyle(
        (255, 214, 10),
        (255, 92, 57),
        (0, 145, 234),
        (255, 255, 255),
        (20, 20, 20),
        False,
        "burst",
        "Cheeky · Loud · Absurd",
        "爆笑 · 反转 · 接地气",
    ),
    Genre.YOUTH_ROMANCE: GenreStyle(
        (255, 196, 214),
        (122, 150, 230),
        (236, 72, 128),
        (255, 255, 255),
        (70, 30, 64),
        False,
        "hearts",
        "Sweet · Shy · First love",
        "心动 · 青涩 · 初恋",
    ),
    Genre.INSPIRATIONAL_STRUGGLE: GenreStyle(
        (24, 40, 82),
        (245, 130, 32),
        (255, 196, 0),
        (255, 255, 255),
        (10, 14, 30),
        False,
        "sunrise",
        "Grit · Hope · Rise",
        "坚持 · 逆袭 · 追梦",
    ),
    Genre.ANCIENT_STYLE: GenreStyle(
        (236, 226, 202),
        (150, 160, 140),
        (170, 32, 38),
        (34, 30, 28),
        (244, 236, 216),
        True,
        "ink",
        "Ink · Honour · Fate",
        "江湖 · 情义 · 宿命",
    ),
    Genre.TOUCHING_FAMILY: GenreStyle(
        (255, 214, 160),
        (120, 70, 44),
        (214, 96, 40),
        (255, 255, 255),
        (60, 36, 22),
        True,
        "window",
        "Warm · Home · Remember",
        "温暖 · 团圆 · 思念",
    ),
    Genre.AESTHETIC_SCENERY: GenreStyle(
        (168, 218, 220),
        (52, 104, 96),
        (241, 250, 238),
        (255, 255, 255),
        (18, 52, 59),
        True,
        "hills",
        "Quiet · Light · Wander",
        "静谧 · 光影 · 远方",
    ),
}


@cache
def poster_font(size: int, serif: bool) -> ImageFont.FreeTypeFont:
    """The CJK-capable poster face (serif or sans) at ``size`` pixels, loaded once."""
    path = cjk_serif_path() if serif else cjk_sans_path()
    return ImageFont.truetype(str(path), max(8, size))

"""Genre looks for the animatic: palette, typography and camera temperament per genre.

Each genre's audience expects a recognisable surface (warm amber for family stories, ink and
rice paper for ancient style, loud primaries for spoofs), so the offline storyboard already
reads as the right kind of film before any generative backend is involved.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

from PIL import ImageFont

from film.screenplay import Genre
from tools.fonts import cjk_sans_path, cjk_serif_path

RGB = tuple[int, int, int]


@dataclass(frozen=True)
class GenreLook:
    """How one genre's frames are painted and lettered."""

    sky: RGB
    ground: RGB
    accent: RGB
    ink: RGB
    paper: RGB
    serif_titles: bool
    heavy_outline: bool
    zoom_per_s: float
    pan_per_s: float


LOOKS: dict[Genre, GenreLook] = {
    Genre.GRASSROOTS_SPOOF: GenreLook(
        sky=(255, 214, 10),
        ground=(255, 92, 57),
        accent=(0, 145, 234),
        ink=(20, 20, 20),
        paper=(255, 250, 235),
        serif_titles=False,
        heavy_outline=True,
        zoom_per_s=0.016,
        pan_per_s=0.018,
    ),
    Genre.YOUTH_ROMANCE: GenreLook(
        sky=(255, 196, 214),
        ground=(166, 206, 255),
        accent=(236, 72, 128),
        ink=(64, 30, 60),
        paper=(255, 244, 248),
        serif_titles=False,
        heavy_outline=False,
        zoom_per_s=0.010,
        pan_per_s=0.010,
    ),
    Genre.INSPIRATIONAL_STRUGGLE: GenreLook(
        sky=(24, 40, 82),
        ground=(245, 130, 32),
        accent=(255, 196, 0),
        ink=(250, 250, 250),
        paper=(18, 24, 44),
        serif_titles=False,
        heavy_outline=True,
        zoom_per_s=0.014,
        pan_per_s=0.014,
    ),
    Genre.ANCIENT_STYLE: GenreLook(
        sky=(232, 221, 196),
        ground=(120, 134, 120),
        accent=(170, 32, 38),
        ink=(34, 30, 28),
        paper=(244, 236, 216),
        serif_titles=True,
        heavy_outline=False,
        zoom_per_s=0.008,
        pan_per_s=0.008,
    ),
    Genre.TOUCHING_FAMILY: GenreLook(
        sky=(255, 214, 160),
        ground=(170, 110, 70),
        accent=(214, 96, 40),
        ink=(60, 36, 22),
        paper=(255, 246, 232),
        serif_titles=True,
        heavy_outline=False,
        zoom_per_s=0.009,
        pan_per_s=0.009,
    ),
    Genre.AESTHETIC_SCENERY: GenreLook(
        sky=(168, 218, 220),
        ground=(69, 123, 112),
        accent=(241, 250, 238),
        ink=(18, 52, 59),
        paper=(241, 250, 238),
        serif_titles=True,
        heavy_outline=False,
        zoom_per_s=0.007,
        pan_per_s=0.007,
    ),
}


def look_for(genre: Genre) -> GenreLook:
    """The look of ``genre``."""
    return LOOKS[genre]


_FACES = threading.local()


def font(size: int, serif: bool = False) -> ImageFont.FreeTypeFont:
    """The packaged CJK-capable face at ``size`` pixels.

    Cached (opening the OTF is slow) per thread: a FreeType face must never be used by two
    threads at once, and scenes are drawn in parallel.
    """
    faces: dict[tuple[int, bool], ImageFont.FreeTypeFont] = _FACES.__dict__.setdefault("faces", {})
    key = (max(8, size), serif)
    if key not in faces:
        path: Path = cjk_serif_path() if serif else cjk_sans_path()
        faces[key] = ImageFont.truetype(str(path), key[0])
    return faces[key]

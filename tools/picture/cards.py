"""Title and end cards in the genre's look, in the screenplay's language.

The title card is the film's first frame, so it is also its thumbnail: it is drawn as a
poster, the title set large over a place painted from the title, logline and "when" line
(:func:`tools.picture.places.poster_spec`), never a fade from black. The end card names the
cast over the same place, the way short films online close. Both are drawn oversized like
storyboard panels so the same slow push-in can run over them. The title card is part of the
runtime contract (``film.form.TITLE_CARD_S``).
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
from PIL import Image, ImageDraw

from film.screenplay import Screenplay
from tools.picture.lettering import WHITE, fit
from tools.picture.looks import RGB, GenreLook, look_for
from tools.picture.places import paint_place, poster_spec
from tools.picture.storyboard import canvas_size, vignette

#: In every card's cache key: a new card design re-renders cached title and end cards
#: (the poster cards replaced ones that faded in from black, a black thumbnail).
CARD_STYLE = "poster-1"
END_CARD_MIN_S = 1.0
END_CARD_MAX_S = 3.0
END_CARD_SHARE = 0.04  # of the film's estimated runtime: keeps the runtime contract
SHADOW: RGB = (10, 10, 14)


def end_card_seconds(estimated_runtime_s: float) -> float:
    """End card length: a small share of the film, between one and three seconds."""
    return round(min(END_CARD_MAX_S, max(END_CARD_MIN_S, END_CARD_SHARE * estimated_runtime_s)), 2)


class _Card:
    """A card being lettered: the poster place under a dark veil, centred type."""

    def __init__(self, screenplay: Screenplay, width: int, height: int, veil: int) -> None:
        self.look: GenreLook = look_for(screenplay.genre)
        size = canvas_size(width, height)
        self.origin = ((size[0] - width) // 2, (size[1] - height) // 2)
        self.width, self.height = width, height
        art = paint_place(poster_spec(screenplay), self.look, size, self.origin, (width, height))
        art.paste(SHADOW, (0, 0, *size), _veil(size, veil))
        self.image = vignette(art)
        self.draw = ImageDraw.Draw(self.image)
        self.unit = width / 1080
        self.max_w = int(width * 0.82)
        self.x = self.origin[0] + (width - self.max_w) // 2

    def px(self, value: float) -> int:
        """A length designed at 1080 px wide, scaled to this card."""
        return max(1, int(value * self.unit))

    def y(self, fraction: float) -> int:
        """Panel row of a fraction of the frame height."""
        return self.origin[1] + int(self.height * fraction)

    def block(
        self,
        top: int,
        text: str,
        size: int,
        max_lines: int,
        fill: RGB = WHITE,
        *,
        serif: bool = False,
        gap: float = 1.3,
        balance: bool = False,
    ) -> int:
        """Centred, fitted text from ``top``; returns the y below it."""
        face, lines = fit(
            text,
            self.px(size),
            self.max_w,
            max_lines,
            serif=serif,
            smallest=self.px(size * 0.5),
            balance=balance,
        )
        for line in lines:
            left = self.x + (self.max_w - int(face.getlength(line))) // 2
            self.draw.text((left + self.px(3), top + self.px(3)), line, font=face, fill=SHADOW)
            self.draw.text((left, top), line, font=face, fill=fill)
            top += int(face.size * gap)
        return top

    def height_of(self, text: str, size: int, max_lines: int, *, serif: bool = False) -> int:
        """How tall :meth:`block` would set ``text``."""
        face, lines = fit(
            text, self.px(size), self.max_w, max_lines, serif=serif, smallest=self.px(size * 0.5)
        )
        return int(face.size * 1.22) * len(lines)

    def rule(self, top: int) -> int:
        """A short accent rule, centred; returns the y below it."""
        centre = self.origin[0] + self.width // 2
        half = self.px(70)
        self.draw.line(
            (centre - half, top, centre + half, top), fill=self.look.accent, width=self.px(5)
        )
        return top + self.px(34)


def draw_title_card(screenplay: Screenplay, width: int, height: int) -> Image.Image:
    """The poster: title, genre, logline and when the story happens."""
    card = _Card(screenplay, width, height, veil=205)
    serif = card.look.serif_titles
    title_h = card.height_of(screenplay.title, 118, 4, serif=serif)
    y = card.block(
        card.y(0.56) - title_h // 2, screenplay.title, 118, 4, serif=serif, gap=1.22, balance=True
    )
    y = card.rule(y + card.px(24))
    label = screenplay.genre.label(screenplay.language)
    y = card.block(y, label, 38, 1, _readable(card.look.accent))
    y = card.block(y + card.px(36), screenplay.logline, 44, 4, serif=serif, balance=True)
    if screenplay.setting_time.strip():
        card.block(y + card.px(18), screenplay.setting_time, 34, 1, (226, 226, 226))
    return card.image


def draw_end_card(screenplay: Screenplay, width: int, height: int) -> Image.Image:
    """The end card: "The End" and the cast list."""
    card = _Card(screenplay, width, height, veil=215)
    chinese = screenplay.language == "zh"
    y = card.block(
        card.y(0.44), "剧终" if chinese else "THE END", 120, 1, serif=card.look.serif_titles
    )
    y = card.rule(y + card.px(20))
    y = card.block(y, "演员表" if chinese else "CAST", 40, 1, _readable(card.look.accent))
    for person in screenplay.characters[:8]:
        y = card.block(y + card.px(8), cast_line(person.name, person.role), 42, 1)
    credit = "微电影工作室 离线制作" if chinese else "Made offline with Micro Film Studio"
    card.block(card.y(0.8), credit, 32, 1, (214, 214, 214))
    return card.image


def cast_line(name: str, role: str) -> str:
    """One line of the cast list: "Lily · granddaughter", or the name alone.

    A name that is its role is said once: the ginger soup's end card read "外卖小哥 · 外卖小哥"
    and "老人 · 老人" (``microfilm draft``, 2026-12-04).
    """
    role = role.strip(" 。.")
    return name if not role or role.casefold() in name.casefold() else f"{name} · {role}"


def _readable(accent: RGB) -> RGB:
    """The accent, lightened until it reads on the dark veil."""
    r, g, b = accent
    while 0.299 * r + 0.587 * g + 0.114 * b < 150:
        r, g, b = (
            min(255, int(r + (255 - r) * 0.3)),
            min(255, int(g + (255 - g) * 0.3)),
            min(255, int(b + (255 - b) * 0.3)),
        )
    return (r, g, b)


@lru_cache(maxsize=8)
def _veil(size: tuple[int, int], peak: int) -> Image.Image:
    """Darkness over the art: the top of the poster clear, deepest behind the words."""
    rows = np.linspace(0.0, 1.0, size[1], dtype=np.float32)
    ramp = np.clip((rows - 0.22) / 0.3, 0, 1) ** 1.3 * peak
    column = ramp.astype(np.uint8)[:, None]
    return Image.fromarray(np.ascontiguousarray(np.broadcast_to(column, (size[1], size[0]))))

"""Title and end cards in the genre's look, in the screenplay's language.

The title card is part of the runtime contract (``film.form.TITLE_CARD_S``); the end card
names the cast, the way short films online close. Both are drawn oversized like storyboard
panels so the same slow push-in can run over them.
"""

from __future__ import annotations

from PIL import Image, ImageDraw

from film.screenplay import Screenplay
from tools.picture.looks import GenreLook, font, is_dark, look_for
from tools.picture.scenery import gradient
from tools.picture.storyboard import canvas_size
from tools.picture.typeset import block_height, draw_block

END_CARD_MIN_S = 1.0
END_CARD_MAX_S = 3.0
END_CARD_SHARE = 0.04  # of the film's estimated runtime: keeps the runtime contract


def end_card_seconds(estimated_runtime_s: float) -> float:
    """End card length: a small share of the film, between one and three seconds."""
    return round(min(END_CARD_MAX_S, max(END_CARD_MIN_S, END_CARD_SHARE * estimated_runtime_s)), 2)


def _background(look: GenreLook, width: int, height: int) -> tuple[Image.Image, tuple[int, int]]:
    size = canvas_size(width, height)
    dark = tuple(int(c * 0.35) for c in look.ground)
    image = gradient(size, look.sky, (dark[0], dark[1], dark[2]))
    origin = ((size[0] - width) // 2, (size[1] - height) // 2)
    return image, origin


def draw_title_card(screenplay: Screenplay, width: int, height: int) -> Image.Image:
    """Title, genre, logline and when the story happens."""
    look = look_for(screenplay.genre)
    image, (ox, oy) = _background(look, width, height)
    draw = ImageDraw.Draw(image)
    unit = width / 1080
    ink = (250, 250, 250) if is_dark(look.sky) else look.ink
    max_w = int(width * 0.84)
    x = ox + int(width * 0.08)
    title_face = font(int(112 * unit), look.serif_titles)
    genre_face = font(int(44 * unit))
    body_face = font(int(40 * unit), look.serif_titles)
    title_h = block_height(screenplay.title, title_face, max_w, max_lines=3, line_gap=0.2)
    y = oy + int(height * 0.36) - title_h // 2
    y = draw_block(
        draw,
        (x, y),
        screenplay.title,
        title_face,
        ink,
        max_w,
        max_lines=3,
        align="center",
        line_gap=0.2,
        stroke=max(1, int(2 * unit)),
        stroke_fill=look.accent,
    )
    rule_y = y + int(24 * unit)
    draw.line(
        (x + max_w // 3, rule_y, x + 2 * max_w // 3, rule_y),
        fill=look.accent,
        width=max(1, int(6 * unit)),
    )
    y = draw_block(
        draw,
        (x, rule_y + int(30 * unit)),
        screenplay.genre.label(screenplay.language),
        genre_face,
        look.accent,
        max_w,
        max_lines=1,
        align="center",
        stroke=max(1, int(2 * unit)),
        stroke_fill=(20, 20, 20),
    )
    text_ink = (245, 245, 245)
    top = y + int(60 * unit)
    plaque_h = block_height(screenplay.logline, body_face, max_w, max_lines=5)
    if screenplay.setting_time.strip():
        plaque_h += int(30 * unit) + block_height(screenplay.setting_time, genre_face, max_w)
    pad = int(28 * unit)
    draw.rounded_rectangle(
        (x - pad, top - pad, x + max_w + pad, top + plaque_h + pad // 2),
        radius=pad,
        fill=tuple(int(c * 0.3) for c in look.ground),
    )
    y = draw_block(
        draw,
        (x, top),
        screenplay.logline,
        body_face,
        text_ink,
        max_w,
        max_lines=5,
        align="center",
        stroke=max(1, int(2 * unit)),
        stroke_fill=(20, 20, 20),
    )
    if screenplay.setting_time.strip():
        draw_block(
            draw,
            (x, y + int(30 * unit)),
            screenplay.setting_time,
            genre_face,
            text_ink,
            max_w,
            max_lines=1,
            align="center",
            stroke=max(1, int(2 * unit)),
            stroke_fill=(20, 20, 20),
        )
    return image


def draw_end_card(screenplay: Screenplay, width: int, height: int) -> Image.Image:
    """The end card: "The End" and the cast list."""
    look = look_for(screenplay.genre)
    image, (ox, oy) = _background(look, width, height)
    draw = ImageDraw.Draw(image)
    unit = width / 1080
    chinese = screenplay.language == "zh"
    max_w = int(width * 0.84)
    x = ox + int(width * 0.08)
    ink = (250, 250, 250) if is_dark(look.sky) else look.ink
    end_face = font(int(120 * unit), look.serif_titles)
    y = draw_block(
        draw,
        (x, oy + int(height * 0.26)),
        "剧终" if chinese else "THE END",
        end_face,
        ink,
        max_w,
        max_lines=1,
        align="center",
        stroke=max(1, int(2 * unit)),
        stroke_fill=look.accent,
    )
    cast_face = font(int(42 * unit))
    heading = "演员表" if chinese else "CAST"
    y = draw_block(
        draw,
        (x, y + int(80 * unit)),
        heading,
        cast_face,
        look.accent,
        max_w,
        max_lines=1,
        align="center",
        stroke=max(1, int(2 * unit)),
        stroke_fill=(20, 20, 20),
    )
    for person in screenplay.characters[:8]:
        line = f"{person.name} · {person.role}" if person.role else person.name
        y = draw_block(
            draw,
            (x, y + int(10 * unit)),
            line,
            cast_face,
            (245, 245, 245),
            max_w,
            max_lines=1,
            align="center",
            stroke=max(1, int(2 * unit)),
            stroke_fill=(20, 20, 20),
        )
    credit = "微电影工作室 离线制作" if chinese else "Made offline with Micro Film Studio"
    draw_block(
        draw,
        (x, oy + int(height * 0.74)),
        credit,
        font(int(32 * unit)),
        (230, 230, 230),
        max_w,
        max_lines=1,
        align="center",
    )
    return image

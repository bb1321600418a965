"""The generated genre motifs under a cover's lettering, drawn locally without a model.

A cover has to announce the genre at a glance: ink mountains and a cinnabar seal for ancient
style, a comic burst for spoofs, a lit window for family stories. Everything is drawn from the
screenplay alone, seeded by genre and title, so the same screenplay always gives the same
picture. The palette and motif of each genre come from :mod:`tools.picture.poster_style`.
"""

from __future__ import annotations

import hashlib
import math

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

from film.screenplay import Genre, Screenplay
from tools.picture.poster_style import GENRE_STYLE, RGB, GenreStyle, poster_font


def motif_backdrop(screenplay: Screenplay, size: tuple[int, int]) -> Image.Image:
    """The genre's gradient and motif at ``size`` (RGBA), seeded by genre and title."""
    style = GENRE_STYLE[screenplay.genre]
    seed = int(
        hashlib.sha256(f"{screenplay.genre}|{screenplay.title}".encode()).hexdigest()[:8], 16
    )
    image = _gradient(size, style.top, style.bottom)
    _MOTIFS[style.motif](image, style, np.random.default_rng(seed))
    return image


def _gradient(size: tuple[int, int], top: RGB, bottom: RGB) -> Image.Image:
    ramp = np.linspace(0.0, 1.0, size[1])[:, None, None]
    rows = (np.array(top) * (1 - ramp) + np.array(bottom) * ramp).astype(np.uint8)
    return Image.fromarray(np.repeat(rows, size[0], axis=1)).convert("RGBA")


def _mix(a: RGB, b: RGB, t: float) -> tuple[int, int, int]:
    return (
        int(a[0] + (b[0] - a[0]) * t),
        int(a[1] + (b[1] - a[1]) * t),
        int(a[2] + (b[2] - a[2]) * t),
    )


def _layer(image: Image.Image) -> tuple[Image.Image, ImageDraw.ImageDraw]:
    layer = Image.new("RGBA", image.size, (0, 0, 0, 0))
    return layer, ImageDraw.Draw(layer)


def _ridges(
    draw: ImageDraw.ImageDraw,
    size: tuple[int, int],
    rng: np.random.Generator,
    colours: list[tuple[int, int, int, int]],
    base: float,
    height: float,
) -> None:
    """Overlapping ridge lines, farthest first: mountains or hills depending on ``height``."""
    w, h = size
    for layer, colour in enumerate(colours):
        y0 = h * (base + 0.06 * layer)
        xs = np.linspace(-0.1 * w, 1.1 * w, 9)
        ys = y0 - h * height * rng.uniform(0.3, 1.0, xs.size) / (1 + 0.4 * layer)
        fine = np.linspace(-0.1 * w, 1.1 * w, 90)
        line = np.interp(fine, xs, ys) + h * 0.008 * np.sin(fine / w * 40 + layer)
        draw.polygon(
            [(float(x), float(y)) for x, y in zip(fine, line, strict=True)]
            + [(1.1 * w, h), (-0.1 * w, h)],
            fill=colour,
        )


def _ink(image: Image.Image, style: GenreStyle, rng: np.random.Generator) -> None:
    w, h = image.size
    layer, draw = _layer(image)
    r = int(w * 0.13)
    draw.ellipse(
        (int(w * 0.62) - r, int(h * 0.16) - r, int(w * 0.62) + r, int(h * 0.16) + r),
        fill=(*style.accent, 200),
    )
    greys = [(90, 90, 84, 90), (60, 62, 58, 140), (34, 34, 32, 190)]
    _ridges(draw, (w, h), rng, greys, 0.34, 0.14)
    image.alpha_composite(layer.filter(ImageFilter.GaussianBlur(w / 300)))
    seal, pen = _layer(image)
    side = int(w * 0.15)
    x0, y0 = int(w * 0.78), int(h * 0.05)
    pen.rounded_rectangle(
        (x0, y0, x0 + side, y0 + side), radius=side // 10, fill=(*style.accent, 235)
    )
    chars = Genre.ANCIENT_STYLE.chinese
    face = poster_font(int(side * 0.8 / len(chars)), True)
    for index, char in enumerate(chars):
        pen.text(
            (x0 + side // 2, y0 + side * (2 * index + 1) // (2 * len(chars))),
            char,
            font=face,
            fill=(250, 240, 225, 255),
            anchor="mm",
        )
    image.alpha_composite(seal)


def _burst(image: Image.Image, style: GenreStyle, rng: np.random.Generator) -> None:
    w, h = image.size
    layer, draw = _layer(image)
    cx, cy, reach = w * 0.5, h * 0.3, h
    spokes = 18
    for spoke in range(0, spokes * 2, 2):
        a0, a1 = math.pi * spoke / spokes, math.pi * (spoke + 1) / spokes
        draw.polygon(
            [
                (cx, cy),
                (cx + reach * math.cos(a0), cy + reach * math.sin(a0)),
                (cx + reach * math.cos(a1), cy + reach * math.sin(a1)),
            ],
            fill=(255, 255, 255, 60),
        )
    step = max(6, w // 36)
    for y in range(0, int(h * 0.55), step):
        for x in range((y // step % 2) * step // 2, w, step):
            dot = step * 0.32 * (1 - y / (h * 0.55))
            draw.ellipse((x - dot, y - dot, x + dot, y + dot), fill=(*style.accent, 70))
    star = [
        (
            cx + (0.2 if i % 2 else 0.1) * w * math.cos(i * math.pi / 8 + 0.2),
            cy + (0.2 if i % 2 else 0.1) * w * math.sin(i * math.pi / 8 + 0.2),
        )
        for i in range(16)
    ]
    draw.polygon(star, fill=(*style.accent, 230), outline=(20, 20, 20, 255), width=max(2, w // 180))
    image.alpha_composite(layer)


def _hearts(image: Image.Image, style: GenreStyle, rng: np.random.Generator) -> None:
    w, h = image.size
    layer, draw = _layer(image)
    for _ in range(26):
        x, y, r = rng.uniform(0, w), rng.uniform(0, h * 0.6), rng.uniform(w * 0.02, w * 0.09)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=(255, 255, 255, int(rng.uniform(25, 80))))
    image.alpha_composite(layer.filter(ImageFilter.GaussianBlur(w / 120)))
    layer, draw = _layer(image)
    t = np.linspace(0, 2 * np.pi, 120)
    for cx, cy, scale, alpha in ((0.5, 0.27, 0.016, 220), (0.68, 0.17, 0.007, 160)):
        xs = cx * w + scale * w * 16 * np.sin(t) ** 3
        ys = cy * h - scale * w * (
            13 * np.cos(t) - 5 * np.cos(2 * t) - 2 * np.cos(3 * t) - np.cos(4 * t)
        )
        draw.polygon(list(zip(xs.tolist(), ys.tolist(), strict=True)), fill=(*style.accent, alpha))
    image.alpha_composite(layer)


def _sunrise(image: Image.Image, style: GenreStyle, rng: np.random.Generator) -> None:
    w, h = image.size
    layer, draw = _layer(image)
    cx, cy = w * 0.5, h * 0.42
    for ray in range(24):
        angle = math.pi + math.pi * ray / 23
        spread = 0.035
        edge = [
            (cx + h * math.cos(a), cy + h * math.sin(a)) for a in (angle - spread, angle + spread)
        ]
        draw.polygon([(cx, cy), *edge], fill=(*style.accent, 45))
    r = w * 0.16
    draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=(*style.accent, 255))
    image.alpha_composite(layer.filter(ImageFilter.GaussianBlur(w / 400)))
    layer, draw = _layer(image)
    peak = [
        (-0.1 * w, h * 0.5),
        (w * 0.28, h * 0.36),
        (w * 0.42, h * 0.4),
        (w * 0.62, h * 0.27),
        (w * 1.1, h * 0.48),
        (w * 1.1, h),
        (-0.1 * w, h),
    ]
    draw.polygon(peak, fill=(*style.outline, 255))
    fx, fy = w * 0.62, h * 0.27
    draw.line((fx, fy, fx, fy - h * 0.05), fill=(255, 255, 255, 255), width=max(2, w // 200))
    draw.polygon(
        [(fx, fy - h * 0.05), (fx + w * 0.07, fy - h * 0.04), (fx, fy - h * 0.03)],
        fill=(*style.accent, 255),
    )
    image.alpha_composite(layer)


def _window(image: Image.Image, style: GenreStyle, rng: np.random.Generator) -> None:
    w, h = image.size
    layer, draw = _layer(image)
    for _ in range(18):
        x, y, r = rng.uniform(0, w), rng.uniform(0, h * 0.5), rng.uniform(w * 0.02, w * 0.07)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=(255, 200, 120, int(rng.uniform(40, 100))))
    image.alpha_composite(layer.filter(ImageFilter.GaussianBlur(w / 90)))
    layer, draw = _layer(image)
    x0, x1, roof, eave = w * 0.22, w * 0.78, h * 0.16, h * 0.27
    draw.polygon(
        [(w * 0.5, roof), (x1 + w * 0.06, eave), (x0 - w * 0.06, eave)], fill=(*style.outline, 255)
    )
    draw.rectangle((x0, eave, x1, h * 0.5), fill=(*style.outline, 255))
    glow = w * 0.12
    draw.rectangle(
        (w * 0.5 - glow, h * 0.31, w * 0.5 + glow, h * 0.31 + 1.6 * glow), fill=(255, 196, 110, 255)
    )
    draw.line(
        (w * 0.5, h * 0.31, w * 0.5, h * 0.31 + 1.6 * glow),
        fill=(*style.outline, 255),
        width=max(2, w // 120),
    )
    image.alpha_composite(layer)


def _hills(image: Image.Image, style: GenreStyle, rng: np.random.Generator) -> None:
    w, h = image.size
    layer, draw = _layer(image)
    r = w * 0.1
    draw.ellipse((w * 0.3 - r, h * 0.2 - r, w * 0.3 + r, h * 0.2 + r), fill=(255, 246, 220, 230))
    shades = [(*_mix(style.top, style.bottom, t), 255) for t in (0.35, 0.6, 0.85)]
    _ridges(draw, (w, h), rng, shades, 0.38, 0.08)
    for _ in range(5):
        bx, by, span = rng.uniform(0.45, 0.85) * w, rng.uniform(0.1, 0.22) * h, w * 0.025
        draw.line(
            [(bx - span, by - span / 2), (bx, by), (bx + span, by - span / 2)],
            fill=(40, 60, 70, 220),
            width=max(2, w // 300),
        )
    image.alpha_composite(layer)


_MOTIFS = {
    "ink": _ink,
    "burst": _burst,
    "hearts": _hearts,
    "sunrise": _sunrise,
    "window": _window,
    "hills": _hills,
}

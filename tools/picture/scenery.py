"""The set behind a storyboard panel: sky and ground or a room, lit for the time of day.

Drawn from the scene heading and the genre's look alone, so every shot of one scene stands
on the same set and the figures and notes of :mod:`tools.picture.storyboard` read on top.
"""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw

from film.screenplay import Scene
from tools.picture.figures import stable_index
from tools.picture.looks import RGB, GenreLook, tinted


def gradient(size: tuple[int, int], top: RGB, bottom: RGB) -> Image.Image:
    """A vertical gradient, built in numpy (per-line drawing is 50x slower)."""
    width, height = size
    ramp = np.linspace(0.0, 1.0, height, dtype=np.float32)[:, None]
    rows = np.array(top, np.float32) * (1 - ramp) + np.array(bottom, np.float32) * ramp
    pixels = np.broadcast_to(rows[:, None, :], (height, width, 3)).astype(np.uint8)
    return Image.fromarray(np.ascontiguousarray(pixels))


def draw_set(
    scene: Scene,
    look: GenreLook,
    size: tuple[int, int],
    origin: tuple[int, int],
    frame: tuple[int, int],
) -> Image.Image:
    """Sky and ground (exterior) or wall and floor (interior), lit for the time of day."""
    when = scene.time_of_day
    sky, ground = tinted(look.sky, when), tinted(look.ground, when)
    horizon = origin[1] + int(frame[1] * 0.5)
    outside = scene.interior != "INT"
    upper = gradient((size[0], horizon), sky, tinted(look.paper, when) if outside else sky)
    lower = gradient((size[0], size[1] - horizon), ground, mix(ground, (0, 0, 0), 0.45))
    image = Image.new("RGB", size)
    image.paste(upper, (0, 0))
    image.paste(lower, (0, horizon))
    draw = ImageDraw.Draw(image)
    unit = frame[0] / 1080
    seed = f"{scene.place}|{when}"
    if outside:
        _sky_body(draw, when, look, origin, frame, unit)
        _motif(draw, look, origin, frame, horizon, seed)
    else:
        _room(draw, look, when, origin, frame, horizon, unit)
    return image


def _sky_body(
    draw: ImageDraw.ImageDraw,
    when: str,
    look: GenreLook,
    origin: tuple[int, int],
    frame: tuple[int, int],
    unit: float,
) -> None:
    x = origin[0] + int(frame[0] * 0.74)
    low = when in ("DUSK", "EVENING", "DAWN")
    y = origin[1] + int(frame[1] * (0.42 if low else 0.24))
    radius = int(90 * unit)
    colour = (246, 244, 230) if when == "NIGHT" else (255, 170, 70) if low else (255, 236, 160)
    draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=colour)
    if when == "NIGHT":
        for star in range(24):
            sx = origin[0] + stable_index(f"sx{star}", frame[0])
            sy = origin[1] + stable_index(f"sy{star}", int(frame[1] * 0.45))
            r = max(1, int(3 * unit))
            draw.ellipse((sx - r, sy - r, sx + r, sy + r), fill=(240, 240, 255))


def _motif(
    draw: ImageDraw.ImageDraw,
    look: GenreLook,
    origin: tuple[int, int],
    frame: tuple[int, int],
    horizon: int,
    seed: str,
) -> None:
    """The genre's signature shape behind the action."""
    w, h = frame
    left, right = origin[0] - w // 10, origin[0] + w + w // 10
    if look.motif in ("mountains", "hills"):
        for layer in range(3):
            shade = mix(look.ground, look.sky, 0.55 - layer * 0.2)
            points = [(left, horizon)]
            for step in range(7):
                peak = 0.05 + stable_index(f"{seed}{layer}{step}", 100) / 100 * 0.12
                x = left + (right - left) * (step + 0.5) / 7
                y = horizon - int(h * peak * (1.4 if look.motif == "mountains" else 0.7))
                points.append((int(x), y))
            points.append((right, horizon))
            draw.polygon(points, fill=shade)
    elif look.motif in ("rays", "burst"):
        cx, cy = origin[0] + w // 2, horizon
        spokes = 14 if look.motif == "rays" else 20
        reach = int(h * 0.6)
        for spoke in range(0, spokes * 2, 2):
            a0, a1 = np.pi * spoke / spokes, np.pi * (spoke + 1) / spokes
            tip = [(cx + int(reach * np.cos(a)), cy - int(reach * np.sin(a))) for a in (a0, a1)]
            draw.polygon([(cx, cy), *tip], fill=mix(look.sky, look.accent, 0.3))
    elif look.motif in ("petals", "window"):
        for petal in range(18):
            px = origin[0] + stable_index(f"{seed}px{petal}", w)
            py = origin[1] + stable_index(f"{seed}py{petal}", int(h * 0.45))
            r = w // 90 + stable_index(f"{seed}pr{petal}", w // 80 + 1)
            draw.ellipse(
                (px - r, py - r // 2, px + r, py + r // 2), fill=mix(look.sky, look.accent, 0.5)
            )


def _room(
    draw: ImageDraw.ImageDraw,
    look: GenreLook,
    when: str,
    origin: tuple[int, int],
    frame: tuple[int, int],
    horizon: int,
    unit: float,
) -> None:
    """An interior: a window onto the time of day, a skirting line and floor boards."""
    w, h = frame
    x0, y0 = origin[0] + int(w * 0.12), origin[1] + int(h * 0.2)
    x1, y1 = origin[0] + int(w * 0.5), origin[1] + int(h * 0.42)
    glass = tinted((190, 220, 245), when)
    line = max(2, int(8 * unit))
    draw.rectangle((x0, y0, x1, y1), fill=glass, outline=look.ink, width=line)
    draw.line(((x0 + x1) // 2, y0, (x0 + x1) // 2, y1), fill=look.ink, width=line)
    draw.line((x0, (y0 + y1) // 2, x1, (y0 + y1) // 2), fill=look.ink, width=line)
    draw.line((0, horizon, origin[0] * 2 + w, horizon), fill=look.ink, width=line)
    vanish = origin[0] + w // 2
    for board in range(-6, 7):
        draw.line(
            (vanish, horizon, vanish + board * w // 4, origin[1] * 2 + h),
            fill=mix(look.ground, look.ink, 0.35),
            width=max(1, line // 2),
        )


def mix(a: RGB, b: RGB, t: float) -> RGB:
    """The colour ``t`` of the way from ``a`` to ``b``."""
    return (
        int(a[0] + (b[0] - a[0]) * t),
        int(a[1] + (b[1] - a[1]) * t),
        int(a[2] + (b[2] - a[2]) * t),
    )

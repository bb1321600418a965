"""Exteriors: sky, sea, lake, mountains, street, city, courtyard and temple.

Each painter lays its place out in bands, far to near: sky, the far shapes faded into the
haze of the hour, the middle ground, then a near ground where the figures stand (their feet
at about 72% of the frame in a wide shot). Random choices come from the scene's own seed,
so one scene always has the same skyline, and different scenes differ.
"""

from __future__ import annotations

import random

from tools.picture.looks import RGB
from tools.picture.places.canvas import Canvas
from tools.picture.places.light import mix

HORIZON = 0.55
LAMP: RGB = (255, 206, 128)


def sky(c: Canvas, rng: random.Random, horizon: float = HORIZON) -> None:
    """Gradient, sun or moon with its halo, stars at night, a few flat clouds by day."""
    zenith, low = c.light.sky()
    if c.rainy:  # overcast: no sun, moon or stars in a downpour (the ginger soup, 12-04)
        zenith, low = mix(zenith, (96, 104, 116), 0.6), mix(low, (128, 134, 144), 0.6)
    c.band(c.top, horizon, zenith, low, lit=False)
    hour = c.light.hour
    sun_x = 0.25 + rng.random() * 0.5
    sun_y = horizon - 0.03 - hour.sun_height * (horizon - 0.12)
    if c.rainy:
        pass
    elif c.light.night:
        for _ in range(70):
            sx, sy = (
                c.left + rng.random() * (c.right - c.left),
                c.top + rng.random() * horizon * 0.8,
            )
            c.ellipse(sx, sy, 0.0018 + rng.random() * 0.0022, (236, 238, 255), glow=True)
        c.halo(sun_x, sun_y, 0.3, (120, 140, 200), 0.35)
        c.ellipse(sun_x, sun_y, 0.055, hour.sun, glow=True)
        c.ellipse(sun_x + 0.022, sun_y - 0.012, 0.05, mix(zenith, low, 0.4), glow=True)
    else:
        c.halo(sun_x, sun_y, 0.55, hour.sun, 0.55)
        c.ellipse(sun_x, sun_y, 0.07, mix(hour.sun, (255, 255, 255), 0.4), glow=True)
    cloud = mix(low, (255, 255, 255), 0.55) if not c.light.night else mix(zenith, low, 0.6)
    for third in range(3):
        cloud_shape(
            c,
            c.left + (third + rng.uniform(0.1, 0.9)) * (c.right - c.left) / 3,
            rng.uniform(c.top + 0.1, horizon - 0.16),
            rng.uniform(0.7, 1.2),
            cloud,
        )


def cloud_shape(c: Canvas, x: float, y: float, scale: float, colour: RGB) -> None:
    """A flat-bottomed cumulus: a long base with three rounded bumps on top."""
    width = 0.2 * scale
    c.round_rect(
        x - width / 2,
        y - 0.012 * scale,
        x + width / 2,
        y + 0.012 * scale,
        colour,
        0.012 * scale,
        glow=True,
    )
    for dx, r in ((-0.05, 0.03), (0.0, 0.045), (0.05, 0.028)):
        c.ellipse(x + dx * scale, y - 0.006 * scale, r * scale, colour, glow=True)


def ridge(
    c: Canvas,
    rng: random.Random,
    base: float,
    height: float,
    colour: RGB,
    peaks: int,
    *,
    mirrored: bool = False,
) -> None:
    """A ridge on ``base`` with ``peaks`` summits up to ``height`` tall (or its reflection)."""
    xs = [c.left + (c.right - c.left) * i / peaks for i in range(peaks + 1)]
    points = [(c.left, base)]
    step = xs[1] - xs[0]
    for i, x in enumerate(xs):
        summit = x + step * rng.uniform(-0.25, 0.25)
        points.append((summit, base - height * (0.35 + 0.65 * rng.random())))
        if i < peaks:
            for share in (0.35, 0.65):  # a shoulder on each flank keeps peaks from repeating
                dip = height * rng.uniform(0.1, 0.45)
                points.append((x + step * share, base - dip))
    points.append((c.right, base))
    if mirrored:
        points = [(x, base + (base - y) * 0.7) for x, y in points]
    c.poly(points, colour)


def mountains(c: Canvas, rng: random.Random) -> None:
    """Layered ridges fading into the haze, a meadow (a snowfield, if snowy), two pines."""
    sky(c, rng)
    rock, grass = mix(c.look.ground, (96, 110, 124), 0.5), mix(c.look.ground, (92, 140, 84), 0.5)
    if c.snowy:  # "a snowy mountain pass" was a green meadow (microfilm draft, 2026-12-04)
        rock, grass = mix(rock, (226, 232, 240), 0.55), mix(c.look.ground, (236, 240, 246), 0.8)
    for layer, depth in enumerate((0.75, 0.5, 0.25)):
        ridge(
            c, rng, HORIZON + 0.02 * layer, 0.2 - layer * 0.04, c.light.far(rock, depth), 4 + layer
        )
    c.band(HORIZON + 0.04, c.bottom, grass, mix(grass, (30, 40, 30), 0.5))
    for x in (0.1, 0.88):
        pine(c, x, 0.74, 0.2, mix(grass, (20, 40, 30), 0.6))


def pine(c: Canvas, x: float, foot: float, height: float, colour: RGB) -> None:
    """A stylised pine: three stacked triangles on a trunk."""
    c.rect(x - 0.006, foot - height * 0.2, x + 0.006, foot, (70, 50, 40))
    for tier in range(3):
        top = foot - height * (1 - tier * 0.22)
        half = height * (0.16 + tier * 0.05) / c.aspect
        c.poly(((x, top), (x + half, top + height * 0.34), (x - half, top + height * 0.34)), colour)


def water(c: Canvas, rng: random.Random, top: float, bottom: float, deep: RGB) -> None:
    """A water surface with the sky's light on it and a few glints."""
    zenith, low = c.light.sky()
    c.band(top, bottom, mix(low, deep, 0.45), mix(zenith, deep, 0.7), lit=False)
    glint = mix(low, (255, 255, 255), 0.5)
    for _ in range(26):
        gy = top + (bottom - top) * rng.random() ** 2
        gx, half = rng.uniform(0.1, 0.9), 0.01 + 0.05 * (gy - top) / (bottom - top)
        c.line(((gx - half, gy), (gx + half, gy)), glint, 0.002)


def sea(c: Canvas, rng: random.Random) -> None:
    """Open sea to the horizon, a lighthouse on a headland, a beach with a foam line."""
    sky(c, rng, HORIZON - 0.05)
    water(c, rng, HORIZON - 0.05, 0.7, mix(c.look.ground, (20, 70, 110), 0.6))
    side = rng.choice((-1, 1))
    base_x = 0.82 if side > 0 else 0.18
    rock = mix(c.look.ground, (70, 72, 80), 0.6)
    c.poly(
        ((base_x - 0.25, 0.62), (base_x - 0.08, 0.5), (base_x + 0.1, 0.48), (base_x + 0.3, 0.62)),
        rock,
    )
    c.poly(
        (
            (base_x - 0.03, 0.49),
            (base_x + 0.03, 0.49),
            (base_x + 0.02, 0.33),
            (base_x - 0.02, 0.33),
        ),
        (238, 236, 228),
    )
    c.rect(base_x - 0.021, 0.4, base_x + 0.021, 0.42, c.look.accent)
    c.rect(base_x - 0.025, 0.3, base_x + 0.025, 0.33, (60, 60, 66))
    if c.light.night or c.light.hour.sun_height < 0.1:
        c.halo(base_x, 0.315, 0.22, LAMP, 0.6)
        c.ellipse(base_x, 0.315, 0.016, LAMP, glow=True)
    sand = mix(c.look.ground, (226, 204, 160), 0.65)
    c.poly(
        (
            (c.left, 0.67),
            (0.3, 0.655),
            (0.7, 0.67),
            (c.right, 0.655),
            (c.right, c.bottom),
            (c.left, c.bottom),
        ),
        sand,
    )
    c.line(((c.left, 0.67), (0.3, 0.655), (0.7, 0.67), (c.right, 0.655)), (250, 250, 246), 0.005)


def lake(c: Canvas, rng: random.Random) -> None:
    """Still water mirroring far mountains, reeds on the near shore."""
    sky(c, rng, HORIZON - 0.03)
    rock = mix(c.look.ground, (90, 104, 120), 0.5)
    deep = mix(c.look.ground, (40, 90, 110), 0.6)
    state = rng.getstate()
    ridge(c, rng, HORIZON - 0.03, 0.13, c.light.far(rock, 0.55), 5)
    water(c, rng, HORIZON - 0.03, 0.7, deep)
    rng.setstate(state)  # the same ridge again, upside down and fainter: the reflection
    faint = mix(c.light.far(rock, 0.55), c.light(deep), 0.45)
    ridge(c, rng, HORIZON - 0.03, 0.13, faint, 5, mirrored=True)
    shore = mix(c.look.ground, (96, 130, 80), 0.55)
    c.poly(
        ((c.left, 0.71), (0.5, 0.69), (c.right, 0.705), (c.right, c.bottom), (c.left, c.bottom)),
        shore,
    )
    for i in range(14):
        x = 0.02 + i * 0.012 + (0.72 if i > 6 else 0)
        c.line(
            ((x, 0.72), (x + 0.01 * rng.uniform(-1, 1), 0.64 + 0.03 * rng.random())),
            mix(shore, (40, 50, 30), 0.5),
            0.003,
        )

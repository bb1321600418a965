"""Built exteriors: street, city, courtyard and temple, lit windows and lamps at night.

Buildings are flat facades in the genre's colours, far rows faded into the haze; at night
a share of windows and every lamp glow, which is most of what makes a night street read.
"""

from __future__ import annotations

import random

from tools.picture.looks import RGB
from tools.picture.places.canvas import Canvas
from tools.picture.places.light import mix
from tools.picture.places.outdoor import HORIZON, LAMP, pine, ridge, sky


def skyline(
    c: Canvas, rng: random.Random, base: float, tall: float, colour: RGB, lit: float
) -> None:
    """A row of towers on ``base``; ``lit`` is the share of windows lit at night."""
    x = c.left
    window = mix(colour, (255, 255, 255), 0.18)
    while x < c.right:
        width = rng.uniform(0.09, 0.17)
        top = base - tall * rng.uniform(0.35, 1.0)
        c.rect(x, top, x + width - 0.008, base, colour)
        rows, cols = int((base - top) / 0.022), max(2, int(width / 0.03))
        for row in range(1, rows):
            for col in range(cols):
                wx = x + 0.012 + col * (width - 0.03) / cols
                wy = top + row * 0.022
                on = c.light.night and rng.random() < lit
                c.rect(wx, wy, wx + 0.012, wy + 0.009, LAMP if on else window, glow=on)
        x += width


def city(c: Canvas, rng: random.Random) -> None:
    """Two layers of skyline, a bridge railing or rooftop edge in front."""
    sky(c, rng)
    skyline(c, rng, HORIZON, 0.26, c.light.far(mix(c.look.sky, (90, 100, 130), 0.6), 0.5), 0.3)
    skyline(c, rng, HORIZON + 0.05, 0.2, mix(c.look.ink, (40, 44, 60), 0.5), 0.45)
    deck = mix(c.look.ground, (90, 90, 96), 0.6)
    c.band(HORIZON + 0.05, c.bottom, deck, mix(deck, (10, 10, 14), 0.6))
    c.rect(c.left, 0.6, c.right, 0.606, (60, 62, 70))
    for i in range(int((c.right - c.left) / 0.06) + 1):
        px = c.left + i * 0.06
        c.rect(px, 0.6, px + 0.008, 0.66, (60, 62, 70))
    c.rect(c.left, 0.655, c.right, 0.665, (50, 52, 60))


def facade(
    c: Canvas, rng: random.Random, x0: float, x1: float, top: float, base: float, wall: RGB
) -> None:
    """One building front with rows of windows (lit at night) and a flat roof line."""
    c.rect(x0, top, x1, base, wall)
    c.rect(x0 - 0.005, top - 0.008, x1 + 0.005, top, mix(wall, (0, 0, 0), 0.3))
    glass = mix(c.look.sky, (120, 150, 180), 0.5)
    cols = max(1, int((x1 - x0) / 0.09))
    for row in range(int((base - top - 0.07) / 0.07)):
        for col in range(cols):
            wx = x0 + (x1 - x0) * (col + 0.5) / cols
            wy = top + 0.03 + row * 0.07
            on = c.light.night and rng.random() < 0.55
            c.rect(wx - 0.022, wy, wx + 0.022, wy + 0.04, LAMP if on else glass, glow=on)


def street(c: Canvas, rng: random.Random) -> None:
    """A row of shopfronts and houses, a pavement, a kerb and street lamps."""
    sky(c, rng, 0.5)
    far = c.light.far(mix(c.look.sky, (110, 120, 140), 0.5), 0.45)
    skyline(c, rng, 0.5, 0.12, far, 0.25)
    x = c.left
    walls = ((214, 196, 170), (190, 120, 96), (150, 170, 180), (226, 214, 190))
    while x < c.right:
        width = rng.uniform(0.2, 0.34)
        wall = mix(rng.choice(walls), c.look.ground, 0.25)
        facade(c, rng, x, x + width, rng.uniform(0.28, 0.4), 0.62, wall)
        door = x + width * rng.uniform(0.3, 0.6)
        c.rect(door - 0.035, 0.54, door + 0.035, 0.62, mix(wall, (40, 30, 30), 0.6))
        c.rect(x + 0.01, 0.5, x + width - 0.01, 0.52, c.look.accent)  # awning
        x += width
    pave = mix(c.look.ground, (170, 166, 160), 0.6)
    c.band(0.62, 0.78, pave, mix(pave, (60, 60, 64), 0.3))
    c.rect(c.left, 0.78, c.right, 0.79, (200, 200, 196))
    road = mix(c.look.ground, (70, 72, 78), 0.7)
    c.band(0.79, c.bottom, road, mix(road, (0, 0, 0), 0.4))
    for lamp_x in (0.08, 0.92):
        street_lamp(c, lamp_x, 0.77)


def street_lamp(c: Canvas, x: float, foot: float) -> None:
    """A lamp post; at night and dusk its lamp glows."""
    c.rect(x - 0.006, foot - 0.36, x + 0.006, foot, (50, 52, 58))
    c.rect(x - 0.03, foot - 0.37, x + 0.03, foot - 0.355, (50, 52, 58))
    on = c.light.night or c.light.hour.sun_height < 0.1
    if on:
        c.halo(x, foot - 0.35, 0.22, LAMP, 0.55)
    c.ellipse(x, foot - 0.35, 0.016, LAMP if on else (230, 230, 220), glow=on)


def tiled_roof(c: Canvas, x0: float, x1: float, eave: float, rise: float, colour: RGB) -> None:
    """A Chinese roof: a ridge, upturned eaves and tile lines."""
    span = x1 - x0
    c.poly(
        (
            (x0 - 0.06, eave - 0.012),
            (x0 + span * 0.12, eave - rise * 0.55),
            (x0 + span * 0.2, eave - rise),
            (x1 - span * 0.2, eave - rise),
            (x1 - span * 0.12, eave - rise * 0.55),
            (x1 + 0.06, eave - 0.012),
            (x1 + 0.02, eave),
            (x0 - 0.02, eave),
        ),
        colour,
    )
    c.rect(x0 + span * 0.18, eave - rise - 0.01, x1 - span * 0.18, eave - rise + 0.004, colour)


def lantern(c: Canvas, x: float, y: float) -> None:
    """A red lantern on a cord; it glows at night."""
    c.line(((x, y - 0.05), (x, y - 0.02)), (60, 40, 30), 0.002)
    on = c.light.night or c.light.hour.sun_height < 0.1
    if on:
        c.halo(x, y, 0.09, (255, 120, 80), 0.5)
    c.ellipse(x, y, 0.028, (214, 40, 36), ry=0.022, glow=on)


def courtyard(c: Canvas, rng: random.Random) -> None:
    """A walled yard: grey wall with a tiled coping, a moon gate, a tree, flagstones."""
    sky(c, rng, 0.5)
    ridge(c, rng, 0.5, 0.08, c.light.far(mix(c.look.ground, (100, 120, 110), 0.5), 0.6), 4)
    wall = mix(c.look.paper, (226, 220, 206), 0.5)
    c.rect(c.left, 0.4, c.right, 0.62, wall)
    tiled_roof(c, c.left + 0.02, c.right - 0.02, 0.4, 0.03, (70, 76, 84))
    lit = c.light.night or c.light.hour.sun_height < 0.1  # a lamp-lit room through the gate
    doorway = LAMP if lit else mix(c.light.sky()[1], c.look.ground, 0.3)
    c.ellipse(0.5, 0.52, 0.11, mix(c.look.paper, (0, 0, 0), 0.3), ry=0.1)
    c.ellipse(0.5, 0.52, 0.095, doorway, ry=0.085, glow=lit)
    stone = mix(c.look.ground, (170, 164, 150), 0.6)
    c.band(0.62, c.bottom, stone, mix(stone, (40, 36, 30), 0.5))
    for row, y in enumerate((0.66, 0.72, 0.8, 0.9)):
        c.line(((c.left, y), (c.right, y)), mix(stone, (0, 0, 0), 0.25), 0.002)
        for i in range(8):
            x = c.left + (i + 0.5 * (row % 2)) * 0.16
            c.line(((x, y), (x - 0.02, y + 0.06 + row * 0.02)), mix(stone, (0, 0, 0), 0.25), 0.002)
    c.rect(0.13, 0.34, 0.16, 0.64, (90, 64, 48))
    leaves = mix(c.look.ground, (70, 130, 70), 0.6)
    for dx, dy, r in (
        (-0.08, 0.3, 0.09),
        (0.03, 0.27, 0.11),
        (0.1, 0.33, 0.08),
        (-0.02, 0.35, 0.1),
    ):
        c.ellipse(0.145 + dx, dy, r, leaves, ry=r * 0.8)
    for x in (0.72, 0.86):
        lantern(c, x, 0.45)


def temple(c: Canvas, rng: random.Random) -> None:
    """A hall with red pillars and a sweeping roof on steps, mountains and pines behind."""
    sky(c, rng, 0.5)
    rock = mix(c.look.ground, (96, 110, 124), 0.5)
    ridge(c, rng, 0.5, 0.2, c.light.far(rock, 0.6), 4)
    ridge(c, rng, 0.52, 0.1, c.light.far(rock, 0.35), 5)
    stone = mix(c.look.paper, (200, 190, 170), 0.5)
    c.band(0.52, c.bottom, stone, mix(stone, (50, 44, 36), 0.5))
    c.rect(0.12, 0.36, 0.88, 0.55, mix(c.look.paper, (236, 220, 190), 0.5))
    for i in range(5):
        x = 0.16 + i * 0.17
        c.rect(x - 0.014, 0.37, x + 0.014, 0.55, (176, 40, 36))
    for i in range(4):
        x = 0.245 + i * 0.17
        c.rect(x - 0.05, 0.41, x + 0.05, 0.53, mix((120, 60, 40), c.look.ground, 0.2))
    tiled_roof(c, 0.12, 0.88, 0.37, 0.1, (54, 60, 70))
    for step in range(4):
        c.rect(
            0.08 - step * 0.03, 0.55 + step * 0.02, 0.92 + step * 0.03, 0.57 + step * 0.02, stone
        )
    for x in (0.04, 0.96):
        pine(c, x, 0.66, 0.28, mix(c.look.ground, (30, 60, 44), 0.6))
    for x in (0.3, 0.7):
        lantern(c, x, 0.43)


def platform(c: Canvas, rng: random.Random) -> None:
    """A railway platform: a canopy on pillars, the far platform, the tracks, a train.

    Recorded (offline draft, 2026-12-04): the pen pal's "INT. TRAIN STATION" was drawn as a
    street of shopfronts, and nothing on screen said trains. The near platform, with its
    yellow edge line, is where people stand; a carriage waits at it in some scenes.
    """
    sky(c, rng, 0.42)
    far = c.light.far(mix(c.look.sky, (110, 120, 140), 0.5), 0.45)
    skyline(c, rng, 0.42, 0.1, far, 0.25)
    stone = mix(c.look.ground, (176, 172, 164), 0.6)
    c.rect(c.left, 0.42, c.right, 0.5, mix(stone, (0, 0, 0), 0.15))  # the far platform
    c.band(0.5, 0.6, (92, 86, 80), (70, 64, 60))  # the track bed
    for i in range(int((c.right - c.left) / 0.035) + 1):
        sx = c.left + i * 0.035
        c.rect(sx, 0.52, sx + 0.014, 0.59, (110, 92, 74))  # sleepers
    for rail in (0.535, 0.575):
        c.rect(c.left, rail, c.right, rail + 0.006, (170, 172, 178))
    if rng.random() < 0.5:  # a carriage at the platform
        body = mix(c.look.accent, (60, 70, 90), 0.4)
        c.round_rect(c.left + 0.05, 0.3, 0.62, 0.58, body, 0.02)
        for wx in range(4):
            x0 = c.left + 0.09 + wx * 0.13
            on = c.light.night
            c.rect(x0, 0.35, x0 + 0.08, 0.43, LAMP if on else (190, 210, 225), glow=on)
        c.rect(c.left + 0.05, 0.47, 0.62, 0.49, (235, 235, 230))  # the livery stripe
    c.band(0.6, c.bottom, stone, mix(stone, (40, 40, 44), 0.35))  # the near platform
    c.rect(c.left, 0.6, c.right, 0.615, (236, 196, 60))  # the yellow edge line
    roof = mix(c.look.ink, (70, 74, 84), 0.5)
    c.rect(c.left, 0.12, c.right, 0.17, roof)  # the canopy
    for px in (0.12, 0.5, 0.88):
        c.rect(px - 0.012, 0.17, px + 0.012, 0.78, roof)
    c.rect(0.36, 0.19, 0.64, 0.23, (40, 70, 130))  # the station sign
    c.rect(0.38, 0.205, 0.62, 0.215, (230, 232, 236))
    for lamp_x in (0.31, 0.69):
        on = c.light.night or c.light.hour.sun_height < 0.1
        c.ellipse(lamp_x, 0.19, 0.014, LAMP if on else (230, 230, 220), glow=on)

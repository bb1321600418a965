"""Interiors: kitchen, classroom, shop, hospital ward, temple hall, bus or train, home.

Every room shares one shell: a back wall, a floor in perspective and a window onto the
hour (so a night kitchen shows a dark sky and a lit lamp). The furniture of each kind
stands against the back wall, leaving the middle of the floor to the figures.
"""

from __future__ import annotations

import random

from tools.picture.looks import RGB
from tools.picture.places.canvas import Canvas
from tools.picture.places.light import mix
from tools.picture.places.outdoor import LAMP, ridge
from tools.picture.places.town import lantern

FLOOR = 0.62


def shell(c: Canvas, wall: RGB, floor: RGB) -> None:
    """Back wall, skirting, floor boards running to a vanishing point, a ceiling lamp."""
    c.band(c.top, FLOOR, mix(wall, (0, 0, 0), 0.12), wall)
    c.band(FLOOR, c.bottom, floor, mix(floor, (0, 0, 0), 0.45))
    c.rect(c.left, FLOOR - 0.012, c.right, FLOOR, mix(wall, (0, 0, 0), 0.35))
    seam = mix(floor, (0, 0, 0), 0.25)
    for board in range(-8, 9):
        c.line(((0.5 + board * 0.06, FLOOR), (0.5 + board * 0.32, c.bottom)), seam, 0.002)
    if c.light.night:
        c.line(((0.5, c.top), (0.5, 0.09)), (40, 40, 40), 0.003)
        c.halo(0.5, 0.12, 0.5, LAMP, 0.35)
        c.poly(((0.44, 0.12), (0.56, 0.12), (0.53, 0.09), (0.47, 0.09)), LAMP, glow=True)


def window(c: Canvas, rng: random.Random, x0: float, y0: float, x1: float, y1: float) -> None:
    """A window showing the sky of the hour and a far ridge, with a frame and mullions."""
    zenith, low = c.light.sky()
    c.band(y0, y1, zenith, low, lit=False, span=(x0, x1))
    far = c.light.far(mix(c.look.ground, (100, 116, 130), 0.5), 0.5)
    left, right = c.left, c.right
    c.left, c.right = x0, x1  # the ridge spans only the glass
    ridge(c, rng, y1, (y1 - y0) * 0.3, far, 3)
    c.left, c.right = left, right
    frame = mix(c.look.paper, (240, 236, 226), 0.5)
    for x in (x0, (x0 + x1) / 2, x1):
        c.rect(x - 0.006, y0, x + 0.006, y1, frame)
    for y in (y0, y1):
        c.rect(x0 - 0.006, y - 0.005, x1 + 0.006, y + 0.005, frame)
    c.rect(x0 - 0.02, y1, x1 + 0.02, y1 + 0.012, frame)


def kitchen(c: Canvas, rng: random.Random) -> None:
    """Tiled wall, a window over the sink, cabinets, a stove with a steaming pot."""
    wall = mix(c.look.paper, (236, 226, 204), 0.5)
    shell(c, wall, mix(c.look.ground, (150, 110, 80), 0.5))
    tile = mix(wall, (0, 0, 0), 0.08)
    for i in range(14):
        c.line(((c.left, 0.3 + i * 0.02), (c.right, 0.3 + i * 0.02)), tile, 0.0015)
    window(c, rng, 0.12, 0.18, 0.46, 0.36)
    wood = mix(c.look.ground, (170, 120, 80), 0.5)
    c.rect(0.56, 0.12, c.right, 0.28, wood)
    c.rect(c.left, 0.44, c.right, 0.61, wood)
    c.rect(c.left, 0.43, c.right, 0.45, mix(c.look.paper, (200, 200, 196), 0.5))
    for x in (0.0, 0.25, 0.5, 0.75, 1.0):
        c.line(((x, 0.46), (x, 0.6)), mix(wood, (0, 0, 0), 0.3), 0.002)
        c.ellipse(x + 0.11, 0.5, 0.006, (220, 210, 190))
    c.rect(0.62, 0.415, 0.86, 0.435, (60, 60, 64))
    c.round_rect(0.66, 0.35, 0.8, 0.42, c.look.accent, 0.01)
    for i in range(3):
        c.ellipse(0.7 + i * 0.03, 0.32 - i * 0.03, 0.02, mix(wall, (255, 255, 255), 0.6), ry=0.014)


def classroom(c: Canvas, rng: random.Random) -> None:
    """A blackboard, a clock, tall windows, rows of desks in perspective."""
    shell(c, mix(c.look.paper, (226, 232, 216), 0.5), mix(c.look.ground, (176, 140, 100), 0.5))
    c.rect(0.18, 0.16, 0.9, 0.4, (46, 78, 64))
    c.rect(0.17, 0.4, 0.91, 0.415, (150, 120, 90))
    for i in range(4):
        y = 0.22 + i * 0.04
        c.line(((0.24, y), (0.24 + rng.uniform(0.2, 0.5), y)), (220, 226, 220), 0.003)
    window(c, rng, c.left + 0.01, 0.14, 0.12, 0.44)
    c.ellipse(0.54, 0.09, 0.035, (248, 248, 240))
    c.line(((0.54, 0.09), (0.54, 0.075), (0.54, 0.09), (0.555, 0.09)), (40, 40, 40), 0.003)
    desk = mix(c.look.ground, (190, 150, 100), 0.4)
    for row, (y, half) in enumerate(((0.6, 0.1), (0.7, 0.13), (0.84, 0.17))):
        for x in (0.18, 0.82):
            c.rect(x - half, y, x + half, y + 0.02 + row * 0.005, desk)
            c.rect(x - half + 0.01, y + 0.02, x - half + 0.02, y + 0.07 + row * 0.02, (80, 80, 84))
            c.rect(x + half - 0.02, y + 0.02, x + half - 0.01, y + 0.07 + row * 0.02, (80, 80, 84))


def shop(c: Canvas, rng: random.Random) -> None:
    """Shelves of goods in many colours behind a counter with a name board, a lantern."""
    wall = mix(c.look.paper, (232, 222, 200), 0.4)
    shell(c, wall, mix(c.look.ground, (150, 120, 90), 0.5))
    wood = mix(c.look.ground, (140, 96, 64), 0.5)
    goods = ((214, 80, 60), (240, 190, 60), (70, 140, 200), (90, 170, 110), (240, 240, 230))
    for shelf in range(4):
        y = 0.18 + shelf * 0.08
        c.rect(0.05, y + 0.06, 0.95, y + 0.07, wood)
        x = 0.07
        while x < 0.92:
            width = rng.uniform(0.02, 0.05)
            c.rect(x, y + 0.06 - rng.uniform(0.025, 0.05), x + width, y + 0.06, rng.choice(goods))
            x += width + 0.008
    c.rect(c.left, 0.5, 0.62, 0.62, wood)
    c.rect(c.left, 0.49, 0.64, 0.505, mix(wood, (255, 255, 255), 0.3))
    c.rect(0.08, 0.53, 0.5, 0.57, c.look.accent)  # the shop's name board on the counter
    lantern(c, 0.82, 0.12)


def hospital(c: Canvas, rng: random.Random) -> None:
    """A pale ward: a bed with white sheets, a drip stand, a curtain rail, a monitor."""
    shell(c, mix(c.look.paper, (214, 232, 226), 0.6), mix(c.look.ground, (190, 200, 196), 0.6))
    window(c, rng, 0.58, 0.14, 0.92, 0.36)
    c.line(((c.left, 0.07), (c.right, 0.07)), (170, 176, 180), 0.004)
    curtain = mix(c.look.accent, (160, 200, 210), 0.6)
    c.poly(((c.left, 0.07), (0.1, 0.07), (0.13, 0.6), (c.left, 0.6)), curtain)
    c.rect(0.2, 0.46, 0.7, 0.52, (240, 242, 244))
    c.rect(0.2, 0.42, 0.3, 0.47, (250, 250, 250))
    c.rect(0.2, 0.52, 0.7, 0.56, (150, 160, 170))
    c.rect(0.19, 0.38, 0.21, 0.62, (150, 160, 170))
    c.rect(0.69, 0.44, 0.71, 0.62, (150, 160, 170))
    c.line(((0.8, 0.62), (0.8, 0.2)), (170, 176, 180), 0.003)
    c.round_rect(0.78, 0.2, 0.82, 0.26, (220, 236, 240), 0.005)
    c.round_rect(0.36, 0.22, 0.48, 0.3, (40, 46, 52), 0.006)
    c.line(
        ((0.37, 0.26), (0.4, 0.26), (0.41, 0.24), (0.42, 0.28), (0.43, 0.26), (0.47, 0.26)),
        (90, 230, 140),
        0.002,
    )


def temple_hall(c: Canvas, rng: random.Random) -> None:
    """Dark wood, red pillars, an altar with candles and hanging lanterns."""
    shell(c, mix(c.look.ground, (120, 70, 50), 0.4), mix(c.look.ground, (90, 60, 44), 0.5))
    for x in (0.08, 0.92):
        c.rect(x - 0.03, c.top, x + 0.03, FLOOR + 0.02, (170, 36, 32))
    c.rect(0.28, 0.46, 0.72, 0.6, (110, 50, 36))
    c.rect(0.26, 0.44, 0.74, 0.46, (200, 160, 80))
    for x in (0.36, 0.5, 0.64):
        c.rect(x - 0.008, 0.4, x + 0.008, 0.44, (248, 240, 220))
        c.halo(x, 0.39, 0.06, LAMP, 0.6)
        c.ellipse(x, 0.393, 0.006, LAMP, ry=0.01, glow=True)
    c.rect(0.36, 0.14, 0.64, 0.32, (150, 110, 60))
    c.rect(0.38, 0.16, 0.62, 0.3, (200, 160, 80))
    for x in (0.22, 0.78):
        lantern(c, x, 0.2)


def vehicle(c: Canvas, rng: random.Random) -> None:
    """A bus or train: a band of windows on the hour, seats, grab poles, ceiling lights."""
    body = mix(c.look.paper, (210, 214, 210), 0.5)
    shell(c, body, mix(c.look.ground, (90, 96, 100), 0.6))
    for i in range(3):
        x0 = c.left + 0.02 + i * 0.38
        window(c, rng, x0, 0.2, x0 + 0.32, 0.4)
    c.rect(
        c.left, 0.06, c.right, 0.08, LAMP if c.light.night else (236, 236, 230), glow=c.light.night
    )
    seat = mix(c.look.accent, (60, 90, 150), 0.5)
    for i in range(3):
        x = c.left + 0.1 + i * 0.38
        c.round_rect(x, 0.42, x + 0.16, 0.56, seat, 0.01)
        c.rect(x - 0.01, 0.54, x + 0.2, 0.58, mix(seat, (0, 0, 0), 0.3))
    for x in (0.3, 0.7):
        c.rect(x - 0.005, 0.08, x + 0.005, 0.9, (200, 200, 196))


def home(c: Canvas, rng: random.Random) -> None:
    """A living room: curtained window, a framed picture, a sofa, a lamp and a plant."""
    wall = mix(c.look.paper, mix(c.look.sky, (236, 224, 206), 0.7), 0.4)
    shell(c, wall, mix(c.look.ground, (160, 116, 80), 0.5))
    window(c, rng, 0.56, 0.14, 0.9, 0.4)
    curtain = mix(c.look.accent, (200, 180, 160), 0.4)
    c.poly(((0.52, 0.11), (0.58, 0.11), (0.6, 0.46), (0.53, 0.46)), curtain)
    c.poly(((0.88, 0.11), (0.94, 0.11), (0.93, 0.46), (0.86, 0.46)), curtain)
    c.rect(0.14, 0.18, 0.34, 0.32, (120, 90, 60))
    c.rect(0.155, 0.195, 0.325, 0.305, mix(c.look.sky, (240, 220, 200), 0.4))
    sofa = mix(c.look.accent, c.look.ground, 0.4)
    c.round_rect(0.06, 0.44, 0.46, 0.6, sofa, 0.02)
    c.round_rect(0.04, 0.5, 0.48, 0.62, mix(sofa, (0, 0, 0), 0.15), 0.02)
    c.line(((0.9, 0.62), (0.9, 0.36)), (60, 50, 44), 0.004)
    c.poly(
        ((0.86, 0.36), (0.94, 0.36), (0.92, 0.3), (0.88, 0.3)), (250, 236, 200), glow=c.light.night
    )
    if c.light.night:
        c.halo(0.9, 0.34, 0.2, LAMP, 0.5)
    c.round_rect(0.64, 0.54, 0.72, 0.62, (170, 100, 70), 0.01)
    for dx, dy in ((-0.03, 0.5), (0.0, 0.47), (0.03, 0.5), (0.0, 0.52)):
        c.ellipse(0.68 + dx, dy, 0.025, mix(c.look.ground, (70, 130, 70), 0.6), ry=0.018)


def lamp_room(c: Canvas, rng: random.Random) -> None:
    """A lighthouse lamp room: a ring of glass onto the sea, the great lens, an iron rail.

    Written for the lighthouse keeper's last night in the craft bench, which the painter had
    set in a living room.
    """
    iron = mix(c.look.ink, (60, 66, 74), 0.6)
    shell(c, mix(iron, (120, 126, 134), 0.5), mix(iron, (40, 44, 50), 0.5))
    zenith, low = c.light.sky()
    horizon = 0.34
    c.band(0.08, horizon, zenith, low, lit=False)
    c.band(horizon, 0.5, mix(low, (20, 70, 110), 0.55), mix(zenith, (10, 30, 60), 0.7), lit=False)
    glint = mix(low, (255, 255, 255), 0.5)
    for _ in range(14):
        gy = rng.uniform(horizon + 0.01, 0.49)
        gx = rng.uniform(0.05, 0.95)
        c.line(((gx - 0.02, gy), (gx + 0.02, gy)), glint, 0.002)
    for index in range(-1, 8):  # the glazing bars of the curved wall
        c.rect(index * 0.16 - 0.006, 0.08, index * 0.16 + 0.006, 0.5, iron)
    c.rect(c.left, 0.07, c.right, 0.09, iron)
    c.rect(c.left, 0.5, c.right, 0.53, iron)
    lit = c.light.night or c.light.hour.sun_height < 0.1
    if lit:
        c.halo(0.5, 0.33, 0.55, LAMP, 0.7)
    brass = (196, 160, 84)
    c.rect(0.43, 0.44, 0.57, 0.61, mix(iron, brass, 0.35))
    c.ellipse(0.5, 0.33, 0.085, LAMP if lit else (214, 226, 230), ry=0.15, glow=lit)
    for ring in range(-4, 5):  # the lens's prisms, in rings
        y = 0.33 + ring * 0.03
        half = 0.08 * (1 - (ring / 5.2) ** 2) ** 0.5
        c.line(((0.5 - half, y), (0.5 + half, y)), mix(brass, (255, 255, 255), 0.3), 0.003)
    c.rect(0.46, 0.175, 0.54, 0.195, brass)
    for x in (0.04, 0.96):  # the rail round the gallery
        c.rect(x - 0.005, 0.52, x + 0.005, 0.6, iron)
    c.line(((c.left, 0.56), (c.right, 0.56)), iron, 0.006)


def lift_car(c: Canvas, rng: random.Random) -> None:
    """A lift car: steel walls, closed doors, a button panel and a handrail, no window.

    Written for the debate captains stuck in a school lift (craft bench, 2026-12-04), whom
    the painter had stood in a classroom of desks and a blackboard.
    """
    steel = mix(c.look.paper, (178, 184, 190), 0.6)
    floor = 0.66
    c.band(c.top, floor, mix(steel, (255, 255, 255), 0.15), mix(steel, (0, 0, 0), 0.18))
    c.band(floor, c.bottom, (92, 94, 98), (52, 54, 58))
    seam = mix(steel, (0, 0, 0), 0.25)
    for x in (0.04, 0.22, 0.78, 0.96):  # the side panels' joints
        c.line(((x, c.top), (x, floor)), seam, 0.002)
    door = mix(steel, (96, 104, 112), 0.45)
    c.rect(0.28, 0.12, 0.72, floor, door)
    c.line(((0.5, 0.12), (0.5, floor)), mix(door, (0, 0, 0), 0.4), 0.004)
    c.rect(0.27, 0.11, 0.73, 0.125, seam)
    c.rect(0.26, floor - 0.008, 0.74, floor + 0.008, (196, 196, 190))  # the sill
    c.rect(0.78, 0.24, 0.86, 0.28, (30, 30, 34))  # the floor display
    c.rect(0.795, 0.252, 0.805 + rng.uniform(0.0, 0.03), 0.268, (230, 70, 60), glow=True)
    c.rect(0.775, 0.3, 0.865, 0.47, mix(steel, (0, 0, 0), 0.1))
    for row in range(5):
        for col in range(2):
            c.ellipse(0.798 + col * 0.044, 0.32 + row * 0.033, 0.011, (232, 226, 200))
    rail = (210, 212, 214)
    c.line(((c.left, 0.5), (0.26, 0.5)), rail, 0.008)
    c.line(((0.74, 0.5), (0.775, 0.5)), rail, 0.008)
    c.line(((0.865, 0.5), (c.right, 0.5)), rail, 0.008)
    c.rect(c.left, c.top, c.right, 0.05, mix(steel, (0, 0, 0), 0.3))
    c.rect(0.2, 0.02, 0.8, 0.045, LAMP if c.light.night else (246, 246, 238), glow=True)

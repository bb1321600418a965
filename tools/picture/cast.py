"""The cast on a panel: flat-illustration figures placed and sized for the shot's framing.

A figure is drawn from its :class:`~tools.picture.figures.Appearance` (the same look in
every scene) on its own supersampled layer, so edges stay clean at any size, then laid onto
the set. Framing decides size and placement: a wide shot shows everyone head to toe with a
name under their feet, a medium shot cuts at the knee, a close shot holds one face with the
other person's shoulder in the foreground.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageDraw

from tools.picture.figures import Appearance
from tools.picture.looks import RGB

SKIN: RGB = (234, 196, 164)
Box = tuple[float, float, float, float]
#: Shapes are drawn at this many times the size and shrunk back: anti-aliased edges.
SUPERSAMPLE = 2


@dataclass(frozen=True)
class Placement:
    """Where one figure stands in a panel: foot point and full height, in panel pixels."""

    x: float
    foot: float
    height: float


def dark(colour: RGB, factor: float) -> RGB:
    """``colour`` darkened by ``factor``: a shape's own edge, a shadow on the ground."""
    return (int(colour[0] * factor), int(colour[1] * factor), int(colour[2] * factor))


@contextmanager
def drawn_over(panel: Image.Image, box: tuple[int, int, int, int]) -> Iterator[ImageDraw.ImageDraw]:
    """A pen on a doubled copy of ``box`` of ``panel``, shrunk back in when the block ends.

    Untouched pixels come back exactly, edges come back anti-aliased, and no RGBA layer
    has to be converted. Coordinates are the box's own, times :data:`SUPERSAMPLE`.
    """
    left, top = box[0], box[1]
    region = panel.crop(box)
    size = (region.width * SUPERSAMPLE, region.height * SUPERSAMPLE)
    layer = region.resize(size, Image.Resampling.NEAREST)
    yield ImageDraw.Draw(layer)
    panel.paste(layer.reduce(SUPERSAMPLE), (left, top))


def paste_figure(panel: Image.Image, who: Appearance, where: Placement) -> None:
    """Draw ``who`` at ``where`` onto ``panel`` (anti-aliased, clipped to the panel)."""
    h = where.height * who.height
    left = max(0, int(where.x - h * 0.32))
    right = min(panel.width, int(where.x + h * 0.32))
    top = max(0, int(where.foot - h * 1.04))
    bottom = min(panel.height, int(where.foot + h * 0.03))
    if right <= left or bottom <= top:
        return
    shadow: RGB | None = None
    if where.foot < panel.height:  # a soft contact shadow in the ground's own colour
        below = (int(where.x), int(min(where.foot + h * 0.01, panel.height - 1)))
        r, g, b = np.asarray(panel.crop((*below, below[0] + 1, below[1] + 1)))[0, 0, :3]
        shadow = dark((int(r), int(g), int(b)), 0.72)
    foot_x, foot_y = (where.x - left) * SUPERSAMPLE, (where.foot - top) * SUPERSAMPLE
    with drawn_over(panel, (left, top, right, bottom)) as draw:
        if shadow is not None:
            spread, depth = h * 0.2 * SUPERSAMPLE, h * 0.022 * SUPERSAMPLE
            draw.ellipse(
                (foot_x - spread, foot_y - depth, foot_x + spread, foot_y + depth), fill=shadow
            )
        _figure(draw, who, foot_x, foot_y, h * SUPERSAMPLE)


class Pen:
    """Flat shapes with a darker edge of their own colour: the illustration's line."""

    def __init__(self, draw: ImageDraw.ImageDraw, line: int) -> None:
        self.draw, self.line = draw, line

    def poly(self, points: list[tuple[float, float]], colour: RGB) -> None:
        """A filled polygon."""
        self.draw.polygon(points, fill=colour, outline=dark(colour, 0.55), width=self.line)

    def oval(self, box: Box, colour: RGB) -> None:
        """A filled ellipse inside ``box``."""
        self.draw.ellipse(box, fill=colour, outline=dark(colour, 0.55), width=self.line)

    def rect(self, box: Box, colour: RGB, radius: float = 0) -> None:
        """A filled (optionally rounded) rectangle."""
        self.draw.rounded_rectangle(
            box, radius=radius, fill=colour, outline=dark(colour, 0.55), width=self.line
        )

    def cap(self, box: Box, start: float, end: float, colour: RGB, *, pie: bool = False) -> None:
        """A chord (or a pie slice) of the ellipse in ``box``: hair and hat crowns."""
        draw = self.draw.pieslice if pie else self.draw.chord
        draw(box, start, end, fill=colour, outline=dark(colour, 0.55), width=self.line)


def _figure(draw: ImageDraw.ImageDraw, who: Appearance, x: float, y: float, h: float) -> None:
    """A standing figure with its feet at (x, y), ``h`` tall, facing us."""
    child = who.height < 0.8
    r = h * (0.085 if child else 0.064)
    pen = Pen(draw, max(1, int(h * 0.005)))
    head_y = y - h + r * 1.1
    shoulder_y = head_y + r * 1.55
    sw = h * (0.13 if who.broad else 0.112) * (1.1 if child else 1.0)
    hip_y = y - h * 0.47
    hw = h * (0.085 if who.broad else 0.09)
    if who.hair_style in ("long", "bob"):  # hair that falls behind the shoulders
        fall = shoulder_y + (h * 0.14 if who.hair_style == "long" else r * 0.2)
        pen.rect((x - r * 1.2, head_y - r * 1.1, x + r * 1.2, fall), who.hair, r)
    elif who.hair_style == "ponytail":  # the tail shows beside the neck, behind the head
        pen.rect(
            (x + r * 0.55, head_y - r * 0.2, x + r * 1.05, head_y + r * 1.9), who.hair, r * 0.25
        )
    ankle = y - h * 0.035
    for side in (-1, 1):  # legs and shoes
        pen.poly(
            [
                (x + side * h * 0.012, hip_y),
                (x + side * hw, hip_y),
                (x + side * hw * 0.72, ankle),
                (x + side * h * 0.018, ankle),
            ],
            who.legs,
        )
        toe = x + side * hw * 0.45
        pen.oval((toe - h * 0.045, ankle - h * 0.012, toe + h * 0.045, y + h * 0.01), (40, 36, 34))
    for side in (-1, 1):  # arms by the coat's edge, hands at the hip
        shoulder = (x + side * sw * 0.92, shoulder_y + r * 0.35)
        hand = (x + side * (sw + h * 0.02), hip_y + h * 0.02)
        draw.line([shoulder, hand], fill=dark(who.clothes, 0.86), width=int(h * 0.05))
        pen.oval(
            (hand[0] - h * 0.024, hand[1] - h * 0.02, hand[0] + h * 0.024, hand[1] + h * 0.03), SKIN
        )
    hem = {"robe": y - h * 0.04, "dress": y - h * 0.24}.get(who.skirt, hip_y + h * 0.05)
    flare = {"robe": 1.7, "dress": 1.5}.get(who.skirt, 1.1)
    pen.poly(
        [
            (x - sw * 0.7, shoulder_y),
            (x + sw * 0.7, shoulder_y),
            (x + sw, shoulder_y + r * 0.55),
            (x + hw * 1.02, hip_y - h * 0.06),
            (x + hw * flare, hem),
            (x - hw * flare, hem),
            (x - hw * 1.02, hip_y - h * 0.06),
            (x - sw, shoulder_y + r * 0.55),
        ],
        who.clothes,
    )
    if who.accent != who.clothes and not who.scarf:  # a belt in the second colour
        pen.rect((x - hw * 1.02, hip_y - h * 0.07, x + hw * 1.02, hip_y - h * 0.05), who.accent)
    pen.rect((x - r * 0.35, head_y + r * 0.7, x + r * 0.35, shoulder_y + r * 0.2), SKIN)
    if who.scarf:
        box = (x - r * 0.9, shoulder_y - r * 0.2, x + r * 0.9, shoulder_y + r * 0.45)
        pen.rect(box, who.accent, r * 0.2)
        pen.rect((x + r * 0.2, shoulder_y + r * 0.3, x + r * 0.6, shoulder_y + r * 1.6), who.accent)
    pen.oval((x - r, head_y - r * 1.1, x + r, head_y + r * 1.05), SKIN)
    _hair(pen, who, x, head_y, r)
    _face(draw, who, x, head_y, r, pen.line)
    if who.old:
        _signs_of_age(pen, who, x, head_y, r)
    if who.hat:
        pen.oval((x - r * 1.45, head_y - r * 0.75, x + r * 1.45, head_y - r * 0.35), who.accent)
        pen.cap(
            (x - r * 0.95, head_y - r * 1.6, x + r * 0.95, head_y - r * 0.1), 180, 360, who.accent
        )


def _hair(pen: Pen, who: Appearance, x: float, head_y: float, r: float) -> None:
    """The crown and a side-swept fringe; long styles already fell behind the shoulders."""
    if who.hair_style == "bald":
        return
    pen.cap((x - r * 1.08, head_y - r * 1.2, x + r * 1.08, head_y + r * 0.5), 180, 360, who.hair)
    fringe = (x - r * 1.08, head_y - r * 1.2, x + r * 0.4, head_y + r * 0.5)
    pen.cap(fringe, 180, 250, who.hair, pie=True)
    if who.hair_style == "bun":
        pen.oval((x - r * 0.45, head_y - r * 1.75, x + r * 0.45, head_y - r * 0.9), who.hair)


def _signs_of_age(pen: Pen, who: Appearance, x: float, head_y: float, r: float) -> None:
    """Grey temples and a line under each eye, which read as age even under a hat.

    The courier's grandfather (2026-12-03) wore a black hat, which hid the only sign of his
    age, his grey hair, so he was drawn young.
    """
    for side in (-1, 1):
        if who.hair_style != "bald":
            temple = sorted((x + side * r * 1.04, x + side * r * 0.8))
            pen.draw.ellipse((temple[0], head_y - r * 0.7, temple[1], head_y + r * 0.25), who.hair)
        ex = x + side * r * 0.36
        box = (ex - r * 0.15, head_y + r * 0.2, ex + r * 0.15, head_y + r * 0.42)
        pen.draw.arc(box, 30, 150, fill=dark(SKIN, 0.75), width=max(1, pen.line // 2))


def _face(
    draw: ImageDraw.ImageDraw, who: Appearance, x: float, head_y: float, r: float, line: int
) -> None:
    """Two dot eyes (and glasses when the bible says so): enough to read a face's direction."""
    eye: RGB = (40, 30, 30)
    for side in (-1, 1):
        ex = x + side * r * 0.36
        draw.ellipse((ex - r * 0.08, head_y + r * 0.02, ex + r * 0.08, head_y + r * 0.2), fill=eye)
        if who.glasses:
            lens = (ex - r * 0.24, head_y - r * 0.12, ex + r * 0.24, head_y + r * 0.32)
            draw.ellipse(lens, outline=eye, width=line)

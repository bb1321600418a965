"""Drawing in frame coordinates, supersampled so every edge is anti-aliased.

Painters think in fractions of the visible frame (x 0..1 left to right, y 0..1 top to
bottom); the panel around the frame (the camera's margin) is reached with values a little
below 0 or above 1. Shapes are drawn at twice the size and reduced once at the end, which
costs a few tens of milliseconds per scene and turns Pillow's jagged polygons into clean
illustration edges.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import numpy as np
from PIL import Image, ImageDraw

from tools.picture.looks import RGB, GenreLook
from tools.picture.places.light import Light

SUPERSAMPLE = 2
Point = tuple[float, float]


class Canvas:
    """A panel being painted: lit colours, frame coordinates and the genre's line."""

    def __init__(
        self,
        size: tuple[int, int],
        origin: tuple[int, int],
        frame: tuple[int, int],
        light: Light,
        look: GenreLook,
    ) -> None:
        self.size, self.origin, self.frame = size, origin, frame
        self.light, self.look = light, look
        self.image = Image.new("RGB", (size[0] * SUPERSAMPLE, size[1] * SUPERSAMPLE))
        self.draw = ImageDraw.Draw(self.image)
        self.left = -origin[0] / frame[0]
        self.right = 1 + (size[0] - origin[0] - frame[0]) / frame[0]
        self.top = -origin[1] / frame[1]
        self.bottom = 1 + (size[1] - origin[1] - frame[1]) / frame[1]
        self.ink = look.ink if look.heavy_outline else None
        self.aspect = frame[1] / frame[0]  # one unit of y is this many units of x
        self.snowy = False  # the place lies under snow (PlaceSpec.snowy)
        self.rainy = False  # rain falls there (PlaceSpec.rainy)

    def x(self, fx: float) -> int:
        """Supersampled pixel column of frame fraction ``fx``."""
        return int((self.origin[0] + fx * self.frame[0]) * SUPERSAMPLE)

    def y(self, fy: float) -> int:
        """Supersampled pixel row of frame fraction ``fy``."""
        return int((self.origin[1] + fy * self.frame[1]) * SUPERSAMPLE)

    def len(self, fraction_of_width: float) -> int:
        """A supersampled length given as a fraction of the frame width."""
        return max(1, int(fraction_of_width * self.frame[0] * SUPERSAMPLE))

    def _points(self, points: Sequence[Point]) -> list[tuple[int, int]]:
        return [(self.x(px), self.y(py)) for px, py in points]

    def _line(self) -> int:
        return self.len(0.004) if self.ink else 0

    def poly(self, points: Sequence[Point], colour: RGB, *, glow: bool = False) -> None:
        """A filled polygon, lit (or glowing), outlined in the genres that ink their lines."""
        self.draw.polygon(
            self._points(points),
            fill=self.light(colour, glow=glow),
            outline=self.ink if self.ink and not glow else None,
            width=self._line(),
        )

    def rect(
        self, x0: float, y0: float, x1: float, y1: float, colour: RGB, *, glow: bool = False
    ) -> None:
        """A filled rectangle between two frame points."""
        self.poly(((x0, y0), (x1, y0), (x1, y1), (x0, y1)), colour, glow=glow)

    def round_rect(
        self,
        x0: float,
        y0: float,
        x1: float,
        y1: float,
        colour: RGB,
        radius: float,
        *,
        glow: bool = False,
    ) -> None:
        """A rounded rectangle; ``radius`` as a fraction of the frame width."""
        self.draw.rounded_rectangle(
            (self.x(x0), self.y(y0), self.x(x1), self.y(y1)),
            radius=self.len(radius),
            fill=self.light(colour, glow=glow),
            outline=self.ink if self.ink and not glow else None,
            width=self._line(),
        )

    def ellipse(
        self,
        cx: float,
        cy: float,
        rx: float,
        colour: RGB,
        *,
        ry: float | None = None,
        glow: bool = False,
    ) -> None:
        """An ellipse centred on a frame point; radii as fractions of the frame width."""
        half_w, half_h = self.len(rx), self.len(rx if ry is None else ry)
        x, y = self.x(cx), self.y(cy)
        self.draw.ellipse(
            (x - half_w, y - half_h, x + half_w, y + half_h),
            fill=self.light(colour, glow=glow),
            outline=self.ink if self.ink and not glow else None,
            width=self._line(),
        )

    def line(self, points: Sequence[Point], colour: RGB, width: float) -> None:
        """A polyline; ``width`` as a fraction of the frame width."""
        self.draw.line(self._points(points), fill=self.light(colour), width=self.len(width))

    def band(
        self,
        y0: float,
        y1: float,
        top: RGB,
        bottom: RGB,
        *,
        lit: bool = True,
        span: tuple[float, float] | None = None,
    ) -> None:
        """A vertical gradient between two frame rows (sky, water, floor, a window's view).

        ``span`` limits it to frame columns (x0, x1); by default it runs the panel's width.
        """
        row0, row1 = max(0, self.y(y0)), min(self.image.height, self.y(y1))
        col0, col1 = (0, self.image.width) if span is None else (self.x(span[0]), self.x(span[1]))
        col0, col1 = max(0, col0), min(self.image.width, col1)
        if row1 <= row0 or col1 <= col0:
            return
        a, b = (self.light(top), self.light(bottom)) if lit else (top, bottom)
        ramp = np.linspace(0.0, 1.0, row1 - row0, dtype=np.float32)[:, None]
        rows = np.array(a, np.float32) * (1 - ramp) + np.array(b, np.float32) * ramp
        strip = Image.fromarray(np.ascontiguousarray(rows.astype(np.uint8)[:, None, :]))
        self.image.paste(
            strip.resize((col1 - col0, row1 - row0), Image.Resampling.NEAREST), (col0, row0)
        )

    def halo(self, cx: float, cy: float, radius: float, colour: RGB, strength: float) -> None:
        """A soft glow (sun, moon, lamp, lit window) laid over what is already painted."""
        r = self.len(radius)
        x, y = self.x(cx), self.y(cy)
        box = (x - r, y - r, x + r, y + r)
        mask = _glow_mask(2 * r, round(strength * 100))
        self.image.paste(colour, box, mask)

    def finish(self) -> Image.Image:
        """The painted panel at its real size."""
        return self.image.reduce(SUPERSAMPLE)


@lru_cache(maxsize=32)
def _glow_mask(diameter: int, percent: int) -> Image.Image:
    """Opacity of a glow: ``percent`` in the middle, easing quadratically to none at the rim."""
    peak = percent / 100 * 255
    ring = Image.radial_gradient("L").point(lambda v: int(peak * max(0.0, 1 - v / 128) ** 2))
    return ring.resize((diameter, diameter), Image.Resampling.BILINEAR)

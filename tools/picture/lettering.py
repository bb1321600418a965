"""The words on a panel: where we are, what happens, who is who, and what is said.

Lettering is the part of an animatic a client reads first, so every block is measured with
the real font, wrapped by the rules of its script, shrunk step by step until it fits its box
and only then ellipsized. Nothing internal reaches the screen: no scene or shot numbers, no
framing names, no durations, no INT./EXT. jargon.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from film.screenplay import Scene
from tools.picture.looks import RGB, GenreLook, font
from tools.picture.typeset import balanced_width, wrap

HOURS = {
    "en": {
        "DAY": "Day",
        "NIGHT": "Night",
        "MORNING": "Morning",
        "EVENING": "Evening",
        "DUSK": "Dusk",
        "DAWN": "Dawn",
    },
    "zh": {
        "DAY": "白天",
        "NIGHT": "夜",
        "MORNING": "清晨",
        "EVENING": "傍晚",
        "DUSK": "黄昏",
        "DAWN": "黎明",
    },
}
WHITE: RGB = (250, 248, 242)
SHADOW: RGB = (14, 14, 18)


def fit(
    text: str,
    size: int,
    max_width: int,
    max_lines: int,
    *,
    serif: bool = False,
    smallest: int = 0,
    balance: bool = False,
) -> tuple[ImageFont.FreeTypeFont, list[str]]:
    """The largest face from ``size`` down to ``smallest`` that sets ``text`` in its box.

    When even the smallest face needs more lines, the last line ends with an ellipsis.
    ``balance`` evens out the lines of a face that fits (titles: no lone last character).
    """
    smallest = smallest or max(8, int(size * 0.7))
    step = max(1, size // 12)
    for points in range(size, smallest - 1, -step):
        face = font(points, serif)
        lines = wrap(text, face, max_width)
        if len(lines) <= max_lines:
            if balance:
                lines = wrap(text, face, balanced_width(text, face, max_width))
            return face, lines
    face = font(smallest, serif)
    lines = wrap(text, face, max_width)[:max_lines]
    last = lines[-1]
    while last and face.getlength(last + "…") > max_width:
        last = last[:-1]
    lines[-1] = last.rstrip() + "…"
    return face, lines


class Lettering:
    """Letters one panel, in frame coordinates (the panel has a margin around the frame)."""

    def __init__(
        self,
        image: Image.Image,
        origin: tuple[int, int],
        frame: tuple[int, int],
        look: GenreLook,
        language: str,
    ) -> None:
        self.image, self.origin, self.frame, self.look = image, origin, frame, look
        self.language = "zh" if language.startswith("zh") else "en"
        self.unit = frame[0] / 1080
        self.draw = ImageDraw.Draw(image)

    def px(self, value: float) -> int:
        """A length designed at 1080 px wide, scaled to this frame."""
        return max(1, int(value * self.unit))

    def at(self, fx: float, fy: float) -> tuple[int, int]:
        """Panel pixel of a frame point."""
        return (self.origin[0] + int(fx * self.frame[0]), self.origin[1] + int(fy * self.frame[1]))

    def heading(self, scene: Scene, action: str, *, first: bool) -> None:
        """Over a soft top scrim: the place and hour on a scene's first shot, then the action."""
        mask = _scrim_mask(self.image.width, self.origin[1] + int(self.frame[1] * 0.34))
        self.image.paste((0, 0, 0), (0, 0, *mask.size), mask)
        x, y = self.at(0.08, 0.065)
        width = int(self.frame[0] * 0.84)
        if first:
            hour = HOURS[self.language].get(scene.time_of_day, "")
            place = scene.place.strip() if self.language == "zh" else scene.place.strip().upper()
            label = f"{place} · {hour}" if hour else place
            face, lines = fit(label, self.px(38), width, 1)
            self._spaced((x, y), lines[0], face, WHITE)
            y += int(face.size * 1.5)
            self.draw.line((x, y, x + self.px(90), y), fill=self.look.accent, width=self.px(4))
            y += self.px(26)
        face, lines = fit(
            action, self.px(46), width, 3, serif=self.look.serif_titles, smallest=self.px(32)
        )
        for line in lines:
            self._text((x, y), line, face, WHITE)
            y += int(face.size * 1.34)

    def name_tags(
        self, tags: list[tuple[str, float]], fy: float
    ) -> list[tuple[int, int, int, int]]:
        """Names under the feet in a wide shot, each inside its own slot so none overlap.

        Returns the tags' boxes in panel pixels.
        """
        boxes = []
        xs = sorted(fx for _, fx in tags)
        gaps = [b - a for a, b in zip(xs, xs[1:], strict=False)] or [0.4]
        slot = int(self.frame[0] * min(0.4, min(gaps) * 0.9))
        for name, fx in tags:
            face, lines = fit(name, self.px(32), slot - self.px(28), 1, smallest=self.px(20))
            text_w = int(face.getlength(lines[0]))
            cx, top = self.at(fx, fy)
            pad = self.px(14)
            box = (cx - text_w // 2 - pad, top, cx + text_w // 2 + pad, top + int(face.size * 1.45))
            self.draw.rounded_rectangle(box, radius=self.px(18), fill=self.look.paper)
            boxes.append(box)
            ink = self.look.ink if _light(self.look.paper) else WHITE
            self.draw.text(
                (cx - text_w // 2, top + int(face.size * 0.12)), lines[0], font=face, fill=ink
            )
        return boxes

    def dialogue(self, lines: list[tuple[str, str]]) -> None:
        """Spoken lines where subtitles sit, when the film does not burn subtitles in."""
        text = "\n".join(
            f"{speaker}：{said}" if self.language == "zh" else f"{speaker}: {said}"
            for speaker, said in lines
        )
        width = int(self.frame[0] * 0.84)
        face, wrapped = fit(text, self.px(46), width, 4, smallest=self.px(30))
        step = int(face.size * 1.3)
        x, bottom = self.at(0.08, 0.87)
        y = bottom - step * len(wrapped)
        for line in wrapped:
            left = x + (width - int(face.getlength(line))) // 2
            self._text((left, y), line, face, WHITE, stroke=self.px(4))
            y += step

    def _text(
        self,
        xy: tuple[int, int],
        text: str,
        face: ImageFont.FreeTypeFont,
        fill: RGB,
        stroke: int = 0,
    ) -> None:
        shadow = self.px(3)
        self.draw.text((xy[0] + shadow, xy[1] + shadow), text, font=face, fill=SHADOW)
        self.draw.text(xy, text, font=face, fill=fill, stroke_width=stroke, stroke_fill=SHADOW)

    def _spaced(
        self, xy: tuple[int, int], text: str, face: ImageFont.FreeTypeFont, fill: RGB
    ) -> None:
        """Tracked-out small caps for the place line, as film supers are set."""
        x, y = float(xy[0]), xy[1]
        limit = self.origin[0] + int(self.frame[0] * 0.92)
        for char in text:
            advance = face.getlength(char) + face.size * 0.12
            if x + advance > limit:
                break
            self._text((int(x), y), char, face, fill)
            x += advance


def _light(colour: RGB, threshold: int = 140) -> bool:
    return 0.299 * colour[0] + 0.587 * colour[1] + 0.114 * colour[2] >= threshold


@lru_cache(maxsize=4)
def _scrim_mask(width: int, depth: int) -> Image.Image:
    """Opacity of the top scrim: 70% at the top edge easing to nothing at ``depth``."""
    ramp = (1 - np.arange(depth, dtype=np.float32) / max(1, depth)) ** 1.4 * 178
    column = ramp.astype(np.uint8)[:, None]
    return Image.fromarray(np.ascontiguousarray(np.broadcast_to(column, (depth, width))))

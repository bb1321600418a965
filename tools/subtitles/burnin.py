"""Burn timed subtitles into frames as they stream past.

Each cue is lettered once by ``tools.subtitles.cues.subtitle_image`` (CJK font, safe margins),
cropped to the pixels it actually covers, converted to the frame's YUV planes, and blended
only there, so a subtitle costs a few milliseconds per frame instead of a full composite.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from PIL import Image

from tools.picture.yuv import split, to_planes
from tools.sound.soundtrack import TimedLine
from tools.subtitles.cues import subtitle_image


@dataclass(frozen=True)
class _Layer:
    """One plane's share of a subtitle: where it goes, its opacity and its colour x opacity."""

    top: int
    left: int
    alpha: np.ndarray  # (h, w) uint16, 0..255
    colour: np.ndarray  # (h, w) uint16: colour x alpha, so the blend is one multiply-add

    def blend(self, plane: np.ndarray) -> None:
        h, w = self.alpha.shape
        region = plane[self.top : self.top + h, self.left : self.left + w]
        mixed = region.astype(np.uint16) * (255 - self.alpha) + self.colour + 127
        region[...] = (mixed // 255).astype(np.uint8)


class SubtitleBurner:
    """Blends the cue active at each frame's time into the frame (I420, ``tools.picture.yuv``)."""

    def __init__(
        self, cues: Sequence[TimedLine], width: int, height: int, language: str, fps: int
    ) -> None:
        self._cues = sorted(
            (c for c in cues if c.end_s > c.start_s and c.text.strip()), key=lambda c: c.start_s
        )
        self._starts = [c.start_s for c in self._cues]
        self._size = (width, height)
        self._language = language
        self._fps = fps
        self._overlays: dict[int, tuple[_Layer, _Layer, _Layer] | None] = {}

    def __bool__(self) -> bool:
        return bool(self._cues)

    def apply(self, frame: np.ndarray, index: int) -> np.ndarray:
        """``frame`` (number ``index`` of the reel) with its subtitle, if one is showing."""
        moment = index / self._fps
        at = bisect_right(self._starts, moment) - 1
        if at < 0 or moment >= self._cues[at].end_s:
            return frame
        if at not in self._overlays:
            self._overlays[at] = self._letter(self._cues[at].text)
        layers = self._overlays[at]
        if layers is None:
            return frame
        if not frame.flags.writeable:
            frame = frame.copy()
        for layer, plane in zip(layers, split(frame, *self._size), strict=True):
            layer.blend(plane)
        return frame

    def _letter(self, text: str) -> tuple[_Layer, _Layer, _Layer] | None:
        width, height = self._size
        image = subtitle_image(text, width, height, self._language).convert("RGBA")
        if image.size != self._size:  # a text box rather than a full frame: sit it low
            holder = Image.new("RGBA", self._size, (0, 0, 0, 0))
            holder.paste(
                image, ((width - image.width) // 2, max(0, int(height * 0.86) - image.height))
            )
            image = holder
        box = image.getchannel("A").getbbox()
        if box is None:
            return None
        left, top = box[0] // 2 * 2, box[1] // 2 * 2  # 4:2:0 needs even edges
        right, bottom = min(width, (box[2] + 1) // 2 * 2), min(height, (box[3] + 1) // 2 * 2)
        crop = image.crop((left, top, right, bottom))
        alpha = np.asarray(crop.getchannel("A"), np.uint16)
        quads = alpha.reshape(alpha.shape[0] // 2, 2, alpha.shape[1] // 2, 2)
        half_alpha = (quads.sum(axis=(1, 3)) + 2) // 4
        planes = to_planes(crop.convert("RGB"))
        return (
            _Layer(top, left, alpha, planes.y.astype(np.uint16) * alpha),
            _Layer(top // 2, left // 2, half_alpha, planes.u.astype(np.uint16) * half_alpha),
            _Layer(top // 2, left // 2, half_alpha, planes.v.astype(np.uint16) * half_alpha),
        )

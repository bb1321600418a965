"""Frames as the encoder wants them: planar YUV 4:2:0 (I420), limited range, BT.601.

Converting every frame from RGB inside ffmpeg costs about a fifth of the encode itself at
1080x1920, and RGB frames are twice the bytes through the pipe. Panels are still drawn in
RGB with Pillow, but each is converted once; camera moves, subtitles, fades and dissolves
then work directly on the planes. A frame is one uint8 buffer of shape (height * 3 // 2,
width): the luma rows, then the quarter-size U and V planes packed behind them.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from PIL import Image

BLACK = (16, 128, 128)  # limited-range black: Y=16, neutral chroma
# Full range (what Pillow's YCbCr gives) to the limited range H.264 players expect.
_LUMA_LUT = [round(16 + level * 219 / 255) for level in range(256)]
_CHROMA_LUT = [round(128 + (level - 128) * 224 / 255) for level in range(256)]


class Planes(NamedTuple):
    """The three planes of one picture (U and V at half width and height)."""

    y: np.ndarray
    u: np.ndarray
    v: np.ndarray


def to_planes(image: Image.Image | np.ndarray) -> Planes:
    """Convert an RGB picture with even sides to limited-range 4:2:0 planes."""
    picture = image if isinstance(image, Image.Image) else Image.fromarray(image)
    if picture.width % 2 or picture.height % 2:
        raise ValueError(f"4:2:0 needs even sides, not {picture.width}x{picture.height}")
    luma, blue, red = picture.convert("RGB").convert("YCbCr").split()  # full-range BT.601
    return Planes(
        np.asarray(luma.point(_LUMA_LUT)),
        np.asarray(blue.reduce(2).point(_CHROMA_LUT)),
        np.asarray(red.reduce(2).point(_CHROMA_LUT)),
    )


def frame_size(width: int, height: int) -> int:
    """Bytes in one I420 frame."""
    return width * height * 3 // 2


def new_frame(width: int, height: int) -> np.ndarray:
    """An uninitialised I420 frame buffer."""
    return np.empty((height * 3 // 2, width), np.uint8)


def split(frame: np.ndarray, width: int, height: int) -> Planes:
    """Writable views of a frame's planes (no copy)."""
    flat = frame.reshape(-1)
    luma, quarter = width * height, width * height // 4
    return Planes(
        flat[:luma].reshape(height, width),
        flat[luma : luma + quarter].reshape(height // 2, width // 2),
        flat[luma + quarter :].reshape(height // 2, width // 2),
    )


def join(planes: Planes) -> np.ndarray:
    """A frame holding copies of ``planes``."""
    height, width = planes.y.shape
    frame = new_frame(width, height)
    target = split(frame, width, height)
    target.y[...] = planes.y
    target.u[...] = planes.u
    target.v[...] = planes.v
    return frame


def fade(frame: np.ndarray, width: int, level: float) -> np.ndarray:
    """``frame`` faded towards black by ``level`` (1 unchanged, 0 black); a new buffer."""
    luma = width * (frame.shape[0] * 2 // 3)
    flat = frame.reshape(-1).astype(np.int16)
    offsets = np.full(flat.shape, BLACK[1], np.int16)
    offsets[:luma] = BLACK[0]
    scale = int(round(level * 256))
    faded = offsets + (((flat - offsets) * scale) >> 8)
    return faded.astype(np.uint8).reshape(frame.shape)


def to_rgb(frame: np.ndarray, width: int, height: int) -> np.ndarray:
    """An RGB copy of an I420 frame, for inspection in tests and debugging (not fast)."""
    planes = split(frame, width, height)
    y = (planes.y.astype(np.float64) - 16) * 255 / 219
    u = (np.repeat(np.repeat(planes.u, 2, 0), 2, 1) - 128.0) * 255 / 224
    v = (np.repeat(np.repeat(planes.v, 2, 0), 2, 1) - 128.0) * 255 / 224
    rgb = np.stack([y + 1.402 * v, y - 0.344136 * u - 0.714136 * v, y + 1.772 * u], axis=2)
    return np.clip(np.round(rgb), 0, 255).astype(np.uint8)

"""Slow camera moves over a still (the Ken Burns effect), produced cheaply per frame.

Each still is drawn once, a little larger than the frame, and converted once to the
encoder's YUV planes; motion is then only cropping. Pans and tilts are pure numpy slices
(about half a millisecond a frame at 1080x1920); pushes and pulls need a resample (about
10 ms for the three planes with Pillow's bilinear filter), so they alternate with
pans and each resample is held while the motion stays under a pixel. That keeps the
whole render close to the cost of the video encode itself.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
from PIL import Image

from tools.picture.figures import stable_index
from tools.picture.yuv import Planes, join, to_planes

MOTIONS = ("push-in", "pan-right", "tilt-up", "pull-out", "pan-left", "tilt-down")


def motion_for(shot_index: int, seed: str) -> str:
    """A deterministic move for a shot; neighbouring shots never repeat a move."""
    return MOTIONS[(stable_index(seed, len(MOTIONS)) + shot_index) % len(MOTIONS)]


def ken_burns(
    still: Image.Image, size: tuple[int, int], frames: int, motion: str, speed: float
) -> Iterator[np.ndarray]:
    """Yield ``frames`` read-only I420 frames of ``size`` moving over ``still``.

    Args:
        still: the oversized RGB panel (see ``storyboard.canvas_size``).
        size: output (width, height).
        frames: how many frames to produce.
        motion: one of :data:`MOTIONS`.
        speed: travel per frame as a fraction of the frame size (genre temperament); a move
            never leaves the panel, so a speed too fast for ``frames`` travels its whole margin.

    A frame may be yielded more than once (a held resample); consumers copy before editing.
    """
    if motion not in MOTIONS:
        raise ValueError(f"Unknown camera move {motion!r}; choose one of: {', '.join(MOTIONS)}.")
    if frames <= 0:
        return
    planes = to_planes(_covering(still, size))
    if motion in ("push-in", "pull-out"):
        moves = _zoom(planes, size, frames, speed, inward=motion == "push-in")
    else:
        moves = _pan(planes, size, frames, motion, speed)
    for frame in moves:
        frame.flags.writeable = False
        yield frame


def _travel(frames: int, speed: float, room: float) -> tuple[float, float]:
    """Start and end of a move of ``frames * speed`` capped by ``room``, centred in it."""
    span = min(room, frames * speed)
    start = (room - span) / 2
    return start, start + span


def _pan(
    planes: Planes, size: tuple[int, int], frames: int, motion: str, speed: float
) -> Iterator[np.ndarray]:
    width, height = size
    room_x, room_y = planes.y.shape[1] - width, planes.y.shape[0] - height
    horizontal = motion in ("pan-right", "pan-left")
    room = room_x if horizontal else room_y
    start, end = _travel(frames, speed * (width if horizontal else height), room)
    if motion in ("pan-left", "tilt-up"):
        start, end = end, start
    steps = np.linspace(start, end, frames) if frames > 1 else np.array([start])
    for offset in np.rint(steps).astype(int):
        x, y = (offset, room_y // 2) if horizontal else (room_x // 2, offset)
        cx, cy = x // 2, y // 2
        yield join(
            Planes(
                planes.y[y : y + height, x : x + width],
                planes.u[cy : cy + height // 2, cx : cx + width // 2],
                planes.v[cy : cy + height // 2, cx : cx + width // 2],
            )
        )


def _zoom(
    planes: Planes, size: tuple[int, int], frames: int, speed: float, inward: bool
) -> Iterator[np.ndarray]:
    width, height = size
    pictures = [Image.fromarray(plane) for plane in planes]
    panel_h, panel_w = planes.y.shape
    # How much of the panel the widest frame may show: the tighter of the two margins, since
    # a panel rounded to even sides has slightly different width and height margins.
    widest = min(panel_w / width, panel_h / height)
    start, end = _travel(frames, speed, max(0.0, widest - 1.0))
    first, last = widest - start, widest - end  # shown width over frame width
    if not inward:
        first, last = last, first
    hold = _hold_frames(abs(last - first) / max(1, frames - 1) * width / 2)
    ratios = np.linspace(first, last, frames) if frames > 1 else np.array([first])
    frame: np.ndarray | None = None
    for index, ratio in enumerate(ratios):
        if frame is None or index % hold == 0 or index == frames - 1:
            box = crop_box((panel_w, panel_h), (width * ratio, height * ratio))
            frame = join(
                Planes(
                    *(
                        np.asarray(
                            picture.resize(
                                (width // scale, height // scale),
                                Image.Resampling.BILINEAR,
                                box=(
                                    box[0] / scale,
                                    box[1] / scale,
                                    box[2] / scale,
                                    box[3] / scale,
                                ),
                            )
                        )
                        for picture, scale in zip(pictures, (1, 2, 2), strict=True)
                    )
                )
            )
        yield frame


def crop_box(
    panel: tuple[int, int], shown: tuple[float, float]
) -> tuple[float, float, float, float]:
    """The centred box of ``shown`` size inside ``panel``, never past an edge.

    Float rounding can ask for a box a fraction of a pixel larger than the panel (a 1080x1920
    frame over a 1166x2072 panel); the box is shrunk to the panel and clamped to its edges,
    so Pillow never sees a negative offset or a box past the far side.
    """
    shown_w, shown_h = min(shown[0], panel[0]), min(shown[1], panel[1])
    left = min(max(0.0, (panel[0] - shown_w) / 2), panel[0] - shown_w)
    top = min(max(0.0, (panel[1] - shown_h) / 2), panel[1] - shown_h)
    return (left, top, left + shown_w, top + shown_h)


def _covering(still: Image.Image, size: tuple[int, int]) -> Image.Image:
    """``still`` as an RGB panel at least ``size`` with even sides (scaled up if smaller).

    A panel smaller than the frame (an odd keyframe, a caller's own still) would make every
    move run off its edge; scaling it up to cover the frame keeps each move inside.
    """
    picture = still.convert("RGB") if still.mode != "RGB" else still
    scale = max(size[0] / picture.width, size[1] / picture.height, 1.0)
    if scale > 1.0:
        cover = (
            max(size[0], round(picture.width * scale)),
            max(size[1], round(picture.height * scale)),
        )
        picture = picture.resize(cover, Image.Resampling.BILINEAR)
    even = (picture.width // 2 * 2, picture.height // 2 * 2)
    if even != picture.size:
        picture = picture.crop((0, 0, *even))
    return picture


def _hold_frames(edge_px_per_frame: float) -> int:
    """How many frames one resample may be shown while the frame edge moves under a pixel.

    A slow push moves the frame edge a fifth of a pixel per frame (and the centre not at all);
    resampling every frame would quadruple the cost of the move for a sub-pixel difference.
    """
    if edge_px_per_frame <= 0:
        return 4
    return int(min(4, max(1, 0.8 // edge_px_per_frame)))

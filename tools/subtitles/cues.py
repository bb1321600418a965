"""Subtitle cues: SRT text for players and burned-in caption images for phone screens.

Subtitles are where other short-video tools fail most visibly: zero-length or overlapping cues,
lines cut mid-word, and Chinese drawn as empty boxes. Cues are therefore forced monotonic and
non-overlapping when written, lines are measured with the real CJK-capable face, and captions
sit above the strip at the bottom of a vertical frame that phone apps cover with their buttons.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from PIL import Image, ImageDraw, ImageFont

from tools.fonts import cjk_sans_path
from tools.picture.typeset import balanced_width, wrap

BOTTOM_UI_FRACTION = 0.12  # phone apps draw their controls over the bottom ~12% of a 9:16 frame
SIDE_MARGIN_FRACTION = 0.08
MAX_LINES = 3

_SRT_TIME = re.compile(r"(\d+):(\d{2}):(\d{2})[,.](\d{3})")


@dataclass(frozen=True)
class Cue:
    """One subtitle: when it shows, what it says and who says it."""

    start_s: float
    end_s: float
    text: str
    speaker: str = ""

    @property
    def duration_s(self) -> float:
        """How long the cue stays on screen."""
        return self.end_s - self.start_s


def to_srt(cues: list[Cue]) -> str:
    """SubRip text for ``cues``: sorted, 1-based, never overlapping, never zero-length.

    Players show overlapping SRT cues stacked or drop them, so an end that runs into the next
    start is cut back to it; a cue left with no time at all is dropped rather than flashed.
    """
    timed = sorted(
        (
            (round(c.start_s * 1000), round(c.end_s * 1000), " ".join(c.text.split()))
            for c in cues
            if c.text.strip()
        ),
        key=lambda item: item[0],
    )
    blocks: list[str] = []
    for index, (start, end, text) in enumerate(timed):
        start = max(0, start)
        if index + 1 < len(timed):
            end = min(end, timed[index + 1][0])
        if end <= start:
            continue
        blocks.append(f"{len(blocks) + 1}\n{_srt_time(start)} --> {_srt_time(end)}\n{text}\n")
    return "\n".join(blocks)


def _srt_time(ms: int) -> str:
    hours, rest = divmod(ms, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    seconds, millis = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{seconds:02d},{millis:03d}"


def parse_srt(text: str) -> list[Cue]:
    """Read SubRip text back into cues (speaker is not part of SRT, so it comes back empty).

    Raises:
        ValueError: naming the block that has no valid ``start --> end`` line.
    """
    cues: list[Cue] = []
    for block in re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip()):
        lines = [ln for ln in block.split("\n") if ln.strip()]
        if not lines:
            continue
        timing_at = next((i for i, ln in enumerate(lines) if "-->" in ln), None)
        stamps = _SRT_TIME.findall(lines[timing_at]) if timing_at is not None else []
        if timing_at is None or len(stamps) != 2:
            raise ValueError(f"Not a valid SRT block (no 'start --> end' line): {block[:80]!r}")
        start, end = (_seconds(stamp) for stamp in stamps)
        cues.append(Cue(start, end, "\n".join(lines[timing_at + 1 :])))
    return cues


def _seconds(stamp: tuple[str, ...]) -> float:
    hours, minutes, seconds, millis = (int(part) for part in stamp)
    return hours * 3600 + minutes * 60 + seconds + millis / 1000


def wrap_lines(
    text: str, font: ImageFont.FreeTypeFont, max_width: float, *, balance: bool = False
) -> list[str]:
    """Break ``text`` to fit ``max_width`` pixels: English at spaces, Chinese between characters.

    ``balance`` evens the lines out (:func:`tools.picture.typeset.balanced_width`), for titles.

    Closing marks never start a line, nor opening ones end it (:func:`tools.picture.typeset.wrap`).
    """
    width = balanced_width(text, font, int(max_width)) if balance else int(max_width)
    return wrap(text, font, width)


@cache
def caption_font(size: int) -> ImageFont.FreeTypeFont:
    """The packaged CJK-capable sans face at ``size`` px (cached: opening the OTF is slow)."""
    return ImageFont.truetype(str(cjk_sans_path()), max(8, size))


def subtitle_image(text: str, width: int, height: int, language: str = "en") -> Image.Image:
    """A transparent frame-sized overlay with ``text`` bottom-centred in the safe area.

    The text is white with a dark outline on a translucent box, readable on bright and dark
    shots alike; Chinese gets a slightly larger size because its strokes are denser.

    Raises:
        ValueError: when the frame size is not positive.
    """
    if width <= 0 or height <= 0:
        raise ValueError(f"A subtitle frame needs a positive size, not {width}x{height}.")
    overlay = Image.new("RGBA", (width, height), (0, 0, 0, 0))
    text = " ".join(text.split())
    if not text:
        return overlay
    base = min(width, height * 9 // 16)
    size = max(14, round(base * (0.056 if language.startswith("zh") else 0.05)))
    max_width = int(width * (1 - 2 * SIDE_MARGIN_FRACTION))
    face, lines = _fit(text, size, max_width)
    pad = max(4, face.size // 3)
    step = int(face.size * 1.3)
    stroke = max(1, face.size // 16)
    widths = [int(face.getlength(line)) for line in lines]
    box_w = min(width, max(widths) + 2 * pad)
    box_h = step * len(lines) + pad
    bottom = int(height * (1 - BOTTOM_UI_FRACTION)) - pad
    top = bottom - box_h
    left = (width - box_w) // 2
    draw = ImageDraw.Draw(overlay)
    draw.rounded_rectangle((left, top, left + box_w, bottom), radius=pad, fill=(0, 0, 0, 140))
    y = top + pad // 2
    for line, line_w in zip(lines, widths, strict=True):
        draw.text(
            ((width - line_w) // 2, y),
            line,
            font=face,
            fill=(255, 255, 255, 255),
            stroke_width=stroke,
            stroke_fill=(0, 0, 0, 255),
        )
        y += step
    return overlay


def _fit(text: str, size: int, max_width: int) -> tuple[ImageFont.FreeTypeFont, list[str]]:
    """Shrink the face down to three quarters before cutting a long cue with an ellipsis."""
    for scale in (1.0, 0.9, 0.8, 0.75):
        face = caption_font(max(12, int(size * scale)))
        lines = wrap_lines(text, face, max_width)
        if len(lines) <= MAX_LINES:
            return face, lines
    lines = lines[:MAX_LINES]
    last = lines[-1]
    while last and face.getlength(last + "…") > max_width:
        last = last[:-1]
    lines[-1] = last.rstrip() + "…"
    return face, lines

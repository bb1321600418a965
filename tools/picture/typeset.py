"""Line breaking and text blocks for frames, for Latin and Chinese alike.

Chinese has no spaces, so breaking only at spaces overflows the frame; Latin words must not
be cut in half (moviepy's caption mode does both wrong). Lines are measured with the real
font, and blocks that would run too long end with an ellipsis rather than spilling.
"""

from __future__ import annotations

import re

from PIL import ImageDraw, ImageFont

from film.language import NO_LINE_START, WIDE

# A token is one wide (Chinese) character, one run of anything else, or one run of spaces.
_TOKEN = re.compile(rf"[{WIDE}]|[^\s{WIDE}]+|\s+")


def wrap(text: str, face: ImageFont.FreeTypeFont, max_width: int) -> list[str]:
    """Break ``text`` into lines no wider than ``max_width`` pixels."""
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        line = ""
        for token in _TOKEN.findall(paragraph):
            candidate = line + token
            if (
                not line
                or face.getlength(candidate.rstrip()) <= max_width
                or token in NO_LINE_START
            ):
                line = candidate
                continue
            if token.isspace():
                lines.append(line.rstrip())
                line = ""
                continue
            lines.append(line.rstrip())
            line = token
            while face.getlength(line) > max_width and len(line) > 1:
                cut = _fit(line, face, max_width)
                lines.append(line[:cut])
                line = line[cut:]
        lines.append(line.rstrip())
    return [ln for ln in lines if ln] or [""]


def _fit(word: str, face: ImageFont.FreeTypeFont, max_width: int) -> int:
    """How many leading characters of an over-long word fit (a URL, a long name)."""
    for cut in range(len(word) - 1, 0, -1):
        if face.getlength(word[:cut]) <= max_width:
            return cut
    return 1


def draw_block(
    draw: ImageDraw.ImageDraw,
    xy: tuple[int, int],
    text: str,
    face: ImageFont.FreeTypeFont,
    fill: tuple[int, ...],
    max_width: int,
    *,
    max_lines: int = 6,
    line_gap: float = 0.3,
    align: str = "left",
    stroke: int = 0,
    stroke_fill: tuple[int, ...] | None = None,
) -> int:
    """Draw wrapped ``text`` from ``xy``; returns the y just below the block."""
    lines = wrap(text, face, max_width)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = _ellipsize(lines[-1], face, max_width)
    x, y = xy
    step = int(face.size * (1 + line_gap))
    for line in lines:
        left = x
        if align == "center":
            left = x + (max_width - int(face.getlength(line))) // 2
        draw.text(
            (left, y), line, font=face, fill=fill, stroke_width=stroke, stroke_fill=stroke_fill
        )
        y += step
    return y


def _ellipsize(line: str, face: ImageFont.FreeTypeFont, max_width: int) -> str:
    while line and face.getlength(line + "…") > max_width:
        line = line[:-1]
    return line.rstrip() + "…"


def block_height(
    text: str,
    face: ImageFont.FreeTypeFont,
    max_width: int,
    *,
    max_lines: int = 6,
    line_gap: float = 0.3,
) -> int:
    """Height :func:`draw_block` would use, for laying panels out before drawing."""
    count = min(max_lines, len(wrap(text, face, max_width)))
    return count * int(face.size * (1 + line_gap))

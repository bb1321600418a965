"""Line breaking for frames, for Latin and Chinese alike.

Chinese has no spaces, so breaking only at spaces overflows the frame; Latin words must not
be cut in half (moviepy's caption mode does both wrong). Lines are measured with the real
font; a single word wider than the box is the only thing ever broken mid-word.
:func:`tools.picture.lettering.fit` shrinks and, as a last resort, ellipsizes blocks.
"""

from __future__ import annotations

import math
import re

from PIL import ImageFont

from film.language import NO_LINE_END, NO_LINE_START, WIDE

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
                while face.getlength(line) > max_width and len(line) > 1 and not line.isspace():
                    cut = _fit(line, face, max_width)  # one word wider than the box
                    lines.append(line[:cut])
                    line = line[cut:]
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
    return _hung([ln for ln in lines if ln]) or [""]


def _hung(lines: list[str]) -> list[str]:
    """``lines`` with no closing mark starting a line and no opening mark ending one.

    Chinese typesetting forbids both. A closing mark hangs at the end of the line before;
    an opening one moves down to the word it opens. Done after the measured wrap, because
    a line cut for width can still leave one there: a title card read "，的" on its last line
    (web app, 2026-12-02).
    """
    for index in range(1, len(lines)):
        while lines[index] and lines[index][0] in NO_LINE_START:
            lines[index - 1] += lines[index][0]
            lines[index] = lines[index][1:].lstrip()
        while lines[index - 1] and lines[index - 1][-1] in NO_LINE_END and lines[index]:
            lines[index] = lines[index - 1][-1] + lines[index]
            lines[index - 1] = lines[index - 1][:-1].rstrip()
    return [ln for ln in lines if ln]


def balanced_width(text: str, face: ImageFont.FreeTypeFont, max_width: int) -> int:
    """The narrowest width that still sets ``text`` in as few lines as ``max_width`` does.

    Titles wrapped greedily left one character alone on the last line ("最后一个饺" / "子");
    wrapped to this width their lines come out about even, as a designer would break them.
    """
    lines = len(wrap(text, face, max_width))
    if lines < 2:
        return max_width
    # Never narrower than the widest word: balancing must not break "Grandmother's" in two.
    widest = max((face.getlength(t) for t in _TOKEN.findall(text) if not t.isspace()), default=1)
    low, high = min(max_width, max(1, math.ceil(widest))), max_width
    while low < high:
        middle = (low + high) // 2
        if len(wrap(text, face, middle)) <= lines:
            high = middle
        else:
            low = middle + 1
    return low


def _fit(word: str, face: ImageFont.FreeTypeFont, max_width: int) -> int:
    """How many leading characters of an over-long word fit (a URL, a long name)."""
    for cut in range(len(word) - 1, 0, -1):
        if face.getlength(word[:cut]) <= max_width:
            return cut
    return 1

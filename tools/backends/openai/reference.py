"""The character reference sheet sent with each video job as ``input_reference``.

A video model that sees the pinned look drifts less than one that only reads it. The video
API takes a single image at the clip's size, so the characters in a job share one sheet:
each gets a panel with their reference image when the studio has one, or a text card drawn
from the bible entry (name, look, wardrobe, props) when it does not. Text is drawn with the
packaged CJK font, so Chinese names and descriptions appear as written.
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping, Sequence
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont, ImageOps, UnidentifiedImageError

from film.screenplay import CharacterProfile
from tools.fonts import cjk_sans_path

_BACKGROUND = (238, 234, 226)
_INK = (34, 34, 40)
_TOKENS = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]|[^\s\u2e80-\u9fff]+|\s+")


def _font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(cjk_sans_path()), size)


def _wrap(text: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    """Greedy wrap that breaks Latin text at spaces and CJK text between characters."""
    lines: list[str] = []
    current = ""
    for token in _TOKENS.findall(text):
        candidate = current + token
        if current and font.getlength(candidate.rstrip()) > width:
            lines.append(current.rstrip())
            current = token.lstrip()
        else:
            current = candidate
    if current.strip():
        lines.append(current.rstrip())
    return lines


def _text_card(profile: CharacterProfile, size: tuple[int, int]) -> Image.Image:
    width, height = size
    card = Image.new("RGB", size, _BACKGROUND)
    draw = ImageDraw.Draw(card)
    margin = max(4, width // 14)
    title = _font(max(8, min(width // 9, height // 8)))
    body = _font(max(6, min(width // 17, height // 14)))
    y = margin
    draw.text((margin, y), profile.name, font=title, fill=_INK)
    y += int(title.size * 1.5)
    facts = [
        ("Look", profile.look),
        ("Wardrobe", profile.wardrobe),
        ("Props", ", ".join(profile.props)),
    ]
    for label, value in facts:
        if not value:
            continue
        for line in _wrap(f"{label}: {value}", body, width - 2 * margin):
            if y + body.size > height - margin:
                return card
            draw.text((margin, y), line, font=body, fill=_INK)
            y += int(body.size * 1.35)
        y += int(body.size // 2)
    return card


def _image_panel(path: Path, name: str, size: tuple[int, int]) -> Image.Image | None:
    """The character's reference image fitted into a panel with their name, or None."""
    try:
        with Image.open(path) as source:
            picture = ImageOps.exif_transpose(source).convert("RGB")
    except (OSError, UnidentifiedImageError):
        return None
    width, height = size
    caption = _font(max(8, min(width // 12, height // 10)))
    band = int(caption.size * 1.6)
    panel = Image.new("RGB", size, _BACKGROUND)
    fitted = ImageOps.contain(picture, (width, max(1, height - band)))
    panel.paste(fitted, ((width - fitted.width) // 2, 0))
    ImageDraw.Draw(panel).text(
        (width // 2, height - band // 2), name, font=caption, fill=_INK, anchor="mm"
    )
    return panel


def reference_sheet(
    cast: Sequence[CharacterProfile],
    reference_images: Mapping[str, Path],
    size: tuple[int, int],
) -> bytes:
    """A PNG of ``size`` showing every character in ``cast`` (up to four), one panel each.

    Raises:
        ValueError: when ``cast`` is empty (a job with nobody in it needs no sheet).
    """
    people = list(cast)[:4]
    if not people:
        raise ValueError("A reference sheet needs at least one character.")
    width, height = size
    columns = 1 if len(people) <= 2 else 2
    rows = -(-len(people) // columns)
    cell = (width // columns, height // rows)
    sheet = Image.new("RGB", size, _BACKGROUND)
    images = {name.lower(): path for name, path in reference_images.items()}
    for i, profile in enumerate(people):
        path = images.get(profile.name.lower())
        panel = _image_panel(path, profile.name, cell) if path else None
        origin = ((i % columns) * cell[0], (i // columns) * cell[1])
        sheet.paste(panel or _text_card(profile, cell), origin)
    buffer = io.BytesIO()
    sheet.save(buffer, format="PNG", optimize=False)
    return buffer.getvalue()

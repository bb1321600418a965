"""The film's 9:16 poster: title, logline, genre and cast lettered over genre art.

The art under the lettering is a locally drawn genre motif (:mod:`tools.picture.cover_art`),
which is deterministic and offline, or, when the image backend is in use, key art from the same
OpenAI-compatible image API the scenes are drawn with. Paid art is kept beside the cover,
keyed by its prompt, so asking for the cover again costs nothing; any API failure falls back
to the local motif with a warning, because a cover is never worth failing a film over.
"""

from __future__ import annotations

import hashlib
import logging
import os
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFont, ImageOps

from film.paths import atomic_output, atomic_write_bytes
from film.screenplay import Screenplay
from tools.backends.base import RenderError
from tools.backends.http import ApiClient
from tools.backends.ledger import SceneSpending
from tools.backends.openai.images import NAME as IMAGES_BACKEND
from tools.backends.openai.images import ImageSettings, OpenAIImagesBackend, image_size
from tools.backends.openai.prompts import GENRE_LOOKS
from tools.picture.cover_art import motif_backdrop
from tools.picture.poster_style import GENRE_STYLE, RGB, GenreStyle, poster_font
from tools.subtitles.cues import wrap_lines

__all__ = ["GENRE_STYLE", "GenreStyle", "api_art_price", "make_cover", "poster_prompt"]

log = logging.getLogger(__name__)
ART_FOLDER = ".cover-art"


def make_cover(
    screenplay: Screenplay,
    out_path: Path,
    size: tuple[int, int] = (1080, 1920),
    backend: str | None = "local",
    spending: SceneSpending | None = None,
) -> Path:
    """Draw the poster for ``screenplay`` as a PNG at ``out_path`` (written atomically).

    Args:
        screenplay: the film to announce.
        out_path: where the PNG goes; API art is cached in a hidden folder beside it.
        size: (width, height) in pixels.
        backend: ``"openai-images"`` for API key art; ``None`` follows
            ``MICROFILM_RENDER_BACKEND``; anything else draws the local motif.
        spending: the project's spend ledger and budget: paid art is reserved there first,
            and art past the budget is not bought (the local motif is drawn instead).

    Raises:
        ValueError: when ``size`` is too small to letter a poster on.
    """
    width, height = size
    if width < 90 or height < 160:
        raise ValueError(f"A cover needs at least 90x160 pixels, not {width}x{height}.")
    out_path = Path(out_path)
    style = GENRE_STYLE[screenplay.genre]
    image = None
    if _wants_api_art(backend):
        try:
            art_folder = out_path.parent / ART_FOLDER
            image = _api_art(screenplay, (width, height), art_folder, spending)
        except (RenderError, ValueError, OSError) as exc:
            log.warning(
                "Cover art from the image service failed (%s); drawing the local cover instead.",
                exc,
            )
    if image is None:
        image = motif_backdrop(screenplay, (width, height))
    _scrim(image, style)
    _letter(image, screenplay, style)
    with atomic_output(out_path) as tmp:
        image.convert("RGB").save(tmp, format="PNG", optimize=False)
    return out_path


def _wants_api_art(backend: str | None) -> bool:
    chosen = backend if backend is not None else os.environ.get("MICROFILM_RENDER_BACKEND", "")
    return chosen.strip().lower() == IMAGES_BACKEND


def poster_prompt(screenplay: Screenplay) -> str:
    """What to ask the image model for: the story's look, cast and mood, and no lettering.

    The title is left out on purpose: image models like to paint any words they are given,
    and the real title is set over the art in the poster typeface.
    """
    genre = screenplay.genre
    parts = [
        f"Vertical movie poster key art for a {genre.english} micro film ({genre.chinese}).",
        f"Story: {screenplay.logline}",
    ]
    where = screenplay.scenes[0].place if screenplay.scenes else ""
    when = screenplay.setting_time
    if where or when:
        parts.append("Setting: " + ", ".join(p for p in (where, when) if p) + ".")
    parts.append(f"Visual style: {GENRE_LOOKS[genre]}.")
    for person in screenplay.characters[:3]:
        details = "; ".join(d for d in (person.look, person.wardrobe) if d)
        parts.append(f"{person.name}: {details}." if details else f"{person.name}.")
    parts.append(
        "The main subject sits in the upper half; keep the lower third calm and "
        "uncluttered. No text, letters, captions, logos or watermarks anywhere."
    )
    return "\n".join(parts)


def api_art_price(
    screenplay: Screenplay, size: tuple[int, int], folder: Path, backend: str | None
) -> float:
    """What the cover's API art would cost now: 0 for the local motif or art already kept.

    ``folder`` is where the cover goes (the project folder).

    Raises:
        RenderError: when the image service is not configured.
        ValueError: for malformed settings in the environment.
    """
    if not _wants_api_art(backend):
        return 0.0
    settings = ImageSettings.from_env()
    art_path, _ = _art_request(screenplay, size, folder / ART_FOLDER, settings)
    return 0.0 if art_path.is_file() else settings.price_per_image


def _art_request(
    screenplay: Screenplay, size: tuple[int, int], cache_dir: Path, settings: ImageSettings
) -> tuple[Path, tuple[str, str]]:
    """Where the art for this prompt is kept, and the (prompt, size) to ask for it."""
    backend = OpenAIImagesBackend(settings)
    request_size = image_size(settings, *size)
    prompt = poster_prompt(screenplay)
    digest = hashlib.sha256(repr((backend.cache_key(), request_size, prompt)).encode())
    return cache_dir / f"{digest.hexdigest()[:16]}.png", (prompt, request_size)


def _api_art(
    screenplay: Screenplay,
    size: tuple[int, int],
    cache_dir: Path,
    spending: SceneSpending | None = None,
) -> Image.Image:
    """API key art cropped and scaled to fill ``size`` (RGBA), reused while the prompt holds.

    Raises:
        RenderError: when the image service is not configured or fails (ApiError), or the
            art would pass the budget (BudgetReached).
        ValueError: for malformed settings in the environment.
        OSError: when the art cannot be stored or read back.
    """
    settings = ImageSettings.from_env()
    backend = OpenAIImagesBackend(settings)
    art_path, ask = _art_request(screenplay, size, cache_dir, settings)
    if not art_path.is_file():
        with ApiClient(settings.config, service="image service") as api:
            data = backend._paid(api, ask, art_path, spending, "Cover art: 1 image")
        cache_dir.mkdir(parents=True, exist_ok=True)
        for stale in cache_dir.glob("*.png"):  # one screenplay, one poster's art
            stale.unlink(missing_ok=True)
        atomic_write_bytes(art_path, data)
    with Image.open(art_path) as art:
        fitted = ImageOps.fit(
            art.convert("RGB"), size, Image.Resampling.LANCZOS, centering=(0.5, 0.45)
        )
    return fitted.convert("RGBA")


def _scrim(image: Image.Image, style: GenreStyle) -> None:
    """Darken (or lighten, for dark ink) the lower half so the lettering always reads."""
    w, h = image.size
    ramp = np.clip((np.arange(h) / h - 0.42) / 0.3, 0, 1) * 0.72
    alpha = (ramp * 255).astype(np.uint8)[:, None].repeat(w, axis=1)
    base = style.outline
    veil = Image.new("RGBA", (w, h), (*base, 0))
    veil.putalpha(Image.fromarray(alpha))
    image.alpha_composite(veil)


def _letter(image: Image.Image, sp: Screenplay, style: GenreStyle) -> None:
    w, h = image.size
    draw = ImageDraw.Draw(image)
    margin = int(w * 0.08)
    column = w - 2 * margin
    stroke = style.outline
    label = f"{sp.genre.english.upper()}  ·  {sp.genre.chinese}"
    tag = poster_font(int(w * 0.032), False)
    tag_w = int(tag.getlength(label)) + int(w * 0.05)
    top = int(h * 0.05)
    draw.rounded_rectangle(
        (margin, top, margin + tag_w, top + int(w * 0.07)),
        radius=int(w * 0.035),
        fill=(*style.accent, 255),
        outline=(*stroke, 255),
        width=2,
    )
    draw.text(
        (margin + tag_w // 2, top + int(w * 0.035)),
        label,
        font=tag,
        anchor="mm",
        fill=(*_readable_on(style.accent), 255),
    )
    face, lines = _title_fit(sp.title, column, style.serif, w)
    y = int(h * 0.5)
    step = int(face.size * 1.18)
    for line in lines:
        draw.text(
            (w // 2, y),
            line,
            font=face,
            anchor="ma",
            fill=(*style.text, 255),
            stroke_width=max(2, face.size // 22),
            stroke_fill=(*stroke, 255),
        )
        y += step
    y += int(h * 0.03)
    draw.line(
        (w // 2 - w * 0.12, y, w // 2 + w * 0.12, y),
        fill=(*style.accent, 255),
        width=max(2, w // 200),
    )
    y += int(h * 0.025)
    body = poster_font(int(w * 0.038), False)
    for line in wrap_lines(sp.logline, body, column, balance=True)[:4]:
        draw.text(
            (w // 2, y),
            line,
            font=body,
            anchor="ma",
            fill=(*style.text, 255),
            stroke_width=max(1, body.size // 20),
            stroke_fill=(*stroke, 255),
        )
        y += int(body.size * 1.35)
    mood = poster_font(int(w * 0.03), style.serif)
    y = max(y + int(h * 0.02), int(h * 0.8))
    zh = sp.language == "zh"
    draw.text(
        (w // 2, y),
        style.mood_zh if zh else style.mood_en,
        font=mood,
        anchor="ma",
        fill=(*style.text, 255),
        stroke_width=2,
        stroke_fill=(*stroke, 255),
    )
    names = " · ".join(c.name for c in sp.characters[:6])
    if names:
        credit = f"{'主演' if zh else 'STARRING'}  {names}"
        small = poster_font(int(w * 0.03), False)
        for line in wrap_lines(credit, small, column)[:2]:
            y += int(small.size * 1.5)
            draw.text(
                (w // 2, y),
                line,
                font=small,
                anchor="ma",
                fill=(*style.text, 255),
                stroke_width=2,
                stroke_fill=(*stroke, 255),
            )


def _title_fit(
    title: str, column: int, serif: bool, w: int
) -> tuple[ImageFont.FreeTypeFont, list[str]]:
    """The largest title size (down to a third of the start) that fits in three lines.

    Every English word must fit the column whole at that size: "The Grandmother's Bike"
    was once set as "Grandmot / her's".
    """
    size = int(w * 0.14)
    words = [word for word in title.split() if word.isascii()]
    while True:
        face = poster_font(size, serif)
        lines = wrap_lines(title, face, column, balance=True)
        whole = all(face.getlength(word) <= column for word in words)
        if (len(lines) <= 3 and whole) or size <= w * 0.05:
            return face, lines[:3]
        size = int(size * 0.88)


def _readable_on(colour: RGB) -> RGB:
    light = 0.299 * colour[0] + 0.587 * colour[1] + 0.114 * colour[2] > 150
    return (20, 20, 20) if light else (255, 255, 255)

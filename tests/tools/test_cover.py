"""The 9:16 poster: genre styling, real Chinese lettering, deterministic atomic output."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from film.screenplay import Genre, Screenplay
from tools.picture.cover import GENRE_STYLE, make_cover


def _pixels(path: Path) -> np.ndarray:
    with Image.open(path) as image:
        assert image.format == "PNG"
        return np.asarray(image.convert("RGB"), np.int16)


def test_cover_is_a_vertical_png_written_atomically_and_deterministically(
    english_screenplay: Screenplay, tmp_path: Path
) -> None:
    out = tmp_path / "cover.png"
    assert make_cover(english_screenplay, out) == out
    assert _pixels(out).shape == (1920, 1080, 3)
    first = out.read_bytes()
    make_cover(english_screenplay, out)
    assert out.read_bytes() == first
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cover.png"]  # no temp debris
    small = make_cover(english_screenplay, tmp_path / "small.png", size=(720, 1280))
    assert _pixels(small).shape == (1280, 720, 3)


def test_every_genre_has_its_own_look(english_screenplay: Screenplay, tmp_path: Path) -> None:
    assert set(GENRE_STYLE) == set(Genre)
    means = []
    for genre in Genre:
        screenplay = english_screenplay.model_copy(update={"genre": genre})
        pixels = _pixels(make_cover(screenplay, tmp_path / f"{genre.value}.png", (270, 480)))
        means.append(pixels.reshape(-1, 3).mean(axis=0))
        assert GENRE_STYLE[genre].mood_en and GENRE_STYLE[genre].mood_zh
    for i, a in enumerate(means):
        for b in means[i + 1 :]:
            assert np.abs(a - b).max() > 8


def _title_band(path: Path) -> np.ndarray:
    return _pixels(path)[int(1920 * 0.48) : int(1920 * 0.68)]


def test_chinese_title_draws_real_glyphs(chinese_screenplay: Screenplay, tmp_path: Path) -> None:
    a = chinese_screenplay.model_copy(update={"title": "春眠不觉晓"})
    b = chinese_screenplay.model_copy(update={"title": "夜来风雨声"})
    band_a = _title_band(make_cover(a, tmp_path / "a.png"))
    band_b = _title_band(make_cover(b, tmp_path / "b.png"))
    # Boxes for missing glyphs would make both titles look the same.
    assert np.mean(np.abs(band_a - band_b).max(axis=2) > 60) > 0.01
    background = _title_band(make_cover(a.model_copy(update={"title": " "}), tmp_path / "c.png"))
    assert np.mean(np.abs(band_a - background).max(axis=2) > 60) > 0.02


def test_genre_names_and_cast_are_lettered(chinese_screenplay: Screenplay, tmp_path: Path) -> None:
    with_cast = _pixels(make_cover(chinese_screenplay, tmp_path / "cast.png"))
    no_cast = _pixels(
        make_cover(
            chinese_screenplay.model_copy(update={"characters": []}), tmp_path / "nocast.png"
        )
    )
    changed = np.abs(with_cast - no_cast).max(axis=2) > 40
    rows = np.nonzero(changed.any(axis=1))[0]
    assert rows.size and rows.min() > 1920 * 0.7 and rows.max() < 1920 * 0.95


def test_too_small_a_cover_is_refused(english_screenplay: Screenplay, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="at least"):
        make_cover(english_screenplay, tmp_path / "x.png", size=(40, 60))
    assert not (tmp_path / "x.png").exists()


@pytest.mark.parametrize("width", [360, 720, 1080])
def test_a_long_english_word_in_a_title_is_never_broken(width: int) -> None:
    """ "The Grandmother's Bike" was once set as "Grandmot / her's" on a 360-px cover."""
    from tools.picture.cover import _title_fit

    title = "The Grandmother's Bike"
    for serif in (True, False):
        _face, lines = _title_fit(title, int(width * 0.8), serif, width)
        assert " ".join(lines).split() == title.split()

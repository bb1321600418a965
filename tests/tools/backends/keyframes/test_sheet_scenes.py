"""Sheets in the segment cache key: a changed character re-renders only the scenes it is in.

The whole scene pipeline (``render_scene_segment``) against the fake images API, three tiny
scenes of ``english_film``: Mia is in all three, Leo only in scenes 2 and 3.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from fake_media_server import FakeMediaServer
from media_kit import english_film
from openai_kit import config, sheet_settings

from film.screenplay import Screenplay
from tools.assembly.production import render_scene_segment
from tools.backends.base import register_backend
from tools.backends.keyframes.painters import OpenAISheetPainter
from tools.backends.keyframes.sheets import SheetStore, approved_references
from tools.backends.openai.image_api import ImageSettings
from tools.backends.openai.images import OpenAIImagesBackend

BACKEND = "openai-images-sheets-test"


@pytest.fixture
def server():
    with FakeMediaServer() as fake:
        settings = ImageSettings(config=config(fake.base_url), price_per_image=0.05)
        register_backend(BACKEND, lambda: OpenAIImagesBackend(settings))
        yield fake


def settings_with_sheets(server: FakeMediaServer, film: Screenplay, folder: Path):
    store = SheetStore(folder)
    painter = OpenAISheetPainter(ImageSettings(config=config(server.base_url)))
    store.make(film, painter, None)
    store.approve([c.name for c in film.characters])
    sheets = approved_references(folder, film, film.characters)
    return sheet_settings(BACKEND, {name: path for name, (path, _) in sheets.items()})


def edits_carrying(server: FakeMediaServer, sheet: Path) -> int:
    data = sheet.read_bytes()
    return sum(1 for r in server.requests if r.path == "/v1/images/edits" and data in r.images())


def test_editing_one_character_re_renders_only_the_scenes_it_appears_in(server, tmp_path):
    film = english_film()
    first = settings_with_sheets(server, film, tmp_path)
    results = [render_scene_segment(film, n, tmp_path, first) for n in (1, 2, 3)]
    assert [r.error for r in results] == [None, None, None]
    assert not any(r.cached for r in results)
    leo_before = Path(first.character_sheets["Leo"])
    assert edits_carrying(server, leo_before) >= 2  # scenes 2 and 3 drew Leo from his sheet

    leo = film.characters[1].model_copy(update={"wardrobe": "a green winter coat"})
    edited = film.model_copy(update={"characters": [film.characters[0], leo]})
    second = settings_with_sheets(server, edited, tmp_path)
    assert second.character_sheets["Mia"] == first.character_sheets["Mia"]
    assert second.character_sheets["Leo"] != first.character_sheets["Leo"]
    edits_before = sum(1 for r in server.requests if r.path == "/v1/images/edits")
    old_leo_before = edits_carrying(server, leo_before)

    again = [render_scene_segment(edited, n, tmp_path, second) for n in (1, 2, 3)]

    assert [r.cached for r in again] == [True, False, False]
    new_edits = sum(1 for r in server.requests if r.path == "/v1/images/edits") - edits_before
    assert new_edits > 0
    assert edits_carrying(server, Path(second.character_sheets["Leo"])) >= 2
    assert edits_carrying(server, leo_before) == old_leo_before, "the old sheet is not used"


def test_a_regenerated_sheet_re_renders_its_characters_scenes_only(server, tmp_path):
    film = english_film()
    first = settings_with_sheets(server, film, tmp_path)
    for n in (1, 2, 3):
        assert render_scene_segment(film, n, tmp_path, first).error is None
    store = SheetStore(tmp_path)
    store.regenerate("Leo")
    second = settings_with_sheets(server, film, tmp_path)

    again = [render_scene_segment(film, n, tmp_path, second) for n in (1, 2, 3)]

    assert [r.cached for r in again] == [True, False, False]

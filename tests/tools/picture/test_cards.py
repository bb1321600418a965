"""Title and end cards: a poster on the first frame (the thumbnail), text that fits, no black."""

from __future__ import annotations

import numpy as np
from media_kit import frame_at

from film.screenplay import Genre
from tools.assembly.reels import render_card_reel
from tools.assembly.settings import ProductionSettings
from tools.picture.cards import draw_end_card, draw_title_card
from tools.picture.places import poster_spec
from tools.picture.storyboard import canvas_size

SMALL = ProductionSettings(width=180, height=320, voice=False, music=False, burn_subtitles=False)


def test_the_title_reel_opens_on_the_poster_not_on_black(english_screenplay, tmp_path):
    manifest = render_card_reel(english_screenplay, "title", tmp_path, SMALL)
    first = frame_at(tmp_path / manifest.pieces["body"], 0.0).astype(int)
    later = frame_at(tmp_path / manifest.pieces["body"], 1.0).astype(int)
    assert first.mean() > 30, "the first frame (the thumbnail) is black"
    assert np.abs(first - later).mean() < 12  # the same poster, only the slow push moves


def test_cards_are_drawn_over_the_place_the_film_names(english_screenplay, chinese_screenplay):
    assert poster_spec(english_screenplay).time_of_day == "NIGHT"  # "New Year's Eve"
    assert poster_spec(chinese_screenplay).time_of_day == "NIGHT"  # 除夕
    scenery = english_screenplay.model_copy(
        update={
            "genre": Genre.AESTHETIC_SCENERY,
            "title": "Lighthouse",
            "logline": "A keeper.",
            "setting_time": "",
        }
    )
    assert poster_spec(scenery).kind == "lighthouse" and poster_spec(scenery).outside
    # The pen pal (2026-12-04): the logline's last place word was "train", drawn as a street.
    pen_pal = scenery.model_copy(
        update={
            "title": "Letters to the Last Train",
            "logline": "She waits for her pen pal until he steps off the last train of summer.",
        }
    )
    assert poster_spec(pen_pal).kind == "station" and poster_spec(pen_pal).outside
    bus = scenery.model_copy(update={"title": "The Last Bus", "logline": "He rides the bus."})
    assert poster_spec(bus).kind == "street"


def test_a_long_title_is_set_whole_and_both_cards_fill_the_panel(english_screenplay):
    long = english_screenplay.model_copy(
        update={"title": "The Lighthouse Keeper's Last Summer Before the Sea Took the Island"}
    )
    for draw in (draw_title_card, draw_end_card):
        card = np.asarray(draw(long, 360, 640)).astype(int)
        assert card.shape[:2][::-1] == canvas_size(360, 640)
        assert card.mean() > 20 and card.std() > 10  # art under the words, not a flat fill


def test_cards_differ_by_genre(chinese_screenplay):
    means = {
        tuple(
            np.asarray(
                draw_title_card(chinese_screenplay.model_copy(update={"genre": g}), 180, 320)
            )
            .reshape(-1, 3)
            .mean(axis=0)
            .astype(int)
        )
        for g in Genre
    }
    assert len(means) == len(Genre)


def test_a_cast_line_says_a_name_that_is_its_role_once() -> None:
    from tools.picture.cards import cast_line

    assert cast_line("外卖小哥", "外卖小哥") == "外卖小哥"
    assert cast_line("老人", "老人。") == "老人"
    assert cast_line("Lily", "granddaughter") == "Lily · granddaughter"
    assert cast_line("Walter", "") == "Walter"

"""Camera moves at the real output sizes: every move over every framing, never off the panel.

The first version only ever ran at 720x1280, and at the default 1080x1920 a push-in asked
Pillow for a box 0.9 px taller than the panel and the scene was lost. These sweeps run the
default size as well, with a handful of frames each so they stay fast.
"""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from film.screenplay import DialogueLine, Scene
from tools.assembly.reel_keys import scene_cast
from tools.assembly.shots import plan_shots
from tools.backends.base import RenderRequest, Shot
from tools.backends.local import LocalBackend
from tools.picture.motion import MOTIONS, crop_box, ken_burns
from tools.picture.storyboard import FRAMINGS, ScenePainter, canvas_size, framing_for

SIZES = [(1080, 1920), (720, 1280)]


def test_the_reported_push_in_at_1080x1920_runs():
    still = Image.new("RGB", canvas_size(1080, 1920), (90, 120, 150))
    assert still.size == (1166, 2072)
    frames = list(ken_burns(still, (1080, 1920), 60, "push-in", 0.002))
    assert len(frames) == 60 and frames[0].shape == (1920 * 3 // 2, 1080)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_move_over_every_framing_stays_inside_the_panel(english_screenplay, size):
    width, height = size
    scene = english_screenplay.scenes[1]
    request = RenderRequest(
        screenplay=english_screenplay,
        scene=scene,
        shots=plan_shots(scene),
        bible=scene_cast(english_screenplay, scene),
        width=width,
        height=height,
        fps=30,
        duration_s=scene.duration_s,
    )
    painter = ScenePainter(request)
    for index, framing in enumerate(FRAMINGS):
        shot = Shot(index=index, description="Leo smiles.", duration_s=2.5, characters=("Leo",))
        assert framing_for(shot) == framing
        panel = painter.panel(shot)
        assert panel.size == canvas_size(width, height)
        for motion in MOTIONS:
            # A crawl and a speed far past the margin (it travels the whole margin), in few frames.
            for frames, speed in ((3, 0.0005), (2, 5.0)):
                moved = list(ken_burns(panel, size, frames, motion, speed))
                assert len(moved) == frames, (framing, motion)
                assert all(f.shape == (height * 3 // 2, width) for f in moved)
            assert not np.array_equal(moved[0], moved[-1]), (framing, motion)


def test_a_close_up_holds_one_speaker_and_it_is_the_one_seen() -> None:
    """Two speakers in one close shot: the second was heard over the first one's face."""
    one = (DialogueLine(speaker="Leo", text="Hi."), DialogueLine(speaker="Leo", text="Again."))
    two = (DialogueLine(speaker="Leo", text="Hi."), DialogueLine(speaker="Mia", text="Hello."))
    assert framing_for(Shot(index=2, description="x", duration_s=3, dialogue=one)) == "CLOSE"
    assert framing_for(Shot(index=2, description="x", duration_s=3, dialogue=two)) == "MEDIUM"
    scene = Scene(
        number=1,
        place="Kitchen",
        action=["Mia cooks.", "Leo waits.", "Mia turns."],
        dialogue=[DialogueLine(speaker="Leo", text="Is it ready yet, Mia? I am starving.")],
        characters=["Mia", "Leo"],
        duration_s=9.0,
    )
    for shot in plan_shots(scene):
        if framing_for(shot) == "CLOSE" and shot.dialogue:
            assert shot.characters[0] == shot.dialogue[0].speaker


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_a_whole_scene_renders_at_both_sizes(english_screenplay, size):
    """Through the backend, at a low frame rate so each of the three framings gets frames."""
    width, height = size
    scene = Scene(
        number=1,
        place="Kitchen",
        action=["Mia cooks.", "Leo waits.", "They eat."],
        characters=["Mia", "Leo"],
        duration_s=7.5,
    )
    request = RenderRequest(
        screenplay=english_screenplay,
        scene=scene,
        shots=plan_shots(scene),
        bible=scene_cast(english_screenplay, scene),
        width=width,
        height=height,
        fps=2,
        duration_s=7.5,
    )
    assert {framing_for(s) for s in request.shots} == set(FRAMINGS)
    frames = list(LocalBackend().frames(request))
    assert len(frames) == 15 and all(f.shape == (height * 3 // 2, width) for f in frames)


@pytest.mark.parametrize(
    "panel, shown",
    [
        ((1166, 2072), (1080 * 1.0796, 1920 * 1.0796)),
        ((776, 1382), (900.0, 1600.0)),
        ((100, 100), (40.5, 99.99)),
    ],
)
def test_a_crop_box_never_leaves_the_panel(panel, shown):
    left, top, right, bottom = crop_box(panel, shown)
    assert 0 <= left <= right <= panel[0] and 0 <= top <= bottom <= panel[1]


def test_a_still_smaller_than_the_frame_is_scaled_to_cover_it():
    frames = list(
        ken_burns(Image.new("RGB", (301, 500), (200, 30, 30)), (360, 640), 3, "pan-left", 0.01)
    )
    assert len(frames) == 3 and frames[0].shape == (960, 360)


def test_an_unknown_move_is_refused_by_name():
    with pytest.raises(ValueError, match="Unknown camera move 'zoom-sideways'"):
        list(ken_burns(Image.new("RGB", (400, 700)), (360, 640), 2, "zoom-sideways", 0.01))

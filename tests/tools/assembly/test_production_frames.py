"""Frame plumbing: YUV conversion, fades, subtitle burn-in, manifests, film reuse."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from tools.assembly.production import (
    ProductionError,
    ProductionSettings,
    assemble_film,
    produce_film,
)
from tools.assembly.segments import Manifest
from tools.picture.yuv import BLACK, fade, join, split, to_planes, to_rgb
from tools.sound.soundtrack import TimedLine
from tools.subtitles.burnin import SubtitleBurner

W, H = 64, 96


def _picture() -> np.ndarray:
    ramp = np.linspace(0, 255, W, dtype=np.float32)
    rgb = np.stack(
        [np.tile(ramp, (H, 1)), np.tile(ramp[::-1], (H, 1)), np.full((H, W), 120, np.float32)],
        axis=2,
    )
    return rgb.astype(np.uint8)


def test_rgb_to_limited_range_yuv_and_back_is_faithful():
    rgb = _picture()
    frame = join(to_planes(rgb))
    assert frame.shape == (H * 3 // 2, W)
    back = to_rgb(frame, W, H).astype(int)
    assert np.abs(back - rgb.astype(int)).mean() < 3
    white = join(to_planes(np.full((4, 4, 3), 255, np.uint8)))
    black = join(to_planes(np.zeros((4, 4, 3), np.uint8)))
    assert split(white, 4, 4).y.min() == 235 and split(black, 4, 4).y.max() == BLACK[0]
    assert set(split(black, 4, 4).u.ravel()) == {BLACK[1]}


def test_fades_reach_black_and_leave_the_input_alone():
    frame = join(to_planes(_picture()))
    original = frame.copy()
    dark = fade(frame, W, 0.0)
    assert np.array_equal(frame, original)
    planes = split(dark, W, H)
    assert planes.y.max() == BLACK[0] and set(planes.v.ravel()) == {BLACK[2]}
    assert np.array_equal(fade(frame, W, 1.0), frame)


def test_subtitles_are_burned_only_while_their_cue_shows():
    width, height = 180, 320
    grey = join(to_planes(np.full((height, width, 3), 90, np.uint8)))
    grey.flags.writeable = False  # frames from the camera are shared; never edit in place
    burner = SubtitleBurner([TimedLine(1.0, 2.0, "Hello there", "Mia")], width, height, "en", 30)
    before, during, after = (burner.apply(grey, i) for i in (15, 45, 75))
    assert before is grey and after is grey
    changed = np.argwhere(split(during, width, height).y != split(grey, width, height).y)
    assert len(changed) > 100
    assert changed[:, 0].min() > height * 0.6, "subtitles must sit low in the frame"
    assert (
        not grey.flags.writeable
        and split(grey, width, height).y.max() == split(grey, width, height).y.min()
    )


def test_chinese_subtitles_burn_in_too():
    width, height = 180, 320
    grey = join(to_planes(np.full((height, width, 3), 90, np.uint8)))
    burner = SubtitleBurner([TimedLine(0.0, 1.0, "妈，我回来了！")], width, height, "zh", 30)
    assert not np.array_equal(burner.apply(grey.copy(), 10), grey)


def test_a_manifest_with_a_missing_piece_does_not_count(english_screenplay, tmp_path):
    settings = ProductionSettings(
        width=180, height=320, voice=False, music=False, burn_subtitles=False
    )
    produce_film(english_screenplay, tmp_path, settings)
    folder = tmp_path / "segments"
    stem = next(p.stem for p in folder.glob("scene-01-*.json"))
    manifest = Manifest.load(folder, stem)
    assert manifest is not None and set(manifest.pieces) == {"body", "tail"}
    (folder / manifest.pieces["tail"]).unlink()
    assert Manifest.load(folder, stem) is None
    with pytest.raises(ProductionError, match="No scene .* finished segment") as caught:
        assemble_film(
            english_screenplay.model_copy(update={"scenes": [english_screenplay.scenes[0]]}),
            tmp_path,
            settings,
        )
    assert "render the scenes first" in str(caught.value)


def test_an_unchanged_film_is_not_joined_again(english_screenplay, tmp_path):
    settings = ProductionSettings(
        width=180, height=320, voice=False, music=False, burn_subtitles=False
    )
    first = produce_film(english_screenplay, tmp_path, settings)
    stamp = first.path.stat().st_mtime_ns
    assemble_film(english_screenplay, tmp_path, settings)
    assert first.path.stat().st_mtime_ns == stamp
    edited = english_screenplay.model_copy(deep=True)
    edited.scenes[1].action = ["Leo waves Mia aboard."]
    produce_film(edited, tmp_path, settings)
    assert first.path.stat().st_mtime_ns != stamp


def test_panels_convert_to_even_sized_planes_only():
    with pytest.raises(ValueError, match="even sides"):
        to_planes(Image.new("RGB", (5, 4)))

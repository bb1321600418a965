"""The offline animatic backend: composed panels, slow moves, deterministic, real clips."""

from __future__ import annotations

import hashlib

import numpy as np
import pytest
from media_kit import probe, stream

from film.screenplay import Genre, Screenplay
from tools.assembly.reel_keys import scene_cast
from tools.assembly.shots import plan_shots
from tools.backends.base import RenderRequest, get_backend, shot_frame_counts
from tools.backends.local import LocalBackend
from tools.picture.figures import COLOR_WORDS, colours_in
from tools.picture.looks import font
from tools.picture.motion import MOTIONS, ken_burns
from tools.picture.storyboard import canvas_size, draw_shot

W, H = 180, 320


def _request(
    screenplay: Screenplay, index: int = 0, width: int = W, height: int = H, fps: int = 30
) -> RenderRequest:
    scene = screenplay.scenes[index]
    return RenderRequest(
        screenplay=screenplay,
        scene=scene,
        shots=plan_shots(scene),
        bible=scene_cast(screenplay, scene),
        width=width,
        height=height,
        fps=fps,
        duration_s=scene.duration_s,
    )


def _digest(frames) -> tuple[int, str]:
    sha, count = hashlib.sha256(), 0
    for frame in frames:
        assert frame.shape == (H * 3 // 2, W) and frame.dtype == np.uint8  # I420
        sha.update(frame.tobytes())
        count += 1
    return count, sha.hexdigest()


def test_registry_gives_the_local_backend_with_a_stable_cache_key():
    backend = get_backend("local")
    assert isinstance(backend, LocalBackend) and backend.name == "local"
    assert backend.cache_key() == get_backend("local").cache_key()


def test_only_a_drawing_backend_hands_over_frames(english_screenplay, monkeypatch):
    monkeypatch.setenv("MICROFILM_IMAGE_API_KEY", "test-key")
    request = _request(english_screenplay)
    assert get_backend("local").frames(request) is not None
    assert get_backend("openai-images").frames(request) is None  # clip-only: the default


def test_an_unknown_backend_names_the_ones_that_exist():
    # Other tests register backends of their own for the session, so only ours are named here.
    with pytest.raises(ValueError, match="available: ") as raised:
        get_backend("nope")
    assert {"local", "openai-images", "openai-videos"} <= set(
        str(raised.value).split("available: ", 1)[1].rstrip(".").split(", ")
    )


def test_frames_are_deterministic_and_exactly_as_long_as_the_scene(english_screenplay):
    request = _request(english_screenplay)
    count, first = _digest(LocalBackend().frames(request))
    assert count == round(request.duration_s * 30)
    assert _digest(LocalBackend().frames(request)) == (count, first)


def test_the_camera_moves_slowly_within_a_shot(english_screenplay):
    frames = list(LocalBackend().frames(_request(english_screenplay)))
    steps = [
        np.abs(a.astype(int) - b.astype(int)).mean()
        for a, b in zip(frames, frames[1:], strict=False)
    ]
    assert max(steps) > 0, "the frame never moves"
    assert np.median(steps) < 8, "the move is not slow"


@pytest.mark.parametrize("motion", MOTIONS)
def test_every_move_stays_inside_the_panel(english_screenplay, motion):
    request = _request(english_screenplay, width=360, height=640)
    panel = draw_shot(request, request.shots[0])
    assert panel.size == canvas_size(360, 640)
    frames = list(ken_burns(panel, (360, 640), 45, motion, 0.02 / 30))
    assert len(frames) == 45 and all(f.shape == (960, 360) for f in frames)
    assert not np.array_equal(frames[0], frames[-1])


def test_wardrobe_colours_pin_each_character(english_screenplay):
    request = _request(english_screenplay, width=540, height=960)
    red = np.array(COLOR_WORDS["red"])

    def has(colour, image) -> bool:
        return bool((np.abs(np.asarray(image).astype(int) - colour).sum(axis=2) < 6).any())

    assert has(red, draw_shot(request, request.shots[0]))  # Mia's red scarf
    mia = english_screenplay.characters[0]
    english_screenplay.characters[0] = mia.model_copy(update={"wardrobe": "green scarf"})
    changed = _request(english_screenplay, width=540, height=960)
    panel = draw_shot(changed, changed.shots[0])
    assert has(np.array(COLOR_WORDS["green"]), panel) and not has(red, panel)


def test_colour_words_are_read_in_english_and_chinese():
    assert colours_in("navy jacket, red scarf") == [COLOR_WORDS["navy"], COLOR_WORDS["red"]]
    assert colours_in("蓝色羽绒服，灰色围巾") == [COLOR_WORDS["蓝"], COLOR_WORDS["灰"]]
    assert colours_in("a tired, bored man") == []  # no "red" inside other words


def test_each_genre_has_its_own_palette(english_screenplay):
    means = set()
    for genre in Genre:
        screenplay = english_screenplay.model_copy(update={"genre": genre})
        request = _request(screenplay)
        panel = np.asarray(draw_shot(request, request.shots[0]))
        means.add(tuple(int(c) for c in panel.reshape(-1, 3).mean(axis=0)))
    assert len(means) == len(Genre)


def test_chinese_panels_draw_real_glyphs_not_boxes(chinese_screenplay):
    face = font(40)

    def pixels(char: str) -> bytes:
        return bytes(face.getmask(char))

    tofu = pixels("\U0010fffd")  # a private-use code point: the face draws its "missing" box
    for char in "妈厨房饺子":
        assert pixels(char) != tofu and any(pixels(char))
    request = _request(chinese_screenplay, width=360, height=640)
    assert draw_shot(request, request.shots[0]).size == canvas_size(360, 640)


def test_shot_frames_add_up_exactly():
    shots = plan_shots(_scene_with_three_actions())
    counts = shot_frame_counts(shots, 271)
    assert sum(counts) == 271 and all(c > 0 for c in counts)


def _scene_with_three_actions():
    from film.screenplay import Scene

    return Scene(number=1, place="Yard", action=["A.", "B.", "C."], duration_s=9.0)


def test_render_scene_writes_a_silent_vertical_h264_clip(english_screenplay, tmp_path):
    request = _request(english_screenplay)
    out = tmp_path / "clip.mp4"
    clip = LocalBackend().render_scene(request, out)
    info = probe(out)
    video = stream(info, "video")
    assert (video["codec_name"], video["width"], video["height"]) == ("h264", W, H)
    assert video["pix_fmt"] == "yuv420p" and video["r_frame_rate"] == "30/1"
    assert not [s for s in info["streams"] if s["codec_type"] == "audio"]
    assert float(info["format"]["duration"]) == pytest.approx(request.duration_s, abs=0.05)
    assert clip.path == out and clip.backend == "local" and clip.cost_usd == 0.0
    assert [p.name for p in tmp_path.iterdir()] == ["clip.mp4"]  # no temp debris

"""Scene segments: real H.264/AAC files, cached by content, one failure never the whole film."""

from __future__ import annotations

import subprocess
from pathlib import Path

import numpy as np
import pytest
from media_kit import probe, stream
from pydantic import ValidationError

from film.form import estimate_runtime
from tools.assembly.production import (
    ProductionError,
    ProductionSettings,
    SegmentResult,
    assemble_film,
    produce_film,
    render_scene_segment,
)
from tools.backends.base import (
    RenderBackend,
    RenderedClip,
    RenderError,
    RenderRequest,
    register_backend,
)
from tools.ffmpeg import decode_audio, ffmpeg_exe

VIDEO_ONLY = ProductionSettings(
    width=180, height=320, voice=False, music=False, burn_subtitles=False
)
WITH_SOUND = ProductionSettings(width=180, height=320)


def _mtimes(folder: Path) -> dict[str, int]:
    return {p.name: p.stat().st_mtime_ns for p in folder.glob("*.mp4")}


def test_a_segment_has_the_shared_codec_parameters(english_screenplay, tmp_path):
    result = render_scene_segment(english_screenplay, 3, tmp_path, VIDEO_ONLY)
    assert result.error is None and not result.cached and result.path is not None
    info = probe(result.path)
    video, audio = stream(info, "video"), stream(info, "audio")
    assert (video["codec_name"], video["width"], video["height"]) == ("h264", 180, 320)
    assert (video["pix_fmt"], video["r_frame_rate"], video["time_base"]) == (
        "yuv420p",
        "30/1",
        "1/15360",
    )
    assert (audio["codec_name"], audio["sample_rate"], audio["channels"]) == ("aac", "44100", 2)
    scene = english_screenplay.scenes[2]
    assert float(info["format"]["duration"]) == pytest.approx(scene.duration_s, abs=0.05)
    assert result.duration_s == pytest.approx(scene.duration_s, abs=0.04)


def test_a_rendered_scene_is_reused_untouched(english_screenplay, tmp_path):
    first = render_scene_segment(english_screenplay, 2, tmp_path, VIDEO_ONLY)
    before = _mtimes(tmp_path / "segments")
    again = render_scene_segment(english_screenplay, 2, tmp_path, VIDEO_ONLY)
    assert again.cached and again.path == first.path
    assert _mtimes(tmp_path / "segments") == before


def test_only_what_changed_is_rendered_again(english_screenplay, tmp_path):
    film = produce_film(english_screenplay, tmp_path, VIDEO_ONLY)
    assert film.missing_scenes == []
    edited = english_screenplay.model_copy(deep=True)
    edited.scenes[2].action = ["The bus stops on the bridge at sunrise."]
    cached = {n: render_scene_segment(edited, n, tmp_path, VIDEO_ONLY).cached for n in (1, 2, 3)}
    assert cached == {1: True, 2: True, 3: False}
    wardrobe = english_screenplay.model_copy(deep=True)
    wardrobe.characters[1].wardrobe = "orange high-visibility vest"  # Leo: scenes 2 and 3
    cached = {n: render_scene_segment(wardrobe, n, tmp_path, VIDEO_ONLY).cached for n in (1, 2, 3)}
    assert cached == {1: True, 2: False, 3: False}


def test_voice_lengthens_a_scene_only_when_speech_runs_over(english_screenplay, tmp_path):
    talky = english_screenplay.model_copy(deep=True)
    talky.scenes[2].dialogue = [
        talky.scenes[0].dialogue[0].model_copy(update={"text": "Look at the city waking up. " * 6})
    ]  # the stored estimate (3 s) is now far too short for the spoken line
    result = render_scene_segment(talky, 3, tmp_path, WITH_SOUND)
    assert result.error is None and result.duration_s > talky.scenes[2].duration_s + 3
    assert result.path is not None
    audio = decode_audio(result.path)
    assert np.sqrt(np.mean(audio**2)) > 0.01, "the spoken line is not in the segment"


def test_unknown_scene_numbers_are_refused_clearly(english_screenplay, tmp_path):
    with pytest.raises(ValueError, match="There is no scene 9.*scenes: 1, 2, 3"):
        render_scene_segment(english_screenplay, 9, tmp_path, VIDEO_ONLY)


def test_settings_refuse_sizes_that_are_not_vertical_or_odd():
    with pytest.raises(ValidationError, match="vertical 9:16"):
        ProductionSettings(width=1920, height=1080)
    with pytest.raises(ValidationError, match="even numbers"):
        ProductionSettings(width=181, height=320)
    assert ProductionSettings(width=720, height=1280).encode_format.width == 720


class _Flaky(RenderBackend):
    """A backend that refuses scene 2 and draws the rest like the local one."""

    name = "flaky-test"

    def __init__(self, final: bool) -> None:
        from tools.backends.local import LocalBackend

        self._local, self._final = LocalBackend(), final

    def cache_key(self) -> str:
        return "flaky-test:1"

    def render_scene(self, request: RenderRequest, out_path: Path, progress=None):
        if request.scene.number == 2:
            raise RenderError("the provider refused scene 2", final=self._final)
        return self._local.render_scene(request, out_path, progress)


def test_a_failed_scene_is_reported_and_the_film_is_made_without_it(english_screenplay, tmp_path):
    register_backend("flaky-final", lambda: _Flaky(final=True))
    settings = VIDEO_ONLY.model_copy(update={"backend": "flaky-final"})
    seen: list[SegmentResult] = []
    film = produce_film(english_screenplay, tmp_path, settings, on_scene=seen.append)
    failed = {r.scene_number: r.error or "" for r in seen if r.error}
    assert list(failed) == [2] and "refused scene 2" in failed[2]
    assert not [r for r in seen if r.transient]
    assert film.missing_scenes == [2] and "Scene 2" in film.notes[0]
    full = estimate_runtime(english_screenplay)
    assert float(probe(film.path)["format"]["duration"]) < full - 2  # scene 2 left out


def test_transient_failures_are_marked_retryable(english_screenplay, tmp_path):
    register_backend("flaky-transient", lambda: _Flaky(final=False))
    settings = VIDEO_ONLY.model_copy(update={"backend": "flaky-transient"})
    result = render_scene_segment(english_screenplay, 2, tmp_path, settings)
    assert result.error and result.transient and result.path is None


def test_assembling_with_no_finished_scene_says_what_to_do(english_screenplay, tmp_path):
    with pytest.raises(ProductionError, match="No scene .* render the scenes first"):
        assemble_film(english_screenplay, tmp_path, VIDEO_ONLY)


class _LandscapeClips(RenderBackend):
    """A clip-producing backend (like the API ones): wrong size, rate and length on purpose."""

    name = "landscape-test"

    def cache_key(self) -> str:
        return "landscape-test:1"

    def render_scene(self, request: RenderRequest, out_path: Path, progress=None):
        seconds = max(1.0, request.duration_s - 1.0)  # a clip one second short
        subprocess.run(
            [
                ffmpeg_exe(),
                "-v",
                "error",
                "-y",
                "-f",
                "lavfi",
                "-i",
                f"testsrc=size=320x240:rate=25:duration={seconds}",
                "-c:v",
                "libx264",
                "-pix_fmt",
                "yuv420p",
                str(out_path),
            ],
            check=True,
        )
        return RenderedClip(out_path, seconds, self.name, cost_usd=0.01)


def test_clips_from_other_backends_are_normalised_and_kept(english_screenplay, tmp_path):
    register_backend("landscape-test", _LandscapeClips)
    settings = VIDEO_ONLY.model_copy(update={"backend": "landscape-test"})
    result = render_scene_segment(english_screenplay, 1, tmp_path, settings)
    assert result.error is None and result.path is not None
    video = stream(probe(result.path), "video")
    assert (video["width"], video["height"], video["r_frame_rate"]) == (180, 320, "30/1")
    assert result.duration_s == pytest.approx(
        english_screenplay.scenes[0].duration_s + 0.25, abs=0.04
    )  # half a dissolve is added
    assert len(list((tmp_path / "segments" / "clips").glob("landscape-test-*.mp4"))) == 1

"""The finished film: title card, stream-copied segments, transitions, sound, subtitles."""

from __future__ import annotations

import subprocess
import zipfile
from pathlib import Path

import numpy as np
import pytest
from media_kit import english_film, frame_at, probe, stream

from film.form import TITLE_CARD_S, estimate_runtime
from tools.assembly.production import (
    FilmResult,
    ProductionError,
    ProductionSettings,
    assemble_film,
    produce_film,
    render_scene_segment,
)
from tools.assembly.stitch import write_srt
from tools.documents.bundle import make_bundle
from tools.ffmpeg import SAMPLE_RATE, decode_audio, ffmpeg_exe, write_wav
from tools.sound.soundtrack import TimedLine
from tools.subtitles.cues import parse_srt

FULL = ProductionSettings(width=180, height=320)
VIDEO_ONLY = ProductionSettings(
    width=180, height=320, voice=False, music=False, burn_subtitles=False
)


@pytest.fixture(scope="module")
def silent_film(tmp_path_factory: pytest.TempPathFactory) -> tuple[FilmResult, Path]:
    """One picture-only English film shared by the tests that only inspect it."""
    project = tmp_path_factory.mktemp("silent")
    return produce_film(english_film(), project, VIDEO_ONLY), project


def _srt(film: FilmResult) -> Path:
    assert film.srt_path is not None and film.srt_path.is_file()
    return film.srt_path


def _packets(path: Path) -> list[str]:
    """MD5 of every video packet, copied without decoding."""
    out = subprocess.run(
        [
            ffmpeg_exe(),
            "-v",
            "error",
            "-i",
            str(path),
            "-map",
            "0:v",
            "-c",
            "copy",
            "-f",
            "framemd5",
            "pipe:1",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return [
        line.rsplit(",", 1)[1].strip()
        for line in out.splitlines()
        if line and not line.startswith("#")
    ]


def _copied(film: list[str], segment: list[str]) -> bool:
    """Whether ``segment``'s packets appear in order inside ``film``, byte for byte.

    The concat demuxer repeats the parameter sets inside each keyframe (one in 60 frames),
    so those packets alone may differ; every other packet must be identical.
    """
    for start in range(len(film) - len(segment) + 1):
        same = sum(a == b for a, b in zip(film[start : start + len(segment)], segment, strict=True))
        if same >= len(segment) - (len(segment) // 60 + 1):
            return True
    return False


def test_the_film_matches_the_screenplay_estimate_with_sound_and_subtitles(
    english_screenplay, tmp_path
):
    film = produce_film(english_screenplay, tmp_path, FULL)
    assert film.path == tmp_path / "film.mp4" and film.missing_scenes == []
    info = probe(film.path)
    video, audio = stream(info, "video"), stream(info, "audio")
    assert video["codec_name"] == "h264" and audio["codec_name"] == "aac"
    assert video["width"] * 16 == video["height"] * 9
    estimate = estimate_runtime(english_screenplay)
    duration = float(info["format"]["duration"])
    assert abs(duration - estimate) <= 0.1 * estimate
    assert duration == pytest.approx(film.duration_s, abs=0.1)
    sound = decode_audio(film.path)
    assert np.sqrt(np.mean(sound**2)) > 0.01
    title = sound[: int(TITLE_CARD_S * SAMPLE_RATE)]
    assert np.sqrt(np.mean(title**2)) > 0.003, "no music under the title card"
    cues = parse_srt(_srt(film).read_text(encoding="utf-8"))
    assert [c.text for c in cues] == ["Please, one more bus.", "Last ride of the year."]
    assert cues[0].start_s >= TITLE_CARD_S and cues[-1].end_s <= duration
    head = info["format"]
    assert head["format_name"].startswith("mov,mp4")


def test_segments_are_joined_by_stream_copy(silent_film):
    film, project = silent_film
    third = render_scene_segment(english_film(), 3, project, VIDEO_ONLY)
    assert third.cached
    assert third.path is not None
    assert _copied(_packets(film.path), _packets(third.path))


def test_moov_atom_comes_first_for_phone_playback(silent_film):
    film, _ = silent_film
    head = film.path.read_bytes()[:4096]
    assert 0 <= head.find(b"moov") < head.find(b"mdat") or b"mdat" not in head


def test_fades_go_through_black_and_dissolves_keep_the_runtime(silent_film, english_screenplay):
    film, _ = silent_film
    scenes = english_screenplay.scenes
    # Scene 1 dissolves into 2: each gets half a dissolve more, and the dissolve overlaps
    # them, so the runtime is unchanged. Scene 2 then fades out to black and 3 fades in.
    end_of_two = TITLE_CARD_S + scenes[0].duration_s + scenes[1].duration_s
    darkest = min(frame_at(film.path, end_of_two + dt).mean() for dt in (-0.1, -0.05, 0, 0.05))
    assert darkest < 0.2 * frame_at(film.path, end_of_two - 1.0).mean()
    assert film.duration_s == pytest.approx(estimate_runtime(english_screenplay) + 1.0, abs=0.05)


def test_burned_subtitles_show_while_a_line_is_spoken(english_screenplay, tmp_path):
    plain = produce_film(
        english_screenplay, tmp_path / "plain", FULL.model_copy(update={"burn_subtitles": False})
    )
    burned = produce_film(english_screenplay, tmp_path / "burned", FULL)
    cue = parse_srt(_srt(burned).read_text(encoding="utf-8"))[0]
    moment = (cue.start_s + cue.end_s) / 2
    band = slice(int(320 * 0.70), int(320 * 0.88))
    bright = [
        int((frame_at(f.path, moment)[band] > 230).all(axis=2).sum()) for f in (plain, burned)
    ]
    assert bright[1] > bright[0] + 20, bright


def test_a_chinese_film_keeps_chinese_subtitles(chinese_screenplay, tmp_path):
    film = produce_film(chinese_screenplay, tmp_path, FULL)
    srt = _srt(film).read_text(encoding="utf-8")
    assert "今年他又不回来了吧" in srt and "我回来了" in srt
    estimate = estimate_runtime(chinese_screenplay)
    assert abs(float(probe(film.path)["format"]["duration"]) - estimate) <= 0.1 * estimate


def test_missing_scenes_are_skipped_with_a_note(english_screenplay, tmp_path):
    for number in (1, 3):
        assert render_scene_segment(english_screenplay, number, tmp_path, VIDEO_ONLY).error is None
    film = assemble_film(english_screenplay, tmp_path, VIDEO_ONLY)
    assert film.missing_scenes == [2] and "Scene 2" in film.notes[0]
    assert not film.complete, "a cut with a scene missing is not the finished film"
    scenes = english_screenplay.scenes
    expected = TITLE_CARD_S + scenes[0].duration_s + scenes[2].duration_s + 1.0 + 0.25
    assert float(probe(film.path)["format"]["duration"]) == pytest.approx(expected, abs=0.1)


def test_a_music_file_plays_under_the_whole_film(english_screenplay, tmp_path):
    tone = np.sin(2 * np.pi * 330 * np.arange(SAMPLE_RATE * 2) / SAMPLE_RATE) * 0.5
    write_wav(tmp_path / "theme.wav", tone.astype(np.float32))
    settings = VIDEO_ONLY.model_copy(update={"music": True, "music_file": "theme.wav"})
    film = produce_film(english_screenplay, tmp_path, settings)
    sound = decode_audio(film.path)
    late = sound[int(10 * SAMPLE_RATE) : int(12 * SAMPLE_RATE)]
    assert np.sqrt(np.mean(late**2)) > 0.01, "the looped music file is not in the film"
    missing = settings.model_copy(update={"music_file": "nope.wav"})
    with pytest.raises(ProductionError, match="nope.wav"):
        assemble_film(english_screenplay, tmp_path, missing)


def test_the_film_is_replaced_atomically_and_leaves_no_debris(english_screenplay, tmp_path):
    produce_film(english_screenplay, tmp_path, VIDEO_ONLY)
    produce_film(english_screenplay, tmp_path, VIDEO_ONLY)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["film.mp4", "segments", "subtitles.srt"]
    visible = [p for p in (tmp_path / "segments").iterdir() if not p.name.startswith(".")]
    assert all(p.suffix in (".mp4", ".json") for p in visible)


def test_the_bundle_zips_whatever_exports_exist(english_screenplay, tmp_path):
    with pytest.raises(FileNotFoundError, match="Nothing to bundle"):
        make_bundle(tmp_path)
    (tmp_path / "screenplay.json").write_text(
        english_screenplay.model_dump_json(), encoding="utf-8"
    )
    produce_film(english_screenplay, tmp_path, VIDEO_ONLY)
    bundle = make_bundle(tmp_path)
    assert bundle.name == "the-last-bus-home-bundle.zip" and bundle.parent == tmp_path
    with zipfile.ZipFile(bundle) as archive:
        assert sorted(archive.namelist()) == ["film.mp4", "screenplay.json", "subtitles.srt"]
        assert archive.getinfo("film.mp4").compress_type == zipfile.ZIP_STORED
        assert archive.read("film.mp4") == (tmp_path / "film.mp4").read_bytes()


@pytest.mark.slow
def test_a_720p_film_with_everything_on(chinese_screenplay, tmp_path):
    settings = ProductionSettings(width=720, height=1280)
    film = produce_film(chinese_screenplay, tmp_path, settings)
    video = stream(probe(film.path), "video")
    assert (video["width"], video["height"]) == (720, 1280)
    estimate = estimate_runtime(chinese_screenplay)
    assert abs(film.duration_s - estimate) <= 0.1 * estimate


def test_subtitles_that_came_out_empty_for_spoken_lines_are_an_error(tmp_path):
    srt = tmp_path / "subtitles.srt"
    with pytest.raises(ProductionError, match="3 lines of dialogue"):
        write_srt([], srt, 20.0, spoken_lines=3)
    late = [TimedLine(25.0, 26.0, "after the end", "AMY")]
    with pytest.raises(ProductionError):
        write_srt(late, srt, 20.0, spoken_lines=1)
    assert not srt.exists(), "no 0-byte SRT is left beside the film"


def test_a_film_without_dialogue_has_no_srt_and_loses_a_stale_one(tmp_path):
    srt = tmp_path / "subtitles.srt"
    srt.write_text("1\n00:00:01,000 --> 00:00:02,000\nan older version\n", encoding="utf-8")
    assert write_srt([], srt, 20.0, spoken_lines=0) is None
    assert not srt.exists()
    spoken = [TimedLine(1.0, 2.5, "Hello.", "AMY")]
    assert write_srt(spoken, srt, 20.0, spoken_lines=1) == srt
    assert [c.text for c in parse_srt(srt.read_text(encoding="utf-8"))] == ["Hello."]

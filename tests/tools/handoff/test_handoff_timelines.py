"""The hand-off read back: OTIO, FCPXML and the EDL describe exactly the film on disk.

One small English film (three scenes, a dissolve into scene 2, voices, music, burned
subtitles) is rendered once with the production API and exported; each test reads one
file back with its own library or parser and checks it against the film and its pieces.
"""

from __future__ import annotations

import re
import wave
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
import opentimelineio as otio
import pytest
from media_kit import english_film, probe

from tools.assembly.production import ProductionSettings, produce_film
from tools.ffmpeg import decode_audio
from tools.handoff import Handoff, HandoffError, export_handoff
from tools.handoff.cut import Caption, Cut, Shot
from tools.handoff.editors import edl_text, fcpxml_text
from tools.handoff.timeline import build_timeline

SETTINGS = ProductionSettings(width=180, height=320, concurrency=1)
FPS = SETTINGS.fps


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Handoff, Path]:
    folder = tmp_path_factory.mktemp("handoff-en")
    produce_film(english_film(), folder, SETTINGS)
    return export_handoff(english_film(), folder, SETTINGS), folder


def _film_frames(folder: Path) -> int:
    return round(float(probe(folder / "film.mp4")["format"]["duration"]) * FPS)


def _srt_texts(path: Path) -> list[str]:
    blocks = path.read_text(encoding="utf-8").strip().split("\n\n")
    return [" ".join(block.splitlines()[2:]) for block in blocks]


def test_the_otio_timeline_round_trips_with_the_films_pieces(exported):
    handoff, folder = exported
    timeline = otio.adapters.read_from_file(str(handoff.otio))
    assert [t.name for t in timeline.tracks] == ["Picture", "Dialogue", "Music"]
    picture, dialogue, music = timeline.tracks
    assert abs(picture.duration().value - _film_frames(folder)) <= 1
    assert dialogue.duration() == picture.duration() == music.duration()
    names = [clip.name for clip in picture]
    assert names[0] == "Title card" and names[-1] == "End card"
    assert [n for n in names if n.startswith("Scene")] == [
        "Scene 1 - Bus stop",
        "Scene 2 - Night bus",
        "Scene 3 - City bridge",
    ]
    assert "Dissolve into Scene 2 - Night bus" in names
    for clip in [*picture, *dialogue, *music]:
        media = handoff.otio.parent / clip.media_reference.target_url
        assert not Path(clip.media_reference.target_url).is_absolute() and media.is_file()
        assert clip.source_range.duration == clip.media_reference.available_range.duration
    markers = [m.name for clip in picture for m in clip.markers]
    assert markers == _srt_texts(folder / "subtitles.srt")
    assert timeline.metadata["microfilm"]["width"] == 180


def test_each_pieces_media_is_as_long_as_its_clip(exported):
    handoff, _ = exported
    timeline = otio.adapters.read_from_file(str(handoff.otio))
    for clip in timeline.tracks[0]:
        media = handoff.otio.parent / clip.media_reference.target_url
        seconds = float(probe(media)["format"]["duration"])
        assert seconds == pytest.approx(clip.duration().to_seconds(), abs=1.5 / FPS)


def test_dialogue_plus_the_music_stem_sounds_like_the_film(exported):
    handoff, folder = exported
    timeline = otio.adapters.read_from_file(str(handoff.otio))
    pieces = [handoff.otio.parent / c.media_reference.target_url for c in timeline.tracks[1]]
    dialogue = np.concatenate([decode_audio(p) for p in pieces])
    assert handoff.music is not None
    with wave.open(str(handoff.music)) as stem:
        raw = stem.readframes(stem.getnframes())
    music = np.frombuffer(raw, "<i2").reshape(-1, 2).astype(np.float32) / 32767
    film = decode_audio(folder / "film.mp4")
    n = min(len(film), len(dialogue), len(music))
    assert n > 0.99 * len(film)
    residual = film[:n] - dialogue[:n] - music[:n]
    level = float(np.sqrt(np.mean(film[:n] ** 2)))
    assert float(np.sqrt(np.mean(residual**2))) < 0.05 * level  # better than -26 dB
    speaking = slice(int(3.2 * 44_100), int(4.0 * 44_100))  # "Please, one more bus."
    quiet = slice(int(0.5 * 44_100), int(2.5 * 44_100))  # the title card
    assert np.abs(music[speaking]).mean() < 0.5 * np.abs(music[quiet]).mean()  # ducked


def test_the_fcpxml_states_the_vertical_format_and_every_asset(exported):
    handoff, folder = exported
    text = handoff.fcpxml.read_text(encoding="utf-8")
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE fcpxml>')
    root = ET.fromstring(text.split("<!DOCTYPE fcpxml>", 1)[1])
    assert root.tag == "fcpxml" and root.get("version") == "1.8"
    (fmt,) = root.findall("./resources/format")
    assert (fmt.get("width"), fmt.get("height"), fmt.get("frameDuration")) == (
        "180",
        "320",
        "100/3000s",
    )
    assert fmt.get("name") is None  # not the adapter's landscape "FFVideoFormat1080p30"
    assets = root.findall("./resources/asset")
    pieces = sorted(p.name for p in (handoff.folder / "media").glob("*.mp4"))
    assert sorted(Path(a.get("src", "")).name for a in assets) == [*pieces, "music.wav"]
    assert all((handoff.folder / a.get("src", "")).is_file() for a in assets)
    assert len(root.findall("./asset-clip")) == len(assets)  # one browser clip each
    (project,) = root.findall("./project")
    assert project.get("uid") and project.get("name") == "The Last Bus Home"
    spine = project.findall("./sequence/spine/clip")
    assert len(spine) == len(pieces)
    frames = [round(_seconds(clip.get("duration")) * FPS) for clip in spine]
    assert abs(sum(frames) - _film_frames(folder)) <= 1
    values = [m.get("value") for m in project.iter("marker")]
    assert values == _srt_texts(folder / "subtitles.srt")
    back = otio.adapters.read_from_file(str(handoff.fcpxml), "fcpx_xml")
    lane0 = next(t for t in back.tracks if t.name == "0")
    assert [round(c.duration().value) for c in lane0] == frames


def _seconds(rational: str | None) -> float:
    numerator, _, denominator = (rational or "0s").removesuffix("s").partition("/")
    return float(numerator) / float(denominator or 1)


def test_the_edl_has_one_event_per_piece_with_exact_timecodes(exported):
    handoff, folder = exported
    text = handoff.edl.read_text(encoding="ascii")
    lines = text.splitlines()
    assert lines[:2] == ["TITLE: The Last Bus Home", "FCM: NON-DROP FRAME"]
    events = [line.split() for line in lines if re.match(r"^\d{3}  ", line)]
    reels = [event[1] for event in events]
    assert reels == ["TITLE", "SC01", "DX02", "SC02", "SC03", "END"]
    assert all(len(event[1]) <= 8 and event[2:4] == ["V", "C"] for event in events)
    timeline = otio.adapters.read_from_file(str(handoff.otio))
    position = 0
    for event, clip in zip(events, timeline.tracks[0], strict=True):
        length = round(clip.duration().value)
        expected = [_tc(0), _tc(length), _tc(position), _tc(position + length)]
        assert event[4:8] == expected
        position += length
    assert abs(position - _film_frames(folder)) <= 1
    back = otio.adapters.read_from_file(str(handoff.edl), "cmx_3600", rate=FPS)
    assert [round(c.duration().value) for c in back.tracks[0]] == [
        round(c.duration().value) for c in timeline.tracks[0]
    ]


def _tc(frames: int) -> str:
    seconds, frame = divmod(frames, FPS)
    return f"{seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}:{frame:02d}"


def test_an_unchanged_film_reuses_its_export(exported):
    handoff, folder = exported
    before = {p: p.stat().st_mtime_ns for p in handoff.folder.rglob("*") if p.is_file()}
    again = export_handoff(english_film(), folder, SETTINGS)
    assert again.reused and again.folder == handoff.folder
    assert {p: p.stat().st_mtime_ns for p in handoff.folder.rglob("*") if p.is_file()} == before


def test_a_film_not_reassembled_after_an_edit_is_refused(tmp_path):
    settings = ProductionSettings(
        width=180, height=320, voice=False, music=False, burn_subtitles=False
    )
    film = english_film()
    produce_film(film, tmp_path, settings)
    first = export_handoff(film, tmp_path, settings)
    assert first.music is None and first.folder.is_dir()
    timeline = otio.adapters.read_from_file(str(first.otio))
    assert [t.name for t in timeline.tracks] == ["Picture", "Dialogue"]  # no music to give
    edited = film.model_copy(deep=True)
    edited.scenes[1].action = ["The driver waves the last passenger aboard."]
    with pytest.raises(HandoffError, match="assemble the film again"):
        export_handoff(edited, tmp_path, settings)
    assert not first.folder.exists()  # the old export describes another cut
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".the-last-bus-home")]


@pytest.mark.parametrize(("fps", "frame_duration"), [(30, "100/3000s"), (15, "1/15s")])
def test_the_fcpxml_states_any_whole_frame_rate(fps, frame_duration, tmp_path):
    shot = Shot(tmp_path / "a.mp4", "01-scene-01.mp4", "第1场", "Scene 1", "SC01", 2 * fps, 1)
    cut = Cut(
        title="回家的路",
        language="zh",
        genre="touching-family",
        fps=fps,
        width=720,
        height=1280,
        shots=(shot,),
        captions=(Caption(0.5, 1.5, "妈，我回来了！", "小明"),),
        film_key="0" * 64,
        music=False,
        music_file=None,
        burned_subtitles=True,
    )
    root = ET.fromstring(fcpxml_text(build_timeline(cut, music=False), cut).split(">", 2)[2])
    (fmt,) = root.findall("./resources/format")
    assert (fmt.get("frameDuration"), fmt.get("width"), fmt.get("height")) == (
        frame_duration,
        "720",
        "1280",
    )
    assert [m.get("value") for m in root.iter("marker")] == ["妈，我回来了！"]
    edl = edl_text(cut).splitlines()  # 15 fps has no SMPTE timecode: written at 30 fps
    assert edl[:2] == ["TITLE: Hui Jia De Lu", "FCM: NON-DROP FRAME"]
    assert edl[3].split()[4:8] == ["00:00:00:00", "00:00:02:00", "00:00:00:00", "00:00:02:00"]


def test_apostrophes_in_titles_places_and_paths_reach_the_fcpxml(tmp_path):
    """ "INT. THE GRANDDAUGHTER'S BACKYARD" once broke the adapter's quoted XPath lookups."""
    shots = tuple(
        Shot(
            tmp_path / f"piece {n}'s.mp4",
            f"0{n}-scene-0{n}.mp4",
            f"Scene {n}: the granddaughter's backyard",
            f"Grandpa's lesson {n}",
            f"SC0{n}",
            30,
            n,
        )
        for n in (1, 2)
    )
    cut = Cut(
        title="The Grandmother's Bike",
        language="en",
        genre="touching-family",
        fps=30,
        width=720,
        height=1280,
        shots=shots,
        captions=(Caption(0.5, 1.5, "Don't let go!", "Lucy"),),
        film_key="1" * 64,
        music=False,
        music_file=None,
        burned_subtitles=True,
    )
    root = ET.fromstring(fcpxml_text(build_timeline(cut, music=False), cut).split(">", 2)[2])
    assert len(root.findall("./resources/asset")) == 2
    assert [m.get("value") for m in root.iter("marker")] == ["Don't let go!"]

"""The CapCut / 剪映 draft of a Chinese film, read back with pyJianYingDraft's own loader.

Also: the draft survives being moved (its media paths are relative to the draft folder),
and the download bundle carries the whole hand-off folder.
"""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import pytest
from media_kit import chinese_film, probe
from pyJianYingDraft import DraftFolder, TrackType

from tools.assembly.production import ProductionSettings, produce_film
from tools.documents.bundle import make_bundle
from tools.handoff import Handoff, export_handoff
from tools.handoff.capcut import DRAFT_PATH
from tools.handoff.editors import ascii_title

SETTINGS = ProductionSettings(width=180, height=320, concurrency=1)


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Handoff, Path]:
    folder = tmp_path_factory.mktemp("handoff-zh")
    film = chinese_film()
    (folder / "screenplay.json").write_text(film.model_dump_json(), encoding="utf-8")
    produce_film(film, folder, SETTINGS)
    return export_handoff(film, folder, SETTINGS), folder


def _load(handoff: Handoff, where: Path | None = None):  # noqa: ANN202 - the library's type
    draft = where or handoff.folder
    return DraftFolder(str(draft.parent)).load_template(draft.name)


def test_the_draft_opens_with_the_librarys_loader_at_the_films_size(exported):
    handoff, folder = exported
    assert handoff.folder.name == "回家的路-edit"
    script = _load(handoff)
    assert (script.width, script.height, script.fps) == (180, 320, 30)
    film_us = float(probe(folder / "film.mp4")["format"]["duration"]) * 1e6
    assert script.duration == pytest.approx(film_us, abs=1e6 / 30)
    kinds = {track.name: track.track_type for track in script.imported_tracks}
    assert kinds == {"画面": TrackType.video, "音乐": TrackType.audio, "字幕": TrackType.text}


def _microseconds(srt_line: str) -> int:
    clock, _, millis = srt_line.split(" --> ")[0].partition(",")
    hours, minutes, seconds = (int(part) for part in clock.split(":"))
    return ((hours * 60 + minutes) * 60 + seconds) * 1_000_000 + int(millis) * 1000


def test_picture_clips_butt_together_and_point_inside_the_draft(exported):
    handoff, _ = exported
    content = json.loads(handoff.capcut_draft.read_text(encoding="utf-8"))
    (picture,) = [t for t in content["tracks"] if t["type"] == "video"]
    ranges = [s["target_timerange"] for s in picture["segments"]]
    assert ranges[0]["start"] == 0
    for before, after in zip(ranges, ranges[1:], strict=False):
        assert before["start"] + before["duration"] == after["start"]
    assert ranges[-1]["start"] + ranges[-1]["duration"] == content["duration"]
    for segment in picture["segments"]:
        assert segment["source_timerange"]["duration"] == segment["target_timerange"]["duration"]
        assert segment["speed"] == 1.0
    materials = content["materials"]["videos"] + content["materials"]["audios"]
    assert len(materials) == 5  # title, two scenes, end card, music
    for material in materials:
        relative = material["path"].removeprefix(DRAFT_PATH + "/")
        assert relative != material["path"] and (handoff.folder / relative).is_file()
    names = [m["material_name"] for m in content["materials"]["videos"]]
    assert names == ["片头", "第1场 · 老家厨房", "第2场 · 村口", "片尾"]


def test_the_subtitles_are_the_films_chinese_lines(exported):
    handoff, folder = exported
    content = json.loads(handoff.capcut_draft.read_text(encoding="utf-8"))
    texts = [json.loads(t["content"])["text"] for t in content["materials"]["texts"]]
    assert texts == ["今年他又不回来了吧。", "妈，我回来了！"]
    (track,) = [t for t in content["tracks"] if t["type"] == "text"]
    starts = [s["target_timerange"]["start"] for s in track["segments"]]
    srt = (folder / "subtitles.srt").read_text(encoding="utf-8")
    assert starts == [_microseconds(line) for line in srt.splitlines() if "-->" in line]
    # burned into the picture already: the editable words are there, but not shown twice
    assert [t["global_alpha"] for t in content["materials"]["texts"]] == [0.0, 0.0]


def test_the_draft_still_opens_after_the_folder_is_moved(exported, tmp_path):
    handoff, _ = exported
    moved = tmp_path / "剪映草稿" / handoff.folder.name
    shutil.copytree(handoff.folder, moved)
    script = _load(handoff, moved)
    paths = [m["path"] for m in script.imported_materials["videos"]]
    assert all(p.startswith(DRAFT_PATH) for p in paths)
    assert all((moved / p.removeprefix(DRAFT_PATH + "/")).is_file() for p in paths)
    assert str(handoff.folder) not in moved.joinpath("draft_content.json").read_text("utf-8")
    meta = json.loads((moved / "draft_meta_info.json").read_text(encoding="utf-8"))
    assert meta["draft_name"] == "回家的路" and meta["tm_duration"] == script.duration


def test_the_edl_is_ascii_with_a_pinyin_title(exported):
    handoff, _ = exported
    text = handoff.edl.read_bytes().decode("ascii")
    assert text.startswith("TITLE: Hui Jia De Lu\n")
    assert "* FROM CLIP NAME:  Scene 1\n" in text
    assert ascii_title("回家的路：除夕", "zh") == "Hui Jia De Lu Chu Xi"


def test_the_bundle_carries_the_whole_hand_off_folder(exported):
    handoff, folder = exported
    bundle = make_bundle(folder)
    with zipfile.ZipFile(bundle) as archive:
        names = set(archive.namelist())
        stored = {i.filename: i.compress_type for i in archive.infolist()}
    inside = {
        p.relative_to(folder).as_posix()
        for p in handoff.folder.rglob("*")
        if p.is_file() and not p.name.startswith(".")
    }
    assert inside <= names and "film.mp4" in names
    assert "回家的路-edit/media/02-scene-01.mp4" in names
    assert "回家的路-edit/回家的路.otio" in names and "回家的路-edit/draft_content.json" in names
    assert stored["回家的路-edit/media/music.wav"] == zipfile.ZIP_STORED

"""The cut as a CapCut / 剪映 draft, through pyJianYingDraft.

A draft is a folder (``draft_content.json`` and ``draft_meta_info.json``) that the person
copies into the editor's drafts folder. Its media paths start with the draft-folder
placeholder that 剪映 itself writes for media kept inside a draft, so the draft keeps
working wherever the folder is copied; pyJianYingDraft writes absolute paths, which would
name a folder on the machine that rendered the film, so each material's path is set to
the placeholder form before it is used.

Tracks: the picture (each piece keeps its own audio: the dialogue), the music stem, and
the subtitles imported from the film's SRT. When the subtitles are already burned into the
picture, the text track is made fully transparent: the words are there to edit or
translate, but the film does not show them twice.
"""

from __future__ import annotations

import json
import uuid
from pathlib import Path

from pyJianYingDraft import (
    AudioMaterial,
    AudioSegment,
    ClipSettings,
    DraftFolder,
    ScriptFile,
    TextStyle,
    Timerange,
    TrackSpec,
    TrackType,
    VideoMaterial,
    VideoSegment,
)

from film.paths import atomic_write_text
from tools.handoff.cut import Cut
from tools.handoff.media import MEDIA_DIR

DRAFT_CONTENT = "draft_content.json"
DRAFT_META = "draft_meta_info.json"
# The prefix 剪映 writes for media stored inside the draft folder; it resolves to that folder.
DRAFT_PATH = "##_draftpath_placeholder_0E685133-18CE-45ED-8CB8-2904A212EC80_##"
_TRACKS = {  # track names as the editor shows them
    "en": ("Picture", "Music", "Subtitles"),
    "zh": ("画面", "音乐", "字幕"),
}


def start_draft(folder: Path, cut: Cut) -> ScriptFile:
    """Create the draft folder (it must not exist yet) at the film's size and frame rate."""
    drafts = DraftFolder(str(folder.parent))
    return drafts.create_draft(folder.name, cut.width, cut.height, cut.fps)


def finish_draft(
    script: ScriptFile, folder: Path, cut: Cut, music: Path | None, srt: Path | None
) -> Path:
    """Lay the media (already in ``folder/media``) and subtitles on the draft, and save it."""
    picture, music_name, subtitles = _TRACKS["zh" if cut.language == "zh" else "en"]
    video = script.append_track(TrackSpec(TrackType.video, picture))
    position = 0
    for shot in cut.shots:
        material = VideoMaterial(str(folder / MEDIA_DIR / shot.file_name), shot.label)
        material.path = f"{DRAFT_PATH}/{MEDIA_DIR}/{shot.file_name}"
        start, position = _microseconds(position, cut.fps), position + shot.frames
        length = _microseconds(position, cut.fps) - start
        _exact_length(material, length)
        segment = VideoSegment(
            material, Timerange(start, length), source_timerange=Timerange(0, length)
        )
        script.add_segment(segment, video)
    total = _microseconds(position, cut.fps)
    if music is not None:
        track = script.append_track(TrackSpec(TrackType.audio, music_name))
        sound = AudioMaterial(str(music), music_name)
        sound.path = f"{DRAFT_PATH}/{MEDIA_DIR}/{music.name}"
        _exact_length(sound, total)
        script.add_segment(AudioSegment(sound, Timerange(0, total)), track)
    if srt is not None:
        style = TextStyle(
            size=6.0, align=1, auto_wrapping=True, alpha=0.0 if cut.burned_subtitles else 1.0
        )
        script.import_srt(
            str(srt), subtitles, text_style=style, clip_settings=ClipSettings(transform_y=-0.7)
        )
    script.content["id"] = str(uuid.uuid4()).upper()
    script.content["name"] = cut.title
    script.save()
    _name_draft(folder, cut.title, script.duration)
    return folder / DRAFT_CONTENT


def _exact_length(material: VideoMaterial | AudioMaterial, microseconds: int) -> None:
    """Give ``material`` its exact length, which MediaInfo rounds down to the millisecond.

    127 frames at 30 fps (4 233 333 µs) read as 4 233 000 µs, and the editor would slow
    the clip down by that sliver to fill its place. A larger gap is a real difference and
    is left alone.
    """
    if 0 < microseconds - material.duration < 1000:
        material.duration = microseconds


def _microseconds(frames: int, fps: int) -> int:
    return round(frames * 1_000_000 / fps)


def _name_draft(folder: Path, title: str, duration_us: int) -> None:
    """Give the draft its own id, name and length (the library's template shares one id)."""
    path = folder / DRAFT_META
    meta = json.loads(path.read_text(encoding="utf-8"))
    meta.update(
        draft_id=str(uuid.uuid4()).upper(),
        draft_name=title,
        tm_duration=duration_us,
    )
    atomic_write_text(path, json.dumps(meta, ensure_ascii=False, indent=4))

"""The cut as an OpenTimelineIO timeline: the one model every editor format is written from.

Tracks: the picture (every piece of the film, in order, at the film's frame rate), the
dialogue (the same pieces' own audio: the voices are mixed into each scene when it is
rendered, so there is no separate voice file to give), and the music stem when the film
has music. Subtitles are markers on the picture clip where each line starts, with the line
as the marker's name, because OTIO has no text track that editors agree on; FCPXML keeps
them as clip markers. Media paths are relative to the timeline file, so the folder can be
moved or unzipped anywhere.
"""

from __future__ import annotations

from typing import Any

import opentimelineio as otio

from tools.handoff.cut import Cut
from tools.handoff.media import MEDIA_DIR, MUSIC_NAME


def build_timeline(cut: Cut, *, music: bool) -> otio.schema.Timeline:
    """Picture, dialogue and (when ``music``) music tracks, with subtitle markers."""
    timeline = otio.schema.Timeline(name=cut.title)
    timeline.metadata["microfilm"] = {
        "title": cut.title,
        "language": cut.language,
        "width": cut.width,
        "height": cut.height,
        "fps": cut.fps,
        "film_key": cut.film_key,
        "subtitles_burned_in": cut.burned_subtitles,
    }
    timeline.tracks.append(picture_track(cut, english=False, markers=True))
    timeline.tracks.append(_dialogue_track(cut))
    if music:
        timeline.tracks.append(_music_track(cut))
    return timeline


def picture_track(cut: Cut, *, english: bool, markers: bool) -> otio.schema.Track:
    """Every piece of the film on one video track; ``english`` names for ASCII formats."""
    track = otio.schema.Track(name="Picture", kind=otio.schema.TrackKind.Video)
    position = 0
    for shot in cut.shots:
        clip = _clip(cut, shot.file_name, shot.english if english else shot.label, shot.frames)
        clip.metadata["cmx_3600"] = {"reel": shot.reel}
        clip.metadata["microfilm"] = {"scene": shot.scene}
        if markers:
            for marker in _markers(cut, position, shot.frames):
                clip.markers.append(marker)
        track.append(clip)
        position += shot.frames
    return track


def _dialogue_track(cut: Cut) -> otio.schema.Track:
    track = otio.schema.Track(name="Dialogue", kind=otio.schema.TrackKind.Audio)
    for shot in cut.shots:
        track.append(_clip(cut, shot.file_name, shot.label, shot.frames))
    return track


def _music_track(cut: Cut) -> otio.schema.Track:
    track = otio.schema.Track(name="Music", kind=otio.schema.TrackKind.Audio)
    track.append(_clip(cut, MUSIC_NAME, "Music" if cut.language != "zh" else "音乐", cut.frames))
    return track


def _clip(cut: Cut, file_name: str, name: str, frames: int) -> otio.schema.Clip:
    span = otio.opentime.TimeRange(
        otio.opentime.RationalTime(0, cut.fps), otio.opentime.RationalTime(frames, cut.fps)
    )
    reference = otio.schema.ExternalReference(
        target_url=f"{MEDIA_DIR}/{file_name}", available_range=span
    )
    return otio.schema.Clip(name=name, media_reference=reference, source_range=span)


def _markers(cut: Cut, first: int, frames: int) -> list[otio.schema.Marker]:
    """The subtitles that start inside this clip, in the clip's own time."""
    found = []
    for caption in cut.captions:
        start = round(caption.start_s * cut.fps)
        if not first <= start < first + frames:
            continue
        # Within the clip (FCPXML keeps markers inside their clip); the SRT has the full times.
        length = max(1, min(round(caption.end_s * cut.fps), first + frames) - start)
        marked = otio.opentime.TimeRange(
            otio.opentime.RationalTime(start - first, cut.fps),
            otio.opentime.RationalTime(length, cut.fps),
        )
        metadata: dict[str, Any] = {"microfilm": {"subtitle": True, "speaker": caption.speaker}}
        found.append(
            otio.schema.Marker(
                name=caption.text,
                marked_range=marked,
                color=otio.schema.MarkerColor.YELLOW,
                metadata=metadata,
            )
        )
    return found


def timeline_text(timeline: otio.schema.Timeline) -> str:
    """The ``.otio`` file's text (OTIO's own JSON)."""
    return str(otio.adapters.write_to_string(timeline, "otio_json"))

"""FCPXML (Final Cut Pro, DaVinci Resolve) and CMX 3600 EDL (Premiere, Resolve, Avid).

Both come from the OTIO timeline through OTIO's own adapters, with two corrections:

- the FCPXML adapter names each format by running ffprobe on the media and reads any
  frame 1920 pixels tall as landscape ``1080p``, which would turn a vertical film on its
  side; the format here is stated (width, height, frame duration), and nothing is probed
  (only :mod:`tools.ffmpeg` starts ffmpeg programs);
- an EDL carries one video track, ASCII only, reel names of at most eight characters and
  no file paths (editors relink by the ``FROM CLIP NAME`` comment), so it is written from
  a picture-only copy with English clip names and no subtitle markers.
"""

from __future__ import annotations

from typing import Any

import opentimelineio as otio
from otio_fcpx_xml_adapter import fcpx_xml
from pypinyin import lazy_pinyin

from tools.ffmpeg import CHANNELS, SAMPLE_RATE
from tools.handoff.cut import Cut
from tools.handoff.timeline import picture_track


class _StatedFormat(fcpx_xml.FcpxOtio):  # type: ignore[misc]
    """The adapter's writer, with the film's real frame size and no probing of the media.

    It also lists each browser clip once (the adapter's duplicate check tests an XML
    element's truth, which is false for an element without children) and states the audio
    of each asset (44.1 kHz stereo, as every piece and the music stem are).
    """

    def __init__(self, timeline: otio.schema.Timeline, width: int, height: int) -> None:
        super().__init__(timeline)
        self._size = {"width": str(width), "height": str(height)}

    @staticmethod
    def _framerate_to_frame_duration(framerate: float) -> str:
        known = str(fcpx_xml.FcpxOtio._framerate_to_frame_duration(framerate))
        return known or f"1/{round(framerate)}s"  # 12, 15, 48 fps: rates the adapter lacks

    def _clip_format_name(self, clip: Any) -> str:
        return ""  # a custom (vertical) format has no standard name: the size says it

    def _find_or_create_format_from(self, clip: Any) -> Any:
        element = super()._find_or_create_format_from(clip)
        element.attrib.pop("name", None)
        element.attrib.update(self._size)
        return element

    # The adapter looks names and paths up with XPath predicates quoted in '...', which an
    # apostrophe breaks ("INT. THE GRANDDAUGHTER'S BACKYARD" raised "invalid predicate" and
    # the hand-off of that film failed): these compare attributes directly instead.
    def _asset_by_path(self, path: str) -> Any:
        return _child_with(self.resource_element, "asset", "src", path)

    def _media_by_name(self, name: str) -> Any:
        return _child_with(self.resource_element, "media", "name", name)

    def _asset_clip_by_name(self, name: str) -> Any:
        return _child_with(self.event_resource, "asset-clip", "name", name)

    def _create_asset_clip_element(self, clip: Any, format_element: Any, resource_id: Any) -> None:
        if self.event_resource.find(f"./asset-clip[@ref='{resource_id}']") is None:
            super()._create_asset_clip_element(clip, format_element, resource_id)

    def _add_asset(self, clip: Any, compound_only: bool = False) -> Any:
        asset_id = super()._add_asset(clip, compound_only)
        asset = self._asset_by_id(asset_id)
        if asset is not None and asset.get("hasAudio") == "1":
            asset.attrib.update(
                audioSources="1", audioChannels=str(CHANNELS), audioRate=str(SAMPLE_RATE)
            )
        return asset_id


def _child_with(parent: Any, tag: str, attribute: str, value: object) -> Any:
    """The first ``tag`` child of ``parent`` whose ``attribute`` is ``value``, or None."""
    return next((e for e in parent.findall(tag) if e.get(attribute) == str(value)), None)


def fcpxml_text(timeline: otio.schema.Timeline, cut: Cut) -> str:
    """The timeline as FCPXML 1.8 (one project; assets point at the relative media paths)."""
    project = timeline.deepcopy()
    project.metadata["fcpx"] = {"uid": cut.film_key[:32].upper()}  # FCP wants a project uid
    return str(_StatedFormat(project, cut.width, cut.height).to_xml())


def edl_text(cut: Cut) -> str:
    """The picture track as a CMX 3600 EDL, non-drop-frame.

    Timecode runs at the film's frame rate when SMPTE timecode has that rate (24, 25, 30,
    48, 50, 60); a film rendered at 12 or 15 fps is written at 30 fps, each cut on the
    nearest frame. The studio's rates are whole numbers, so it is always non-drop; the
    ``FCM`` line says so, since the adapter leaves it out.
    """
    rate = cut.fps if otio.opentime.RationalTime.is_smpte_timecode_rate(cut.fps) else 30
    timeline = otio.schema.Timeline(name=ascii_title(cut.title, cut.language))
    timeline.tracks.append(picture_track(cut, english=True, markers=False))
    text = str(
        otio.adapters.write_to_string(timeline, "cmx_3600", rate=rate, style="avid", reelname_len=8)
    )
    title, _, events = text.partition("\n")
    return f"{title}\nFCM: NON-DROP FRAME\n{events}"


def ascii_title(title: str, language: str) -> str:
    """The title in ASCII for the EDL header: as written, or in pinyin for Chinese."""
    if title.isascii():
        return title
    spelled = " ".join(lazy_pinyin(title)) if language == "zh" else title
    kept = " ".join("".join(c for c in spelled if c.isascii() and c.isprintable()).split())
    return kept.title() if language == "zh" and kept else kept or "Micro film"

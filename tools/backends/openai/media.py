"""Turning what the generation APIs return into the clip the pipeline asked for.

Providers return clips and stills at their own sizes, frame rates and lengths. Both API
backends therefore finish with one encode that produces exactly the requested frame size,
rate and duration as silent H.264, so the production pipeline can treat every backend alike:
generated clips are fitted and joined here, keyframes are animated with the studio's one
camera-move code (:mod:`tools.picture.motion`).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PIL import Image, ImageOps

from tools.backends.base import RenderError, Shot, shot_frame_counts
from tools.ffmpeg import EncodeFormat, FFmpegError, FFmpegTimeout, FrameEncoder, run_ffmpeg
from tools.picture.motion import ken_burns
from tools.picture.storyboard import canvas_size

_FFMPEG_TIMEOUT_S = 900
# A keyframe's move spans the panel's whole margin over its shot: ken_burns caps any faster
# speed at the margin, so "a whole frame per frame" means "as far as the panel allows".
_WHOLE_MARGIN = 1.0


def intermediate_format(width: int, height: int, fps: int) -> EncodeFormat:
    """How an API backend's clip is encoded.

    These clips are intermediates (the pipeline re-encodes each scene with its voice and
    burned subtitles), so speed matters more than size: ultrafast at a high-quality CRF.
    """
    return EncodeFormat(width, height, fps, preset="ultrafast", crf=17)


def check_even_size(width: int, height: int) -> None:
    """H.264 in yuv420p needs even sides; say so plainly instead of failing inside ffmpeg.

    Raises:
        RenderError: (final) for odd or non-positive sizes.
    """
    if width <= 0 or height <= 0 or width % 2 or height % 2:
        raise RenderError(
            f"The frame size {width}x{height} cannot be encoded: use even numbers.", final=True
        )


def looks_like_video(data: bytes) -> bool:
    """MP4/MOV (``ftyp`` box) or Matroska/WebM signatures."""
    return data[4:8] == b"ftyp" or data.startswith(b"\x1a\x45\xdf\xa3")


def _run(args: list[str], what: str) -> None:
    """Run ffmpeg within the time limit; its failures become a :class:`RenderError`."""
    try:
        run_ffmpeg(args, what=what, timeout_s=_FFMPEG_TIMEOUT_S)
    except FFmpegTimeout:
        raise RenderError(f"ffmpeg took longer than {_FFMPEG_TIMEOUT_S} s to {what}.") from None
    except FFmpegError as exc:
        detail = exc.log.splitlines()[-3:]
        raise RenderError(f"ffmpeg could not {what}: {' '.join(detail) or 'no details'}") from None


def join_clips(
    parts: Sequence[tuple[Path, float]],
    out_path: Path,
    *,
    width: int,
    height: int,
    fps: int,
    duration_s: float,
) -> None:
    """Fit each part to the frame, cut it to its planned length, and join them.

    A part that came back shorter than planned holds its last frame, so the scene always
    lasts ``duration_s`` exactly and the film's timing never depends on the provider.
    """
    check_even_size(width, height)
    inputs: list[str] = []
    chains = []
    for i, (path, length) in enumerate(parts):
        inputs += ["-i", str(path)]
        chains.append(
            f"[{i}:v]scale={width}:{height}:force_original_aspect_ratio=increase,"
            f"crop={width}:{height},setsar=1,fps={fps},"
            f"tpad=stop_mode=clone:stop_duration={length:.3f},"
            f"trim=duration={length:.3f},setpts=PTS-STARTPTS[v{i}]"
        )
    joined = "".join(f"[v{i}]" for i in range(len(parts)))
    graph = ";".join(chains) + (
        f";{joined}concat=n={len(parts)}:v=1:a=0,"
        f"tpad=stop_mode=clone:stop_duration={duration_s:.3f}[out]"
    )
    _run(
        [
            *inputs,
            "-filter_complex",
            graph,
            "-map",
            "[out]",
            "-t",
            f"{duration_s:.3f}",
            *intermediate_format(width, height, fps).video_args(),
            "-an",
            "-movflags",
            "+faststart",
            "-f",
            "mp4",
            str(out_path),
        ],
        "join the generated clips (a download may not be a playable video)",
    )


def encode_ken_burns(
    stills: Sequence[tuple[Image.Image, Shot]],
    out_path: Path,
    *,
    width: int,
    height: int,
    fps: int,
    duration_s: float,
) -> None:
    """Animate each shot's keyframe for its share of ``duration_s``, in and out in turn.

    Image APIs make no 9:16 sizes, so each keyframe is first filled (scaled and centre-cropped)
    to the oversized panel the camera moves need; the moves are the local animatic's own
    (:func:`tools.picture.motion.ken_burns`), streamed straight into one encode.

    Raises:
        RenderError: for an odd frame size (final), or when ffmpeg cannot encode the frames.
    """
    check_even_size(width, height)
    total_frames = max(1, round(duration_s * fps))
    counts = shot_frame_counts([shot for _, shot in stills], total_frames)
    panel = _panel_size(width, height)
    try:
        with FrameEncoder(out_path, intermediate_format(width, height, fps), None) as encoder:
            for index, ((still, _), count) in enumerate(zip(stills, counts, strict=True)):
                filled = ImageOps.fit(still.convert("RGB"), panel, Image.Resampling.LANCZOS)
                motion = "push-in" if index % 2 == 0 else "pull-out"
                for frame in ken_burns(filled, (width, height), count, motion, _WHOLE_MARGIN):
                    encoder.write(frame)
    except FFmpegError as exc:
        detail = exc.log.splitlines()[-3:]
        raise RenderError(f"ffmpeg could not encode the keyframes: {' '.join(detail)}") from None


def _panel_size(width: int, height: int) -> tuple[int, int]:
    """The oversized panel a keyframe fills: the storyboard's width, as much margin in height.

    :func:`~tools.picture.motion.ken_burns` zooms by the panel's width margin; a panel whose
    height margin rounded out smaller would run out at the top and bottom.
    """
    panel_width, _ = canvas_size(width, height)
    return panel_width, -(-height * panel_width // (2 * width)) * 2

"""Turning what the generation APIs return into the clip the pipeline asked for.

Providers return clips and stills at their own sizes, frame rates and lengths. Both API
backends therefore finish with one encode that produces exactly the requested frame size,
rate and duration as H.264, so the production pipeline can treat every backend alike:
generated clips are fitted and joined here, keyframes are animated with the studio's one
camera-move code (:mod:`tools.picture.motion`). The clips are silent unless the backend keeps
the model's own sound (:mod:`tools.backends.native_audio`): then each part's audio is cut,
padded and stretched exactly like its picture, so speech stays on the lips across the join.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PIL import Image, ImageOps

from tools.backends.base import RenderError, Shot, shot_frame_counts
from tools.ffmpeg import (
    AAC_ARGS,
    SAMPLE_RATE,
    EncodeFormat,
    FFmpegError,
    FFmpegTimeout,
    FrameEncoder,
    has_audio,
    run_ffmpeg,
)
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
    keep_audio: bool = False,
) -> None:
    """Fit each part to the frame, cut it to its planned length, and join them.

    A part that came back shorter than planned holds its last frame, so the scene always
    lasts ``duration_s`` exactly and the film's timing never depends on the provider. With
    ``keep_audio`` the parts' sound is kept in step (silence for a part that has none).
    """
    check_even_size(width, height)
    sounds = part_sounds([path for path, _ in parts], keep_audio)
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
        if sounds:
            chains.append(audio_chain(i, sounds[i], length))
    graph = ";".join(chains) + ";" + joined_tail(len(parts), duration_s, bool(sounds))
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
            *sound_output(bool(sounds)),
            "-movflags",
            "+faststart",
            "-f",
            "mp4",
            str(out_path),
        ],
        "join the generated clips (a download may not be a playable video)",
    )


def part_sounds(paths: Sequence[Path], keep_audio: bool) -> list[bool]:
    """Which parts carry sound; empty when the join is silent (not asked, or none has any)."""
    if not keep_audio:
        return []
    found = [has_audio(path) for path in paths]
    return found if any(found) else []


def audio_chain(index: int, sound: bool, length_s: float, stretch: float = 1.0) -> str:
    """Part ``index``'s sound fitted like its picture: same start, stretch and length.

    The picture is slowed by ``stretch`` (ComfyUI's legal frame counts), so the sound is
    played at ``1 / stretch`` speed with its pitch kept; a part without sound is silence.
    """
    if not sound:
        return f"anullsrc=r={SAMPLE_RATE}:cl=stereo,atrim=duration={length_s:.3f}[a{index}]"
    tempo = f"atempo={1 / stretch:.6f}," if abs(stretch - 1.0) > 1e-4 else ""
    return (
        f"[{index}:a]asetpts=PTS-STARTPTS,aresample={SAMPLE_RATE},"
        f"aformat=sample_fmts=fltp:channel_layouts=stereo,{tempo}"
        f"apad,atrim=duration={length_s:.3f},asetpts=PTS-STARTPTS[a{index}]"
    )


def joined_tail(count: int, duration_s: float, sound: bool) -> str:
    """The concat of ``count`` fitted parts, held to ``duration_s``: ``[out]`` (and ``[aout]``)."""
    labels = "".join(f"[v{i}][a{i}]" if sound else f"[v{i}]" for i in range(count))
    hold = f"tpad=stop_mode=clone:stop_duration={duration_s:.3f}"
    if not sound:
        return f"{labels}concat=n={count}:v=1:a=0,{hold}[out]"
    return (
        f"{labels}concat=n={count}:v=1:a=1[joined][sound];[joined]{hold}[out];"
        f"[sound]apad,atrim=duration={duration_s:.3f}[aout]"
    )


def sound_output(sound: bool) -> list[str]:
    """Output options for the joined sound: AAC in the film's format, or no audio at all."""
    return ["-map", "[aout]", *AAC_ARGS] if sound else ["-an"]


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

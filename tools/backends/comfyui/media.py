"""Pictures into ComfyUI and clips out of it: start frames, checks, last frames, the join.

ComfyUI's clips come back at the model's legal size and frame count, which are close to but
not exactly the film's frame and the shot's length. The join therefore fills each part to the
frame (scale, centre crop) and stretches it by the few per cent its legal frame count missed
the shot by, so no frame is frozen and no motion is cut; then the parts are concatenated
into one intermediate clip of exactly the scene's length (the pipeline re-encodes it with the
voice and subtitles, like every API backend's clip). It is silent unless the backend keeps
the model's sound (a workflow that saves its clips with audio): that is stretched with them.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

from film.paths import atomic_output
from tools.backends.base import RenderError
from tools.backends.openai.media import (
    audio_chain,
    check_even_size,
    intermediate_format,
    joined_tail,
    looks_like_video,
    part_sounds,
    sound_output,
)
from tools.ffmpeg import FFmpegError, FFmpegTimeout, run_ffmpeg

_FFMPEG_TIMEOUT_S = 900


@dataclass(frozen=True)
class Part:
    """One clip from ComfyUI and the stretch of the scene it fills."""

    path: Path
    planned_s: float  # how long it must last in the scene
    made_s: float  # how long the model made it (frames / fps asked for)


def check_media(data: bytes, kind: str, label: str) -> None:
    """Refuse a download that is not the video or image it should be.

    Raises:
        RenderError: (not final: the file may have been cut short) naming what came instead.
    """
    if kind == "video":
        animated = data[:4] == b"RIFF" and data[8:12] == b"WEBP" or data[:4] == b"GIF8"
        if looks_like_video(data) or animated:
            return
    else:
        try:
            with Image.open(io.BytesIO(data)) as picture:
                picture.verify()
            return
        except (OSError, UnidentifiedImageError, SyntaxError):
            pass
    raise RenderError(
        f"ComfyUI sent {len(data)} bytes for {label} that are not a {kind} "
        f"(they begin {data[:12]!r}); try again."
    )


def png_bytes(picture: Image.Image, size: tuple[int, int]) -> bytes:
    """``picture`` filled to ``size`` (scaled, centre-cropped) as PNG bytes."""
    fitted = ImageOps.fit(picture.convert("RGB"), size, Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    fitted.save(buffer, format="PNG")
    return buffer.getvalue()


def last_frame(clip: Path, target: Path) -> None:
    """Write the last frame of ``clip`` to ``target`` (PNG): the next part starts from it.

    Every frame is decoded (seeking from the end is unreliable for WebM and animated WebP);
    a part is at most a few hundred small frames.
    """
    with atomic_output(target) as tmp:
        _run(
            ["-i", str(clip), "-an", "-update", "1", "-c:v", "png", "-f", "image2", str(tmp)],
            f"take the last frame of {clip.name}",
        )


def join_parts(
    parts: Sequence[Part],
    out_path: Path,
    *,
    width: int,
    height: int,
    fps: int,
    duration_s: float,
    keep_audio: bool = False,
) -> None:
    """Fill, stretch and join the parts into one clip of exactly ``duration_s``.

    Silent, unless ``keep_audio`` and a part has sound (then all of it is kept in step).

    Raises:
        RenderError: for an odd frame size (final) or a part ffmpeg cannot read.
    """
    check_even_size(width, height)
    sounds = part_sounds([part.path for part in parts], keep_audio)
    inputs: list[str] = []
    chains = []
    for i, part in enumerate(parts):
        stretch = part.planned_s / part.made_s if part.made_s > 0 else 1.0
        inputs += ["-i", str(part.path)]
        chains.append(
            f"[{i}:v]scale={width}:{height}:force_original_aspect_ratio=increase,"
            f"crop={width}:{height},setsar=1,setpts={stretch:.6f}*(PTS-STARTPTS),fps={fps},"
            f"tpad=stop_mode=clone:stop_duration={part.planned_s:.3f},"
            f"trim=duration={part.planned_s:.3f},setpts=PTS-STARTPTS[v{i}]"
        )
        if sounds:
            chains.append(audio_chain(i, sounds[i], part.planned_s, stretch))
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
        "join the ComfyUI clips",
    )


def _run(args: list[str], what: str) -> None:
    try:
        run_ffmpeg(args, what=what, timeout_s=_FFMPEG_TIMEOUT_S)
    except FFmpegTimeout:
        raise RenderError(f"ffmpeg took longer than {_FFMPEG_TIMEOUT_S} s to {what}.") from None
    except FFmpegError as exc:
        detail = " ".join(exc.log.splitlines()[-3:]) or "no details"
        raise RenderError(f"ffmpeg could not {what}: {detail}") from None

"""Turning what the generation APIs return into the clip the pipeline asked for.

Providers return clips and stills at their own sizes, frame rates and lengths. Both API
backends therefore finish with one ffmpeg pass (the bundled binary from ``imageio-ffmpeg``)
that produces exactly the requested frame size, rate and duration as silent H.264, so the
production pipeline can treat every backend alike.
"""

from __future__ import annotations

import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

import imageio_ffmpeg
from PIL import Image

from tools.backends.base import RenderError

# These clips are intermediates (the pipeline re-encodes each scene with its voice and burned
# subtitles), so speed matters more than size: ultrafast at a high-quality CRF.
_ENCODE = ["-c:v", "libx264", "-preset", "ultrafast", "-crf", "17", "-pix_fmt", "yuv420p"]
_FFMPEG_TIMEOUT_S = 900
KEN_BURNS_ZOOM = 1.08
KEN_BURNS_PAN = 0.03


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
    command = [imageio_ffmpeg.get_ffmpeg_exe(), "-y", "-nostdin", "-v", "error", *args]
    try:
        result = subprocess.run(command, capture_output=True, timeout=_FFMPEG_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        raise RenderError(f"ffmpeg took longer than {_FFMPEG_TIMEOUT_S} s to {what}.") from None
    if result.returncode != 0:
        detail = result.stderr.decode("utf-8", "replace").strip().splitlines()[-3:]
        raise RenderError(f"ffmpeg could not {what}: {' '.join(detail) or 'no details'}")


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
            "-r",
            str(fps),
            *_ENCODE,
            "-an",
            "-movflags",
            "+faststart",
            "-f",
            "mp4",
            str(out_path),
        ],
        "join the generated clips (a download may not be a playable video)",
    )


def _base_window(image: Image.Image, aspect: float) -> tuple[float, float]:
    """The largest window of ``aspect`` (width/height) that fits inside ``image``."""
    if image.width / image.height > aspect:
        return image.height * aspect, float(image.height)
    return float(image.width), image.width / aspect


def _prepared(image: Image.Image, width: int, height: int) -> Image.Image:
    """Downscale big sources once, so the per-frame resize stays cheap and alias-free."""
    window_w, _ = _base_window(image, width / height)
    scale = width * KEN_BURNS_ZOOM / window_w
    if scale < 1:
        size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
        return image.convert("RGB").resize(size, Image.Resampling.LANCZOS)
    return image.convert("RGB")


def _frame_box(
    image: Image.Image, aspect: float, progress: float, index: int
) -> tuple[float, float, float, float]:
    """The crop box at ``progress`` (0..1) of shot ``index``: a slow push in or pull out."""
    eased = progress * progress * (3 - 2 * progress)
    zoom_in = index % 2 == 0
    zoom = 1 + (KEN_BURNS_ZOOM - 1) * (eased if zoom_in else 1 - eased)
    base_w, base_h = _base_window(image, aspect)
    w, h = base_w / zoom, base_h / zoom
    direction = 1 if index % 4 < 2 else -1
    cx = image.width / 2 + direction * (eased - 0.5) * KEN_BURNS_PAN * image.width
    cy = image.height / 2
    cx = min(max(cx, w / 2), image.width - w / 2)
    cy = min(max(cy, h / 2), image.height - h / 2)
    return cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2


def encode_ken_burns(
    stills: Sequence[tuple[Image.Image, float]],
    out_path: Path,
    *,
    width: int,
    height: int,
    fps: int,
    duration_s: float,
) -> None:
    """Animate each still with a gentle zoom and pan for its share of ``duration_s``.

    Frames are resized straight from the source with a fractional crop box (sub-pixel
    motion, no jitter) and piped raw into one libx264 encode, so there is no intermediate
    file and no per-shot join.
    """
    check_even_size(width, height)
    total_frames = max(1, round(duration_s * fps))
    command = [
        imageio_ffmpeg.get_ffmpeg_exe(),
        "-y",
        "-v",
        "error",
        "-f",
        "rawvideo",
        "-pix_fmt",
        "rgb24",
        "-s",
        f"{width}x{height}",
        "-r",
        str(fps),
        "-i",
        "-",
        *_ENCODE,
        "-an",
        "-movflags",
        "+faststart",
        "-f",
        "mp4",
        str(out_path),
    ]
    with tempfile.TemporaryFile() as errors:
        process = subprocess.Popen(command, stdin=subprocess.PIPE, stderr=errors)
        try:
            _write_frames(process, stills, total_frames, width, height)
            code = process.wait(timeout=_FFMPEG_TIMEOUT_S)
        except (BrokenPipeError, subprocess.TimeoutExpired):
            code = -1
        finally:
            if process.poll() is None:  # an exception mid-stream: never leave ffmpeg behind
                process.kill()
                process.wait()
        if code != 0:
            errors.seek(0)
            detail = errors.read().decode("utf-8", "replace").strip().splitlines()[-3:]
            raise RenderError(f"ffmpeg could not encode the keyframes: {' '.join(detail)}")


def _write_frames(
    process: subprocess.Popen[bytes],
    stills: Sequence[tuple[Image.Image, float]],
    total_frames: int,
    width: int,
    height: int,
) -> None:
    """Stream every frame as raw RGB; each still gets its share of ``total_frames``."""
    assert process.stdin is not None
    total_s = sum(length for _, length in stills) or 1.0
    elapsed, done = 0.0, 0
    for index, (still, length) in enumerate(stills):
        elapsed += length
        last = index == len(stills) - 1
        end = total_frames if last else round(elapsed / total_s * total_frames)
        count = max(0, end - done)
        source = _prepared(still, width, height)
        for frame in range(count):
            box = _frame_box(source, width / height, frame / max(1, count - 1), index)
            picture = source.resize((width, height), Image.Resampling.BILINEAR, box=box)
            process.stdin.write(picture.tobytes())
        done += count
    process.stdin.close()

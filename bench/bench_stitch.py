"""Stitching cached segments into the film vs a raw ffmpeg encode of the same duration.

Renders a film once (not timed), then times ``assemble_film`` from the cached segments:
joining by stream copy with the audio re-encoded, with and without the genre music mixed
in. The baseline re-encodes the film's frames with libx264 ``-preset veryfast``, the cost
a whole-film re-encode would pay. Target: stitching at most 5% of that.

    .venv/bin/python bench/bench_stitch.py                      # 20 scenes, 10 min, 1080x1920
    .venv/bin/python bench/bench_stitch.py --minutes 2 --size 720x1280
    .venv/bin/python bench/bench_stitch.py --project DIR        # reuse a rendered project
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_render import baseline, synthetic_film  # noqa: E402

from film.screenplay import Screenplay  # noqa: E402
from tools.assembly.production import ProductionSettings, assemble_film, produce_film  # noqa: E402
from tools.assembly.stitch import STAMP_NAME  # noqa: E402


def stitch_seconds(screenplay: Screenplay, project: Path, settings: ProductionSettings) -> float:
    """Time one assembly from cached segments (the previous film is removed first)."""
    (project / "film.mp4").unlink(missing_ok=True)
    (project / "segments" / STAMP_NAME).unlink(missing_ok=True)
    started = time.perf_counter()
    assemble_film(screenplay, project, settings)
    return time.perf_counter() - started


def main() -> None:
    """Render once, then time stitching against the baseline encode."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--scene-seconds", type=float, default=30.0)
    parser.add_argument("--size", default="1080x1920")
    parser.add_argument("--project", type=Path, help="a project folder to render into / reuse")
    args = parser.parse_args()
    width, height = (int(v) for v in args.size.split("x"))
    screenplay = synthetic_film(args.minutes, args.scene_seconds)
    settings = ProductionSettings(width=width, height=height)
    with tempfile.TemporaryDirectory(prefix="bench-stitch-") as tmp:
        project = args.project or Path(tmp) / "film"
        started = time.perf_counter()
        film = produce_film(screenplay, project, settings)  # setup: segments, cards, dissolves
        print(
            f"setup render: {time.perf_counter() - started:.0f} s for {film.duration_s:.0f} s "
            f"of film in {len(screenplay.scenes)} scenes at {width}x{height}"
        )
        with_music = min(stitch_seconds(screenplay, project, settings) for _ in range(2))
        silent = settings.model_copy(update={"music": False})
        join_only = min(stitch_seconds(screenplay, project, silent) for _ in range(2))
        base = baseline(project / "film.mp4")
    encode = base["encode_s"] - base["decode_s"]
    print("| stitch | seconds | share of the x264 veryfast encode |")
    print("|---|---|---|")
    print(
        f"| baseline: x264 veryfast encode of the film's frames (decode time subtracted) | "
        f"{encode:.1f} | 100% |"
    )
    print(
        f"| join (stream copy, audio re-encoded) | {join_only:.2f} | "
        f"{100 * join_only / encode:.1f}% |"
    )
    print(
        f"| join + genre music ducked under the dialogue | {with_music:.2f} | "
        f"{100 * with_music / encode:.1f}% |"
    )


if __name__ == "__main__":
    main()

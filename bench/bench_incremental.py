"""Re-rendering after editing one scene of twenty vs rendering the whole film.

The cache key of a segment covers only what changes it, so an edit re-renders that scene
(and re-joins the film by stream copy). Target: the re-render costs at most 10% of the full
render. A rerun with nothing changed is timed too.

    .venv/bin/python bench/bench_incremental.py                 # 20 scenes of ~8 s, 1080x1920
    .venv/bin/python bench/bench_incremental.py --scene-seconds 4 --size 720x1280
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

from bench_render import synthetic_film  # noqa: E402

from film.form import with_estimates  # noqa: E402
from tools.assembly.production import ProductionSettings, SegmentResult, produce_film  # noqa: E402


def main() -> None:
    """Full render, then an edit of one scene, then an unchanged rerun."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenes", type=int, default=20)
    parser.add_argument("--scene-seconds", type=float, default=8.0)
    parser.add_argument("--size", default="1080x1920")
    args = parser.parse_args()
    width, height = (int(v) for v in args.size.split("x"))
    screenplay = synthetic_film(args.scenes * args.scene_seconds / 60, args.scene_seconds)
    settings = ProductionSettings(width=width, height=height)
    edited = screenplay.model_copy(deep=True)
    middle = edited.scenes[len(edited.scenes) // 2]
    middle.action = [*middle.action[:-1], "Mia stops, turns back and runs for the train."]
    edited = with_estimates(edited)
    with tempfile.TemporaryDirectory(prefix="bench-incremental-") as tmp:
        project = Path(tmp) / "film"
        timings = {}
        for label, story in (
            ("full render", screenplay),
            ("after editing 1 scene", edited),
            ("rerun, nothing changed", edited),
        ):
            rendered: list[SegmentResult] = []
            started = time.perf_counter()
            film = produce_film(story, project, settings, on_scene=rendered.append)
            timings[label] = (
                time.perf_counter() - started,
                sum(not r.cached for r in rendered),
                film.duration_s,
            )
    full = timings["full render"][0]
    print(f"{len(screenplay.scenes)} scenes, {width}x{height}, voice, music, subtitles on")
    print("| run | seconds | scenes rendered | share of the full render |")
    print("|---|---|---|---|")
    for label, (seconds, count, _) in timings.items():
        print(f"| {label} | {seconds:.1f} | {count} | {100 * seconds / full:.1f}% |")


if __name__ == "__main__":
    main()

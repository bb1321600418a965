"""Full offline render of a film vs a raw ffmpeg encode of the same frames, with peak memory.

Each film length renders in a fresh child process (voice, music and burned subtitles on,
the default 1080x1920, two scenes at a time), while a sampler adds up the resident memory of
that process and every ffmpeg it starts. The baseline then re-encodes the finished film's
frames with libx264 ``-preset veryfast`` (decode included; the decode alone is timed too, so
the encode-only figure can be read off). Ratios are measured in the same run, in wall time
and in CPU time (the CPU ratio is steadier on a machine shared with other work).

    .venv/bin/python bench/bench_render.py                 # 1, 5 and 10 minute films
    .venv/bin/python bench/bench_render.py --quick         # 15 s and 30 s at 360x640
    .venv/bin/python bench/bench_render.py --minutes 2 --size 720x1280
    .venv/bin/python bench/bench_render.py --keep /tmp/film10   # then bench_stitch --project
"""

from __future__ import annotations

import argparse
import json
import math
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from film.form import estimate_runtime, with_estimates  # noqa: E402
from film.screenplay import (  # noqa: E402
    CharacterProfile,
    DialogueLine,
    Genre,
    Scene,
    Screenplay,
    Transition,
)
from tools.ffmpeg import ffmpeg_exe  # noqa: E402

LINES = [
    "I waited here every night for a year, hoping you would come back.",
    "The city looks different when you finally stop running from it.",
    "We should have taken the last train, but I am glad we stayed.",
    "Tell me the truth, just once, and I will never ask again.",
]


def synthetic_film(minutes: float, scene_seconds: float = 30.0) -> Screenplay:
    """A screenplay of about ``minutes`` with scenes of about ``scene_seconds`` each."""
    count = max(1, math.ceil(minutes * 60 / scene_seconds))
    per_scene = minutes * 60 / count
    transitions: tuple[Transition, ...] = ("CUT", "DISSOLVE", "CUT", "FADE")
    scenes = []
    for number in range(1, count + 1):
        actions: list[str] = []
        lines: list[DialogueLine] = []
        budget = per_scene
        while budget > 0:
            actions.append(f"Beat {len(actions) + 1}: Mia crosses platform {number}.")
            budget -= 2.5
            if budget > 3.0:
                text = LINES[(number + len(lines)) % len(LINES)]
                lines.append(DialogueLine(speaker="Mia" if len(lines) % 2 else "Leo", text=text))
                budget -= 5.8
        scenes.append(
            Scene(
                number=number,
                interior="EXT" if number % 2 else "INT",
                place=f"Station {number}",
                time_of_day="NIGHT",
                action=actions[:12],
                dialogue=lines[:30],
                characters=["Mia", "Leo"],
                transition=transitions[number % 4],
            )
        )
    return with_estimates(
        Screenplay(
            title="Benchmark Film",
            logline="Two strangers keep missing the last train.",
            genre=Genre.YOUTH_ROMANCE,
            setting_time="Winter",
            characters=[
                CharacterProfile(name="Mia", wardrobe="red coat", voice="young woman"),
                CharacterProfile(name="Leo", wardrobe="navy jacket", voice="man"),
            ],
            scenes=scenes,
        )
    )


class MemorySampler:
    """Peak resident memory of this process plus all its descendants, sampled every 0.1 s."""

    def __init__(self) -> None:
        self.peak_total_mb = 0.0
        self.peak_python_mb = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> MemorySampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        me = os.getpid()
        while not self._stop.wait(0.1):
            own = _rss_mb(me)
            total = own + sum(_rss_mb(pid) for pid in _descendants(me))
            self.peak_python_mb = max(self.peak_python_mb, own)
            self.peak_total_mb = max(self.peak_total_mb, total)


def _rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _descendants(pid: int) -> list[int]:
    found: list[int] = []
    try:
        tasks = list(Path(f"/proc/{pid}/task").iterdir())
    except OSError:
        return found
    for task in tasks:
        try:
            children = [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            continue
        for child in children:
            found += [child, *_descendants(child)]
    return found


def render_one(minutes: float, width: int, height: int, project: Path) -> dict[str, float]:
    """Render one film (in this process) and report its time and memory."""
    from tools.assembly.production import ProductionSettings, produce_film

    screenplay = synthetic_film(minutes)
    settings = ProductionSettings(width=width, height=height)
    with MemorySampler() as memory:
        started, cpu_started = time.perf_counter(), cpu_seconds()
        film = produce_film(screenplay, project, settings)
        seconds, cpu = time.perf_counter() - started, cpu_seconds() - cpu_started
    return {
        "minutes": minutes,
        "render_s": seconds,
        "render_cpu_s": cpu,
        "film_s": film.duration_s,
        "estimate_s": estimate_runtime(screenplay),
        "scenes": len(screenplay.scenes),
        "peak_total_mb": memory.peak_total_mb,
        "peak_python_mb": memory.peak_python_mb,
    }


def cpu_seconds() -> float:
    """CPU time of this process and all its finished children (the ffmpeg encoders)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def timed(cmd: list[str]) -> tuple[float, float]:
    """(wall, CPU) seconds of a command that must succeed."""
    started, cpu_started = time.perf_counter(), cpu_seconds()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started, cpu_seconds() - cpu_started


def baseline(film: Path, preset: str = "veryfast") -> dict[str, float]:
    """Wall and CPU seconds to decode and re-encode the film's frames with libx264."""
    base = [ffmpeg_exe(), "-v", "error", "-y", "-i", str(film), "-an"]
    both, both_cpu = timed(
        [
            *base,
            "-c:v",
            "libx264",
            "-preset",
            preset,
            "-pix_fmt",
            "yuv420p",
            "-f",
            "mp4",
            os.devnull,
        ]
    )
    decode, decode_cpu = timed([*base, "-f", "null", "-"])
    return {
        "encode_s": both,
        "encode_cpu_s": both_cpu,
        "decode_s": decode,
        "decode_cpu_s": decode_cpu,
    }


def main() -> None:
    """Run the benchmark and print a table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, nargs="+", default=[1, 5, 10])
    parser.add_argument("--size", default="1080x1920")
    parser.add_argument("--quick", action="store_true", help="15 s and 30 s films at 360x640")
    parser.add_argument(
        "--keep",
        type=Path,
        help="keep the longest film's project here (bench_stitch.py --project reuses its segments)",
    )
    parser.add_argument("--one", type=float, help=argparse.SUPPRESS)
    parser.add_argument("--project", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.quick:
        args.minutes, args.size = [0.25, 0.5], "360x640"
    width, height = (int(v) for v in args.size.split("x"))
    if args.one is not None:
        print(json.dumps(render_one(args.one, width, height, args.project)))
        return
    print(f"machine: {os.cpu_count()} cores; size {width}x{height}; voice, music, subtitles on")
    print(
        "| film | scenes | render s | x264 veryfast s (decode s) | render / encode | "
        "render / (encode - decode) | CPU: render / encode | peak MB (python) |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for minutes in args.minutes:
        with tempfile.TemporaryDirectory(prefix="bench-render-") as tmp:
            project = Path(tmp) / "film"
            out = subprocess.run(
                [
                    sys.executable,
                    __file__,
                    "--one",
                    str(minutes),
                    "--size",
                    args.size,
                    "--project",
                    str(project),
                ],
                check=True,
                capture_output=True,
                text=True,
                cwd=ROOT,
            ).stdout
            result = json.loads(out.strip().splitlines()[-1])
            base = baseline(project / "film.mp4")
            if args.keep and minutes == max(args.minutes):
                shutil.rmtree(args.keep, ignore_errors=True)
                shutil.move(project, args.keep)
        render, both, decode = result["render_s"], base["encode_s"], base["decode_s"]
        cpu_ratio = result["render_cpu_s"] / base["encode_cpu_s"]
        print(
            f"| {result['film_s']:.0f} s (est. {result['estimate_s']:.0f}) | "
            f"{result['scenes']} | {render:.1f} | {both:.1f} ({decode:.1f}) | "
            f"{render / both:.2f}x | {render / (both - decode):.2f}x | {cpu_ratio:.2f}x | "
            f"{result['peak_total_mb']:.0f} ({result['peak_python_mb']:.0f}) |",
            flush=True,
        )


if __name__ == "__main__":
    main()

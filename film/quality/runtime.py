"""The film runs within ±15 % of the requested length, and never over the cap.

A 60 s request once gave 46 s and a 20 s one 13 s. Runtime is the studio's own estimate
(:func:`film.form.estimate_runtime`, title card included), the same number the renderer
and the user see. The message says how many seconds to add or cut and where, in lines, so
a retry can act on it: an action line is worth :data:`film.form.ACTION_LINE_S` seconds.
"""

from __future__ import annotations

import math

from film.form import ACTION_LINE_S, estimate_runtime, estimate_scene_seconds, scene_count_for
from film.quality.findings import Finding
from film.screenplay import Screenplay

TOLERANCE = 0.15


def within(runtime_s: float, target_s: float) -> bool:
    """Whether ``runtime_s`` is within :data:`TOLERANCE` of ``target_s``."""
    return abs(runtime_s - target_s) <= TOLERANCE * target_s


def check_runtime(screenplay: Screenplay, target_s: float | None, cap_s: float) -> list[Finding]:
    """Length against the request and the cap, with a concrete fix."""
    runtime = estimate_runtime(screenplay)
    if runtime > cap_s:
        return [
            Finding(
                "runtime.over-cap",
                "scenes",
                f"{runtime:.0f} s",
                f"The film runs about {runtime:.0f} s, over the {cap_s:.0f} s limit. Cut about "
                f"{runtime - cap_s:.0f} s: drop lines from the longest scenes.",
            )
        ]
    if not target_s or not screenplay.scenes or within(runtime, target_s):
        return []
    gap = abs(runtime - target_s)
    lines = max(1, math.ceil(gap / ACTION_LINE_S))
    by_length = sorted(
        range(len(screenplay.scenes)), key=lambda i: estimate_scene_seconds(screenplay.scenes[i])
    )
    if runtime < target_s:
        where = ", ".join(str(i + 1) for i in sorted(by_length[:2]))
        return [
            Finding(
                "runtime.too-short",
                "scenes",
                f"{runtime:.0f} s",
                f"The film runs about {runtime:.0f} s but {target_s:.0f} s were asked for. Add "
                f"about {gap:.0f} s: roughly {lines} more action or dialogue lines, in scenes "
                f"{where}.",
            )
        ]
    where = ", ".join(str(i + 1) for i in sorted(by_length[-2:]))
    return [
        Finding(
            "runtime.too-long",
            "scenes",
            f"{runtime:.0f} s",
            f"The film runs about {runtime:.0f} s but {target_s:.0f} s were asked for. Cut "
            f"about {gap:.0f} s: roughly {lines} action or dialogue lines, from scenes {where}.",
        )
    ]


def check_outline_size(beat_count: int, target_s: float | None) -> list[Finding]:
    """The outline has about as many beats as the request's length wants (one per ~20 s)."""
    if not target_s:
        return []
    want = scene_count_for(target_s)
    if abs(beat_count - want) <= 1:
        return []
    return [
        Finding(
            "runtime.beat-count",
            "beats",
            str(beat_count),
            f"A {target_s:.0f}-second film wants about {want} beats (one scene every ~20 s); "
            f"this outline has {beat_count}. Write {want} beats.",
        )
    ]

"""The load bench's figures and verdicts, as a summary and as Markdown.

Percentiles are nearest-rank (the p95 of 20 turns is the 19th slowest), so every figure
is a turn that happened. Memory is judged flat when the least-squares slope of the soak's
samples after warm-up, projected over the whole soak, stays under
:data:`FLAT_RSS_SHARE` of the resident size, and open files end where they were after
warm-up (give or take :data:`FLAT_FILES_SLACK`). A soak shorter than
:data:`MIN_JUDGED_TURNS` is reported but not judged.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from bench.load.client import TurnRecord
from bench.load.studio import Footprint

P95_TARGET_RATIO = 2.0
FLAT_RSS_SHARE = 0.05
FLAT_FILES_SLACK = 2
WARM_UP_SHARE = 0.1
MIN_JUDGED_TURNS = 100
"""A shorter soak is mostly warm-up (first imports, caches filling): not judged."""


def percentile(values: Sequence[float], share: float) -> float:
    """Nearest-rank percentile (``share`` in 0..1); NaN for no values."""
    if not values:
        return math.nan
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


@dataclass
class Phase:
    """One group of users: its turns and what the server spent on them."""

    users: int
    turns: list[TurnRecord]
    wall_s: float
    cpu_s: float
    failures: list[str] = field(default_factory=list)

    @property
    def errors(self) -> list[TurnRecord]:
        """Turns that failed (error message, timeout, missing answer)."""
        return [turn for turn in self.turns if turn.problem]

    def p(self, share: float) -> float:
        """Turn latency percentile in seconds."""
        return percentile([turn.latency_s for turn in self.turns], share)


def slope(samples: Sequence[Footprint], value: str) -> float:
    """Least-squares change of ``value`` per turn across ``samples``."""
    if len(samples) < 2:
        return 0.0
    xs = [float(sample.turns) for sample in samples]
    ys = [float(getattr(sample, value)) for sample in samples]
    mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
    spread = sum((x - mean_x) ** 2 for x in xs)
    if spread == 0:
        return 0.0
    return sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / spread


@dataclass
class Soak:
    """The soak: its turns and the footprint samples taken along it."""

    phase: Phase
    samples: list[Footprint]

    @property
    def settled(self) -> list[Footprint]:
        """The samples after warm-up (the first tenth of the turns)."""
        total = self.samples[-1].turns if self.samples else 0
        return [s for s in self.samples if s.turns >= WARM_UP_SHARE * total] or self.samples

    def marks(self) -> tuple[Footprint, Footprint, Footprint]:
        """The settled start, the middle and the end."""
        settled = self.settled
        return settled[0], settled[len(settled) // 2], settled[-1]

    def rss_growth_mb(self) -> float:
        """The RSS slope projected over the settled part of the soak."""
        start, _, end = self.marks()
        return slope(self.settled, "rss_mb") * (end.turns - start.turns)

    def judged(self) -> bool:
        """True when the settled part is long enough to tell a leak from warm-up."""
        start, _, end = self.marks()
        return end.turns - start.turns >= MIN_JUDGED_TURNS

    def flat(self) -> bool:
        """True when memory and open files stay flat (see the module docstring)."""
        start, _, end = self.marks()
        rss_ok = self.rss_growth_mb() <= FLAT_RSS_SHARE * start.rss_mb
        return rss_ok and end.open_files <= start.open_files + FLAT_FILES_SLACK


def extremes(phases: Sequence[Phase]) -> tuple[Phase, Phase]:
    """The group with the fewest users and the one with the most."""
    ordered = sorted(phases, key=lambda phase: phase.users)
    return ordered[0], ordered[-1]


def p95_ratio(phases: Sequence[Phase]) -> float:
    """p95 of the largest group over p95 of the smallest (one user in the full run)."""
    fewest, most = extremes(phases)
    return most.p(0.95) / fewest.p(0.95)


def crosstalk(phases: Sequence[Phase], file_problems: Sequence[str]) -> list[str]:
    """Every sign of one conversation's words in another's: replies and files."""
    found = [
        f"{turn.user} ({turn.name}, {turn.kind}) was shown {', '.join(sorted(turn.foreign))}"
        for phase in phases
        for turn in phase.turns
        if turn.foreign
    ]
    return found + list(file_problems)


def _row(label: str, phase: Phase) -> str:
    minutes = phase.wall_s / 60 or math.nan
    return (
        f"| {label} | {len(phase.turns)} | {len(phase.errors) + len(phase.failures)} | "
        f"{phase.p(0.5):.2f} | {phase.p(0.95):.2f} | {phase.p(1.0):.2f} | "
        f"{len(phase.turns) / minutes:.1f} | {phase.cpu_s / max(len(phase.turns), 1):.2f} | "
        f"{100 * phase.cpu_s / max(phase.wall_s, 1e-9):.0f}% |"
    )


def latency_table(phases: Sequence[Phase]) -> list[str]:
    """Markdown: one row per group of users."""
    return [
        "| users | turns | errors | p50 s | p95 s | max s | turns/min | server CPU s/turn "
        "| server CPU use |",
        "|---|---|---|---|---|---|---|---|---|",
        *(_row(str(phase.users), phase) for phase in phases),
    ]


def kind_table(phases: Sequence[Phase]) -> list[str]:
    """Markdown: p50 and p95 per kind of turn, over every group."""
    turns = [turn for phase in phases for turn in phase.turns]
    kinds = list(dict.fromkeys(turn.kind for turn in turns))
    lines = ["| turn | count | p50 s | p95 s |", "|---|---|---|---|"]
    for kind in kinds:
        values = [turn.latency_s for turn in turns if turn.kind == kind]
        lines.append(
            f"| {kind} | {len(values)} | {percentile(values, 0.5):.2f} | "
            f"{percentile(values, 0.95):.2f} |"
        )
    return lines


def soak_table(soak: Soak) -> list[str]:
    """Markdown: the footprint at the start, the settled start, the middle and the end."""
    first = soak.samples[0]
    start, middle, end = soak.marks()
    lines = [
        "| point | turns | RSS MB | open files | processes | data folder MB |",
        "|---|---|---|---|---|---|",
    ]
    for label, sample in (
        ("first turn", first),
        ("after warm-up", start),
        ("middle", middle),
        ("end", end),
    ):
        lines.append(
            f"| {label} | {sample.turns} | {sample.rss_mb:.1f} | {sample.open_files} | "
            f"{sample.processes} | {sample.data_mb:.1f} |"
        )
    return lines

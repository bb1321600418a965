"""Sky and light for the time of day, coloured by the genre.

One :class:`Light` per scene: the sky's gradient, where the sun or moon hangs, and how every
painted colour is lit (a multiply towards the hour's ambient colour). Interiors keep their
own lamp light at night while their windows show the hour, which is how a lit room reads.
"""

from __future__ import annotations

from dataclasses import dataclass

from tools.picture.looks import RGB, GenreLook


def mix(a: RGB, b: RGB, t: float) -> RGB:
    """The colour ``t`` of the way from ``a`` to ``b``."""
    return (
        int(a[0] + (b[0] - a[0]) * t),
        int(a[1] + (b[1] - a[1]) * t),
        int(a[2] + (b[2] - a[2]) * t),
    )


@dataclass(frozen=True)
class Hour:
    """What one time of day looks like before the genre colours it."""

    zenith: RGB
    horizon: RGB
    ambient: tuple[float, float, float]  # multiplier on painted colours
    haze: RGB  # the colour distance fades to
    sun: RGB
    sun_height: float  # 0 on the horizon, 1 at the top of the sky
    night: bool = False


HOURS: dict[str, Hour] = {
    "DAWN": Hour(
        (58, 74, 138), (252, 196, 172), (0.93, 0.87, 0.92), (236, 188, 182), (255, 214, 170), 0.08
    ),
    "MORNING": Hour(
        (104, 168, 228), (236, 236, 218), (1.0, 0.98, 0.94), (214, 226, 232), (255, 244, 200), 0.45
    ),
    "DAY": Hour(
        (82, 150, 226), (206, 230, 246), (1.0, 1.0, 1.0), (196, 218, 236), (255, 246, 214), 0.75
    ),
    "EVENING": Hour(
        (64, 56, 118), (255, 156, 96), (0.98, 0.80, 0.70), (220, 140, 120), (255, 170, 90), 0.12
    ),
    "DUSK": Hour(
        (50, 44, 104), (246, 128, 88), (0.92, 0.72, 0.66), (190, 110, 110), (255, 150, 80), 0.04
    ),
    "NIGHT": Hour(
        (8, 14, 38), (32, 48, 92), (0.36, 0.42, 0.62), (30, 42, 78), (244, 240, 220), 0.62, True
    ),
}
HOURS["CONTINUOUS"] = HOURS["DAY"]


@dataclass(frozen=True)
class Light:
    """How the scene is lit: sky colours and a function from painted colour to lit colour."""

    hour: Hour
    look: GenreLook
    indoors: bool

    @property
    def night(self) -> bool:
        """Whether it is dark outside."""
        return self.hour.night

    def sky(self) -> tuple[RGB, RGB]:
        """Zenith and horizon colours, leaning a little towards the genre's sky."""
        lean = 0.12 if self.night else 0.22
        return mix(self.hour.zenith, self.look.sky, lean), mix(
            self.hour.horizon, self.look.sky, lean / 2
        )

    def __call__(self, colour: RGB, *, glow: bool = False) -> RGB:
        """``colour`` as lit here; ``glow`` for lamps and lit windows (never darkened)."""
        if glow:
            return colour
        graded = mix(colour, self.look.sky, 0.08)
        if self.indoors:
            factor = (0.86, 0.74, 0.6) if self.night else _soften(self.hour.ambient)
        else:
            factor = self.hour.ambient
        return (
            min(255, int(graded[0] * factor[0])),
            min(255, int(graded[1] * factor[1])),
            min(255, int(graded[2] * factor[2])),
        )

    def far(self, colour: RGB, depth: float) -> RGB:
        """``colour`` lit and faded into the haze by ``depth`` (0 near, 1 at the horizon)."""
        return mix(self(colour), mix(self.hour.haze, self.sky()[1], 0.5), depth)


def _soften(factor: tuple[float, float, float]) -> tuple[float, float, float]:
    """Indoor daylight: the hour's colour cast at half strength."""
    return (0.5 + factor[0] / 2, 0.5 + factor[1] / 2, 0.5 + factor[2] / 2)


def light_for(time_of_day: str, look: GenreLook, indoors: bool) -> Light:
    """The light of ``time_of_day`` (an unknown hour is daylight)."""
    return Light(HOURS.get(time_of_day, HOURS["DAY"]), look, indoors)

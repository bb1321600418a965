"""From a scene heading to a painted set: the kind, inside or out, lit for the hour.

The place a scene names decides what is drawn (:mod:`tools.picture.places.kinds`); INT. or
EXT. decides whether we see the room or the street it opens onto. The same scene always
paints the same picture: every random choice is seeded by the place and the hour.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import dataclass

from PIL import Image

from film.screenplay import Genre, Scene, Screenplay
from tools.picture.looks import GenreLook
from tools.picture.places import indoor, outdoor, town
from tools.picture.places.canvas import Canvas
from tools.picture.places.kinds import GENRE_DEFAULTS, INDOOR_KINDS, kind_of, place_kind
from tools.picture.places.light import light_for

Painter = Callable[[Canvas, random.Random], None]
EXTERIORS: dict[str, Painter] = {
    "sea": outdoor.sea,
    "lighthouse": outdoor.sea,  # the sea painter's headland carries a lighthouse
    "lake": outdoor.lake,
    "mountains": outdoor.mountains,
    "street": town.street,
    "station": town.platform,
    "city": town.city,
    "courtyard": town.courtyard,
    "temple": town.temple,
}
INTERIORS: dict[str, Painter] = {
    "kitchen": indoor.kitchen,
    "classroom": indoor.classroom,
    "shop": indoor.shop,
    "hospital": indoor.hospital,
    "temple": indoor.temple_hall,
    "vehicle": indoor.vehicle,
    "home": indoor.home,
    "lighthouse": indoor.lamp_room,
    "lift": indoor.lift_car,
}
# Where a place of one sort is seen from the other side of its walls.
OUTSIDE_OF = {"kitchen": "courtyard", "home": "courtyard", "classroom": "street", "lift": "city"}
#: Places named "street" that are open to the air even under INT.: "INT. TRAIN STATION" was
#: drawn as a shop's shelves of books (by hand, 2026-12-02), "INT. 公交站前" too.
# A street-kind place with no inside to draw: "INT. COASTAL TOWN" on a dock was drawn as a
# shop's shelves (by hand, 2026-12-02), as "INT. 公交站前" had been.
_OPEN_AIR = re.compile(
    r"\b(?:station|platform|stop)s?\b|\b(?:town|village)s?\s*$|站|[村镇]$", re.IGNORECASE
)
INSIDE_OF = {"street": "shop", "temple": "temple", "lighthouse": "lighthouse"}
_RAILS = re.compile(r"\b(?:trains?|railway|railroad|subway|tram)\b|火车|列车|地铁|高铁|动车", re.I)


@dataclass(frozen=True)
class PlaceSpec:
    """What to paint: the kind of place, inside or out, the hour, and the seed."""

    kind: str
    outside: bool
    time_of_day: str
    seed: str
    snowy: bool = False
    rainy: bool = False

    @property
    def painter(self) -> Painter:
        """The function that paints this place."""
        if self.outside:
            return EXTERIORS[self.kind]
        return INTERIORS[self.kind]


def place_spec(scene: Scene, genre: Genre) -> PlaceSpec:
    """The set for ``scene``: its place word, INT./EXT., and its time of day."""
    outside = scene.interior != "INT"
    kind = place_kind(scene.place, genre, outside)
    if outside and kind in INDOOR_KINDS and scene.interior == "EXT":
        kind = OUTSIDE_OF.get(kind, "street")
    elif kind in INDOOR_KINDS:
        outside = False
    elif not outside and kind in ("street", "station") and _OPEN_AIR.search(scene.place):
        outside = True  # a station hall is not a shop: its platform is what the set can show
    elif not outside:
        kind = INSIDE_OF.get(kind, "home")
    said = f"{scene.place} {scene.visual}"
    snowy, rainy = outside and bool(SNOW.search(said)), outside and bool(RAIN.search(said))
    seed = f"{scene.place}|{scene.time_of_day}"
    return PlaceSpec(kind, outside, scene.time_of_day, seed, snowy, rainy and not snowy)


#: Snow where the place or its picture says so: "Snowy mountain pass", 雪山, 大雪.
SNOW = re.compile(r"\bsnow(?:y|ing|s|fall|field|-covered)?\b|\bblizzard\b|雪", re.I)
#: Rain likewise: "暴雨夜" was a starry night with a moon (``microfilm draft``, 2026-12-04).
RAIN = re.compile(r"\brain(?:y|ing|s|storm|fall|drops?)?\b|\bdownpour\b|\bstorm(?:y)?\b|雨", re.I)


# Hours named in titles, loglines and "when" lines, checked in this order.
_HOUR_WORDS = (
    ("NIGHT", ("night", "midnight", "eve", "moon", "star", "夜", "除夕", "月", "星")),
    ("DAWN", ("dawn", "sunrise", "morning", "黎明", "日出", "清晨", "晨")),
    ("DUSK", ("dusk", "sunset", "evening", "twilight", "黄昏", "傍晚", "日落", "夕阳")),
)
POSTER_HOURS = {
    Genre.GRASSROOTS_SPOOF: "DAY",
    Genre.YOUTH_ROMANCE: "DUSK",
    Genre.INSPIRATIONAL_STRUGGLE: "DAWN",
    Genre.ANCIENT_STYLE: "DAWN",
    Genre.TOUCHING_FAMILY: "DUSK",
    Genre.AESTHETIC_SCENERY: "DAWN",
}


def poster_spec(screenplay: Screenplay) -> PlaceSpec:
    """The place behind the title and end cards, read from the title, logline and "when".

    Only those fields (and the genre) are read: they are what the cards' cache key holds,
    so a cached card never shows a place the screenplay no longer names.
    """
    words = f"{screenplay.title} {screenplay.logline} {screenplay.setting_time}"
    kind = kind_of(words) or GENRE_DEFAULTS[screenplay.genre][0]
    if kind == "vehicle" and _RAILS.search(words):
        # "…until he steps off the last train of the summer": the poster of a train met or
        # left is its platform, not the street a bus is met in (the pen pal, 2026-12-04).
        kind = "station"
    elif kind in INDOOR_KINDS:
        kind = OUTSIDE_OF.get(kind, "street")
    hour = next(
        (name for name, names in _HOUR_WORDS if any(_names(words, w) for w in names)),
        POSTER_HOURS[screenplay.genre],
    )
    snowy, rainy = bool(SNOW.search(words)), bool(RAIN.search(words))
    return PlaceSpec(kind, True, hour, f"poster|{screenplay.title}", snowy, rainy and not snowy)


def _names(text: str, word: str) -> bool:
    """``word`` in ``text``: whole English words (plurals too), Chinese anywhere."""
    if not word.isascii():
        return word in text
    return re.search(rf"(?<![a-z]){word}s?(?![a-z])", text.lower()) is not None


def paint_place(
    spec: PlaceSpec,
    look: GenreLook,
    size: tuple[int, int],
    origin: tuple[int, int],
    frame: tuple[int, int],
) -> Image.Image:
    """The set, sized ``size``, with the frame (``frame`` pixels) at ``origin`` inside it."""
    canvas = Canvas(size, origin, frame, light_for(spec.time_of_day, look, not spec.outside), look)
    canvas.snowy, canvas.rainy = spec.snowy, spec.rainy
    spec.painter(canvas, random.Random(spec.seed))
    if spec.snowy:
        _snowfall(canvas, random.Random(f"{spec.seed}|snow"))
    if spec.rainy:
        _rainfall(canvas, random.Random(f"{spec.seed}|rain"))
    return canvas.finish()


def _rainfall(canvas: Canvas, rng: random.Random) -> None:
    """Slanting streaks over the whole set: a storm reads as one at a glance."""
    for _ in range(120):
        x = rng.uniform(canvas.left, canvas.right)
        y = rng.uniform(canvas.top, canvas.bottom)
        length = rng.uniform(0.03, 0.06)
        canvas.line([(x, y), (x - length * 0.25, y + length)], (200, 210, 226), 0.0025)


def _snowfall(canvas: Canvas, rng: random.Random) -> None:
    """Flakes over the whole set: a snowy place reads as one at a glance, whatever its kind."""
    for _ in range(90):
        x = rng.uniform(canvas.left, canvas.right)
        y = rng.uniform(canvas.top, canvas.bottom)
        canvas.ellipse(x, y, rng.uniform(0.003, 0.007), (248, 250, 255), glow=True)

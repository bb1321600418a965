"""An animal of the cast, drawn as the animal: a sitting cat, a dog, a small bird.

Why: the bible casts animals (the stray cat the night clerk feeds, the orange cat the guard
catches), and the storyboard rightly never draws them as people
(:func:`film.presence.drawn_as_person`). But then a film about a cat showed no cat at all
(by hand, 2026-12-02): the clerk stood alone in the shop while the subtitles talked to it.
An animal sits on the ground beside the people, about a quarter of their height, in the
fur its look names (橘猫 orange, a black dog), and keeps that fur in every shot.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from PIL import Image, ImageDraw

from film.presence import animal_family, animal_kinds
from film.screenplay import CharacterProfile
from tools.picture.cast import SUPERSAMPLE, Pen, Placement, dark, drawn_over
from tools.picture.figures import stable_index
from tools.picture.looks import RGB

#: How tall an animal sits beside a standing person of height 1.
ANIMAL_SCALE = 0.24

_FURS: tuple[tuple[str, RGB], ...] = (
    (r"橘|橙|黄|orange|ginger|golden|yellow", (222, 142, 62)),
    (r"黑|black|dark", (58, 54, 58)),
    (r"白|white|snowy", (236, 232, 224)),
    (r"灰|grey|gray|silver", (142, 142, 148)),
    (r"棕|褐|brown|tabby|chocolate", (150, 104, 70)),
)
_PLAIN_FURS: tuple[RGB, ...] = ((222, 142, 62), (142, 142, 148), (150, 104, 70), (58, 54, 58))


@dataclass(frozen=True)
class Animal:
    """What to draw for one animal: its kind (cat, dog, bird) and its fur."""

    name: str
    kind: str
    fur: RGB


def animal_of(person: CharacterProfile) -> Animal | None:
    """The drawing of ``person`` when the bible casts an animal; None for a person."""
    if not animal_kinds(person.name, person.role):
        return None
    family = animal_family(person.name, person.role)
    kind = "cat" if family == "other" else family  # a fox or a rabbit sits like a cat
    said = f"{person.name} {person.role} {person.look}"
    fur = next(
        (colour for words, colour in _FURS if re.search(words, said, re.I)),
        _PLAIN_FURS[stable_index(person.name, len(_PLAIN_FURS))],
    )
    return Animal(person.name, kind, fur)


def paste_animal(panel: Image.Image, animal: Animal, where: Placement) -> None:
    """Draw ``animal`` sitting with its feet at ``where`` (height: a standing person's)."""
    h = where.height * ANIMAL_SCALE * (0.55 if animal.kind == "bird" else 1.0)
    left, right = max(0, int(where.x - h * 0.75)), min(panel.width, int(where.x + h * 0.75))
    top, bottom = max(0, int(where.foot - h * 1.15)), min(panel.height, int(where.foot + h * 0.05))
    if right <= left or bottom <= top:
        return
    x, y = (where.x - left) * SUPERSAMPLE, (where.foot - top) * SUPERSAMPLE
    with drawn_over(panel, (left, top, right, bottom)) as draw:
        {"cat": _cat, "dog": _dog, "bird": _bird}[animal.kind](
            draw, animal.fur, x, y, h * SUPERSAMPLE
        )


def _eyes(draw: ImageDraw.ImageDraw, x: float, y: float, r: float, iris: RGB) -> None:
    for side in (-1, 1):
        ex = x + side * r * 0.42
        draw.ellipse((ex - r * 0.17, y - r * 0.2, ex + r * 0.17, y + r * 0.2), fill=iris)
        draw.ellipse((ex - r * 0.06, y - r * 0.17, ex + r * 0.06, y + r * 0.17), fill=(20, 20, 24))


def _cat(draw: ImageDraw.ImageDraw, fur: RGB, x: float, y: float, h: float) -> None:
    """A cat sitting up, facing us, its tail curled round one side."""
    pen = Pen(draw, max(1, int(h * 0.025)))
    tail = [
        (x + h * 0.16, y - h * 0.05),
        (x + h * 0.36, y - h * 0.06),
        (x + h * 0.46, y - h * 0.16),
    ]
    tail += [(x + h * 0.47, y - h * 0.3), (x + h * 0.41, y - h * 0.4)]
    draw.line(tail, fill=dark(fur, 0.85), width=max(2, int(h * 0.08)), joint="curve")
    pen.oval((x - h * 0.26, y - h * 0.62, x + h * 0.26, y), fur)  # body
    r = h * 0.22
    hy = y - h * 0.72
    for side in (-1, 1):  # ears
        pen.poly(
            [
                (x + side * r * 0.95, hy - r * 0.2),
                (x + side * r * 0.75, hy - r * 1.35),
                (x + side * r * 0.2, hy - r * 0.8),
            ],
            fur,
        )
    pen.oval((x - r, hy - r, x + r, hy + r * 0.9), fur)  # head
    _eyes(draw, x, hy - r * 0.05, r, (176, 196, 84))
    draw.polygon(
        [(x - r * 0.1, hy + r * 0.3), (x + r * 0.1, hy + r * 0.3), (x, hy + r * 0.42)],
        fill=(220, 130, 140),
    )


def _dog(draw: ImageDraw.ImageDraw, fur: RGB, x: float, y: float, h: float) -> None:
    """A dog sitting, facing us: floppy ears, a lighter muzzle, its tail up."""
    pen = Pen(draw, max(1, int(h * 0.025)))
    draw.line(
        [(x + h * 0.22, y - h * 0.12), (x + h * 0.42, y - h * 0.42)],
        fill=dark(fur, 0.8),
        width=max(2, int(h * 0.07)),
    )
    pen.oval((x - h * 0.3, y - h * 0.66, x + h * 0.3, y), fur)
    r = h * 0.24
    hy = y - h * 0.76
    pen.oval((x - r, hy - r, x + r, hy + r), fur)
    ear = dark(fur, 0.7)
    for side in (-1, 1):
        pen.oval(
            (
                x + side * r * 0.75 - r * 0.3,
                hy - r * 0.7,
                x + side * r * 0.75 + r * 0.3,
                hy + r * 0.5,
            ),
            ear,
        )
    muzzle = (min(255, fur[0] + 50), min(255, fur[1] + 50), min(255, fur[2] + 50))
    pen.oval((x - r * 0.45, hy + r * 0.1, x + r * 0.45, hy + r * 0.75), muzzle)
    draw.ellipse((x - r * 0.14, hy + r * 0.12, x + r * 0.14, hy + r * 0.32), fill=(30, 26, 26))
    _eyes(draw, x, hy - r * 0.25, r, (90, 60, 36))


def _bird(draw: ImageDraw.ImageDraw, fur: RGB, x: float, y: float, h: float) -> None:
    """A small bird standing, seen from the side."""
    pen = Pen(draw, max(1, int(h * 0.03)))
    pen.oval((x - h * 0.35, y - h * 0.6, x + h * 0.3, y - h * 0.1), fur)
    pen.oval((x + h * 0.05, y - h * 0.85, x + h * 0.4, y - h * 0.5), fur)
    pen.poly(
        [(x + h * 0.38, y - h * 0.72), (x + h * 0.55, y - h * 0.66), (x + h * 0.38, y - h * 0.62)],
        (230, 170, 60),
    )
    draw.ellipse((x + h * 0.24, y - h * 0.76, x + h * 0.3, y - h * 0.7), fill=(20, 20, 24))
    draw.line([(x - h * 0.05, y - h * 0.12), (x - h * 0.05, y)], fill=(90, 70, 50), width=2)
    draw.line([(x + h * 0.08, y - h * 0.12), (x + h * 0.08, y)], fill=(90, 70, 50), width=2)

"""Property-style round trips: many generated screenplays, ordinary and hostile text alike."""

from __future__ import annotations

import io
import random
from typing import get_args

import pytest
from screenplain.parsers import fountain as screenplain
from screenplain.types import Dialog, DualDialog, Slug

from film.fountain.writer import from_fountain, to_fountain
from film.screenplay import (
    CharacterProfile,
    DialogueLine,
    Genre,
    Interior,
    Scene,
    Screenplay,
    TimeOfDay,
    Transition,
)

WORDS = [
    "rain",
    "Grandma",
    "the",
    "lantern",
    "冬天",
    "饺子",
    "奶奶",
    "😀",
    "👨‍👩‍👧",
    "مرحبا",
    "שלום",
    "INT.",
    "EXT.",
    "CUT TO:",
    "FADE OUT.",
    "@",
    "!",
    "#",
    "=",
    "~",
    ">",
    "<",
    "(",
    ")",
    "^",
    "[[",
    "]]",
    "/*",
    "*/",
    "[",
    "]",
    '"',
    "'",
    ";",
    ":",
    "*bold*",
    "_under_",
    "\\",
    "\t",
    "\n",
    "\r\n",
    "\u2028",
    "\x85",
    "\u200f",
    "\u3000",
    "  ",
    "—",
    "é",
    "ß",
    "İ",
    "{",
    "}",
    "#3#",
    " - NIGHT",
    "…",
    "ＡＢＣ",
    "0",
    "1.5",
]
NAMES = [
    "Li Ming",
    "Grandma",
    "李明",
    "奶奶",
    "Ahmad أحمد",
    "O'Neil",
    "DJ",
    "Zoë",
    "Jean-Luc",
    "X Æ A-12",
    "@handle",
    "Bob ^",
    "[[x]]",
    "a/*b",
    "Ann (V.O.)",
    "小王",
]


def text(rng: random.Random, max_words: int, limit: int, *, allow_empty: bool = True) -> str:
    count = rng.randint(0 if allow_empty else 1, max_words)
    joiners = [" ", " ", " ", "", "\n", ", "]
    pieces = [rng.choice(WORDS) for _ in range(count)]
    value = "".join(p + rng.choice(joiners) for p in pieces)
    if rng.random() < 0.5:
        value = value.strip()
    value = value[:limit]
    if not allow_empty and not value:
        value = rng.choice(["x", "字", "!"])
    return value


def character(rng: random.Random, name: str) -> CharacterProfile:
    return CharacterProfile(
        name=name,
        role=text(rng, 6, 120),
        look=text(rng, 6, 200),
        wardrobe=text(rng, 6, 200),
        voice=text(rng, 3, 60),
        props=[text(rng, 3, 40) for _ in range(rng.randint(0, 6))],
    )


def scene(rng: random.Random, number: int, names: list[str]) -> Scene:
    speakers = names + [rng.choice(NAMES).upper(), rng.choice(NAMES).lower(), "  "]
    return Scene(
        number=number,
        interior=rng.choice(get_args(Interior)),
        place=text(rng, 4, 80, allow_empty=False),
        time_of_day=rng.choice(get_args(TimeOfDay)),
        action=[text(rng, 8, 300) for _ in range(rng.randint(0, 12))],
        dialogue=[
            DialogueLine(
                speaker=rng.choice(speakers) or "?",
                text=text(rng, 10, 400, allow_empty=False),
                parenthetical=text(rng, 3, 80) if rng.random() < 0.4 else "",
            )
            for _ in range(rng.randint(0, 8))
        ],
        visual=text(rng, 10, 400),
        characters=rng.sample(names, rng.randint(0, len(names))),
        transition=rng.choice(get_args(Transition)),
        duration_s=rng.choice([0.0, 3.0, 12.4, 1 / 3, 599.99, 1e-05]),
    )


def screenplay(seed: int) -> Screenplay:
    rng = random.Random(seed)
    names = list(dict.fromkeys(n.strip() for n in rng.sample(NAMES, rng.randint(0, 8))))
    names = [n for n in names if n]
    numbers = sorted(rng.sample(range(1, 61), rng.randint(0, 8)))
    if rng.random() < 0.5:
        numbers = list(range(1, len(numbers) + 1))
    return Screenplay(
        title=text(rng, 5, 80, allow_empty=False),
        logline=text(rng, 12, 300, allow_empty=False),
        genre=rng.choice(list(Genre)),
        language=rng.choice(["en", "zh"]),
        theme=text(rng, 8, 160),
        setting_time=text(rng, 5, 80),
        characters=[character(rng, n) for n in names],
        scenes=[scene(rng, n, names) for n in numbers],
    )


@pytest.mark.parametrize("seed", range(150))
def test_generated_screenplays_round_trip_exactly(seed: int) -> None:
    original = screenplay(seed)
    written = to_fountain(original)
    assert from_fountain(written) == original
    assert to_fountain(from_fountain(written)) == written


@pytest.mark.parametrize("seed", range(0, 150, 5))
def test_generated_output_keeps_its_structure_for_screenplain(seed: int) -> None:
    original = screenplay(seed)
    written = to_fountain(original)
    assert "/*" not in written and "*/" not in written
    document = screenplain.parse(io.StringIO(written))
    slugs = [p for p in document if isinstance(p, Slug)]
    dialogs = [p for p in document if isinstance(p, (Dialog, DualDialog))]
    assert not any(isinstance(p, DualDialog) for p in dialogs)
    assert len(slugs) == len(original.scenes)
    assert [str(s.scene_number) for s in slugs] == [str(s.number) for s in original.scenes]
    assert len(dialogs) == sum(len(s.dialogue) for s in original.scenes)


def test_generator_covers_hostile_cases() -> None:
    """The generated corpus really contains the awkward text the format must survive."""
    corpus = "".join(to_fountain(screenplay(seed)) for seed in range(150))
    for needle in (
        "[[Exact:",
        "\n!",
        "\n@",
        "\\u005b",
        "\\n",
        "Place: ",
        "Props: ",
        "DISSOLVE TO:",
        "> FADE OUT.",
        "INT./EXT.",
    ):
        assert needle in corpus, needle

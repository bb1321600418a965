"""Domain models shared by the agent, the production tools and the apps.

Strings and lists carry bounds on purpose: small local models only produce valid JSON
reliably when every field is bounded, and the bounds double as sanity limits for user
edits (a 100 KB "scene" is a mistake, not a screenplay).
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, Field, field_validator


class Genre(StrEnum):
    """The six recurring micro film genres, by their canonical slug."""

    GRASSROOTS_SPOOF = "grassroots-spoof"
    YOUTH_ROMANCE = "youth-romance"
    INSPIRATIONAL_STRUGGLE = "inspirational-struggle"
    ANCIENT_STYLE = "ancient-style"
    TOUCHING_FAMILY = "touching-family"
    AESTHETIC_SCENERY = "aesthetic-scenery"

    @property
    def english(self) -> str:
        """Human English name, e.g. "Youth Romance"."""
        return _GENRE_NAMES[self][0]

    @property
    def chinese(self) -> str:
        """Chinese name as used by Chinese-speaking audiences, e.g. "青春爱情"."""
        return _GENRE_NAMES[self][1]

    @property
    def names(self) -> tuple[str, ...]:
        """Every name the genre answers to: slug, English, Chinese and aliases."""
        return (self.value, *_GENRE_NAMES[self])

    def label(self, language: str = "en") -> str:
        """Name in the user's language, with the other language alongside."""
        if language.startswith("zh"):
            return f"{self.chinese}（{self.english}）"
        return f"{self.english} ({self.chinese})"

    @classmethod
    def parse(cls, text: str) -> Genre:
        """Resolve a slug, an English or Chinese name, or a loose phrase to a genre.

        A loose phrase must point at one genre: English words match whole words only ("love"
        is not in "glove"), and when several genres are mentioned a full genre name wins over
        an alias ("I'd love a touching family film"); a phrase still naming several genres
        is refused rather than guessed.

        Raises:
            ValueError: with the list of valid genres when nothing (or too much) matches.
        """
        key = re.sub(r"[\s_]+", "-", text.strip().lower())
        for genre in cls:
            english, chinese, *aliases = _GENRE_NAMES[genre]
            names = {genre.value, english.lower().replace(" ", "-"), chinese, *aliases}
            if key in names or text.strip() in names:
                return genre
        lowered = text.lower()
        by_name: list[Genre] = []
        by_alias: list[Genre] = []
        for genre in cls:
            english, chinese, *aliases = _GENRE_NAMES[genre]
            if mentions(lowered, english.lower()) or mentions(lowered, chinese):
                by_name.append(genre)
            elif any(mentions(lowered, alias) for alias in aliases):
                by_alias.append(genre)
        for found in (by_name, by_alias):
            if len(found) == 1:
                return found[0]
            if found:
                break
        valid = ", ".join(g.value for g in cls)
        raise ValueError(f"Unknown genre {text!r}. Choose one of: {valid}.")


def mentions(text: str, word: str) -> bool:
    """``word`` in ``text``: as a whole word for Latin script, anywhere for Chinese."""
    if not word.isascii():
        return word in text
    return re.search(rf"(?<![a-z]){re.escape(word)}(?![a-z])", text) is not None


_GENRE_NAMES: dict[Genre, tuple[str, ...]] = {
    Genre.GRASSROOTS_SPOOF: (
        "Grassroots Spoof",
        "草根恶搞",
        "spoof",
        "parody",
        "comedy",
        "恶搞",
        "搞笑",
    ),
    Genre.YOUTH_ROMANCE: ("Youth Romance", "青春爱情", "romance", "love", "爱情", "青春"),
    Genre.INSPIRATIONAL_STRUGGLE: (
        "Inspirational Struggle",
        "励志奋斗",
        "inspirational",
        "struggle",
        "励志",
        "奋斗",
    ),
    Genre.ANCIENT_STYLE: ("Ancient Style", "古风", "ancient", "wuxia", "costume", "古装"),
    Genre.TOUCHING_FAMILY: ("Touching Family", "温情亲情", "family", "亲情", "温情"),
    Genre.AESTHETIC_SCENERY: (
        "Aesthetic Scenery",
        "唯美风景",
        "scenery",
        "aesthetic",
        "唯美",
        "风景",
    ),
}

Language = Literal["en", "zh"]
TimeOfDay = Literal["DAY", "NIGHT", "MORNING", "EVENING", "DUSK", "DAWN", "CONTINUOUS"]
Interior = Literal["INT", "EXT", "INT/EXT"]
Transition = Literal["CUT", "FADE", "DISSOLVE"]


class CharacterProfile(BaseModel):
    """A character bible entry; look, wardrobe and props are pinned so every shot matches."""

    name: str = Field(min_length=1, max_length=40)
    role: str = Field(default="", max_length=120, description="Function in the story.")
    look: str = Field(default="", max_length=200, description="Age, face, hair, build.")
    wardrobe: str = Field(default="", max_length=200, description="Clothes worn in every scene.")
    props: list[str] = Field(default_factory=list, max_length=6)
    voice: str = Field(default="", max_length=60, description="Voice hint for speech synthesis.")

    @field_validator("name")
    @classmethod
    def _strip_name(cls, value: str) -> str:
        value = value.strip()
        if not value:
            raise ValueError("a character needs a name")
        return value


class DialogueLine(BaseModel):
    """One spoken line."""

    speaker: str = Field(min_length=1, max_length=40)
    text: str = Field(min_length=1, max_length=400)
    parenthetical: str = Field(default="", max_length=80)


#: A parenthetical that puts the speaker somewhere else: a voice over, off screen, a call.
_OFF_SCREEN = re.compile(
    r"\b(?:V\.?O\.?|O\.?S\.?|O\.?C\.?|voice[- ]over|off[- ]screen|on the (?:phone|line|call)"
    r"|over the phone|on (?:speaker|video))\b|电话里|电话那头|视频里|画外音|旁白",
    re.I,
)


def heard_off_screen(line: DialogueLine) -> bool:
    """Whether ``line`` is heard from elsewhere (its parenthetical says so), not said there.

    A shot draws who speaks in it; someone heard down the phone stays out of the picture.
    """
    return bool(_OFF_SCREEN.search(line.parenthetical))


class Scene(BaseModel):
    """One scene: where and when, what happens, what is said, and how it should look."""

    number: int = Field(ge=1, le=60)
    interior: Interior = "INT"
    place: str = Field(min_length=1, max_length=80)
    time_of_day: TimeOfDay = "DAY"
    action: list[str] = Field(default_factory=list, max_length=12)
    dialogue: list[DialogueLine] = Field(default_factory=list, max_length=30)
    visual: str = Field(default="", max_length=400, description="Prompt for the renderer.")
    characters: list[str] = Field(default_factory=list, max_length=8)
    transition: Transition = "CUT"
    duration_s: float = Field(default=0.0, ge=0.0, le=600.0, description="Estimated runtime.")

    @property
    def heading(self) -> str:
        """Standard scene heading, e.g. ``INT. KITCHEN - NIGHT``."""
        prefix = "INT./EXT." if self.interior == "INT/EXT" else f"{self.interior}."
        return f"{prefix} {self.place.upper()} - {self.time_of_day}"


class Screenplay(BaseModel):
    """A complete micro film screenplay."""

    title: str = Field(min_length=1, max_length=80)
    logline: str = Field(min_length=1, max_length=300)
    genre: Genre
    language: Language = "en"
    theme: str = Field(default="", max_length=160)
    setting_time: str = Field(default="", max_length=80, description="When the story happens.")
    characters: list[CharacterProfile] = Field(default_factory=list, max_length=8)
    scenes: list[Scene] = Field(default_factory=list, max_length=60)

    def character(self, name: str) -> CharacterProfile | None:
        """The bible entry for ``name`` (case-insensitive), if any."""
        wanted = name.strip().lower()
        return next((c for c in self.characters if c.name.lower() == wanted), None)


class ScreenplayVersion(BaseModel):
    """One numbered entry in a project's history."""

    number: int = Field(ge=1)
    note: str = Field(default="", max_length=300, description="What changed and why.")
    created_at: datetime = Field(default_factory=lambda: datetime.now(UTC))
    screenplay: Screenplay


class Artefacts(BaseModel):
    """Files produced for a project, as paths relative to its folder."""

    fountain: str | None = None
    screenplay_json: str | None = None
    pdf: str | None = None
    cover: str | None = None
    subtitles: str | None = None
    film: str | None = None
    bundle: str | None = None
    scene_clips: dict[int, str] = Field(default_factory=dict)


class Project(BaseModel):
    """A screenplay with its version history and what has been rendered from it."""

    slug: str = Field(min_length=1, max_length=80)
    versions: list[ScreenplayVersion] = Field(default_factory=list)
    current: int = Field(default=0, ge=0, description="Version number in use; 0 before any.")
    artefacts: Artefacts = Field(default_factory=Artefacts)

    @property
    def screenplay(self) -> Screenplay | None:
        """The screenplay of the version in use."""
        for version in self.versions:
            if version.number == self.current:
                return version.screenplay
        return None

    def commit(self, screenplay: Screenplay, note: str) -> ScreenplayVersion:
        """Record ``screenplay`` as a new numbered version and make it current."""
        number = max((v.number for v in self.versions), default=0) + 1
        version = ScreenplayVersion(number=number, note=note, screenplay=screenplay)
        self.versions.append(version)
        self.current = number
        return version

    def restore(self, number: int) -> ScreenplayVersion:
        """Go back to version ``number`` by committing a copy of it (history is never lost).

        Raises:
            ValueError: when the version does not exist.
        """
        old = next((v for v in self.versions if v.number == number), None)
        if old is None:
            known = ", ".join(str(v.number) for v in self.versions) or "none"
            raise ValueError(f"There is no version {number}; versions: {known}.")
        return self.commit(old.screenplay.model_copy(deep=True), f"Restored version {number}")

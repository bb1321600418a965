"""Character sheets of one project: made once, kept by content, approved by the person.

``character-sheets/`` in the project folder holds one PNG per character and take, named by a
content key (the bible entry's drawn fields, the film's style and language, the painter's
identity, the prompt version and the take), and ``sheets.json``: each character's current
take, key and whether the person approved it. An unchanged character is therefore never paid
for twice; an edited one gets a new key (a new sheet, unapproved). Each paid sheet goes
through the spend ledger like any other paid work (scene ``None``, against the budget).

Only approved sheets whose key is still current reach the render
(:func:`approved_references`): a sheet of last week's wardrobe never steers this week's film.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from film.paths import atomic_write_bytes, atomic_write_text, private_file, safe_slug
from film.presence import is_narrator
from film.screenplay import CharacterProfile, Screenplay
from tools.backends.base import RenderError
from tools.backends.keyframes.prompts import PROMPT_VERSION, sheet_prompt
from tools.backends.ledger import SceneSpending

SHEETS_FOLDER = "character-sheets"
INDEX_NAME = "sheets.json"
SETTING = "MICROFILM_CHARACTER_SHEETS"


def sheets_wanted() -> bool:
    """Whether production is keyframe-first with character sheets (``MICROFILM_CHARACTER_SHEETS``).

    Off by default: a sheet costs an image per character and a question before the render.
    """
    return os.environ.get(SETTING, "").strip().lower() in {"1", "on", "yes", "true"}


class SheetPainter(Protocol):
    """The image backend that draws sheets (``/v1/images/generations``, a ComfyUI workflow)."""

    price: float
    """What one sheet costs (0 for the person's own GPU). A painter whose ``parallel`` is
    true (the Ray one) has every missing sheet of :meth:`SheetStore.make` painted at once."""

    def identity(self) -> str:
        """Endpoint, model or workflow: everything that changes the sheet's pixels."""
        ...

    def paint(self, prompt: str, seed: int, idempotency_key: str | None) -> bytes:
        """One PNG for ``prompt`` (raises ``RenderError`` when the service fails)."""
        ...


@dataclass(frozen=True)
class CharacterSheet:
    """One character's current sheet."""

    name: str
    path: Path
    key: str
    take: int
    approved: bool
    paid: bool = False
    """Made by this call (False: found from an earlier run)."""


def drawn_characters(screenplay: Screenplay) -> list[CharacterProfile]:
    """Bible entries seen on screen in some scene (not narrators), in bible order."""
    seen = {name.lower() for scene in screenplay.scenes for name in scene.characters}
    return [c for c in screenplay.characters if c.name.lower() in seen and not is_narrator(c.name)]


def sheet_key(profile: CharacterProfile, screenplay: Screenplay, painter: str, take: int) -> str:
    """The content key of a sheet: what it shows, how it is drawn, and which take."""
    payload = {
        "v": PROMPT_VERSION,
        "name": profile.name,
        "role": profile.role,
        "look": profile.look,
        "wardrobe": profile.wardrobe,
        "props": list(profile.props),
        "genre": screenplay.genre.value,
        "language": screenplay.language,
        "painter": painter,
        "take": take,
    }
    text = json.dumps(payload, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class SheetStore:
    """The sheets of one project folder."""

    def __init__(self, project_dir: Path) -> None:
        self.folder = Path(project_dir) / SHEETS_FOLDER
        self.index_path = self.folder / INDEX_NAME

    def entries(self) -> dict[str, dict[str, Any]]:
        """Each character's record: ``take``, ``key``, ``file``, ``painter``, ``approved``."""
        found = self._read().get("characters")
        return {str(k): v for k, v in (found or {}).items() if isinstance(v, dict)}

    def round_takes(self, round_id: str) -> dict[str, int]:
        """Each character's take when the question round ``round_id`` began.

        The first call of a round records them; later calls (a resumed ``interrupt()`` runs
        its node again from the top) get the same answer, so "draw Leo again" asked once
        always means the same next take, never one more paid sheet per rerun.
        """
        with self._locked():
            data = self._read()
            known = data.get("round")
            if isinstance(known, dict) and known.get("id") == round_id:
                return {str(k): int(v) for k, v in (known.get("takes") or {}).items()}
            characters = data.get("characters") or {}
            takes = {name: int(entry.get("take") or 1) for name, entry in characters.items()}
            data["round"] = {"id": round_id, "takes": takes}
            self._write(data)
            return takes

    def set_take(self, name: str, take: int) -> None:
        """Make ``take`` the current take of ``name``'s sheet (drawn by the next :meth:`make`)."""
        self._record(name, take=take)

    def make(
        self,
        screenplay: Screenplay,
        painter: SheetPainter,
        spending: SceneSpending | None,
        names: Sequence[str] | None = None,
    ) -> list[CharacterSheet]:
        """The current sheet of each drawn character (or of ``names``), painting missing ones.

        Raises:
            BudgetReached: when the next sheet would pass the budget (earlier ones are kept).
            RenderError: when the image service fails.
        """
        wanted = {n.lower() for n in names} if names is not None else None
        profiles = [
            profile
            for profile in drawn_characters(screenplay)
            if wanted is None or profile.name.lower() in wanted
        ]
        if getattr(painter, "parallel", False) and len(profiles) > 1:
            # A cluster painter (one Ray task per sheet): all characters at once; each
            # sheet is still reserved, named, written and recorded here, one by one.
            with ThreadPoolExecutor(len(profiles), thread_name_prefix="sheet") as pool:
                return list(
                    pool.map(lambda p: self._one(p, screenplay, painter, spending), profiles)
                )
        return [self._one(profile, screenplay, painter, spending) for profile in profiles]

    def _one(
        self,
        profile: CharacterProfile,
        screenplay: Screenplay,
        painter: SheetPainter,
        spending: SceneSpending | None,
    ) -> CharacterSheet:
        record = self.entries().get(profile.name, {})
        take, key, path = self._current(profile, screenplay, painter, record)
        paid = not path.is_file()
        if paid:
            prompt = sheet_prompt(profile, screenplay)
            seed = int(key[:8], 16)
            if spending is None or painter.price <= 0:
                data = painter.paint(prompt, seed, None)
            else:
                what = f"Character sheet of {profile.name} (take {take}): 1 image"
                reserved = spending.reserve(path.name, what, painter.price)
                try:
                    data = painter.paint(prompt, seed, reserved.request_key)
                except RenderError as error:
                    if error.final:  # refused: nothing was made, nothing is owed
                        spending.ledger.update(path.name, status="refused")
                    raise
                spending.ledger.update(path.name, status="completed")
            atomic_write_bytes(path, data)
        approved = bool(record.get("approved")) and record.get("key") == key
        self._record(
            profile.name,
            take=take,
            key=key,
            file=path.name,
            painter=painter.identity(),
            approved=approved,
        )
        return CharacterSheet(profile.name, path, key, take, approved, paid)

    def _current(
        self,
        profile: CharacterProfile,
        screenplay: Screenplay,
        painter: SheetPainter,
        record: dict[str, Any],
    ) -> tuple[int, str, Path]:
        """The take, content key and file of ``profile``'s current sheet (drawn or not)."""
        take = int(record.get("take") or 1)
        key = sheet_key(profile, screenplay, painter.identity(), take)
        return (
            take,
            key,
            self.folder / f"{safe_slug(profile.name, fallback='character')}-{key[:16]}.png",
        )

    def unpainted(self, screenplay: Screenplay, painter: SheetPainter) -> list[str]:
        """Drawn characters whose current sheet is not painted yet (what a render will buy)."""
        entries = self.entries()
        missing = []
        for profile in drawn_characters(screenplay):
            _take, _key, path = self._current(
                profile, screenplay, painter, entries.get(profile.name, {})
            )
            if not path.is_file():
                missing.append(profile.name)
        return missing

    def regenerate(self, name: str) -> int:
        """Start a new take of ``name``'s sheet (a new seed; unapproved); its take number."""
        take = int(self.entries().get(name, {}).get("take") or 1) + 1
        self._record(name, take=take, key="", approved=False)
        return take

    def approve(self, names: Sequence[str]) -> None:
        """Mark the current sheets of ``names`` approved."""
        for name in names:
            self._record(name, approved=True)

    def _record(self, name: str, **changes: Any) -> None:
        with self._locked():
            data = self._read()
            characters = data.setdefault("characters", {})
            characters[name] = {**characters.get(name, {}), **changes}
            self._write(data)

    def _read(self) -> dict[str, Any]:
        try:
            data = json.loads(self.index_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {"version": 1}
        return data if isinstance(data, dict) else {"version": 1}

    def _write(self, data: dict[str, Any]) -> None:
        atomic_write_text(self.index_path, json.dumps(data, ensure_ascii=False, indent=1))

    @contextmanager
    def _locked(self) -> Iterator[None]:
        self.folder.mkdir(parents=True, exist_ok=True)
        lock = private_file(self.folder / ".sheets.lock")
        with lock.open("r+") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)


def approved_references(
    project_dir: Path, screenplay: Screenplay, cast: Sequence[CharacterProfile]
) -> dict[str, tuple[Path, str]]:
    """Approved, current sheets of ``cast``: name -> (PNG, content key).

    A record counts only when its file exists and its key was made from the bible entry as
    it is now (any painter): an edited character has no approved sheet until it is redrawn.
    """
    store = SheetStore(project_dir)
    entries = store.entries()
    found: dict[str, tuple[Path, str]] = {}
    for profile in cast:
        record = entries.get(profile.name)
        if not record or not record.get("approved"):
            continue
        path = store.folder / str(record.get("file") or "")
        painter = str(record.get("painter") or "")
        current = sheet_key(profile, screenplay, painter, int(record.get("take") or 1))
        if path.is_file() and record.get("key") == current:
            found[profile.name] = (path, current)
    return found

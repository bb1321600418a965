"""What rendering a film will cost before anything is paid, and how far a budget reaches.

The estimate prices only the work a render would really buy: a scene whose finished segment
is in the cache (the same key :func:`~tools.assembly.production.render_scene_segment` looks
up) costs nothing, and jobs the spend ledger lists for the scene's current version (made by
an interrupted render, and resumed rather than bought again) are taken off its price. Each
scene is priced from the backend's own request shape for the scene's planned length; speech
that runs longer than planned can add a little, which the job-level reservations in the
ledger still hold to the budget.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from film.screenplay import Screenplay
from tools.assembly.reel_keys import scene_cast
from tools.assembly.reels import scene_frames, scene_index, spec_for_scene
from tools.assembly.segments import SEGMENTS_DIR, Manifest
from tools.assembly.settings import ProductionSettings
from tools.assembly.shots import bible_roles, plan_shots
from tools.backends.base import RenderRequest, get_backend
from tools.backends.ledger import SpendLedger
from tools.backends.pricing import PricedWork, currency, request_work
from tools.picture.cover import api_art_price

_KEPT = ("created", "completed")  # jobs of this very work that a render resumes, not rebuys


@dataclass(frozen=True)
class SceneCost:
    """What one scene of the render would cost."""

    scene: int
    cost: float
    """Still to pay for this scene (0 when it is cached or already paid for)."""
    cached: bool = False
    work: tuple[PricedWork, ...] = ()
    paid_before: float = 0.0
    """Jobs for this scene's current version an earlier render paid for (reused)."""

    @property
    def seconds(self) -> float:
        """Seconds of video the scene would buy."""
        return sum(p.quantity for p in self.work if p.unit == "second")

    @property
    def images(self) -> int:
        """Images the scene would buy."""
        return round(sum(p.quantity for p in self.work if p.unit == "image"))


@dataclass(frozen=True)
class RenderEstimate:
    """The price of one render, scene by scene, with the cover and what is spent already."""

    backend: str
    currency: str
    scenes: tuple[SceneCost, ...] = ()
    cover: float = 0.0
    spent: float = 0.0
    """What the project's ledger holds as paid before this render."""
    budget: float | None = None
    over_budget: tuple[int, ...] = field(default=())
    """Scenes the budget does not reach (in film order, from the first that does not fit)."""
    cover_over_budget: bool = False
    sheets: float = 0.0
    """Character sheets still to draw before any scene (keyframe-first production)."""
    sheet_count: int = 0

    @property
    def total(self) -> float:
        """Everything this render would buy (sheets, scenes and cover)."""
        return self.sheets + sum(s.cost for s in self.scenes) + self.cover

    @property
    def paid(self) -> bool:
        """Whether this render would pay for anything at all."""
        return self.total > 0

    @property
    def within_budget(self) -> float:
        """What this render would buy once the scenes past the budget are left out."""
        skipped = set(self.over_budget)
        scenes = sum(s.cost for s in self.scenes if s.scene not in skipped)
        return self.sheets + scenes + (0.0 if self.cover_over_budget else self.cover)

    def capped(self, budget: float | None) -> RenderEstimate:
        """This estimate with ``budget`` applied: scenes in order while the money lasts.

        The character sheets come first (every keyframe needs them); the cover comes after
        the scenes (it is drawn last) and is bought only if it fits.
        """
        if budget is None:
            return replace(self, budget=None, over_budget=(), cover_over_budget=False)
        left = budget - self.spent - self.sheets
        over: list[int] = []
        for scene in self.scenes:
            if over or scene.cost > left + 1e-9:
                if scene.cost > 0:
                    over.append(scene.scene)
                continue
            left -= scene.cost
        cover_over = self.cover > left + 1e-9
        return replace(
            self,
            budget=budget,
            over_budget=tuple(over),
            cover_over_budget=cover_over and self.cover > 0,
        )


def estimate_render(
    screenplay: Screenplay,
    project_dir: Path,
    settings: ProductionSettings,
    scenes: Iterable[int] | None = None,
    *,
    cover: bool = True,
    sheets: tuple[int, float] = (0, 0.0),
) -> RenderEstimate:
    """Price rendering ``scenes`` (default: all) and, with ``cover``, the film's cover.

    ``sheets`` is (count, price) of the character sheets the render must draw first
    (:func:`tools.backends.keyframes.painters.sheets_to_draw`).

    Raises:
        ValueError: for an unknown backend, a malformed price or a scene that does not exist.
        RenderError: when a paid backend is not configured (no key, say).
    """
    project_dir = Path(project_dir)
    backend = get_backend(settings.backend)
    folder = project_dir / SEGMENTS_DIR
    jobs = SpendLedger(project_dir).jobs()
    chosen = [s.number for s in screenplay.scenes] if scenes is None else list(scenes)
    costs: list[SceneCost] = []
    for number in chosen:
        spec = spec_for_scene(screenplay, number, settings, backend)
        if folder.is_dir() and Manifest.load(folder, spec.stem) is not None:
            costs.append(SceneCost(number, 0.0, cached=True))
            continue
        scene = screenplay.scenes[scene_index(screenplay, number)]
        seconds = scene_frames(screenplay, spec, settings) / settings.fps
        request = RenderRequest(
            screenplay=screenplay,
            scene=scene,
            shots=plan_shots(scene, seconds, bible_roles(screenplay)),
            bible=scene_cast(screenplay, scene),
            width=settings.width,
            height=settings.height,
            fps=settings.fps,
            duration_s=seconds,
        )
        work = tuple(request_work(backend, request))
        kept = sum(j.estimate for j in jobs if j.segment == spec.key and j.status in _KEPT)
        price = sum(p.cost for p in work)
        costs.append(SceneCost(number, max(0.0, price - kept), False, work, min(kept, price)))
    size = (settings.width, settings.height)
    art = api_art_price(screenplay, size, project_dir, settings.backend) if cover else 0.0
    spent = sum(j.estimate for j in jobs if j.counted)
    sheet_count, sheet_price = sheets
    estimate = RenderEstimate(
        backend.name,
        currency(),
        tuple(costs),
        art,
        spent,
        sheets=sheet_price,
        sheet_count=sheet_count,
    )
    return estimate.capped(settings.budget)

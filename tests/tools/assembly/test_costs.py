"""The render estimate: cached scenes cost nothing, totals add up, a budget reaches so far."""

from __future__ import annotations

import pytest
from media_kit import english_film

import tools.backends.base as base
from tools.assembly.costs import estimate_render
from tools.assembly.production import ProductionSettings, render_scene_segment
from tools.assembly.reels import spec_for_scene
from tools.backends.ledger import SpendLedger
from tools.backends.local import LocalBackend
from tools.backends.openai.images import ImageSettings
from tools.picture.cover import ART_FOLDER, _art_request

PRICE_PER_S = 0.5


class RentedGpu(LocalBackend):
    """The offline animatic, priced per second like a rented GPU (a generic paid backend)."""

    name = "rented-gpu"

    def cache_key(self) -> str:
        return "rented:" + super().cache_key()


@pytest.fixture
def paid(monkeypatch: pytest.MonkeyPatch) -> ProductionSettings:
    monkeypatch.setitem(base._REGISTRY, RentedGpu.name, RentedGpu)
    monkeypatch.setenv("MICROFILM_RENTED_GPU_PRICE_PER_S", str(PRICE_PER_S))
    monkeypatch.delenv("MICROFILM_PRICE_CURRENCY", raising=False)
    return ProductionSettings(
        backend=RentedGpu.name, width=180, height=320, voice=False, music=False
    )


def test_each_scene_is_priced_by_its_planned_seconds_and_totals_add_up(tmp_path, paid) -> None:
    film = english_film()
    estimate = estimate_render(film, tmp_path, paid)
    assert estimate.backend == "rented-gpu" and estimate.currency == "USD"
    assert [s.scene for s in estimate.scenes] == [1, 2, 3]
    for scene, planned in zip(estimate.scenes, film.scenes, strict=True):
        assert not scene.cached and scene.seconds >= planned.duration_s
        assert scene.cost == pytest.approx(scene.seconds * PRICE_PER_S)
    assert estimate.total == pytest.approx(sum(s.cost for s in estimate.scenes))
    assert estimate.paid and estimate.cover == 0, "the local cover costs nothing"
    only_two = estimate_render(film, tmp_path, paid, [2], cover=False)
    assert [s.scene for s in only_two.scenes] == [2]
    assert only_two.total == pytest.approx(estimate.scenes[1].cost)


def test_a_finished_scene_costs_nothing(tmp_path, paid) -> None:
    film = english_film()
    result = render_scene_segment(film, 2, tmp_path, paid)
    assert result.error is None
    estimate = estimate_render(film, tmp_path, paid)
    second = estimate.scenes[1]
    assert second.cached and second.cost == 0
    assert estimate.total == pytest.approx(estimate.scenes[0].cost + estimate.scenes[2].cost)
    edited = film.model_copy(deep=True)
    edited.scenes[1].action = ["The bus never comes; Mia walks home."]
    assert not estimate_render(edited, tmp_path, paid).scenes[1].cached, "an edit is new work"


def test_jobs_an_interrupted_render_paid_for_are_not_charged_again(tmp_path, paid) -> None:
    film = english_film()
    full = estimate_render(film, tmp_path, paid).scenes[0].cost
    key = spec_for_scene(film, 1, paid, RentedGpu()).key
    ledger = SpendLedger(tmp_path)
    ledger.reserve("part-1.mp4", scene=1, what="x", estimate=1.0, budget=None, segment=key)
    ledger.update("part-1.mp4", job_id="job-1", status="created")
    ledger.reserve("old.mp4", scene=1, what="x", estimate=2.0, budget=None, segment="older")
    estimate = estimate_render(film, tmp_path, paid)
    first = estimate.scenes[0]
    assert first.paid_before == pytest.approx(1.0) and first.cost == pytest.approx(full - 1.0)
    assert estimate.spent == pytest.approx(3.0), "everything the project paid so far"


def test_a_budget_reaches_the_scenes_in_film_order(tmp_path, paid) -> None:
    film = english_film()
    costs = [s.cost for s in estimate_render(film, tmp_path, paid).scenes]
    reach_two = paid.model_copy(update={"budget": costs[0] + costs[1] + 0.01})
    capped = estimate_render(film, tmp_path, reach_two)
    assert capped.over_budget == (3,) and capped.budget == reach_two.budget
    assert capped.within_budget == pytest.approx(costs[0] + costs[1])
    # A cheaper later scene does not jump the queue: the film is cut at the budget.
    first_only = paid.model_copy(update={"budget": costs[0] + 0.01})
    assert estimate_render(film, tmp_path, first_only).over_budget == (2, 3)
    SpendLedger(tmp_path).reserve("x", scene=None, what="x", estimate=costs[0], budget=None)
    assert estimate_render(film, tmp_path, first_only).over_budget == (1, 2, 3), "spent counts"


def test_the_cover_art_is_priced_unless_it_is_kept(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("MICROFILM_IMAGE_BASE_URL", "http://127.0.0.1:9")
    monkeypatch.setenv("MICROFILM_IMAGE_PRICE", "0.04")
    settings = ProductionSettings(backend="openai-images", width=180, height=320, voice=False)
    film = english_film()
    estimate = estimate_render(film, tmp_path, settings, [])
    assert estimate.scenes == () and estimate.cover == pytest.approx(0.04)
    assert estimate.capped(0.03).cover_over_budget and estimate.capped(0.03).within_budget == 0
    art, _ = _art_request(film, (180, 320), tmp_path / ART_FOLDER, ImageSettings.from_env())
    art.parent.mkdir()
    art.write_bytes(b"kept art")
    assert estimate_render(film, tmp_path, settings, []).cover == 0

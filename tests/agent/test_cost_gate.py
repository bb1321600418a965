"""The cost gate in the graph: a paid render stops on an interrupt with the estimate.

The scripted model drafts; renders are faked (they record which scenes were drawn), and
the backend is the offline animatic priced per second like a rented GPU, so the estimate
is real (cache keys, the ledger, the backend's request shape) and nothing is fetched.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from fakes import Studio
from langgraph.types import Command

import tools.assembly.production as production
import tools.backends.base as base
from agent.production.spending import approved
from film.screenplay import Project
from tools.assembly.lease import render_markers
from tools.backends.local import LocalBackend

IDEA = "a film about a grandma teaching her grandson to make dumplings"
IDEA_ZH = "一部温情短片：外婆教外孙包饺子"
PRICE_PER_S = 0.25


class RentedGpu(LocalBackend):
    """The offline animatic, priced per generated second (a generic paid backend)."""

    name = "rented-gpu"

    def cache_key(self) -> str:
        return "rented:" + super().cache_key()


class Renders:
    """Stands in for the renderer: instant segments, and which scenes were asked for."""

    def __init__(self) -> None:
        self.calls: list[int] = []

    def render(self, screenplay, number, project_dir, settings, progress=None):
        self.calls.append(number)
        path = Path(project_dir) / "segments" / f"scene-{number:02d}.mp4"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"segment")
        return production.SegmentResult(number, path, 5.0, False)

    def assemble(self, screenplay, project_dir, settings, progress=None):
        film = Path(project_dir) / "film.mp4"
        film.write_bytes(b"film")
        return production.FilmResult(film, 30.0, None, [])


@pytest.fixture
def renders(monkeypatch: pytest.MonkeyPatch) -> Renders:
    fake = Renders()
    monkeypatch.setattr(production, "render_scene_segment", fake.render)
    monkeypatch.setattr(production, "assemble_film", fake.assemble)
    monkeypatch.setitem(base._REGISTRY, RentedGpu.name, RentedGpu)
    monkeypatch.setenv("MICROFILM_RENTED_GPU_PRICE_PER_S", str(PRICE_PER_S))
    monkeypatch.delenv("MICROFILM_PRICE_CURRENCY", raising=False)
    return fake


async def _drafted(studio: Studio, idea: str = IDEA) -> Studio:
    await studio.say(idea)
    await studio.say(Command(resume="touching-family"))
    return studio


def _scenes(result) -> int:
    project = Project.model_validate(result.values["project"])
    assert project.screenplay is not None
    return len(project.screenplay.scenes)


async def test_a_paid_render_asks_first_and_confirming_renders_it(
    monkeypatch, tmp_path, renders
) -> None:
    studio = await _drafted(Studio(monkeypatch, tmp_path, render_backend="rented-gpu"))
    asked = await studio.say("render it")
    assert asked.cost is not None and asked.error is None
    payload = asked.cost.payload
    total = _scenes(asked)
    assert (
        payload["question"].startswith("Rendering")
        and "rented-gpu is paid work" in (payload["question"])
    )
    assert [line.split(":")[0] for line in payload["lines"]] == [
        f"Scene {n}" for n in range(1, total + 1)
    ]
    assert all(" USD (" in line and " s of video)" in line for line in payload["lines"])
    assert payload["total"] == pytest.approx(sum(s["cost"] for s in payload["scenes"]))
    assert payload["total"] > 0 and payload["summary"] == f"Total: about {payload['total_text']}."
    assert renders.calls == [], "nothing is rendered before the yes"
    folder = Path(asked.values["project_dir"])
    assert render_markers(folder) == [], "a render waiting for a yes is not an interrupted one"

    done = await studio.say(Command(resume={"approve": True}))
    assert done.error is None and sorted(renders.calls) == list(range(1, total + 1))
    assert "The film is ready" in done.messages[-1].content


async def test_declining_spends_nothing_and_says_so_in_chinese(
    monkeypatch, tmp_path, renders
) -> None:
    studio = await _drafted(
        Studio(monkeypatch, tmp_path, render_backend="rented-gpu"), idea=IDEA_ZH
    )
    asked = await studio.say("渲染")
    assert asked.cost is not None
    payload = asked.cost.payload
    assert payload["language"] == "zh" and payload["question"].startswith("用 rented-gpu 渲染《")
    assert payload["lines"][0].startswith("第1场：") and "秒视频）" in payload["lines"][0]
    assert payload["summary"].startswith("合计：约 ")

    declined = await studio.say(Command(resume="不要"))
    assert renders.calls == [] and declined.error is None
    assert declined.messages[-1].content == "已取消：没有渲染，也没有花费。需要影片时回复“渲染”。"
    assert declined.values["production"]["declined"] is True
    assert not (Path(declined.values["project_dir"]) / "spending.json").exists()
    assert render_markers(Path(declined.values["project_dir"])) == []
    again = await studio.say("渲染")
    assert again.cost is not None, "the next render asks again"
    done = await studio.say(Command(resume="确认"))
    assert done.error is None and len(renders.calls) == _scenes(done)


async def test_a_budget_stops_the_film_part_way_and_names_the_scenes_it_left_out(
    monkeypatch, tmp_path, renders
) -> None:
    studio = await _drafted(Studio(monkeypatch, tmp_path, render_backend="rented-gpu"))
    priced = await studio.say("render it")
    assert priced.cost is not None
    costs = [s["cost"] for s in priced.cost.payload["scenes"]]
    total = len(costs)
    studio.context = studio.context.updated(budget=costs[0] + 0.001)

    asked = await studio.say("render it")
    assert asked.cost is not None
    lines = asked.cost.payload["lines"]
    assert "past the budget" not in lines[0]
    assert all(line.endswith("past the budget: not rendered") for line in lines[1:])
    assert asked.cost.payload["over_budget"] == list(range(2, total + 1))
    assert "Total within the budget: about" in asked.cost.payload["summary"]

    result = await studio.say(Command(resume={"approve": True}))
    assert renders.calls == [1], "scenes past the budget are never started"
    budget = f"{costs[0] + 0.001:.2f} USD"
    failed = [e for e in result.events if e["type"] == "failure" and e["stage"] != "render"]
    assert [e["stage"] for e in failed] == [f"scene {n}" for n in range(2, total + 1)]
    assert all(e["message"] == f"failed: the budget of {budget} is reached" for e in failed)
    assert result.error is not None and "could not be rendered" in result.error
    assert f"(the budget of {budget} is reached)" in result.error
    assert result.values["production"]["failed_scenes"] == list(range(2, total + 1))


async def test_an_approved_render_does_not_ask_and_a_free_one_never_does(
    monkeypatch, tmp_path, renders
) -> None:
    studio = Studio(monkeypatch, tmp_path, render_backend="rented-gpu", spending_approved=True)
    await _drafted(studio)
    result = await studio.say("render it")
    assert result.cost is None and result.error is None and renders.calls

    free = await _drafted(Studio(monkeypatch, tmp_path / "free", render_backend="local"))
    assert (await free.say("render it")).cost is None


async def test_a_render_that_cannot_be_priced_stops_before_spending(
    monkeypatch, tmp_path, renders
) -> None:
    monkeypatch.setenv("MICROFILM_RENTED_GPU_PRICE_PER_S", "a lot")
    studio = await _drafted(Studio(monkeypatch, tmp_path, render_backend="rented-gpu"))
    result = await studio.say("render it")
    assert result.cost is None and renders.calls == []
    assert result.error == (
        "The render cannot start: its price cannot be worked out "
        "(MICROFILM_RENTED_GPU_PRICE_PER_S must be a number, not 'a lot'.). Nothing was spent."
    )


@pytest.mark.parametrize(
    ("answer", "yes"),
    [
        ({"approve": True}, True),
        ({"approve": "yes"}, False),
        ("yes", True),
        ("Yes, go ahead", True),
        ("ok, render it", True),
        ("确认", True),
        ("好的，开始吧", True),
        ("no", False),
        ("not now", False),
        ("不要", False),
        ("可以不渲染吗", False),
        ("make scene 2 funnier", False),
        ("yesterday?", False),
        ("", False),
    ],
)
def test_money_is_spent_only_on_a_clear_yes(answer: object, yes: bool) -> None:
    assert approved(answer) is yes

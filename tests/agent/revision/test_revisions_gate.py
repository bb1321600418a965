"""Creative revisions through the whole graph: a rewrite revises, and the gate judges it.

"make scene 2 funnier" once answered "the model's rewrite came back empty". A rewrite must
now change the scene, pass the quality gate, and otherwise say why nothing changed and
how to retry; junk and unchanged answers are sent back with the failure named first.
"""

from __future__ import annotations

from typing import Any

from fakes import ScriptedChatModel, Studio, default_answer
from langgraph.types import Command

from film.screenplay import Project, Screenplay

IDEA = "a 2-minute film about a grandma teaching her grandson to make dumplings"


def project_of(result: Any) -> Project:
    return Project.model_validate(result.values["project"])


async def drafted(monkeypatch, tmp_path, model: ScriptedChatModel) -> tuple[Studio, Screenplay]:
    studio = Studio(monkeypatch, tmp_path, model)
    await studio.say(IDEA)
    result = await studio.say(Command(resume="touching-family"))
    screenplay = project_of(result).screenplay
    assert screenplay is not None
    return studio, screenplay


def recorded(prompts: list[str], spoil=lambda data: data):
    def answer(prompt: str) -> dict[str, Any]:
        prompts.append(prompt)
        return spoil(default_answer("SceneRewrite", prompt))

    return answer


async def test_a_creative_revision_changes_the_scene(monkeypatch, tmp_path) -> None:
    studio, before = await drafted(monkeypatch, tmp_path, ScriptedChatModel())
    result = await studio.say("make scene 2 funnier")
    assert result.messages[-1].content.startswith("Rewrote scene 2: Added a shared laugh")
    after = project_of(result)
    assert after.current == 2 and after.screenplay is not None
    assert after.screenplay.scenes[1] != before.scenes[1]
    assert after.screenplay.scenes[0] == before.scenes[0]
    assert after.screenplay.scenes[2:] == before.scenes[2:]


async def test_a_junk_rewrite_is_retried_with_the_failure_named(monkeypatch, tmp_path) -> None:
    prompts: list[str] = []

    def leaked(data: dict[str, Any]) -> dict[str, Any]:
        lines = [dict(line) for line in data["dialogue"]]
        lines[-1]["text"] = "Story so far: we laughed.”}],"
        return {**data, "dialogue": lines}

    model = ScriptedChatModel(
        script={"SceneRewrite": [recorded(prompts, leaked), recorded(prompts)]}
    )
    studio, _ = await drafted(monkeypatch, tmp_path, model)
    result = await studio.say("make scene 2 funnier")
    assert model.calls.count("SceneRewrite") == 2
    assert (
        "Your last answer had these problems" in prompts[1] and "prompt scaffolding" in prompts[1]
    )
    scene = project_of(result).screenplay.scenes[1]  # type: ignore[union-attr]
    assert not any("Story so far" in line.text or "”}]" in line.text for line in scene.dialogue)
    assert "Story so far" not in result.messages[-1].content


async def test_an_unchanged_rewrite_is_asked_to_change(monkeypatch, tmp_path) -> None:
    prompts: list[str] = []

    def unchanged(prompt: str) -> dict[str, Any]:
        prompts.append(prompt)
        scene = default_answer("SceneRewrite", prompt)
        return {**scene, "action": scene["action"][:-1], "dialogue": scene["dialogue"][:-1]}

    model = ScriptedChatModel(script={"SceneRewrite": [unchanged, recorded(prompts)]})
    studio, before = await drafted(monkeypatch, tmp_path, model)
    result = await studio.say("make scene 2 funnier")
    assert "is the same as the scene was" in prompts[1] and "make scene 2 funnier" in prompts[1]
    assert project_of(result).screenplay.scenes[1] != before.scenes[1]  # type: ignore[union-attr]


async def test_a_rewrite_that_stays_junk_is_refused_and_nothing_changes(
    monkeypatch, tmp_path
) -> None:
    junk = recorded([], lambda d: {**d, "visual": "This is scene 4 of 6 {0.first}"})
    model = ScriptedChatModel(script={"SceneRewrite": [junk] * 3})
    studio, before = await drafted(monkeypatch, tmp_path, model)
    result = await studio.say("make scene 2 funnier")
    reply = result.messages[-1].content
    assert reply.startswith("Scene 2: I couldn't write a revision I'd stand behind")
    assert "{0.first}" not in reply and "This is scene" not in reply
    project = project_of(result)
    assert project.current == 1 and project.screenplay == before

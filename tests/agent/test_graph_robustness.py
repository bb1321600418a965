"""Robustness of the graph: bad model output, timeouts, bad input, and process restarts."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from fakes import ScriptedChatModel, Studio, default_answer
from langgraph.types import Command

from film.form import scene_count_for
from film.screenplay import Project

IDEA = "a film about a grandma teaching her grandson to make dumplings"


def _valid(schema: str):
    return lambda prompt: default_answer(schema, prompt)


async def test_invalid_json_twice_then_valid(monkeypatch, tmp_path: Path) -> None:
    model = ScriptedChatModel(
        script={"LoglineDraft": ["{not json", "still {not: json", _valid("LoglineDraft")]}
    )
    studio = Studio(monkeypatch, tmp_path, model)
    await studio.say(IDEA)
    result = await studio.say(Command(resume="touching-family"))
    assert model.calls.count("LoglineDraft") == 3
    assert result.error is None and result.values["project"]["current"] == 1


async def test_garbage_model_gives_friendly_message_and_retry_works(monkeypatch, tmp_path) -> None:
    model = ScriptedChatModel(every_call="I am a teapot, not JSON")
    studio = Studio(monkeypatch, tmp_path, model)
    failed = await studio.say(IDEA)
    assert failed.interrupt is None
    assert "didn't make sense" in failed.messages[-1].content
    assert failed.values["resume_stage"] == "pitch_genres"
    assert failed.values["idea"] == IDEA  # nothing lost
    model.every_call = None
    again = await studio.say("try again")
    assert again.interrupt and again.interrupt["type"] == "choose_genre"
    assert again.error is None


async def test_timeout_keeps_state_and_next_turn_works(monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("MICROFILM_MODEL_TIMEOUT_S", "0.2")
    model = ScriptedChatModel()
    studio = Studio(monkeypatch, tmp_path, model)
    await studio.say(IDEA)
    model.delay_s = 1.0
    slow = await studio.say(Command(resume="youth-romance"))
    assert "took too long" in slow.messages[-1].content
    assert model.calls.count("LoglineDraft") == 2  # RetryPolicy tried once more
    assert slow.values["genre"] == "youth-romance"
    assert slow.values["resume_stage"] == "write_logline"
    assert not slow.values.get("project")
    model.delay_s = 0.0
    done = await studio.say("try again")
    assert done.error is None
    assert Project.model_validate(done.values["project"]).screenplay.genre == "youth-romance"


async def test_transient_error_is_retried_silently(monkeypatch, tmp_path) -> None:
    model = ScriptedChatModel(script={"CastDraft": [TimeoutError("slow network")]})
    studio = Studio(monkeypatch, tmp_path, model)
    await studio.say(IDEA)
    result = await studio.say(Command(resume="touching-family"))
    assert result.error is None
    assert model.calls.count("CastDraft") == 2
    assert not any("too long" in m.content for m in result.messages)


async def test_failed_scene_resumes_where_it_stopped(monkeypatch, tmp_path) -> None:
    model = ScriptedChatModel(script={"SceneDraft": [_valid("SceneDraft"), "x", "y", "z"]})
    studio = Studio(monkeypatch, tmp_path, model, target_seconds=60)
    await studio.say(IDEA)
    failed = await studio.say(Command(resume="touching-family"))
    assert failed.values["resume_stage"] == "write_scenes"
    assert len(failed.values["draft"]["scenes"]) == 1
    done = await studio.say("continue")
    assert done.error is None
    scenes = scene_count_for(60)
    assert model.calls.count("SceneDraft") == scenes + 3
    assert len(Project.model_validate(done.values["project"]).screenplay.scenes) == scenes


@pytest.mark.parametrize("text", ["", "   \n\t "])
async def test_empty_message_is_refused_without_touching_state(monkeypatch, tmp_path, text):
    studio = Studio(monkeypatch, tmp_path)
    result = await studio.say(text)
    assert result.messages and result.messages[0].content.strip()
    assert not result.values.get("idea") and studio.model.calls == []


async def test_huge_message_is_handled(monkeypatch, tmp_path) -> None:
    studio = Studio(monkeypatch, tmp_path)
    result = await studio.say("dumplings " * 10_000)
    assert result.messages and result.messages[-1].content.strip()
    if result.interrupt:  # accepted in trimmed form: the idea stays bounded
        assert len(result.values["idea"]) <= 20_000


async def test_greeting_gets_help(monkeypatch, tmp_path) -> None:
    studio = Studio(monkeypatch, tmp_path)
    result = await studio.say("hi")
    assert "Tell me your film idea" in result.messages[0].content
    assert studio.model.calls == []


async def test_retry_with_nothing_pending(monkeypatch, tmp_path) -> None:
    studio = Studio(monkeypatch, tmp_path)
    await studio.say(IDEA)
    await studio.say(Command(resume="touching-family"))
    result = await studio.say("try again")
    assert result.messages[-1].content  # routed to revisions or told nothing is pending
    assert result.values["project"]["current"] >= 1


_DRIVER = textwrap.dedent("""
    import asyncio, json, sys
    sys.path.insert(0, {tests!r})
    import agent.model.providers, knowledge
    from fakes import ScriptedChatModel
    model = ScriptedChatModel()
    agent.model.providers.load_chat_model = lambda context=None: model
    knowledge.search_guidelines = lambda query, genre=None, topic=None, k=4, language=None: []
    from langgraph.types import Command
    from agent.context import Context
    from agent.session import open_graph, pending_question, run_turn

    async def main(step):
        context = Context().updated(project_dir={project!r}, resolution="180x320")
        async with open_graph({db!r}) as graph:
            if step == "ask":
                result = await run_turn(graph, "thread-1", {idea!r}, context)
            else:
                assert await pending_question(graph, "thread-1"), "lost the question"
                result = await run_turn(graph, "thread-1", Command(resume="youth-romance"),
                                        context)
        values = result.values
        print(json.dumps({{"asked": result.interrupt is not None, "idea": values.get("idea"),
                          "genre": values.get("genre"), "pid": __import__("os").getpid(),
                          "version": (values.get("project") or {{}}).get("current")}}))

    asyncio.run(main(sys.argv[1]))
""")


def test_conversation_survives_a_restart(tmp_path: Path) -> None:
    tests = str(Path(__file__).parents[1])
    code = _DRIVER.format(
        tests=tests,
        project=str(tmp_path / "project"),
        db=str(tmp_path / "checkpoints.sqlite"),
        idea=IDEA,
    )
    env = {**os.environ, "MICROFILM_HOME": str(tmp_path / "home")}

    def run(step: str) -> dict:
        done = subprocess.run(
            [sys.executable, "-c", code, step],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            cwd=Path(tests).parent,
        )
        assert done.returncode == 0, done.stderr[-2000:]
        return json.loads(done.stdout.strip().splitlines()[-1])

    first = run("ask")
    assert first["asked"] and first["idea"] == IDEA and first["version"] is None
    second = run("resume")  # a new process on the same SQLite file
    assert second["pid"] != first["pid"]
    assert second["genre"] == "youth-romance" and second["version"] == 1
    assert (tmp_path / "project" / "screenplay.fountain").is_file()


async def test_short_message_after_a_failure_explains_how_to_go_on(monkeypatch, tmp_path):
    model = ScriptedChatModel(every_call="nonsense")
    studio = Studio(monkeypatch, tmp_path, model)
    await studio.say(IDEA)
    model.every_call = None
    hint = await studio.say("make it funnier")
    assert 'Say "try again"' in hint.messages[-1].content
    assert hint.values["idea"] == IDEA and hint.values["resume_stage"] == "pitch_genres"
    assert model.calls == ["GenrePitchesDraft"] * 3


async def test_transient_error_mid_scenes_does_not_redo_finished_scenes(monkeypatch, tmp_path):
    model = ScriptedChatModel(
        script={"SceneDraft": [_valid("SceneDraft"), TimeoutError("dropped")]}
    )
    studio = Studio(monkeypatch, tmp_path, model, target_seconds=60)
    await studio.say(IDEA)
    result = await studio.say(Command(resume="touching-family"))
    assert result.error is None
    assert model.calls.count("SceneDraft") == scene_count_for(60) + 1  # only the failed call

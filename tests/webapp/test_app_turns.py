"""How one graph turn appears in the chat, driven by a small graph with the studio's contract.

The graph here is a real LangGraph graph (checkpointer, interrupt, custom events, a
streaming chat model) that follows docs/ARCHITECTURE.md "Agent graph"; Chainlit runs with
a recording emitter instead of a browser, so every message, step and element the user
would see can be checked.
"""

from __future__ import annotations

import asyncio
import uuid
from pathlib import Path
from typing import Annotated, Any, TypedDict

import chainlit.config
import pytest
from chainlit.context import ChainlitContext, context_var
from chainlit.emitter import BaseChainlitEmitter
from chainlit.session import HTTPSession
from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
from langchain_core.messages import AIMessage, AnyMessage, HumanMessage
from langgraph.checkpoint.memory import InMemorySaver
from langgraph.graph import END, START, StateGraph
from langgraph.graph.message import add_messages
from langgraph.runtime import Runtime
from langgraph.types import Command, interrupt

from agent.context import Context
from agent.events import emit_artefact, emit_progress, emit_sources
from film.screenplay import Genre, Scene, Screenplay
from webapp.turns import ChatTurn


class RecordingEmitter(BaseChainlitEmitter):
    """Keeps what would have gone to the browser."""

    def __init__(self, session: HTTPSession) -> None:
        super().__init__(session)
        self.steps: dict[str, dict[str, Any]] = {}
        self.order: list[str] = []
        self.tokens: dict[str, str] = {}
        self.elements: list[dict[str, Any]] = []

    async def send_step(self, step_dict: Any) -> None:
        if step_dict["id"] not in self.steps:
            self.order.append(step_dict["id"])
        self.steps[step_dict["id"]] = dict(step_dict)

    async def update_step(self, step_dict: Any) -> None:
        self.steps[step_dict["id"]] = dict(step_dict)

    async def stream_start(self, step_dict: Any) -> None:
        self.steps[step_dict["id"]] = dict(step_dict)
        self.order.append(step_dict["id"])
        self.tokens[step_dict["id"]] = step_dict["output"]  # the first token opens the stream

    async def send_token(
        self, id: str, token: str, is_sequence: bool = False, is_input: bool = False
    ) -> None:
        self.tokens[id] = self.tokens.get(id, "") + token

    async def send_element(self, element_dict: Any) -> None:
        self.elements.append(dict(element_dict))

    def of_type(self, kind: str) -> list[dict[str, Any]]:
        return [self.steps[i] for i in self.order if self.steps[i]["type"] == kind]

    def elements_for(self, step_id: str) -> list[dict[str, Any]]:
        return [e for e in self.elements if e.get("forId") == step_id]


class FakeState(TypedDict, total=False):
    messages: Annotated[list[AnyMessage], add_messages]
    genre: str
    language: str


def _screenplay() -> Screenplay:
    return Screenplay(
        title="The Last Dumpling",
        logline="A boy learns his grandma's recipe.",
        genre=Genre.TOUCHING_FAMILY,
        scenes=[Scene(number=1, place="Kitchen", action=["Flour."], duration_s=10)],
    )


def build_graph(outside: Path, hold: asyncio.Event | None = None) -> Any:
    """Pitch (streamed) -> genre interrupt -> screenplay files -> scene -> film."""
    talker = GenericFakeChatModel(messages=iter([AIMessage("Six ways to tell it.")] * 5))
    quiet = GenericFakeChatModel(messages=iter([AIMessage('{"internal": "json"}')] * 5))

    async def pitch(state: FakeState) -> dict[str, Any]:
        emit_progress("pitches", "Reading the genre guidelines", 0.1)
        emit_sources(
            [
                {
                    "source": "genre-touching-family.md",
                    "heading": "Endings",
                    "text": "End on a gesture.",
                }
            ]
        )
        await quiet.ainvoke("internal", config={"tags": ["nostream"]})
        reply = await talker.ainvoke(state["messages"])
        emit_progress("pitches", "Genre options ready", 1.0)
        return {"messages": [reply], "language": "en"}

    def choose(state: FakeState) -> dict[str, Any]:
        answer = interrupt(
            {
                "type": "choose_genre",
                "question": "Which genre?",
                "recommended": "touching-family",
                "options": [
                    {"genre": g.value, "label": g.label("en"), "pitch": "p"} for g in Genre
                ],
            }
        )
        return {"genre": str(answer), "messages": [AIMessage(f"Genre: {answer}.")]}

    async def write(state: FakeState, runtime: Runtime[Context]) -> dict[str, Any]:
        folder = Path(runtime.context.project_dir)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "screenplay.json").write_text(_screenplay().model_dump_json())
        (folder / "screenplay.fountain").write_text("Title: The Last Dumpling\n")
        emit_artefact("screenplay", folder / "screenplay.json")
        emit_artefact("fountain", folder / "screenplay.fountain")
        emit_artefact("pdf", outside / "stolen.pdf")
        return {"messages": [AIMessage("Version 1 is ready.")]}

    async def produce(state: FakeState, runtime: Runtime[Context]) -> dict[str, Any]:
        folder = Path(runtime.context.project_dir)
        (folder / "scene-01.mp4").write_bytes(b"scene")
        emit_artefact("scene", folder / "scene-01.mp4", scene=1)
        emit_progress("scene 1", "Encoding", 0.5)
        if hold is not None:
            await hold.wait()
        (folder / "film.mp4").write_bytes(b"film")
        (folder / "bundle.zip").write_bytes(b"zip")
        emit_artefact("film", folder / "film.mp4")
        emit_artefact("bundle", folder / "bundle.zip")
        return {"messages": [AIMessage("The film is ready.")]}

    builder = StateGraph(FakeState, context_schema=Context)
    for name, node in (
        ("pitch_genres", pitch),
        ("choose_genre", choose),
        ("finalize_draft", write),
        ("assemble", produce),
    ):
        builder.add_node(name, node)
    builder.add_edge(START, "pitch_genres")
    builder.add_edge("pitch_genres", "choose_genre")
    builder.add_edge("choose_genre", "finalize_draft")
    builder.add_edge("finalize_draft", "assemble")
    builder.add_edge("assemble", END)
    return builder.compile(checkpointer=InMemorySaver())


def enter_chat(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> RecordingEmitter:
    monkeypatch.setattr(chainlit.config, "FILES_DIRECTORY", tmp_path / ".files")
    (tmp_path / ".files").mkdir()
    session = HTTPSession(
        id=str(uuid.uuid4()),
        thread_id=str(uuid.uuid4()),
        token=None,
        user=None,
        client_type="webapp",
        user_env=None,
    )
    emitter = RecordingEmitter(session)
    context_var.set(ChainlitContext(session, emitter=emitter))
    return emitter


def setup(tmp_path: Path) -> tuple[Path, Path, Context, dict[str, Any]]:
    folder = tmp_path / "projects" / "alice" / "t1"
    outside = tmp_path / "projects" / "bob" / "t9"
    outside.mkdir(parents=True)
    (outside / "stolen.pdf").write_bytes(b"%PDF secret")
    context = Context(project_dir=str(folder), resolution="720x1280", target_seconds=30)
    return folder, outside, context, {"configurable": {"thread_id": "t1"}}


async def test_a_turn_streams_replies_opens_steps_and_stops_at_the_genre_question(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    emitter = enter_chat(tmp_path, monkeypatch)
    folder, outside, context, config = setup(tmp_path)
    graph = build_graph(outside)

    outcome = await ChatTurn(folder).run(
        graph, "t1", {"messages": [HumanMessage("grandma and dumplings")]}, context
    )

    assert outcome.interrupt is not None and outcome.interrupt["type"] == "choose_genre"
    assert outcome.interrupt["recommended"] == "touching-family"
    streamed = [text for text in emitter.tokens.values()]
    assert streamed == ["Six ways to tell it."]
    assert "internal" not in "".join(streamed)
    [reply] = [s for s in emitter.of_type("assistant_message") if s["output"]]
    assert reply["output"] == "Six ways to tell it."
    runs = {s["name"]: s for s in emitter.of_type("run")}
    assert set(runs) == {"Genre pitches", "Genre choice"}
    assert all(s["defaultOpen"] is False for s in runs.values())
    assert "message: grandma and dumplings" in runs["Genre pitches"]["input"]
    assert "reply: Six ways to tell it." in runs["Genre pitches"]["output"]
    assert runs["Genre choice"]["output"] == "Waiting for your answer."
    [sources] = emitter.of_type("retrieval")
    assert "genre-touching-family.md › Endings" in sources["output"]
    task_lists = [e for e in emitter.elements if e["type"] == "tasklist"]
    assert task_lists, "progress should show as a task list"


async def test_resuming_shows_the_screenplay_previews_and_the_film_but_never_foreign_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    emitter = enter_chat(tmp_path, monkeypatch)
    folder, outside, context, config = setup(tmp_path)
    graph = build_graph(outside)
    await ChatTurn(folder).run(graph, "t1", {"messages": [HumanMessage("idea")]}, context)

    outcome = await ChatTurn(folder).run(graph, "t1", Command(resume="touching-family"), context)

    assert outcome.interrupt is None and outcome.error is None
    messages = emitter.of_type("assistant_message")
    texts = [m["output"] for m in messages]
    assert "Genre: touching-family." in texts and "The film is ready." in texts
    [screenplay] = [m for m in messages if m["output"].startswith("## The Last Dumpling")]
    names = [e["name"] for e in emitter.elements_for(screenplay["id"])]
    assert names == ["screenplay.fountain"], "the PDF outside the project must not be shown"
    [preview] = [m for m in messages if m["output"] == "Scene 1 preview"]
    [clip] = emitter.elements_for(preview["id"])
    assert clip["type"] == "video" and clip["size"] == "small"
    [film_message] = [m for m in messages if "Your micro film" in m["output"]]
    film = {e["name"]: e for e in emitter.elements_for(film_message["id"])}
    assert film["film.mp4"]["type"] == "video" and film["film.mp4"]["display"] == "inline"
    assert film["bundle.zip"]["type"] == "file"
    assert all(not str(e.get("path", "")).startswith(str(outside)) for e in emitter.elements)


async def test_stopping_a_turn_closes_its_steps_and_keeps_finished_work(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    emitter = enter_chat(tmp_path, monkeypatch)
    folder, outside, context, config = setup(tmp_path)
    hold = asyncio.Event()
    graph = build_graph(outside, hold)
    await ChatTurn(folder).run(graph, "t1", {"messages": [HumanMessage("idea")]}, context)

    turn = ChatTurn(folder)
    running = asyncio.create_task(turn.run(graph, "t1", Command(resume="youth-romance"), context))
    deadline = asyncio.get_running_loop().time() + 60  # generous: CI machines can be busy
    while asyncio.get_running_loop().time() < deadline:
        previewed = any(
            m["output"] == "Scene 1 preview" for m in emitter.of_type("assistant_message")
        )
        if previewed and turn.progress.task_list is not None:
            break
        await asyncio.sleep(0.01)
    else:
        pytest.fail("the first scene preview never arrived")
    running.cancel()
    with pytest.raises(asyncio.CancelledError):
        await running

    stopped = [s for s in emitter.of_type("tool") if s["name"] == "Film stitching"]
    assert stopped and stopped[-1]["output"] == "Stopped."
    outputs = [m["output"] for m in emitter.of_type("assistant_message")]
    assert any(o.startswith("## The Last Dumpling") for o in outputs), (
        "the screenplay written before the stop is still shown"
    )
    assert not any("Your micro film" in o for o in outputs)
    snapshot = await graph.aget_state(config)
    assert snapshot.values["genre"] == "youth-romance", "finished stages stay checkpointed"
    assert turn.progress.task_list is not None
    assert turn.progress.task_list.status == "Stopped"
    assert '"status": "Stopped"' in turn.progress.task_list.content, "the list sent says so"

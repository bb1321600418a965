"""The revise node inside a real LangGraph run: versions, files, events, replies."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
from fakes import ScriptedChatModel
from langchain_core.messages import HumanMessage
from langgraph.graph import END, START, StateGraph
from test_revisions_ops import family

import agent.model.providers
import knowledge
from agent.context import Context
from agent.revision.node import revise_node
from agent.state import State
from film.form import estimate_runtime, estimate_scene_seconds
from film.fountain.writer import from_fountain
from film.screenplay import Project, Screenplay


class Session:
    """One conversation with only the revise node, recording custom stream events."""

    def __init__(
        self, tmp_path: Path, screenplay: Screenplay, language: str = "en", **context: Any
    ) -> None:
        builder = StateGraph(State, context_schema=Context)
        builder.add_node("revise", revise_node)
        builder.add_edge(START, "revise")
        builder.add_edge("revise", END)
        self.graph = builder.compile()
        self.folder = tmp_path / "project"
        self.context = Context().updated(**{"project_dir": str(self.folder), **context})
        project = Project(slug="family")
        project.commit(screenplay, "First draft")
        self.state: dict[str, Any] = {
            "project": project.model_dump(mode="json"),
            "language": language,
            "messages": [],
        }
        self.events: list[dict[str, Any]] = []

    async def say(self, text: str) -> str:
        self.events = []
        state = {**self.state, "messages": [*self.state["messages"], HumanMessage(text)]}
        async for mode, chunk in self.graph.astream(
            state, context=self.context, stream_mode=["custom", "values"]
        ):
            if mode == "custom":
                self.events.append(chunk)
            else:
                final = chunk
        self.state = dict(final)
        return str(final["messages"][-1].content)

    @property
    def project(self) -> Project:
        return Project.model_validate(self.state["project"])

    @property
    def screenplay(self) -> Screenplay:
        screenplay = self.project.screenplay
        assert screenplay is not None
        return screenplay


@pytest.fixture(autouse=True)
def text_files_only(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Most tests skip the ~1 s PDF typesetting (the "PDF tool not installed" branch);
    tests with "pdf" in their name write it for real."""
    if "pdf" not in request.node.name:
        monkeypatch.setitem(sys.modules, "tools.documents.pdf", None)


@pytest.fixture
def passages(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str | None]]:
    from types import SimpleNamespace

    asked: list[tuple[str, str | None]] = []

    def search(
        query: str,
        genre: str | None = None,
        topic: str | None = None,
        k: int = 4,
        language: str | None = None,
    ) -> list[Any]:
        asked.append((query, genre))
        return [
            SimpleNamespace(
                text="Family films land on one concrete object that carries the feeling.",
                source=f"genre-{genre}.md",
                heading="Props",
                genre=genre,
                topic=topic,
                score=0.9,
                citation=lambda: f"genre-{genre}.md › Props",
            )
        ]

    monkeypatch.setattr(knowledge, "search_guidelines", search, raising=False)
    return asked


def use_model(monkeypatch: pytest.MonkeyPatch, model: ScriptedChatModel) -> None:
    monkeypatch.setattr(agent.model.providers, "load_chat_model", lambda context=None: model)


async def test_rename_commits_a_version_writes_files_and_announces_them(tmp_path: Path) -> None:
    session = Session(tmp_path, family(3))
    reply = await session.say("rename Li Ming to Xiao Wang everywhere")
    assert reply.startswith("Renamed Li Ming to Xiao Wang everywhere.")
    assert "```diff\nRuntime: " in reply and "+ Xiao Wang: " in reply
    assert reply.endswith("Saved as version 2. Say “undo” to go back.")
    project = session.project
    assert [v.number for v in project.versions] == [1, 2] and project.current == 2
    assert "Li Ming" not in session.screenplay.model_dump_json()
    saved = Screenplay.model_validate_json((session.folder / "screenplay.json").read_text())
    assert saved == session.screenplay
    fountain = (session.folder / "screenplay.fountain").read_text(encoding="utf-8")
    assert from_fountain(fountain) == session.screenplay
    kinds = {e["kind"]: e["path"] for e in session.events if e["type"] == "artefact"}
    assert kinds["screenplay"] == str(session.folder / "screenplay.json")
    assert kinds["fountain"] == str(session.folder / "screenplay.fountain")
    assert project.artefacts.fountain == "screenplay.fountain"
    assert session.state["exported_version"] == 2
    assert session.state["project_dir"] == str(session.folder)


async def test_undo_and_restore_are_new_versions(tmp_path: Path) -> None:
    original = family(4)
    session = Session(tmp_path, original)
    assert "nothing to undo" in await session.say("undo")
    assert len(session.project.versions) == 1
    await session.say("swap scenes 2 and 4")
    swapped = session.screenplay
    assert "@@ Scene order (old numbers): 1 · 4 · 3 · 2 @@" in session.state["messages"][-1].content
    reply = await session.say("undo")
    assert reply.startswith("Undid the last change (back to version 1).")
    assert session.project.current == 3 and session.screenplay == original
    reply = await session.say("go back to version 2")
    assert reply.startswith("Restored version 2.")
    assert session.project.current == 4 and session.screenplay == swapped
    assert "already on version 4" in await session.say("go back to version 4")
    assert "no version 9" in await session.say("restore version 9")
    assert [v.note for v in session.project.versions][-2:] == [
        "Restored version 1",
        "Restored version 2",
    ]
    on_disk = Screenplay.model_validate_json((session.folder / "screenplay.json").read_text())
    assert on_disk == swapped


async def test_chinese_swap_replies_in_chinese(
    tmp_path: Path, chinese_screenplay: Screenplay
) -> None:
    session = Session(tmp_path, chinese_screenplay, language="zh")
    reply = await session.say("交换第1场和第2场")
    assert reply.startswith("已交换第1场和第2场。")
    assert "时长：" in reply and "已保存为第2版" in reply
    assert [s.place for s in session.screenplay.scenes] == ["村口", "老家厨房"]
    reply = await session.say("把小明改名为小王")
    assert reply.startswith("已把小明全部改名为小王。")
    assert "第四场" not in reply
    assert "没有第4场" in await session.say("删除第4场")


async def test_cut_to_length(tmp_path: Path) -> None:
    before = family(8, 6)
    session = Session(tmp_path, before)
    reply = await session.say("cut it to two minutes")
    assert reply.startswith("Cut to about 1 min 5") or reply.startswith("Cut to about 2 min 00")
    after = session.screenplay
    assert estimate_runtime(after) <= 120 < estimate_runtime(before)
    assert after.scenes[0].place == "Place 1" and after.scenes[-1].place == "Place 8"
    assert "already runs about" in await session.say("cut it to five minutes")
    reply = await session.say("make it shorter")
    assert reply.startswith("How long should it be?") and session.project.current == 2


async def test_vague_and_unknown_requests_ask_instead_of_changing(tmp_path: Path) -> None:
    session = Session(tmp_path, family(3))
    reply = await session.say("make it better")
    assert reply.startswith("What would you like to change?") and "Li Ming" in reply
    reply = await session.say("hmm, not sure")
    assert reply.startswith("Which part should I change?")
    reply = await session.say("rename Bob to Rob")
    assert "couldn't find a character called “Bob”" in reply and "Grandma" in reply
    assert session.project.current == 1
    assert not (session.folder / "screenplay.json").exists()


async def test_creative_rewrite_sends_only_the_target_scene(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, passages: list[Any]
) -> None:
    before = family(4)
    prompts: list[str] = []

    def answer(prompt: str) -> dict[str, Any]:
        prompts.append(prompt)
        return {
            "action": ["Grandma slips on flour and lands laughing."],
            "dialogue": [
                {"speaker": "grandma", "text": "The floor wanted a dumpling too!"},
                {"speaker": "Li Ming", "text": "Grandma, you're a menace."},
            ],
            "visual": "",
            "summary": "Added a slapstick fall and a joke.",
        }

    use_model(monkeypatch, ScriptedChatModel(script={"SceneRewrite": [answer]}))
    session = Session(tmp_path, before)
    reply = await session.say("make scene 3 funnier")
    assert reply.startswith("Rewrote scene 3: Added a slapstick fall and a joke.")
    assert "Guided by: genre-touching-family.md › Props." in reply
    assert passages == [("make scene 3 funnier", "touching-family")]
    assert len(prompts) == 1
    prompt = prompts[0]
    assert "Scene 3 line 0" in prompt and "Scene 2 line 0" not in prompt
    assert "Scene 4 line 0" not in prompt and "Grandma: Li Ming's grandmother" in prompt
    assert "one concrete object" in prompt and "make scene 3 funnier" in prompt
    after = session.screenplay
    assert after.scenes[:2] == before.scenes[:2] and after.scenes[3] == before.scenes[3]
    changed = after.scenes[2]
    assert changed.dialogue[0].speaker == "Grandma"  # snapped to the bible's spelling
    assert changed.visual == before.scenes[2].visual  # empty answer keeps the look
    assert changed.duration_s == estimate_scene_seconds(changed) < before.scenes[2].duration_s
    assert session.state["sources"][0]["source"] == "genre-touching-family.md"


async def test_creative_targets_the_scene_where_a_character_speaks_most(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, passages: list[Any]
) -> None:
    before = family(3)
    scene = before.scenes[1]
    extra = scene.dialogue[1].model_copy(update={"text": "Grandma again."})
    busy = scene.model_copy(update={"dialogue": [*scene.dialogue, extra, extra]})
    before = before.model_copy(update={"scenes": [before.scenes[0], busy, before.scenes[2]]})
    prompts: list[str] = []

    def answer(prompt: str) -> dict[str, Any]:
        prompts.append(prompt)
        return {
            "action": busy.action,
            "dialogue": [
                *[d.model_dump() for d in busy.dialogue],
                {"speaker": "Grandma", "text": "Your grandfather folded them too tight, like you."},
            ],
            "summary": "Grandma remembers her late husband.",
        }

    use_model(monkeypatch, ScriptedChatModel(script={"SceneRewrite": [answer]}))
    session = Session(tmp_path, before)
    reply = await session.say("give Grandma a line about her late husband")
    assert reply.startswith("Rewrote scene 2:")
    assert len(prompts) == 1 and "Scene 2, INT. PLACE 2 - DAY" in prompts[0]
    assert session.screenplay.scenes[1].dialogue[-1].text.startswith("Your grandfather")


async def test_model_failures_leave_the_project_unchanged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, passages: list[Any]
) -> None:
    import httpx

    session = Session(tmp_path, family(3))
    use_model(monkeypatch, ScriptedChatModel(every_call="this is not json"))
    reply = await session.say("make scene 2 sadder")
    assert reply.startswith("I couldn't get a usable rewrite from the model")
    assert session.project.current == 1
    use_model(monkeypatch, ScriptedChatModel(every_call=httpx.ConnectError("refused")))
    reply = await session.say("make scene 2 sadder")
    assert "could not be reached" in reply and session.project.current == 1
    use_model(
        monkeypatch,
        ScriptedChatModel(
            # empty every time it is asked (the gate asks again twice, naming the problem)
            script={"SceneRewrite": [{"action": [], "dialogue": [], "summary": "nothing"}] * 3}
        ),
    )
    assert "came back empty" in await session.say("make scene 2 sadder")
    assert session.project.current == 1 and not session.folder.exists()


async def test_rewrite_that_breaks_the_form_is_repaired(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, passages: list[Any]
) -> None:
    # Long, but not junk: one line pasted twelve times (or nearly: lines 90 % alike count as
    # repeats) would now be refused by the gate.
    dishes = "soup noodles dumplings tofu rice buns pancakes greens fish duck pork tea".split()
    answer = {
        "action": ["A waiter arrives."] * 12,
        "dialogue": [
            {
                "speaker": "Waiter",
                "text": f"Tonight the chef recommends the {dish}, "
                + " ".join(
                    f"{dish}{word}{n}" for word in ("with", "beside", "after") for n in range(7)
                ),
            }
            for dish in dishes
        ],
        "summary": "Made it much longer.",
    }
    use_model(monkeypatch, ScriptedChatModel(script={"SceneRewrite": [answer]}))
    session = Session(tmp_path, family(3), max_seconds=90)
    reply = await session.say("make scene 2 much longer with a waiter")
    assert "I also kept it within the form" in reply and "Waiter" in reply
    after = session.screenplay
    assert estimate_runtime(after) <= 90
    assert [c.name for c in after.characters][-1] == "Waiter"


async def test_hostile_paths_never_leave_the_project_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    monkeypatch.setenv("MICROFILM_HOME", str(home))
    session = Session(tmp_path, family(2), project_dir="")
    session.state["project"]["slug"] = "../../../etc/passwd"
    before = set(tmp_path.rglob("*"))
    for hostile in (
        "save the screenplay to /etc/passwd",
        "rename the film to ../../etc/passwd",
        "write the fountain file as /tmp/evil.fountain",
    ):
        assert (await session.say(hostile)).startswith("I can't read or write files outside")
    assert set(tmp_path.rglob("*")) == before and session.project.current == 1
    await session.say("swap scenes 1 and 2")  # a real change, in a folder named by the slug
    folder = (home / "projects" / "etc-passwd").resolve()
    created = set(tmp_path.rglob("*")) - before
    assert created and all(p.resolve().is_relative_to(home.resolve()) for p in created)
    assert (folder / "screenplay.fountain").is_file()
    assert all(Path(e["path"]).resolve().is_relative_to(folder) for e in session.events)


async def test_titles_never_become_file_names_and_the_pdf_is_rewritten(tmp_path: Path) -> None:
    from agent.exports import export_screenplay
    from agent.revision.ops import retitle

    project = Project(slug="film")
    project.commit(retitle(family(1), "/etc/passwd"), "hostile title")
    folder = tmp_path / "project"
    written = await export_screenplay(project, folder)
    assert {p.name for p in written.values()} == {
        "screenplay.json",
        "screenplay.fountain",
        "screenplay.pdf",
    }
    assert (folder / "screenplay.pdf").read_bytes().startswith(b"%PDF")
    assert all(p.parent == folder.resolve() for p in written.values())
    assert {p.name for p in tmp_path.rglob("*") if p.is_file()} == {
        p.name for p in written.values()
    }


async def test_without_a_screenplay_it_says_so(tmp_path: Path) -> None:
    session = Session(tmp_path, family(1))
    session.state.pop("project")
    assert (await session.say("swap scenes 1 and 2")).startswith("There is no screenplay yet")


async def test_the_studio_graph_routes_revisions_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, passages: list[Any]
) -> None:
    from fakes import Studio
    from langgraph.types import Command

    studio = Studio(monkeypatch, tmp_path)
    await studio.say("a 2-minute film about a grandma teaching her grandson to make dumplings")
    await studio.say(Command(resume="touching-family"))
    drafted = Project.model_validate((await studio.values())["project"])
    assert drafted.current == 1 and drafted.screenplay is not None
    first_two = [s.place for s in drafted.screenplay.scenes[:2]]
    result = await studio.say("swap scenes 1 and 2")
    assert result.messages[-1].content.startswith("Swapped scenes 1 and 2.")
    project = Project.model_validate(result.values["project"])
    assert project.current == 2 and project.screenplay is not None
    assert [s.place for s in project.screenplay.scenes[:2]] == first_two[::-1]
    assert {Path(p).name for p in result.artefacts("fountain")} == {"screenplay.fountain"}
    result = await studio.say("undo")
    restored = Project.model_validate(result.values["project"])
    assert restored.current == 3 and restored.screenplay == drafted.screenplay


def test_a_revision_cites_a_chinese_guide_without_its_english_gloss() -> None:
    """The creative rewrite's prompt quoted "[genre-touching-family.zh.md › 台词风格 (Dialogue
    voice)]" beside Chinese advice (2026-12-03)."""
    from types import SimpleNamespace

    from agent.revision.prompts import guideline_text

    passage = SimpleNamespace(
        text="日常、含蓄。",
        source="genre-touching-family.zh.md",
        heading="台词风格 (Dialogue voice)",
    )
    quoted = guideline_text([passage], "zh")
    assert "[genre-touching-family.zh.md › 台词风格] 日常、含蓄。" in quoted
    assert "Dialogue voice" not in quoted

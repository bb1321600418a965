"""The conversation graph with a scripted model: genre choice and every drafting stage."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from fakes import ScriptedChatModel, Studio, default_answer
from langgraph.types import Command

from film.form import estimate_runtime, runtime_limit, scene_count_for, validate_form
from film.screenplay import Genre, Project, Screenplay

IDEA = "a 2-minute film about a grandma teaching her grandson to make dumplings"


@pytest.fixture
def studio(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Studio:
    return Studio(monkeypatch, tmp_path)


def _kinds(result, kind: str) -> list[dict]:
    return [e for e in result.events if e.get("type") == kind]


async def test_genre_interrupt_offers_six_grounded_pitches(studio: Studio) -> None:
    result = await studio.say(IDEA)
    question = result.interrupt
    assert question["type"] == "choose_genre"
    assert [o["genre"] for o in question["options"]] == [g.value for g in Genre]
    assert all(o["pitch"] and o["label"] for o in question["options"])
    assert question["recommended"] in {g.value for g in Genre}
    assert "recommend" in question["question"].lower()
    assert "2 minutes" in result.messages[0].content
    # one retrieval per genre, with the genre filter, announced as sources
    assert {genre for _, genre in studio.searches} == {g.value for g in Genre}
    sources = _kinds(result, "sources")
    assert sources and {p["source"] for p in sources[0]["passages"]} >= {"genre-youth-romance.md"}
    assert studio.model.calls == ["GenrePitchesDraft"]


async def test_the_intake_message_closes_an_idea_that_ends_on_a_full_stop(studio: Studio) -> None:
    # Recorded (by hand, 2026-12-02): "…直到有一天猫带来了三只小猫。。我会一口气做完".
    result = await studio.say(IDEA + ".")
    said = result.messages[0].content
    assert "dumplings. " in said and ".." not in said


async def test_the_intake_message_says_the_story_not_the_request_again(studio: Studio) -> None:
    # Recorded (web app, 2026-12-02): "…in English about: a 30-second film about a shy boy".
    result = await studio.say("a 30-second film about a shy boy who has to sing at graduation")
    said = result.messages[0].content
    assert "about: a shy boy who has to sing at graduation." in said and "film about" not in said


async def test_resume_with_button_slug_drafts_every_stage(studio: Studio) -> None:
    await studio.say(IDEA)
    result = await studio.say(Command(resume="touching-family"))
    values = result.values
    assert values["genre"] == "touching-family"
    count = scene_count_for(120)
    assert studio.model.calls == [
        "GenrePitchesDraft",
        "LoglineDraft",
        "CastDraft",
        "OutlineDraft",
        *["SceneDraft"] * count,
    ]
    texts = [m.content for m in result.messages]
    assert texts[0].startswith("Genre: Touching Family")
    assert "**The Last Dumpling**" in texts[1]
    assert "Character bible" in texts[2] and "blue apron" in texts[2]
    assert f"Beat outline ({count} scenes" in texts[3]
    assert texts[4].startswith("Scenes (about")
    assert "Version 1 is ready" in texts[5]
    # every stage grounded in the chosen genre and reported through the stream
    stages = {e["stage"] for e in _kinds(result, "progress")}
    assert {"logline", "characters", "outline", "scenes", "finalize"} <= stages
    assert len(_kinds(result, "sources")) == 4
    assert {g for _, g in studio.searches[6:]} == {"touching-family", "all"}
    assert values["sources"][0]["source"] == "genre-touching-family.md"  # kept for citation

    project = Project.model_validate(values["project"])
    assert project.current == 1 and len(project.versions) == 1
    screenplay = project.screenplay
    assert screenplay is not None and len(screenplay.scenes) == count
    assert validate_form(screenplay, size=(180, 320)) == []
    assert estimate_runtime(screenplay) <= runtime_limit(120, 600)
    assert all(s.duration_s > 0 for s in screenplay.scenes)
    bible = {c.name for c in screenplay.characters}
    assert all(line.speaker in bible for s in screenplay.scenes for line in s.dialogue)
    assert all(c.look and c.wardrobe and c.props for c in screenplay.characters)

    folder = Path(values["project_dir"])
    saved = Screenplay.model_validate(json.loads((folder / "screenplay.json").read_text()))
    assert saved == screenplay
    assert "INT. KITCHEN - DAY" in (folder / "screenplay.fountain").read_text()
    artefacts = {e["kind"]: e["path"] for e in _kinds(result, "artefact")}
    assert artefacts["screenplay"] == str(folder / "screenplay.json")
    assert artefacts["fountain"] == str(folder / "screenplay.fountain")


@pytest.mark.parametrize(
    ("answer", "genre"),
    [
        ("make it a romance", "youth-romance"),
        ("古风吧", "ancient-style"),
        ("3", "inspirational-struggle"),
        ({"genre": "aesthetic-scenery"}, "aesthetic-scenery"),
        ("you choose", "touching-family"),
    ],
)
async def test_resume_with_free_text(studio: Studio, answer: object, genre: str) -> None:
    await studio.say(IDEA)
    result = await studio.say(Command(resume=answer))
    assert result.values["genre"] == genre
    assert result.values["project"]["current"] == 1


async def test_unrecognised_answer_asks_again(studio: Studio) -> None:
    await studio.say(IDEA)
    again = await studio.say(Command(resume="hmm, something with dragons?"))
    assert again.interrupt is not None
    assert again.interrupt["question"].startswith("I didn't recognise that genre")
    assert "genre" not in again.values or again.values["genre"] is None
    done = await studio.say(Command(resume="2"))
    assert done.values["genre"] == "youth-romance"


async def test_chinese_idea_gets_chinese_replies_and_length(studio: Studio) -> None:
    result = await studio.say("一个三分钟的故事：外婆教外孙包饺子，他明天就要出国了")
    assert result.values["language"] == "zh" and result.values["target_seconds"] == 180
    assert "3分钟" in result.messages[0].content
    assert result.interrupt["options"][0]["label"].startswith("草根恶搞")
    done = await studio.say(Command(resume="温情亲情"))
    screenplay = Project.model_validate(done.values["project"]).screenplay
    assert screenplay is not None and screenplay.language == "zh"
    assert screenplay.title == "最后一个饺子"
    assert "第1版完成" in done.messages[-1].content
    listing = next(str(m.content) for m in done.messages if str(m.content).startswith("场景（约"))
    assert "（内景，" in listing or "（外景，" in listing  # headings in Chinese words
    assert "秒）：" in listing and " s): " not in listing and "INT." not in listing
    # The bible is labelled in Chinese too ("look: …; wardrobe: …", 2026-12-03).
    bible = next(str(m.content) for m in done.messages if str(m.content).startswith("人物小传"))
    assert "外貌：" in bible and "服装：" in bible and "look:" not in bible


async def test_length_over_the_cap_is_capped(studio: Studio) -> None:
    result = await studio.say("a 15-minute epic about a lighthouse keeper and a lost whale")
    assert result.values["target_seconds"] == 600
    assert "capped" in result.messages[0].content


async def test_overlong_scenes_and_unknown_speakers_are_repaired(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # Each scene is a plausible one plus two long lines from a stranger the bible lacks:
    # the film runs about twice the 60 s asked for (junk such as one line pasted eight
    # times would now be refused by the quality gate instead of repaired).
    stranger_lines = [
        "I walked here from the harbour because the ferry broke down and nobody on the "
        "pier knew where a stranger could eat tonight.",
        "Your grandson opened the door before I even knocked, as if somebody had told "
        "him a hungry traveller was coming up the hill.",
        "Back home my mother folded them into little boats and floated them in the soup "
        "every winter until the river froze over completely.",
        "I sold umbrellas at the station for eleven years and never once met a family "
        "who fed a passer-by without asking his name first.",
        "Tomorrow morning my bus leaves early, but I will carry the taste of this kitchen "
        "across three provinces and tell everyone about your grandmother.",
        "If the boy ever comes through my town, send him to the yellow stall beside the "
        "bridge and I will repay this dinner twice over.",
    ]

    def bloated(prompt: str) -> dict:
        scene = default_answer("SceneDraft", prompt)
        match = re.search(r"Write scene (\d+) now|Scene (\d+) \(", prompt)
        n = int(match.group(1) or match.group(2)) if match else 1
        extra = [{"speaker": "Stranger", "text": t} for t in stranger_lines[2 * n - 2 : 2 * n]]
        return {**scene, "dialogue": [*scene["dialogue"], *extra]}

    extra = {
        "characters": [
            {
                "name": "Stranger",
                "role": "a passer-by",
                "look": "tall",
                "wardrobe": "black coat",
                "props": ["umbrella"],
            }
        ]
    }
    model = ScriptedChatModel(
        script={
            "SceneDraft": [bloated] * 6,
            "CastDraft": [lambda prompt: default_answer("CastDraft", prompt), extra],
        }
    )
    studio = Studio(monkeypatch, tmp_path, model, target_seconds=60)
    await studio.say("a film about a grandma and her grandson")
    result = await studio.say(Command(resume="touching-family"))
    screenplay = Project.model_validate(result.values["project"]).screenplay
    assert screenplay is not None
    assert estimate_runtime(screenplay) <= runtime_limit(60, 600)
    assert validate_form(screenplay, cap_s=runtime_limit(60, 600), size=(180, 320)) == []
    stranger = screenplay.character("Stranger")
    assert stranger is not None and stranger.wardrobe == "black coat"  # the model's repair
    assert model.calls.count("CastDraft") == 2  # bible + one repair ask for the new speaker
    assert "I fixed the draft before showing it" in result.messages[-1].content


async def test_revision_requests_route_to_the_revisions_node(studio: Studio) -> None:
    await studio.say(IDEA)
    await studio.say(Command(resume="touching-family"))
    renamed = await studio.say("rename Ming to Wei everywhere")
    project = Project.model_validate(renamed.values["project"])
    assert project.current == 2 and project.screenplay.character("Wei") is not None
    folder = Path(renamed.values["project_dir"])
    assert "WEI" in (folder / "screenplay.fountain").read_text()
    assert renamed.values["exported_version"] == 2
    undone = await studio.say("undo")
    project = Project.model_validate(undone.values["project"])
    assert project.current == 3 and project.screenplay.character("Ming") is not None
    assert "MING" in (folder / "screenplay.fountain").read_text()
    assert studio.model.calls.count("SceneDraft") == scene_count_for(120)  # no model needed


async def test_structured_calls_stay_out_of_the_chat_stream(studio: Studio) -> None:
    config = {"configurable": {"thread_id": studio.thread}}
    await studio.say(IDEA)
    streamed = []
    async for message, _meta in studio.graph.astream(
        Command(resume="touching-family"), config, context=studio.context, stream_mode="messages"
    ):
        streamed.append(message)
    assert streamed, "stage messages reach the chat"
    assert not any(getattr(m, "tool_calls", None) for m in streamed)
    texts = [m.content for m in streamed]
    assert any("Version 1 is ready" in t for t in texts)
    assert not any(t.lstrip().startswith("{") for t in texts)


def test_langgraph_json_exports_the_studio_graph() -> None:
    root = Path(__file__).resolve().parents[2]
    config = json.loads((root / "langgraph.json").read_text())
    path, _, name = config["graphs"]["microfilm-studio"].partition(":")
    assert (root / path).is_file() and name == "graph"
    from agent.context import Context
    from agent.graph import builder, graph

    assert graph.name == "microfilm-studio" and builder.context_schema is Context
    assert set(graph.get_input_jsonschema()["properties"]) == {"messages"}

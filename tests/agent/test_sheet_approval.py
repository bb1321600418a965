"""The character sheets in the graph: drawn once, shown, approved, regenerated or declined.

The scripted model drafts; the sheets are drawn by the fake images API on 127.0.0.1 (the real
painter, store and ledger); scene renders are faked and record the sheets they were handed.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from fake_media_server import API_KEY, FakeMediaServer
from fakes import Studio
from langgraph.types import Command

import tools.assembly.production as production
from agent.production.sheets import APPROVE, read_answer
from tools.backends.ledger import SpendLedger

IDEA = "a film about a grandma teaching her grandson to make dumplings"


class Renders:
    """Instant segments; which scenes were rendered and with which sheets."""

    def __init__(self) -> None:
        self.sheets: dict[int, dict[str, str]] = {}

    def render(self, screenplay, number, project_dir, settings, progress=None):
        self.sheets[number] = dict(settings.character_sheets)
        path = Path(project_dir) / "segments" / f"scene-{number:02d}.mp4"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"segment")
        return production.SegmentResult(number, path, 5.0, False)

    def assemble(self, screenplay, project_dir, settings, progress=None):
        film = Path(project_dir) / "film.mp4"
        film.write_bytes(b"film")
        return production.FilmResult(film, 30.0, None, [])


@pytest.fixture
def server(monkeypatch):
    with FakeMediaServer() as fake:
        monkeypatch.setenv("MICROFILM_CHARACTER_SHEETS", "on")
        monkeypatch.setenv("MICROFILM_IMAGE_BASE_URL", fake.base_url)
        monkeypatch.setenv("MICROFILM_IMAGE_API_KEY", API_KEY)
        monkeypatch.setenv("MICROFILM_IMAGE_PRICE", "0.05")
        monkeypatch.setenv("MICROFILM_HTTP_ATTEMPTS", "1")
        yield fake


@pytest.fixture
def renders(monkeypatch) -> Renders:
    fake = Renders()
    monkeypatch.setattr(production, "render_scene_segment", fake.render)
    monkeypatch.setattr(production, "assemble_film", fake.assemble)
    return fake


async def _asked(monkeypatch, tmp_path, **context):
    studio = Studio(
        monkeypatch, tmp_path, render_backend="openai-images", spending_approved=True, **context
    )
    await studio.say(IDEA)
    await studio.say(Command(resume="touching-family"))
    return studio, await studio.say("render it")


def sheet_posts(server: FakeMediaServer) -> int:
    """Sheets asked for (the cover's art goes to the same endpoint)."""
    return sum(
        1
        for r in server.requests
        if r.path == "/v1/images/generations"
        and str((r.json or {}).get("prompt", "")).startswith(
            ("Character reference sheet", "角色设定图")
        )
    )


async def test_sheets_are_shown_then_approving_renders_every_scene_with_them(
    monkeypatch, tmp_path, server, renders
):
    studio, asked = await _asked(monkeypatch, tmp_path)
    assert asked.sheets is not None and asked.error is None and not renders.sheets
    payload = asked.sheets.payload
    names = asked.sheets.names
    assert names and payload["question"].startswith("Before")
    assert all(Path(s["path"]).is_file() for s in payload["sheets"])
    assert sheet_posts(server) == len(names)

    done = await studio.say(Command(resume={"approve": True}))

    assert done.error is None and done.sheets is None
    assert renders.sheets and all(set(s) <= set(names) for s in renders.sheets.values())
    assert {p for s in renders.sheets.values() for p in s.values()} <= {
        s["path"] for s in payload["sheets"]
    }
    assert sheet_posts(server) == len(names), "resuming paints nothing again"
    ledger = SpendLedger(tmp_path / "project").jobs()
    sheets_paid = [j for j in ledger if j.what.startswith("Character sheet")]
    assert len(sheets_paid) == len(names) and {j.status for j in sheets_paid} == {"completed"}

    # The next render of the same characters neither asks nor paints.
    again = await studio.say("render it")
    assert again.sheets is None and sheet_posts(server) == len(names)


async def test_regenerating_one_character_draws_one_new_sheet_and_asks_again(
    monkeypatch, tmp_path, server, renders
):
    studio, asked = await _asked(monkeypatch, tmp_path)
    assert asked.sheets is not None
    first = {s["name"]: s["path"] for s in asked.sheets.payload["sheets"]}
    who = asked.sheets.names[0]

    redone = await studio.say(Command(resume={"regenerate": who}))

    assert redone.sheets is not None and not renders.sheets
    second = {s["name"]: s["path"] for s in redone.sheets.payload["sheets"]}
    assert second[who] != first[who]
    assert {n: p for n, p in second.items() if n != who} == {
        n: p for n, p in first.items() if n != who
    }
    assert sheet_posts(server) == len(first) + 1
    take = {s["name"]: s["take"] for s in redone.sheets.payload["sheets"]}[who]
    assert take == 2

    done = await studio.say(Command(resume="yes"))
    assert done.error is None and renders.sheets
    assert sheet_posts(server) == len(first) + 1, "the reruns of the node paint nothing"
    assert all(s.get(who, second[who]) == second[who] for s in renders.sheets.values())


async def test_declining_the_sheets_renders_nothing(monkeypatch, tmp_path, server, renders):
    studio, asked = await _asked(monkeypatch, tmp_path, language="zh")
    assert asked.sheets is not None

    stopped = await studio.say(Command(resume="不要"))

    assert stopped.error is None and not renders.sheets
    assert "已在渲染前停止" in stopped.messages[-1].content


async def test_yes_on_the_command_line_approves_without_asking(
    monkeypatch, tmp_path, server, renders
):
    _, done = await _asked(monkeypatch, tmp_path, sheets_approved=True)
    assert done.sheets is None and done.error is None and renders.sheets


def test_answers_in_words_and_buttons():
    names = ["Mia", "外婆"]
    assert read_answer({"approve": True}, names) == APPROVE
    assert read_answer({"regenerate": "mia"}, names) == "Mia"
    assert read_answer("yes, they look right", names) == APPROVE
    assert read_answer("确认", names) == APPROVE
    assert read_answer("redo Mia please", names) == "Mia"
    assert read_answer("重画外婆", names) == "外婆"
    assert read_answer("redo them", names) is None
    assert read_answer("no", names) is None
    assert read_answer({"approve": False}, names) is None


def test_the_cli_without_yes_keeps_the_sheets_prints_their_paths_and_exits_3(
    monkeypatch, capsys, server, tmp_path
):
    from agent import cli

    Studio(monkeypatch, tmp_path / "studio")  # the scripted model, a throwaway home
    out = tmp_path / "film"
    argv = ["draft", IDEA, "--genre", "touching-family", "--seconds", "20", "--out", str(out)]
    argv += ["--backend", "openai-images", "--resolution", "180x320", "--budget", "5"]

    code = cli.main(argv)

    err = capsys.readouterr().err
    assert code == 3, err
    assert "run again with --yes" in err
    kept = sorted((out / "character-sheets").glob("*.png"))
    assert kept and all(str(path) in err for path in kept)
    assert sheet_posts(server) == len(kept)
    assert not (out / "film.mp4").exists()


async def test_the_cost_question_counts_the_sheets_it_will_draw(
    monkeypatch, tmp_path, server, renders
):
    studio = Studio(monkeypatch, tmp_path, render_backend="openai-images")
    await studio.say(IDEA)
    await studio.say(Command(resume="touching-family"))
    asked = await studio.say("render it")
    assert asked.cost is not None and sheet_posts(server) == 0, "nothing is drawn before a yes"
    payload = asked.cost.payload
    first = payload["lines"][0]
    assert first.startswith("Character sheets, drawn first: ") and "× 1 image" in first
    count = int(first.split(": ")[1].split(" ")[0])
    scenes = sum(s["cost"] for s in payload["scenes"])
    assert count >= 1 and payload["total"] == pytest.approx(
        scenes + count * 0.05 + payload["cover"]
    )

    sheets = await studio.say(Command(resume={"approve": True}))
    assert sheets.sheets is not None and len(sheets.sheets.names) == count

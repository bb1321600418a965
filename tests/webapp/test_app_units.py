"""The web app's building blocks without a browser: logins, history tables, file serving,
settings, project folders and the readable screenplay."""

from __future__ import annotations

import sqlite3
import stat
import uuid
from pathlib import Path

import chainlit.config
import pytest
from chainlit.context import ChainlitContext, context_var
from chainlit.element import File
from chainlit.session import HTTPSession
from chainlit.step import Step
from chainlit.user import User
from fastapi import FastAPI, HTTPException, Request
from fastapi.testclient import TestClient

from film.paths import UnsafePathError
from film.screenplay import CharacterProfile, DialogueLine, Genre, Scene, Screenplay
from webapp import auth, files, persistence, projects, render, settings, summaries
from webapp.questions import genres

# --- logins -------------------------------------------------------------------------------


def test_users_from_environment_are_checked_exactly(tmp_path: Path) -> None:
    accounts = auth.load_accounts(tmp_path, {"MICROFILM_USERS": "alice:pw:1, bob:two"})
    assert accounts.users == {"alice": "pw:1", "bob": "two"}
    assert accounts.check("alice", "pw:1")
    assert not accounts.check("alice", "pw")
    assert not accounts.check("carol", "pw:1")
    assert not (tmp_path / auth.LOGIN_FILE).exists()


def test_single_user_pair_needs_both_halves(tmp_path: Path) -> None:
    accounts = auth.load_accounts(
        tmp_path, {"MICROFILM_USER": "ana", "MICROFILM_PASSWORD": "s3cret"}
    )
    assert accounts.check("ana", "s3cret")
    with pytest.raises(auth.CredentialsError, match="both"):
        auth.load_accounts(tmp_path, {"MICROFILM_USER": "ana"})
    with pytest.raises(auth.CredentialsError, match="name:password"):
        auth.load_accounts(tmp_path, {"MICROFILM_USERS": "alice"})


def test_first_start_creates_a_private_password_shown_once(tmp_path: Path) -> None:
    first = auth.load_accounts(tmp_path, {})
    assert first.created_password and first.check("studio", first.created_password)
    path = tmp_path / auth.LOGIN_FILE
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert first.created_password in auth.login_notice(first)
    again = auth.load_accounts(tmp_path, {})
    assert again.created_password is None
    assert again.check("studio", first.created_password)
    assert first.created_password not in auth.login_notice(again)


def test_auth_secret_is_generated_once_and_kept(tmp_path: Path) -> None:
    env: dict[str, str] = {}
    secret = auth.ensure_auth_secret(tmp_path, env)
    assert len(secret) >= 32 and env["CHAINLIT_AUTH_SECRET"] == secret
    assert auth.ensure_auth_secret(tmp_path, {}) == secret
    assert auth.ensure_auth_secret(tmp_path, {"CHAINLIT_AUTH_SECRET": "given"}) == "given"


# --- project folders ----------------------------------------------------------------------


def test_project_folders_separate_users_and_threads(tmp_path: Path) -> None:
    a = projects.project_folder("Alice", "t-1", tmp_path)
    b = projects.project_folder("alice", "t-1", tmp_path)
    c = projects.project_folder("Alice", "t-2", tmp_path)
    assert len({a, b, c}) == 3
    assert a.is_relative_to(tmp_path / "projects")
    evil = projects.project_folder("../../etc", "../../x", tmp_path)
    assert evil.is_relative_to(tmp_path / "projects")


def test_only_files_inside_the_thread_folder_are_shown(tmp_path: Path) -> None:
    mine = projects.project_folder("alice", "t-1", tmp_path)
    theirs = projects.project_folder("bob", "t-9", tmp_path)
    for folder in (mine, theirs):
        folder.mkdir(parents=True)
        (folder / "film.mp4").write_bytes(b"x")
    assert projects.checked_artefact(mine / "film.mp4", mine) == (mine / "film.mp4").resolve()
    assert projects.checked_artefact(theirs / "film.mp4", mine) is None
    assert projects.checked_artefact(f"{mine}/../../bob/film.mp4", mine) is None
    assert projects.checked_artefact(mine / "missing.mp4", mine) is None
    (mine / "link.mp4").symlink_to(theirs / "film.mp4")
    assert projects.checked_artefact(mine / "link.mp4", mine) is None


# --- history tables and element files -----------------------------------------------------


def enter_chainlit_context(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> ChainlitContext:
    """A Chainlit context without a browser (must run inside the test's event loop)."""
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
    ctx = ChainlitContext(session)
    context_var.set(ctx)
    return ctx


def test_schema_is_created_and_upgraded_in_place(tmp_path: Path) -> None:
    db = tmp_path / "chainlit.sqlite"
    with sqlite3.connect(db) as con:
        con.execute('CREATE TABLE steps ("id" TEXT PRIMARY KEY, "name" TEXT, "type" TEXT)')
    con.close()
    persistence.ensure_schema(db)
    persistence.ensure_schema(db)
    with sqlite3.connect(db) as con:
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        step_columns = {r[1] for r in con.execute("PRAGMA table_info(steps)")}
    con.close()
    assert {"users", "threads", "steps", "elements", "feedbacks"} <= tables
    assert {"defaultOpen", "autoCollapse", "command", "modes", "icon"} <= step_columns


async def test_history_and_files_round_trip_through_the_data_layer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    chainlit_context = enter_chainlit_context(tmp_path, monkeypatch)
    storage = files.LocalStorageClient(tmp_path / "store")
    layer = persistence.make_data_layer(tmp_path, storage)
    try:
        user = await layer.create_user(User(identifier="alice"))
        assert user is not None
        thread_id = chainlit_context.session.thread_id
        await layer.update_thread(
            thread_id,
            name="Dumplings",
            user_id=user.id,
            metadata={"chat_settings": {"resolution": "720x1280"}},
        )
        step = Step(
            name="Micro Film Studio",
            type="assistant_message",  # type: ignore[arg-type]
            thread_id=thread_id,
        )
        step.output = "Version 1 is ready"
        await layer.create_step(step.to_dict())
        film = tmp_path / "film.mp4"
        film.write_bytes(b"\x00\x00\x00\x18ftypmp42 film bytes")
        element = File(
            name="film.mp4", path=str(film), thread_id=thread_id, for_id=step.id, mime="video/mp4"
        )
        await layer.create_element(element)

        thread = await layer.get_thread(thread_id)
        assert thread is not None and thread["name"] == "Dumplings"
        assert [s["output"] for s in thread["steps"]] == ["Version 1 is ready"]
        [stored] = thread["elements"] or []
        assert stored["url"] == f"/studio-files/{user.id}/{element.id}/film.mp4"
        assert storage.path_for(str(stored["objectKey"])).read_bytes() == film.read_bytes()
        listed = await layer.get_all_user_threads(user_id=user.id)
        assert listed is not None and [t["id"] for t in listed] == [thread_id]
        await layer.delete_thread(thread_id)
        assert not storage.path_for(str(stored["objectKey"])).exists()
    finally:
        await layer.engine.dispose()


def test_storage_keys_cannot_leave_the_storage_folder(tmp_path: Path) -> None:
    storage = files.LocalStorageClient(tmp_path)
    assert files.safe_key("u1/e1/最后一个.pdf") == "u1/e1/file.pdf"
    assert storage.path_for("../../etc/passwd").is_relative_to(tmp_path)
    assert storage.path_for("u1/../../x").is_relative_to(tmp_path)
    with pytest.raises(UnsafePathError):
        files.safe_key("../..")


class _Who:
    def __init__(self, user_id: str | None) -> None:
        self.id = user_id


def test_file_route_serves_a_user_their_own_files_only(tmp_path: Path) -> None:
    storage = files.LocalStorageClient(tmp_path)
    (tmp_path / "u1" / "e1").mkdir(parents=True)
    (tmp_path / "u1" / "e1" / "film.mp4").write_bytes(b"0123456789")
    (tmp_path / "u2" / "e2").mkdir(parents=True)
    (tmp_path / "u2" / "e2" / "film.mp4").write_bytes(b"theirs")

    def current_user(request: Request) -> _Who | None:
        who = request.headers.get("x-user")
        if who is None:
            raise HTTPException(status_code=401)
        return _Who(who or None)

    app = FastAPI()

    @app.get("/{full_path:path}")
    async def catch_all() -> str:  # stands in for Chainlit's page route
        return "page"

    files.add_file_route(app, storage, current_user)
    client = TestClient(app)
    ok = client.get("/studio-files/u1/e1/film.mp4", headers={"x-user": "u1"})
    assert ok.status_code == 200 and ok.content == b"0123456789"
    assert ok.headers["content-type"] == "video/mp4"
    ranged = client.get(
        "/studio-files/u1/e1/film.mp4", headers={"x-user": "u1", "range": "bytes=2-5"}
    )
    assert ranged.status_code == 206 and ranged.content == b"2345"
    assert client.get("/studio-files/u2/e2/film.mp4", headers={"x-user": "u1"}).status_code == 404
    assert client.get("/studio-files/u1/e1/film.mp4").status_code == 401
    assert client.get("/studio-files/u1/e1/film.mp4", headers={"x-user": ""}).status_code == 401
    sneaky = client.get("/studio-files/u1/..%2F..%2Fu2/e2/film.mp4", headers={"x-user": "u1"})
    assert sneaky.status_code == 404


# --- settings -------------------------------------------------------------------------------


def test_settings_from_the_browser_are_checked(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("MICROFILM_RESOLUTION", raising=False)
    monkeypatch.delenv("MICROFILM_TARGET_SECONDS", raising=False)
    values = settings.clean(
        {
            "resolution": "720x1280",
            "target_seconds": 9999,
            "language": "zh",
            "render_backend": "no-such",
            "model": " m1 ",
        }
    )
    assert values["resolution"] == "720x1280" and values["language"] == "zh"
    assert values["target_seconds"] == 600 and values["render_backend"] == "local"
    assert values["model"] == "m1"
    bad = settings.clean({"resolution": "1x1", "target_seconds": "abc", "language": "fr"})
    assert bad["resolution"] == "1080x1920" and bad["target_seconds"] == 120
    assert bad["language"] == "auto"
    context = settings.context_for_turn({"target_seconds": 30}, tmp_path / "p")
    assert context.target_seconds == 30 and context.project_dir == str(tmp_path / "p")
    panel = settings.widgets({"resolution": "720x1280"}, "Using a test model.")
    assert [w.id for w in panel] == [
        "model",
        "render_backend",
        "resolution",
        "target_seconds",
        "language",
        "budget",
    ]
    assert panel[2].initial == "720x1280" and "test model" in (panel[0].description or "")
    assert settings.clean({"budget": "2.5"})["budget"] == 2.5
    assert [settings.clean({"budget": v})["budget"] for v in ("-1", "nan", "lots", 1e9)] == [0] * 4
    assert settings.context_for_turn({"budget": 3}, tmp_path / "p").budget == 3


# --- what the chat shows --------------------------------------------------------------------


def _screenplay(language: str = "en") -> Screenplay:
    return Screenplay(
        title="The *Last* Dumpling",
        logline="A boy learns # his grandma's recipe.",
        genre=Genre.TOUCHING_FAMILY,
        language=language,  # type: ignore[arg-type]
        theme="love that travels",
        characters=[CharacterProfile(name="Ming", role="grandson", look="18")],
        scenes=[
            Scene(
                number=1,
                place="Kitchen",
                time_of_day="NIGHT",
                action=["Flour everywhere."],
                duration_s=20,
                dialogue=[DialogueLine(speaker="Ming", text="One more.", parenthetical="softly")],
            )
        ],
    )


def test_screenplay_reads_like_a_screenplay_and_escapes_model_text() -> None:
    text = render.screenplay_markdown(_screenplay())
    assert text.startswith("## The \\*Last\\* Dumpling")
    assert "A boy learns \\# his grandma's recipe." in text
    assert "### 1. INT. KITCHEN - NIGHT (0:20)" in text
    assert "> **MING** *(softly)*" in text and "> One more." in text
    assert "Touching Family (温情亲情)" in text
    chinese = render.screenplay_markdown(_screenplay("zh"))
    assert "**类型** 温情亲情（Touching Family）" in chinese


def test_download_names_stay_plain() -> None:
    assert render.download_name(Path("/x/最后的饺子.zip"), "bundle") == "bundle.zip"
    assert render.download_name(Path("/x/last-dumpling.fountain"), "s") == "last-dumpling.fountain"


def test_step_summaries_pick_the_useful_fields() -> None:
    from langchain_core.messages import AIMessage, HumanMessage

    state = {
        "messages": [HumanMessage("a film about dumplings")],
        "genre": "touching-family",
        "project": {
            "current": 1,
            "versions": [{"number": 1, "screenplay": {"title": "T", "scenes": [{}, {}]}}],
        },
    }
    summary = summaries.summarize_input("write_logline", state)
    assert "message: a film about dumplings" in summary
    assert "genre: touching-family" in summary and 'version 1: "T", 2 scenes' in summary
    render_task = {
        "scene_number": 2,
        "total": 3,
        "settings": {"width": 720, "height": 1280, "backend": "local"},
    }
    assert "scene: 2 of 3" in summaries.summarize_input("render_scene", render_task)
    assert summaries.step_title("render_scene", render_task) == "Scene 2 render"
    out = summaries.summarize_output(
        {
            "messages": [AIMessage("Done!")],
            "scene_results": [
                {"scene": 1, "path": "/p/s1.mp4", "duration_s": 4, "cached": True, "error": None}
            ],
        }
    )
    assert "reply: Done!" in out and "scene 1: s1.mp4, 4.0 s, cached" in out
    assert summaries.step_type("render_scene") == "tool"
    assert summaries.step_type("write_scenes") == "run"


def test_genre_buttons_put_the_recommendation_first() -> None:
    payload = {
        "type": "choose_genre",
        "question": "Which genre should this film be? I recommend Youth Romance "
        "(青春爱情): two rivals, one stuck lift.",
        "recommended": "youth-romance",
        "options": [
            {"genre": g.value, "label": g.label("en"), "pitch": f"as {g.value}"} for g in Genre
        ],
    }
    assert genres.is_genre_question(payload)
    actions = genres.genre_actions(payload)
    assert len(actions) == 6
    assert actions[0].payload == {"genre": "youth-romance"}
    assert actions[0].label.startswith("★ ") and actions[0].icon == "star"
    assert all(a.name == genres.ACTION_NAME for a in actions)
    text = genres.question_markdown(payload)
    assert "**Youth Romance (青春爱情)** ★: as youth-romance" in text
    assert "you choose" in text
    chinese = genres.question_markdown(
        {**payload, "question": "这部片子用哪种类型？我推荐青春爱情（Youth Romance）。"}
    )
    assert "你来选" in chinese and genres.payload_language(payload) == "en"

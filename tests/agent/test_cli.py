"""The ``microfilm`` CLI: bad input fails once and cleanly; draft and chat work end to end."""

from __future__ import annotations

from pathlib import Path

import pytest
from fake_backend import CROP_ERROR, FailingBackend, install
from fakes import ScriptedChatModel, Studio

from agent import cli
from film.screenplay import Genre


@pytest.fixture
def fake_studio(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Studio:
    """Patches the model and retrieval the CLI will use (Studio installs both)."""
    return Studio(monkeypatch, tmp_path)


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("idea", ["", "   \t  "])
def test_empty_idea(capsys, tmp_path: Path, idea: str) -> None:
    code, out, err = _run(capsys, "draft", idea, "--out", str(tmp_path / "film"))
    assert code == 2
    assert err.strip() == "error: The idea is empty: describe your film in a sentence or two."
    assert _leftovers(tmp_path) == []


def test_unknown_genre_lists_the_valid_ones(capsys, tmp_path: Path) -> None:
    code, _, err = _run(
        capsys, "draft", "a cat detective", "--genre", "horror", "--out", str(tmp_path / "film")
    )
    assert code == 2 and err.count("error:") == 1
    assert all(g.value in err for g in Genre)
    assert _leftovers(tmp_path) == []


def test_unwritable_output_folder(capsys, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    code, _, err = _run(capsys, "draft", "a cat detective", "--out", str(blocker / "film"))
    assert code == 2 and err.count("error:") == 1 and "Cannot write to" in err
    assert _leftovers(tmp_path) == ["not-a-folder"]


def test_output_path_that_is_a_file(capsys, tmp_path: Path) -> None:
    target = tmp_path / "film"
    target.write_text("keep me")
    code, _, err = _run(capsys, "draft", "a cat detective", "--out", str(target))
    assert code == 2 and "not a folder" in err
    assert target.read_text() == "keep me"


def test_bad_resolution_and_length(capsys, tmp_path: Path) -> None:
    code, _, err = _run(
        capsys, "draft", "a cat", "--out", str(tmp_path / "f"), "--resolution", "1920x1080"
    )
    assert code == 2 and "9:16" in err
    code, _, err = _run(capsys, "draft", "a cat", "--out", str(tmp_path / "f"), "--seconds", "900")
    assert code == 2 and "between 20 and 600" in err
    assert _leftovers(tmp_path) == []


def test_garbage_model_fails_once_and_leaves_nothing(capsys, monkeypatch, tmp_path: Path) -> None:
    studio = Studio(monkeypatch, tmp_path / "studio", ScriptedChatModel(every_call="<html>"))
    out_root = tmp_path / "outputs"
    out_root.mkdir()
    code, out, err = _run(
        capsys,
        "draft",
        "a cat detective",
        "--genre",
        "grassroots-spoof",
        "--out",
        str(out_root / "film"),
    )
    assert code == 1
    assert err.count("error:") == 1 and "didn't make sense" in err
    assert err.count("didn't make sense") == 1
    assert out == "" and _leftovers(out_root) == []
    assert studio.model.calls  # the model really was asked


def test_draft_writes_the_deliverables(capsys, fake_studio: Studio, tmp_path: Path) -> None:
    out_root = tmp_path / "outputs"
    code, out, err = _run(
        capsys,
        "draft",
        "a grandma teaches her grandson dumplings",
        "--genre",
        "touching-family",
        "--seconds",
        "30",
        "--resolution",
        "180x320",
        "--out",
        str(out_root / "film"),
    )
    assert code == 0, err
    assert "Model:" in err and "[logline" in err and "[render" in err
    names = set(_leftovers(out_root / "film"))
    assert {
        "screenplay.fountain",
        "screenplay.json",
        "film.mp4",
        "cover.png",
        "subtitles.srt",
    } <= names
    assert _leftovers(out_root) == ["film"]  # the temporary folder is gone
    assert sorted(Path(p).name for p in out.split()) == sorted(names)
    (edit,) = [out_root / "film" / n for n in names if n.endswith("-edit")]  # for editors
    assert (edit / "draft_content.json").is_file() and list(edit.glob("*.otio"))
    assert {g for _, g in fake_studio.searches} == {"touching-family", "all"}


def test_chat_answers_by_number_and_resumes_a_thread(
    capsys, monkeypatch, fake_studio: Studio, tmp_path: Path
) -> None:
    db = str(tmp_path / "chat.sqlite")
    answers: list[str] = []

    def typed(prompt: str = "") -> str:
        if not answers:
            raise EOFError
        return answers.pop(0)

    monkeypatch.setattr("builtins.input", typed)
    answers[:] = ["a grandma teaches her grandson dumplings", "2", "/quit"]
    code, out, _ = _run(capsys, "chat", "--db", db, "--thread", "abc")
    assert code == 0
    assert "1. Grassroots Spoof" in out and "Answer with a number" in out
    assert "Genre: Youth Romance" in out and "Version 1 is ready" in out

    answers[:] = ["new film: a fox who wants to fly over the city", "/quit"]
    code, out, _ = _run(capsys, "chat", "--db", db, "--thread", "abc")
    assert code == 0 and "Which genre should this film be?" in out
    # EOF ends the loop; a new process would show the pending question again
    code, out, _ = _run(capsys, "chat", "--db", db, "--thread", "abc")
    assert code == 0 and "Which genre should this film be?" in out


def _draft_failing(capsys, out: Path, *extra: str) -> tuple[int, str, str]:
    return _run(
        capsys,
        "draft",
        "a grandma teaches her grandson dumplings",
        "--genre",
        "touching-family",
        "--seconds",
        "20",
        "--resolution",
        "180x320",
        "--backend",
        "failing",
        "--out",
        str(out),
        *extra,
    )


def test_a_scene_that_fails_to_render_fails_the_draft_and_names_it(
    capsys, monkeypatch, fake_studio: Studio, tmp_path: Path
) -> None:
    install(monkeypatch, FailingBackend({2: 99}))
    out_root = tmp_path / "outputs"
    code, out, err = _draft_failing(capsys, out_root / "film")
    assert code == 1, err
    assert err.count("error:") == 1 and "影片完成" not in err and "film is ready" not in err
    assert f"error: The film is not finished: scene 2 could not be rendered ({CROP_ERROR})" in err
    assert f"[scene 2] failed: {CROP_ERROR}" in err
    assert "--allow-missing-scenes" in err
    assert out == ""
    names = set(_leftovers(out_root / "film"))
    assert names == {"screenplay.fountain", "screenplay.json", "screenplay.pdf"}, (
        "the screenplay is kept; no film that lacks a scene is delivered"
    )
    assert _leftovers(out_root) == ["film"]


def test_allowing_missing_scenes_makes_the_film_without_them(
    capsys, monkeypatch, fake_studio: Studio, tmp_path: Path
) -> None:
    install(monkeypatch, FailingBackend({2: 99}))
    out_root = tmp_path / "outputs"
    code, out, err = _draft_failing(capsys, out_root / "film", "--allow-missing-scenes")
    assert code == 0, err
    assert "The film is ready without scene 2, as you chose" in err
    assert "film.mp4" in _leftovers(out_root / "film")
    assert str(out_root / "film" / "film.mp4") in out.split()

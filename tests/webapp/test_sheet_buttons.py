"""The character-sheet question in the browser: images from the thread's folder, one button each."""

from __future__ import annotations

from pathlib import Path

from PIL import Image

from agent.production.sheets import sheet_payload
from tools.backends.keyframes.sheets import CharacterSheet
from webapp.questions import sheets as ask


def _payload(folder: Path, language: str = "en") -> dict:
    sheets = []
    for name in ("Mia", "外婆"):
        path = folder / f"{name}.png"
        Image.new("RGB", (30, 20), (200, 10, 10)).save(path)
        sheets.append(CharacterSheet(name, path, "k" * 64, 1, False))
    return sheet_payload(sheets, "The <b>Last</b> Bus", language)


def test_buttons_approve_regenerate_each_character_and_stop(tmp_path: Path) -> None:
    payload = _payload(tmp_path)
    assert ask.is_sheet_question(payload) and not ask.is_sheet_question({"type": "confirm_cost"})
    actions = ask.sheet_actions(payload)
    assert [a.label for a in actions] == ["Approve", "Regenerate Mia", "Regenerate 外婆", "Stop"]
    assert all(a.name == ask.ACTION_NAME for a in actions)
    answers = [ask.sheet_answer(a.payload) for a in actions]
    assert answers == [
        {"approve": True},
        {"regenerate": "Mia"},
        {"regenerate": "外婆"},
        {"approve": False},
    ]
    chinese = ask.sheet_actions(_payload(tmp_path, "zh"))
    assert [a.label for a in chinese] == ["通过", "重画Mia", "重画外婆", "停止"]


def test_sheets_are_shown_only_from_the_threads_folder(tmp_path: Path) -> None:
    folder = tmp_path / "project"
    folder.mkdir()
    payload = _payload(folder)
    shown = ask.shown_sheets(payload, folder)
    assert shown == [("Mia (1)", folder / "Mia.png"), ("外婆 (1)", folder / "外婆.png")]
    assert ask.shown_sheets(payload, tmp_path / "someone-else") == []
    assert ask.shown_sheets(payload, None) == []
    text = ask.sheet_markdown(payload)
    assert "&lt;b&gt;Last&lt;/b&gt;" in text and "- Mia (take 1)" in text
    assert str(folder) not in text, "no server paths in the chat"

"""Cross-talk in the chats and the files: every conversation sees and keeps its own film only.

The chat side is judged turn by turn (:class:`bench.load.client.TurnRecord.foreign`) and
once more over each whole chat when it closes (:func:`chat_problems`: a message that
arrives after its turn ended counts too). :func:`file_problems` reads what the studio
left on disk under ``MICROFILM_HOME`` after the run:

- each conversation's project folder (``projects/<user>/<thread>``, the folder the app
  itself computes) has the screenplay text files with its own hero and no other;
- no project folder exists that no conversation of the run owns;
- the chat's copies of the files (``chainlit-files/<user id>/...``) of one login show
  only that login's heroes.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from pathlib import Path

from bench.load.script import names_in
from bench.load.users import Chat
from film.paths import project_dir

TEXT_SUFFIXES = (".json", ".fountain", ".srt", ".txt")


def _text(path: Path) -> str:
    """The file's words; JSON decoded, so names written as ``\\uXXXX`` escapes count too."""
    text = path.read_text(encoding="utf-8", errors="replace")
    if path.suffix == ".json":
        try:
            return json.dumps(json.loads(text), ensure_ascii=False)
        except ValueError:
            return text
    return text


def _texts(folder: Path) -> str:
    return "\n".join(
        _text(path)
        for path in sorted(folder.rglob("*"))
        if path.is_file() and path.suffix in TEXT_SUFFIXES
    )


def chat_problems(chats: Iterable[Chat], seen_in_turns: Mapping[str, set[str]]) -> list[str]:
    """Other conversations' names a chat showed outside its turns (a late message).

    Args:
        chats: Every conversation of the run.
        seen_in_turns: Conversation name -> foreign names its turns already reported.
    """
    problems = []
    for chat in chats:
        late = chat.foreign - seen_in_turns.get(chat.name, set())
        if late:
            problems.append(
                f"{chat.user}'s chat for {chat.name} later showed {', '.join(sorted(late))}"
            )
    return problems


def file_problems(home: Path, chats: Iterable[Chat], drafted: set[str]) -> list[str]:
    """Every way the files on disk mix conversations up; empty when they do not.

    Args:
        home: The studio's MICROFILM_HOME.
        chats: Every conversation of the run.
        drafted: Names of the conversations whose screenplay was written (their folder
            must hold it).
    """
    chats = [chat for chat in chats if chat.thread_id]
    problems: list[str] = []
    owned: set[Path] = set()
    for chat in chats:
        assert chat.thread_id is not None
        folder = project_dir(user=chat.user, thread=chat.thread_id, home=home)
        owned.add(folder.resolve())
        found = names_in(_texts(folder)) if folder.is_dir() else set()
        if found - {chat.name}:
            others = ", ".join(sorted(found - {chat.name}))
            problems.append(f"{chat.user}'s folder for {chat.name} holds {others}")
        if chat.name in drafted and chat.name not in found:
            problems.append(f"{chat.user}'s folder for {chat.name} lacks its screenplay")
    projects = home / "projects"
    for folder in sorted(projects.glob("*/*")) if projects.is_dir() else []:
        if folder.is_dir() and folder.resolve() not in owned:
            problems.append(f"a project folder no conversation owns: {folder.relative_to(home)}")
    owner = {chat.name: chat.user for chat in chats}
    storage = home / "chainlit-files"
    for user_folder in sorted(storage.iterdir()) if storage.is_dir() else []:
        logins = {owner.get(name, f"unknown {name}") for name in names_in(_texts(user_folder))}
        if len(logins) > 1:
            problems.append(f"chat files of one login show {', '.join(sorted(logins))}")
    return problems

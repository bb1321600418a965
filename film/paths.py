"""Where studio files live, and how names from user text become safe paths.

Every path that is derived from user text (a film title, a login, a requested file name)
goes through :func:`safe_slug` and :func:`resolve_inside`, so nothing a user types can point
outside the project folder. :func:`project_dir` is the one place that decides which folder
a conversation writes to, for the web app, the CLI and every graph node alike.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import stat
import tempfile
import unicodedata
from collections.abc import Iterator
from pathlib import Path

from film.language import IDEOGRAPHS

_SLUG_DROP = re.compile(rf"[^\w{IDEOGRAPHS}-]+", re.UNICODE)


class UnsafePathError(ValueError):
    """A requested path would leave the folder it must stay in."""


PRIVATE_DIR_MODE = 0o700
PRIVATE_FILE_MODE = 0o600
SQLITE_COMPANIONS = ("-wal", "-shm", "-journal")
"""The files SQLite keeps beside a database; it creates them with the database's own mode."""


def data_dir() -> Path:
    """The studio's data folder (index, checkpoints, projects); ``MICROFILM_HOME`` moves it.

    It holds every user's chat history, films and logins, so it is private to the user
    running the studio (0700), and a folder left wider by an older version is narrowed.
    """
    root = Path(os.environ.get("MICROFILM_HOME", "data")).expanduser().resolve()
    return private_dir(root)


def _narrow(path: Path, mode: int) -> None:
    """Take away every permission bit outside ``mode`` from our own ``path``, if it exists.

    A path owned by someone else is left alone: we could not change it, and it is theirs.
    """
    try:
        current = path.stat()
    except FileNotFoundError:
        return
    bits = stat.S_IMODE(current.st_mode)
    if current.st_uid == os.getuid() and bits & ~mode:
        os.chmod(path, bits & mode)


def private_dir(path: Path) -> Path:
    """``path`` as a folder only its owner may enter: created 0700, or narrowed to it.

    ``mkdir``'s mode is applied under the umask, which can only take bits away, so the
    folder is never open to others, not even for a moment.
    """
    path.mkdir(mode=PRIVATE_DIR_MODE, parents=True, exist_ok=True)
    _narrow(path, PRIVATE_DIR_MODE)
    return path


def private_file(path: Path, *companions: str) -> Path:
    """Make sure ``path`` exists readable by its owner only (0600), created so.

    The file is created empty with ``os.open(..., 0o600)`` before anyone writes to it (an
    empty file is a valid empty SQLite database), so it never exists with wider modes; an
    existing one, and any ``companions`` (suffixes such as SQLite's ``-wal``), are narrowed.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE))
    except FileExistsError:
        _narrow(path, PRIVATE_FILE_MODE)
    for suffix in companions:
        _narrow(path.with_name(path.name + suffix), PRIVATE_FILE_MODE)
    return path


def private_database(path: Path) -> Path:
    """A SQLite database file that only its owner can read, with its journal files."""
    return private_file(path, *SQLITE_COMPANIONS)


def safe_slug(text: str, *, fallback: str = "film", max_length: int = 48) -> str:
    """A file-system-safe name: letters, digits, CJK and hyphens only, never empty.

    Path separators, dots and control characters are dropped, so the result can never be
    ``..`` or an absolute path.
    """
    normal = unicodedata.normalize("NFKC", text).strip().lower()
    slug = _SLUG_DROP.sub("-", normal).replace("_", "-")
    slug = re.sub(r"-{2,}", "-", slug).strip("-")[:max_length].strip("-")
    return slug or fallback


def resolve_inside(root: Path, *parts: str | os.PathLike[str]) -> Path:
    """Join ``parts`` under ``root`` and refuse any result that escapes it.

    Raises:
        UnsafePathError: when the resolved path is not inside ``root``.
    """
    base = Path(root).resolve()
    target = base.joinpath(*parts).resolve()
    if target != base and not target.is_relative_to(base):
        raise UnsafePathError(f"Refusing a path outside the project folder: {target}")
    return target


def user_slug(identifier: str) -> str:
    """A folder name for a login that is safe on disk and unique per exact name.

    The slug alone would give "Alice" and "alice" one folder; a short hash of the exact
    name keeps them apart.
    """
    digest = hashlib.sha256(identifier.encode("utf-8")).hexdigest()[:8]
    return f"{safe_slug(identifier, fallback='user', max_length=32)}-{digest}"


def project_dir(
    *,
    chosen: str | os.PathLike[str] | None = None,
    remembered: str | os.PathLike[str] | None = None,
    user: str | None = None,
    thread: str = "",
    name: str = "",
    home: Path | None = None,
) -> Path:
    """The folder one conversation's files go to (not created here).

    The first that applies wins:

    1. ``chosen``: the folder the app picked for this turn (the web app passes its
       per-user folder, the CLI its ``--out``).
    2. ``remembered``: the folder an earlier turn of the conversation wrote to.
    3. ``user``: ``<home>/projects/<user slug>/<thread slug>``, one folder per login and
       conversation, so one user can never be shown another's files.
    4. Otherwise ``<home>/projects/<name slug>-<thread hash>``, from the film's title or
       slug; outside a conversation thread, just ``<name slug>``.

    ``home`` defaults to :func:`data_dir`.
    """
    for given in (chosen, remembered):
        if given:
            return Path(given).expanduser().resolve()
    root = (home or data_dir()) / "projects"
    if user is not None:
        return resolve_inside(
            root, user_slug(user), safe_slug(thread, fallback="thread", max_length=64)
        )
    folder = safe_slug(name or "film", max_length=40)
    if thread:
        folder += "-" + hashlib.sha1(thread.encode("utf-8")).hexdigest()[:8]
    return resolve_inside(root, folder)


@contextlib.contextmanager
def atomic_output(path: Path) -> Iterator[Path]:
    """Yield a temporary sibling of ``path``; move it into place only if the block succeeds.

    Readers never see a half-written file, and a failure leaves no debris behind.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(
        prefix=f".{path.stem}.", suffix=path.suffix or ".tmp", dir=path.parent
    )
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def atomic_write_text(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` atomically (UTF-8)."""
    with atomic_output(path) as tmp:
        tmp.write_text(text, encoding="utf-8")


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically."""
    with atomic_output(path) as tmp:
        tmp.write_bytes(data)

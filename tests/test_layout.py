"""The house rules a newcomer relies on: small folders, small modules, no prefix-folders.

import-linter (``python3 dev.py lint``) guards the direction of imports between packages;
these tests guard the shape of the tree, so the room for a change stays guessable.
"""

from __future__ import annotations

import ast
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("film", "agent", "tools", "knowledge", "webapp")
MAX_MODULES_PER_FOLDER = 15
MAX_LINES_PER_MODULE = 320  # "about 300": a little slack, never a second module's worth


def _modules() -> list[Path]:
    return [p for package in PACKAGES for p in (ROOT / package).rglob("*.py")]


def test_every_folder_holds_at_most_fifteen_modules() -> None:
    counts = Counter(
        p.parent.relative_to(ROOT).as_posix() for p in _modules() if p.name != "__init__.py"
    )
    crowded = {folder: n for folder, n in counts.items() if n > MAX_MODULES_PER_FOLDER}
    assert not crowded, f"split these folders by concern: {crowded}"


def test_no_module_is_much_over_three_hundred_lines() -> None:
    long = {
        p.relative_to(ROOT).as_posix(): n
        for p in _modules()
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES_PER_MODULE
    }
    assert not long, f"split these modules: {long}"


def test_no_file_name_prefix_stands_in_for_a_folder() -> None:
    """Three or more siblings named ``thing_*.py`` are a ``thing/`` package in disguise."""
    prefixes = Counter(
        (p.parent.relative_to(ROOT).as_posix(), p.stem.split("_", 1)[0])
        for p in _modules()
        if "_" in p.stem.strip("_")
    )
    disguised = {f"{folder}/{prefix}_*": n for (folder, prefix), n in prefixes.items() if n >= 3}
    assert not disguised, f"make these packages: {disguised}"


LOWER_LAYERS = {
    "film": ("agent", "tools", "knowledge", "webapp", "app"),
    "tools": ("agent", "knowledge", "webapp", "app"),
    "knowledge": ("agent", "tools", "webapp", "app"),
}
"""What each lower package must never import. import-linter checks the same layers in CI;
this also covers ``app`` (a module, which import-linter cannot take as a root)."""


def _absolute_imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
    return names


@pytest.mark.parametrize("package", sorted(LOWER_LAYERS))
def test_lower_layers_import_nothing_from_above(package: str) -> None:
    """film/ imports nothing of ours; tools/ and knowledge/ import only film/ (and themselves)."""
    above = LOWER_LAYERS[package]
    offenders = {
        f"{path.relative_to(ROOT)}: {name}"
        for path in (ROOT / package).rglob("*.py")
        for name in _absolute_imports(path)
        if name.split(".")[0] in above
    }
    assert not offenders

"""Shared fixtures; the helpers behind them live in :mod:`media_kit`.

(Test modules import helpers from ``media_kit``, never from ``conftest``: the browser tests
have a conftest of their own and the two would shadow each other.)
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from media_kit import chinese_film, english_film, ffprobe_exe, probe

from film.screenplay import Screenplay


@pytest.fixture
def english_screenplay() -> Screenplay:
    """A fresh copy of :func:`english_film` (tests may edit it)."""
    return english_film()


@pytest.fixture
def chinese_screenplay() -> Screenplay:
    """A fresh copy of :func:`chinese_film`."""
    return chinese_film()


@pytest.fixture
def ffprobe() -> Callable[[Path], dict[str, Any]]:
    """:func:`probe`, as a fixture for tests that prefer injection."""
    ffprobe_exe()
    return probe

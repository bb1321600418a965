"""The real guideline index, built offline once per test module in a data folder of its own."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

import knowledge
from knowledge.index import close_all


@contextmanager
def guideline_home(factory: pytest.TempPathFactory, name: str) -> Iterator[Path]:
    """A ``MICROFILM_HOME`` holding the built guideline index, closed again afterwards."""
    folder = factory.mktemp(name)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("MICROFILM_HOME", str(folder))
        patch.delenv("CHROMA_HOST", raising=False)
        knowledge.ensure_index(log=lambda _: None)
        yield folder
    close_all()

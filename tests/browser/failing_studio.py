"""The studio app with a scripted model and a backend that fails scene 2 once per film.

Run as ``python tests/browser/failing_studio.py [chainlit run options]``: it installs the
fakes in this process, then runs ``chainlit run app.py`` exactly as the studio starts, so
the browser test drives the real app, graph and render pipeline through one honest scene
failure (:class:`fake_backend.FailingBackend` under the name ``local``) and a retry (with
``MICROFILM_TEST_FAILING_SCENE=0`` the real offline renderer draws every scene). The
scripted model (:class:`fakes.ScriptedChatModel`) drafts in an instant, and retrieval
answers from a stub, so the test spends its time on what it checks.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from types import SimpleNamespace
from typing import Any

TESTS = Path(__file__).resolve().parents[1]
ROOT = TESTS.parent
FAILED_SCENE = 2


def _passages(
    query: str,
    genre: str | None = None,
    topic: str | None = None,
    k: int = 4,
    language: str | None = None,
) -> Any:
    passage = SimpleNamespace(
        text="Keep a micro film to one clear turn.",
        source=f"genre-{genre or 'all'}.md",
        heading="Structure",
        genre=genre,
        topic=topic,
        score=0.9,
    )
    return [passage][:k]


def main() -> int:
    """Install the fakes, then hand over to Chainlit's command line."""
    sys.path[:0] = [str(TESTS), str(ROOT)]  # the imports below need both folders
    from chainlit.cli import cli
    from fake_backend import FailingBackend
    from fakes import ScriptedChatModel

    import agent.model.providers
    import knowledge
    from tools.backends.base import register_backend

    model = ScriptedChatModel()
    agent.model.providers.load_chat_model = lambda context=None: model  # type: ignore[assignment]
    knowledge.search_guidelines = _passages  # type: ignore[attr-defined]
    knowledge.ensure_index = lambda log=None: None  # type: ignore[attr-defined]
    if os.environ.get("MICROFILM_TEST_FAILING_SCENE", str(FAILED_SCENE)) != "0":
        backend = FailingBackend({FAILED_SCENE: 1}, per_film=True)
        register_backend("local", lambda: backend)
    cli.main(args=["run", "app.py", *sys.argv[1:]], prog_name="chainlit")
    return 0


if __name__ == "__main__":
    sys.exit(main())

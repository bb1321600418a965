"""A creative revision with the real embedded model (the offline default, CPU, slow)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from agent.context import Context
from agent.model.local_server import stop_shared_server
from agent.revision.creative import creative_targets, rewrite_scenes
from agent.revision.parse import parse_revision
from film.form import estimate_scene_seconds
from film.screenplay import Screenplay

pytestmark = [pytest.mark.slow, pytest.mark.timeout(300)]


@pytest.fixture
def offline(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "MICROFILM_PROVIDER"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("MICROFILM_LOCAL_MAX_TOKENS", "512")
    yield
    stop_shared_server()


async def test_real_model_rewrites_only_the_named_scene(
    offline: None, english_screenplay: Screenplay
) -> None:
    request = parse_revision("make scene 2 funnier")
    assert request is not None and request.kind == "creative"
    targets = creative_targets(english_screenplay, request)
    assert targets == [1]
    result = await rewrite_scenes(english_screenplay, targets, request.text, "en", Context())
    after = result.screenplay
    assert result.scenes == [2]
    assert after.scenes[0] == english_screenplay.scenes[0]
    assert after.scenes[2] == english_screenplay.scenes[2]
    changed = after.scenes[1]
    assert changed != english_screenplay.scenes[1]
    assert changed.action or changed.dialogue
    assert (changed.place, changed.time_of_day) == ("Night bus", "NIGHT")
    assert estimate_scene_seconds(changed) > 0

"""The real embedded model: the default Qwen2.5-Coder-1.5B on llama.cpp, 127.0.0.1 (slow, CPU)."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Literal

import pytest
from langchain_core.messages import HumanMessage, SystemMessage
from pydantic import BaseModel, Field

from agent.model import providers as llm
from agent.model.local_server import stop_shared_server
from agent.model.structured import ainvoke_structured, invoke_structured

pytestmark = [pytest.mark.slow, pytest.mark.timeout(300)]


class FilmCard(BaseModel):
    """Bounded on purpose: strings, a Literal and a short list, like the drafting schemas."""

    title: str = Field(min_length=1, max_length=60)
    mood: Literal["warm", "funny", "sad", "tense"]
    places: list[str] = Field(min_length=1, max_length=3)


PROMPT = [
    SystemMessage("You are a screenwriter. Answer with the JSON object requested."),
    HumanMessage(
        "Film idea: a grandmother learns to video-call her grandson abroad. "
        "Give a title, the mood and up to three places where it happens."
    ),
]


def _gone(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return True
    return stat.rsplit(")", 1)[1].split()[0] == "Z"


@pytest.fixture
def offline(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "MICROFILM_PROVIDER"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("MICROFILM_LOCAL_MAX_TOKENS", "256")
    yield
    stop_shared_server()


async def test_real_model_answers_chat_and_valid_objects_then_stops(offline: None) -> None:
    model = llm.load_chat_model()
    assert isinstance(model, llm.EmbeddedChatModel)
    reply = model.invoke([HumanMessage("Say hello to a film maker in one short sentence.")])
    assert isinstance(reply.content, str) and reply.content.strip()

    card = invoke_structured(model, FilmCard, PROMPT)
    assert isinstance(card, FilmCard) and card.title.strip()
    card = await ainvoke_structured(model, FilmCard, PROMPT)
    assert 1 <= len(card.places) <= 3

    pid = llm.shared_server().pid
    assert pid is not None
    stop_shared_server()
    deadline = time.monotonic() + 5
    while not _gone(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _gone(pid), "the model server is still running after stop"


def test_the_server_is_stopped_when_the_studio_process_exits(tmp_path: Path) -> None:
    code = textwrap.dedent(f"""
        import json, os, sys
        sys.path.insert(0, {str(Path.cwd())!r})
        for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "MICROFILM_PROVIDER"):
            os.environ.pop(name, None)
        os.environ["MICROFILM_LOCAL_MAX_TOKENS"] = "8"
        from agent.model import providers as llm
        text = llm.load_chat_model().invoke("Hi").content
        print(json.dumps({{"pid": llm.shared_server().pid, "text": text}}))
    """)
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=240, check=True
    )
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["text"].strip()
    deadline = time.monotonic() + 5
    while not _gone(result["pid"]) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _gone(result["pid"]), "the model server outlived the studio process"

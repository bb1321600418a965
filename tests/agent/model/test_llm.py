"""Provider selection and the OpenAI-compatible path, against a fake server on 127.0.0.1."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from fake_openai import FakeOpenAI, Reply
from langchain_core.messages import HumanMessage, SystemMessage
from langchain_openai import ChatOpenAI
from pydantic import BaseModel, Field

from agent.context import Context
from agent.model import providers as llm
from agent.model.structured import (
    ModelUnavailableError,
    StructuredOutputError,
    ainvoke_structured,
    invoke_structured,
)

ENV = (
    "OPENAI_API_KEY",
    "OPENAI_BASE_URL",
    "MICROFILM_MODEL",
    "MICROFILM_PROVIDER",
    "MICROFILM_LLM_TIMEOUT_S",
    "MICROFILM_LLM_MAX_RETRIES",
    "MICROFILM_TEMPERATURE",
    "MICROFILM_LOCAL_MAX_TOKENS",
    "MICROFILM_LOCAL_MODEL",
    "MICROFILM_LOCAL_GGUF",
)


class Logline(BaseModel):
    title: str = Field(min_length=1, max_length=40)
    logline: str = Field(min_length=1, max_length=200)


VALID = json.dumps({"title": "Night Bus", "logline": "Two strangers share the last bus home."})
PROMPT = [SystemMessage("You write micro films."), HumanMessage("A logline about a bus.")]


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    for name in ENV:
        monkeypatch.delenv(name, raising=False)
    llm._remote_model.cache_clear()
    llm._discover_model.cache_clear()
    yield
    llm._remote_model.cache_clear()
    llm._discover_model.cache_clear()


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeOpenAI]:
    with FakeOpenAI() as fake:
        monkeypatch.setenv("OPENAI_BASE_URL", fake.base_url)
        monkeypatch.setenv("MICROFILM_MODEL", "fake-model")
        monkeypatch.setenv("MICROFILM_LLM_MAX_RETRIES", "0")
        yield fake


def test_nothing_set_means_the_embedded_qwen_model_and_the_notice_names_it() -> None:
    info = llm.describe_model()
    assert info.provider == "embedded" and info.is_local_fallback
    assert info.name == llm.model_name() == "Qwen2.5-Coder-1.5B-Instruct (Q4_K_M)"
    assert "SmolLM2" not in info.note and "low-memory" not in info.note
    assert "Qwen2.5-Coder-1.5B" in info.note_in("zh")


def test_nothing_set_means_the_embedded_fallback_without_starting_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("MICROFILM_LOCAL_MODEL", "smollm2")  # the low-memory choice
    info = llm.describe_model()
    assert "low-memory choice (MICROFILM_LOCAL_MODEL=smollm2)" in info.note
    assert info.provider == "embedded" and info.is_local_fallback
    assert "SmolLM2" in info.name and "draft-quality" in info.note
    assert "草稿" in info.note_in("zh")
    model = llm.load_chat_model()
    assert isinstance(model, llm.EmbeddedChatModel)
    assert model.extra_body == {"max_tokens": 1024}
    assert model.max_retries == 1 and model.request_timeout == 300.0
    assert llm.shared_server().running() is False  # lazily started on the first request


def test_api_key_alone_means_openai(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
    model = llm.load_chat_model()
    assert isinstance(model, ChatOpenAI) and not isinstance(model, llm.EmbeddedChatModel)
    assert model.model_name == llm.OPENAI_DEFAULT_MODEL and model.openai_api_base is None
    assert model.max_retries == 2 and model.request_timeout == 120.0
    info = llm.describe_model()
    assert (info.provider, info.is_local_fallback) == ("openai", False)
    assert "sk-test" not in repr(info)


def test_context_model_overrides_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
    monkeypatch.setenv("MICROFILM_MODEL", "gpt-env")
    assert llm.load_chat_model().model_name == "gpt-env"  # type: ignore[attr-defined]
    chosen = llm.load_chat_model(Context(model="gpt-context"))
    assert chosen.model_name == "gpt-context"  # type: ignore[attr-defined]


def test_provider_override_forces_the_embedded_model(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
    monkeypatch.setenv("MICROFILM_PROVIDER", "embedded")
    assert isinstance(llm.load_chat_model(), llm.EmbeddedChatModel)


def test_compatible_server_without_a_model_name_uses_the_listed_one(
    server: FakeOpenAI, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("MICROFILM_MODEL")
    server.models = ["qwen3:4b", "other"]
    info = llm.describe_model()
    assert (info.provider, info.name) == ("openai-compatible", "qwen3:4b")
    model = llm.load_chat_model()
    assert model.model_name == "qwen3:4b"  # type: ignore[attr-defined]
    assert model.openai_api_base == server.base_url  # type: ignore[attr-defined]


def test_unreachable_server_without_model_name_says_what_to_set(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with FakeOpenAI() as fake:
        url = fake.base_url
    monkeypatch.setenv("OPENAI_BASE_URL", url)  # nothing listens there any more
    with pytest.raises(ValueError, match="Set MICROFILM_MODEL"):
        llm.load_chat_model()
    assert "unknown" in llm.describe_model().name


def test_plain_chat_and_streaming_through_the_compatible_path(server: FakeOpenAI) -> None:
    server.queue("Hello from the fake model.", "Streamed reply text.")
    model = llm.load_chat_model()
    assert model.invoke("hi").content == "Hello from the fake model."
    assert "".join(str(c.content) for c in model.stream("hi")) == "Streamed reply text."
    assert server.chat_requests[0]["model"] == "fake-model"


def test_structured_answer_uses_a_forced_tool_call(server: FakeOpenAI) -> None:
    server.queue(VALID)
    result = invoke_structured(llm.load_chat_model(), Logline, PROMPT)
    assert result.title == "Night Bus"
    request = server.chat_requests[0]
    assert request["tool_choice"]["function"]["name"] == "Logline"
    assert request["tools"][0]["function"]["parameters"]["properties"]["title"]["maxLength"] == 40


def test_malformed_json_then_valid_succeeds(server: FakeOpenAI) -> None:
    server.queue('{"title": "Night Bus", "logline": ', VALID)
    result = invoke_structured(llm.load_chat_model(), Logline, PROMPT)
    assert result.logline.startswith("Two strangers")
    feedback = server.chat_requests[1]["messages"][-1]["content"]
    assert "cannot be used" in feedback and "Logline" in feedback


def test_always_malformed_gives_structured_output_error(server: FakeOpenAI) -> None:
    server.queue('{"title": ""}', '{"title": ""}')
    with pytest.raises(StructuredOutputError, match="valid Logline .2 answers tried"):
        invoke_structured(llm.load_chat_model(), Logline, PROMPT, attempts=2)


def test_timeout_becomes_model_unavailable(
    server: FakeOpenAI, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MICROFILM_LLM_TIMEOUT_S", "0.3")
    server.queue(Reply(VALID, delay_s=3))
    with pytest.raises(ModelUnavailableError, match="did not answer in time") as caught:
        invoke_structured(llm.load_chat_model(), Logline, PROMPT)
    assert caught.value.transient


def test_server_error_becomes_model_unavailable(server: FakeOpenAI) -> None:
    server.queue(Reply(status=500))
    with pytest.raises(ModelUnavailableError, match=r"server error \(HTTP 500\)"):
        invoke_structured(llm.load_chat_model(), Logline, PROMPT)


def test_server_error_is_retried_by_the_client(
    server: FakeOpenAI, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MICROFILM_LLM_MAX_RETRIES", "1")
    server.queue(Reply(status=500), VALID)
    assert invoke_structured(llm.load_chat_model(), Logline, PROMPT).title == "Night Bus"
    assert len(server.chat_requests) == 2


def test_rejected_key_is_not_transient(server: FakeOpenAI) -> None:
    server.queue(Reply("bad key", status=401))
    with pytest.raises(ModelUnavailableError, match="OPENAI_API_KEY") as caught:
        invoke_structured(llm.load_chat_model(), Logline, PROMPT)
    assert caught.value.transient is False


def test_server_without_tools_falls_back_to_json_text(server: FakeOpenAI) -> None:
    server.queue(Reply("tools are not supported", status=400), Reply(VALID, as_tool=False))
    assert invoke_structured(llm.load_chat_model(), Logline, PROMPT).title == "Night Bus"
    second = server.chat_requests[1]
    assert "tools" not in second
    assert "Reply with ONE JSON object" in second["messages"][-1]["content"]


async def test_async_structured_call_through_the_fake_server(server: FakeOpenAI) -> None:
    server.queue("not json at all", VALID)
    result = await ainvoke_structured(llm.load_chat_model(), Logline, PROMPT)
    assert result.title == "Night Bus" and len(server.chat_requests) == 2

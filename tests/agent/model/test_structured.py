"""invoke_structured with scripted chat models: repair, retry, feedback and clear failures."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any, Literal

import httpx
import pytest
from langchain_core.language_models import BaseChatModel, LanguageModelInput
from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, SystemMessage
from langchain_core.outputs import ChatGeneration, ChatResult
from langchain_core.runnables import Runnable, RunnableLambda
from pydantic import BaseModel, Field

from agent.drafting.schemas import outline_schema, scene_schema
from agent.model.json_repair import describe_schema, extract_json_object, skeleton
from agent.model.structured import (
    ModelUnavailableError,
    StructuredOutputError,
    ainvoke_structured,
    choose_strategy,
    invoke_structured,
)


class Beat(BaseModel):
    place: str = Field(min_length=1, max_length=40)
    mood: Literal["warm", "tense"] = "warm"


class Pitch(BaseModel):
    title: str = Field(min_length=1, max_length=30)
    minutes: int = Field(ge=1, le=10)
    beats: list[Beat] = Field(default_factory=list, max_length=3)


VALID = '{"title": "The Last Dumpling", "minutes": 3, "beats": [{"place": "kitchen"}]}'
PROMPT = [SystemMessage("You write micro films."), HumanMessage("Pitch a film about dumplings.")]


class RecordingChatModel(BaseChatModel):
    """Answers from a script of strings/exceptions and records every conversation it saw."""

    script: list[Any]
    seen: list[list[BaseMessage]] = Field(default_factory=list)

    @property
    def _llm_type(self) -> str:
        return "recording-fake"

    def _generate(
        self, messages: list[BaseMessage], stop: Any = None, run_manager: Any = None, **kwargs: Any
    ) -> ChatResult:
        self.seen.append(list(messages))
        item = self.script.pop(0)
        if isinstance(item, BaseException):
            raise item
        message = item if isinstance(item, AIMessage) else AIMessage(item)
        return ChatResult(generations=[ChatGeneration(message=message)])


class ConstrainedChatModel(RecordingChatModel):
    """Stands in for the embedded model: records the schema it was asked to enforce."""

    schemas: list[dict[str, Any]] = Field(default_factory=list)

    def bind_json_schema(self, schema: dict[str, Any]) -> Runnable[LanguageModelInput, Any]:
        self.schemas.append(schema)
        return RunnableLambda(lambda msgs: self.invoke(msgs))


def test_plain_generic_fake_model_returning_json_text_works() -> None:
    model = GenericFakeChatModel(messages=iter([VALID]))
    assert choose_strategy(model) == "text"
    result = invoke_structured(model, Pitch, PROMPT)
    assert result == Pitch(title="The Last Dumpling", minutes=3, beats=[Beat(place="kitchen")])


def test_invalid_json_twice_then_valid_succeeds_and_feeds_errors_back() -> None:
    model = RecordingChatModel(script=["Sure! here is {not json", '{"title": 42', VALID])
    result = invoke_structured(model, Pitch, PROMPT, attempts=3)
    assert result.title == "The Last Dumpling"
    assert len(model.seen) == 3
    first, second, third = model.seen
    assert '"title": string (at least 1 and at most 30 characters)' in first[-1].content
    # The failed answer and the reason go back to the model, only the latest one.
    assert second[-2].content == "Sure! here is {not json"
    assert "not a JSON object" in second[-1].content and "Pitch" in second[-1].content
    assert third[-2].content == '{"title": 42'
    assert len(third) == len(second)


def test_validation_error_is_named_field_by_field_then_fixed() -> None:
    too_long = json.dumps({"title": "x" * 31, "minutes": 99})
    model = RecordingChatModel(script=[too_long, VALID])
    invoke_structured(model, Pitch, PROMPT)
    feedback = model.seen[1][-1].content
    assert "title: String should have at most 30 characters" in feedback
    assert "minutes: Input should be less than or equal to 10" in feedback


def test_always_invalid_raises_one_readable_error() -> None:
    model = RecordingChatModel(script=["I cannot do that."] * 3)
    with pytest.raises(StructuredOutputError) as caught:
        invoke_structured(model, Pitch, PROMPT, attempts=3)
    error = caught.value
    assert str(error).startswith("The model could not produce a valid Pitch (3 answers tried).")
    assert "no JSON object was found" in str(error)
    assert error.attempts == 3 and error.last_output == "I cannot do that."
    assert len(model.seen) == 3


def test_out_of_range_values_are_not_clamped() -> None:
    model = RecordingChatModel(script=['{"title": "A", "minutes": 1000000}'] * 2)
    with pytest.raises(StructuredOutputError, match="minutes: Input should be less than"):
        invoke_structured(model, Pitch, PROMPT, attempts=2)


@pytest.mark.parametrize(
    "reply",
    [
        f"Here you go:\n```json\n{VALID}\n```\nEnjoy!",
        f"The answer is {VALID} as requested.",
        '{"title": "The Last Dumpling", "minutes": 3, "beats": [{"place": "kitchen",},],}',
        '{"Pitch": ' + VALID + "}",
        '{"title": "The Last\nDumpling", "minutes": 3, "beats": [{"place": "kitchen"}]}',
    ],
)
def test_repairable_replies_succeed_first_time(reply: str) -> None:
    model = RecordingChatModel(script=[reply])
    assert invoke_structured(model, Pitch, PROMPT).beats[0].place == "kitchen"
    assert len(model.seen) == 1


def test_repair_keeps_commas_braces_and_line_breaks_inside_strings() -> None:
    text = 'note {"title": "a,} b\\" ,]", "minutes": 2,}'
    assert extract_json_object(text) == {"title": 'a,} b" ,]', "minutes": 2}
    assert extract_json_object('{"title": "two\nlines\t"}') == {"title": "two\nlines\t"}


def test_tool_call_answers_are_used_when_the_model_supports_tools() -> None:
    class ToolModel(RecordingChatModel):
        def bind_tools(
            self, tools: Sequence[Any], *, tool_choice: Any = None, **kwargs: Any
        ) -> Runnable[LanguageModelInput, Any]:
            assert tool_choice == "Pitch" and tools[0]["function"]["name"] == "Pitch"
            return self

    call = AIMessage("", tool_calls=[{"name": "Pitch", "args": json.loads(VALID), "id": "1"}])
    model = ToolModel(script=[call])
    assert choose_strategy(model) == "tools"
    assert invoke_structured(model, Pitch, PROMPT).minutes == 3
    assert model.seen[0][-1].content == PROMPT[-1].content  # the tool carries the schema


def test_constrained_models_get_the_schema_and_the_instructions() -> None:
    model = ConstrainedChatModel(script=[VALID])
    assert choose_strategy(model) == "constrained"
    invoke_structured(model, Pitch, PROMPT)
    assert model.schemas == [Pitch.model_json_schema()]
    # The grammar enforces types and limits, so the prompt carries only the one-line shape.
    assert model.seen[0][-1].content.endswith(
        'shaped like: {"title": string, "minutes": integer, '
        '"beats": [{"place": string, "mood": "warm"|"tense"}]}'
    )


def test_the_skeleton_counts_items_and_skips_null_options() -> None:
    schema = scene_schema(3, 4).model_json_schema()
    assert skeleton(schema) == (
        '{"action": [3-5 × string], "dialogue": [4-8 × {"speaker": string, "text": string}], '
        '"visual": string}'
    )
    assert skeleton(outline_schema(2).model_json_schema()).startswith('{"beats": [2 × {"place"')


async def test_async_variant_retries_the_same_way() -> None:
    model = RecordingChatModel(script=["```\nnope\n```", VALID])
    result = await ainvoke_structured(model, Pitch, PROMPT)
    assert result.title == "The Last Dumpling" and len(model.seen) == 2


@pytest.mark.parametrize(
    "exc, words",
    [
        (httpx.ReadTimeout("read timed out"), "did not answer in time"),
        (TimeoutError(), "did not answer in time"),
        (httpx.ConnectError("refused"), "could not be reached"),
    ],
)
def test_timeouts_and_connection_errors_become_model_unavailable(
    exc: Exception, words: str
) -> None:
    model = RecordingChatModel(script=[exc])
    with pytest.raises(ModelUnavailableError, match=words) as caught:
        invoke_structured(model, Pitch, PROMPT)
    assert caught.value.transient


def test_unrelated_errors_are_not_disguised() -> None:
    model = RecordingChatModel(script=[KeyError("bug")])
    with pytest.raises(KeyError):
        invoke_structured(model, Pitch, PROMPT)


def test_schema_description_is_compact_and_complete() -> None:
    text = describe_schema(Pitch.model_json_schema())
    assert '- "minutes": integer (>= 1, <= 10) [required]' in text
    assert '"beats": list (at most 3 items) of objects:' in text
    assert '    - "mood": one of "warm", "tense"' in text

"""The craft bench's LLM judge: a configured provider scores each screenplay on the rubric.

The rubric text is read from ``rubric.md`` beside this file, so the criteria a person reads
are exactly the ones the judge is given. The answer must be one JSON object with a 0-5
score and a reason per criterion; it is validated with pydantic and, when invalid, asked
for once more with the problem named. The judge only runs when ``OPENAI_API_KEY`` or
``OPENAI_BASE_URL`` is set: the drafting itself always uses the offline model.
"""

from __future__ import annotations

import os
from pathlib import Path

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, SystemMessage
from langchain_openai import ChatOpenAI
from pydantic import BaseModel, Field, SecretStr, ValidationError

from agent.model.json_repair import JsonRepairError, describe_validation_error
from agent.model.json_repair import extract_json_object as json_object

RUBRIC_PATH = Path(__file__).with_name("rubric.md")
CRITERIA = ("coherence", "faithfulness", "genre_fit", "dialogue", "completeness")
JUDGE_ATTEMPTS = 2
DEFAULT_JUDGE_MODEL = "gpt-4.1-mini"


class Mark(BaseModel):
    """One criterion's score and the judge's one-sentence reason."""

    score: int = Field(ge=0, le=5)
    reason: str = ""


class Verdict(BaseModel):
    """The judge's answer: one :class:`Mark` per rubric criterion."""

    coherence: Mark
    faithfulness: Mark
    genre_fit: Mark
    dialogue: Mark
    completeness: Mark

    def scores(self) -> dict[str, int]:
        """Criterion -> score, in rubric order."""
        return {name: getattr(self, name).score for name in CRITERIA}

    def reasons(self) -> dict[str, str]:
        """Criterion -> reason, in rubric order."""
        return {name: getattr(self, name).reason for name in CRITERIA}


class JudgeError(Exception):
    """The judge never answered with a valid verdict; ``str(exc)`` says why."""


def judge_messages(
    rubric: str, idea: str, genre: str, seconds: int, fountain: str
) -> list[BaseMessage]:
    """The judge's prompt: the rubric, the request, the screenplay and the answer's shape."""
    shape = ", ".join(f'"{name}": {{"score": 0-5, "reason": "one sentence"}}' for name in CRITERIA)
    system = (
        "You judge short screenplays for a micro film studio, strictly and fairly, "
        "by this rubric.\n\n" + rubric.strip()
    )
    ask = (
        f"Idea: {idea}\nGenre: {genre}\nRequested length: {seconds} s\n\n"
        f"Screenplay (Fountain):\n{fountain.strip()}\n\n"
        "Score it. Answer with one JSON object and nothing else: {" + shape + "}. "
        '"genre_fit" is the rubric\'s genre fit.'
    )
    return [SystemMessage(system), HumanMessage(ask)]


def parse_verdict(text: str) -> Verdict:
    """The verdict in a reply's text (fences and prose around the object are ignored).

    Raises:
        JudgeError: no JSON object, or one that does not fit :class:`Verdict`.
    """
    try:
        return Verdict.model_validate(json_object(text))
    except JsonRepairError as exc:
        raise JudgeError(str(exc)) from exc
    except ValidationError as exc:
        raise JudgeError(describe_validation_error(exc)) from exc


async def judge_screenplay(
    model: BaseChatModel,
    *,
    idea: str,
    genre: str,
    seconds: int,
    fountain: str,
    rubric: str | None = None,
) -> Verdict:
    """Score one screenplay; an invalid answer is sent back once with its problem named.

    Raises:
        JudgeError: still no valid verdict after :data:`JUDGE_ATTEMPTS` answers.
    """
    text = rubric if rubric is not None else RUBRIC_PATH.read_text("utf-8")
    messages = judge_messages(text, idea, genre, seconds, fountain)
    problem = "no answer"
    for _attempt in range(JUDGE_ATTEMPTS):
        reply = await model.ainvoke(messages)
        try:
            return parse_verdict(reply.text)
        except JudgeError as exc:
            problem = str(exc)
        note = f"That answer was not valid: {problem}. Answer again with the JSON object only."
        messages = [*messages, AIMessage(reply.text), HumanMessage(note)]
    raise JudgeError(problem)


def judge_model_from_env() -> BaseChatModel | None:
    """The judge's model when a provider is configured, else None (no judging).

    ``MICROFILM_JUDGE_MODEL`` names it, else ``MICROFILM_MODEL``, else OpenAI's
    :data:`DEFAULT_JUDGE_MODEL`; an OpenAI-compatible server needs one of the two names.

    Raises:
        ValueError: an OpenAI-compatible server is set but no model is named.
    """
    key = os.environ.get("OPENAI_API_KEY", "").strip()
    base_url = os.environ.get("OPENAI_BASE_URL", "").strip()
    if not key and not base_url:
        return None
    env = os.environ
    name = (env.get("MICROFILM_JUDGE_MODEL") or env.get("MICROFILM_MODEL") or "").strip()
    if not name and base_url and "api.openai.com" not in base_url:
        raise ValueError("set MICROFILM_JUDGE_MODEL to the judge model the server should use")
    return ChatOpenAI(
        model=name or DEFAULT_JUDGE_MODEL,
        base_url=base_url or None,
        api_key=SecretStr(key or "not-needed"),  # a local server accepts any key
        temperature=0,
        timeout=180,
        max_retries=2,
    )

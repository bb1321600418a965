"""The guidelines as a LangChain tool, for questions about the craft rather than a draft.

When a user asks "what makes a good ancient-style ending?", the agent's model calls this
tool and answers from the studio's own guidelines, citing them. The tool returns text for
the model (numbered passages, each with its citation) and, as its artifact, the passages
in the shape of the graph's ``sources`` event so the app can show where the answer came from.
"""

from __future__ import annotations

import logging

from langchain_core.tools import tool

from knowledge.search import Passage, search_guidelines

logger = logging.getLogger("knowledge")
PASSAGE_CHARS = 700
SourceList = list[dict[str, str]]


def _gather(question: str, genre: str | None) -> list[Passage]:
    """Genre-specific passages first, then the best form-wide ones (endings, hooks, ...)."""
    if not genre:
        return search_guidelines(question, k=4)
    passages = search_guidelines(question, genre=genre, k=3)
    general = search_guidelines(question, genre="all", k=2)
    return passages + [p for p in general if p not in passages]


def format_passages(question: str, passages: list[Passage]) -> str:
    """Numbered passages with citations, trimmed so a small model's context can hold them."""
    if not passages:
        return f"No guideline passage matches {question!r}; answer from general craft knowledge."
    blocks = []
    for number, passage in enumerate(passages, start=1):
        text = " ".join(passage.text.split())
        if len(text) > PASSAGE_CHARS:
            text = text[:PASSAGE_CHARS].rsplit(" ", 1)[0] + " …"
        blocks.append(f"[{number}] {passage.citation()}\n{text}")
    return (
        f"Studio guidelines for {question!r}:\n\n"
        + "\n\n".join(blocks)
        + "\n\nCite what you use as [n] with its source, e.g. "
        f"[1] {passages[0].citation()}."
    )


@tool("micro_film_guidelines", response_format="content_and_artifact", parse_docstring=True)
def guidelines_tool(question: str, genre: str | None = None) -> tuple[str, SourceList]:
    """Look up the studio's micro film guidelines to answer a question about the craft.

    Use it when the user asks how to write or shoot a micro film: a genre's beats, endings,
    hooks, dialogue, music or visuals; runtime and pacing; vertical 9:16 framing; the five
    story elements; Fountain screenplay format; writing prompts for generated video;
    subtitles. Works for English and Chinese questions. Quote the citations it returns.

    Args:
        question: the user's question, in their own words (English or Chinese).
        genre: optional genre to focus on: grassroots-spoof, youth-romance,
            inspirational-struggle, ancient-style, touching-family or aesthetic-scenery
            (English or Chinese names work too).
    """
    try:
        passages = _gather(question, genre)
    except ValueError as exc:  # bad genre or empty question: tell the model how to retry
        return f"Could not search the guidelines: {exc}", []
    except Exception as exc:  # the index failed; the conversation must go on
        logger.warning("guideline search failed: %s: %s", type(exc).__name__, exc)
        return (
            "The guidelines are unavailable right now "
            f"({type(exc).__name__}); answer from general craft knowledge."
        ), []
    sources = [{"source": p.source, "heading": p.heading, "text": p.text} for p in passages]
    return format_passages(question, passages), sources

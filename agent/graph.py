"""The studio's conversation graph: wiring only (nodes live in the packages beside it).

One turn enters at the input guard, which routes it: a new idea runs intake, the genre
choice (an ``interrupt``) and the four drafting stages to version 1; a revision goes to
the revisions node; a production request fans out one render per scene. ``builder`` is
what apps compile with their own checkpointer (:func:`agent.session.open_graph`);
``graph`` is the checkpointer-less build that ``langgraph dev`` / Studio load.
"""

from __future__ import annotations

from langgraph.graph import END, START, StateGraph

from agent.context import Context
from agent.drafting.finalize import export_current, finalize_draft
from agent.drafting.genre import choose_genre, pitch_genres
from agent.drafting.scenes.node import write_scenes
from agent.drafting.stages import write_characters, write_logline, write_outline
from agent.intake.nodes import (
    GUARD_DESTINATIONS,
    after_finalize,
    after_intake,
    after_pitches,
    guard_input,
    help_reply,
    intake,
    then,
)
from agent.intake.questions import answer_question
from agent.model.ask import MODEL_RETRY
from agent.production.delivery import after_cover, deliver, make_cover
from agent.production.nodes import (
    RENDER_RETRY,
    after_assemble,
    assemble,
    fan_out,
    plan_production,
    render_scene,
)
from agent.revision.node import revise_node
from agent.state import InputState, State

builder = StateGraph(State, context_schema=Context, input_schema=InputState)

builder.add_node("guard_input", guard_input, destinations=GUARD_DESTINATIONS)
builder.add_node("help", help_reply)
builder.add_node("answer_question", answer_question)
builder.add_node("intake", intake)
builder.add_node("pitch_genres", pitch_genres, retry_policy=MODEL_RETRY)
builder.add_node("choose_genre", choose_genre)
builder.add_node("write_logline", write_logline, retry_policy=MODEL_RETRY)
builder.add_node("write_characters", write_characters, retry_policy=MODEL_RETRY)
builder.add_node("write_outline", write_outline, retry_policy=MODEL_RETRY)
builder.add_node("write_scenes", write_scenes, retry_policy=MODEL_RETRY)
builder.add_node("finalize_draft", finalize_draft)
builder.add_node("revise", revise_node, retry_policy=MODEL_RETRY)
builder.add_node("export_current", export_current)
builder.add_node("plan_production", plan_production)
# render_scene receives its Send payload (a RenderTask), not the graph state.
builder.add_node("render_scene", render_scene, retry_policy=RENDER_RETRY)  # type: ignore[arg-type]
builder.add_node("assemble", assemble)
builder.add_node("make_cover", make_cover)
builder.add_node("deliver", deliver)

builder.add_edge(START, "guard_input")
builder.add_edge("help", END)
builder.add_edge("answer_question", END)
builder.add_conditional_edges("intake", after_intake, ["pitch_genres", "write_logline", END])
builder.add_conditional_edges("pitch_genres", after_pitches, ["choose_genre", "write_logline", END])
builder.add_edge("choose_genre", "write_logline")
builder.add_conditional_edges("write_logline", then("write_characters"), ["write_characters", END])
builder.add_conditional_edges("write_characters", then("write_outline"), ["write_outline", END])
builder.add_conditional_edges("write_outline", then("write_scenes"), ["write_scenes", END])
builder.add_conditional_edges("write_scenes", then("finalize_draft"), ["finalize_draft", END])
builder.add_conditional_edges("finalize_draft", after_finalize, ["plan_production", END])
builder.add_edge("revise", "export_current")
builder.add_edge("export_current", END)
builder.add_conditional_edges("plan_production", fan_out, ["render_scene", "make_cover", END])
builder.add_edge("render_scene", "assemble")
builder.add_conditional_edges("assemble", after_assemble, ["make_cover", END])
builder.add_conditional_edges("make_cover", after_cover, ["deliver", END])
builder.add_edge("deliver", END)

graph = builder.compile(name="microfilm-studio")

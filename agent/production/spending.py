"""The gate before a paid render: the estimate, scene by scene, and the person's yes or no.

``plan_production`` calls :func:`approve_spending` before the render starts. A free render
(the offline animatic, finished scenes from the cache, a backend without prices) goes on
without a word. A paid one stops on an ``interrupt()`` whose value is the estimate
(:func:`cost_payload`): the web studio shows it with Confirm / Decline buttons, the
terminal chat asks, and ``microfilm draft`` prints it and stops unless ``--yes`` or
``--budget`` already said yes (``Context.spending_approved``). A resumed ``interrupt()``
runs its node again from the top, which is why the estimate is cheap (no voices, no
model): cache keys, the ledger and the backend's request shape.

A budget (``Context.budget``) is applied to the estimate in film order: the scenes it does
not reach are marked ``over_budget`` and reported as not rendered for that reason (never a
silent gap), and the job-level reservations in the spend ledger hold it exactly.
"""

from __future__ import annotations

import asyncio
import logging
import re
from pathlib import Path
from typing import Any

from langchain_core.messages import AIMessage
from langgraph.types import interrupt

from agent.context import Context
from agent.events import CostQuestion
from agent.messages import say
from agent.production.report import public_reason
from agent.state import State
from film.screenplay import Screenplay
from tools.assembly.costs import RenderEstimate, SceneCost, estimate_render
from tools.assembly.settings import ProductionSettings
from tools.backends.base import RenderError
from tools.backends.keyframes.painters import sheets_to_draw
from tools.backends.keyframes.sheets import sheets_wanted
from tools.backends.ledger import LEDGER_NAME as LEDGER_NAME  # the CLI keeps it with the film
from tools.backends.ledger import SceneSpending, SpendLedger
from tools.backends.pricing import money

log = logging.getLogger(__name__)
_YES = re.compile(
    r"^\s*(?:(?:y|yes|yeah|yep|ok|okay|sure|confirm(?:ed)?|go|approved?|render|do it)\b|"
    r"是|好|确认|确定|同意|可以|行|继续|渲染|开始)",
    re.IGNORECASE,
)
_NO = re.compile(r"\b(no|not|don'?t|stop|cancel|decline[d]?)\b|不|别|取消|算了", re.IGNORECASE)


async def approve_spending(
    state: State, context: Context, screenplay: Screenplay, production: dict[str, Any]
) -> dict[str, Any] | None:
    """Price the render and, when it costs money, have it approved.

    Returns None when the render goes on (``production`` then carries the scenes and cover
    past the budget), or the update that ends the turn: declined, or not priceable.
    """
    language = str(production.get("language") or "en")
    settings = ProductionSettings.model_validate(production["settings"])
    left_out = set(production.get("leave_out") or ())
    wanted = [s.number for s in screenplay.scenes if s.number not in left_out]
    scenes = [] if state.get("request") == "cover" else wanted
    folder = Path(production["project_dir"])
    try:
        sheets = (0, 0.0)
        if sheets_wanted() and scenes:
            sheets = await asyncio.to_thread(sheets_to_draw, folder, screenplay, settings.backend)
        estimate = await asyncio.to_thread(
            estimate_render, screenplay, folder, settings, scenes, sheets=sheets
        )
    except (ValueError, RenderError, OSError) as exc:
        log.warning("render not priced: %r", exc)
        message = say("cost_unknown", language, reason=public_reason(str(exc), folder))
        return {"messages": [AIMessage(message)], "error": message}
    production["over_budget"] = list(estimate.over_budget)
    production["cover_over_budget"] = estimate.cover_over_budget
    if estimate.within_budget <= 0 or context.spending_approved:
        return None
    if approved(interrupt(cost_payload(estimate, screenplay.title, language))):
        return None
    production["declined"] = True
    return {
        "messages": [AIMessage(say("cost_declined", language))],
        "production": production,
        "scene_results": None,
    }


def declined(state: State) -> bool:
    """Whether the person declined this render's cost (the graph then ends the turn)."""
    return bool((state.get("production") or {}).get("declined"))


def approved(answer: Any) -> bool:
    """Whether the answer to the cost question is a yes (a button's payload, or words).

    Anything that is not clearly yes is a no: money is only spent on a clear yes.
    """
    if isinstance(answer, dict):
        return answer.get("approve") is True
    if isinstance(answer, bool):
        return answer
    if not isinstance(answer, str) or _NO.search(answer):
        return False
    return bool(_YES.match(answer))


def _detail(scene: SceneCost, language: str) -> str:
    parts = []
    if scene.seconds:
        parts.append(say("cost_seconds", language, seconds=f"{round(scene.seconds, 1):g}"))
    if scene.images:
        parts.append(say("cost_images", language, images=scene.images))
    return ("、" if language.startswith("zh") else ", ").join(parts)


def cost_lines(estimate: RenderEstimate, language: str) -> list[str]:
    """One line per scene (and the cover), as the question lists them."""
    code, over = estimate.currency, set(estimate.over_budget)
    lines = []
    for scene in estimate.scenes:
        number, cost = scene.scene, money(scene.cost, code)
        if scene.cached or (scene.cost == 0 and not scene.work):
            lines.append(say("cost_scene_cached", language, number=number))
        elif number in over:
            key = "cost_scene_over"
            lines.append(
                say(key, language, number=number, cost=cost, detail=_detail(scene, language))
            )
        elif scene.paid_before > 0:
            kept = money(scene.paid_before, code)
            detail = _detail(scene, language)
            lines.append(
                say("cost_scene_kept", language, number=number, cost=cost, detail=detail, kept=kept)
            )
        else:
            lines.append(
                say(
                    "cost_scene",
                    language,
                    number=number,
                    cost=cost,
                    detail=_detail(scene, language),
                )
            )
    if estimate.sheets > 0:
        lines.insert(
            0,
            say(
                "cost_sheets",
                language,
                count=estimate.sheet_count,
                cost=money(estimate.sheets, code),
            ),
        )
    if estimate.cover > 0:
        key = "cost_cover_over" if estimate.cover_over_budget else "cost_cover"
        lines.append(say(key, language, cost=money(estimate.cover, code)))
    return lines


def cost_summary(estimate: RenderEstimate, language: str) -> str:
    """Spent so far, the budget and the total, in a sentence or three."""
    code = estimate.currency
    parts = []
    if estimate.spent > 0:
        parts.append(say("cost_spent", language, spent=money(estimate.spent, code)))
    if estimate.budget is not None:
        parts.append(say("cost_budget", language, budget=money(estimate.budget, code)))
    total = money(estimate.within_budget, code)
    if estimate.over_budget or estimate.cover_over_budget:
        full = money(estimate.total, code)
        parts.append(say("cost_total_capped", language, total=total, full=full))
    else:
        parts.append(say("cost_total", language, total=total))
    return ("" if language.startswith("zh") else " ").join(parts)


def cost_payload(estimate: RenderEstimate, title: str, language: str) -> dict[str, Any]:
    """The interrupt value of the cost question (:class:`agent.events.CostQuestion`)."""
    code = estimate.currency
    return {
        "type": CostQuestion.KIND,
        "language": language,
        "question": say("cost_question", language, title=title, backend=estimate.backend),
        "lines": cost_lines(estimate, language),
        "summary": cost_summary(estimate, language),
        "ask": say("cost_ask", language),
        "currency": code,
        "total": round(estimate.within_budget, 6),
        "total_text": money(estimate.within_budget, code),
        "full_total": round(estimate.total, 6),
        "spent": round(estimate.spent, 6),
        "budget": estimate.budget,
        "over_budget": list(estimate.over_budget),
        "scenes": [
            {"scene": s.scene, "cost": round(s.cost, 6), "cached": s.cached}
            for s in estimate.scenes
        ],
        "cover": round(estimate.cover, 6),
    }


def cost_text(
    payload: dict[str, Any], *, bullet: str = "- ", ask: bool = True, gap: str = "\n"
) -> str:
    """The question as text: the heading, one line per scene, the totals, what to answer.

    ``ask``: end with the invitation to confirm or decline (not where no one can answer).
    ``gap``: between the heading, the list and the totals (a blank line for Markdown).
    """
    listed = "\n".join(bullet + str(line) for line in payload.get("lines") or [])
    parts = [payload.get("question"), listed, payload.get("summary")]
    parts.append(payload.get("ask") if ask else "")
    return gap.join(str(part) for part in parts if part)


def over_budget_reason(settings: dict[str, Any], language: str) -> str:
    """Why a scene past the budget was not rendered, in the person's language.

    ``settings``: the render's production settings (they hold the budget).
    """
    budget = settings.get("budget")
    return say("over_budget_reason", language, budget=money(float(budget or 0)))


def cover_spending(
    production: dict[str, Any], folder: Path, backend: str
) -> tuple[str, SceneSpending]:
    """The backend the cover is drawn with and the ledger its art is paid through.

    Art the budget does not reach is not bought: the free local cover is drawn instead.
    """
    budget = (production.get("settings") or {}).get("budget")
    spending = SceneSpending(SpendLedger(folder), None, "", budget)
    return ("local" if production.get("cover_over_budget") else backend), spending

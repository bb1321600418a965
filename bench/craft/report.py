"""The craft bench's figures: per idea and in total, as a markdown page.

Everything here reads :class:`~bench.craft.records.IdeaResult` s and nothing else, so the
page can be checked on synthetic records. The targets quoted come from issue 10: every
draft through the gate, length within ±15 %, a one-minute screenplay in at most 3 minutes,
visible text from every stage within about 5 s.
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from agent.model.gate import GateRecord
from bench.craft.judge import CRITERIA
from bench.craft.records import LENGTH_TOLERANCE, IdeaResult

#: Drafting stages in graph order, with their column labels.
STAGES = (
    ("pitch_genres", "pitches"),
    ("write_logline", "logline"),
    ("write_characters", "characters"),
    ("write_outline", "outline"),
    ("write_scenes", "scenes"),
    ("finalize_draft", "finalize"),
)
ONE_MINUTE_TARGET_S = 180.0
FIRST_TEXT_TARGET_S = 5.0


@dataclass
class GateSummary:
    """What the gate did over many gated answers.

    Attributes:
        answers: Gated answers asked for (one per stage call; the scenes stage makes many)
            and whole-film reviews.
        passed: Answers shown, nothing blocking left.
        first_try: Passed on the first attempt with nothing fired.
        fired: Check id -> answers it fired on.
        repaired: Check id -> answers it fired on that still passed in the end.
        refused: Check id -> answers it fired on that were refused.
    """

    answers: int = 0
    passed: int = 0
    first_try: int = 0
    fired: Counter[str] = field(default_factory=Counter)
    repaired: Counter[str] = field(default_factory=Counter)
    refused: Counter[str] = field(default_factory=Counter)


def gate_summary(records: Iterable[GateRecord]) -> GateSummary:
    """Add up gate records (of one idea, or of all)."""
    summary = GateSummary()
    for record in records:
        summary.answers += 1
        summary.passed += record.passed
        summary.first_try += record.passed and record.attempts == 1 and not record.fired
        summary.fired.update(record.fired)
        (summary.repaired if record.passed else summary.refused).update(record.fired)
    return summary


def _seconds(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}"


def _share(part: int, whole: int) -> str:
    return f"{part}/{whole} ({part / whole:.0%})" if whole else "—"


def _mean(values: Iterable[float]) -> float | None:
    found = list(values)
    return statistics.fmean(found) if found else None


def _cell(text: str) -> str:
    """Text made safe for one markdown table cell."""
    return " ".join(text.replace("|", "\\|").split())


def _length(result: IdeaResult) -> str:
    error = result.length_error
    if error is None or result.measures is None:
        return "—"
    verdict = "ok" if result.length_ok else "off"
    return f"{result.measures.runtime_s:.0f} s ({error:+.0%} {verdict})"


def _language(result: IdeaResult) -> str:
    if result.measures is None:
        return "—"
    return "ok" if result.language_ok else f"no ({result.measures.language})"


def _terms(result: IdeaResult) -> str:
    m = result.measures
    return "—" if m is None else f"{m.covered_film}/{m.terms} (scenes {m.covered_scenes})"


def _gate(result: IdeaResult) -> str:
    if not result.gate:
        return "—"
    summary = gate_summary(result.gate)
    repaired = sum(1 for r in result.gate if r.passed and r.fired)
    return f"{summary.passed}/{summary.answers} passed, {repaired} repaired"


def _outcome(result: IdeaResult) -> str:
    if result.drafted:
        return "v1"
    return "failed: " + _cell((result.error or "no version 1")[:120])


def _genre(result: IdeaResult) -> str:
    asked = result.idea.genre.value if result.idea.genre else None
    if result.measures is None:
        return asked or "(to choose)"
    got = result.measures.genre
    if asked is None:
        return f"{got} (chosen)"
    return got if got == asked else f"{got} (asked {asked})"


def idea_table(results: Sequence[IdeaResult]) -> list[str]:
    """One row per idea: request, length, language, coverage, gate, time, outcome."""
    rows = [
        "| idea | lang | genre | asked | estimated (error) | language | idea terms (scenes) "
        "| gate | draft s | result |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        rows.append(
            f"| {r.idea.id} | {r.idea.language} | {_genre(r)} | {r.idea.seconds} s "
            f"| {_length(r)} | {_language(r)} | {_terms(r)} | {_gate(r)} "
            f"| {r.seconds:.0f} | {_outcome(r)} |"
        )
    return rows


def stage_table(results: Sequence[IdeaResult]) -> list[str]:
    """Per stage: seconds in all / to the first visible text / longest silence."""
    head = " | ".join(label for _, label in STAGES)
    rows = [f"| idea | {head} |", "|---|" + "---|" * len(STAGES)]
    for r in results:
        timings = {t.name: t for t in r.stages}
        cells = []
        for name, _ in STAGES:
            t = timings.get(name)
            cells.append(
                "—"
                if t is None
                else f"{t.seconds:.1f} / {_seconds(t.first_visible_s)} / {t.longest_silence_s:.1f}"
            )
        rows.append(f"| {r.idea.id} | " + " | ".join(cells) + " |")
    return rows


def checks_table(summary: GateSummary) -> list[str]:
    """Each check that fired: how often, and how often it was repaired or refused."""
    if not summary.fired:
        return ["No check fired."]
    rows = ["| check | fired on | repaired | refused |", "|---|---|---|---|"]
    for check, count in summary.fired.most_common():
        rows.append(f"| {check} | {count} | {summary.repaired[check]} | {summary.refused[check]} |")
    return rows


def judge_table(results: Sequence[IdeaResult]) -> list[str]:
    """The judge's scores per idea and their means, then its reasons."""
    judged = [r for r in results if r.scores]
    failed = [r for r in results if r.judge_error]
    if not judged and not failed:
        return ["No judge ran (set OPENAI_API_KEY or OPENAI_BASE_URL to score the films)."]
    rows: list[str] = []
    if judged:
        labels = " | ".join(c.replace("_", " ") for c in CRITERIA)
        rows += [f"| idea | {labels} | mean |", "|---|" + "---|" * (len(CRITERIA) + 1)]
        for r in judged:
            scores = r.scores or {}
            marks = " | ".join(str(scores.get(c, "—")) for c in CRITERIA)
            rows.append(f"| {r.idea.id} | {marks} | {statistics.fmean(scores.values()):.1f} |")
        means = [_mean((r.scores or {})[c] for r in judged) or 0.0 for c in CRITERIA]
        marks = " | ".join(f"{m:.1f}" for m in means)
        rows += [f"| **mean** | {marks} | {statistics.fmean(means):.1f} |", ""]
    rows += ["Reasons:", ""]
    for r in judged:
        said = "; ".join(f"{c}: {_cell(text)}" for c, text in r.reasons.items() if text)
        rows.append(f"- {r.idea.id}: {said or '(none given)'}")
    rows += [f"- {r.idea.id}: judge failed: {_cell(r.judge_error or '')}" for r in failed]
    return rows


def totals(results: Sequence[IdeaResult]) -> list[str]:
    """The headline figures, each against its target."""
    n = len(results)
    gate = gate_summary(record for r in results for record in r.gate)
    errors = [abs(e) for r in results if (e := r.length_error) is not None]
    shares = [s for r in results if (s := r.coverage) is not None]
    minute = [r.seconds for r in results if r.idea.seconds == 60 and r.drafted]
    drafting = [t for r in results for t in r.stages if t.name in dict(STAGES)]
    shown = [t.first_visible_s for t in drafting if t.first_visible_s is not None]
    tokens = [t.first_token_s for t in drafting if t.first_token_s is not None]
    silence = max((t.longest_silence_s for t in drafting), default=None)
    mean_error, mean_share, mean_minute = _mean(errors), _mean(shares), _mean(minute)
    lines = [
        f"- Drafts through the gate to version 1: {_share(sum(r.drafted for r in results), n)}"
        " (target 100 %)",
        "- Gate judgements (each stage answer, each whole-film review): "
        f"{_share(gate.passed, gate.answers)} passed; "
        f"{gate.first_try} on the first try with nothing fired, "
        f"{gate.answers - gate.passed} refused",
        f"- Length within ±{LENGTH_TOLERANCE:.0%}: {_share(sum(r.length_ok for r in results), n)}"
        + (f"; mean error {mean_error:.0%}" if mean_error is not None else ""),
        f"- Language as the idea's: {_share(sum(r.language_ok for r in results), n)}",
        "- Idea-term coverage (whole screenplay): "
        + (f"{mean_share:.0%} on average" if mean_share is not None else "—"),
        f"- Draft time: {sum(r.seconds for r in results):.0f} s in all; one-minute ideas "
        + (f"{mean_minute:.0f} s on average" if mean_minute is not None else "—")
        + f" (target ≤ {ONE_MINUTE_TARGET_S:.0f} s)",
        "- First visible text per stage (token or progress line): "
        + (f"slowest {max(shown):.1f} s" if shown else "—")
        + f" (target ~{FIRST_TEXT_TARGET_S:.0f} s); "
        f"{len(drafting) - len(shown)} of {len(drafting)} stages showed nothing before they ended",
        f"- Streamed reply tokens: {len(tokens)} of {len(drafting)} stages"
        + (f", the first after {statistics.median(tokens):.1f} s (median)" if tokens else ""),
        "- Longest silence inside a stage (nothing new shown): "
        + (f"{silence:.1f} s" if silence is not None else "—"),
    ]
    return lines


def markdown(results: Sequence[IdeaResult], *, header: Sequence[str], command: str) -> str:
    """The whole results page; ``header`` lines say where and with what it ran."""
    gate = gate_summary(record for r in results for record in r.gate)
    parts = [
        "# Craft benchmark results",
        "",
        *header,
        "",
        f"Rerun: `{command}`",
        "",
        "## Totals",
        "",
        *totals(results),
        "",
        "## Per idea",
        "",
        *idea_table(results),
        "",
        "## Seconds per stage: in all / to the first visible text / longest silence",
        "",
        *stage_table(results),
        "",
        "## Gate checks that fired",
        "",
        *checks_table(gate),
        "",
        "## LLM judge (0-5, rubric in bench/craft/rubric.md)",
        "",
        *judge_table(results),
    ]
    return "\n".join(parts) + "\n"

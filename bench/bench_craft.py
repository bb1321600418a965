"""Craft benchmark: the studio's own ideas drafted by the real offline model, then measured.

What it does: each idea in ``bench/craft/ideas.yaml`` (English and Chinese, all six genres,
30 s to 5 min) goes through the real graph exactly as ``microfilm draft`` sends it (one
prompt, the idea's genre and length as typed options), with the offline model even when a
provider is configured, and stops once version 1 exists: nothing is rendered. A genre
question, should one come, is answered with the idea's genre or the recommendation.

What it reports, per idea and in total (``bench/results-craft.md``): the quality gate's
pass rate and which checks fired and were repaired (from :func:`agent.model.gate.
recording_gate`); seconds per stage and to each stage's first visible text; the estimated
runtime against the request (±15 %); the language of the visible text; the idea's key
terms the screenplay uses; and, when ``OPENAI_API_KEY`` or ``OPENAI_BASE_URL`` is set, an
LLM judge's 0-5 scores on ``bench/craft/rubric.md``. Each screenplay is written to
``bench/samples/<id>.fountain`` so people can read it.

Run (from the repository root; about 2-4 minutes per idea on 2 cores):
    .venv/bin/python bench/bench_craft.py [--ideas id1,id2] [--limit N] [--out DIR]
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import pickle
import shlex
import sys
import tempfile
import time
import uuid
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from langchain_core.language_models import BaseChatModel  # noqa: E402
from langgraph.checkpoint.memory import InMemorySaver  # noqa: E402
from langgraph.types import Command  # noqa: E402

from agent.context import Context  # noqa: E402
from agent.events import GenreQuestion, TurnEnded  # noqa: E402
from agent.graph import builder  # noqa: E402
from agent.model.gate import recording_gate  # noqa: E402
from agent.model.local_settings import LocalModelSettings  # noqa: E402
from agent.model.providers import describe_model  # noqa: E402
from agent.session import StudioGraph, TurnInput, stream_turn  # noqa: E402
from agent.state import IdeaOptions, idea_message  # noqa: E402
from bench.craft.judge import judge_model_from_env, judge_screenplay  # noqa: E402
from bench.craft.records import (  # noqa: E402
    IDEAS_PATH,
    Idea,
    IdeaResult,
    StageClock,
    load_ideas,
    measure,
    pick_ideas,
)
from bench.craft.report import markdown  # noqa: E402
from film.fountain.writer import to_fountain  # noqa: E402
from film.screenplay import Project, Screenplay  # noqa: E402

RESULTS_NAME = "results-craft.md"
SAMPLES_NAME = "samples"
#: Each run's measured results, kept so that shards run side by side can be merged.
RECORDS_NAME = "results-craft.pickle"


def draft_graph() -> StudioGraph:
    """The studio graph in memory, stopping once the first version is saved.

    One-prompt mode would go on to render; the bench wants the screenplay only.
    """
    return builder.compile(checkpointer=InMemorySaver(), interrupt_after=["finalize_draft"])


def idea_turn(idea: Idea) -> TurnInput:
    """The idea as ``microfilm draft`` sends it: one prompt, genre and length typed."""
    options = IdeaOptions(one_prompt=True, target_seconds=float(idea.seconds))
    if idea.genre is not None:
        options["genre"] = idea.genre.value
    return {"messages": [idea_message(idea.idea, options)]}


def genre_answer(question: GenreQuestion, idea: Idea) -> str:
    """The idea's own genre, else the studio's recommendation, else the first offered."""
    if idea.genre is not None:
        return idea.genre.value
    options = question.options
    return str(question.payload.get("recommended") or (options[0]["genre"] if options else ""))


def screenplay_of(values: dict[str, Any]) -> Screenplay | None:
    """Version 1's screenplay in a thread's state, if it was saved."""
    raw = values.get("project")
    return Project.model_validate(raw).screenplay if raw else None


async def draft_idea(graph: StudioGraph, idea: Idea, context: Context) -> IdeaResult:
    """Draft one idea to version 1 and measure it (a crash is recorded, not raised)."""
    clock, thread = StageClock(), uuid.uuid4().hex
    turn: TurnInput | None = idea_turn(idea)
    started = time.perf_counter()
    ended: TurnEnded | None = None
    crash: str | None = None
    with recording_gate() as records:
        try:
            while turn is not None:
                question: GenreQuestion | None = None
                async for event in stream_turn(graph, thread, turn, context):
                    clock.see(event, time.perf_counter())
                    if isinstance(event, GenreQuestion):
                        question = event
                    elif isinstance(event, TurnEnded):
                        ended = event
                turn = Command(resume=genre_answer(question, idea)) if question else None
        except Exception as exc:  # one broken idea must not lose the others' figures
            crash = f"crash: {type(exc).__name__}: {exc}"
    result = IdeaResult(idea, time.perf_counter() - started, clock.timings(), list(records))
    values = ended.values if ended else {}
    screenplay = screenplay_of(values)
    result.error = crash or values.get("error") or (None if screenplay else "no version 1")
    if screenplay is not None:
        result.measures = measure(screenplay, idea.idea)
        result.screenplay = screenplay
    return result


async def judge_result(result: IdeaResult, judge: BaseChatModel) -> None:
    """Add the judge's scores (or why it could not score) to ``result``."""
    if result.screenplay is None:
        return
    genre = result.idea.genre or result.screenplay.genre
    try:
        verdict = await judge_screenplay(
            judge,
            idea=result.idea.idea,
            genre=genre.english,
            seconds=result.idea.seconds,
            fountain=to_fountain(result.screenplay),
        )
    except Exception as exc:  # the judge (its answer or its server) is advisory: keep the rest
        result.judge_error = f"{type(exc).__name__}: {exc}"
        return
    result.scores, result.reasons = verdict.scores(), verdict.reasons()


def write_sample(result: IdeaResult, folder: Path) -> Path | None:
    """``folder/<id>.fountain`` with the idea's screenplay, if there is one."""
    if result.screenplay is None:
        return None
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{result.idea.id}.fountain"
    path.write_text(to_fountain(result.screenplay), encoding="utf-8")
    return path


def summary_line(result: IdeaResult) -> str:
    """One progress line for the terminal."""
    if not result.drafted:
        return f"{result.idea.id}: {result.error} ({result.seconds:.0f} s)"
    m = result.measures
    assert m is not None
    error = result.length_error or 0.0
    return (
        f"{result.idea.id}: {m.title!r}, {m.scenes} scenes, {m.runtime_s:.0f}/"
        f"{result.idea.seconds} s ({error:+.0%}), {m.language}, terms "
        f"{m.covered_film}/{m.terms}, {result.seconds:.0f} s"
    )


async def run_bench(
    ideas: Sequence[Idea],
    out: Path,
    *,
    command: str,
    judge: BaseChatModel | None = None,
    context: Context | None = None,
) -> list[IdeaResult]:
    """Draft, measure, judge and write every idea; the results page is rewritten after each.

    ``context`` defaults to the studio's own, with files in a throw-away folder.
    """
    header = [
        f"Run {datetime.now(UTC):%Y-%m-%d %H:%M} UTC with {describe_model().name} "
        f"({os.cpu_count()} CPU cores, load average {os.getloadavg()[0]:.1f} at the start; "
        f"offline model threads: {LocalModelSettings.from_env().n_threads or 'auto'}). "
        "The first idea's time includes starting the model.",
    ]
    graph = draft_graph()
    results: list[IdeaResult] = []
    with tempfile.TemporaryDirectory(prefix="craft-bench-") as scratch:
        for idea in ideas:
            folder = Path(scratch) / idea.id
            ctx = (context or Context()).updated(project_dir=str(folder), language="auto")
            result = await draft_idea(graph, idea, ctx)
            if judge is not None:
                await judge_result(result, judge)
            write_sample(result, out / SAMPLES_NAME)
            results.append(result)
            print(summary_line(result), file=sys.stderr, flush=True)
            (out / RESULTS_NAME).write_text(
                markdown(results, header=header, command=command), encoding="utf-8"
            )
            (out / RECORDS_NAME).write_bytes(pickle.dumps((header, results)))
    return results


def merge_runs(folders: Sequence[Path], out: Path, command: str) -> list[IdeaResult]:
    """One results page from runs made side by side (``--shard``), in the ideas' order.

    On a two-core machine two shards, each with its own one-thread model server, draft
    the whole set in about half the time; every figure is still one idea's own.
    """
    header: list[str] = []
    results: list[IdeaResult] = []
    for folder in folders:
        run_header, run_results = pickle.loads((folder / RECORDS_NAME).read_bytes())
        header = header or run_header
        results += run_results
    order = {idea.id: n for n, idea in enumerate(load_ideas(IDEAS_PATH))}
    results.sort(key=lambda r: order.get(r.idea.id, len(order)))
    shards = f"Merged from {len(folders)} runs made side by side, one model server each."
    (out / RESULTS_NAME).write_text(
        markdown(results, header=[*header, shards], command=command), encoding="utf-8"
    )
    return results


def build_parser() -> argparse.ArgumentParser:
    """The bench's command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ideas", default="", help="comma-separated idea ids (default: all)")
    parser.add_argument("--limit", type=int, help="at most this many ideas")
    parser.add_argument("--out", default=str(ROOT / "bench"), help="folder for the results")
    parser.add_argument(
        "--shard", default="", help="i/n: draft only every n-th idea from the i-th (1-based)"
    )
    parser.add_argument(
        "--merge", default="", help="comma-separated folders of shard runs to merge into --out"
    )
    return parser


def rerun_command(argv: Sequence[str]) -> str:
    """The command line that runs this bench again with the same arguments."""
    return shlex.join([".venv/bin/python", "bench/bench_craft.py", *argv])


def main(argv: Sequence[str] | None = None) -> int:
    """Run the bench; 0 when every draft passed the gate, 1 otherwise, 2 on bad arguments."""
    argv = list(sys.argv[1:] if argv is None else argv)
    args = build_parser().parse_args(argv)
    wanted = [w.strip() for w in args.ideas.split(",") if w.strip()]
    out = Path(args.out)
    if args.merge:
        merged = merge_runs([Path(f) for f in args.merge.split(",")], out, rerun_command(argv))
        return 0 if all(r.drafted for r in merged) else 1
    try:
        ideas = pick_ideas(load_ideas(IDEAS_PATH), wanted, args.limit)
        if args.shard:
            first, _, every = args.shard.partition("/")
            ideas = ideas[int(first) - 1 :: int(every)]
        judge = judge_model_from_env()  # read before the drafting is pinned to offline
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    os.environ["MICROFILM_PROVIDER"] = "embedded"  # the bench measures the offline model
    # What the gate found and how drafting mended it, with the offending text, on stderr:
    # the results page counts check ids, the log says what the model actually wrote.
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(name)s %(message)s")
    for name in ("agent.model.gate", "agent.drafting"):
        logging.getLogger(name).setLevel(logging.INFO)
    out.mkdir(parents=True, exist_ok=True)
    command = rerun_command(argv)
    results = asyncio.run(run_bench(ideas, out, command=command, judge=judge))
    print(f"Wrote {out / RESULTS_NAME} and {out / SAMPLES_NAME}/. Rerun: {command}")
    return 0 if all(r.drafted for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())

"""Agent overhead per turn, model time excluded (scripted fake model, fake retrieval).

What it measures: the wall time of whole turns through the real graph with the real
SQLite checkpointer (routing, guard, state (de)serialisation, checkpoint writes, form
checks, file exports, stream events), minus the time spent inside the model. Retrieval is
replaced by an instant fake so the figure is the agent's own cost, not the index's.

Run: .venv/bin/python bench/bench_agent_overhead.py [--rounds 20]
Target: <= 50 ms per turn (median), printed with the ratio to the target.

With ``--embedded-stages`` it instead drives the REAL embedded model (no OPENAI_* variables)
and the real renderer through a 1-minute one-prompt film and prints the wall time of each
stage, taken from the graph's progress events:
.venv/bin/python bench/bench_agent_overhead.py --embedded-stages [--resolution 720x1280]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from types import SimpleNamespace
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from fakes import ScriptedChatModel  # noqa: E402
from langgraph.types import Command  # noqa: E402

import agent.model.providers  # noqa: E402
import knowledge  # noqa: E402
from agent.context import Context  # noqa: E402
from agent.session import open_graph, run_turn  # noqa: E402

TARGET_MS = 50.0


class TimedModel(ScriptedChatModel):
    """The scripted model, also adding up the time spent inside it."""

    spent_s: float = 0.0

    async def _agenerate(self, *args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return await super()._agenerate(*args, **kwargs)
        finally:
            self.spent_s += time.perf_counter() - start


def _fake_search(
    query: str,
    genre: str | None = None,
    topic: str | None = None,
    k: int = 4,
    language: str | None = None,
) -> list[Any]:
    return [
        SimpleNamespace(
            text="Keep one clear turn.",
            source=f"genre-{genre}.md",
            heading="Structure",
            genre=genre,
            topic=topic,
            score=1.0,
        )
    ][:k]


class ToolClock:
    """Adds up time spent in document tools (PDF typesetting), which is not agent logic.

    The tool runs in a worker thread, so its CPU time is that thread's own clock.
    """

    wall_s = 0.0
    cpu_s = 0.0

    @classmethod
    def wrap(cls, function: Any) -> Any:
        def timed(*args: Any, **kwargs: Any) -> Any:
            wall, cpu = time.perf_counter(), time.thread_time()
            try:
                return function(*args, **kwargs)
            finally:
                cls.wall_s += time.perf_counter() - wall
                cls.cpu_s += time.thread_time() - cpu

        return timed


Sample = tuple[float, float]  # (wall ms, cpu ms)


async def _turn(
    graph: Any, thread: str, message: Any, context: Context, model: TimedModel
) -> tuple[Sample, Sample]:
    """One turn's agent overhead and its tool time, each as (wall, CPU) milliseconds.

    CPU time (the whole process, all threads) is what the agent costs even when other
    work on the machine slows the wall clock; the model's and the tool's shares are taken
    out of both figures.
    """
    model0, wall0, cpu0 = model.spent_s, ToolClock.wall_s, ToolClock.cpu_s
    start, cpu_start = time.perf_counter(), time.process_time()
    await run_turn(graph, thread, message, context)
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    in_model = model.spent_s - model0
    tool_wall, tool_cpu = ToolClock.wall_s - wall0, ToolClock.cpu_s - cpu0
    overhead = ((wall - in_model - tool_wall) * 1000, (cpu - in_model - tool_cpu) * 1000)
    return overhead, (tool_wall * 1000, tool_cpu * 1000)


async def main(rounds: int) -> dict[str, list[Sample]]:
    model = TimedModel()
    agent.model.providers.load_chat_model = lambda context=None: model  # type: ignore[assignment]
    knowledge.search_guidelines = _fake_search  # type: ignore[attr-defined]
    try:
        import tools.documents.pdf

        tools.documents.pdf.screenplay_pdf = ToolClock.wrap(tools.documents.pdf.screenplay_pdf)
    except ImportError:
        pass
    timings: dict[str, list[Sample]] = {
        "idea -> genre question": [],
        "genre -> version 1": [],
        "greeting (no model)": [],
        "pdf typesetting (tool)": [],
    }
    with tempfile.TemporaryDirectory() as tmp:
        async with open_graph(Path(tmp) / "checkpoints.sqlite") as graph:
            for n in range(rounds + 1):
                context = Context().updated(
                    project_dir=str(Path(tmp) / f"p{n}"), target_seconds=120, language="auto"
                )
                thread = f"bench-{n}"
                asked, _ = await _turn(
                    graph,
                    thread,
                    "a 2-minute film about a grandma teaching her grandson to make dumplings",
                    context,
                    model,
                )
                drafted, pdf = await _turn(
                    graph, thread, Command(resume="touching-family"), context, model
                )
                hello, _ = await _turn(graph, f"hello-{n}", "hi", context, model)
                if n == 0:
                    continue  # warm-up: imports, first SQLite pages
                timings["idea -> genre question"].append(asked)
                timings["genre -> version 1"].append(drafted)
                timings["greeting (no model)"].append(hello)
                timings["pdf typesetting (tool)"].append(pdf)
    return timings


def report(timings: dict[str, list[Sample]]) -> None:
    """Print wall and CPU medians per turn kind and the overall median against the target."""
    every: list[Sample] = []
    print(f"{'turn':26s} {'wall median':>12s} {'wall p90':>9s} {'CPU median':>11s}")
    for name, values in timings.items():
        if "(tool)" not in name:
            every += values
        walls, cpus = [v[0] for v in values], [v[1] for v in values]
        p90 = statistics.quantiles(walls, n=10)[-1] if len(walls) > 1 else walls[0]
        print(
            f"{name:26s} {statistics.median(walls):9.1f} ms {p90:6.1f} ms "
            f"{statistics.median(cpus):8.1f} ms"
        )
    wall = statistics.median(v[0] for v in every)
    cpu = statistics.median(v[1] for v in every)
    print(
        f"overall median per turn: wall {wall:.1f} ms (ratio {wall / TARGET_MS:.2f}), "
        f"CPU {cpu:.1f} ms (ratio {cpu / TARGET_MS:.2f}); target {TARGET_MS:.0f} ms; "
        f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
    )


IDEA = (
    "one-prompt: a grandma teaches her grandson to make dumplings the night before he "
    "moves abroad (genre: touching-family) (length: 60s)"
)


async def embedded_stages(resolution: str) -> None:
    """Wall time per stage of a 1-minute one-prompt film with the embedded model."""
    from langgraph.checkpoint.memory import InMemorySaver

    from agent.graph import builder
    from agent.model.providers import describe_model

    print(describe_model().note)
    starts: list[tuple[str, float]] = []
    start = time.perf_counter()

    def on_event(event: dict[str, Any]) -> None:
        stage = str(event.get("stage", ""))
        if event.get("type") != "progress" or stage.startswith("scene "):
            return
        if not starts or starts[-1][0] != stage:
            starts.append((stage, time.perf_counter() - start))

    with tempfile.TemporaryDirectory() as tmp:
        context = Context().updated(
            project_dir=str(Path(tmp) / "film"), resolution=resolution, language="en"
        )
        graph = builder.compile(checkpointer=InMemorySaver())
        result = await run_turn(graph, "stages", IDEA, context, on_event=on_event)
    total = time.perf_counter() - start
    if result.error:
        print(f"run failed: {result.error}")
    merged: dict[str, float] = {}
    for (stage, at), nxt in zip(starts, [*starts[1:], ("end", total)], strict=True):
        merged[stage] = merged.get(stage, 0.0) + (nxt[1] - at)
    for stage, seconds in merged.items():
        print(f"{stage:12s} {seconds:7.1f} s")
    print(f"{'total':12s} {total:7.1f} s (first stage starts at {starts[0][1]:.1f} s)")
    project = result.values.get("project") or {}
    if project:
        from film.form import estimate_runtime
        from film.screenplay import Project

        screenplay = Project.model_validate(project).screenplay
        if screenplay is not None:
            print(
                f"screenplay: {len(screenplay.scenes)} scenes, estimated "
                f"{estimate_runtime(screenplay):.0f} s; "
                f"{(result.values.get('production') or {}).get('summary', '')}"
            )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--embedded-stages", action="store_true")
    parser.add_argument("--resolution", default="720x1280")
    args = parser.parse_args()
    if args.embedded_stages:
        asyncio.run(embedded_stages(args.resolution))
    else:
        report(asyncio.run(main(args.rounds)))

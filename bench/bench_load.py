"""Load and soak: N scripted users against the real studio server, over HTTP and socket.io.

What it measures: the studio's own overhead per turn while several users work at once,
and whether a long run leaks. The server is ``chainlit run app.py`` with a throwaway
MICROFILM_HOME and its own accounts; the model is a fast fake on 127.0.0.1 behind
OPENAI_BASE_URL (:mod:`bench.load.fake_model`), so model time is near zero and every
second measured is the studio's (routing, retrieval, the quality gate, checkpoints, file
exports, chat history, websocket traffic). Nothing is rendered: the turns are an idea, a
genre, two rewrites, a retitle and an undo (:mod:`bench.load.script`).

- Latency: p50 and p95 of whole turns (message sent -> reply finished) for 1, 5 and 20
  users; each user pauses ``--think`` seconds (30 on average: reading a screenplay and
  typing the next request) between a reply and its next message. Target: p95 at the most
  users within 2x of one user.
- Errors: error messages, timeouts, replies that lack what was asked for, refused logins.
- Cross-talk: each conversation has a unique hero name; a reply or a project file that
  shows another conversation's name is cross-talk (:mod:`bench.load.crosstalk`). Target 0.
- Soak: ``--soak-turns`` turns by ``--soak-users`` users (``--soak-think`` 5 s, to press
  harder); resident memory and open files of the server's process tree sampled along the
  way. Target: flat (see :mod:`bench.load.report`).

Run: .venv/bin/python bench/bench_load.py            (full: 1/5/20 users, 500-turn soak)
     .venv/bin/python bench/bench_load.py --quick    (1 and 2 users, 20-turn soak)
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.load import report, studio  # noqa: E402
from bench.load.crosstalk import chat_problems, file_problems  # noqa: E402
from bench.load.report import Phase, Soak  # noqa: E402
from bench.load.users import Chat, Names, Plan, run_group  # noqa: E402

RESULTS = ROOT / "bench" / "results-load.md"


@dataclass
class Options:
    """The bench's knobs (the command line's, or the quick mode's)."""

    users: tuple[int, ...] = (1, 5, 20)
    turns_per_user: int = 12
    soak_turns: int = 500
    soak_users: int = 5
    think_s: float = 30.0
    out: Path = RESULTS
    quick: bool = False
    keep: bool = False
    soak_think_s: float = 5.0
    min_phase_turns: int = 24
    """A floor on a group's turns, so one user's p95 rests on four drafts, not two."""


QUICK = Options(
    users=(1, 2),
    turns_per_user=6,
    soak_turns=20,
    soak_users=2,
    think_s=1.0,
    soak_think_s=1.0,
    min_phase_turns=0,
)


@dataclass
class Results:
    """Everything the run found."""

    phases: list[Phase]
    soak: Soak
    crosstalk: list[str]
    start_footprint: studio.Footprint
    load_before: float = 0.0
    """The machine's 1-minute load average before the studio started."""

    @property
    def errors(self) -> list[str]:
        """Every failed turn and refused login, as one line each."""
        return [
            f"{turn.user} ({turn.kind}): {turn.problem}"
            for phase in [*self.phases, self.soak.phase]
            for turn in phase.errors
        ] + [failure for phase in [*self.phases, self.soak.phase] for failure in phase.failures]


async def _phase(running: studio.Running, plan: Plan, names: Names, chats: list[Chat]) -> Phase:
    before = studio.footprint(running.studio.pid, 0).cpu_s
    load = await run_group(plan, names)
    spent = studio.footprint(running.studio.pid, 0).cpu_s - before
    chats.extend(load.chats)
    return Phase(plan.users, load.turns, load.wall_s, spent, load.failures)


async def _soak(running: studio.Running, plan: Plan, names: Names, chats: list[Chat]) -> Soak:
    samples: list[studio.Footprint] = []
    every = max(1, plan.turns // 25)

    def sample(turns: int) -> None:
        if turns == 1 or turns % every == 0 or turns == plan.turns:
            samples.append(studio.footprint(running.studio.pid, turns, running.home))

    before = studio.footprint(running.studio.pid, 0).cpu_s
    load = await run_group(plan, names, after_turn=sample)
    spent = studio.footprint(running.studio.pid, 0).cpu_s - before
    chats.extend(load.chats)
    return Soak(Phase(plan.users, load.turns, load.wall_s, spent, load.failures), samples)


async def _drive(running: studio.Running, options: Options, accounts: dict[str, str]) -> Results:
    names, chats = Names(), list[Chat]()
    start = studio.footprint(running.studio.pid, 0, running.home)
    phases = []
    for users in options.users:
        turns = max(users * options.turns_per_user, options.min_phase_turns)
        plan = Plan(running.url, accounts, users, turns, options.think_s)
        phases.append(await _phase(running, plan, names, chats))
        print(f"[load] {users} users: {len(phases[-1].turns)} turns", flush=True)
    plan = Plan(running.url, accounts, options.soak_users, options.soak_turns, options.soak_think_s)
    soak = await _soak(running, plan, names, chats)
    print(f"[load] soak: {len(soak.phase.turns)} turns", flush=True)
    every_turn = [turn for phase in [*phases, soak.phase] for turn in phase.turns]
    drafted = {turn.name for turn in every_turn if turn.kind == "draft" and not turn.problem}
    reported: dict[str, set[str]] = {}
    for turn in every_turn:
        reported.setdefault(turn.name, set()).update(turn.foreign)
    on_disk = chat_problems(chats, reported) + file_problems(running.home, chats, drafted)
    return Results(phases, soak, report.crosstalk([*phases, soak.phase], on_disk), start)


def run_bench(options: Options, workdir: Path | None = None) -> Results:
    """Start the studio, run every group and the soak, stop the studio.

    The data folder and the server log go to ``workdir`` when given (kept), else to a
    temporary folder that is removed afterwards unless ``options.keep``.
    """
    base = Path(workdir or tempfile.mkdtemp(prefix="bench-load-"))
    load_before = os.getloadavg()[0]
    accounts = studio.accounts(max([*options.users, options.soak_users]))
    try:
        running = studio.start(base / "home", accounts)
        try:
            results = asyncio.run(_drive(running, options, accounts))
            results.load_before = load_before
            return results
        finally:
            studio.stop(running)
    finally:
        if workdir is None and not options.keep:
            shutil.rmtree(base, ignore_errors=True)
        else:
            print(f"[load] data folder and server log kept in {base}", flush=True)


def _command(options: Options) -> str:
    if options.quick:
        return ".venv/bin/python bench/bench_load.py --quick"
    args = [
        "--users", ",".join(map(str, options.users)),
        "--turns-per-user", str(options.turns_per_user),
        "--soak-turns", str(options.soak_turns),
        "--soak-users", str(options.soak_users),
        "--think", f"{options.think_s:g}",
        "--soak-think", f"{options.soak_think_s:g}",
    ]  # fmt: skip
    return ".venv/bin/python bench/bench_load.py " + shlex.join(args)


def _commit() -> str:
    try:
        return subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip()
    except OSError:
        return "unknown"


def markdown(results: Results, options: Options) -> str:
    """The results file."""
    phases, soak = results.phases, results.soak
    ratio = report.p95_ratio(phases)
    fewest, most = report.extremes(phases)
    start, middle, end = soak.marks()
    verdict = {True: "PASS", False: "FAIL"}
    lines = [
        "# Load and soak: the studio server under concurrent users",
        "",
        f"Rerun: `{_command(options)}`",
        "",
        *(
            [
                "Quick mode: a smoke run (1 and 2 users, a 20-turn soak). The figures the "
                "targets are about come from the full run: "
                f"`{_command(Options())}`.",
                "",
            ]
            if options.quick
            else []
        ),
        f"Measured {time.strftime('%Y-%m-%d %H:%M')} at commit {_commit()} on "
        f"{os.cpu_count()} cores (load average {results.load_before:.1f} before, "
        f"{os.getloadavg()[0]:.1f} after: other work on the machine slows every figure). "
        "The real server (`chainlit run app.py`, its retrieval, quality gate, checkpoints, "
        "exports and chat history) with a fake model on 127.0.0.1 that answers in "
        "milliseconds; draft and revision turns only, nothing rendered. Each user pauses "
        f"{options.think_s:g} s on average between a reply and the next message "
        f"({options.soak_think_s:g} s in the soak).",
        "",
        "## Verdicts",
        "",
        f"- p95 at {most.users} users / p95 at {fewest.users} "
        f"user{'s' if fewest.users > 1 else ''}: {ratio:.2f}x (target <= "
        f"{report.P95_TARGET_RATIO:g}x): **{verdict[ratio <= report.P95_TARGET_RATIO]}**",
        f"- errors: {len(results.errors)}: **{verdict[not results.errors]}**",
        f"- cross-talk: {len(results.crosstalk)}: **{verdict[not results.crosstalk]}**",
        f"- memory over the soak: {report.slope(soak.settled, 'rss_mb') * 100:+.2f} MB per 100 "
        f"turns, {soak.rss_growth_mb():+.1f} MB from turn {start.turns} to {end.turns}; open "
        f"files {start.open_files} -> {middle.open_files} -> {end.open_files}: "
        + (
            f"**{verdict[soak.flat()]}**"
            if soak.judged()
            else f"not judged (under {report.MIN_JUDGED_TURNS} turns after warm-up)"
        ),
        "",
        "## Turn latency",
        "",
        *report.latency_table([*phases, soak.phase]),
        "",
        "The last row is the soak. Server CPU is the server's process tree (user + system).",
        "",
        "Latency by kind of turn (every group above but the soak):",
        "",
        *report.kind_table(phases),
        "",
        "## Soak footprint",
        "",
        f"At start-up: {results.start_footprint.rss_mb:.1f} MB resident, "
        f"{results.start_footprint.open_files} open files.",
        "",
        *report.soak_table(soak),
        "",
        "RSS MB by turn: "
        + ", ".join(f"{sample.turns}: {sample.rss_mb:.0f}" for sample in soak.samples),
    ]
    if results.errors or results.crosstalk:
        lines += ["", "## Problems", ""]
        lines += [f"- {line}" for line in [*results.errors, *results.crosstalk][:30]]
    return "\n".join(lines) + "\n"


def _options(argv: list[str] | None) -> Options:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="1 and 2 users, 20-turn soak")
    parser.add_argument("--users", default="1,5,20", help="group sizes, comma-separated")
    parser.add_argument("--turns-per-user", type=int, default=12)
    parser.add_argument("--soak-turns", type=int, default=500)
    parser.add_argument("--soak-users", type=int, default=5)
    parser.add_argument("--think", type=float, default=30.0, help="mean think time, seconds")
    parser.add_argument("--soak-think", type=float, default=5.0, help="the soak's think time")
    parser.add_argument("--out", type=Path, default=RESULTS)
    parser.add_argument("--keep", action="store_true", help="keep the data folder and log")
    args = parser.parse_args(argv)
    if args.quick:
        return Options(**{**QUICK.__dict__, "out": args.out, "quick": True, "keep": args.keep})
    return Options(
        users=tuple(int(n) for n in args.users.split(",")),
        turns_per_user=args.turns_per_user,
        soak_turns=args.soak_turns,
        soak_users=args.soak_users,
        think_s=args.think,
        out=args.out,
        keep=args.keep,
        soak_think_s=args.soak_think,
    )


def main(argv: list[str] | None = None) -> int:
    """Run the bench, write the results file, print the summary; 1 on errors or cross-talk."""
    options = _options(argv)
    results = run_bench(options)
    text = markdown(results, options)
    options.out.write_text(text, encoding="utf-8")
    print(text)
    return 1 if results.errors or results.crosstalk else 0


if __name__ == "__main__":
    sys.exit(main())

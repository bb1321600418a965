"""N scripted users at once: each logs in, then works through conversations turn by turn.

A user is a closed loop with think time: send a message, wait for the whole reply, pause
(``think_s`` on average, drawn from a seeded generator so runs repeat), send the next.
Every conversation opens a new chat (a new socket and thread) under a name of its own,
so :mod:`bench.load.script` can tell whose words are whose. Turns are taken from a shared
budget, so a soak stops at exactly its turn count however the users interleave, and a
watcher is called after every turn (the soak samples memory there).
"""

from __future__ import annotations

import asyncio
import itertools
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from bench.load.client import Conversation, TurnRecord, log_in
from bench.load.script import conversation, hero_name

TURN_TIMEOUT_S = 120.0


@dataclass
class Chat:
    """One conversation as it happened: whose it was, its name, its thread."""

    user: str
    name: str
    language: str
    thread_id: str | None = None
    foreign: set[str] = field(default_factory=set)
    """Other conversations' names this chat was shown, over its whole life."""


@dataclass
class Load:
    """What a group of users did: every turn, every conversation, failures to connect."""

    turns: list[TurnRecord] = field(default_factory=list)
    chats: list[Chat] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    wall_s: float = 0.0


class Names:
    """Hands out conversation numbers, unique across the whole bench run."""

    def __init__(self) -> None:
        self._numbers = itertools.count()

    def next(self, language: str) -> str:
        """A name for a new conversation in ``language``."""
        return hero_name(next(self._numbers), language)


@dataclass
class Plan:
    """How a group of users runs.

    Attributes:
        url: The studio.
        accounts: Login name -> password; the first ``users`` are used.
        users: How many users at once.
        turns: The group's total turn budget.
        think_s: Mean pause between a reply and the next message.
        seed: Seeds the think times and the languages (every other user writes Chinese).
    """

    url: str
    accounts: dict[str, str]
    users: int
    turns: int
    think_s: float
    seed: int = 12


async def run_group(
    plan: Plan, names: Names, after_turn: Callable[[int], None] | None = None
) -> Load:
    """Run ``plan.users`` users until the group has used its turn budget."""
    load = Load()
    budget = iter(range(plan.turns))
    accounts = list(plan.accounts.items())[: plan.users]
    loop = asyncio.get_running_loop()
    start = loop.time()
    await asyncio.gather(
        *(
            _user(plan, user, password, index, names, budget, load, after_turn)
            for index, (user, password) in enumerate(accounts)
        )
    )
    load.wall_s = loop.time() - start
    return load


async def _user(
    plan: Plan,
    user: str,
    password: str,
    index: int,
    names: Names,
    budget: Iterator[int],
    load: Load,
    after_turn: Callable[[int], None] | None,
) -> None:
    rng = random.Random(plan.seed * 1000 + index)
    language = "zh" if index % 2 else "en"
    await asyncio.sleep(rng.uniform(0, plan.think_s))  # users arrive spread out, not at once
    try:
        cookie = await log_in(plan.url, user, password)
    except Exception as exc:  # noqa: BLE001 - a refused login is a result, not a crash
        load.failures.append(f"{user}: {exc}")
        return
    while True:
        name = names.next(language)
        chat = Chat(user, name, language)
        talk = Conversation(plan.url, user, cookie, name)
        try:
            await talk.open()
        except Exception as exc:  # noqa: BLE001 - a refused socket is a result, not a crash
            load.failures.append(f"{user}: could not open a chat: {exc!r}")
            await talk.close()
            return
        load.chats.append(chat)
        try:
            for turn in conversation(name, language):
                number = next(budget, None)
                if number is None:
                    return
                record = await talk.say(turn, TURN_TIMEOUT_S)
                chat.thread_id = talk.thread_id
                load.turns.append(record)
                if after_turn is not None:
                    after_turn(len(load.turns))
                if record.problem or talk.dropped:
                    break  # the script cannot go on in this chat; start a new one
                await asyncio.sleep(rng.uniform(0.5, 1.5) * plan.think_s)
        finally:
            chat.thread_id = talk.thread_id
            await talk.close()
            chat.foreign = talk.foreign()

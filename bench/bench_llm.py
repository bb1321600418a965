"""Benchmark the embedded model: time to ready, tokens/s, structured-call latency and validity.

Run from the repository root (CPU only, takes a few minutes on 2 cores):

    .venv/bin/python bench/bench_llm.py [--runs 5]

Compares three ways of getting a bounded object from the embedded model (MICROFILM_LOCAL_MODEL
picks it) through the llama.cpp server: grammar-constrained ``response_format`` (what
agent.model.structured uses), a forced tool call (langchain's function_calling method), and
unconstrained JSON text.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time
from typing import Literal

from langchain_core.messages import HumanMessage, SystemMessage
from pydantic import BaseModel, Field, ValidationError

from agent.model.json_repair import JsonRepairError, extract_json_object, json_instructions
from agent.model.local_server import LocalModelServer, LocalModelSettings, find_gguf
from agent.model.providers import embedded_chat_model
from agent.model.structured import invoke_structured


class FilmCard(BaseModel):
    title: str = Field(min_length=1, max_length=60)
    mood: Literal["warm", "funny", "sad", "tense"]
    places: list[str] = Field(min_length=1, max_length=3)


class Logline(BaseModel):
    title: str = Field(min_length=1, max_length=60)
    logline: str = Field(min_length=1, max_length=240)
    theme: str = Field(min_length=1, max_length=120)
    setting_time: str = Field(default="", max_length=60)


IDEA = "a grandmother learns to video-call her grandson who studies abroad"
SYSTEM = SystemMessage("You are a screenwriter. Answer with the JSON object requested.")


def prompt(schema: type[BaseModel]) -> list:
    ask = {
        "FilmCard": "Give a title, the mood and up to three places.",
        "Logline": "Write the title, a one-sentence logline, the theme and the time.",
    }
    return [SYSTEM, HumanMessage(f"Film idea: {IDEA}. {ask[schema.__name__]}")]


def time_to_ready(runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        server = LocalModelServer(find_gguf())
        started = time.perf_counter()
        server.ensure_started()
        times.append(time.perf_counter() - started)
        server.stop()
    return times


def chat_speed(server: LocalModelServer, runs: int) -> tuple[list[float], list[float]]:
    """Decoding tokens/s (the server streams one token per chunk) and time to first token."""
    model = embedded_chat_model(server, max_tokens=128, temperature=0.7)
    rates, ttfts = [], []
    for _ in range(runs):
        started = time.perf_counter()
        first, tokens = None, 0
        for chunk in model.stream([HumanMessage("Tell a short story about a lighthouse.")]):
            if chunk.content:
                tokens += 1
                first = first if first is not None else time.perf_counter() - started
        total = time.perf_counter() - started
        ttfts.append(first or total)
        rates.append((tokens - 1) / max(total - (first or 0.0), 1e-6))
    return rates, ttfts


def structured_mode(
    server: LocalModelServer, schema: type[BaseModel], mode: str, runs: int
) -> dict[str, object]:
    model = embedded_chat_model(server, max_tokens=512, temperature=0.7)
    latencies, valid, tokens = [], 0, []
    for _ in range(runs):
        started = time.perf_counter()
        try:
            if mode == "agent.model.structured (grammar, 3 attempts)":
                invoke_structured(model, schema, prompt(schema))
                ok = True
            elif mode == "one grammar-constrained answer":
                bound = model.bind_json_schema(schema.model_json_schema())
                reply = bound.invoke(
                    prompt(schema)[:-1]
                    + [
                        HumanMessage(
                            prompt(schema)[-1].content
                            + "\n\n"
                            + json_instructions(schema.model_json_schema())
                        )
                    ]
                )
                usage = getattr(reply, "usage_metadata", None) or {}
                tokens.append(usage.get("output_tokens", 0))
                schema.model_validate(extract_json_object(str(reply.content)))
                ok = True
            elif mode == "one forced tool call":
                raw = model.with_structured_output(
                    schema, method="function_calling", include_raw=True
                ).invoke(prompt(schema))
                ok = raw["parsed"] is not None
            else:  # one unconstrained JSON text answer
                reply = model.invoke(
                    prompt(schema)[:-1]
                    + [
                        HumanMessage(
                            prompt(schema)[-1].content
                            + "\n\n"
                            + json_instructions(schema.model_json_schema())
                        )
                    ]
                )
                schema.model_validate(extract_json_object(str(reply.content)))
                ok = True
        except (ValidationError, JsonRepairError, Exception) as exc:  # noqa: B014
            ok = False
            print(f"    {mode}: {type(exc).__name__}: {str(exc)[:100]}")
        latencies.append(time.perf_counter() - started)
        valid += ok
    return {
        "median_s": round(statistics.median(latencies), 2),
        "max_s": round(max(latencies), 2),
        "valid": f"{valid}/{runs}",
        "median_tokens": statistics.median(tokens) if tokens else None,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    print(f"load average before: {os.getloadavg()}")
    ready = time_to_ready(3)
    print(
        f"time to ready: median {statistics.median(ready):.2f} s, runs "
        f"{[round(r, 2) for r in ready]}"
    )
    for threads in (1, 2):
        server = LocalModelServer(find_gguf(), LocalModelSettings(n_threads=threads))
        try:
            server.ensure_started()
            rates, ttfts = chat_speed(server, runs)
            print(
                f"threads={threads} load={os.getloadavg()[0]:.1f} chat: "
                f"{statistics.median(rates):.1f} tokens/s median "
                f"(runs {[round(r, 1) for r in rates]}), first token "
                f"{statistics.median(ttfts):.2f} s"
            )
            modes = [
                "one grammar-constrained answer",
                "one forced tool call",
                "one unconstrained JSON text answer",
                "agent.model.structured (grammar, 3 attempts)",
            ]
            for schema in (FilmCard, Logline):
                for mode in modes if threads == 1 else modes[:1]:
                    result = structured_mode(server, schema, mode, runs)
                    print(f"threads={threads} {schema.__name__:9} {mode:40} {json.dumps(result)}")
        finally:
            server.stop()
    print(f"load average after: {os.getloadavg()}")


if __name__ == "__main__":
    main()

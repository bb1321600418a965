"""How the embedded llama.cpp server is launched, with the measurements behind each default.

Measured on the 2-core development machine while other test runs kept it busy (load 4-5),
serving Qwen2.5-Coder-1.5B-Instruct Q4_K_M through ``python -m llama_cpp.server``:

- Threads: the cores that are free when the server launches (:func:`free_cores`, from a
  0.4 s sample of the machine's CPU), at most 4.
  Busy (load 4-5), one thread read prompts at 14-20 tokens/s and generated 5.6-8 tokens/s;
  two threads read at 5-10 and generated 0.5-7.8 tokens/s. llama.cpp's worker threads
  spin-wait at every barrier, so two threads on two busy cores (ffmpeg, tests, a second
  session) stall each other; SmolLM2 showed the same collapse, from ~50 to ~2 tokens/s
  (bench/results-llm.md). Idle (load 0.5), the same two cores gave one thread 27 tokens/s
  read and 11 generated, and two threads 38-44 read and 16 generated: about 1.45x, which
  is what brings a one-minute draft under three minutes. ``MICROFILM_LOCAL_THREADS`` sets a
  number instead.
- Context: 4096 tokens. Prompts are read at ~15-25 tokens/s, so one long enough to need
  more would take minutes anyway; 8192 would add ~110 MB of KV cache.
- ``logits_all`` off: the server's default keeps 600 KB of logits for every prompt token
  (Qwen's vocabulary has 152k entries), which only logprobs need; it cost ~0.6 GB.
- Prompt cache: on, 64 MB. It keeps the model's state after each answer, so a stage whose
  prompt starts like an earlier one (same system prompt, a retry) skips re-reading that
  prefix even when another stage ran in between: with three ~260-token system prompts
  taking turns, a repeat fell from 14-24 s to 0.6-2 s. Each saved state also carries up to
  ``n_batch`` rows of logits that the cache does not count, hence the batch of 64 (prompts
  were read as fast as with 512): the server then settled at ~2.35 GB resident instead of
  ~1.9 GB without the cache. ``MICROFILM_LOCAL_CACHE_MB=0`` turns it off.
"""

from __future__ import annotations

import logging
import os
import time
from dataclasses import dataclass

log = logging.getLogger(__name__)


MAX_AUTO_THREADS = 4
"""A 1.5B model gains little past four threads, and the renderer needs cores too."""


def _busy_cores_now(window_s: float = 0.4) -> float | None:
    """How many cores' worth of CPU the whole machine used over ``window_s`` (Linux only).

    Sampled at the moment the server launches, when this process itself is waiting for it:
    the one-minute load average still counted the studio's own start-up (index build,
    imports) and kept choosing one thread on an idle machine.
    """

    def totals() -> tuple[int, int]:
        with open("/proc/stat", encoding="ascii") as stat:
            fields = [int(v) for v in stat.readline().split()[1:]]
        idle = fields[3] + (fields[4] if len(fields) > 4 else 0)  # idle + iowait
        return sum(fields), idle

    try:
        total_0, idle_0 = totals()
        time.sleep(window_s)
        total_1, idle_1 = totals()
    except (OSError, ValueError, IndexError):
        return None
    spent = total_1 - total_0
    if spent <= 0:
        return None
    return (os.cpu_count() or 1) * (1 - (idle_1 - idle_0) / spent)


def free_cores() -> int:
    """Cores not busy right now, at least one and at most :data:`MAX_AUTO_THREADS`.

    Busy is what the machine used in a short sample (:func:`_busy_cores_now`), else the
    one-minute load average; with neither, the machine is taken to be shared. Read when the
    model server starts: a machine busy with renders or tests gets the single thread that
    does not collapse, an idle one gets the speed of all its cores.
    """
    cores = os.cpu_count() or 1
    busy = _busy_cores_now()
    if busy is None:
        try:
            busy = os.getloadavg()[0]
        except OSError:
            busy = cores - 1
    return max(1, min(MAX_AUTO_THREADS, cores - round(busy)))


@dataclass(frozen=True)
class LocalModelSettings:
    """How the server is launched; defaults suit a 2-core machine shared with rendering."""

    n_threads: int = 0
    """0 is "auto": :func:`free_cores`, decided each time the server launches."""
    n_ctx: int = 4096
    n_batch: int = 64
    cache_mb: int = 64
    ready_timeout_s: float = 60.0
    entry: str = "llama_cpp.server"
    """Module run with ``-m`` semantics, or a ``.py`` path (tests use a stand-in)."""

    @classmethod
    def from_env(cls) -> LocalModelSettings:
        """Defaults, with ``MICROFILM_LOCAL_THREADS`` / ``_CTX`` / ``_CACHE_MB`` applied.

        ``MICROFILM_LOCAL_THREADS`` unset, empty or ``auto`` means :func:`free_cores` at launch.
        """

        def number(name: str, default: int, least: int = 1) -> int:
            try:
                return max(least, int(os.environ.get(name, "") or default))
            except ValueError:
                log.warning("ignoring %s=%r: not a whole number", name, os.environ[name])
                return default

        return cls(
            n_threads=(
                0
                if os.environ.get("MICROFILM_LOCAL_THREADS", "auto").strip().lower() in ("", "auto")
                else number("MICROFILM_LOCAL_THREADS", 1)
            ),
            n_ctx=number("MICROFILM_LOCAL_CTX", cls.n_ctx),
            cache_mb=number("MICROFILM_LOCAL_CACHE_MB", cls.cache_mb, least=0),
        )

    def threads(self) -> int:
        """The thread count to launch with: the one set, or the cores free right now."""
        return self.n_threads or free_cores()

    def server_flags(self, threads: int | None = None) -> list[str]:
        """The ``llama_cpp.server`` command-line options these settings stand for.

        ``threads``: the count decided for this launch (:meth:`threads` when not given).
        """
        threads = threads or self.threads()
        options: dict[str, object] = {
            "n_threads": threads,
            "n_threads_batch": threads,
            "n_ctx": self.n_ctx,
            "n_batch": self.n_batch,
            "logits_all": "false",
            "interrupt_requests": "false",
            "use_mlock": "false",
        }
        if self.cache_mb:
            options |= {"cache": "true", "cache_type": "ram", "cache_size": self.cache_mb << 20}
        return [word for name, value in options.items() for word in (f"--{name}", str(value))]

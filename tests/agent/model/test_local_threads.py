"""The embedded model's thread count: the cores free at start, or what the user sets."""

from __future__ import annotations

import pytest

from agent.model import local_settings
from agent.model.local_settings import MAX_AUTO_THREADS, LocalModelSettings, free_cores


def _machine(monkeypatch: pytest.MonkeyPatch, cores: int, load: float) -> None:
    monkeypatch.setattr(local_settings.os, "cpu_count", lambda: cores)
    monkeypatch.setattr(local_settings.os, "getloadavg", lambda: (load, load, load))


@pytest.mark.parametrize(
    ("cores", "load", "threads"),
    [
        (2, 0.3, 2),  # idle: both cores (measured 1.45x faster than one)
        (2, 0.97, 1),  # one core busy: one thread, which does not collapse
        (2, 4.5, 1),  # a busy box never gets fewer than one
        (16, 0.0, MAX_AUTO_THREADS),  # a big idle box is capped
        (8, 5.2, 3),
    ],
)
def test_auto_threads_follow_the_free_cores(
    monkeypatch: pytest.MonkeyPatch, cores: int, load: float, threads: int
) -> None:
    _machine(monkeypatch, cores, load)
    assert free_cores() == threads
    monkeypatch.delenv("MICROFILM_LOCAL_THREADS", raising=False)
    assert LocalModelSettings.from_env().n_threads == threads
    monkeypatch.setenv("MICROFILM_LOCAL_THREADS", "auto")
    assert LocalModelSettings.from_env().n_threads == threads
    assert LocalModelSettings().n_threads == threads


def test_a_number_overrides_and_nonsense_falls_back_to_one(monkeypatch: pytest.MonkeyPatch) -> None:
    _machine(monkeypatch, 2, 0.0)
    monkeypatch.setenv("MICROFILM_LOCAL_THREADS", "1")
    settings = LocalModelSettings.from_env()
    assert settings.n_threads == 1
    flags = settings.server_flags()
    assert flags[flags.index("--n_threads") + 1] == "1"
    assert flags[flags.index("--n_threads_batch") + 1] == "1"
    monkeypatch.setenv("MICROFILM_LOCAL_THREADS", "many")
    assert LocalModelSettings.from_env().n_threads == 1


def test_no_load_average_assumes_a_shared_machine(monkeypatch: pytest.MonkeyPatch) -> None:
    def missing() -> tuple[float, float, float]:
        raise OSError("no load average here")

    monkeypatch.setattr(local_settings.os, "cpu_count", lambda: 2)
    monkeypatch.setattr(local_settings.os, "getloadavg", missing)
    assert free_cores() == 1

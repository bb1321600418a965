"""The embedded model's thread count: the cores free when it launches, or what the user sets."""

from __future__ import annotations

import pytest

from agent.model import local_settings
from agent.model.local_settings import MAX_AUTO_THREADS, LocalModelSettings, free_cores


def _machine(monkeypatch: pytest.MonkeyPatch, cores: int, busy: float | None, load: float) -> None:
    monkeypatch.setattr(local_settings.os, "cpu_count", lambda: cores)
    monkeypatch.setattr(local_settings, "_busy_cores_now", lambda: busy)
    monkeypatch.setattr(local_settings.os, "getloadavg", lambda: (load, load, load))


@pytest.mark.parametrize(
    ("cores", "busy", "threads"),
    [
        (2, 0.2, 2),  # idle: both cores (measured 1.45x faster than one)
        (2, 1.1, 1),  # one core busy: one thread, which does not collapse
        (2, 4.5, 1),  # a busy box never gets fewer than one
        (16, 0.0, MAX_AUTO_THREADS),  # a big idle box is capped
        (8, 5.2, 3),
    ],
)
def test_auto_threads_follow_the_cores_free_at_launch(
    monkeypatch: pytest.MonkeyPatch, cores: int, busy: float, threads: int
) -> None:
    _machine(monkeypatch, cores, busy, load=9.0)  # the sample wins over the load average
    assert free_cores() == threads
    monkeypatch.delenv("MICROFILM_LOCAL_THREADS", raising=False)
    settings = LocalModelSettings.from_env()
    assert settings.n_threads == 0, "auto is decided at launch, not when settings are read"
    assert settings.threads() == threads
    flags = settings.server_flags()
    assert flags[flags.index("--n_threads") + 1] == str(threads)
    monkeypatch.setenv("MICROFILM_LOCAL_THREADS", "auto")
    assert LocalModelSettings.from_env().threads() == threads


def test_the_load_average_stands_in_where_no_sample_can_be_taken(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _machine(monkeypatch, 2, None, load=0.3)
    assert free_cores() == 2
    _machine(monkeypatch, 2, None, load=1.4)
    assert free_cores() == 1

    def missing() -> tuple[float, float, float]:
        raise OSError("no load average here")

    monkeypatch.setattr(local_settings.os, "getloadavg", missing)
    assert free_cores() == 1, "with no measure at all the machine is taken to be shared"


def test_a_number_overrides_and_nonsense_falls_back_to_one(monkeypatch: pytest.MonkeyPatch) -> None:
    _machine(monkeypatch, 2, 0.0, load=0.0)
    monkeypatch.setenv("MICROFILM_LOCAL_THREADS", "1")
    settings = LocalModelSettings.from_env()
    assert settings.threads() == 1
    flags = settings.server_flags()
    assert flags[flags.index("--n_threads") + 1] == "1"
    assert flags[flags.index("--n_threads_batch") + 1] == "1"
    monkeypatch.setenv("MICROFILM_LOCAL_THREADS", "many")
    assert LocalModelSettings.from_env().threads() == 1


def test_the_sample_reads_this_machine() -> None:
    busy = local_settings._busy_cores_now(0.05)
    assert busy is not None and 0.0 <= busy <= (local_settings.os.cpu_count() or 1) + 0.01

"""Login throttling on a hand-driven clock: per account, per address, back-off, memory."""

from __future__ import annotations

import pytest

from webapp.throttle import (
    ACCOUNT_BACKOFF,
    ADDRESS_BACKOFF,
    Backoff,
    LoginThrottle,
    Throttle,
    address_key,
    whole_seconds,
)


class Clock:
    """Seconds that pass only when a test says so."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock() -> Clock:
    return Clock()


def test_five_free_failures_then_waits_double_up_to_the_cap(clock: Clock) -> None:
    throttle = Throttle(ACCOUNT_BACKOFF, clock=clock)
    waits = []
    for _ in range(16):
        assert throttle.wait_s("alice") == 0.0, "each try here comes after the last wait"
        waits.append(throttle.failed("alice"))
        clock.advance(waits[-1])
    assert waits[:4] == [0.0] * 4
    assert waits[4:13] == [2, 4, 8, 16, 32, 64, 128, 256, 512]
    assert waits[13:] == [900, 900, 900], "capped at 15 minutes"


def test_a_try_during_the_wait_is_refused_until_the_wait_is_over(clock: Clock) -> None:
    throttle = Throttle(ACCOUNT_BACKOFF, clock=clock)
    for _ in range(6):
        throttle.failed("alice")
    assert throttle.wait_s("alice") == 4.0
    clock.advance(3.5)
    assert throttle.wait_s("alice") == pytest.approx(0.5)
    assert whole_seconds(throttle.wait_s("alice")) == 1
    clock.advance(0.5)
    assert throttle.wait_s("alice") == 0.0


def test_accounts_are_counted_apart(clock: Clock) -> None:
    throttle = LoginThrottle({"alice", "bob"}, clock=clock)
    for _ in range(5):
        throttle.failed("alice", None)
    assert throttle.wait_s("alice", None) == 2.0
    assert throttle.wait_s("bob", None) == 0.0


def test_success_forgets_the_account_but_not_the_address(clock: Clock) -> None:
    throttle = LoginThrottle({"alice"}, clock=clock)
    for _ in range(4):
        throttle.failed("alice", "203.0.113.7")
    throttle.succeeded("alice")
    assert throttle.failed("alice", "203.0.113.7") == 0.0, "the account starts afresh"
    waits = [throttle.failed(f"guess{n}", "203.0.113.7") for n in range(15)]
    assert waits[:14] == [0.0] * 14
    assert waits[14] == ADDRESS_BACKOFF.first_wait_s, "the address kept all 20 failures"


def test_one_address_guessing_across_many_usernames_is_slowed(clock: Clock) -> None:
    throttle = LoginThrottle({"alice"}, clock=clock)
    for number in range(ADDRESS_BACKOFF.free_failures):
        throttle.failed(f"guess{number}", "203.0.113.7")
    assert throttle.wait_s("alice", "203.0.113.7") == ADDRESS_BACKOFF.first_wait_s
    assert throttle.wait_s("alice", "198.51.100.9") == 0.0, "other addresses are not held up"


def test_many_addresses_guessing_one_account_are_slowed(clock: Clock) -> None:
    throttle = LoginThrottle({"alice"}, clock=clock)
    for number in range(5):
        throttle.failed("alice", f"198.51.100.{number}")
    assert throttle.wait_s("alice", "192.0.2.44") == 2.0


def test_failures_are_forgotten_after_a_quiet_hour(clock: Clock) -> None:
    throttle = Throttle(ACCOUNT_BACKOFF, clock=clock)
    for _ in range(8):
        throttle.failed("alice")
    clock.advance(ACCOUNT_BACKOFF.forget_after_s - 1)
    assert throttle.wait_s("alice") == 0.0 and len(throttle) == 1
    clock.advance(1)
    assert throttle.wait_s("bob") == 0.0
    assert len(throttle) == 0, "the expired record is gone, not just ignored"
    assert throttle.failed("alice") == 0.0, "counting starts again from one"


def test_a_flood_of_names_and_addresses_cannot_grow_memory(clock: Clock) -> None:
    throttle = LoginThrottle({"alice"}, clock=clock, capacity=100)
    for _ in range(5):
        throttle.failed("alice", "192.0.2.1")
    for number in range(5000):
        clock.advance(0.001)
        throttle.failed(f"user{number}-" + "x" * 1000, f"10.{number // 250}.{number % 250}.1")
    assert len(throttle.strangers) == 100 and len(throttle.addresses) == 100
    assert len(throttle.accounts) == 1
    assert throttle.failed("alice", None) == 4.0, "a real account's count is never pushed out"


def test_the_longest_quiet_key_is_dropped_first(clock: Clock) -> None:
    throttle = Throttle(ACCOUNT_BACKOFF, capacity=2, clock=clock)
    for _ in range(5):
        throttle.failed("old")
    throttle.failed("middle")
    for _ in range(5):
        throttle.failed("old")  # "old" is now the most recent
    throttle.failed("new")
    assert throttle.wait_s("old") > 0
    assert len(throttle) == 2
    assert throttle.failed("middle") == 0.0, "middle was dropped and starts again"


def test_ipv6_addresses_count_by_their_slash_64() -> None:
    assert address_key("2001:db8:1:2:aaaa::1") == address_key("2001:db8:1:2:bbbb::9")
    assert address_key("2001:db8:1:2::1") == "2001:db8:1:2::/64"
    assert address_key("2001:db8:1:3::1") != address_key("2001:db8:1:2::1")
    assert address_key("::ffff:192.0.2.5") == "192.0.2.5"
    assert address_key(" 192.0.2.5 ") == "192.0.2.5"
    assert address_key("testclient") == "testclient"


def test_a_backoff_that_could_forget_during_a_wait_is_refused() -> None:
    with pytest.raises(ValueError, match="max_wait_s <= forget_after_s"):
        Backoff(free_failures=5, first_wait_s=2, max_wait_s=900, forget_after_s=60)
    with pytest.raises(ValueError, match="free_failures"):
        Backoff(free_failures=0, first_wait_s=2, max_wait_s=9, forget_after_s=60)
    with pytest.raises(ValueError, match="capacity"):
        Throttle(ACCOUNT_BACKOFF, capacity=0)


def test_a_very_long_run_of_failures_stays_at_the_cap() -> None:
    assert ACCOUNT_BACKOFF.wait_after(10_000) == ACCOUNT_BACKOFF.max_wait_s

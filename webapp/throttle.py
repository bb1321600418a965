"""Login throttling: after a few wrong passwords, each further try waits longer.

A password form that answers as fast as it can lets anyone guess thousands of passwords a
minute (a tester sent 30 in half a second, then the right one got in). So failures are
counted twice: per account, which stops many machines guessing one password, and per
client address, which stops one machine guessing across many accounts. After
``free_failures`` failures, every further try must wait, and the wait doubles with each
failure up to a cap. A try during the wait is refused without looking at the password, so
even the right password waits. Success forgets the account's failures (not the address's:
otherwise a guesser holding one valid account could clear its own count between guesses).

Memory stays bounded whatever arrives: keys are stored as fixed-size digests, entries are
forgotten ``forget_after_s`` after their last failure, and each table holds at most
``capacity`` entries, dropping the longest-quiet one first. Failures for the studio's real
accounts live in a table of their own that only those names can enter, so a flood of
made-up usernames can never push a real account's count out.

Everything here is plain bookkeeping on an injectable clock: no I/O, no awaits, so a check
and the record that follows it cannot interleave with another request's.
"""

from __future__ import annotations

import hashlib
import ipaddress
import math
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

Clock = Callable[[], float]


@dataclass(frozen=True)
class Backoff:
    """How failures turn into waits for one kind of key (an account or an address)."""

    free_failures: int
    """Failures allowed before any wait."""
    first_wait_s: float
    """The wait after the failure that uses up the free ones; it doubles after each more."""
    max_wait_s: float
    """No single wait is longer than this."""
    forget_after_s: float
    """Failures are forgotten this long after the last one (at least ``max_wait_s``)."""

    def __post_init__(self) -> None:
        if self.free_failures < 1 or self.first_wait_s <= 0:
            raise ValueError("free_failures must be >= 1 and first_wait_s > 0")
        if not self.first_wait_s <= self.max_wait_s <= self.forget_after_s:
            raise ValueError("need first_wait_s <= max_wait_s <= forget_after_s")

    def wait_after(self, failures: int) -> float:
        """Seconds to wait after the ``failures``-th failure in a row."""
        if failures < self.free_failures:
            return 0.0
        doublings = min(failures - self.free_failures, 64)  # 2**64 s is past any cap
        return min(self.max_wait_s, self.first_wait_s * 2.0**doublings)


ACCOUNT_BACKOFF = Backoff(free_failures=5, first_wait_s=2, max_wait_s=900, forget_after_s=3600)
"""Per account: 5 free tries, then 2 s, 4 s, 8 s ... up to 15 minutes between guesses."""
ADDRESS_BACKOFF = Backoff(free_failures=20, first_wait_s=2, max_wait_s=900, forget_after_s=3600)
"""Per address: more slack, since several people may share one address (an office, NAT)."""
DEFAULT_CAPACITY = 20_000
"""Entries per table: about 5 MB at most, far more than the addresses of honest users."""


@dataclass(slots=True)
class _Record:
    failures: int
    last_failure: float
    blocked_until: float


class Throttle:
    """Failure counts and waits for one kind of key, in bounded memory."""

    def __init__(
        self, backoff: Backoff, capacity: int = DEFAULT_CAPACITY, clock: Clock = time.monotonic
    ) -> None:
        if capacity < 1:
            raise ValueError("capacity must be >= 1")
        self.backoff = backoff
        self.capacity = capacity
        self._clock = clock
        # Oldest last failure first: every record expires forget_after_s after its last
        # failure (a wait never outlasts that), so expired records sit at the front.
        self._records: OrderedDict[bytes, _Record] = OrderedDict()

    def __len__(self) -> int:
        return len(self._records)

    def wait_s(self, key: str) -> float:
        """Seconds before ``key`` may try again; 0.0 when it may try now."""
        now = self._clock()
        self._forget_expired(now)
        record = self._records.get(_digest(key))
        return max(0.0, record.blocked_until - now) if record else 0.0

    def failed(self, key: str) -> float:
        """Count a failure for ``key``; returns the wait it now has before the next try."""
        now = self._clock()
        self._forget_expired(now)
        slot = _digest(key)
        record = self._records.pop(slot, None)
        failures = record.failures + 1 if record else 1
        wait = self.backoff.wait_after(failures)
        self._records[slot] = _Record(failures, now, now + wait)
        while len(self._records) > self.capacity:
            self._records.popitem(last=False)  # the longest-quiet key goes first
        return wait

    def succeeded(self, key: str) -> None:
        """Forget ``key``'s failures."""
        self._records.pop(_digest(key), None)

    def _forget_expired(self, now: float) -> None:
        horizon = now - self.backoff.forget_after_s
        while self._records:
            slot, oldest = next(iter(self._records.items()))
            if oldest.last_failure > horizon:
                return
            del self._records[slot]


class LoginThrottle:
    """Account and address throttles together, as the login form uses them."""

    def __init__(
        self,
        known_accounts: Iterable[str],
        clock: Clock = time.monotonic,
        account: Backoff = ACCOUNT_BACKOFF,
        address: Backoff = ADDRESS_BACKOFF,
        capacity: int = DEFAULT_CAPACITY,
    ) -> None:
        self._known = frozenset(known_accounts)
        self.accounts = Throttle(account, max(1, len(self._known)), clock)
        """Real accounts only: its capacity is their number, so none is ever pushed out."""
        self.strangers = Throttle(account, capacity, clock)
        """Usernames that are no account, throttled alike so the answers give nothing away."""
        self.addresses = Throttle(address, capacity, clock)

    def _account_table(self, username: str) -> Throttle:
        return self.accounts if username in self._known else self.strangers

    def wait_s(self, username: str, address: str | None) -> float:
        """Seconds before this username from this address may try (0.0: now)."""
        wait = self._account_table(username).wait_s(username)
        if address is not None:
            wait = max(wait, self.addresses.wait_s(address_key(address)))
        return wait

    def failed(self, username: str, address: str | None) -> float:
        """Count a wrong password; returns the wait before this pair's next try."""
        wait = self._account_table(username).failed(username)
        if address is not None:
            wait = max(wait, self.addresses.failed(address_key(address)))
        return wait

    def succeeded(self, username: str) -> None:
        """A right password: the account starts afresh (its address's count stays)."""
        self._account_table(username).succeeded(username)


def address_key(host: str) -> str:
    """The unit an address is throttled by: the IPv4 address, or the IPv6 /64 network.

    One IPv6 machine usually has a whole /64 to pick addresses from, so counting single
    IPv6 addresses would let it start afresh with every try. Names that are not addresses
    (a test client, a Unix socket) count as themselves.
    """
    try:
        parsed = ipaddress.ip_address(host.strip().strip("[]"))
    except ValueError:
        return host
    if isinstance(parsed, ipaddress.IPv6Address):
        if parsed.ipv4_mapped is not None:
            return str(parsed.ipv4_mapped)
        return str(ipaddress.IPv6Network((parsed, 64), strict=False))
    return str(parsed)


def whole_seconds(wait_s: float) -> int:
    """A wait as the whole seconds to tell the user (never 0 while a wait remains)."""
    return max(1, math.ceil(wait_s))


def _digest(key: str) -> bytes:
    """A fixed-size stand-in for ``key``, so a huge username costs no more than a short one."""
    return hashlib.blake2b(key.encode("utf-8", "surrogatepass"), digest_size=16).digest()

"""The login throttle: attempts counted per account and per client address, atomically.

Each attempt is counted *before* its password is checked, in one atomic step that also
returns the new count: forty concurrent guesses get at most ``LOGIN_FAILURES`` of them
checked, on one process (a lock) or many (Redis: INCR and EXPIRE in one Lua script).  A
right password gives its attempt back, so an office that logs in all day is never blocked.
Keys are SHA-256 hashes of the normalised e-mail and the address: an e-mail field of
12 MB costs 64 bytes here, and the login view refuses such a field before it gets here.
"""

from __future__ import annotations

import hashlib
import math
import threading
import time
import unicodedata
from dataclasses import dataclass
from dataclasses import field
from typing import Any
from typing import Protocol

import redis

LOGIN_FAILURES = 5
LOGIN_WINDOW_MINUTES = 15
# RFC 5321 allows 254 characters in an address; no password manager makes 1 024.
MAX_EMAIL_LENGTH = 254
MAX_PASSWORD_LENGTH = 1024


def normalised_email(email: str) -> str:
    """The e-mail as the throttle counts it: NFKC, no surrounding blanks, case folded."""
    return unicodedata.normalize("NFKC", email).strip().casefold()


def _hashed(kind: str, text: str) -> str:
    return f"{kind}:{hashlib.sha256(text.encode('utf-8', 'surrogatepass')).hexdigest()}"


class _Counter(Protocol):
    def count(self, keys: list[str], window: int) -> list[tuple[int, float]]: ...

    def peek(self, keys: list[str]) -> list[tuple[int, float]]: ...

    def give_back(self, keys: list[str]) -> None: ...


@dataclass
class MemoryCounter:
    """Counters of one process, behind one lock; expired ones are swept as new ones come."""

    _lock: threading.Lock = field(default_factory=threading.Lock)
    _counts: dict[str, tuple[int, float]] = field(default_factory=dict)
    _next_sweep: float = 0.0

    def count(self, keys: list[str], window: int) -> list[tuple[int, float]]:
        """Add one to each key and return (count, seconds left) for each."""
        now = time.time()
        found = []
        with self._lock:
            if now >= self._next_sweep:
                self._counts = {k: v for k, v in self._counts.items() if v[1] > now}
                self._next_sweep = now + 60
            for key in keys:
                number, ends = self._counts.get(key, (0, 0.0))
                if ends <= now:
                    number, ends = 0, now + window
                self._counts[key] = (number + 1, ends)
                found.append((number + 1, ends - now))
        return found

    def peek(self, keys: list[str]) -> list[tuple[int, float]]:
        """(count, seconds left) for each key, counting nothing."""
        now = time.time()
        with self._lock:
            values = [self._counts.get(key, (0, 0.0)) for key in keys]
        return [(n, ends - now) if ends > now else (0, 0.0) for n, ends in values]

    def give_back(self, keys: list[str]) -> None:
        """Take one off each key that still counts."""
        with self._lock:
            for key in keys:
                number, ends = self._counts.get(key, (0, 0.0))
                if number > 0:
                    self._counts[key] = (number - 1, ends)


# One round trip, atomic in Redis: add one, start the window on the first, report the TTL.
_COUNT_SCRIPT = """
local found = {}
for _, key in ipairs(KEYS) do
  local number = redis.call('INCR', key)
  local ttl = redis.call('TTL', key)
  if number == 1 or ttl < 0 then
    redis.call('EXPIRE', key, ARGV[1])
    ttl = tonumber(ARGV[1])
  end
  table.insert(found, number)
  table.insert(found, ttl)
end
return found
"""
_GIVE_BACK_SCRIPT = """
for _, key in ipairs(KEYS) do
  if tonumber(redis.call('GET', key) or '0') > 0 then redis.call('DECR', key) end
end
return 0
"""


class RedisCounter:
    """Counters shared by every process on one Redis."""

    def __init__(self, url: str) -> None:
        self._client: Any = redis.Redis.from_url(url)
        self._count = self._client.register_script(_COUNT_SCRIPT)
        self._give_back = self._client.register_script(_GIVE_BACK_SCRIPT)

    def count(self, keys: list[str], window: int) -> list[tuple[int, float]]:
        """Add one to each key and return (count, seconds left) for each."""
        found = [int(n) for n in self._count(keys=keys, args=[window])]
        return [(found[i], float(found[i + 1])) for i in range(0, len(found), 2)]

    def peek(self, keys: list[str]) -> list[tuple[int, float]]:
        """(count, seconds left) for each key, counting nothing."""
        pipe = self._client.pipeline()
        for key in keys:
            pipe.get(key)
            pipe.ttl(key)
        found = pipe.execute()
        return [(int(found[i] or 0), float(max(found[i + 1], 0))) for i in range(0, len(found), 2)]

    def give_back(self, keys: list[str]) -> None:
        """Take one off each key that still counts."""
        self._give_back(keys=keys)


def counter_for(storage_uri: str) -> _Counter:
    """The counter of a storage address: ``memory://`` or ``redis://`` (``rediss://``)."""
    if storage_uri.startswith("redis+unix://"):  # the limits library's spelling
        return RedisCounter("unix://" + storage_uri.removeprefix("redis+unix://"))
    if storage_uri.startswith(("redis://", "rediss://", "unix://")):
        return RedisCounter(storage_uri)
    if storage_uri.startswith("memory://"):
        return MemoryCounter()
    raise ValueError(
        f"MILJOMAL_RATELIMIT_STORAGE must be memory:// or redis://HOST:PORT, not {storage_uri!r}"
    )


@dataclass
class LoginThrottle:
    """Login attempts counted per account and per client address (in memory or Redis)."""

    storage_uri: str
    namespace: str = "miljomal-login"
    limit: int = LOGIN_FAILURES
    window_minutes: int = LOGIN_WINDOW_MINUTES

    def __post_init__(self) -> None:
        self._counter = counter_for(self.storage_uri)

    def attempt(self, email: str, address: str) -> int:
        """Count one attempt; minutes until another is allowed, 0 when this one may go on.

        The count and the check are one atomic step: of many attempts at once, only the
        first ``limit`` of a window get 0.
        """
        found = self._counter.count(self._keys(email, address), self.window_minutes * 60)
        return max([_minutes(left) for number, left in found if number > self.limit] or [0])

    def succeeded(self, email: str, address: str) -> None:
        """The attempt had the right password: it does not count towards a block."""
        self._counter.give_back(self._keys(email, address))

    def minutes_blocked(self, email: str, address: str) -> int:
        """Minutes until another attempt is allowed; 0 when it is allowed now (counts nothing)."""
        found = self._counter.peek(self._keys(email, address))
        return max([_minutes(left) for number, left in found if number >= self.limit] or [0])

    def _keys(self, email: str, address: str) -> list[str]:
        return [
            f"{self.namespace}:{_hashed('account', normalised_email(email))}",
            f"{self.namespace}:{_hashed('address', address)}",
        ]


def _minutes(seconds: float) -> int:
    return max(1, math.ceil(seconds / 60))

"""The shared tier: Redis at LLMCC_REDIS_URL.

Short timeouts and no retries: a build must never wait on a sick cache. The
first failure disables the tier for the rest of the process and is returned as
a :class:`Failure` (counted once by the tier list); the build goes on with the
local tier. What may be shared, and why a shared pass list is re-validated
before use, is described in docs/cache.md. The ``redis`` package is imported on
the first request, so a build that never reaches Redis never pays for it.
"""

from __future__ import annotations

from .base import Backend, Failure, Op

KEY_PREFIX = "llmcc:"
DEFAULT_TTL = 30 * 24 * 3600
"""Seconds a shared entry lives after its last write (LLMCC_REDIS_TTL): what a poisoned
entry costs the team at most, if nobody runs ``llmcc-admin clear --remote-poisoned``."""


class RedisStorage(Backend):
    name = "redis"
    shared = True

    def __init__(self, url: str, timeout: float = 0.5, ttl: int = DEFAULT_TTL) -> None:
        self.url = url
        self.timeout = timeout
        self.ttl = ttl
        self._client = None
        self._dead = False

    def _conn(self):
        if self._client is None:
            import redis
            from redis.backoff import NoBackoff
            from redis.retry import Retry

            self._client = redis.Redis.from_url(
                self.url,
                socket_timeout=self.timeout,
                socket_connect_timeout=self.timeout,
                retry_on_timeout=False,
                retry=Retry(NoBackoff(), 0),
                health_check_interval=0,
            )
        return self._client

    @property
    def shown_url(self) -> str:
        """The URL for messages: build logs are public more often than Redis passwords are."""
        from urllib.parse import urlsplit, urlunsplit

        try:
            u = urlsplit(self.url)
        except ValueError:
            return "<unparseable LLMCC_REDIS_URL>"
        if u.password is None:
            return self.url
        host = u.netloc.rsplit("@", 1)[-1]
        return urlunsplit(u._replace(netloc=f"{u.username or ''}:***@{host}"))

    def _fail(self, op: str, e: Exception) -> Failure:
        """The tier is down for the rest of this process: one failure, one warning."""
        self._dead = True
        problem = f"{op}: {type(e).__name__}: {e}"
        return Failure(
            Op.READ if op == "get" else Op.WRITE if op == "put" else Op.DELETE,
            problem,
            f"Redis at {self.shown_url} unavailable ({problem}); using the local cache",
            "redis:" + self.url,
        )

    def get(self, ns: str, key: str) -> bytes | Failure | None:
        if self._dead:
            return None
        try:
            value = self._conn().get(KEY_PREFIX + ns + ":" + key)
        except Exception as e:  # redis raises many types; any of them means "down"
            return self._fail("get", e)
        return bytes(value) if value is not None else None

    def put(self, ns: str, key: str, data: bytes) -> int | Failure:
        if self._dead:
            return 0
        try:
            self._conn().set(KEY_PREFIX + ns + ":" + key, data, ex=self.ttl)
        except Exception as e:
            return self._fail("put", e)
        return 0  # nothing kept on this machine

    def remove(self, ns: str, key: str) -> Failure | None:
        """Remove a corrupt or misfiled entry; a failure marks the tier down like any other."""
        if self._dead:
            return None
        try:
            self._conn().delete(KEY_PREFIX + ns + ":" + key)
        except Exception as e:
            return self._fail("delete", e)
        return None

    def scan(self, batch: int = 500):
        """(namespace, key, bytes or None) of every llmcc entry, for ``llmcc-admin clear``.

        Raises on connection problems: an admin command should say so, not skip silently.
        """
        conn = self._conn()
        for raw in conn.scan_iter(match=KEY_PREFIX + "*", count=batch):
            name = raw.decode("utf-8", "replace")
            _prefix, ns, key = [*name.split(":", 2), "", ""][:3]
            value = conn.get(raw)
            yield ns, key, (bytes(value) if value is not None else None)

    def remove_raw(self, ns: str, key: str) -> None:
        """Delete for admin commands: errors propagate."""
        self._conn().delete(KEY_PREFIX + ns + ":" + key)

    def ping(self) -> str:
        """For ``llmcc-admin doctor``: a human answer, never an exception."""
        try:
            self._conn().ping()
            return "ok"
        except Exception as e:
            return f"unreachable ({type(e).__name__}: {e})"

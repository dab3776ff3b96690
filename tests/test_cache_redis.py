"""The Redis backend (llmcc/cache/storage/redis.py) behind the tier list, with a real
redis-server and no clang: damaged entries leave Redis, and a dead server is one
counted failure, returned as a value, after which the tier is skipped."""

from __future__ import annotations

import tempfile
from types import SimpleNamespace

import pytest
from servers import free_port

from llmcc.cache import entries
from llmcc.cache.stats import Stats
from llmcc.cache.storage.base import Failure
from llmcc.cache.storage.local import LocalStorage
from llmcc.cache.storage.redis import RedisStorage
from llmcc.cache.tiers import Cache, tiers_for

KEY = "ab" * 20


def _cfg(url: str, objects: bool = True) -> SimpleNamespace:
    return SimpleNamespace(redis_url=url, redis_objects=objects, redis_timeout=0.5,
                           redis_ttl=600)  # fmt: skip


@pytest.fixture
def client(redis_server):
    import redis

    return redis.Redis(port=redis_server.port)


@pytest.mark.parametrize("ns", ["pl", "obj"])
@pytest.mark.parametrize(
    ("value", "what"),
    [(b"LLMCC\x02" + b"\xff" * 60, "corrupt"),
     (entries.pack({"pipeline": None}, kind="pl", key="cd" * 20), "misfiled")],
    ids=["garbled", "misfiled"],
)  # fmt: skip
def test_a_corrupt_redis_entry_is_deleted_from_redis(
    tmp_path, redis_server, client, ns, value, what
):
    cache = Cache(tiers_for(LocalStorage.open(str(tmp_path)), _cfg(redis_server.url)), Stats())
    client.set(f"llmcc:{ns}:{KEY}", value)
    got = cache.get_passlist(KEY) if ns == "pl" else cache.get_object(KEY)
    assert got is None
    assert client.get(f"llmcc:{ns}:{KEY}") is None, "the damaged entry is still in Redis"
    assert cache.stats.maps["errors_by_kind"] == {f"{what}-redis-entry": 1}
    assert "remote_errors" not in cache.stats.counts


def test_a_whole_redis_entry_is_served_and_not_copied_locally(tmp_path, redis_server, client):
    local = LocalStorage.open(str(tmp_path))
    cache = Cache(tiers_for(local, _cfg(redis_server.url)), Stats())
    client.set(f"llmcc:pl:{KEY}", entries.pack({"pipeline": "default<Oz>"}, kind="pl", key=KEY))
    meta, tier = cache.get_passlist(KEY)
    assert meta["pipeline"] == "default<Oz>" and tier.name == "redis" and tier.shared
    assert local.get("pl", KEY) is None
    assert client.get(f"llmcc:pl:{KEY}") is not None


def test_a_dead_redis_is_one_failure_value_then_skipped():
    backend = RedisStorage(f"redis://127.0.0.1:{free_port()}/0", timeout=0.5)
    first = backend.get("pl", KEY)
    assert isinstance(first, Failure) and first.problem.startswith("get: ConnectionError")
    assert first.warning.startswith(f"Redis at {backend.url} unavailable (get: ")
    # Down for the rest of the process: plain misses and skipped writes, no second wait.
    assert backend.get("pl", KEY) is None
    assert backend.put("pl", KEY, b"x") == 0 and backend.remove("pl", KEY) is None


def test_a_dead_redis_costs_the_build_one_remote_error_and_one_warning(
    tmp_path, capfd, monkeypatch
):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # warn_once's markers: fresh
    url = f"redis://127.0.0.1:{free_port()}/0"
    cache = Cache(tiers_for(LocalStorage.open(str(tmp_path)), _cfg(url)), Stats())
    for i in range(3):
        key = f"{i:02d}" * 20
        assert cache.get_passlist(key) is None
        cache.put_passlist(key, {"pipeline": None})
    assert cache.stats.counts["remote_errors"] == 1
    assert cache.get_passlist("00" * 20)[1].name == "local"  # the local tier goes on
    err = capfd.readouterr().err
    assert err.count(f"Redis at {url} unavailable") == 1  # once, not once per request

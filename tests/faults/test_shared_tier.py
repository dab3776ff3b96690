"""Shared-tier trust (issue 14, item 7), with a real redis-server.

Two effects of trusting Redis, and the ways back from them:
- with LLMCC_REDIS_OBJECTS=1 a tampered object served from Redis is what that build
  gets (documented: objects cannot be re-checked), but it is not copied into the local
  tier, so once Redis is repaired the next build is correct again;
- a poisoned or ``null`` pass-list entry kept its TU at -Oz on every machine, for good.
  Now a build recovers by itself: a shared ``null`` is a miss, a shared list that fails
  the checks here is decided again without Redis, and this machine's decision replaces
  the entry in Redis. ``llmcc-admin clear --remote-poisoned`` still removes such
  entries for the whole team at once, and LLMCC_REDIS_TTL bounds how long any shared
  entry lives.
"""

from __future__ import annotations

import os

import pytest
from conftest import (
    ADMIN,
    DATA,
    LLMCC,
    clang,
    make_env,
    records,
    requires_clang,
    run,
    size_of,
    stats,
)
from twoprogs import compile_one, says, write

from llmcc.cache import entries

pytestmark = requires_clang


@pytest.fixture
def client(redis_server):
    import redis

    return redis.Redis(port=redis_server.port)


def _key(raw: bytes) -> tuple[str, str]:
    _prefix, ns, key = raw.decode().split(":", 2)
    return ns, key


def test_tampered_remote_object_does_not_outlive_the_repair_of_redis(
    tmp_path, warm_store, redis_server, client
):
    extra = {"LLMCC_REDIS_URL": redis_server.url, "LLMCC_REDIS_OBJECTS": "1"}
    env1 = make_env(str(tmp_path / "m1"), warm_store, **extra)
    d = str(tmp_path / "w")
    os.makedirs(d)
    write(d)
    compile_one(env1, d, "t2")
    (raw,) = client.keys("llmcc:obj:*")
    ns, okey = _key(raw)
    meta, _blob = entries.unpack(client.get(raw), kind=ns, key=okey)
    # Anyone who can write to Redis can frame an entry for any key: here, t3's object.
    assert run([clang(), "-O2", "-c", "t3.c", "-o", "evil.o"], cwd=d).returncode == 0
    with open(os.path.join(d, "evil.o"), "rb") as f:
        client.set(raw, entries.pack(meta, f.read(), kind=ns, key=okey))

    env2 = make_env(str(tmp_path / "m2"), warm_store, **extra)
    compile_one(env2, d, "t2")
    assert records(env2)[-1]["tier"] == "redis"
    assert says(d, "t2").startswith("I am t3 ")  # the documented cost of sharing objects

    client.delete(raw)  # Redis repaired
    compile_one(env2, d, "t2")
    assert says(d, "t2").startswith("I am t2 "), "the tampered object stayed in the local tier"
    assert records(env2)[-1]["path"] != "direct-hit"


def _twins_with_a_shared_entry(tmp_path, warm_store, redis_server, client):
    """twins.c built once on machine m1 (a winner beats -Oz): its work dir, the -Oz size,
    its pass-list key in Redis and that entry's metadata."""
    env1 = make_env(str(tmp_path / "m1"), warm_store, LLMCC_REDIS_URL=redis_server.url)
    d = str(tmp_path / "w")
    os.makedirs(d)
    for src in ("twins.c", "tiny.c"):
        with open(os.path.join(DATA, src)) as f, open(os.path.join(d, src), "w") as g:
            g.write(f.read())
    assert run([clang(), "-O2", "-Oz", "-c", "twins.c", "-o", "ref.o"], cwd=d).returncode == 0
    ref = size_of(os.path.join(d, "ref.o"))
    r = run([LLMCC, "-O2", "-c", "twins.c"], cwd=d, env=env1)
    assert r.returncode == 0 and size_of(os.path.join(d, "twins.o")) < ref
    (raw,) = client.keys("llmcc:pl:*")
    ns, pkey = _key(raw)
    meta, _ = entries.unpack(client.get(raw), kind=ns, key=pkey)
    assert isinstance(meta["pipeline"], str)
    return d, ref, raw, meta


def _shared_pipeline(client, raw: bytes):
    ns, pkey = _key(raw)
    return entries.unpack(client.get(raw), kind=ns, key=pkey)[0]["pipeline"]


@pytest.mark.parametrize("poison", [None, 17, "internalize,globaldce", "no-such-pass"])
def test_a_poisoned_shared_passlist_entry_is_decided_again_and_replaced(
    tmp_path, warm_store, redis_server, client, poison
):
    """Before: ``cached-no-winner`` (or the list's rejection) from Redis on every machine,
    twins.c at -Oz for good, and nothing replaced the entry."""
    d, ref, raw, meta = _twins_with_a_shared_entry(tmp_path, warm_store, redis_server, client)
    ns, pkey = _key(raw)
    client.set(raw, entries.pack({**meta, "pipeline": poison}, kind=ns, key=pkey))
    env2 = make_env(str(tmp_path / "m2"), warm_store, LLMCC_REDIS_URL=redis_server.url)
    assert run([LLMCC, "-O2", "-c", "twins.c"], cwd=d, env=env2).returncode == 0
    dec = records(env2)[-1]
    assert dec["path"] == "optimized" and dec.get("fallback") is None, dec
    assert size_of(os.path.join(d, "twins.o")) < ref
    redecided = [r["problem"] for r in records(env2, "remote_redecided")]
    if isinstance(poison, str):  # re-validated first, as ever: rejected, then decided here
        assert dec["tried"][0]["rejected"].startswith("vet:"), dec["tried"][0]
        assert len(redecided) == 1 and redecided != ["no winner"]
    else:
        assert redecided == ["no winner"]
    assert stats(env2)["remote_redecided"] == 1
    # This machine's decision replaced the entry: the team has its winner back.
    assert _shared_pipeline(client, raw) == dec["pipeline"]


def test_clear_remote_poisoned_removes_poisoned_entries_for_the_whole_team(
    tmp_path, warm_store, redis_server, client
):
    d, ref, raw, meta = _twins_with_a_shared_entry(tmp_path, warm_store, redis_server, client)
    ns, pkey = _key(raw)
    good = dict(meta)
    client.set(raw, entries.pack({**meta, "pipeline": None}, kind=ns, key=pkey))  # poisoned
    # Beside it: a good entry, a deny-listed list, a garbled value and a misfiled copy.
    denied = {**good, "pipeline": "internalize,globaldce"}
    planted = {
        "llmcc:pl:" + "1" * 40: entries.pack(good, kind="pl", key="1" * 40),
        "llmcc:pl:" + "2" * 40: entries.pack(denied, kind="pl", key="2" * 40),
        "llmcc:pl:" + "3" * 40: b"LLMCC\x02" + b"\xff" * 60,
        "llmcc:pl:" + "4" * 40: entries.pack(good, kind="pl", key="1" * 40),
    }
    for k, v in planted.items():
        client.set(k, v)
    env2 = make_env(str(tmp_path / "m2"), warm_store, LLMCC_REDIS_URL=redis_server.url)
    dry = run([ADMIN, "clear", "--remote-poisoned", "--dry-run"], cwd=d, env=env2)
    assert dry.returncode == 0 and b"would remove 4 entries" in dry.stdout
    assert len(client.keys("llmcc:pl:*")) == 5
    r = run([ADMIN, "clear", "--remote-poisoned"], cwd=d, env=env2)
    out = r.stdout.decode()
    assert r.returncode == 0 and "removed 4 entries" in out, out + r.stderr.decode()
    assert "1 null" in out and "1 unvettable" in out and "2 corrupt" in out
    assert sorted(client.keys("llmcc:pl:*")) == [("llmcc:pl:" + "1" * 40).encode()]

    env3 = make_env(str(tmp_path / "m3"), warm_store, LLMCC_REDIS_URL=redis_server.url)
    assert run([LLMCC, "-O2", "-c", "twins.c"], cwd=d, env=env3).returncode == 0
    assert size_of(os.path.join(d, "twins.o")) < ref
    assert client.get(raw) is not None  # and the team has the good entry back


def test_redis_ttl_bounds_how_long_shared_entries_live(tmp_path, warm_store, redis_server, client):
    env = make_env(str(tmp_path), warm_store, LLMCC_REDIS_URL=redis_server.url,
                   LLMCC_REDIS_OBJECTS="1", LLMCC_REDIS_TTL="10m")  # fmt: skip
    d = str(tmp_path / "w")
    os.makedirs(d)
    write(d)
    compile_one(env, d, "t2")
    names = client.keys("llmcc:*")
    assert {_key(k)[0] for k in names} == {"obj", "pl"}
    assert all(0 < client.ttl(k) <= 600 for k in names)

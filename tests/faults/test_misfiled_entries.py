"""Misfiled entries (issue 14, item 1): an entry found under a key it was not stored for.

Before entries bound their key, swapping two valid object entries (or two direct-mode
manifests) made ``llmcc -O2 -c t2.c`` install t3's object with exit 0. Each test here
swaps real entries in a real cache directory or a real redis-server, then links and
runs what llmcc installed: it must print its own name. The misfiled entry must also be
counted, logged, removed from its tier and rebuilt.
"""

from __future__ import annotations

import os

import pytest
from conftest import make_env, records, requires_clang, stats
from twoprogs import compile_one, entry_files, own_entry, says, swap_files, write

from llmcc.cache import entries
from llmcc.cache.stats import Stats
from llmcc.cache.storage.local import LocalStorage
from llmcc.cache.tiers import Cache, tiers_for

pytestmark = requires_clang


def _built(tmp_path, warm_store, **extra) -> tuple[dict, str]:
    env = make_env(str(tmp_path), warm_store, **extra)
    d = str(tmp_path / "w")
    os.makedirs(d)
    write(d)
    for name in ("t2", "t3"):
        compile_one(env, d, name)
        assert says(d, name).startswith(f"I am {name} ")
    return env, d


@pytest.mark.parametrize("direct", [False, True], ids=["object-lookup", "direct-mode"])
def test_swapped_object_entries_are_rebuilt_never_installed(tmp_path, warm_store, direct):
    extra = {} if direct else {"LLMCC_NODIRECT": "1"}
    env, d = _built(tmp_path, warm_store, **extra)
    objs = entry_files(env["LLMCC_DIR"], "obj")
    assert len(objs) == 2, "both compiles should have stored an object entry"
    swap_files(*objs)
    for name in ("t2", "t3"):
        compile_one(env, d, name)
        assert says(d, name).startswith(f"I am {name} "), f"{name}.o is another program"
    assert all(r["path"] != "object-hit" for r in records(env)[2:])
    s = stats(env)
    assert s["errors_by_kind"].get("misfiled-local-entry") == 2 and s["errors"] == 0
    bad = [r for r in records(env, "corrupt_entry") if r["ns"] == "obj"]
    assert len(bad) == 2 and all("misfiled" in r["problem"] for r in bad)
    for p in entry_files(env["LLMCC_DIR"], "obj"):  # rebuilt, each under its own key
        own_entry(p, "obj")


def test_swapped_manifests_are_dropped_never_replayed(tmp_path, warm_store):
    env, d = _built(tmp_path, warm_store)
    mans = entry_files(env["LLMCC_DIR"], "man")
    assert len(mans) == 2, "both compiles should have stored a direct-mode manifest"
    swap_files(*mans)
    for name in ("t2", "t3"):
        compile_one(env, d, name)
        assert says(d, name).startswith(f"I am {name} "), f"{name}.o is another program"
    assert all(r["path"] != "direct-hit" for r in records(env)[2:])
    assert stats(env)["errors_by_kind"].get("misfiled-manifest") == 2
    for p in entry_files(env["LLMCC_DIR"], "man"):
        own_entry(p, "man")
    # And the rebuilt manifests serve the next compile again.
    compile_one(env, d, "t2")
    assert records(env)[-1]["path"] == "direct-hit" and says(d, "t2").startswith("I am t2 ")


def test_swapped_redis_entries_are_removed_from_redis_and_rebuilt(
    tmp_path, warm_store, redis_server
):
    import redis

    extra = {"LLMCC_REDIS_URL": redis_server.url, "LLMCC_REDIS_OBJECTS": "1"}
    _env1, d = _built(tmp_path / "m1", warm_store, **extra)
    client = redis.Redis(port=redis_server.port)
    swapped = {}
    for ns in ("obj", "pl"):
        keys = sorted(client.keys(f"llmcc:{ns}:*"))
        assert len(keys) == 2, f"machine 1 should have shared two {ns} entries"
        a, b = (client.get(k) for k in keys)
        client.set(keys[0], b)
        client.set(keys[1], a)
        swapped[ns] = keys
    env2 = make_env(str(tmp_path / "m2"), warm_store, **extra)
    for name in ("t2", "t3"):
        compile_one(env2, d, name)
        assert says(d, name).startswith(f"I am {name} "), f"{name}.o is another program"
    assert all(r["path"] != "object-hit" for r in records(env2))
    s = stats(env2)
    assert s["errors_by_kind"].get("misfiled-redis-entry") == 4 and s["errors"] == 0
    bad = records(env2, "corrupt_entry")
    assert {r["ns"] for r in bad} == {"obj", "pl"} and all(r["tier"] == "redis" for r in bad)
    # Removed from Redis and written again by machine 2, each under its own key now.
    for ns, keys in swapped.items():
        for k in keys:
            data = client.get(k)
            assert data is not None, f"{k!r} was not rebuilt"
            entries.unpack(data, kind=ns, key=k.decode().split(":", 2)[2])


def test_an_entry_of_another_kind_under_the_same_key_is_misfiled():
    data = entries.pack({"pipeline": None}, kind="pl", key="k" * 40)
    with pytest.raises(entries.MisfiledEntry):
        entries.unpack(data, kind="verdict", key="k" * 40)
    with pytest.raises(entries.MisfiledEntry):
        entries.unpack(data, kind="pl", key="j" * 40)
    assert entries.unpack(data, kind="pl", key="k" * 40)[0] == {"pipeline": None}


def test_a_swapped_verdict_never_passes_another_list(tmp_path):
    # A verdict misfiled under a rejected list's key would let that list in: the worst case.
    root = str(tmp_path / "cache")
    cache = Cache(tiers_for(LocalStorage.open(root)), Stats())
    rejected, passed = "a" * 40, "b" * 40
    cache.put_verdict(rejected, {"passed": False})
    cache.put_verdict(passed, {"passed": True})
    swap_files(cache.local.path("verdict", rejected), cache.local.path("verdict", passed))
    assert cache.get_verdict(rejected) is None and cache.get_verdict(passed) is None
    assert cache.stats.maps["errors_by_kind"] == {"misfiled-local-entry": 2}
    assert not os.path.exists(cache.local.path("verdict", rejected))  # removed


def test_entries_of_the_old_frame_version_are_clean_misses(tmp_path):
    import hashlib
    import json

    root = str(tmp_path / "cache")
    cache = Cache(tiers_for(LocalStorage.open(root)), Stats())
    key = "c" * 40
    header = json.dumps({"pipeline": "function(mem2reg)"}).encode()
    payload = len(header).to_bytes(4, "little") + header  # frame version 1: binds nothing
    old = entries.OLD_MAGICS[0] + hashlib.blake2b(payload, digest_size=16).digest() + payload
    cache.local.put("pl", key, old)
    assert cache.get_passlist(key) is None
    assert cache.stats.empty()  # a miss, not a counted error

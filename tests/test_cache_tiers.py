"""The tier list's policy (llmcc/cache/tiers.py), against an in-memory test backend.

Fast and without clang or Redis: which tier a lookup is answered from, where a write
goes for each entry kind, that nothing shared is copied into the local tier, that a
damaged entry is removed from the tier it came from (and only there), and that a
backend's failure is a counted value, never an exception. The real backends are
pinned elsewhere: the directory by the fault tests, Redis by tests/test_cache_redis.py.
"""

from __future__ import annotations

import subprocess
import sys
import uuid
from types import SimpleNamespace

import pytest

from llmcc.cache import entries
from llmcc.cache.stats import Stats
from llmcc.cache.storage.base import Backend, ErrorKind, Failure
from llmcc.cache.storage.local import LocalStorage
from llmcc.cache.tiers import (
    EVERY_KIND,
    SHARED_OBJECTS,
    SHARED_PASSLISTS,
    Cache,
    Tier,
    tiers_for,
)

KEY = "ab" * 20


class InMemoryTestBackend(Backend):
    """A test double for the policy layer only: a dict, and failures on demand."""

    def __init__(self, name: str, shared: bool) -> None:
        self.name = name
        self.shared = shared
        self.data: dict[tuple[str, str], bytes] = {}
        self.failing: set[str] = set()
        self.removed: list[tuple[str, str]] = []
        self.topic = f"test-{uuid.uuid4().hex}"  # warn_once is rate-limited per topic

    def _fail(self, op: str) -> Failure:
        return Failure(op, f"{op}: injected", f"{self.name} {op} failed (injected)", self.topic)

    def get(self, ns: str, key: str) -> bytes | Failure | None:
        if "get" in self.failing:
            return self._fail("read")
        return self.data.get((ns, key))

    def put(self, ns: str, key: str, data: bytes) -> int | Failure:
        if "put" in self.failing:
            return self._fail("write")
        self.data[(ns, key)] = data
        return 0 if self.shared else len(data)

    def remove(self, ns: str, key: str) -> Failure | None:
        if "remove" in self.failing:
            return self._fail("delete")
        self.removed.append((ns, key))
        self.data.pop((ns, key), None)
        return None


def _two_tiers(shared_kinds: frozenset[str] = SHARED_PASSLISTS, log=None):
    mine = InMemoryTestBackend("local", shared=False)
    team = InMemoryTestBackend("redis", shared=True)
    cache = Cache([Tier(mine, EVERY_KIND), Tier(team, shared_kinds)], Stats(), log)
    return cache, mine, team


def _entry(ns: str, key: str = KEY, **meta) -> bytes:
    return entries.pack(meta or {"pipeline": "default<Oz>"}, kind=ns, key=key)


def test_a_lookup_is_answered_by_the_first_tier_that_has_the_entry():
    cache, mine, team = _two_tiers()
    mine.data[("pl", KEY)] = _entry("pl", pipeline="mine")
    team.data[("pl", KEY)] = _entry("pl", pipeline="team")
    meta, tier = cache.get_passlist(KEY)
    assert meta["pipeline"] == "mine" and tier.name == "local" and not tier.shared
    assert tier.hits == "local_hits"
    del mine.data[("pl", KEY)]
    meta, tier = cache.get_passlist(KEY)
    assert meta["pipeline"] == "team" and tier.name == "redis" and tier.shared
    assert tier.hits == "remote_hits"


def test_a_shared_hit_is_never_copied_into_the_local_tier():
    cache, mine, team = _two_tiers(SHARED_OBJECTS)
    team.data[("pl", KEY)] = _entry("pl")
    team.data[("obj", KEY)] = entries.pack({"ir_stderr": ""}, b"\x7fELF", kind="obj", key=KEY)
    assert cache.get_passlist(KEY)[1].shared
    _meta, blob, tier = cache.get_object(KEY)
    assert blob == b"\x7fELF" and tier.shared
    assert mine.data == {} and cache.bytes_written == 0


def test_pass_lists_go_to_every_tier_and_provisional_ones_stay_local():
    cache, mine, team = _two_tiers()
    cache.put_passlist(KEY, {"pipeline": "default<Oz>"})
    assert ("pl", KEY) in mine.data and team.data[("pl", KEY)] == mine.data[("pl", KEY)]
    other = "cd" * 20
    cache.put_passlist(other, {"pipeline": None, "provisional": {}}, share=False)
    assert ("pl", other) in mine.data and ("pl", other) not in team.data


@pytest.mark.parametrize("shared_kinds", [SHARED_PASSLISTS, SHARED_OBJECTS],
                         ids=["objects-not-shared", "objects-shared"])  # fmt: skip
def test_objects_reach_the_shared_tier_only_when_objects_are_shared(shared_kinds):
    cache, mine, team = _two_tiers(shared_kinds)
    cache.put_object(KEY, {"ir_stderr": ""}, b"obj")
    assert ("obj", KEY) in mine.data
    assert (("obj", KEY) in team.data) == ("obj" in shared_kinds)
    # Nor is a tier that does not hold objects asked for one.
    del mine.data[("obj", KEY)]
    team.data[("obj", KEY)] = entries.pack({}, b"obj", kind="obj", key=KEY)
    assert (cache.get_object(KEY) is not None) == ("obj" in shared_kinds)


def test_manifests_and_verdicts_never_reach_a_shared_tier():
    cache, mine, team = _two_tiers(SHARED_OBJECTS)
    cache.put_manifest_bytes(KEY, b"manifest")
    cache.put_verdict(KEY, {"passed": True})
    assert set(mine.data) == {("man", KEY), ("verdict", KEY)} and team.data == {}
    # A verdict planted in the shared store is not read either: it is a claim, not a proof.
    del mine.data[("verdict", KEY)]
    team.data[("verdict", KEY)] = _entry("verdict", passed=True)
    assert cache.get_verdict(KEY) is None


def test_verdicts_do_not_count_against_the_size_limit():
    cache, mine, _team = _two_tiers()
    cache.put_verdict(KEY, {"passed": True})
    assert cache.bytes_written == 0
    cache.put_passlist(KEY, {"pipeline": None})
    assert cache.bytes_written == len(mine.data[("pl", KEY)])  # the shared tier adds 0


@pytest.mark.parametrize("damaged", ["local", "redis"])
def test_a_corrupt_entry_is_removed_from_the_tier_it_came_from_only(damaged):
    events = []
    cache, mine, team = _two_tiers(log=lambda event, **kw: events.append((event, kw)))
    good = _entry("pl", pipeline="good")
    bad = good[:-3] + b"xyz"  # fails the checksum
    mine.data[("pl", KEY)] = bad if damaged == "local" else good
    team.data[("pl", KEY)] = good if damaged == "local" else bad
    meta, tier = cache.get_passlist(KEY)
    assert meta["pipeline"] == "good"
    if damaged == "local":
        # The local copy goes, and the lookup goes on to the shared tier's whole one.
        assert tier.name == "redis"
        assert mine.removed == [("pl", KEY)] and team.removed == []
        assert cache.stats.maps["errors_by_kind"] == {"corrupt-local-entry": 1}
        assert [kw["tier"] for e, kw in events if e == "corrupt_entry"] == ["local"]
    else:
        # Answered locally: the shared copy was never read, so nothing is known to be wrong.
        assert tier.name == "local"
        assert mine.removed == [] and team.removed == [] and events == []


def test_a_corrupt_shared_entry_is_removed_from_the_shared_tier():
    cache, mine, team = _two_tiers()
    team.data[("pl", KEY)] = b"LLMCC\x02" + b"\xff" * 40
    assert cache.get_passlist(KEY) is None
    assert team.removed == [("pl", KEY)] and ("pl", KEY) not in team.data
    assert mine.removed == []
    assert cache.stats.counts["cache_errors"] == 1
    assert cache.stats.maps["errors_by_kind"] == {"corrupt-redis-entry": 1}


def test_a_misfiled_entry_is_counted_as_misfiled_and_removed():
    cache, mine, _team = _two_tiers()
    mine.data[("obj", KEY)] = entries.pack({}, b"other", kind="obj", key="ef" * 20)
    assert cache.get_object(KEY) is None
    assert mine.removed == [("obj", KEY)]
    assert cache.stats.maps["errors_by_kind"] == {"misfiled-local-entry": 1}


def test_an_old_frame_entry_is_an_uncounted_miss_and_is_replaced():
    cache, mine, _team = _two_tiers()
    mine.data[("pl", KEY)] = entries.OLD_MAGICS[0] + b"\0" * 30
    assert cache.get_passlist(KEY) is None
    assert mine.removed == [("pl", KEY)] and cache.stats.empty()


def test_a_damaged_manifest_is_counted_logged_and_removed():
    events = []
    cache, mine, _team = _two_tiers(log=lambda event, **kw: events.append((event, kw)))
    mine.data[("man", KEY)] = b"junk"
    cache.manifest_damaged(KEY, entries.MisfiledEntry("misfiled: test"))
    assert mine.removed == [("man", KEY)]
    assert cache.stats.maps["errors_by_kind"] == {"misfiled-manifest": 1}
    assert events == [("corrupt_entry", {"tier": "local", "ns": "man", "key": KEY,
                                         "problem": "misfiled: test"})]  # fmt: skip


def test_a_failing_local_tier_is_a_counted_cache_error_and_the_lookup_goes_on(capfd):
    cache, mine, team = _two_tiers()
    team.data[("pl", KEY)] = _entry("pl", pipeline="team")
    mine.failing = {"get", "put"}
    meta, tier = cache.get_passlist(KEY)
    assert meta["pipeline"] == "team" and tier.shared
    cache.put_passlist(KEY, {"pipeline": "x"})  # still reaches the shared tier
    assert entries.unpack(team.data[("pl", KEY)], kind="pl", key=KEY)[0]["pipeline"] == "x"
    assert cache.stats.counts["cache_errors"] == 2
    assert cache.stats.maps["errors_by_kind"] == {"cache-read": 1, "cache-write": 1}
    assert "remote_errors" not in cache.stats.counts
    assert capfd.readouterr().err.count("llmcc: warning: local read failed (injected)") == 1


def test_a_failing_shared_tier_is_a_counted_remote_error_never_an_exception(capfd):
    events = []
    cache, mine, team = _two_tiers(log=lambda event, **kw: events.append((event, kw)))
    team.failing = {"get", "put", "remove"}
    assert cache.get_passlist(KEY) is None
    cache.put_passlist(KEY, {"pipeline": None})
    assert ("pl", KEY) in mine.data  # the local write happened
    assert cache.stats.counts["remote_errors"] == 2
    assert "cache_errors" not in cache.stats.counts
    assert [e for e, _ in events] == ["remote_error", "remote_error"]
    # One warning per topic (the real Redis backend's topic is its URL): once per outage.
    assert capfd.readouterr().err == "llmcc: warning: redis read failed (injected)\n"


def test_without_a_manifest_tier_there_is_no_direct_mode():
    team = InMemoryTestBackend("redis", shared=True)
    assert not Cache([Tier(team, SHARED_OBJECTS)], Stats()).holds("man")
    assert Cache([Tier(InMemoryTestBackend("local", False), EVERY_KIND)], Stats()).holds("man")


def _cfg(url: str | None, objects: bool = False) -> SimpleNamespace:
    return SimpleNamespace(redis_url=url, redis_objects=objects, redis_timeout=0.5,
                           redis_ttl=600)  # fmt: skip


def test_tiers_for_is_the_documented_policy(tmp_path):
    local = LocalStorage.open(str(tmp_path))
    only = tiers_for(local)
    assert [(t.name, t.kinds) for t in only] == [("local", EVERY_KIND)]
    assert len(tiers_for(local, _cfg(None))) == 1
    plain = tiers_for(local, _cfg("redis://127.0.0.1:1/0"))
    assert [(t.name, t.shared, t.kinds) for t in plain] == [
        ("local", False, EVERY_KIND), ("redis", True, frozenset({"pl"}))]  # fmt: skip
    assert plain[1].backend.ttl == 600
    objects = tiers_for(local, _cfg("redis://127.0.0.1:1/0", objects=True))
    assert objects[1].kinds == frozenset({"pl", "obj"})
    assert [t.name for t in tiers_for(None, _cfg("redis://127.0.0.1:1/0"))] == ["redis"]


def test_configuring_redis_does_not_import_the_redis_package_before_its_first_request(tmp_path):
    code = (
        "import sys\n"
        "from types import SimpleNamespace as N\n"
        "from llmcc.cache.stats import Stats\n"
        "from llmcc.cache.tiers import Cache\n"
        f"c = Cache.open({str(tmp_path)!r}, N(redis_url='redis://127.0.0.1:1/0',"
        " redis_objects=False, redis_timeout=0.5, redis_ttl=60), Stats())\n"
        "assert 'redis' not in sys.modules, 'imported at configuration'\n"
        "c.put_verdict('ab' * 20, {'passed': True})  # local only: Redis is not asked\n"
        "assert 'redis' not in sys.modules, 'imported for a local-only kind'\n"
        "print('ok')\n"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert r.returncode == 0 and r.stdout.strip() == "ok", r.stderr


def test_every_error_kind_the_tiers_count_is_one_errorkind_names():
    """The kinds these tests pin are what ErrorKind spells (stored stats shards hold them)."""
    assert ErrorKind.every(("local", "redis")) == {
        "cache-read", "cache-write", "cache-delete",
        "corrupt-local-entry", "misfiled-local-entry", "corrupt-redis-entry",
        "misfiled-redis-entry", "corrupt-manifest", "misfiled-manifest",
    }  # fmt: skip


def test_no_module_but_the_storage_interface_spells_an_error_kind():
    """An error kind is built by ErrorKind, not by hand (as a reason is by llmcc.outcomes):
    a scan of llmcc/ for the kinds and for the pieces an f-string would build them from."""
    import ast
    from pathlib import Path

    import llmcc

    root = Path(llmcc.__file__).parent
    kinds = ErrorKind.every(("local", "redis"))
    pieces = ("cache-", "-entry", "-manifest")
    offenders = {}
    for p in sorted(root.rglob("*.py")):
        rel = p.relative_to(root).as_posix()
        if rel == "cache/storage/base.py":
            continue
        lits = [n.value for n in ast.walk(ast.parse(p.read_text()))
                if isinstance(n, ast.Constant) and isinstance(n.value, str)
                and (n.value in kinds or n.value in pieces)]  # fmt: skip
        if lits:
            offenders[rel] = lits
    assert offenders == {}

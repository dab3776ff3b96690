"""Decisions made while a candidate was unavailable are provisional (issue 15, item 5).

The issue's case: during a slow first build one list was inconclusive, the TU's entry
recorded the best of the others (314 bytes), and after the list's verdict passed the TU
kept that object although 260 bytes were available. Here the best list for twins.c is made
inconclusive by forced timeouts during the first build; once its real verdict exists, the
next build must install the smaller object, through direct mode and the object cache.
"""

from __future__ import annotations

import os
import shutil
import time

from conftest import DATA, LLMCC, PRIMARY, make_env, records, requires_clang, run, size_of, stats
from faultkit import FORCED_TIMEOUTS, verdict_path

from llmcc import provisional
from llmcc.cache.stats import Stats
from llmcc.cache.storage.local import LocalStorage
from llmcc.cache.tiers import Cache, tiers_for

pytestmark = requires_clang


def _build(d: str, env: dict[str, str]) -> dict:
    r = run([LLMCC, "-O2", "-c", "twins.c", "-o", "twins.o"], cwd=d, env=env)
    assert r.returncode == 0, r.stderr.decode()
    return records(env)[-1]


def test_best_list_inconclusive_in_the_first_build_wins_once_its_verdict_exists(
    tmp_path, warm_store
):
    # Control: every verdict known. The winner and the best of the rest, for this TU.
    ctl = str(tmp_path / "control")
    os.makedirs(ctl)
    shutil.copy(os.path.join(DATA, "twins.c"), ctl)
    best = _build(ctl, make_env(ctl, warm_store))
    assert best["path"] == "optimized"
    winner, best_size = best["pipeline"], best["bytes_out"]
    others = [t["size"] for t in best["tried"]
              if t.get("pipeline") != winner and not t.get("rejected")]  # fmt: skip
    assert others and min(others) > best_size, best["tried"]  # the premise: a unique best

    # First build: the winner's verdict is missing and evaluating it times out.
    d = str(tmp_path / "build")
    os.makedirs(d)
    shutil.copy(os.path.join(DATA, "twins.c"), d)
    env = make_env(d, warm_store)
    earned = verdict_path(warm_store[PRIMARY], winner)
    mine = verdict_path(env["LLMCC_DIR"], winner)
    os.unlink(mine)
    first = _build(d, dict(env, **FORCED_TIMEOUTS))
    assert first["bytes_out"] == min(others) > best_size  # the worse object, for now
    missing = first["provisional"]["missing"]
    assert [m["pipeline"] for m in missing] == [winner]
    assert missing[0]["reason"] == "passlisteval-inconclusive" and missing[0]["verdict"]

    # While the verdict is still inconclusive a rebuild is a plain hit: nothing re-decided.
    again = _build(d, env)
    assert again["path"] == "direct-hit" and again["bytes_out"] == first["bytes_out"]

    # The real verdict (earned by this session's warmup) arrives.
    shutil.copy(earned, mine)
    second = _build(d, env)
    assert second["path"] == "optimized", second
    assert second["pipeline"] == winner and second["bytes_out"] == best_size
    assert "provisional" not in second
    assert size_of(os.path.join(d, "twins.o")) == best_size
    assert stats(env)["redecided"] >= 1
    # And the object cache now holds the better object: the next rebuild is a hit on it.
    os.unlink(os.path.join(d, "twins.o"))
    third = _build(d, env)
    assert third["path"] == "direct-hit" and third["bytes_out"] == best_size
    assert size_of(os.path.join(d, "twins.o")) == best_size


def test_provisional_mark_goes_stale_on_a_verdict_or_at_its_retry_time(tmp_path):
    cache = Cache(tiers_for(LocalStorage.open(str(tmp_path))), Stats())
    now = time.time()
    mark = provisional.mark(
        [{"pipeline": "default<Oz>", "reason": "passlisteval-inconclusive", "verdict": "ab" * 20}],
        now + 3600,
    )
    assert not provisional.stale(cache, mark, now)  # no verdict yet, not yet time
    assert provisional.stale(cache, mark, now + 3601)  # the retry time came
    cache.put_verdict("ab" * 20, {"pipeline": "default<Oz>", "passed": False,
                                  "inconclusive": True, "retry_after": now + 3600})  # fmt: skip
    assert not provisional.stale(cache, mark, now)  # still inconclusive: nothing changed
    cache.put_verdict("ab" * 20, {"pipeline": "default<Oz>", "passed": True})
    assert provisional.stale(cache, mark, now)  # judged: decide again
    assert provisional.holds(cache, {"pipeline": "x"})  # a final decision always holds
    assert not provisional.holds(cache, {"provisional": "garbled"})

"""Stats shards: lock-free appends on the hot path, folds that lose and double-count nothing."""

from __future__ import annotations

import multiprocessing
import os
import subprocess
import sys

import pytest

from llmcc import fsutil
from llmcc.cache import stats


def _flush(root: str, **counts: int) -> None:
    s = stats.Stats()
    for k, v in counts.items():
        s.add(k, v)
    s.flush(root)


def _worker(root: str, n: int) -> None:
    for i in range(n):
        s = stats.Stats()
        s.add("compilations")
        s.add("bytes_oz", 3)
        s.add_to("passthrough_reasons", "link" if i % 2 else "version")
        s.flush(root)


def test_parallel_writers_lose_no_counts_while_logs_fold(tmp_path, monkeypatch):
    monkeypatch.setattr(stats, "FOLD_AT", 300)  # a fold every few lines: folds race appends
    root = str(tmp_path)
    ctx = multiprocessing.get_context("fork")
    procs = [ctx.Process(target=_worker, args=(root, 60)) for _ in range(8)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
        assert p.exitcode == 0
    total = stats.read(root)
    assert total["compilations"] == 480 and total["bytes_oz"] == 1440
    assert total["passthrough_reasons"] == {"link": 240, "version": 240}
    shards = [f for f in os.listdir(os.path.join(root, "stats")) if f.endswith(".json")]
    assert shards  # folds happened


def test_pass_through_flush_imports_no_json(tmp_path):
    code = ("import sys; from llmcc.cache.stats import Stats; s = Stats(); s.add('passthrough');"
            "s.add_to('passthrough_reasons', 'link'); s.flush(sys.argv[1]);"
            "print('json' in sys.modules)")  # fmt: skip
    r = subprocess.run([sys.executable, "-c", code, str(tmp_path)], capture_output=True,
                       text=True, check=True)  # fmt: skip
    assert r.stdout.strip() == "False"
    total = stats.read(str(tmp_path))
    assert total["passthrough"] == 1 and total["passthrough_reasons"] == {"link": 1}


def test_names_that_need_escaping_round_trip(tmp_path):
    s = stats.Stats()
    s.add_to("errors_by_kind", 'odd "kind"\\ é')
    s.flush(str(tmp_path))
    assert stats.read(str(tmp_path))["errors_by_kind"] == {'odd "kind"\\ é': 1}


@pytest.mark.parametrize("cut_at", [1, 2, 3])
def test_fold_cut_short_counts_every_line_once(tmp_path, monkeypatch, cut_at):
    """A fold writes the shard, replaces the log, writes the shard again: a kill between
    any two of these steps neither loses nor double-counts a line."""
    root = str(tmp_path)
    shard = os.getpid() % stats.SHARDS
    _flush(root, compilations=2)
    _flush(root, compilations=3)
    real = fsutil.write_atomic
    calls = []

    def cut(*a, **kw):
        calls.append(a[0])
        if len(calls) == cut_at:
            raise KeyboardInterrupt  # what a SIGINT between two steps looks like
        return real(*a, **kw)

    monkeypatch.setattr(fsutil, "write_atomic", cut)
    with pytest.raises(KeyboardInterrupt):
        stats.update_shard(root, shard, None)
    monkeypatch.setattr(fsutil, "write_atomic", real)
    assert stats.read(root)["compilations"] == 5
    _flush(root, compilations=7)
    assert stats.read(root)["compilations"] == 12
    stats.update_shard(root, shard, None)
    assert stats.read(root)["compilations"] == 12
    _flush(root, compilations=1)
    assert stats.read(root)["compilations"] == 13


def test_zero_clears_unfolded_lines_and_keeps_the_size_total(tmp_path):
    root = str(tmp_path)
    _flush(root, compilations=4, cache_bytes=1000)
    stats.zero(root)
    total = stats.read(root)
    assert total["compilations"] == 0 and total["cache_bytes"] == 1000
    _flush(root, compilations=1)
    assert stats.read(root)["compilations"] == 1


def test_a_garbled_line_loses_only_its_own_counts(tmp_path):
    root = str(tmp_path)
    _flush(root, compilations=1)
    log = os.path.join(root, "stats", f"{os.getpid() % stats.SHARDS:02d}.log")
    with open(log, "ab") as f:
        f.write(b'{"compilations": 1000, garbage\n{"compilations": 5')  # and a torn last line
    _flush(root, compilations=2)  # appended after the torn bytes: its line is garbled too
    _flush(root, compilations=4)
    assert stats.read(root)["compilations"] == 5

"""Shipped verdicts: used only where the very opt and clang binaries that earned them run."""

from __future__ import annotations

import json
import os
import shutil

import pytest
from conftest import ADMIN, PRIMARY, VERSIONS, base_env, clang, requires_clang, run, seed_cache

from llmcc.cache.stats import Stats
from llmcc.cache.storage.local import LocalStorage
from llmcc.cache.tiers import Cache, tiers_for
from llmcc.passlist import PassRegistry, vet
from llmcc.passlisteval import Evaluator, shipped
from llmcc.toolchain import describe, resolve_major

pytestmark = requires_clang
LIST = "default<Oz>,mergefunc"


def _ev(root: str, ship: str, version: int | None = None, opt: str | None = None,
        log=None) -> Evaluator:  # fmt: skip
    tc = resolve_major(describe(clang(version)))
    cache = Cache(tiers_for(LocalStorage.open(root)), Stats())
    ev = Evaluator.for_toolchain(tc, root, "quick", 2, cache=cache, log=log)
    if opt is not None:  # another opt binary behind the same clang
        ev = Evaluator(tc.clang, opt, ev.toolchain_id + "|copy", root, "quick", 2, cache=cache,
                       log=log)  # fmt: skip
    ev.shipped_dir = ship
    return ev


def _ship(ev: Evaluator, path: str, verdicts: dict[str, dict]) -> None:
    """A shipped file with one group earned by *ev*'s binaries, written by the real export."""
    opt_sha, clang_sha = ev.binary_hashes()
    shipped.export(path, {"opt_sha256": opt_sha, "clang_sha256": clang_sha, "mode": ev.mode,
                          "suite_digest": ev._digest, "verdicts": verdicts}, 19)  # fmt: skip


@pytest.fixture
def roots(tmp_path, warm_store):
    """A cache with the prepared quick suite and no verdicts; an empty shipped dir."""
    root = str(tmp_path / "cache")
    os.makedirs(root)
    seed_cache(warm_store.suite(PRIMARY), root)
    ship = str(tmp_path / "verdicts")
    os.makedirs(ship)
    return root, ship


def _canonical(text: str, version: int | None = None) -> str:
    tc = resolve_major(describe(clang(version)))
    return vet(text, PassRegistry.from_opt(tc.opt)).text()


def test_shipped_verdict_is_used_when_the_binaries_match(roots):
    root, ship = roots
    events = []
    ev = _ev(root, ship, log=lambda event, **kw: events.append(event))
    text = _canonical(LIST)
    _ship(ev, os.path.join(ship, "19.json"), {text: {"passed": True, "failures": []}})
    v = ev.verdict(text)
    assert v["passed"] and v["shipped"]
    assert ev.evaluations == 0 and "passlisteval" not in events
    assert events.count("shipped_verdict") == 1


def test_a_shipped_rejection_rejects_without_evaluating(roots):
    root, ship = roots
    ev = _ev(root, ship)
    text = _canonical("default<Oz>")  # passes the suite, but the shipped verdict says no
    fail = [{"program": "x", "failure": "wrong-output", "detail": "-"}]
    _ship(ev, os.path.join(ship, "19.json"), {text: {"passed": False, "failures": fail}})
    v = ev.verdict(text)
    assert v["passed"] is False and v["shipped"] and ev.evaluations == 0
    assert ev.state(text)[0] == "rejected"


def test_shipped_verdict_is_ignored_for_a_copy_of_opt_with_one_byte_appended(roots, tmp_path):
    root, ship = roots
    ev = _ev(root, ship)
    text = _canonical(LIST)
    _ship(ev, os.path.join(ship, "19.json"), {text: {"passed": True, "failures": []}})
    opt = str(tmp_path / "opt")
    shutil.copy(os.path.realpath(ev.opt), opt)
    with open(opt, "ab") as f:
        f.write(b"\0")
    other = _ev(root, ship, opt=opt)
    assert other.lookup(text) is None and other.shipped_used == 0
    assert ev.lookup(text)["shipped"]  # the same file still serves the real binaries


def test_shipped_verdict_is_ignored_for_another_llvm(roots):
    others = [v for v in VERSIONS if v != PRIMARY]
    if not others:
        pytest.skip("one LLVM installed")
    root, ship = roots
    ev = _ev(root, ship)
    text = _canonical("default<Oz>")
    _ship(ev, os.path.join(ship, f"{PRIMARY}.json"), {text: {"passed": True, "failures": []}})
    other = _ev(root, ship, version=others[0])
    assert other.lookup(text) is None and other.shipped_used == 0


def test_binary_hash_is_cached_by_path_size_and_mtime(tmp_path):
    f = tmp_path / "bin"
    f.write_bytes(b"one")
    root = str(tmp_path / "cache")
    first = shipped.content_hash(str(f), root)
    (memo,) = (tmp_path / "cache" / "binhash").iterdir()
    doc = json.loads(memo.read_text())
    memo.write_text(json.dumps(dict(doc, sha256="cached")))
    assert shipped.content_hash(str(f), root) == "cached"  # not hashed again
    f.write_bytes(b"two")  # size (and mtime) change: hashed again
    assert shipped.content_hash(str(f), root) not in ("cached", first)


def test_export_verdicts_writes_a_file_a_fresh_machine_uses(tmp_path, warm_store):
    # The session's warm verdicts: export reuses cached verdicts (so it resumes), no suite.
    root = str(tmp_path / "cache")
    os.makedirs(root)
    seed_cache(warm_store[PRIMARY], root)
    lib = tmp_path / "lib.json"
    lib.write_text(json.dumps({"version": "test", "candidates": [
        {"text": "default<Oz>", "rank": 0}]}))  # fmt: skip
    out = tmp_path / "shipped" / f"{PRIMARY}.json"
    env = base_env(str(tmp_path), LLMCC_DIR=root)
    r = run([ADMIN, "warmup", "--export-verdicts", str(out), "--library", str(lib)],
            cwd=str(tmp_path), env=env, timeout=600)  # fmt: skip
    assert r.returncode == 0, r.stdout.decode() + r.stderr.decode()
    doc = json.loads(out.read_text())
    (group,) = doc["groups"]
    assert group["mode"] == "quick" and group["library"]["version"] == "test"
    text = _canonical("default<Oz>")
    assert group["verdicts"][text]["passed"] is True
    # A fresh cache (suite prepared, no verdict) takes it without running the suite.
    fresh = str(tmp_path / "fresh")
    os.makedirs(fresh)
    ev = _ev(fresh, str(out.parent))
    v = ev.verdict(text)
    assert v["passed"] and v["shipped"] and ev.evaluations == 0

"""The model's value head (llmcc/advisor/value.py) and its trainer (llmcc/train/value.py)."""

from __future__ import annotations

import hashlib
import json
import os

import pytest
from model_fixture_scripted import ScriptedServer, completion

from llmcc.advisor import value
from llmcc.advisor.backends import SHIPPED_DIR

STORES = "define void @f(ptr %p) {\n" + "  store i32 0, ptr %p\n" * 9 + "  ret void\n}\n"
LOADS = ("define i32 @g(ptr %p) {\n" + "  %a = load i32, ptr %p\n" * 9
         + "  ret i32 %a\n}\n")  # fmt: skip


def _two_kinds(n: int = 12) -> tuple[list, list, list[str]]:
    """Store-heavy TUs where "a" wins, load-heavy ones where "b" wins; "b" wins more TUs."""
    xs, sav = [], []
    for i in range(n):
        xs.append(value.features(STORES * (1 + i % 3)))
        sav.append([0.05, 0.0, 0.0])
    for i in range(2 * n):
        xs.append(value.features(LOADS * (1 + i % 3)))
        sav.append([0.0, 0.04, 0.0])
    return xs, sav, ["a", "b", "c"]


def test_features_are_the_tus_shape_then_its_instruction_mix():
    x = value.features(STORES)
    assert len(x) == 8 + len(value.OPS)
    mix = dict(zip(value.OPS, x[8:], strict=True))
    assert mix["store"] == pytest.approx(0.9) and mix["ret"] == pytest.approx(0.1)
    assert value.features(LOADS)[8 + value.OPS.index("load")] == pytest.approx(0.9)


def test_savings_count_only_wins_and_rejected_candidates_save_nothing():
    assert value.savings(100, [90, 110, None]) == [pytest.approx(0.10536, abs=1e-5), 0.0, 0.0]


def test_the_head_tries_what_wins_on_the_nearest_training_tus():
    xs, sav, cands = _two_kinds()
    head = value.ValueHead(value.fit(xs, sav, cands, k=6, alpha=0.0))
    assert head.rank(STORES * 2, 1) == ["a"]
    assert head.rank(LOADS * 2, 1) == ["b"]
    # All weight on the whole training set: the greedy order of the library, whatever the TU.
    assert head.rank_features(value.features(STORES), 2, alpha=1.0) == ["b", "a"]


def test_what_the_model_answered_counts_as_tried():
    xs, sav, cands = _two_kinds()
    head = value.ValueHead(value.fit(xs, sav, cands, k=6, alpha=0.0))
    assert head.rank(STORES, 2, tried=["a"]) == ["b", "c"]


def test_a_missing_or_corrupt_head_means_no_head(tmp_path):
    assert value.ValueHead.load(str(tmp_path)) is None
    (tmp_path / value.FILE).write_text("{not json")
    assert value.ValueHead.load(str(tmp_path)) is None
    xs, sav, cands = _two_kinds()
    doc = value.fit(xs, sav, cands, k=6, alpha=0.0)
    doc["savings"][0] = [0.1]  # one TU's savings no longer match the candidates
    (tmp_path / value.FILE).write_text(json.dumps(doc))
    assert value.ValueHead.load(str(tmp_path)) is None
    doc = value.fit(xs, sav, cands, k=6, alpha=0.0)
    doc["mean"] = doc["mean"][:-1]  # features of another llmcc
    (tmp_path / value.FILE).write_text(json.dumps(doc))
    assert value.ValueHead.load(str(tmp_path)) is None


def test_the_shipped_model_ranks_its_library_with_a_head_its_identity_names():
    from llmcc.advisor.identity import model_meta

    head = value.ValueHead.load(SHIPPED_DIR)
    meta = model_meta(SHIPPED_DIR)
    assert head is not None and head.candidates == meta["library"]
    with open(os.path.join(SHIPPED_DIR, value.FILE), "rb") as f:
        assert meta["value_head_sha256"] == hashlib.sha256(f.read()).hexdigest()
    # Chosen on the training packages only, and recorded with its held-out proxy.
    report = meta["value_head"]
    assert (report["k"], report["alpha"]) == (head.k, head.alpha)
    assert report["heldout"]["rows"] > 0


def test_the_cache_identity_follows_the_value_head(tmp_path):
    from llmcc.advisor.backends import onnx
    from llmcc.config import Config

    cfg = Config.from_env({"LLMCC_CACHE_DIR": str(tmp_path / "cache")})
    ids = []
    for head in ("a" * 64, "b" * 64):
        d = tmp_path / head[0]
        d.mkdir()
        meta = {"weights_sha256": "f" * 64, "encoding": "digest", "value_head_sha256": head}
        (d / "llmcc-model.json").write_text(json.dumps(meta))
        ids.append(onnx.identity(cfg, str(d)))
    assert ids[0] != ids[1]


def test_the_advisor_ranks_with_the_head_and_asks_the_server_only_for_the_answer(tmp_path):
    from llmcc.advisor import select
    from llmcc.config import Config

    xs, sav, _ = _two_kinds()
    from llmcc.advisor.candidates import LIBRARY

    cands = list(LIBRARY)[:3]
    head = value.ValueHead(value.fit(xs, sav, cands, k=6, alpha=0.0))
    with ScriptedServer(completion(" Run passes -p 'default<Oz>'\n\n<code>")) as srv:
        cfg = Config.from_env({"LLMCC_MODEL": srv.url, "LLMCC_TOPK": "1",
                               "LLMCC_CACHE_DIR": str(tmp_path / "cache")})  # fmt: skip
        advisor = select.make(cfg)
        advisor.value = head
        advice = advisor.advise(STORES)
        paths = [r["path"] for r in srv.requests]
    # A plain -Oz answer is not tried: its trial goes to the head's next pick.
    assert [p.text for p in advice.proposals] == [cands[0], cands[1]]
    assert all(p.source.startswith("value:") for p in advice.proposals)
    assert "/v1/rank" not in paths


def test_the_trainer_chooses_on_training_packages_and_beats_the_fixed_order_where_tus_differ():
    from llmcc.train import value as V

    xs, sav, cands = _two_kinds()
    rows = [{"package": f"p{i % 4}"} for i in range(len(xs))]
    (k, alpha), figures = V.choose(rows, xs, sav, cands, 1)
    assert (k, alpha) in V.GRID and len(figures) == len(V.GRID)
    head = value.ValueHead(value.fit(xs, sav, cands, k, alpha))
    by_head = [V.best_of(s, cands, head.rank_features(x, 1)) for x, s in zip(xs, sav, strict=True)]
    fixed = [V.best_of(s, cands, cands[:1]) for s in sav]
    assert V.pct(by_head) > V.pct(fixed)

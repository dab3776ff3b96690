"""The pass-list library: chosen from tuner state on training packages only, shipped versioned."""

from __future__ import annotations

import json
import os

from conftest import ADMIN, run

from llmcc.advisor import candidates
from llmcc.objinfo import ObjectInfo
from llmcc.tune import library
from llmcc.tune.state import TuState, info_to_json


def _tu(state: str, tu_id: str, package: str | None, ref: int, trials: list[tuple]) -> None:
    """A TU in the tuner's state format: its record identity, its reference, its trials."""
    st = TuState(state, tu_id)
    st.save_meta({"record": tu_id, "package": package, "source": f"/src/{tu_id}.c", "llvm": 19})
    info = ObjectInfo(ref, 0, 0, frozenset(), frozenset())
    st.save_prep({"reference": "clang-oz", "ref": info_to_json(info)}, b"\0")
    rows = [{"phase": "random", "candidate": c, "size": size, "rejected": rej}
            for c, size, rej in trials]  # fmt: skip
    st.append("search", rows, len(rows))


def test_greedy_picks_the_complement_not_the_near_duplicate():
    m = {"A": {0: 0.10, 1: 0.10}, "B": {0: 0.09, 1: 0.09}, "C": {2: 0.05}}
    picks = library.greedy(m, 2)
    assert [c for c, _ in picks] == ["A", "C"]
    assert abs(picks[0][1] - 0.20) < 1e-9 and abs(picks[1][1] - 0.05) < 1e-9


def test_greedy_stops_when_nothing_adds_and_breaks_ties_by_length():
    m = {"long,list": {0: 0.1}, "short": {0: 0.1}}
    assert library.greedy(m, 5) == [("short", 0.1)]


def test_heldout_package_rows_never_reach_the_library(tmp_path):
    s = str(tmp_path / "state")
    _tu(s, "t1-aaaaaaaaaaaa", "zlib", 1000, [("function(mem2reg)", 900, None)])
    # Held out: a huge saving that must not be seen by the selection.
    _tu(s, "t2-bbbbbbbbbbbb", "libyaml", 1000, [("cgscc(inline)", 100, None)])
    doc = library.select([s], k=8)
    texts = [c["text"] for c in doc["candidates"]]
    assert texts == ["function(mem2reg)"]
    assert doc["provenance"]["corpus_packages"] == ["zlib"]
    assert doc["provenance"]["skipped_tus"] == {"heldout": {"libyaml": 1}}
    assert doc["provenance"]["train_coverage"]["tus"] == 1


def test_unlabelled_and_non_corpus_tus_are_skipped(tmp_path):
    s = str(tmp_path / "state")
    _tu(s, "t1-aaaaaaaaaaaa", None, 1000, [("cgscc(inline)", 100, None)])
    _tu(s, "t2-bbbbbbbbbbbb", "openssl", 1000, [("cgscc(inline)", 100, None)])
    doc = library.select([s], k=8)
    assert doc["candidates"] == []
    assert doc["provenance"]["skipped_tus"] == {"unlabelled": {"None": 1},
                                                 "not-in-corpus": {"openssl": 1}}  # fmt: skip


def test_rejected_and_larger_trials_save_nothing(tmp_path):
    s = str(tmp_path / "state")
    _tu(s, "t1-aaaaaaaaaaaa", "bzip2", 1000, [
        ("function(instcombine)", 500, "new-undefined-symbol"),  # rejected: no credit
        ("default<O2>", 1200, None),  # larger than -Oz
        ("default<Oz>,mergefunc", 990, None),
    ])  # fmt: skip
    m = library.savings(library.read_states([s])[0])
    assert set(m) == {"default<Oz>,mergefunc"}
    assert abs(m["default<Oz>,mergefunc"][0] - 0.01) < 1e-9


def test_min_tried_keeps_one_off_winners_out_of_the_selection(tmp_path):
    s = str(tmp_path / "state")
    # "wide" is tried on all three TUs, "oneoff" only on the TU that drew it (a big win there).
    _tu(s, "t1-aaaaaaaaaaaa", "zlib", 1000, [("wide", 990, None), ("oneoff", 500, None)])
    _tu(s, "t2-bbbbbbbbbbbb", "zlib", 1000, [("wide", 990, None)])
    _tu(s, "t3-cccccccccccc", "zlib", 1000, [("wide", 1000, "check:smaller")])
    assert [c["text"] for c in library.select([s], k=8)["candidates"]] == ["oneoff", "wide"]
    doc = library.select([s], k=8, min_tried=0.5)
    assert [c["text"] for c in doc["candidates"]] == ["wide"]
    assert doc["provenance"]["min_tried"] == 0.5


def test_library_stores_instcombine_bare_so_it_vets_on_opt_16_and_means_the_same_on_19():
    from llmcc.passlist import PassRegistry
    from llmcc.trial import vet_candidate

    tuned = "function(mem2reg,instcombine<no-verify-fixpoint>) ; -mllvm -enable-machine-outliner"
    from llmcc.candidate import portable

    text = portable(tuned)
    assert text == "function(mem2reg,instcombine) ; -mllvm -enable-machine-outliner"
    for major, canonical in ((16, text), (19, tuned)):
        opt = f"/usr/lib/llvm-{major}/bin/opt"
        if os.path.exists(opt):
            assert vet_candidate(text, PassRegistry.from_opt(opt)).text() == canonical


def test_state_without_tu_json_reads_the_package_from_the_records_inside_it(tmp_path):
    s = str(tmp_path / "state")
    _tu(s, "abc-aaaaaaaaaaaa", "zlib", 1000, [("function(mem2reg)", 900, None)])
    os.remove(TuState(s, "abc-aaaaaaaaaaaa").path("tu.json"))
    os.makedirs(os.path.join(s, "records", "tus"))
    with open(os.path.join(s, "records", "tus", "abc.json"), "w") as f:
        json.dump({"package": "jansson", "llvm": 19}, f)  # held out
    assert library.read_states([s])[0] == []


def test_tune_select_command_writes_a_library_the_advisor_loads(tmp_path):
    s = str(tmp_path / "state")
    _tu(s, "t1-aaaaaaaaaaaa", "zlib", 1000, [("function(mem2reg)", 900, None),
                                            ("default<Oz>,mergefunc", 950, None)])  # fmt: skip
    _tu(s, "t2-bbbbbbbbbbbb", "bzip2", 2000, [("default<Oz>,mergefunc", 1000, None)])
    out = str(tmp_path / "v3.json")
    r = run([ADMIN, "tune", "select", "--state", s, "-k", "4", "--out", out], cwd=str(tmp_path))
    assert r.returncode == 0, r.stderr.decode()
    with open(out) as f:
        doc = json.load(f)
    assert doc["version"] == "3" and doc["llvm"] == [19]
    assert [c["rank"] for c in doc["candidates"]] == [0, 1]
    assert doc["candidates"][0]["text"] == "default<Oz>,mergefunc"  # 0.55 over 0.10
    assert doc["provenance"]["command"][:3] == ["llmcc-admin", "tune", "select"]
    version, texts, subset = candidates.load_library(out)
    assert (version, texts, subset) == ("3", ("default<Oz>,mergefunc", "function(mem2reg)"), 2)


def test_shipped_library_is_v3_chosen_on_training_packages_only():
    from llmcc.tune.corpus import load_packages, names

    with open(candidates.LIBRARY_FILE) as f:
        doc = json.load(f)
    prov = doc["provenance"]
    assert doc["version"] == "3" and prov["min_tried"] >= 0.5
    used, heldout = set(prov["corpus_packages"]), set(names(load_packages(), "heldout"))
    assert used and used <= set(names(load_packages(), "train")) and not used & heldout
    assert tuple(c["text"] for c in doc["candidates"]) == candidates.LIBRARY
    assert candidates.LIBRARY[: doc["default_subset"]] == candidates.CANDIDATES
    assert len(candidates.CANDIDATES) <= 6  # cold builds: no more trials than the six lists
    assert candidates.CandidateAdvisor.identity == f"candidates-v3.{candidates.DIGEST}"
    assert not any("no-verify-fixpoint" in t for t in candidates.LIBRARY)  # vets on opt 16


def test_advisor_identity_follows_the_library_content(tmp_path):
    assert candidates.library_digest(["a", "b"]) != candidates.library_digest(["b", "a"])
    bad = tmp_path / "broken.json"
    bad.write_text("{not json")
    assert candidates.load_library(str(bad)) == ("2", candidates.V2_CANDIDATES, 6)


def test_default_subset_is_at_most_six(tmp_path):
    p = tmp_path / "lib.json"
    p.write_text(json.dumps({"version": "3", "default_subset": 40, "candidates": [
        {"text": f"function(pass{i})", "rank": i} for i in range(10)]}))  # fmt: skip
    _version, texts, subset = candidates.load_library(str(p))
    assert len(texts) == 10 and subset == 6


def test_measure_is_best_of_the_library_per_tu_and_resumes(tmp_path):
    """The held-out figure's command on a real recorded TU: every library candidate tried
    under the driver's checks, and a rerun does no trial again."""
    from conftest import LLMCC, PRIMARY, base_env

    if PRIMARY is None:
        import pytest

        pytest.skip("no clang-N/opt-N installed")
    src = tmp_path / "m.c"
    src.write_text("static int sq(int x) { return x * x; }\n"
                   "int f(int n) { int s = 0; for (int i = 0; i < n; i++) s += sq(i); return s; }\n"
                   "int g(int n) { return f(n) + f(n + 1); }\n")  # fmt: skip
    rec = tmp_path / "rec"
    env = base_env(str(tmp_path), LLMCC_RECORD=str(rec), LLMCC_RECORD_PACKAGE="cjson")
    r = run([LLMCC, "-O2", "-c", str(src), "-o", str(tmp_path / "m.o")], cwd=str(tmp_path), env=env)
    assert r.returncode == 0, r.stderr.decode()
    (record,) = sorted((rec / "tus").glob("*.json"))
    lib = tmp_path / "lib.json"
    cands = [{"text": "default<Oz>", "rank": 0}, {"text": "default<O1>,cgscc(inline)", "rank": 1}]
    lib.write_text(json.dumps({"version": "t", "candidates": cands}))
    state = str(tmp_path / "state")
    old = dict(os.environ)
    os.environ.update({k: v for k, v in env.items() if k != "LLMCC_RECORD"})
    try:
        got = library.measure([str(record)], str(lib), state, jobs=1)
        (tu_dir,) = (tmp_path / "state" / "tus").iterdir()
        trials = (tu_dir / "trials.jsonl").read_text()
        again = library.measure([str(record)], str(lib), state, jobs=1)
    finally:
        os.environ.clear()
        os.environ.update(old)
    assert got["tus"] == 1 and got["packages"] == ["cjson"] and got["problems"] == []
    assert got["bytes_out"] <= got["bytes_oz"]
    assert trials.count('"kind": "trial"') == 2  # both candidates, once each
    assert (tu_dir / "trials.jsonl").read_text() == trials and again == got
    assert json.loads((tu_dir / "tu.json").read_text())["package"] == "cjson"
    # The measurement's state gives held-out labels (the model's evaluation rows).
    from llmcc.tune.labels import label_rows

    (row,) = label_rows(state)
    assert row["package"] == "cjson" and row["oz_size"] == got["bytes_oz"]
    assert sorted(a["candidate"] for a in row["all"]) == sorted(c["text"] for c in cands)

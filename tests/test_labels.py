"""Labels for a recorded corpus: ``llmcc-admin tune corpus`` and ``tune labels``.

The corpus here is a three-file project recorded as if it were the training
package ``zlib`` (the split comes from llmcc/tune/packages.toml), so the real
CLI, the real recording and the real tuner search run, in seconds.
"""

from __future__ import annotations

import json
import os
import shutil

import pytest
from conftest import ADMIN, BIN, DATA, base_env, requires_clang, run

from llmcc.train.dataset import RESULT_FIELDS
from llmcc.tune.labels import sample
from llmcc.tune.records import Record

pytestmark = requires_clang

MAKEFILE = "OBJS = twins.o tiny.o\nall: $(OBJS)\n%.o: %.c\n\t$(CC) -O2 -c $< -o $@\n"


def _rec(i: int, package: str) -> Record:
    return Record(f"id{i:03d}", f"/src/{i}.c", "/src", f"/src/{i}.o", [], "c", "clang", 19, [],
                  "0" * 64, package, f"/rec/{i}.ll")  # fmt: skip


def test_sample_takes_the_same_tus_per_package_for_a_seed_and_all_without_a_cap():
    recs = [_rec(i, "a") for i in range(10)] + [_rec(i, "b") for i in range(10, 13)]
    one = sample(recs, 4, seed=1)
    assert [r.id for r in one] == [r.id for r in sample(list(reversed(recs)), 4, seed=1)]
    by_pkg = {p: [r for r in one if r.package == p] for p in ("a", "b")}
    assert len(by_pkg["a"]) == 4 and len(by_pkg["b"]) == 3
    assert {r.id for r in sample(recs, 4, seed=2)} != {r.id for r in one}
    assert sample(recs, None, seed=1) == recs


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    base = str(tmp_path_factory.mktemp("labels"))
    env = base_env(base, LLMCC_EVAL="off", LLMCC_CORPUS=os.path.join(base, "corpus"))
    proj = os.path.join(base, "proj")
    os.makedirs(proj)
    for name in ("twins.c", "tiny.c"):
        shutil.copy(os.path.join(DATA, name), proj)
    with open(os.path.join(proj, "Makefile"), "w") as f:
        f.write(MAKEFILE)
    rec = os.path.join(env["LLMCC_CORPUS"], "records", "zlib")
    r = run(["make", "-s", f"CC={BIN}/llmcc"], cwd=proj,
            env=dict(env, LLMCC_RECORD=rec, LLMCC_RECORD_PACKAGE="zlib"))  # fmt: skip
    assert r.returncode == 0, r.stderr.decode()[-2000:]
    state = os.path.join(base, "state")
    r = run([ADMIN, "tune", "corpus", "--packages", "zlib", "--budget", "16", "--state", state],
            cwd=base, env=env)  # fmt: skip
    assert r.returncode == 0, r.stderr.decode()[-3000:]
    out = os.path.join(base, "labels.jsonl")
    r = run([ADMIN, "tune", "labels", "--state", state, "--out", out], cwd=base, env=env)
    assert r.returncode == 0, r.stderr.decode()[-2000:]
    with open(out) as f:
        text = f.read()
    return {"env": env, "text": text, "rows": [json.loads(ln) for ln in text.splitlines()],
            "state": state, "base": base}  # fmt: skip


def test_labels_are_the_dataset_schema_with_a_win_and_no_ir(corpus):
    rows = {os.path.basename(r["file"]): r for r in corpus["rows"]}
    assert set(rows) == {"twins.c", "tiny.c"}
    for r in rows.values():
        assert set(RESULT_FIELDS) <= set(r) and r["package"] == "zlib"
        assert len(r["ir_sha256"]) == 64 and os.path.isfile(r["ir_path"])
        assert r["best"]["size"] <= r["oz_size"] and len(r["all"]) >= 2
    # twins.c has two identical functions: a list with mergefunc beats -Oz on it.
    assert rows["twins.c"]["best"]["size"] < rows["twins.c"]["oz_size"]
    assert "define " not in corpus["text"] and "target triple" not in corpus["text"]


def test_labelling_puts_nothing_in_the_cache(corpus):
    cache = corpus["env"]["LLMCC_DIR"]
    stored = [
        f for ns in ("pl", "obj") for _, _, fs in os.walk(os.path.join(cache, ns)) for f in fs
    ]
    assert stored == []


def test_tune_corpus_refuses_the_held_out_split(tmp_path):
    r = run([ADMIN, "tune", "corpus", "--split", "heldout", "--state", str(tmp_path)],
            cwd=str(tmp_path), env=base_env(str(tmp_path)))  # fmt: skip
    assert r.returncode != 0 and b"heldout" in r.stderr


def test_dense_phase_tries_the_greedy_picks_on_every_tu_once_and_resumes(corpus):
    from llmcc.tune.labels import dense_list
    from llmcc.tune.state import TuState

    state, base, env = corpus["state"], corpus["base"], corpus["env"]
    picks = dense_list(state, 3)
    assert picks  # twins.c's mergefunc win at least
    argv = [ADMIN, "tune", "corpus", "--packages", "zlib", "--budget", "16", "--state", state,
            "--dense", "3"]  # fmt: skip
    r = run(argv, cwd=base, env=env)
    assert r.returncode == 0, r.stderr.decode()[-3000:]
    tus = sorted(os.listdir(os.path.join(state, "tus")))
    before = {}
    for t in tus:
        rows, phases = TuState(state, t).rows()
        assert any(p.startswith("dense-") for p in phases)
        tried = [x["candidate"] for x in rows]
        assert all(tried.count(c) == 1 for c in picks), (t, picks)
        before[t] = len(rows)
    r = run(argv, cwd=base, env=env)  # resumes: nothing left to try
    assert r.returncode == 0, r.stderr.decode()[-3000:]
    assert {t: len(TuState(state, t).rows()[0]) for t in tus} == before

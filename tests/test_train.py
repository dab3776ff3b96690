"""The model pipeline: dataset builder, digest encoding, training, export, ranker, advisor.

Labels are real but few (tests/train_labels.py really applies four candidate
lists to eight C files). One tiny model is trained from them once per session,
in a subprocess (pytest never imports torch), with the real command
``python -m llmcc.train train``, exported with optimum and served by the real
model server. It is a test model: what it predicts is not the point, that
every stage runs and connects is.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import shutil
import subprocess
import sys
import time

import pytest
import train_labels
from conftest import PRIMARY, base_env, clang, requires_clang

from llmcc.advisor import encoding, prompt, select
from llmcc.config import Config
from llmcc.server import client
from llmcc.train import dataset
from llmcc.train.model import lr_lambda

FTD = "[INST] Tell me how to optimize this LLVM-IR for object file size:\n\n<code>{}</code> [/INST]"
"""Meta's template typed in again, so that a change to prompt.py shows."""
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
TINY_ARGS = ["--context", "384", "--vocab", "768", "--hidden", "64", "--layers", "2",
             "--heads", "2", "--kv-heads", "1", "--ffn", "128", "--steps", "150", "--batch", "4",
             "--warmup", "10", "--lr", "5e-3", "--threads", "1", "--eval-rows", "4"]  # fmt: skip


# -- no model needed ---------------------------------------------------------------------


@pytest.fixture(scope="session")
def labels(tmp_path_factory) -> str:
    if PRIMARY is None:
        pytest.skip("no clang-N/opt-N installed")
    return train_labels.write_labels(str(tmp_path_factory.mktemp("labels")), PRIMARY)


@requires_clang
def test_dataset_rows_are_the_exact_ftd_prompt_with_provenance_split_by_package(labels, tmp_path):
    counts = dataset.build([labels], str(tmp_path), {train_labels.HELDOUT})
    results = list(dataset.read_jsonl(labels))
    assert counts["written"] == len(results) >= 6
    train = list(dataset.read_jsonl(str(tmp_path / "train.jsonl")))
    held = list(dataset.read_jsonl(str(tmp_path / "heldout.jsonl")))
    assert {r["package"] for r in held} == {train_labels.HELDOUT}
    assert train_labels.HELDOUT not in {r["package"] for r in train}
    by_file = {r["file"]: r for r in results}
    for row in train + held:
        src = by_file[row["file"]]
        with open(src["ir_path"]) as f:
            ir = f.read()
        assert row["prompt"].encode() == FTD.format(ir).encode()
        assert row["answer"] == f" Run passes -p '{src['best']['candidate']}'\n\n<code>"
        assert (row["ir_sha256"], row["oz_size"], row["best_size"], row["version"]) == (
            hashlib.sha256(ir.encode()).hexdigest(),
            src["oz_size"],
            src["best"]["size"],
            "0",
        )
        assert [a["size"] for a in row["all"]] == [a["size"] for a in src["all"]]


@requires_clang
def test_dataset_build_resumes_without_duplicates_after_a_torn_write(labels, tmp_path):
    first = dataset.build([labels], str(tmp_path), set(), limit=3)
    assert first["written"] == 3
    with open(tmp_path / "train.jsonl", "a") as f:
        f.write('{"prompt": "[INST] torn')  # killed mid-row
    again = dataset.build([labels], str(tmp_path), set())
    rows = list(dataset.read_jsonl(str(tmp_path / "train.jsonl")))
    assert again["already-done"] == 3
    assert len(rows) == len({dataset.row_key(r) for r in rows}) == len(list(
        dataset.read_jsonl(labels)))  # fmt: skip


def test_dataset_skips_results_whose_ir_changed_or_is_missing(tmp_path):
    ir = tmp_path / "a.ll"
    ir.write_text("define i32 @f() {\n  ret i32 0\n}\n")
    good = {"package": "p", "version": "1", "file": "a.c", "ir_path": str(ir),
            "ir_sha256": hashlib.sha256(ir.read_bytes()).hexdigest(), "oz_size": 10,
            "best": {"candidate": "default<Oz>", "size": 9}, "all": []}  # fmt: skip
    rows = [good, {**good, "file": "b.c", "ir_sha256": "0" * 64},
            {**good, "file": "c.c", "ir_path": str(tmp_path / "gone.ll")},
            {**good, "file": "d.c", "best": {"candidate": "x", "size": None}}]  # fmt: skip
    src = tmp_path / "results.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in rows) + "not json\n")
    counts = dataset.build([str(src)], str(tmp_path / "ds"), set())
    assert dict(counts) == {"written": 1, "train": 1, "ir-changed": 1, "ir-missing": 1,
                            "no-best": 1}  # fmt: skip


def test_heldout_packages_come_from_the_corpus_list():
    held = dataset.read_heldout()
    assert len(held) >= 8 and {"libyaml", "jansson"} <= held and "zlib" not in held


def _ir(tmp_path, functions: int) -> str:
    src = tmp_path / "big.c"
    body = "".join(
        f"int f{i}(int *p, int n) {{ int s = {i}; for (int j = 0; j < n; j++) s += p[j] * {i};"
        f' return s ^ n; }}\nconst char *s{i} = "a string that is not short at all, number {i}";\n'
        for i in range(functions)
    )
    src.write_text(body)
    return subprocess.run([clang(), "-O2", "-Oz", "-Xclang", "-disable-llvm-passes", "-S",
                           "-emit-llvm", "-g", str(src), "-o", "-"], capture_output=True,
                          text=True, check=True).stdout  # fmt: skip


@requires_clang
def test_short_ir_is_kept_whole_less_metadata(tmp_path):
    ir = _ir(tmp_path, 2)
    text, level = encoding.encode(ir, lambda t: len(t) < 100_000)
    assert level == "full"
    assert "!dbg" not in text and "attributes #" not in text and "target triple" not in text
    assert text.count("define ") == 2 and text.count("\n  ret ") == 2


@requires_clang
def test_long_ir_is_digested_per_function_to_fit_and_names_every_function(tmp_path):
    ir = _ir(tmp_path, 80)
    for budget, expected in ((30_000, "digest:2"), (20_000, "functions")):
        text, level = encoding.encode(ir, lambda t, b=budget: len(t) <= b)
        assert level == expected and len(text) <= budget < len(encoding.compact(ir))
        for i in range(80):
            assert f"@f{i}(" in text
        assert "; blocks 6 insts " in text and "load:" in text
    # Tighter still: the last resort is a cut description, never a cut program.
    text, level = encoding.encode(ir, lambda t: len(t) <= 800)
    assert level == "cut" and text.endswith("; ...\n") and len(text) <= 800
    assert encoding.ir_of_prompt(prompt.build(ir)) == ir
    assert encoding.ir_of_prompt("not a prompt") is None


def test_lr_schedule_warms_up_then_decays_to_a_thirtieth():
    f = lr_lambda(10, 110)
    assert f(0) == pytest.approx(0.1) and f(9) == pytest.approx(1.0)
    assert f(10) == pytest.approx(1.0) and f(60) == pytest.approx((1 + 1 / 30) / 2)
    assert f(110) == pytest.approx(1 / 30) and f(500) == pytest.approx(1 / 30)


def test_relabel_answers_with_the_best_measured_library_candidate_or_oz():
    from llmcc.train.train import relabel

    lib = ["default<Oz>,mergefunc", "default<O1>,cgscc(inline)"]
    rows = [
        {"oz_size": 100, "candidate": "function(sroa)", "all": [  # the overall best is not in lib
            {"candidate": "function(sroa)", "size": 80},
            {"candidate": lib[1], "size": 95}, {"candidate": lib[0], "size": 97}]},
        {"oz_size": 100, "candidate": lib[0], "all": [  # nothing in lib beats -Oz
            {"candidate": lib[0], "size": 100}, {"candidate": lib[1], "size": None}]},
    ]
    assert relabel(rows, lib) == 2
    assert [r["candidate"] for r in rows] == [lib[1], "default<Oz>"]
    assert [r["best_size"] for r in rows] == [95, 100]
    assert rows[0]["answer"] == encoding.answer_text(lib[1])


def test_rank_targets_favour_the_biggest_win_and_weigh_tus_by_what_the_choice_is_worth():
    from llmcc.train.model import rank_targets

    target, weight = rank_targets([0.95, 1.02, None, 0.97])
    assert max(target) == target[0] and target[2] == 0.0 and sum(target) == pytest.approx(1)
    assert target[3] > target[1]  # 3 % below -Oz beats 2 % above it
    assert weight == 1.0  # a 5-point spread counts fully
    assert rank_targets([1.0, 1.03])[1] == 0.0  # nothing wins: nothing to learn
    assert rank_targets([0.998, 1.0])[1] == pytest.approx(0.2)
    assert rank_targets([None, None]) == ([0.0, 0.0], 0.0)


LIB3 = ["default<Oz>,mergefunc", "default<O1>,cgscc(inline)", "function(mem2reg)"]
"""A library in its own (tuner-chosen) order, for the ranking arithmetic below."""
FLIPPED = [(-3.0, 1), (-2.0, 1), (-1.0, 1)]
"""Raw (log-probability, tokens) scores that rank LIB3 backwards."""


def test_rank_prior_zero_is_the_model_order_and_large_is_the_library_order():
    from llmcc.train.train import proposals

    assert proposals("x", FLIPPED, LIB3, 0.0, 2) == ["x", LIB3[2], LIB3[1]]
    assert proposals("x", FLIPPED, LIB3, 1e3, 2) == ["x", LIB3[0], LIB3[1]]
    # In between, the prior overrules small model gaps only: 0.2 nats (c2 over c1) yields
    # to 0.75 a place; 1.8 nats (c1 over c0) does not.
    near_tie = [(-3.0, 1), (-1.2, 1), (-1.0, 1)]
    assert proposals("x", near_tie, LIB3, 0.75, 3) == ["x", LIB3[1], LIB3[2], LIB3[0]]
    assert encoding.rank_score(-3.0, 2, 4, 0.5) == pytest.approx(-3.5)


def test_the_servers_rank_prior_is_the_trainers_formula_read_from_the_model_meta():
    prior = encoding.RankPrior({"library": LIB3, "rank_prior": 0.5})
    for place, cand in enumerate(LIB3):
        assert prior.score(cand, -4.0, 2) == encoding.rank_score(-4.0, 2, place, 0.5)
    assert prior.score("function(sroa)", -4.0, 2) == pytest.approx(-2.0 - 0.5 * 3)
    assert encoding.RankPrior({}).score("x", -4.0, 2) == -2.0  # a model without one


def test_a_plain_oz_answer_spends_its_trial_on_the_next_ranked_candidate():
    from llmcc.train.train import proposals

    assert proposals(encoding.NO_WIN, FLIPPED, LIB3, 1e3, 1) == LIB3[:2]
    assert proposals(LIB3[1], FLIPPED, LIB3, 1e3, 1) == [LIB3[1], LIB3[0]]  # not tried twice
    assert proposals(None, FLIPPED, LIB3, 1e3, 1) == [LIB3[0]]  # no valid answer


def _row(package: str, **sizes: int) -> dict:
    """A tuner row on a TU of *package*: -Oz 100 bytes, LIB3[i] measured at sizes["c<i>"]."""
    measured = [{"candidate": LIB3[int(k[1:])], "size": v} for k, v in sizes.items()]
    return {"package": package, "oz_size": 100, "candidate": LIB3[0], "best_size": 90,
            "all": measured}  # fmt: skip


def test_measure_compares_the_same_number_of_trials_with_and_without_the_model():
    from llmcc.train.train import measure

    rows = [_row("a", c0=99, c1=100, c2=90), _row("a", c0=95, c1=100, c2=100)]
    scored = [{"answer": encoding.NO_WIN, "scores": FLIPPED, "seconds": 0.1}] * 2
    at_library_order = measure(rows, scored, LIB3, 1, 1e3)
    # A plain -Oz answer at the library's own order tries exactly the library's first k + 1.
    for k, (model, fixed, gated) in at_library_order["by_k"].items():
        assert model == fixed and gated == 0.0, k
    flipped = measure(rows, scored, LIB3, 1, 0.0)["by_k"]
    assert flipped[0][0] == pytest.approx(100 * (1 - math.sqrt(0.90 * 1.0)), abs=1e-3)
    assert flipped[0][1] == pytest.approx(100 * (1 - math.sqrt(0.99 * 0.95)), abs=1e-3)
    assert at_library_order["answers_no_win"] == 1.0 and at_library_order["valid_answers"] == 1


def test_the_prior_is_chosen_on_validation_rows_with_ties_to_the_library_order():
    from llmcc.train.train import PRIOR_GRID, choose_prior

    scored = [{"answer": encoding.NO_WIN, "scores": FLIPPED, "seconds": 0.1}]
    model_right = [_row("v", c0=100, c1=100, c2=90)]  # the model's first pick wins
    assert choose_prior(model_right, scored, LIB3, 0)[0] < 1.0
    library_right = [_row("v", c0=90, c1=100, c2=100)]
    assert choose_prior(library_right, scored, LIB3, 0)[0] == PRIOR_GRID[-1]
    nothing_differs = [_row("v", c0=100, c1=100, c2=100)]
    assert choose_prior(nothing_differs, scored, LIB3, 0)[0] == PRIOR_GRID[-1]


def test_validation_takes_whole_training_packages_and_only_with_enough_left():
    from llmcc.train.train import split_validation

    rows = [{"package": f"p{i % 6}", "i": i} for i in range(30)]
    train, valid = split_validation(rows, 2, seed=0)
    vp = {r["package"] for r in valid}
    assert len(vp) == 2 and not vp & {r["package"] for r in train}
    assert len(train) + len(valid) == 30
    assert split_validation(rows, 2, seed=0) == (train, valid)  # reproducible
    assert split_validation(rows, 5, seed=0) == (rows, [])  # one package left is too few
    assert split_validation(rows, 0, seed=0) == (rows, [])


RANKED_LOSS_CHECK = r"""
import json, random, torch
from llmcc.train import model as M
torch.manual_seed(0)
texts = ["define i32 @f(i32 %x) { ret i32 %x }", "store i32 0, ptr %p", "Run passes -p 'x'"] * 20
tok = M.build_tokenizer(texts, 300)
m = M.llama(tok, 32, 2, 2, 1, 64, 256)
prompts = [tok("define i32 @f(i32 %x)")["input_ids"], tok("store i32 0, ptr %p")["input_ids"]]
conts = [tok(" Run passes -p '" + c + "'", add_special_tokens=False)["input_ids"] + [2]
         for c in ("mem2reg", "sroa,instcombine", "default<Oz>")]
m.eval()
worst = 0.0
with torch.no_grad():
    lp = M.continuation_logprobs(m, prompts, conts, tok.pad_token_id, "cpu")
    for i, p in enumerate(prompts):
        for j, c in enumerate(conts):
            full = torch.log_softmax(m(input_ids=torch.tensor([p + c])).logits[0].float(), -1)
            ref = [float(full[len(p) + k - 1, t]) for k, t in enumerate(c)]
            worst = max([worst] + [abs(a - b) for a, b in zip(ref, lp[i, j, :len(c)].tolist())])
            worst = max([worst] + [abs(x) for x in lp[i, j, len(c):].tolist()])
# Opposite orders for the two prompts; the answer label is the third, unranked continuation.
rows = [(prompts[0], 2, [0.9, 0.1], 1.0), (prompts[1], 2, [0.1, 0.9], 1.0)]
scored = [len(c) - 1 for c in conts[:2]]
opt = torch.optim.AdamW(m.parameters(), lr=1e-2)
m.train()
for _ in range(80):
    loss = M.ranked_loss(m, rows, conts, scored, tok.pad_token_id, "cpu", 1.0, 0.05)
    loss.backward(); opt.step(); opt.zero_grad()
m.eval()
with torch.no_grad():
    lp = M.continuation_logprobs(m, prompts, conts, tok.pad_token_id, "cpu")
order = [[float(lp[i, j, :n].sum() / n) for j, n in enumerate(scored)] for i in range(2)]
print(json.dumps({"worst": worst, "order": order}))
"""


def test_ranked_loss_scores_as_a_full_forward_pass_and_teaches_each_prompt_its_own_order():
    """The listwise loss trains the exact score the server ranks by (mean log-probability of
    the scored answer after the prompt, one cached prompt pass): after training, each of
    two prompts ranks first the candidate its targets favour."""
    r = subprocess.run([sys.executable, "-c", RANKED_LOSS_CHECK], capture_output=True,
                       timeout=600, cwd=ROOT)  # fmt: skip
    assert r.returncode == 0, r.stderr.decode()[-3000:]
    got = json.loads(r.stdout.decode().strip().splitlines()[-1])
    assert got["worst"] < 1e-4
    (a0, a1), (b0, b1) = got["order"]
    assert a0 > a1 and b1 > b0, got["order"]


def test_install_refuses_a_model_that_ranks_worse_than_the_fixed_order(tmp_path):
    from llmcc.train.train import gain_over_fixed_order, install

    held = {"eval_split": "heldout", "fp32": {"answer_plus_top3_below_oz_pct": 2.2,
                                              "library_first4_below_oz_pct": 3.7}}  # fmt: skip
    assert gain_over_fixed_order(held) == -1.5
    assert gain_over_fixed_order(dict(held, eval_split="train (no held-out rows)")) is None
    model = tmp_path / "model"
    model.mkdir()
    (model / "model.onnx").write_bytes(b"weights")
    meta = {"weights_sha256": hashlib.sha256(b"weights").hexdigest(), "metrics": held}
    (model / "llmcc-model.json").write_text(json.dumps(meta))
    dest = tmp_path / "shipped"
    with pytest.raises(SystemExit, match="worse"):
        install(str(model), str(dest))
    assert not dest.exists()
    install(str(model), str(dest), force=True)
    assert (dest / "model.onnx").read_bytes() == b"weights"


def test_identity_follows_the_weights_hash_topk_and_not_mtimes(tmp_path):
    d = tmp_path / "m"
    d.mkdir()
    meta = d / encoding.META
    meta.write_text(json.dumps({"weights_sha256": "ab" * 32, "encoding": "digest"}))

    def ident(**env: str) -> str:
        return select.identity(Config.from_env({"LLMCC_MODEL": f"onnx:{d}", **env}))

    first = ident()
    assert "abababab" in first and f"enc{encoding.VERSION}" in first and ":k3:" in first
    os.utime(meta, (1, 1))
    assert ident() == first  # a reinstall (new mtimes) keeps the cache
    assert ident(LLMCC_TOPK="1") != first and ":k" not in ident(LLMCC_TOPK="0")
    meta.write_text(json.dumps({"weights_sha256": "cd" * 32, "encoding": "digest"}))
    assert ident() != first
    # Other models (a plain optimum export, an http server) rank only when asked to.
    meta.unlink()
    assert ":k" not in ident() and ":k2:" in ident(LLMCC_TOPK="2")


# -- the trained model -------------------------------------------------------------------


def _fingerprint() -> str:
    h = hashlib.blake2b(digest_size=12)
    for rel in ("llmcc/train/train.py", "llmcc/train/model.py", "llmcc/train/dataset.py",
                "llmcc/advisor/encoding.py", "llmcc/advisor/prompt.py", "tests/train_labels.py",
                "llmcc/server/onnx_backend.py"):  # fmt: skip
        with open(os.path.join(ROOT, rel), "rb") as f:
            h.update(f.read())
    h.update(" ".join(TINY_ARGS).encode())
    h.update(subprocess.run([clang(), "--version"], capture_output=True).stdout)
    return h.hexdigest()


@pytest.fixture(scope="session")
def small_model(request, tmp_path_factory, labels) -> str:
    """labels → dataset → ``python -m llmcc.train train`` (tiny settings): its OUT dir."""
    from filelock import FileLock

    fp = _fingerprint()
    cache = getattr(request.config, "cache", None)
    root = str(cache.mkdir(f"llmcc-train-{fp}") if cache else tmp_path_factory.mktemp(fp))
    out = os.path.join(root, "out")
    with FileLock(os.path.join(root, ".lock")):
        if not os.path.isfile(os.path.join(out, "model", "model.onnx")):
            shutil.rmtree(out, ignore_errors=True)
            data = os.path.join(root, "data")
            shutil.rmtree(data, ignore_errors=True)
            dataset.build([labels], data, {train_labels.HELDOUT})
            r = subprocess.run([sys.executable, "-m", "llmcc.train", "train", "--data", data,
                                "--out", out, *TINY_ARGS], capture_output=True, timeout=1800,
                               cwd=ROOT)  # fmt: skip
            assert r.returncode == 0, r.stdout.decode()[-3000:] + r.stderr.decode()[-3000:]
    return out


@requires_clang
def test_trained_model_is_packaged_with_its_encoding_hash_and_metrics(small_model):
    d = os.path.join(small_model, "model")
    with open(os.path.join(d, encoding.META)) as f:
        meta = json.load(f)
    with open(os.path.join(d, "config.json")) as f:
        cfg = json.load(f)
    with open(os.path.join(d, "model.onnx"), "rb") as f:
        assert meta["weights_sha256"] == hashlib.sha256(f.read()).hexdigest()
    assert cfg["model_type"] == "llama" and cfg["rope_theta"] == 1e6
    assert meta["encoding"] == "digest" and meta["encoding_version"] == encoding.VERSION
    assert meta["context"] == 384 and 64 <= meta["prompt_tokens"] < 384
    assert meta["training"]["steps"] == 150 and meta["training"]["heldout_packages"] == ["pkgH"]
    assert train_labels.HELDOUT not in meta["training"]["packages"]
    assert sorted(meta["library"]) == sorted(train_labels.CANDIDATES)
    assert meta["bytes"] < 50 << 20
    m = meta["metrics"]
    assert m["eval_split"] == "heldout" and m["fp32"]["rows"] == 2
    for key in ("valid_answers", "exact_answers", "zero_shot_below_oz_pct",
                "answer_plus_top3_below_oz_pct", "library_first4_below_oz_pct",
                "latency_p50_ms"):  # fmt: skip
        assert m["fp32"][key] is not None
    # int8 is kept exactly when it agrees with fp32 well enough (--min-agreement 0.9).
    assert meta["quantized"] == (m["int8"]["agreement_with_fp32"] >= 0.9)


@requires_clang
def test_evaluate_command_scores_the_held_out_rows_of_a_dataset(small_model, tmp_path):
    data = os.path.join(os.path.dirname(small_model), "data")
    out = tmp_path / "eval.json"
    r = subprocess.run([sys.executable, "-m", "llmcc.train", "evaluate",
                        os.path.join(small_model, "model"), "--data", data, "--out", str(out)],
                       capture_output=True, timeout=600, cwd=ROOT)  # fmt: skip
    assert r.returncode == 0, r.stderr.decode()[-3000:]
    got = json.loads(out.read_text())
    assert got["split"] == "heldout" and got["packages"] == [train_labels.HELDOUT]
    assert got["rows"] == 2 and 0 <= got["valid_answers"] <= 1
    assert got["library_first4_below_oz_pct"] is not None


RANK_CHECK = r"""
import json, sys
import numpy as np
from llmcc.advisor import encoding
from llmcc.server.onnx_backend import OnnxBackend, log_softmax
be = OnnxBackend(sys.argv[1], threads=1)
rows = [json.loads(l) for l in open(sys.argv[2])]
lib = json.load(open(sys.argv[1] + "/llmcc-model.json"))["library"]
worst = 0.0
for r in rows[:2]:
    fast, _ = be.rank(r["prompt"], lib)
    p = be.tokenizer.encode(be.prepare(r["prompt"]))
    for c, (lp, n) in zip(lib, fast):
        a = be.tokenizer.encode(encoding.scored_text(c), special=False)
        logits, _ = be.decoder.forward(np.array([p + a], np.int64))  # no cache, one pass
        logp = log_softmax(logits[0])
        slow = sum(float(logp[len(p) + j - 1, t]) for j, t in enumerate(a))
        assert n == len(a), (n, len(a))
        worst = max(worst, abs(slow - lp))
    # The prompt pass is shared with a completion of the same prompt: same scores after one.
    be.generate(r["prompt"], 64, ["<code>"])
    again, _ = be.rank(r["prompt"], lib)
    worst = max([worst] + [abs(x[0] - y[0]) for x, y in zip(fast, again)])
print(json.dumps({"worst": worst}))
"""


@requires_clang
def test_ranker_kv_cache_path_scores_as_a_full_forward_pass(small_model):
    """On the fp32 export, exactly. (Dynamic int8 quantizes activations per call, so its
    scores depend on the batch; the trainer measures its agreement with fp32 instead.)"""
    data = os.path.join(os.path.dirname(small_model), "data", "train.jsonl")
    r = subprocess.run([sys.executable, "-c", RANK_CHECK, os.path.join(small_model, "onnx-fp32"),
                        data], capture_output=True, timeout=600, cwd=ROOT)  # fmt: skip
    assert r.returncode == 0, r.stderr.decode()[-3000:]
    assert json.loads(r.stdout.decode().strip().splitlines()[-1])["worst"] < 1e-3


ANSWER_CHECK = r"""
import json, sys
from llmcc.advisor import encoding, response
from llmcc.server.onnx_backend import OnnxBackend
be = OnnxBackend(sys.argv[1], threads=1)
rows = [json.loads(l) for l in open(sys.argv[2])][:3]
lib = json.load(open(sys.argv[1] + "/llmcc-model.json"))["library"]
def answers():
    out = []
    for r in rows:
        g = be.generate(r["prompt"], 64, ["<code>", "[INST]"])
        out.append((response.parse_answer(g.text, complete=g.finish_reason == "stop"),
                    g.finish_reason))
    return out
made = sorted(be.tokenizer.decode(a) for a in be.answers)
natural = answers()
# A list the model never saw as an answer: once it is the only one allowed, it is the answer.
be.answers = [be.tokenizer.encode(encoding.answer_text("sroa,instcombine<no-verify-fixpoint>"),
                                  special=False)]
print(json.dumps({"made": made, "natural": natural, "forced": answers(),
                  "allowed": sorted(encoding.answer_text(c) for c in {*lib, encoding.NO_WIN})}))
"""


@requires_clang
def test_an_own_models_answer_is_decoded_only_among_its_library_and_plain_oz(small_model):
    data = os.path.join(os.path.dirname(small_model), "data", "train.jsonl")
    r = subprocess.run([sys.executable, "-c", ANSWER_CHECK, os.path.join(small_model, "model"),
                        data], capture_output=True, timeout=600, cwd=ROOT)  # fmt: skip
    assert r.returncode == 0, r.stderr.decode()[-3000:]
    got = json.loads(r.stdout.decode().strip().splitlines()[-1])
    assert got["made"] == got["allowed"]  # the library the model was trained on, and -Oz
    lib = {*train_labels.CANDIDATES, encoding.NO_WIN}
    assert all(a in lib and why == "stop" for a, why in got["natural"]), got["natural"]
    assert got["forced"] == [["sroa,instcombine<no-verify-fixpoint>", "stop"]] * 3


@pytest.fixture(scope="module")
def served(small_model, tmp_path_factory):
    """The real model server on a Unix socket, serving the trained test model."""
    d = tmp_path_factory.mktemp("srv")
    sock = str(d / "s.sock")
    p = subprocess.Popen([sys.executable, "-m", "llmcc.server.app", "--model",
                          os.path.join(small_model, "model"), "--socket", sock, "--idle", "300",
                          "--threads", "1", "--log", str(d / "log")], cwd=ROOT)  # fmt: skip
    deadline = time.monotonic() + 180
    while not os.path.exists(sock):
        assert p.poll() is None and time.monotonic() < deadline, (d / "log").read_text()
        time.sleep(0.2)
    yield client.Endpoint(f"unix:{sock}")
    p.terminate()
    p.wait(30)


@requires_clang
def test_server_ranks_k_candidates_best_first(served, labels):
    row = next(dataset.read_jsonl(labels))
    with open(row["ir_path"]) as f:
        text = prompt.build(f.read())
    cands = [*train_labels.CANDIDATES, "default<Oz>,mergefunc ; -mllvm -enable-machine-outliner"]
    doc = served.request("POST", "/rank", {"prompt": text, "candidates": cands}, 120)
    rows = doc["data"]
    assert sorted(r["candidate"] for r in rows) == sorted(cands)
    assert [r["score"] for r in rows] == sorted((r["score"] for r in rows), reverse=True)
    for r in rows:
        assert r["logprob"] < 0 and math.isfinite(r["logprob"]) and r["tokens"] > 3
        assert r["score"] == pytest.approx(r["logprob"] / r["tokens"], abs=1e-4)
    assert doc["usage"]["prompt_tokens"] <= 384
    again = served.request("POST", "/rank", {"prompt": text, "candidates": cands}, 120)
    assert again["data"] == rows


@requires_clang
@pytest.mark.parametrize("body", [{"prompt": "x", "candidates": []}, {"prompt": "x"},
                                  {"prompt": 3, "candidates": ["a"]},
                                  {"prompt": "x", "candidates": ["a", ""]}])  # fmt: skip
def test_rank_refuses_malformed_requests(served, body):
    with pytest.raises(client.ModelError) as e:
        served.request("POST", "/rank", body, 60)
    assert e.value.problem == client.ERROR and not e.value.transient


@requires_clang
def test_advisor_proposes_the_answer_then_the_top_k_ranked(small_model, labels, tmp_path):
    model = os.path.join(small_model, "model")
    env = base_env(str(tmp_path), LLMCC_MODEL=f"onnx:{model}", LLMCC_TOPK="2",
                   LLMCC_SERVER_IDLE="120", LLMCC_SERVER_THREADS="1")  # fmt: skip
    cfg = Config.from_env(env)
    advisor = select.make(cfg)
    assert advisor.identity == select.identity(cfg) and advisor.topk == 2
    row = next(dataset.read_jsonl(labels))
    with open(row["ir_path"]) as f:
        ir = f.read()
    try:
        advice = advisor.advise(ir)
        direct = advisor.endpoint.request(
            "POST", "/rank", {"prompt": prompt.build(ir), "candidates": list(advisor.library)}, 120
        )
    finally:
        subprocess.run([os.path.join(os.path.dirname(sys.executable), "llmcc-admin"), "server",
                        "stop"], env=env, capture_output=True, timeout=60)  # fmt: skip
    assert advice.model_queried
    props = advice.proposals
    answer = [p for p in props if p.source.startswith("model:")]
    ranked = [p for p in props if p.source.startswith("rank:")]
    assert props == answer + ranked and len(answer) == (advice.problem is None)
    assert len(ranked) == 2
    order = [r["candidate"] for r in direct["data"]]
    expected = [c for c in order if not answer or c != answer[0].text][:2]
    assert [p.text for p in ranked] == expected


# -- one command rebuilds the shipped model ----------------------------------------------


def test_rebuild_trains_with_the_shipped_models_own_settings():
    from llmcc.advisor.backends import SHIPPED_DIR
    from llmcc.train import rebuild

    with open(os.path.join(SHIPPED_DIR, encoding.META)) as f:
        meta = json.load(f)
    given = dict(zip(rebuild.SHIPPED[::2], rebuild.SHIPPED[1::2], strict=True))
    cfg = meta["config"]
    for key in ("context", "vocab", "hidden", "layers", "heads", "kv_heads", "ffn", "batch",
                "lr", "warmup"):  # fmt: skip
        assert float(given["--" + key.replace("_", "-")]) == float(cfg[key]), key
    assert int(given["--steps"]) == meta["training"]["steps"]
    with open(os.path.join(ROOT, rebuild.LIBRARY)) as f:
        library = json.load(f)["candidates"]
    assert sorted(meta["library"]) == sorted(c["text"] for c in library)


def test_rebuild_runs_corpus_labels_dataset_train_value_and_install_in_order(tmp_path):
    r = subprocess.run([sys.executable, "-m", "llmcc.train", "rebuild", "--dry-run", "--install",
                        "--work", str(tmp_path / "w")], capture_output=True, text=True,
                       cwd=ROOT, timeout=60)  # fmt: skip
    assert r.returncode == 0, r.stderr
    lines = [ln for ln in r.stdout.splitlines() if ln.startswith("+ ")]
    steps = [" ".join(ln.split()[4:6]) for ln in lines]
    assert steps == ["corpus fetch", "corpus build", "dataset bench/results/labels-train-19.jsonl",
                     "train --data", "value --data",
                     "install " + str(tmp_path / "w" / "model" / "model")]
    assert lines[3].endswith("--resume") and not (tmp_path / "w").exists()  # ran nothing
    retune = subprocess.run([sys.executable, "-m", "llmcc.train", "rebuild", "--dry-run",
                             "--retune", "--work", str(tmp_path / "w")], capture_output=True,
                            text=True, cwd=ROOT, timeout=60).stdout  # fmt: skip
    assert "tune corpus --split train" in retune and "bench/results/labels" not in retune

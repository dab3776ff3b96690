"""Train, export, quantize, evaluate and package llmcc's own FTD-style model.

One command rebuilds the shipped model from the dataset (``python -m llmcc.train
train --data DIR --out OUT``; docs/model-card.md has the whole recipe):

1. a byte-level BPE tokenizer trained on the training IR (compacted and digested,
   as the model will read it), the library's answers and the known pass names;
2. every prompt encoded to the model's context with that tokenizer
   (:func:`llmcc.advisor.encoding.encode_prompt`, as the server does at inference);
3. a small LlamaForCausalLM trained on the answer tokens only, with the paper's
   recipe scaled down: AdamW β (0.9, 0.95), linear warm-up then cosine decay to
   peak/30, RoPE θ = 1e6; with ``--library``, plus a listwise ranking loss on every
   measured candidate's size (:func:`llmcc.train.model.ranked_loss`), so the order the
   driver tries the library in is trained too. The number of steps fits ``--minutes``
   of wall time (measured on the first steps) unless ``--steps`` is given; CUDA if present;
4. export with optimum (``text-generation-with-past``), onnxruntime dynamic int8
   quantization, kept only if it agrees with fp32 (``--min-agreement``);
5. evaluation on the held-out rows through the server's own backend
   (:class:`llmcc.server.onnx_backend.OnnxBackend`): valid answers, exact
   answers, the library-size proxy for zero-shot and answer + top-k, latency;
6. ``OUT/model`` with ``llmcc-model.json`` (encoding, context, prompt budget,
   weights hash, config, data and metrics), and ``OUT/report.json``.

``--install`` then copies ``OUT/model`` to ``llmcc/model/``, which makes it what
``LLMCC_MODEL=default`` means (advisor/backends/__init__.py). Only do that with a model
trained on the real tuner labels.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import random
import shutil
import statistics
import time
from collections import Counter

from ..advisor import encoding, response
from ..advisor.backends import SHIPPED_DIR
from ..candidate import portable
from . import dataset
from . import model as M

MAX_SHIPPED_BYTES = 50 << 20
NAME = "llmcc-ftd-small"
TOKENIZER_CHARS = 40_000
"""Characters of each TU's text the tokenizer trains on (bounds its time on big corpora)."""


def add_arguments(ap) -> None:
    ap.add_argument("--data", required=True, help="the dataset dir (train.jsonl, heldout.jsonl)")
    ap.add_argument("--out", required=True, help="work and output dir (OUT/model is the model)")
    ap.add_argument("--name", default=NAME)
    ap.add_argument("--context", type=int, default=1024, help="tokens, prompt + answer")
    ap.add_argument("--vocab", type=int, default=4096)
    ap.add_argument("--hidden", type=int, default=256)
    ap.add_argument("--layers", type=int, default=4)
    ap.add_argument("--heads", type=int, default=4)
    ap.add_argument("--kv-heads", type=int, default=2)
    ap.add_argument("--ffn", type=int, default=704)
    ap.add_argument("--batch", type=int, default=8)
    ap.add_argument("--lr", type=float, default=1e-3, help="peak; final is peak/30")
    ap.add_argument("--warmup", type=int, default=100)
    ap.add_argument("--weight-decay", type=float, default=0.1)
    ap.add_argument("--minutes", type=float, default=60.0, help="wall-time budget for training")
    ap.add_argument("--steps", type=int, default=0, help="fixed number of steps (0: fit --minutes)")
    ap.add_argument("--max-epochs", type=float, default=30.0)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--threads", type=int, default=0, help="torch threads (0: all cores)")
    ap.add_argument("--quantize", choices=("auto", "yes", "no"), default="auto")
    ap.add_argument("--min-agreement", type=float, default=0.9,
                    help="int8 must agree with fp32 on this share of held-out ranks")  # fmt: skip
    ap.add_argument("--topk", type=int, default=3, help="k for the evaluation of answer + top-k")
    ap.add_argument("--eval-rows", type=int, default=200)
    ap.add_argument("--resume", action="store_true",
                    help="reuse OUT's trained export if there is one: only measure and package")
    ap.add_argument("--install", action="store_true", help=f"copy OUT/model to {SHIPPED_DIR}")
    ap.add_argument("--force", action="store_true",
                    help="install even if it ranks worse than the library's fixed order")
    ap.add_argument("--rank-weight", type=float, default=1.0,
                    help="with --library: weight of the listwise ranking loss, trained on every "
                    "measured candidate's size (0: the answer's cross-entropy only)")  # fmt: skip
    ap.add_argument("--rank-temp", type=float, default=1.0,
                    help="temperature of the ranking softmax over mean log-probabilities")
    ap.add_argument("--rank-sample", type=int, default=6,
                    help="library candidates scored per step by the ranking loss (0: all)")
    ap.add_argument("--rank-prior", type=float, default=None,
                    help="library-order prior of the ranking, nats per place (default: chosen "
                    "on --valid-packages; 0 without them)")  # fmt: skip
    ap.add_argument("--valid-packages", type=int, default=4,
                    help="training packages kept out of training to choose the rank prior on "
                    "(used when at least this many + 2 packages train)")  # fmt: skip
    ap.add_argument("--library", default="",
                    help="a library.json: the model ranks its candidates and learns, per TU, the "
                    "best of them the tuner measured (default: every measured candidate, "
                    "labelled with the tuner's overall best)")  # fmt: skip


def _log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", flush=True)


def _load(path: str) -> list[dict]:
    if not os.path.exists(path):
        return []
    rows = [r for r in dataset.read_jsonl(path) if encoding.ir_of_prompt(r.get("prompt", ""))]
    return [r for r in rows if r.get("answer") and r.get("candidate")]


NO_WIN = encoding.NO_WIN
"""The label of a TU where no library candidate beats -Oz (relabel)."""


def split_validation(rows: list[dict], n: int, seed: int) -> tuple[list[dict], list[dict]]:
    """(training rows, validation rows): *n* whole packages drawn by *seed* go to validation,
    if at least two more packages remain to train on; else no validation."""
    pkgs = sorted({str(r.get("package")) for r in rows})
    if n <= 0 or len(pkgs) < n + 2:
        return rows, []
    held = set(random.Random(seed + 1).sample(pkgs, n))
    return ([r for r in rows if str(r.get("package")) not in held],
            [r for r in rows if str(r.get("package")) in held])  # fmt: skip


def relabel(rows: list[dict], library: list[str]) -> int:
    """Point each row's answer at the best *library* candidate the tuner measured on its TU
    (``default<Oz>`` where none beats -Oz); returns how many answers changed.

    With a few hundred TUs, one-off random winners teach a small model nothing it can
    reuse: the candidates it will be asked to rank are the library's."""
    allowed = {portable(c) for c in library}
    changed = 0
    for r in rows:
        oz = r.get("oz_size") or 0
        sizes = [(a["size"], len(c), c) for a in r.get("all") or []
                 if a.get("size") and (c := portable(a["candidate"])) in allowed]  # fmt: skip
        best = min(sizes, default=None)
        cand, size = (best[2], best[0]) if best and best[0] < oz else (NO_WIN, oz)
        if cand != r.get("candidate"):
            changed += 1
        r.update(candidate=cand, answer=encoding.answer_text(cand), best_size=size)
    return changed


def library_ratios(row: dict, library: list[str]) -> list[float | None]:
    """Each library candidate's measured size over -Oz on this TU (None: not measured)."""
    oz = row.get("oz_size") or 0
    sizes = {portable(a["candidate"]): a["size"] for a in row.get("all") or [] if a.get("size")}
    return [sizes[c] / oz if oz and portable(c) in sizes else None for c in library]


def library_of(rows: list[dict]) -> list[str]:
    """Every candidate the tuner measured (its broadcast library) and every label."""
    names = {r["candidate"] for r in rows}
    for r in rows:
        names.update(a["candidate"] for a in r.get("all") or [])
    return sorted(names)


def sha256_files(paths: list[str]) -> str:
    h = hashlib.sha256()
    for p in paths:
        with open(p, "rb") as f:
            for chunk in iter(lambda: f.read(1 << 20), b""):
                h.update(chunk)
    return h.hexdigest()


def train_and_export(ns, train_rows: list[dict], held_rows: list[dict],
                     library: list[str]) -> tuple[str, dict]:  # fmt: skip
    """Steps 1-4: tokenizer, encoded examples, training, the fp32 export with its
    ``llmcc-model.json`` (the encoding the server must apply is written with it)."""
    import torch

    if ns.threads:
        torch.set_num_threads(ns.threads)
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    rng = random.Random(ns.seed)
    torch.manual_seed(ns.seed)
    # 1. tokenizer, on the text the model will read.
    irs = [encoding.ir_of_prompt(r["prompt"]) or "" for r in train_rows]
    texts = [encoding.compact(ir)[:TOKENIZER_CHARS] for ir in irs]
    texts += [encoding.digest(ir, 8)[:TOKENIZER_CHARS] for ir in irs]
    answers = [encoding.answer_text(c) for c in library]
    tok = M.build_tokenizer(texts, ns.vocab,
                            answers * 5 + [" ".join(M.pass_names())] * 3)  # fmt: skip
    reserve = max(len(tok(a, add_special_tokens=False)["input_ids"]) for a in answers) + 2
    budget = ns.context - reserve
    if budget < 64:
        raise SystemExit(f"--context {ns.context} leaves {budget} prompt tokens: too few")

    def count(text: str) -> int:
        return len(tok(text, return_token_type_ids=False)["input_ids"])

    # 2. encoded examples.
    def encode_rows(rows):
        out, levels = [], Counter()
        for r in rows:
            p, level = encoding.encode_prompt(encoding.ir_of_prompt(r["prompt"]), count, budget)
            levels[level.split(":")[0]] += 1
            ids = tok(p, return_token_type_ids=False)["input_ids"]
            ans = tok(r["answer"], add_special_tokens=False)["input_ids"] + [tok.eos_token_id]
            out.append((ids, ans[:reserve]))
        return out, levels

    t0 = time.monotonic()
    examples, levels = encode_rows(train_rows)
    _log(f"encoded in {time.monotonic() - t0:.1f}s: {dict(levels)}; prompt budget {budget}")
    ranked = bool(ns.library) and ns.rank_weight > 0
    if ranked:
        # Every library answer is a continuation of every prompt; labels outside the
        # library (default<Oz> where nothing wins) are extra continuations, never ranked.
        names = list(library) + sorted({r["candidate"] for r in train_rows} - set(library))
        pieces = [tok(encoding.scored_text(c), add_special_tokens=False)["input_ids"]
                  for c in names]  # fmt: skip
        tail = tok(encoding.END, add_special_tokens=False)["input_ids"] + [tok.eos_token_id]
        conts = [p + tail for p in pieces]
        scored = [len(p) for p in pieces[: len(library)]]
        weighted = 0
        for i, r in enumerate(train_rows):
            ratios = library_ratios(r, library)
            weighted += M.rank_targets(ratios)[1] > 0
            examples[i] = (examples[i][0], names.index(r["candidate"]), ratios)
        _log(f"ranking loss on {weighted} of {len(examples)} TUs (weight {ns.rank_weight}, "
             f"temperature {ns.rank_temp}); {len(conts)} continuations")

    # 3. training.
    model = M.llama(tok, ns.hidden, ns.layers, ns.heads, ns.kv_heads, ns.ffn, ns.context)
    model.to(device)
    params = sum(p.numel() for p in model.parameters())
    decay = [p for n, p in model.named_parameters() if p.ndim >= 2]
    no_decay = [p for n, p in model.named_parameters() if p.ndim < 2]
    opt = torch.optim.AdamW(
        [
            {"params": decay, "weight_decay": ns.weight_decay},
            {"params": no_decay, "weight_decay": 0.0},
        ],
        lr=ns.lr,
        betas=(0.9, 0.95),
    )
    max_steps = max(1, int(ns.max_epochs * len(examples) / ns.batch))
    total = [ns.steps or max_steps]
    warm = [min(ns.warmup, max(1, total[0] // 10))]
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: M.lr_lambda(warm[0], total[0])(s))
    model.train()
    order = M.batches(len(examples), ns.batch, rng)
    started = time.monotonic()
    losses: list[float] = []
    step = 0
    while step < total[0]:
        idx = next(order)
        if ranked:
            # A random subset of the library per step (a step's cost grows with the
            # continuations), plus the batch's labels for the answer's cross-entropy.
            k = len(scored)
            sub = sorted(rng.sample(range(k), min(k, ns.rank_sample or k)))
            cols = sub + sorted({examples[i][1] for i in idx} - set(sub))
            rows = [(examples[i][0], cols.index(examples[i][1]),
                     *M.rank_targets([examples[i][2][j] for j in sub])) for i in idx]  # fmt: skip
            loss = M.ranked_loss(model, rows, [conts[j] for j in cols], [scored[j] for j in sub],
                                 tok.pad_token_id, device, ns.rank_weight, ns.rank_temp)
        else:
            loss = M.loss_of(model, [examples[i] for i in idx], tok.pad_token_id, device)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        sched.step()
        opt.zero_grad(set_to_none=True)
        losses.append(loss.item())
        step += 1
        if step == 5 and not ns.steps:
            # Fit the schedule to the time budget, now that a step's cost is known.
            per = (time.monotonic() - started) / step
            total[0] = max(step + 1, min(max_steps, int(ns.minutes * 60 / per)))
            warm[0] = min(ns.warmup, max(1, total[0] // 10))
            _log(f"{per:.2f}s/step: {total[0]} steps ({total[0] * ns.batch / len(examples):.1f}"
                 " epochs)")  # fmt: skip
        if step % 50 == 0 or step == total[0]:
            recent = statistics.mean(losses[-50:])
            _log(f"step {step}/{total[0]} loss {recent:.4f} lr {sched.get_last_lr()[0]:.2e}")
    train_seconds = time.monotonic() - started
    model.eval()
    model.to("cpu")

    # 4. export, quantize.
    pt = os.path.join(ns.out, "pt")
    model.save_pretrained(pt)
    tok.save_pretrained(pt)
    fp32 = export(pt, os.path.join(ns.out, "onnx-fp32"), tok)
    meta = {
        "name": ns.name,
        "encoding": "digest",
        "encoding_version": encoding.VERSION,
        "context": ns.context,
        "prompt_tokens": budget,
        "library": library,
        "config": {k: getattr(ns, k) for k in (
            "context", "vocab", "hidden", "layers", "heads", "kv_heads", "ffn", "batch", "lr",
            "warmup", "weight_decay", "seed", "rank_weight", "rank_temp",
            "rank_sample", "valid_packages")},
        "parameters": params,
        "training": {
            "rows": len(examples),
            "packages": sorted({str(r.get("package")) for r in train_rows}),
            "heldout_packages": sorted({str(r.get("package")) for r in held_rows}),
            "steps": step,
            "seconds": round(train_seconds, 1),
            "device": str(device),
            "final_loss": round(statistics.mean(losses[-50:]), 4),
            "encoding_levels": dict(levels),
        },
    }  # fmt: skip
    _write_meta(fp32, meta)
    return fp32, meta


def run(ns) -> dict:
    os.makedirs(ns.out, exist_ok=True)
    train_rows = _load(os.path.join(ns.data, "train.jsonl"))
    held_rows = _load(os.path.join(ns.data, "heldout.jsonl"))
    if not train_rows:
        raise SystemExit(f"no training rows in {ns.data}/train.jsonl")
    train_rows, valid_rows = split_validation(train_rows, ns.valid_packages, ns.seed)
    if ns.library:
        from ..advisor.candidates import load_library

        library = list(load_library(ns.library)[1])
        n = sum(relabel(rows, library) for rows in (train_rows, valid_rows, held_rows))
        _log(f"library {ns.library}: {len(library)} candidates; {n} answers relabelled")
    else:
        library = library_of(train_rows)
    _log(f"{len(train_rows)} train rows, {len(valid_rows)} validation, {len(held_rows)} "
         f"held-out, library {len(library)}")

    fp32 = os.path.join(ns.out, "onnx-fp32")
    meta = encoding_meta(fp32) if ns.resume else {}
    if meta.get("training") and os.path.isfile(os.path.join(fp32, "model.onnx")):
        # The trained export is kept before anything is measured: a crash or the end of a
        # session after training costs only the measuring (--resume).
        _log(f"--resume: the model trained in {fp32} ({meta['training']['steps']} steps)")
    else:
        fp32, meta = train_and_export(ns, train_rows, held_rows, library)
    if valid_rows and ns.rank_prior is None:
        # The prior is the one choice made after training: on packages it never saw, and
        # never on the held-out ones, whose figures must stay honest.
        prior, table = choose_prior(valid_rows, score_rows(fp32, valid_rows), library, ns.topk)
        meta["prior_choice"] = {"rows": len(valid_rows), f"answer_plus_top{ns.topk}": table,
                                "packages": sorted({str(r.get("package")) for r in valid_rows})}
        _log(f"rank prior {prior} (validation answer + top-{ns.topk} by prior: {table})")
    else:
        prior = ns.rank_prior or 0.0
    meta["rank_prior"] = prior
    _write_meta(fp32, meta)
    eval_rows = (held_rows or train_rows)[: ns.eval_rows]
    report: dict = {"eval_split": "heldout" if held_rows else "train (no held-out rows)"}
    report["fp32"] = evaluate(fp32, eval_rows, ns.topk)
    chosen = fp32
    if ns.quantize != "no":
        q = quantize(fp32, os.path.join(ns.out, "onnx-int8"))
        _write_meta(q, meta)
        report["int8"] = evaluate(q, eval_rows, ns.topk, reference=report["fp32"]["per_row"])
        agree = report["int8"]["agreement_with_fp32"]
        if ns.quantize == "yes" or agree >= ns.min_agreement:
            chosen = q
        report["int8"]["chosen"] = chosen == q
    # 6. the package.
    final = os.path.join(ns.out, "model")
    shutil.rmtree(final, ignore_errors=True)
    shutil.copytree(chosen, final)
    weights = [os.path.join(final, f) for f in sorted(os.listdir(final))
               if f.startswith("model.onnx")]  # fmt: skip
    meta["weights_sha256"] = sha256_files(weights)
    meta["quantized"] = chosen != fp32
    meta["bytes"] = sum(os.path.getsize(os.path.join(final, f)) for f in os.listdir(final))
    for part in ("fp32", "int8"):
        if part in report:
            report[part].pop("per_row", None)
    meta["metrics"] = report
    _write_meta(final, meta)
    with open(os.path.join(ns.out, "report.json"), "w") as f:
        json.dump(meta, f, indent=1)
    _log(f"model: {final} ({meta['bytes'] / 1e6:.1f} MB, quantized={meta['quantized']})")
    if ns.install:
        install(final, force=ns.force)
    return meta


def _write_meta(d: str, meta: dict) -> None:
    with open(os.path.join(d, encoding.META), "w") as f:
        json.dump(meta, f, indent=1, sort_keys=True)


def export(pt: str, out: str, tok) -> str:
    """optimum's ONNX export, as users export the FTD models (text-generation-with-past)."""
    from optimum.exporters.onnx import main_export

    shutil.rmtree(out, ignore_errors=True)
    main_export(pt, output=out, task="text-generation-with-past", do_validation=False,
                library_name="transformers")  # fmt: skip
    tok.save_pretrained(out)  # the server loads the tokenizer from the export
    return out


def quantize(src: str, out: str) -> str:
    """onnxruntime dynamic quantization (int8 weights; activations quantized at run time)."""
    from onnxruntime.quantization import QuantType, quantize_dynamic

    shutil.rmtree(out, ignore_errors=True)
    shutil.copytree(src, out, ignore=shutil.ignore_patterns("model.onnx", "model.onnx_data"))
    quantize_dynamic(os.path.join(src, "model.onnx"), os.path.join(out, "model.onnx"),
                     weight_type=QuantType.QInt8)  # fmt: skip
    return out


def _geomean(ratios: list[float]) -> float | None:
    return math.exp(sum(math.log(r) for r in ratios) / len(ratios)) if ratios else None


def score_rows(model_dir: str, rows: list[dict]) -> list[dict]:
    """Each row's answer (parsed) and raw library scores, through the server's own backend."""
    from ..server.onnx_backend import OnnxBackend

    be = OnnxBackend(model_dir, threads=0)
    library = encoding_meta(model_dir).get("library") or []
    out = []
    for r in rows:
        t0 = time.monotonic()
        g = be.generate(r["prompt"], 64, ["<code>", "[INST]"])
        scores, _ = be.rank(r["prompt"], library) if library else ([], 0)
        out.append({"answer": response.parse_answer(g.text, complete=g.finish_reason == "stop"),
                    "scores": scores, "seconds": time.monotonic() - t0})  # fmt: skip
    return out


def proposals(answer: str | None, scores: list, library: list[str], prior: float,
              k: int) -> list[str]:  # fmt: skip
    """What the driver tries for one TU (advisor/model.py): the answer unless it is plain
    -Oz, then the top-ranked candidates other than it, k + 1 trials in all (k if the answer
    was a real list)."""
    order = sorted(range(len(library)),
                   key=lambda i: -encoding.rank_score(*scores[i], i, prior))  # fmt: skip
    ranked = [library[i] for i in order if library[i] != answer]
    if answer == NO_WIN:
        return ranked[: k + 1]
    return ([answer] if answer else []) + ranked[:k]


def measure(rows: list[dict], scored: list[dict], library: list[str], topk: int,
            prior: float) -> dict:  # fmt: skip
    """The metrics of :func:`evaluate` from :func:`score_rows`' output, at one *prior*.

    Sizes are a *proxy*: an answer outside the measured candidates has no size here
    (counted as -Oz). The real figures come from builds (docs/model-card.md).
    """
    valid = exact = declined = 0
    zero, oracle = [], []
    by_k: dict[int, tuple[list[float], list[float], list[float]]] = {}
    for r, s in zip(rows, scored, strict=True):
        answer = s["answer"]
        valid += answer is not None
        exact += answer == encoding.split_candidate(r["candidate"])[0]
        oz = r.get("oz_size")
        if not oz:
            continue
        sizes = {portable(a["candidate"]): a["size"] for a in r.get("all") or [] if a.get("size")}
        by_pipe = {encoding.split_candidate(c)[0]: s for c, s in sizes.items()
                   if not encoding.split_candidate(c)[1]}  # fmt: skip
        zero.append(min(oz, by_pipe.get(answer, oz)) / oz if answer else 1.0)
        declined += answer == NO_WIN
        for j in range(len(library) + 1):
            tried = proposals(answer, s["scores"], library, prior, j)
            got = min([oz] + [by_pipe.get(t, oz) if t == answer else sizes.get(t, oz)
                              for t in tried]) / oz  # fmt: skip
            fixed = min([oz] + [sizes[t] for t in library[: j + 1] if t in sizes]) / oz
            # Gated: an answer of plain -Oz (what the model learnt for "nothing wins")
            # tries nothing else, which is what a cold build would save.
            by_k.setdefault(j, ([], [], []))
            for col, v in zip(by_k[j], (got, fixed, 1.0 if answer == NO_WIN else got),
                              strict=True):  # fmt: skip
                col.append(v)
        oracle.append(min([oz, r.get("best_size") or oz]) / oz)
    # answer + top-k, and with no model the same trials: the library's first k + 1.
    combo, fixed, _ = by_k.get(min(topk, len(library)), ([], [], []))
    n = max(1, len(rows))
    lat = sorted(s["seconds"] for s in scored)
    return {
        "rows": len(rows),
        "rank_prior": prior,
        "valid_answers": round(valid / n, 4),
        "exact_answers": round(exact / n, 4),
        "zero_shot_below_oz_pct": _pct(zero),
        f"answer_plus_top{topk}_below_oz_pct": _pct(combo),
        f"library_first{topk + 1}_below_oz_pct": _pct(fixed),
        "tuner_best_below_oz_pct": _pct(oracle),
        # k: [answer + top-k, the library's first k + 1, answer + top-k unless the answer
        # is plain -Oz]: the same trials with and without the model, for choosing k.
        "by_k": {k: [_pct(x) for x in v] for k, v in sorted(by_k.items())},
        "answers_no_win": round(declined / n, 4),
        "latency_p50_ms": round(1000 * lat[len(lat) // 2], 1) if lat else None,
        "latency_p95_ms": round(1000 * lat[min(len(lat) - 1, int(0.95 * len(lat)))], 1)
        if lat else None,
        "per_row": [proposals(s["answer"], s["scores"], library, prior, min(1, topk))
                    for s in scored],
    }  # fmt: skip


PRIOR_GRID = (0.0, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0, 2.0, 1e3)
"""Library-order priors (nats per place) ``choose_prior`` tries; 1e3 is the fixed order."""


def choose_prior(rows: list[dict], scored: list[dict], library: list[str],
                 topk: int) -> tuple[float, dict]:  # fmt: skip
    """The prior whose answer + top-*topk* is best on *rows* (validation packages, never the
    held-out ones), ties to the larger prior (the library's order, which is known to hold),
    and the figure at each prior."""
    key = f"answer_plus_top{topk}_below_oz_pct"
    table = {p: measure(rows, scored, library, topk, p)[key] or 0.0 for p in PRIOR_GRID}
    best = max(PRIOR_GRID, key=lambda p: (table[p], p))
    return best, {str(p): v for p, v in table.items()}


def evaluate(model_dir: str, rows: list[dict], topk: int, reference: list | None = None,
             prior: float | None = None) -> dict:  # fmt: skip
    """Metrics through the server's own backend, at the model's own prior unless given."""
    meta = encoding_meta(model_dir)
    if prior is None:
        prior = float(meta.get("rank_prior") or 0.0)
    out = measure(rows, score_rows(model_dir, rows), meta.get("library") or [], topk, prior)
    out["bytes"] = sum(os.path.getsize(os.path.join(model_dir, f)) for f in os.listdir(model_dir))
    if reference is not None:
        same = sum(a == b for a, b in zip(out["per_row"], reference, strict=False))
        out["agreement_with_fp32"] = round(same / max(1, len(rows)), 4)
    return out


def _pct(ratios: list[float]) -> float | None:
    g = _geomean(ratios)
    return None if g is None else round(100 * (1 - g), 3)


def encoding_meta(model_dir: str) -> dict:
    from ..advisor.identity import model_meta

    return model_meta(model_dir)


def gain_over_fixed_order(metrics: dict) -> float | None:
    """How much the model's answer + top-k beats the library's first k + 1 (the same number
    of trials, no model) on the held-out rows, in points below -Oz; None if not measured."""
    part = metrics.get("int8") if (metrics.get("int8") or {}).get("chosen") else metrics.get("fp32")
    if metrics.get("eval_split") != "heldout" or not part:
        return None
    return _over_fixed(part, "answer_plus_top")


def _over_fixed(part: dict, combo: str) -> float | None:
    """Points by which *part*'s first ``combo*`` figure beats its ``library_first*`` one."""
    got = next((v for k, v in part.items() if k.startswith(combo)), None)
    fixed = next((v for k, v in part.items() if k.startswith("library_first")), None)
    return None if got is None or fixed is None else round(got - fixed, 3)


def install(final: str, dest: str = SHIPPED_DIR, force: bool = False) -> None:
    """Copy a trained model dir to the package; its recorded weights hash must match.

    The shipped model becomes every fresh install's default advisor, so a model whose
    held-out answer + top-k is worse than trying the library's first k + 1 lists without
    it is refused, and so is one whose value head (train/value.py) ranks worse than that
    order (*force* overrides, for experiments)."""
    meta = encoding_meta(final)
    gain = gain_over_fixed_order(meta.get("metrics") or {})
    if not force and (gain is None or gain < 0):
        raise SystemExit(f"{final}: not installed: its held-out answer + top-k is "
                         f"{'unmeasured' if gain is None else f'{-gain} points worse'} than the "
                         "library's fixed order with the same trials (--force to install anyway)")
    head = _over_fixed((meta.get("value_head") or {}).get("heldout") or {}, "answer_plus_value_top")
    if not force and head is not None and head < 0:
        raise SystemExit(f"{final}: not installed: its value head ranks worse than the library's "
                         "fixed order on the held-out rows (--force to install anyway)")
    weights = [os.path.join(final, f) for f in sorted(os.listdir(final))
               if f.startswith("model.onnx")]  # fmt: skip
    if not weights or meta.get("weights_sha256") != sha256_files(weights):
        raise SystemExit(f"{final}: not a model made by llmcc.train (weights hash wrong)")
    size = sum(os.path.getsize(os.path.join(final, f)) for f in os.listdir(final))
    if size > MAX_SHIPPED_BYTES:
        raise SystemExit(f"{final} is {size / 1e6:.1f} MB; the package allows 50 MB")
    tmp = dest + ".tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    shutil.copytree(final, tmp)
    shutil.rmtree(dest, ignore_errors=True)
    os.rename(tmp, dest)
    _log(f"installed as the shipped model: {dest}")


def evaluate_main(ns) -> int:
    """``python -m llmcc.train evaluate MODEL --data DIR``: the metrics of :func:`evaluate` on
    the held-out rows (for a model trained before those rows were measured)."""
    rows = _load(os.path.join(ns.data, "heldout.jsonl"))
    if not rows:
        raise SystemExit(f"no held-out rows in {ns.data}/heldout.jsonl")
    if ns.library:
        from ..advisor.candidates import load_library

        relabel(rows, list(load_library(ns.library)[1]))
    got = evaluate(ns.model, rows[: ns.eval_rows] if ns.eval_rows else rows, ns.topk)
    got.pop("per_row", None)
    got.update(split="heldout", packages=sorted({str(r.get("package")) for r in rows}))
    text = json.dumps(got, indent=1)
    if ns.out:
        with open(ns.out, "w") as f:
            f.write(text + "\n")
    print(text)
    return 0


def main(ns) -> int:
    run(ns)
    return 0

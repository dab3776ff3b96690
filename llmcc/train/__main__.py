"""``python -m llmcc.train dataset|train|value|evaluate|install|rebuild ...``
(docs/model-card.md)."""

from __future__ import annotations

import argparse
import json
import sys


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="python -m llmcc.train", description=__doc__)
    sub = ap.add_subparsers(dest="cmd", required=True)
    d = sub.add_parser("dataset", help="tuner results -> FTD prompt/answer JSONL (resumable)")
    d.add_argument("results", nargs="+", help="tuner per-TU results (JSONL)")
    d.add_argument("--out", required=True, help="dataset dir: train.jsonl, heldout.jsonl")
    g = d.add_mutually_exclusive_group()
    g.add_argument("--heldout", help="comma-separated held-out package names")
    g.add_argument("--heldout-file", help="corpus TOML ([heldout]), JSON or one name a line "
                   "(default: llmcc/tune/packages.toml)")  # fmt: skip
    d.add_argument("--ir-root", help="base for relative ir_path values")
    d.add_argument("--limit", type=int, help="stop after writing this many rows")
    t = sub.add_parser("train", help="tokenizer + model + ONNX export + evaluation")
    from .train import add_arguments

    add_arguments(t)
    v = sub.add_parser("value", help="fit a model's value head (its ranker) and measure it")
    from .value import add_arguments as value_arguments

    value_arguments(v)
    e = sub.add_parser("evaluate", help="a trained model's metrics on a dataset's held-out rows")
    e.add_argument("model", help="OUT/model of a train run")
    e.add_argument("--data", required=True, help="the dataset dir (heldout.jsonl)")
    e.add_argument("--library", default="", help="relabel against this library.json (as train)")
    e.add_argument("--topk", type=int, default=3)
    e.add_argument("--eval-rows", type=int, default=0, help="at most this many rows (0: all)")
    e.add_argument("--out", help="also write the metrics here (JSON)")
    i = sub.add_parser("install", help="make a trained model the shipped one (llmcc/model/)")
    i.add_argument("model", help="OUT/model of a train run")
    i.add_argument("--force", action="store_true",
                   help="install even if it ranks worse than the library's fixed order")
    r = sub.add_parser("rebuild", help="corpus, labels, dataset, model and (--install) "
                       "shipping in one resumable command")  # fmt: skip
    from .rebuild import add_arguments as rebuild_arguments

    rebuild_arguments(r)
    return ap


def main(argv: list[str] | None = None) -> int:
    ns = build_parser().parse_args(argv)
    if ns.cmd == "dataset":
        from . import dataset

        if ns.heldout is not None:
            held = {x.strip() for x in ns.heldout.split(",") if x.strip()}
        else:
            held = dataset.read_heldout(ns.heldout_file or dataset.DEFAULT_PACKAGES)
        counts = dataset.build(ns.results, ns.out, held, ns.ir_root, ns.limit)
        print(json.dumps(dict(sorted(counts.items()))))
        return 0
    if ns.cmd == "evaluate":
        from .train import evaluate_main

        return evaluate_main(ns)
    if ns.cmd == "value":
        from .value import main as value_main

        return value_main(ns)
    if ns.cmd == "rebuild":
        from .rebuild import main as rebuild_main

        return rebuild_main(ns)
    if ns.cmd == "install":
        from .train import install

        install(ns.model, force=ns.force)
        return 0
    from .train import main as train_main

    return train_main(ns)


if __name__ == "__main__":
    sys.exit(main())

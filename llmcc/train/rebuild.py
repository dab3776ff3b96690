"""``python -m llmcc.train rebuild``: the shipped model from nothing, in one command.

The steps of docs/model-card.md "Rebuild from scratch", run in order as the commands a person
would type (``--dry-run`` prints them). Each one is resumable on its own, so after a crash or
the end of a session the same command goes on where it stopped:

1. the corpus: ``llmcc-admin corpus fetch`` (a package that no longer downloads is reported
   and skipped; nothing is labelled from it; the versions fetched are written to the
   committed ``corpus-manifest.json``, so a newer Debian upload shows in ``git diff``), then
   ``corpus build`` (per package);
2. labels: the committed tuner labels (``bench/results/labels-{train,heldout}-19.jsonl``),
   or with ``--retune`` the tuner's own run on the training packages and its measure of the
   held-out ones, as docs/tuning.md (a) made them (hours on two cores);
3. the dataset (per row);
4. training, export, int8 and evaluation with the shipped run's settings (``SHIPPED``);
   ``--resume`` keeps a trained export and only measures again;
5. the value head (``value``: its ranker, fitted on the training rows, about a minute);
6. with ``--install``: ``install``, which refuses a model that ranks worse than the
   library's fixed order.

It is run from a checkout (it reads bench/results and llmcc/advisor/library.json there).
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
LIBRARY = os.path.join("llmcc", "advisor", "library.json")
LABELS = [os.path.join("bench", "results", f"labels-{s}-19.jsonl") for s in ("train", "heldout")]
SHIPPED = ["--context", "512", "--vocab", "2048", "--hidden", "160", "--layers", "3",
           "--heads", "4", "--kv-heads", "2", "--ffn", "432", "--batch", "8", "--lr", "2e-3",
           "--warmup", "30", "--steps", "300", "--eval-rows", "185"]  # fmt: skip
"""The shipped run's settings (out-d: 300 steps, 7.5 min on two idle cores)."""


def add_arguments(ap) -> None:
    ap.add_argument("--work", default=os.path.join("build", "rebuild"),
                    help="where the labels (--retune), dataset and model go")  # fmt: skip
    ap.add_argument("--clang", default="clang-19", help="the LLVM the labels were made with")
    ap.add_argument("--retune", action="store_true",
                    help="label with the tuner here instead of the committed labels")  # fmt: skip
    ap.add_argument("--install", action="store_true", help="make it the shipped model")
    ap.add_argument("--dry-run", action="store_true", help="print the commands, run nothing")


def plan(ns) -> list[tuple[list[str], bool]]:
    """The commands, each with whether its failure stops the rebuild."""
    py, w = sys.executable, os.path.abspath(ns.work)
    admin = [py, "-m", "llmcc.cli.admin"]
    train = [py, "-m", "llmcc.train"]
    # fetch and build exit 1 when any package fails (today iniparser and libconfuse 404,
    # libbsd does not configure; none is labelled): the dataset step counts what is missing.
    build = [*admin, "corpus", "build", "--clang", ns.clang, "--split", "all"]
    steps = [([*admin, "corpus", "fetch"], False), (build, False)]
    labels = LABELS
    if ns.retune:
        state = {s: os.path.join(w, f"tune-{s}") for s in ("train", "heldout")}
        labels = [os.path.join(w, f"labels-{s}.jsonl") for s in ("train", "heldout")]
        steps += [
            ([*admin, "tune", "corpus", "--split", "train", "--budget", "40",
              "--per-package", "20", "--state", state["train"]], True),
            ([*admin, "tune", "labels", "--state", state["train"], "--out", labels[0]], True),
            ([*admin, "tune", "measure", "--split", "heldout", "--library", LIBRARY,
              "--state", state["heldout"]], True),
            ([*admin, "tune", "labels", "--state", state["heldout"], "--out", labels[1]], True),
        ]  # fmt: skip
    data, out = os.path.join(w, "data"), os.path.join(w, "model")
    model = os.path.join(out, "model")
    steps += [([*train, "dataset", *labels, "--out", data], True),
              ([*train, "train", "--data", data, "--out", out, "--library", LIBRARY, *SHIPPED,
                "--resume"], True),
              ([*train, "value", "--data", data, "--model", model], True)]  # fmt: skip
    if ns.install:
        steps.append(([*train, "install", model], True))
    return steps


def main(ns) -> int:
    for argv, must in plan(ns):
        line = shlex.join(argv)
        print(f"+ {line}", flush=True)
        if ns.dry_run:
            continue
        rc = subprocess.call(argv, cwd=ROOT)
        if rc != 0 and must:
            print(f"rebuild: stopped: exit {rc} from: {line}", file=sys.stderr)
            return rc
        if rc != 0:
            print(f"rebuild: exit {rc} (going on; see its report above): {line}", file=sys.stderr)
    return 0

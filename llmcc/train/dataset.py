"""Tuner results → FTD prompt/answer JSONL with provenance, split by package, resumable.

Input: the tuner's per-TU results, one JSON object a line (:data:`RESULT_FIELDS`).
Until ``llmcc/tune/`` settles its own writer, this module is where that schema
is defined; the builder reads only these fields and ignores others::

    {"package": "zlib", "version": "1.3.1", "file": "deflate.c",
     "ir_sha256": "<hex of the IR text>", "ir_path": "<IR as the driver emitted it>",
     "oz_size": 12345,
     "best": {"candidate": "<pipeline>[ ; <codegen opts>]", "size": 12001},
     "all": [{"candidate": "...", "size": 12001 | null}, ...]}

``size`` is ``.text+.data`` of the checked object (null: rejected by a check).

Output: ``train.jsonl`` and ``heldout.jsonl`` (split by *package*, never by
TU, so the held-out figures are about unseen code). Each row holds the exact
FTD prompt with the IR as the driver emitted it (``prompt.build``), the answer
for the best candidate (``encoding.answer_text``), and provenance: package,
version, file, IR hash, -Oz and best sizes, every candidate's size (for the
ranker's metrics). The small model's digest encoding is applied by the trainer,
with its tokenizer, exactly as the server applies it; the dataset itself is
model-independent.

Resumable: rows already written (by package, file and IR hash) are skipped, and
each row is flushed as it is written, so a build over a large corpus can stop
and go on. A torn last line (a kill mid-write) is dropped on restart.

IR is read from ``ir_path`` and checked against ``ir_sha256``. Re-emitting IR
from a tuner recording (argv + cwd) when the file is gone is not implemented
yet: such rows are counted as ``ir-missing`` and skipped.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from collections.abc import Iterable, Iterator

from ..advisor import encoding, prompt

RESULT_FIELDS = ("package", "version", "file", "ir_sha256", "ir_path", "oz_size", "best", "all")
SPLITS = ("train", "heldout")


def read_jsonl(path: str) -> Iterator[dict]:
    """Rows of a JSONL file; blank and unparseable lines (a torn write) are skipped."""
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line:
                continue
            try:
                row = json.loads(line)
            except ValueError:
                continue
            if isinstance(row, dict):
                yield row


def row_key(row: dict) -> tuple[str, str, str]:
    return (str(row.get("package")), str(row.get("file")), str(row.get("ir_sha256")))


DEFAULT_PACKAGES = os.path.join(os.path.dirname(os.path.dirname(__file__)), "tune", "packages.toml")
"""The corpus list of the tuner (its ``[heldout]`` table names the held-out packages)."""


def read_heldout(path: str = DEFAULT_PACKAGES) -> set[str]:
    """Held-out package names from the corpus TOML (``[heldout]``), a JSON list, a JSON
    object with ``"heldout"``, or one name a line (``#`` comments)."""
    if path.endswith(".toml"):
        import tomllib

        with open(path, "rb") as fb:
            return set(tomllib.load(fb).get("heldout", {}))
    with open(path, encoding="utf-8") as f:
        text = f.read()
    try:
        doc = json.loads(text)
    except ValueError:
        return {ln.split("#", 1)[0].strip() for ln in text.splitlines()} - {""}
    if isinstance(doc, dict):
        doc = doc.get("heldout", [])
    return {str(x) for x in doc}


def _repair(path: str) -> None:
    """Drop a torn last line, so appending goes on from a whole row."""
    try:
        with open(path, "rb+") as f:
            data = f.read()
            if data and not data.endswith(b"\n"):
                f.truncate(data.rfind(b"\n") + 1)
    except FileNotFoundError:
        pass


def example(result: dict, ir: str) -> dict:
    """One dataset row for a tuner result and its IR."""
    best = result["best"]
    sizes = [
        {"candidate": str(a.get("candidate")), "size": a.get("size")}
        for a in result.get("all") or []
        if isinstance(a, dict) and a.get("candidate")
    ]
    return {
        "prompt": prompt.build(ir),
        "answer": encoding.answer_text(best["candidate"]),
        "candidate": best["candidate"],
        "package": result.get("package"),
        "version": result.get("version"),
        "file": result.get("file"),
        "ir_sha256": result.get("ir_sha256"),
        "oz_size": result.get("oz_size"),
        "best_size": best.get("size"),
        "all": sizes,
    }


def _problem(result: dict, root: str | None) -> tuple[str | None, str | None]:
    """(IR text, None) or (None, reason to skip)."""
    if any(k not in result for k in ("package", "file", "ir_sha256", "best")):
        return None, "bad-result"
    best = result["best"]
    if not isinstance(best, dict) or not best.get("candidate") or best.get("size") is None:
        return None, "no-best"
    path = result.get("ir_path") or ""
    if root and not os.path.isabs(path):
        path = os.path.join(root, path)
    try:
        with open(path, encoding="utf-8") as f:
            ir = f.read()
    except (OSError, UnicodeDecodeError):
        return None, "ir-missing"
    if hashlib.sha256(ir.encode()).hexdigest() != result["ir_sha256"]:
        return None, "ir-changed"
    return ir, None


def build(
    results: Iterable[str],
    out_dir: str,
    heldout: set[str],
    ir_root: str | None = None,
    limit: int | None = None,
) -> Counter:
    """Append the rows not yet written to ``out_dir/{train,heldout}.jsonl``; counts by outcome."""
    os.makedirs(out_dir, exist_ok=True)
    paths = {s: os.path.join(out_dir, f"{s}.jsonl") for s in SPLITS}
    done: set[tuple[str, str, str]] = set()
    for p in paths.values():
        _repair(p)
        if os.path.exists(p):
            done.update(row_key(r) for r in read_jsonl(p))
    counts: Counter = Counter()
    files = {s: open(p, "a", encoding="utf-8") for s, p in paths.items()}  # noqa: SIM115
    try:
        for src in results:
            for result in read_jsonl(src):
                if limit is not None and counts["written"] >= limit:
                    return counts
                if row_key(result) in done:
                    counts["already-done"] += 1
                    continue
                ir, why = _problem(result, ir_root)
                if why:
                    counts[why] += 1
                    continue
                split = "heldout" if result["package"] in heldout else "train"
                f = files[split]
                f.write(json.dumps(example(result, ir)) + "\n")
                f.flush()
                done.add(row_key(result))
                counts["written"] += 1
                counts[split] += 1
    finally:
        for f in files.values():
            f.close()
    return counts

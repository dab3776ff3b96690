"""The tuner's state directory: what survives an interruption, so a rerun resumes.

Layout::

    <state>/build.json            the recording build: command, exit code, done
    <state>/records/tus/...       the recording (llmcc.recording), unless given elsewhere
    <state>/tus/<id>/tu.json      the TU's record: package, source, LLVM, record path
    <state>/tus/<id>/prep.json    the TU's -Oz reference (sizes, symbols, stderr)
    <state>/tus/<id>/ref.o        ... and its object
    <state>/tus/<id>/trials.jsonl every trial, one JSON line each, per finished task
    <state>/tus/<id>/installed.json  the winner, once it is in the cache

A task's rows and its ``done`` line go out in one append; rows whose batch has
no ``done`` line (a write cut short) are ignored and the task runs again, so a
finished task is never run twice and an unfinished one leaves no trace.
"""

from __future__ import annotations

import json
import os
import uuid

from ..fsutil import write_atomic
from ..objinfo import ObjectInfo


class TuState:
    """One TU's files under the state directory."""

    def __init__(self, root: str, tu_id: str) -> None:
        self.dir = os.path.join(root, "tus", tu_id)

    def path(self, name: str) -> str:
        return os.path.join(self.dir, name)

    # -- the reference -----------------------------------------------------------------
    def load_prep(self) -> dict | None:
        data = read_json(self.path("prep.json"))
        if data is None or not os.path.isfile(self.path("ref.o")):
            return None
        return data

    def save_prep(self, prep: dict, ref_object: bytes) -> None:
        os.makedirs(self.dir, exist_ok=True)
        write_atomic(self.path("ref.o"), ref_object)
        write_atomic(self.path("prep.json"), json.dumps(prep, indent=1).encode())

    # -- trials --------------------------------------------------------------------------
    def rows(self) -> tuple[list[dict], set[str]]:
        """(rows of finished tasks, the phases finished)."""
        try:
            with open(self.path("trials.jsonl"), "rb") as f:
                lines = f.read().decode("utf-8", "replace").splitlines()
        except OSError:
            return [], set()
        parsed = []
        for line in lines:
            try:
                parsed.append(json.loads(line))
            except ValueError:
                continue  # a line cut short by a kill
        done = {r["batch"]: r["phase"] for r in parsed if r.get("kind") == "done" and "batch" in r}
        rows = [r for r in parsed if r.get("kind") == "trial" and r.get("batch") in done]
        return rows, set(done.values())

    def append(self, phase: str, rows: list[dict], trials: int) -> None:
        """One finished task's rows and its done line, in one write."""
        os.makedirs(self.dir, exist_ok=True)
        batch = f"{phase}-{uuid.uuid4().hex[:12]}"
        lines = [json.dumps({"kind": "trial", "batch": batch, **r}, sort_keys=True) for r in rows]
        lines.append(json.dumps({"kind": "done", "batch": batch, "phase": phase,
                                 "trials": trials}))  # fmt: skip
        data = ("\n".join(lines) + "\n").encode()
        fd = os.open(self.path("trials.jsonl"), os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            os.write(fd, data)
        finally:
            os.close(fd)

    # -- what the TU is ---------------------------------------------------------------------
    def meta(self) -> dict | None:
        """The TU's record identity (package, source, LLVM, record path): what the library
        selection needs to keep held-out packages out."""
        return read_json(self.path("tu.json"))

    def save_meta(self, meta: dict) -> None:
        os.makedirs(self.dir, exist_ok=True)
        write_atomic(self.path("tu.json"), json.dumps(meta, indent=1, sort_keys=True).encode())

    # -- the result -----------------------------------------------------------------------
    def installed(self) -> dict | None:
        return read_json(self.path("installed.json"))

    def save_installed(self, result: dict) -> None:
        os.makedirs(self.dir, exist_ok=True)
        write_atomic(self.path("installed.json"), json.dumps(result, indent=1).encode())


def read_json(path: str) -> dict | None:
    try:
        with open(path) as f:
            data = json.load(f)
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def info_to_json(info: ObjectInfo) -> dict:
    return {"text": info.text, "data": info.data, "bss": info.bss,
            "strong": sorted(info.strong), "undefined": sorted(info.undefined)}  # fmt: skip


def info_from_json(d: dict) -> ObjectInfo:
    return ObjectInfo(int(d["text"]), int(d["data"]), int(d["bss"]), frozenset(d["strong"]),
                      frozenset(d["undefined"]))  # fmt: skip

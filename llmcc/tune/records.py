"""Reading the TU recordings that ``LLMCC_RECORD`` builds write (llmcc.recording)."""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass

from ..args import TranslationUnit, classify


class BadRecord(ValueError):
    """A record that cannot be tuned (unreadable, another version, IR not matching)."""


@dataclass(frozen=True)
class Record:
    id: str
    source: str
    cwd: str
    output: str
    argv: list[str]
    lang: str
    clang: str
    llvm: int | None
    codegen_flags: list[str]
    ir_sha256: str
    package: str | None
    ir_path: str

    def ir_text(self) -> str:
        with open(self.ir_path, "rb") as f:
            return f.read().decode("utf-8", "surrogateescape")

    def tu(self) -> TranslationUnit:
        """The TU as the driver saw it, rebuilt from its argv (no file is read)."""
        c = classify(self.argv)
        if c.passthrough is not None or len(c.units) != 1:
            raise BadRecord(f"{self.id}: argv no longer classifies as one TU ({c.passthrough})")
        tu = c.units[0]
        if tu.codegen_flags() != self.codegen_flags:
            raise BadRecord(f"{self.id}: codegen flags differ from the recorded ones")
        return tu


def load_one(json_path: str) -> Record:
    try:
        with open(json_path) as f:
            m = json.load(f)
    except (OSError, ValueError) as e:
        raise BadRecord(f"{json_path}: {e}") from e
    if not isinstance(m, dict) or m.get("version") != 1:
        raise BadRecord(f"{json_path}: not a version-1 record")
    ir_path = os.path.splitext(json_path)[0] + ".ll"
    try:
        with open(ir_path, "rb") as f:
            digest = hashlib.sha256(f.read()).hexdigest()
    except OSError as e:
        raise BadRecord(f"{ir_path}: {e}") from e
    if digest != m.get("ir_sha256"):
        raise BadRecord(f"{ir_path}: IR does not match its record (rewritten mid-build?)")
    try:
        return Record(m["id"], m["source"], m["cwd"], m["output"], list(m["argv"]), m["lang"],
                      m["clang"], m.get("llvm"), list(m["codegen_flags"]), m["ir_sha256"],
                      m.get("package"), ir_path)  # fmt: skip
    except (KeyError, TypeError) as e:
        raise BadRecord(f"{json_path}: missing field {e}") from e


def load(record_dir: str) -> tuple[list[Record], list[str]]:
    """Every good record under *record_dir* (sorted by id) and the problems with the rest."""
    d = os.path.join(record_dir, "tus")
    good: list[Record] = []
    bad: list[str] = []
    try:
        names = sorted(n for n in os.listdir(d) if n.endswith(".json"))
    except OSError:
        return [], []
    for name in names:
        try:
            good.append(load_one(os.path.join(d, name)))
        except BadRecord as e:
            bad.append(str(e))
    return good, bad

"""A model directory's identity, from file metadata only.

Every cache key holds the advisor's identity, so it is computed on every lookup, a hit
included: these read a directory listing and one small JSON file, never a model. The
identities themselves are each backend's (advisor/backends/); the model server keys its
processes by the same stamp (server/control.py), and the trainer and the server read
``llmcc-model.json`` here too.
"""

from __future__ import annotations

import os

from .. import jsonlite as json  # on a hit: json's own parser without importing json


def dir_stamp(path: str) -> str:
    """A model directory's identity: its path and the size and mtime of its files."""
    parts = [os.path.realpath(path)]
    try:
        for name in sorted(os.listdir(path)):
            st = os.stat(os.path.join(path, name))
            parts.append(f"{name}:{st.st_size}:{st.st_mtime_ns}")
    except OSError:
        parts.append("unreadable")
    return ";".join(parts)


def model_meta(path: str) -> dict:
    """A model directory's ``llmcc-model.json`` (llmcc's own models), else {}."""
    try:
        with open(os.path.join(path, "llmcc-model.json"), encoding="utf-8") as f:
            doc = json.load(f)
    except (OSError, ValueError):
        return {}
    return doc if isinstance(doc, dict) else {}

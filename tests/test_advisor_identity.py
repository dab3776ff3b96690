"""Advisor identity (llmcc/advisor/identity.py): one formula per kind of advisor, and the
advisor that ``select.make`` builds carries exactly the value the cache keys use."""

from __future__ import annotations

import subprocess
import sys

import pytest

from llmcc.advisor import identity, select
from llmcc.config import Config


@pytest.mark.parametrize("model", ["candidates", "passes:default<Oz>,mergefunc",
                                   "http://127.0.0.1:9/v1"])  # fmt: skip
def test_the_advisor_built_reports_the_identity_the_keys_use(model):
    cfg = Config.from_env({"LLMCC_MODEL": model, "LLMCC_DIR": "/nonexistent"})
    assert select.make(cfg).identity == identity.identity(cfg)


def test_pinned_lists_are_told_apart_by_their_text():
    a = identity.identity(Config.from_env({"LLMCC_MODEL": "passes:default<Oz>"}))
    b = identity.identity(Config.from_env({"LLMCC_MODEL": "passes:default<O1>"}))
    assert a.startswith("passes:") and b.startswith("passes:") and a != b


def test_identity_builds_no_advisor_and_reaches_no_server_code():
    # Needed on every cache lookup, a hit included: configuration and file metadata only.
    code = (
        "import sys\n"
        "from llmcc.config import Config\n"
        "from llmcc.advisor.identity import identity\n"
        "for m in ('candidates', 'passes:default<Oz>', 'http://127.0.0.1:9/v1'):\n"
        "    identity(Config.from_env({'LLMCC_MODEL': m}))\n"
        "loaded = {n for n in sys.modules if n.startswith('llmcc.')}\n"
        "bad = loaded & {'llmcc.advisor.model', 'llmcc.advisor.select', 'llmcc.server.control',\n"
        "                'llmcc.server.client', 'llmcc.server.breaker'}\n"
        "assert not bad, bad\n"
        "print('ok')\n"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert r.returncode == 0 and r.stdout.strip() == "ok", r.stderr

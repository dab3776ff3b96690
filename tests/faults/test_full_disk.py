"""A full disk while the suite is prepared (issue 14, item 4), on a real small tmpfs.

Before: every TU prepared the suite again (about 64 s each), printed nothing, and the
stats recorded nothing. Now: one warning per build, one preparation per outage (a mark
remembers it), the stats count every TU it affected, and every object is clang -Oz's.
"""

from __future__ import annotations

import json
import os

from conftest import ADMIN, LLMCC, PRIMARY, base_env, records, requires_clang, run
from faultkit import SOURCE, small_tmpfs

pytestmark = requires_clang


def test_full_disk_during_suite_preparation_warns_once_and_prepares_once(tmp_path):
    d = str(tmp_path)
    # 2 MiB free: the registry, entries and stats fit; the quick suite (~8 MB) does not.
    with small_tmpfs(str(tmp_path / "disk"), "3m", leave_free_kib=2048) as disk:
        env = dict(base_env(d), LLMCC_DIR=os.path.join(disk, "cache"))
        warnings = b""
        for i in range(3):
            (tmp_path / f"t{i}.c").write_text(SOURCE.replace("fill", f"fill{i}"))
            r = run([LLMCC, "-O2", "-c", f"t{i}.c", "-o", f"t{i}.o"], cwd=d, env=env)
            assert r.returncode == 0, r.stderr.decode()
            warnings += r.stderr
            ref = run([f"/usr/bin/clang-{PRIMARY}", "-O2", "-Oz", "-c", f"t{i}.c", "-o",
                       f"ref{i}.o"], cwd=d)  # fmt: skip
            assert ref.returncode == 0
            with open(f"{d}/t{i}.o", "rb") as a, open(f"{d}/ref{i}.o", "rb") as b:
                assert a.read() == b.read()
        text = warnings.decode()
        assert text.count("llmcc: warning:") == 1, text
        assert "no space left on the device to prepare the suite" in text
        assert len(records(env, "suite_prepare")) == 1
        assert len(records(env, "suite_no_space")) == 3
        left = [f for _r, _d, files in os.walk(os.path.join(disk, "cache", "passlisteval"))
                for f in files if f.endswith((".ll", "manifest.json"))]  # fmt: skip
        assert left == []  # the partial suite is removed: it only took space
        st = run([ADMIN, "stats", "--json"], cwd=d, env=env)
        assert st.returncode == 0
        data = json.loads(st.stdout)
        assert data["suite_no_space"] == 3
        assert data["errors_by_kind"].get("suite-no-space") == 3
        for rec in records(env):
            assert rec["path"] == "fallback" and rec["provisional"]["missing"]

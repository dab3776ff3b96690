"""A heartbeat during long PassListEval waits, on a terminal only (issue 15, item 4).

The heartbeat's first line comes after LLMCC_PROGRESS_AFTER seconds; 0 makes it
immediate, so the test does not depend on how long an evaluation takes here.
"""

from __future__ import annotations

from conftest import LLMCC, PRIMARY, base_env, requires_clang, run, seed_cache
from faultkit import FORCED_TIMEOUTS, SOURCE, run_on_pty

pytestmark = requires_clang
LIST = "function(early-cse)"


def test_heartbeat_goes_to_a_terminal_and_never_into_a_build_log(tmp_path, warm_store):
    d = str(tmp_path)
    (tmp_path / "t.c").write_text(SOURCE)
    cmd = [LLMCC, "-O2", "-c", "t.c", "-o", "t.o"]
    for name in ("tty", "log"):
        env = dict(base_env(d), LLMCC_DIR=str(tmp_path / name), LLMCC_MODEL=f"passes:{LIST}",
                   LLMCC_PROGRESS_AFTER="0", **FORCED_TIMEOUTS)  # fmt: skip
        seed_cache(warm_store.suite(PRIMARY), env["LLMCC_DIR"])
        if name == "tty":
            shown = run_on_pty(cmd, d, env).decode()
            assert f"llmcc: PassListEval {LIST}: 0/" in shown, shown
            assert "programs, 0s" in shown
            assert f"llmcc: PassListEval {LIST}: inconclusive (timeout) (" in shown
            assert "REJECTED" not in shown
        else:
            r = run(cmd, cwd=d, env=env)
            assert r.returncode == 0
            assert r.stderr == b""  # what clang -Oz prints for this file: nothing

"""Signal parity (issue 14, item 5): llmcc dies the way clang died.

Deeply nested parentheses with ``-fbracket-depth`` raised past the nesting crash the
parser of clang 16, 19 and 22 with SIGSEGV (a stack overflow, under the usual 8 MiB
stack). Before the fix, llmcc handed ``-11`` to ``sys.exit`` and the shell saw 245
instead of clang's 139. Each test first checks that the plain clang really dies of
the signal, then that llmcc does too, from the shell's point of view and from
``waitpid``'s, with its temp dirs gone.
"""

from __future__ import annotations

import os
import resource
import signal
import socket
import subprocess

import pytest
from conftest import LLMCC, VERSIONS, base_env, clang, make_env, requires_clang, run
from servers import free_port

pytestmark = requires_clang

DEPTH = 20000


def _crash_limits() -> None:
    """The stack clang overflows at this depth (a shell's default), and no core files."""
    resource.setrlimit(resource.RLIMIT_STACK, (8 << 20, 8 << 20))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def _deep_source(d: str) -> str:
    path = os.path.join(d, "deep.c")
    with open(path, "w") as f:
        f.write("int f(int x) { return " + "(" * DEPTH + "x" + ")" * DEPTH + "; }\n")
    return path


def _leftovers(tmpdir: str) -> list[str]:
    return [n for n in os.listdir(tmpdir) if n.startswith("llmcc-")]


@pytest.mark.parametrize("version", VERSIONS)
def test_llmcc_dies_of_the_signal_that_killed_clang(tmp_path, version):
    d = str(tmp_path)
    _deep_source(d)
    argv = [f"-fbracket-depth={DEPTH}", "-O2", "-c", "deep.c", "-o", "deep.o"]
    plain = subprocess.run([clang(version), *argv], cwd=d, capture_output=True,
                           preexec_fn=_crash_limits)  # fmt: skip
    if plain.returncode >= 0:
        pytest.skip(f"clang-{version} did not crash here (exit {plain.returncode})")
    env = base_env(d, version, TMPDIR=os.path.join(d, "tmp"))
    os.makedirs(env["TMPDIR"])
    r = subprocess.run([LLMCC, *argv], cwd=d, env=env, capture_output=True,
                       preexec_fn=_crash_limits)  # fmt: skip
    assert r.returncode == plain.returncode, r.stderr.decode()[-500:]
    # What `make` and the shell see: 128 + N, as with clang.
    shell = subprocess.run(["sh", "-c", f'"{LLMCC}" "$@"; echo "rc=$?"', "sh", *argv], cwd=d,
                           env=env, capture_output=True, preexec_fn=_crash_limits)  # fmt: skip
    assert f"rc={128 - plain.returncode}".encode() in shell.stdout
    assert _leftovers(env["TMPDIR"]) == []


def test_sigterm_during_a_compile_ends_llmcc_by_sigterm_after_cleanup(tmp_path, warm_store):
    """A CI timeout or ``make`` cancelled: llmcc must report SIGTERM, not exit 143 by hand."""
    listener = socket.socket()
    port = free_port()
    listener.bind(("127.0.0.1", port))
    listener.listen(8)  # accepts connections in the kernel and never answers
    d = tmp_path / "w"
    d.mkdir()
    (d / "t.c").write_text("int twice(int x) { return 2 * x; }\n")
    env = make_env(str(tmp_path), warm_store, LLMCC_MODEL=f"http://127.0.0.1:{port}/v1",
                   LLMCC_MODEL_TIMEOUT="120", TMPDIR=str(tmp_path / "tmp"))  # fmt: skip
    os.makedirs(env["TMPDIR"])
    proc = subprocess.Popen([LLMCC, "-O2", "-c", "t.c"], cwd=str(d), env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)  # fmt: skip
    try:
        listener.settimeout(300)
        conn, _ = listener.accept()  # llmcc is now waiting on its advisor
        assert _leftovers(env["TMPDIR"]), "the compile should be using a temp dir by now"
        proc.send_signal(signal.SIGTERM)
        _out, err = proc.communicate(timeout=60)
        conn.close()
    finally:
        if proc.poll() is None:
            proc.kill()
        listener.close()
    assert proc.returncode == -signal.SIGTERM, err.decode()[-500:]
    assert _leftovers(env["TMPDIR"]) == []
    # The reference compile had finished: the output is clang -Oz's, never half a file.
    ref = tmp_path / "ref.o"
    assert run([clang(), "-O2", "-Oz", "-c", "t.c", "-o", str(ref)], cwd=str(d)).returncode == 0
    assert (d / "t.o").read_bytes() == ref.read_bytes()

#!/usr/bin/env python3
"""Build examples/make-hello with ``CC=llmcc make`` and print what llmcc saved per object.

Usage: python examples/savings.py [--keep DIR] [--json]

The build runs in a fresh copy of the example (or DIR), so every object is
compiled and gets a decision record. Sizes are ``.text``+``.data`` bytes as
llmcc's checks measure them: "clang -Oz" is the real ``clang -Oz`` object of
the same TU, "llmcc" is the object the build got. A fallback object is that
``clang -Oz`` object, byte for byte.

Self-contained (standard library only) so that the README's one command can
call it right after installing llmcc.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
EXAMPLE = os.path.join(HERE, "make-hello")
OUTPUTS = (".o", ".d", ".out")


def find_tool(name: str) -> str:
    """llmcc's scripts: $LLMCC_BIN, beside this Python (a venv), or on PATH."""
    for d in (os.environ.get("LLMCC_BIN"), os.path.dirname(sys.executable)):
        if d and os.access(os.path.join(d, name), os.X_OK):
            return os.path.join(d, name)
    found = shutil.which(name)
    if found is None:
        sys.exit(f"savings.py: {name} not found (pip install llmcc, or set LLMCC_BIN)")
    return found


def copy_example(dest: str) -> None:
    def ignore(_d: str, names: list[str]) -> list[str]:
        return [n for n in names if n.endswith(OUTPUTS) or n == "wordstat"]

    shutil.copytree(EXAMPLE, dest, ignore=ignore, dirs_exist_ok=True)


def decisions(log: str) -> list[dict]:
    try:
        with open(log) as f:
            rows = [json.loads(line) for line in f if line.strip()]
    except FileNotFoundError:
        return []
    return [r for r in rows if r.get("event") == "decision"]


def table(rows: list[dict]) -> str:
    lines = [f"{'object':<12} {'clang -Oz':>10} {'llmcc':>8} {'saved':>7}  how"]
    tot_oz = tot_out = 0
    for r in sorted(rows, key=lambda r: r["output"]):
        oz, out = r.get("bytes_oz"), r.get("bytes_out")
        if not isinstance(oz, int) or not isinstance(out, int):
            lines.append(f"{r['output']:<12} {'-':>10} {'-':>8} {'-':>7}  {r['path']}")
            continue
        tot_oz, tot_out = tot_oz + oz, tot_out + out
        how = f"clang -Oz ({r['fallback']})" if r.get("fallback") else str(r.get("pipeline"))
        if r["path"].endswith("-hit"):  # object-hit, direct-hit: from llmcc's cache
            how += " [cached]"
        lines.append(f"{r['output']:<12} {oz:>10} {out:>8} {pct(oz, out):>7}  {how}")
    lines.append(f"{'total':<12} {tot_oz:>10} {tot_out:>8} {pct(tot_oz, tot_out):>7}")
    return "\n".join(lines)


def pct(oz: int, out: int) -> str:
    return f"{100.0 * (oz - out) / oz:.1f}%" if oz else "-"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--keep", metavar="DIR", help="build in DIR and keep it (default: a temp dir)")
    ap.add_argument("--json", action="store_true", help="print the decision records as JSON")
    ns = ap.parse_args()

    llmcc, admin = find_tool("llmcc"), find_tool("llmcc-admin")
    work = os.path.abspath(ns.keep) if ns.keep else tempfile.mkdtemp(prefix="llmcc-savings-")
    os.makedirs(work, exist_ok=True)
    try:
        copy_example(work)
        subprocess.run(["make", "-s", "clean"], cwd=work, check=True)
        log = os.path.join(work, "llmcc.jsonl")
        if os.path.exists(log):
            os.unlink(log)
        env = dict(os.environ, LLMCC_LOG=log)
        # The first compile on a fresh cache vets the built-in pass lists (PassListEval);
        # doing it here shows progress instead of a make that seems to hang.
        sys.stderr.write("savings.py: llmcc-admin warmup (minutes once, then instant)\n")
        w = subprocess.run([admin, "warmup"], env=env, stdout=sys.stderr)
        if w.returncode != 0:
            return w.returncode
        r = subprocess.run(["make", f"CC={llmcc}", "check"], cwd=work, env=env,
                           stdout=sys.stderr)  # fmt: skip
        if r.returncode != 0:
            sys.stderr.write(f"savings.py: make failed (exit {r.returncode}) in {work}\n")
            return r.returncode
        rows = decisions(log)
        objs = sorted(f for f in os.listdir(work) if f.endswith(".o"))
        missing = sorted(set(objs) - {r["output"] for r in rows})
        if missing:
            sys.stderr.write(f"savings.py: no decision record for {', '.join(missing)}\n")
            return 1
        if ns.json:
            print(json.dumps(rows, indent=1, sort_keys=True))
        else:
            print(table(rows))
        return 0
    finally:
        if not ns.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())

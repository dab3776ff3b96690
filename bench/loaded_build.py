#!/usr/bin/env python3
"""A build on a loaded machine: does the first build from a fresh cache finish, and is the
second one all hits? (issue 14: at a load of 8 on 2 cores PassListEval used to time out for
every list, so every compile paid the whole suite again.)

    bench/loaded_build.py [--competitors 8] [--mode full] [--clang clang-19] [--jobs 2]

Starts N CPU-bound competitors (``stress-ng --cpu N`` if installed, else Python busy
loops), then, with them running: ``make`` of examples/make-hello with plain ``clang -Oz``
(the reference time under the same load); ``make CC=llmcc`` from a fresh cache (no
verdicts, no suite: everything the first build on a new machine does); ``make clean`` and
``make CC=llmcc`` again, which must be all hits. Writes bench/results/loaded_build.json.

Timing figures need a machine to itself: run it alone, never beside other work.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
EXAMPLE = os.path.join(ROOT, "examples", "make-hello")
BIN = os.path.dirname(sys.executable)
LLMCC = os.path.join(BIN, "llmcc")
ADMIN = os.path.join(BIN, "llmcc-admin")
RESULTS = os.path.join(HERE, "results")


def competitors(n: int) -> tuple[str, list[subprocess.Popen]]:
    """N CPU-bound processes, each in its own session so one kill takes its children too."""
    if shutil.which("stress-ng"):
        p = subprocess.Popen(["stress-ng", "--cpu", str(n), "--quiet"], start_new_session=True,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
        return f"stress-ng --cpu {n}", [p]
    procs = [subprocess.Popen([sys.executable, "-c", "while True: pass"], start_new_session=True)
             for _ in range(n)]  # fmt: skip
    return f"{n} python busy loops", procs


def stop(procs: list[subprocess.Popen]) -> None:
    import signal

    for p in procs:
        try:
            os.killpg(p.pid, signal.SIGKILL)
        except OSError:
            pass
        p.wait()


def timed_make(work: str, env: dict[str, str], cc: str, jobs: int) -> float:
    subprocess.run(["make", "-s", "clean"], cwd=work, env=env, check=True)
    t0 = time.monotonic()
    r = subprocess.run(["make", f"-j{jobs}", f"CC={cc}", "wordstat"], cwd=work, env=env,
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)  # fmt: skip
    dt = time.monotonic() - t0
    if r.returncode != 0:
        raise SystemExit(f"make CC={cc} failed: {r.stderr.decode()[-2000:]}")
    return dt


def decisions(log: str, since: float) -> list[dict]:
    try:
        with open(log) as f:
            rows = [json.loads(line) for line in f if line.strip()]
    except FileNotFoundError:
        return []
    return [r for r in rows if r.get("event") == "decision" and r.get("time", 0) >= since]


def _commit() -> str | None:
    r = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    return r.stdout.strip() or None


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--competitors", type=int, default=8)
    ap.add_argument("--mode", default="full", choices=("full", "quick"))
    ap.add_argument("--clang", default="clang-19")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--out", default=os.path.join(RESULTS, "loaded_build.json"))
    ap.add_argument("--seed", metavar="DIR", help="smoke checks only: start from the prepared "
                    "suite and verdicts of cache DIR instead of a fresh cache")  # fmt: skip
    ns = ap.parse_args()

    clang = shutil.which(ns.clang) or ns.clang
    tmp = tempfile.mkdtemp(prefix="llmcc-loaded-")
    work = os.path.join(tmp, "make-hello")
    shutil.copytree(EXAMPLE, work, ignore=shutil.ignore_patterns("*.o", "*.d", "wordstat"))
    log = os.path.join(tmp, "llmcc.jsonl")
    env = {k: v for k, v in os.environ.items() if not k.startswith("LLMCC_")}
    env.update(LLMCC_DIR=os.path.join(tmp, "cache"), LLMCC_CLANG=clang, LLMCC_EVAL=ns.mode,
               LLMCC_LOG=log, PATH=BIN + os.pathsep + env.get("PATH", ""))  # fmt: skip
    if ns.seed:
        for part in ("passlisteval", "verdict", "registry"):
            if os.path.isdir(os.path.join(ns.seed, part)):
                shutil.copytree(os.path.join(ns.seed, part), os.path.join(tmp, "cache", part))
    # The machine's own load before the competitors start (other work on a shared machine).
    load_at_start = os.getloadavg()
    what, procs = competitors(ns.competitors)
    result: dict = {"competitors": what, "cores": os.cpu_count(), "mode": ns.mode,
                    "clang": clang, "make_jobs": ns.jobs, "seeded_from": ns.seed,
                    "load_at_start": load_at_start, "commit": _commit()}  # fmt: skip
    try:
        time.sleep(10)  # let the load average catch up with the competitors
        result["load_before"] = os.getloadavg()
        result["clang_Oz_seconds"] = round(timed_make(work, env, f"{clang} -Oz", ns.jobs), 2)
        t = time.time()
        result["first_build_seconds"] = round(timed_make(work, env, LLMCC, ns.jobs), 2)
        first = decisions(log, t)
        result["load_after_first"] = os.getloadavg()
        t = time.time()
        result["second_build_seconds"] = round(timed_make(work, env, LLMCC, ns.jobs), 2)
        second = decisions(log, t)
        result["load_after_second"] = os.getloadavg()
    finally:
        stop(procs)
    stats = json.loads(subprocess.run([ADMIN, "stats", "--json"], env=env, check=True,
                                      capture_output=True).stdout)  # fmt: skip
    with open(log) as f:
        verdicts = [json.loads(ln) for ln in f if '"passlisteval"' in ln]
    fields = ("path", "fallback", "bytes_oz", "bytes_out", "seconds")

    def state(v: dict) -> str:
        return "inconclusive" if v.get("inconclusive") else "passed" if v["passed"] else "rejected"

    result.update(
        first_build={r["output"]: {k: r.get(k) for k in fields} for r in first},
        first_build_provisional=sum(bool(r.get("provisional")) for r in first),
        second_build_paths={r["output"]: r["path"] for r in second},
        second_build_all_hits=bool(second) and all(r["path"].endswith("-hit") for r in second),
        verdicts={v["pipeline"]: state(v) for v in verdicts},
        evaluations=stats.get("evaluations"),
        suite=verdicts[0].get("suite") if verdicts else None,
    )
    os.makedirs(os.path.dirname(ns.out), exist_ok=True)
    with open(ns.out, "w") as f:
        json.dump(result, f, indent=1, sort_keys=True)
        f.write("\n")
    print(json.dumps(result, indent=1, sort_keys=True))
    shutil.rmtree(tmp, ignore_errors=True)
    return 0 if result["second_build_all_hits"] else 1


if __name__ == "__main__":
    sys.exit(main())

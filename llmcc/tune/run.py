"""The tuner end to end: record a build, search per TU, broadcast, judge, install; resumable.

Phases, each resumable from the state directory (llmcc.tune.state):

1. reference: per TU, its real ``clang -Oz`` object (threads, local);
2. search: per TU, within its budget, the library broadcast, random lists and
   minimization of the best (tasks on the local pool or a Dask cluster);
3. cross-broadcast: per TU, the other TUs' best candidates, with what is left
   of its budget;
4. judge and install: per TU, the best candidates with PassListEval and the
   driver's checks; the winner's pass-list entry and object go into the cache.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Collection, Sequence
from concurrent.futures import ThreadPoolExecutor

from ..config import Config
from ..toolchain import describe, resolve_major
from . import backends, broadcast, finalize, records, worker
from .state import TuState, info_from_json, read_json

CROSS_SHARE = 5
"""A fifth of each TU's budget is kept for the cross-broadcast (when there are other TUs)."""


class _NoBar:
    def update(self, n: int = 1) -> None:
        pass

    def close(self) -> None:
        pass


def _bar(total: int, desc: str, progress: bool):
    """A tqdm bar on a terminal (the ``tune`` extra); nothing otherwise."""
    if not progress:
        return _NoBar()
    try:
        from tqdm import tqdm
    except ImportError:
        return _NoBar()
    return tqdm(total=total, desc=desc, unit="TU", leave=True, file=sys.stderr)


class _Env:
    """Per toolchain: the driver's context (cache, advisor identity, verdicts)."""

    def __init__(self, cfg: Config, log) -> None:
        from ..advisor.backends import identity
        from ..cache.stats import Stats
        from ..cache.tiers import Cache
        from ..record import Logger

        self.cfg = cfg
        try:
            self.advisor_id = identity(cfg)
        except ValueError:
            cfg = self.cfg = cfg.replace(model="candidates")
            self.advisor_id = identity(cfg)
        self.stats = Stats()
        self.logger = Logger(cfg.log_path)
        root = cfg.cache_dir if cfg.cache_enabled else None
        self.cache = Cache.open(root, cfg, self.stats, self.logger)
        self._ctx: dict[str, object] = {}

    def context(self, clang: str):
        if clang not in self._ctx:
            from ..context import Context

            tc = resolve_major(describe(clang))
            tc.require_tools()
            self._ctx[clang] = Context(self.cfg, tc, self.cache, self.stats, self.logger,
                                       self.advisor_id)  # fmt: skip
        return self._ctx[clang]


def tu_state(state_dir: str, rec: records.Record) -> TuState:
    """A TU's state, keyed by its record id and its IR: an edited source starts afresh."""
    return TuState(state_dir, f"{rec.id}-{rec.ir_sha256[:12]}")


def _task(rec: records.Record, prep: dict, cfg: Config, budget: int, seed: int, **extra) -> dict:
    return {
        "id": rec.id,
        "state": os.path.basename(tu_state("", rec).dir),
        "ir_text": rec.ir_text(),
        "argv": rec.argv,
        "cwd": rec.cwd,
        "clang": rec.clang,
        "ref": info_from_json(prep["ref"]),
        "budget": budget,
        "seed": seed,
        "opt_timeout": cfg.opt_timeout,
        "codegen_timeout": cfg.codegen_timeout,
        **extra,
    }


TEST_HOLD = "LLMCC_TEST_HOLD_AFTER_FIRST_TASK"
"""A test-only hook, not a setting (so not in llmcc.config): a path. Once the first finished
task's rows are on disk, the tuner creates that file and waits, appending nothing more,
until the file is removed or the process is interrupted. tests/test_tune.py interrupts a
tune at that point, an explicit event instead of a race against the tuner's speed."""
_held: list[bool] = []


def _test_hold() -> None:
    path = os.environ.get(TEST_HOLD)
    if not path or _held:
        return
    _held.append(True)
    with open(path, "w") as f:
        f.write(f"{os.getpid()}\n")
    while os.path.exists(path):
        time.sleep(0.05)


def _run_tasks(backend_box: list, make_backend: Callable, fn, tasks: list[dict], state_dir: str,
               desc: str, progress: bool, problems: list[str]) -> None:  # fmt: skip
    """Run *tasks*, appending each finished one's rows to its TU's JSONL as it completes."""
    if not tasks:
        return
    if not backend_box:
        backend_box.append(make_backend())
    backend = backend_box[0]
    bar = _bar(len(tasks), desc, progress)
    try:
        futures = [backend.submit(fn, t) for t in tasks]
        for fut in backend.as_completed(futures):
            try:
                res = fut.result()
            except Exception as e:  # one TU's tools failing must not stop the others
                problems.append(f"{desc}: {type(e).__name__}: {e}")
                bar.update()
                continue
            if not res.get("interrupted"):
                TuState(state_dir, res["state"]).append(res["phase"], res["rows"], res["trials"])
                _test_hold()
            bar.update()
    finally:
        bar.close()


def tune_records(
    record_dir: str | list[str],
    budget: int = 100,
    jobs: int | None = None,
    state_dir: str | None = None,
    seed: int = 1,
    scheduler=None,
    progress: bool | None = None,
    cfg: Config | None = None,
    install: bool = True,
    only: Collection[str] | None = None,
    dense: Sequence[str] | None = None,
) -> dict:
    """Tune every TU recorded under *record_dir*; returns the summary (also summary.json).

    *install* False stops after the search and the cross-broadcast: the rows are
    labels (llmcc.tune.labels), judged by the driver's checks only; nothing is
    put in the cache, and no PassListEval verdict is computed for the many
    one-off winners. *only*: the record ids to tune (a sample of a corpus).
    *dense* (labels only): after the cross-broadcast, every one of these
    candidates is tried on every TU that has not tried it yet (the dense phase:
    the library selection and the model's ranker then compare candidates on the
    same TUs instead of on the few each happened to reach).

    *budget*: trials (opt + codegen + checks) per TU for the search and the
    cross-broadcast. *state_dir* (default ``<record_dir>/state``) makes it
    resumable: a TU finished in a phase is never redone. *seed* fixes every TU's
    random lists. *scheduler*: a Dask scheduler address (or Client) instead of
    the local pool of *jobs* processes. The cache is the one the configuration
    (*cfg*, default the environment) names: LLMCC_DIR, Redis, LLMCC_MODEL and
    LLMCC_EVAL decide the keys, exactly as for the driver.
    """
    cfg = cfg or Config.from_env()
    dirs = [record_dir] if isinstance(record_dir, str | os.PathLike) else list(record_dir)
    if state_dir is None and len(dirs) != 1:
        raise ValueError("tune_records: several record dirs need a state_dir")
    state_dir = os.path.abspath(state_dir or os.path.join(dirs[0], "state"))
    progress = sys.stderr.isatty() if progress is None else progress
    recs, problems = [], []
    for d in dirs:
        got, bad = records.load(str(d))
        recs += [r for r in got if only is None or r.id in only]
        problems += bad
    env = _Env(cfg, None)
    cfg = env.cfg
    jobs = max(1, jobs or os.cpu_count() or 1)
    started = time.monotonic()

    # 1. references
    def prep_one(rec: records.Record):
        work = tempfile.mkdtemp(prefix="llmcc-tune-prep-")
        try:
            ctx = env.context(rec.clang)
            from ..trial import Judge

            st = tu_state(state_dir, rec)
            if st.meta() is None:  # the library selection reads the package from here
                st.save_meta({"record": rec.id, "package": rec.package, "source": rec.source,
                              "llvm": rec.llvm, "record_json": rec.ir_path[:-3] + ".json"})
            return rec, finalize.prepare(rec, Judge.for_context(ctx), st, work)
        except Exception as e:
            problems.append(f"{rec.source}: no reference: {e}")
            return rec, None
        finally:
            shutil.rmtree(work, ignore_errors=True)

    bar = _bar(len(recs), "reference", progress)
    preps: dict[str, dict] = {}
    good: list[records.Record] = []
    with ThreadPoolExecutor(jobs) as ex:
        for rec, prep in ex.map(prep_one, recs):
            bar.update()
            if prep is not None:
                preps[rec.id] = prep
                good.append(rec)
    bar.close()

    cross_reserve = budget // CROSS_SHARE if len(good) > 1 else 0
    box: list = []

    def make_backend():
        return backends.make(scheduler, jobs)

    try:
        # 2. search
        tasks = [_task(r, preps[r.id], cfg, budget - cross_reserve, seed) for r in good
                 if "search" not in tu_state(state_dir, r).rows()[1]]  # fmt: skip
        _run_tasks(box, make_backend, worker.search_task, tasks, state_dir, "search", progress,
                   problems)  # fmt: skip

        # 3. cross-broadcast
        rows = {r.id: tu_state(state_dir, r).rows() for r in good}
        searched = [r for r in good if "search" in rows[r.id][1]]
        ranked = broadcast.ranked_winners(
            {r.id: rows[r.id][0] for r in searched},
            {r.id: info_from_json(preps[r.id]["ref"]).size for r in searched},
        )
        tasks = []
        for r in searched:
            tu_rows, phases = rows[r.id]
            if "cross" in phases:
                continue
            tried = {x["candidate"] for x in tu_rows}
            todo = broadcast.for_tu(ranked, tried)
            left = budget - len(tu_rows)
            if not todo or left <= 0:
                tu_state(state_dir, r).append("cross", [], 0)
                continue
            known = {x["candidate"]: (x["size"] if x["rejected"] is None else None)
                     for x in tu_rows}  # fmt: skip
            tasks.append(_task(r, preps[r.id], cfg, left, seed, cross=todo, known=known))
        _run_tasks(box, make_backend, worker.cross_task, tasks, state_dir, "cross-broadcast",
                   progress, problems)  # fmt: skip

        # 4. (labels) the dense broadcast of a fixed list
        if dense and not install:
            phase = dense_phase(dense)
            tasks = []
            for r in good:
                tu_rows, phases = tu_state(state_dir, r).rows()
                if not {"search", "cross"} <= phases or phase in phases:
                    continue
                tried = {x["candidate"] for x in tu_rows}
                todo = [c for c in dense if c not in tried]
                tasks.append(_task(r, preps[r.id], cfg, len(todo), seed, cross=todo,
                                   phase=phase))  # fmt: skip
            _run_tasks(box, make_backend, worker.cross_task, tasks, state_dir, "dense broadcast",
                       progress, problems)  # fmt: skip
    except BaseException:
        # Ctrl-C: the workers stop at their next trial; finished tasks are already saved.
        if box:
            box[0].close(cancel=True)
        raise
    if box:
        box[0].close()

    results: list[dict] = []
    done_search = [r for r in good if {"search", "cross"} <= tu_state(state_dir, r).rows()[1]]
    if not install:
        results = [_label_result(r, preps[r.id], tu_state(state_dir, r).rows()[0])
                   for r in done_search]  # fmt: skip
        return _finish(results, problems, budget, seed, started, len(recs), state_dir)

    # 4. judge and install
    bar = _bar(len(done_search), "judge+install", progress)
    for r in done_search:
        st = tu_state(state_dir, r)
        got = st.installed()
        if got is None:
            work = tempfile.mkdtemp(prefix="llmcc-tune-final-")
            try:
                got = finalize.finalize(r, preps[r.id], st.rows()[0], env.context(r.clang), st,
                                        work)  # fmt: skip
            except Exception as e:
                problems.append(f"{r.source}: not installed: {type(e).__name__}: {e}")
                got = None
            finally:
                shutil.rmtree(work, ignore_errors=True)
        if got is not None:
            results.append(got)
        bar.update()
    bar.close()
    return _finish(results, problems, budget, seed, started, len(recs), state_dir)


def dense_phase(candidates: Sequence[str]) -> str:
    """The dense phase's name: a new list (more TUs, another top-N) is a new phase, and
    a TU runs only the candidates it has not tried."""
    digest = hashlib.sha256("\n".join(candidates).encode()).hexdigest()[:12]
    return f"dense-{digest}"


def _finish(results: list[dict], problems: list[str], budget: int, seed: int, started: float,
            tus: int, state_dir: str) -> dict:  # fmt: skip
    summary = summarize(results, problems, budget, seed, time.monotonic() - started)
    summary["tus"] = tus
    os.makedirs(state_dir, exist_ok=True)
    with open(os.path.join(state_dir, "summary.json"), "w") as f:
        json.dump(summary, f, indent=1)
    return summary


def _label_result(rec: records.Record, prep: dict, rows: list[dict]) -> dict:
    """A TU's best searched candidate under the driver's checks (no PassListEval yet)."""
    ref_size = info_from_json(prep["ref"]).size
    best = best_row(rows, ref_size)
    return {"id": rec.id, "source": rec.source, "package": rec.package, "ref_size": ref_size,
            "size": best["size"] if best else ref_size,
            "winner": best["candidate"] if best else None}  # fmt: skip


def best_row(rows: list[dict], ref_size: int) -> dict | None:
    """The smallest accepted trial strictly below *ref_size*; ties go to the shorter text."""
    ok = [r for r in rows if r.get("rejected") is None and r.get("size") is not None
          and r["size"] < ref_size]  # fmt: skip
    return min(ok, key=lambda r: (r["size"], len(r["candidate"])), default=None)


def summarize(results: list[dict], problems: list[str], budget: int, seed: int,
              seconds: float) -> dict:  # fmt: skip
    """Geomean per TU of .text+.data against -Oz, over the TUs installed."""
    installed = [r for r in results if "ref_size" in r and r.get("ref_size")]
    logs = [math.log(r["size"] / r["ref_size"]) for r in installed if r["size"]]
    geo = math.exp(sum(logs) / len(logs)) if logs else 1.0
    return {
        "budget": budget,
        "seed": seed,
        "installed": len(installed),
        "improved": sum(1 for r in installed if r.get("winner")),
        "transient": [r for r in results if "transient" in r],
        "geomean_saving_percent": round(100 * (1 - geo), 3),
        "bytes_oz": sum(r["ref_size"] for r in installed),
        "bytes_out": sum(r["size"] for r in installed),
        "seconds": round(seconds, 1),
        "problems": problems,
        "results": results,
    }


def record_build(command: list[str], state_dir: str, env: dict[str, str] | None = None,
                 cwd: str | None = None) -> int:  # fmt: skip
    """Run the build once with LLMCC_RECORD set (CC/CXX default to llmcc/llmc++); its exit code.

    Writes ``<state>/build.json``; the recording lands in ``<state>/records``.
    """
    state_dir = os.path.abspath(state_dir)
    rec_dir = os.path.join(state_dir, "records")
    os.makedirs(rec_dir, exist_ok=True)
    e = dict(os.environ if env is None else env)
    e["LLMCC_RECORD"] = rec_dir
    bindir = os.path.dirname(os.path.abspath(sys.argv[0]))
    for var, tool in (("CC", "llmcc"), ("CXX", "llmc++")):
        if var not in e:
            path = os.path.join(bindir, tool)
            e[var] = path if os.path.exists(path) else tool
    # The build's stdout goes to stderr: tune's own stdout is its summary (--json).
    rc = subprocess.run(command, env=e, cwd=cwd, stdout=sys.stderr.fileno()).returncode
    with open(os.path.join(state_dir, "build.json"), "w") as f:
        json.dump({"command": command, "cwd": cwd or os.getcwd(), "returncode": rc,
                   "done": rc == 0, "time": int(time.time())}, f, indent=1)  # fmt: skip
    return rc


def build_done(state_dir: str) -> bool:
    got = read_json(os.path.join(state_dir, "build.json"))
    return bool(got and got.get("done"))

"""``llmcc-admin``: stats, doctor, cache maintenance, pass-list checks and the model server.

A separate command so that none of its options can collide with a clang option.
"""

from __future__ import annotations

import argparse
import json
import os
import sys

from .. import __version__
from ..config import Config


def _cfg() -> Config:
    return Config.from_env()


def size_text(n: float) -> str:
    """Bytes in binary units, as LLMCC_MAXSIZE counts them (``5G`` = 5 GiB): the one
    format for every size llmcc-admin prints, so doctor and stats agree."""
    for unit in ("bytes", "KiB", "MiB", "GiB"):
        if abs(n) < 1024 or unit == "GiB":
            return f"{n:.0f} {unit}" if unit == "bytes" else f"{n:.1f} {unit}"
        n /= 1024
    raise AssertionError("not reached")


def _root_or_die(cfg: Config) -> str:
    if cfg.cache_dir is None:
        sys.exit("llmcc-admin: no cache directory (set LLMCC_DIR or HOME)")
    return cfg.cache_dir


def cmd_stats(ns: argparse.Namespace) -> int:
    from ..cache import stats

    cfg = _cfg()
    root = _root_or_die(cfg)
    data = stats.read(root)
    data["cache_dir"] = root
    data["max_size"] = cfg.max_size
    data["llmcc_version"] = __version__
    if ns.json:
        json.dump(data, sys.stdout, indent=2, sort_keys=True)
        sys.stdout.write("\n")
        return 0
    saved = data["bytes_oz"] - data["bytes_out"]
    pct = 100.0 * saved / data["bytes_oz"] if data["bytes_oz"] else 0.0
    rows = [
        ("cache directory", root),
        ("compilations (optimizable TUs)", data["compilations"]),
        ("  cache hits, local tier", data["local_hits"]),
        ("  cache hits, Redis", data["remote_hits"]),
        ("  Redis pass lists decided again", data["remote_redecided"]),
        ("  misses", data["misses"]),
        ("  optimized below -Oz", data["optimized"]),
        ("hits by kind: direct mode", data["direct_hits"]),
        ("  object (no opt, no codegen)", data["object_hits"]),
        (
            "  pass list",
            data["local_hits"] + data["remote_hits"] - data["direct_hits"] - data["object_hits"],
        ),
        ("passed through to clang", data["passthrough"]),
        ("model queries", data["model_queries"]),
        ("PassListEval evaluations", data["evaluations"]),
        ("  suite without disk space", data["suite_no_space"]),
        ("provisional decisions", data["provisional"]),
        ("  decided again", data["redecided"]),
        ("bytes at clang -Oz", data["bytes_oz"]),
        ("bytes produced", data["bytes_out"]),
        ("saved", f"{saved} bytes ({pct:.2f}%)"),
        ("errors (internal)", data["errors"]),
        ("cache errors", data["cache_errors"]),
        ("Redis errors", data["remote_errors"]),
        ("evictions", data["evictions"]),
        ("cache size", f"{size_text(data.get('cache_bytes', 0))} of {size_text(cfg.max_size)}"),
    ]
    width = max(len(r[0]) for r in rows)
    for k, v in rows:
        print(f"{k:<{width}}  {v}")
    for title, m in (
        ("fallbacks to clang -Oz", data["fallbacks"]),
        ("pass-through reasons", data["passthrough_reasons"]),
    ):
        if m:
            print(f"{title}:")
            for k, v in sorted(m.items(), key=lambda kv: -kv[1]):
                print(f"  {k:<{width - 2}}  {v}")
    return 0


def cmd_zero(ns: argparse.Namespace) -> int:
    from ..cache import stats

    stats.zero(_root_or_die(_cfg()))
    print("statistics zeroed")
    return 0


def cmd_clear(ns: argparse.Namespace) -> int:
    from ..cache import maintenance
    from ..cache.storage.local import LocalStorage

    if ns.remote_poisoned:
        return _clear_remote_poisoned(_cfg(), ns.dry_run)
    local = LocalStorage(_root_or_die(_cfg()))
    files, size = local.clear(verdicts=ns.verdicts)
    maintenance.recount(local)
    kept = "" if ns.verdicts else "; PassListEval verdicts kept (--verdicts drops them)"
    print(f"removed {files} entries ({size_text(size)}){kept}")
    return 0


def _clear_remote_poisoned(cfg: Config, dry_run: bool) -> int:
    """Remove the shared entries that keep code at -Oz for the whole team (cache/poison.py);
    pass lists are vetted against this machine's opt of the entry's LLVM version."""
    from ..cache import poison
    from ..cache.storage.redis import RedisStorage
    from ..passlist.load import load_registry
    from ..toolchain import ToolchainError, describe, find_compiler, resolve_major

    if not cfg.redis_url:
        print("llmcc-admin: LLMCC_REDIS_URL is not set: no shared tier to clean", file=sys.stderr)
        return 2
    registries: dict[int, object] = {}

    def registry(llvm: object):
        if not isinstance(llvm, int) or isinstance(llvm, bool):
            return None
        if llvm not in registries:
            try:
                tc = resolve_major(describe(find_compiler(False, f"clang-{llvm}")))
                registries[llvm] = load_registry(tc, None) if tc.opt else None
            except (ToolchainError, RuntimeError, OSError):
                registries[llvm] = None
        return registries[llvm]

    def vet(pipeline: str, llvm: object) -> str:
        reg = registry(llvm)
        if reg is None:
            return "unchecked"
        try:
            from ..trial import vet_candidate  # the build's own vet step, options included
        except ImportError:  # pragma: no cover - older tree without codegen options
            from ..passlist import vet as vet_candidate
        try:
            vet_candidate(pipeline, reg)
        except Exception:  # anything the build's vet step would refuse: hostile input
            return "unvettable"
        return "ok"

    remote = RedisStorage(cfg.redis_url, max(cfg.redis_timeout, 5.0))
    try:
        counts = poison.sweep(remote, vet, dry_run=dry_run)
    except Exception as e:  # redis raises many types: all of them mean "cannot reach it"
        print(f"llmcc-admin: Redis at {remote.shown_url}: {type(e).__name__}: {e}",
              file=sys.stderr)  # fmt: skip
        return 1
    gone = sum(n for k, n in counts.items() if k in poison.REMOVE)
    detail = ", ".join(f"{counts[k]} {k}" for k in sorted(poison.REMOVE) if counts[k])
    verb = "would remove" if dry_run else "removed"
    print(f"Redis {remote.shown_url}: {verb} {gone} entries" + (f" ({detail})" if detail else ""))
    kept = {k: n for k, n in counts.items() if k not in poison.REMOVE}
    if kept:
        print("kept: " + ", ".join(f"{n} {k}" for k, n in sorted(kept.items())))
    if counts["unchecked"]:
        print("unchecked pass lists are for an LLVM version not installed here: run this "
              "on a machine that has it")  # fmt: skip
    return 0


def cmd_cleanup(ns: argparse.Namespace) -> int:
    from ..cache import maintenance
    from ..cache.storage.local import LocalStorage

    cfg = _cfg()
    local = LocalStorage(_root_or_die(cfg))
    evicted, freed, remaining = maintenance.cleanup(local, cfg.max_size)
    if remaining < 0:
        print("another process is cleaning up (or the cache is not writable): nothing done")
        return 1
    print(f"evicted {evicted} entries ({size_text(freed)}); {size_text(remaining)} remain")
    return 0


def cmd_doctor(ns: argparse.Namespace) -> int:
    from ..toolchain import (
        RECURSION_ENV,
        SUPPORTED_MAJORS,
        ToolchainError,
        describe,
        find_compiler,
        resolve_major,
        version_text,
    )

    cfg = _cfg()
    problems = 0

    def line(ok: bool | None, what: str, detail: str) -> None:
        nonlocal problems
        mark = {True: "ok  ", False: "FAIL", None: "note"}[ok]
        problems += ok is False
        print(f"[{mark}] {what}: {detail}")

    # First, so that a pasted doctor output names the llmcc it came from.
    line(None, "llmcc", f"{__version__} ({os.path.dirname(os.path.dirname(__file__))})")

    try:
        clang = find_compiler(False, cfg.clang)
    except ToolchainError as e:
        line(False, "clang", str(e))
        return 1
    tc = resolve_major(describe(clang))
    line(True, "clang", f"{clang} -> {tc.real} ({version_text(tc)})")
    if tc.major is None or tc.major not in SUPPORTED_MAJORS:
        line(
            False,
            "LLVM version",
            f"{tc.major}: llmcc supports LLVM {SUPPORTED_MAJORS[0]}..{SUPPORTED_MAJORS[-1]}",
        )
    for tool, path in tc.tools.items():
        line(
            path is not None,
            tool,
            path or f"missing beside {tc.real} (apt-get install llvm-{tc.major})",
        )
    if os.environ.get(RECURSION_ENV):
        line(False, "environment", f"{RECURSION_ENV} is set: llmcc would refuse to run")
    from ..config import PROBLEMS

    for message in PROBLEMS.values():
        line(False, "setting", message)
    root = cfg.cache_dir
    if root is None:
        line(False, "cache", "no cache directory: set LLMCC_DIR (HOME is unset)")
    else:
        from ..cache.storage.local import CacheUnavailable, LocalStorage

        try:
            LocalStorage.open(root)
            line(True, "cache", f"{root} (limit {size_text(cfg.max_size)})")
        except CacheUnavailable as e:
            line(False, "cache", f"{e}: builds run uncached and unoptimized")
    if cfg.redis_url:
        from ..cache.storage.redis import RedisStorage

        remote = RedisStorage(cfg.redis_url, cfg.redis_timeout)
        answer = remote.ping()
        ttl = f" (entries expire {cfg.redis_ttl}s after their last write)" if answer == "ok" else ""
        line(answer == "ok", "redis", f"{remote.shown_url}: {answer}{ttl}")
    from ..advisor import backends

    try:
        kind, target = backends.spec(cfg.model)
        ident = backends.identity(cfg)
    except ValueError as e:
        line(False, "advisor", str(e))
    else:
        ok, detail = backends.probe(cfg, kind, target)
        line(ok, "advisor", f"{kind} {target}".strip() + f" (identity {ident}): {detail}")
    reg = None
    if tc.opt:
        try:
            from ..passlist.load import load_registry

            reg = load_registry(tc, None)
            line(True, "opt passes", f"{len(reg.names())} passes known to {tc.opt}")
        except Exception as e:
            line(False, "opt passes", str(e))
    _doctor_passlisteval(cfg, tc, reg, line)
    return 1 if problems else 0


def _doctor_passlisteval(cfg: Config, tc, reg, line) -> None:
    """Which suite judges lists here, and every candidate's verdict state (reads only:
    doctor never prepares the suite or evaluates)."""
    if cfg.eval_mode == "off":
        line(None, "PassListEval", "LLMCC_EVAL=off: lists are not checked (experiments only)")
        return
    if cfg.cache_dir is None or tc.opt is None or reg is None:
        line(None, "PassListEval", f"mode {cfg.eval_mode}, {cfg.eval_jobs} jobs")
        return
    from ..advisor.candidates import CANDIDATES
    from ..cache.stats import Stats
    from ..cache.storage.local import LocalStorage
    from ..cache.tiers import Cache, tiers_for
    from ..candidate import OptionsError
    from ..passlist import PassListError
    from ..passlisteval import Evaluator, suite_text
    from ..trial import vet_candidate

    try:
        ev = Evaluator.for_toolchain(
            tc, cfg.cache_dir, cfg.eval_mode, cfg.eval_jobs, cfg=cfg,
            cache=Cache(tiers_for(LocalStorage(cfg.cache_dir, writable=False)), Stats()),
        )  # fmt: skip
    except ValueError as e:
        line(False, "PassListEval", str(e))
        return
    info = ev.suite_info()
    prepared = "prepared" if "excluded" in info else "not prepared yet (the first build does it)"
    line(None, "PassListEval suite",
         f"{suite_text(info)}; {prepared}; {cfg.eval_jobs} jobs")  # fmt: skip
    candidates = CANDIDATES
    if cfg.model.startswith("passes:"):
        candidates = (cfg.model[len("passes:") :],)
    weaker = 0
    for text in candidates:
        try:
            cand = vet_candidate(text, reg)  # the build's own vet step, options included
        except (PassListError, OptionsError) as e:
            why = "options" if isinstance(e, OptionsError) else getattr(e, "reason", "syntax")
            line(None, f"candidate {text}", f"rejected (vet: {why})")
            continue
        state, detail = ev.state(cand.pipeline, cand.options)
        weaker += "--reevaluate" in detail
        ok = {"passed": True, "rejected": None, "inconclusive": None}.get(state)
        line(ok, f"candidate {cand.text()}", f"{state} ({detail})" if detail else state)
    if weaker:
        line(None, "PassListEval", f"{weaker} verdicts come from the suite without csmith; "
             "llmcc-admin warmup --reevaluate evaluates them on the full suite")  # fmt: skip


def _toolchain(cfg: Config):
    from ..toolchain import describe, find_compiler, resolve_major

    tc = resolve_major(describe(find_compiler(False, cfg.clang)))
    tc.require_tools()
    return tc


def cmd_check_passes(ns: argparse.Namespace) -> int:
    import tempfile

    from ..candidate import OptionsError
    from ..passlist import PassListError
    from ..passlist.load import load_registry
    from ..passlisteval import Evaluator, suite_text, verdict_text
    from ..trial import Judge, run_trial, vet_candidate

    cfg = _cfg()
    tc = _toolchain(cfg)
    reg = load_registry(tc, None)
    # --json: stdout is the verdict object only, so scripts can parse it.
    say = (lambda _text: None) if ns.json else print
    try:
        # The trial's own vet step: pass list and codegen options ("<list> ; -mllvm ...").
        cand = vet_candidate(ns.pipeline, reg)
    except (PassListError, OptionsError) as e:
        reason = "options" if isinstance(e, OptionsError) else getattr(e, "reason", "syntax")
        if ns.json:
            json.dump({"pipeline": ns.pipeline, "passed": False, "vet": reason,
                       "detail": str(e)}, sys.stdout, indent=2)  # fmt: skip
            sys.stdout.write("\n")
        say(f"REJECTED (vet: {reason}): {e}")
        return 1
    canonical = cand.pipeline
    say(f"pipeline:  {canonical}")
    say(f"opt runs:  always-inline,{canonical}")
    if cand.options:
        say(f"codegen:   {' '.join(cand.options)}")
    root = cfg.cache_dir or tempfile.mkdtemp(prefix="llmcc-admin-")
    mode = ns.mode or (cfg.eval_mode if cfg.eval_mode != "off" else "full")
    from ..cache.stats import Stats
    from ..cache.tiers import Cache
    from ..record import Logger

    cache = Cache.open(root, None, Stats()) if not ns.no_cache else None
    ev = Evaluator.for_toolchain(tc, root, mode, ns.jobs or cfg.eval_jobs, cache=cache, cfg=cfg,
                                 log=Logger(cfg.log_path))  # fmt: skip
    m = ev.prepared()
    if m is not None:
        say(f"suite:     {suite_text(ev.suite_info())}, {len(m['excluded'])} excluded, "
            f"LLVM {tc.major}")  # fmt: skip
    # Asked for explicitly: an inconclusive verdict is evaluated again, not repeated.
    # The verdict step of the one evaluation path (llmcc.trial), without a TU.
    t = run_trial(cand.text(), Judge(tc, lambda: reg, lambda: ev), None, None, None, root,
                  verdict_kw={"stop_early": not ns.all, "reevaluate": ns.reevaluate,
                              "retry_inconclusive": True})  # fmt: skip
    assert t.verdict is not None
    v = t.verdict
    if ns.json:
        json.dump(v, sys.stdout, indent=2)
        sys.stdout.write("\n")
    if v.get("weaker_suite"):
        say(f"verdict:   earned on the {suite_text(v.get('suite') or {})} before csmith was "
            "installed; valid until --reevaluate")  # fmt: skip
    text = verdict_text(v)
    if v["passed"]:
        say(f"PASSED in {v.get('seconds', 0)}s")
        return 0
    if v.get("inconclusive"):
        # Load, a failed fork or a full disk: says nothing about the list (exit 3, not 1).
        say(f"{text.upper()}: not a rejection; the list is not used until it is evaluated "
            f"again ({v.get('seconds', 0)}s):")  # fmt: skip
    else:
        say(f"{text} by PassListEval ({len(v['failures'])} failing program(s), "
            f"{v.get('seconds')}s):")  # fmt: skip
    for f in v["failures"]:
        say(f"  {f['program']}: {f['failure']}: {f['detail'][:200]}")
    return 3 if v.get("inconclusive") else 1


def cmd_warmup(ns: argparse.Namespace) -> int:
    """Evaluate what the default advisor may propose now, so the first build does not wait;
    with --export-verdicts, the whole library, written as shipped verdicts."""
    from ..advisor.candidates import CANDIDATES, LIBRARY, load_library
    from ..cache.stats import Stats
    from ..cache.tiers import Cache
    from ..candidate import OptionsError
    from ..passlist import PassListError
    from ..passlist.load import load_registry
    from ..passlisteval import Evaluator, suite_text, verdict_text
    from ..trial import vet_candidate

    cfg = _cfg()
    tc = _toolchain(cfg)
    root = _root_or_die(cfg)
    cache = Cache.open(root, None, Stats())
    reg = load_registry(tc, cache)
    from ..record import Logger

    ev = Evaluator.for_toolchain(tc, root, cfg.eval_mode, cfg.eval_jobs, cache=cache, cfg=cfg,
                                 log=Logger(cfg.log_path))  # fmt: skip
    # What the default advisor may propose: a model ranks the whole library, the
    # library-only advisor tries its default subset.
    from ..advisor.backends import ranks_library, spec

    lists = LIBRARY if ranks_library(spec(cfg.model)[0]) else CANDIDATES
    if ns.export_verdicts:
        if cfg.eval_mode == "off":
            sys.exit("llmcc-admin warmup --export-verdicts: LLMCC_EVAL=off earns no verdicts")
        ev.shipped_dir = ""  # export only what this machine earned itself
        lists = load_library(ns.library)[1] if ns.library else LIBRARY
    if cfg.eval_mode != "off":
        print(f"suite: {suite_text(ev.suite_info())}")
    bad = inconclusive = weaker = 0
    earned: dict[str, dict] = {}
    for text in lists:
        try:
            cand = vet_candidate(text, reg)
        except (PassListError, OptionsError) as e:
            print(f"rejected {text}: {e}")
            bad += 1
            continue
        canonical = cand.pipeline
        # Asked for: an inconclusive verdict is tried again; --reevaluate redoes all of them.
        v = ev.verdict(canonical, options=cand.options, reevaluate=ns.reevaluate,
                       retry_inconclusive=True)  # fmt: skip
        if not v.get("inconclusive") and not v.get("weaker_suite") and "skipped" not in v:
            earned[cand.text()] = v
        canonical = cand.text()
        state = verdict_text(v)
        note = "  (suite without csmith)" if v.get("weaker_suite") else ""
        print(f"{state:8} {v.get('seconds', 0):6}s  {canonical}{note}")
        bad += not v.get("passed")
        inconclusive += bool(v.get("inconclusive"))
        weaker += bool(v.get("weaker_suite"))
    if inconclusive:
        print(f"{inconclusive} inconclusive (not rejected): evaluated again by the first build "
              "that needs them after their retry time, or by running warmup again")  # fmt: skip
    if weaker:
        print(f"{weaker} verdicts were earned before csmith was installed, on the weaker suite; "
              "llmcc-admin warmup --reevaluate evaluates them on the full one")  # fmt: skip
    if ns.export_verdicts:
        from ..passlisteval.shipped import export_evaluator

        doc = export_evaluator(ns.export_verdicts, ev, tc.major, earned, ns.library)
        print(f"wrote {len(earned)} verdicts ({len(doc['groups'])} toolchain groups) to "
              f"{ns.export_verdicts}; inconclusive ones are left out: run it again")  # fmt: skip
    # Not a failure: the advisor simply never proposes a rejected candidate.
    print(f"{len(lists) - bad} of {len(lists)} candidate lists usable")
    return 0


def cmd_report(ns: argparse.Namespace) -> int:
    """What the build got, per TU and per target, from the decision records (llmcc.report)."""
    from .. import report

    cfg = _cfg()
    log = ns.log or cfg.log_path
    if not log:
        sys.exit("llmcc-admin report: no decision records: build with LLMCC_LOG=<file> set "
                 "(or pass --log FILE)")  # fmt: skip
    try:
        records = report.read_records(log)
    except OSError as e:
        sys.exit(f"llmcc-admin report: cannot read {log}: {e.strerror}")
    if not records:
        sys.exit(f"llmcc-admin report: {log} has no decision records (no optimizable compile "
                 "ran with LLMCC_LOG set)")  # fmt: skip
    data = None
    if cfg.cache_dir is not None and os.path.isdir(cfg.cache_dir):
        from ..cache import stats

        try:
            data = stats.read(cfg.cache_dir)
        except (OSError, ValueError):
            data = None  # the report stands on the records alone
    doc = report.build(records, data)
    if ns.html:
        from ..fsutil import write_atomic

        write_atomic(ns.html, report.html_page(doc).encode())
    if ns.json:
        json.dump(doc, sys.stdout, indent=2, sort_keys=True)
        sys.stdout.write("\n")
    elif ns.html:
        print(f"{report.summary_line(doc)}\nwrote {ns.html}")
    else:
        sys.stdout.write(report.text(doc))
    return 0


def cmd_server(ns: argparse.Namespace) -> int:
    """``llmcc-admin server start|stop|status|run``: the local model server."""
    from ..server import control
    from ..server.breaker import clear_down
    from ..server.client import ModelError
    from ..server.paths import private_dir

    cfg = _cfg()
    if ns.action == "status":
        return _server_status(cfg, getattr(ns, "json", False))
    if ns.action == "stop":
        pids = control.stop_all(cfg.cache_dir)
        print(f"stopped {', '.join(map(str, pids))}" if pids else "no model server was running")
        return 0
    model_dir = getattr(ns, "model", None) or _configured_model(cfg)
    if model_dir is None:
        sys.stderr.write("llmcc-admin server: LLMCC_MODEL is not onnx:<dir>; give --model DIR\n")
        return 2
    if not os.path.isdir(model_dir):
        sys.stderr.write(f"llmcc-admin server: {model_dir} is not a directory\n")
        return 2
    listen = getattr(ns, "listen", None)
    api_key = getattr(ns, "api_key", None) or os.environ.get("LLMCC_SERVER_API_KEY")
    if listen and not api_key:
        sys.stderr.write(
            "llmcc-admin server: --listen needs --api-key (or $LLMCC_SERVER_API_KEY)\n"
        )
        return 2
    idle = cfg.server_idle if getattr(ns, "idle", None) is None else ns.idle
    srv = control.LocalServer.from_config(cfg, model_dir, idle, getattr(ns, "threads", None))
    if ns.action == "run" or getattr(ns, "foreground", False):
        from ..server import app

        private_dir(srv.dir)
        private_dir(os.path.dirname(srv.socket))
        if listen:
            os.environ["LLMCC_SERVER_API_KEY"] = api_key or ""  # not in argv: ps shows that
        return app.main(srv.app_args(listen, log=False))
    clear_down(srv.dir, srv.base)
    running = next(
        (d for d in control.servers(cfg.cache_dir) if d.get("socket") == srv.socket and d["alive"]),
        None,
    )
    if running is not None and listen and running.get("listen") is None:
        sys.stderr.write(
            f"llmcc-admin server: pid {running['pid']} already serves "
            f"{srv.name} without --listen; run 'llmcc-admin server stop' first\n"
        )
        return 1
    try:
        started = srv.ensure(listen, api_key)
    except ModelError as e:
        sys.stderr.write(f"llmcc-admin server: {e.detail}\n")
        return 1
    print(("started" if started else "already running") + f": {srv.name} on {srv.socket}")
    return _server_status(cfg, False) if started else 0


def _configured_model(cfg: Config) -> str | None:
    from ..advisor.backends import local_model, spec

    try:
        kind, target = spec(cfg.model)
    except ValueError:
        return None
    return local_model(kind, target)


def _server_status(cfg: Config, as_json: bool) -> int:
    from ..server.control import servers

    docs = servers(cfg.cache_dir)
    if as_json:
        json.dump(docs, sys.stdout, indent=2, sort_keys=True)
        sys.stdout.write("\n")
    elif not docs:
        print("no model server")
    for d in docs if not as_json else []:
        h = d.get("health") or {}
        state = "serving" if h else ("not answering" if d["alive"] else "dead (stale state)")
        where = ", ".join(x for x in (d.get("socket"), d.get("listen")) if x)
        print(f"{d.get('name')}: {state}, pid {d.get('pid')}, {where}")
        if h:
            print(
                f"  uptime {h.get('uptime')}s, {h.get('requests')} requests, "
                f"context {h.get('context')} tokens; log {d.get('log')}"
            )
    return 0 if any(d.get("health") for d in docs) else 1


def cmd_corpus(ns: argparse.Namespace) -> int:
    from ..tune import corpus

    return corpus.main(ns)


def cmd_tune(ns: argparse.Namespace) -> int:
    """Record the build, tune every TU, fill the cache; Ctrl-C stops, a rerun resumes."""
    import signal

    from ..tune import cli

    # SIGTERM (a CI timeout) stops as cleanly as Ctrl-C: finished TUs stay finished.
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    try:
        return cli.main(ns)
    except KeyboardInterrupt:
        print("\nllmcc-admin tune: interrupted; run the same command again to resume",
              file=sys.stderr)  # fmt: skip
        return 130


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="llmcc-admin", description=__doc__)
    # llmcc's own version (``llmcc --version`` is clang's, as a drop-in must answer).
    p.add_argument("--version", action="version", version=f"llmcc {__version__}")
    sub = p.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("stats", help="show cache and optimization statistics")
    s.add_argument("--json", action="store_true", help="machine-readable output")
    s.set_defaults(fn=cmd_stats)
    sub.add_parser("zero-stats", help="reset the statistics").set_defaults(fn=cmd_zero)
    cl = sub.add_parser("clear", help="remove every cache entry")
    cl.add_argument("--verdicts", action="store_true", help="also drop PassListEval verdicts")
    cl.add_argument("--remote-poisoned", action="store_true",
                    help="only Redis: remove null, unparseable and unvettable pass-list entries "
                    "and damaged or misfiled entries (docs/cache.md)")  # fmt: skip
    cl.add_argument("--dry-run", action="store_true", help="with --remote-poisoned: count only")
    cl.set_defaults(fn=cmd_clear)
    sub.add_parser("cleanup", help="evict down to LLMCC_MAXSIZE now").set_defaults(fn=cmd_cleanup)
    sub.add_parser(
        "doctor", help="show the toolchain and configuration found, and problems"
    ).set_defaults(fn=cmd_doctor)
    c = sub.add_parser("check-passes", help="run PassListEval on one pipeline")
    c.add_argument("pipeline")
    c.add_argument("--mode", choices=("full", "quick"))
    c.add_argument("--jobs", type=int)
    c.add_argument("--all", action="store_true", help="run every program, even after a failure")
    c.add_argument("--json", action="store_true")
    c.add_argument("--no-cache", action="store_true", help="ignore and do not store verdicts")
    c.add_argument("--reevaluate", action="store_true",
                   help="evaluate on the current suite even if a verdict is stored")  # fmt: skip
    c.set_defaults(fn=cmd_check_passes)
    rp = sub.add_parser("report", help="what the build got per TU and target (from LLMCC_LOG)")
    rp.add_argument("--log", metavar="FILE", help="decision records (default: $LLMCC_LOG)")
    rp.add_argument("--json", action="store_true", help="machine-readable, for CI dashboards")
    rp.add_argument("--html", metavar="FILE", help="also write one standalone HTML page")
    rp.set_defaults(fn=cmd_report)
    w = sub.add_parser("warmup", help="evaluate the built-in candidate lists now")
    w.add_argument("--reevaluate", action="store_true",
                   help="evaluate every list again on the current suite (after installing "
                   "csmith: verdicts from the suite without it are kept until then)")  # fmt: skip
    w.add_argument("--export-verdicts", metavar="FILE",
                   help="evaluate the whole library and write its verdicts, keyed by "
                   "this opt's and clang's sha256 (passlisteval/verdicts/19.json)")  # fmt: skip
    w.add_argument("--library", metavar="FILE", help="with --export-verdicts: this library "
                   "file instead of the shipped one")  # fmt: skip
    w.set_defaults(fn=cmd_warmup)
    sv = sub.add_parser("server", help="the local model server: start, stop, status, run")
    sv.add_argument("action", choices=("start", "stop", "status", "run"))
    sv.add_argument("--foreground", action="store_true", help="start: serve in this process")
    sv.add_argument("--model", help="an optimum ONNX export (default: LLMCC_MODEL=onnx:<dir>)")
    sv.add_argument("--listen", metavar="HOST:PORT", help="also serve TCP (needs --api-key)")
    sv.add_argument("--api-key", help="for --listen (prefer $LLMCC_SERVER_API_KEY: ps shows args)")
    sv.add_argument("--idle", type=float, help="idle seconds before exiting (0: never)")
    sv.add_argument("--threads", type=int, help="onnxruntime threads (default: all cores)")
    sv.add_argument("--json", action="store_true", help="status: machine-readable output")
    sv.set_defaults(fn=cmd_server)
    co = sub.add_parser("corpus", help="the tuning corpus (issue 10's packages): fetch, build "
                        "with TU recording, status")  # fmt: skip
    from ..tune.corpus import add_arguments as corpus_arguments

    corpus_arguments(co)
    co.set_defaults(fn=cmd_corpus)
    tu = sub.add_parser(
        "tune", help="record a build, tune each TU's pass list, put the winners in the cache",
        description="Runs the build once through llmcc (recording every TU), searches each "
        "TU within --budget trials, judges the winners with PassListEval and the driver's "
        "checks, and stores them so the next clean build gets them from the cache.",
    )  # fmt: skip
    from ..tune.cli import add_arguments as tune_arguments

    tune_arguments(tu)
    tu.set_defaults(fn=cmd_tune)
    return p


def _until_terminated(ns: argparse.Namespace) -> int:
    """Run an evaluating command (check-passes, warmup) the way the driver runs a compile:
    SIGTERM and SIGHUP kill the suite programs at once instead of waiting for them, the
    temp dirs and locks go while unwinding, no verdict is stored for the interrupted list,
    and the process then dies of the signal."""
    import signal

    from .driver import _die_by, _on_signal, _Terminated

    ours = [s for s in (signal.SIGTERM, signal.SIGHUP) if signal.getsignal(s) == signal.SIG_DFL]
    for signum in ours:  # ignored ones (nohup) stay ignored
        signal.signal(signum, _on_signal)
    try:
        return ns.fn(ns)
    except _Terminated as t:
        return _die_by(t.signum)
    finally:
        for signum in ours:  # called in-process (a test): leave the caller's handlers
            signal.signal(signum, signal.SIG_DFL)


def main(argv: list[str] | None = None) -> int:
    ns = build_parser().parse_args(argv)
    if ns.fn in (cmd_check_passes, cmd_warmup):
        return _until_terminated(ns)
    return ns.fn(ns)


if __name__ == "__main__":
    sys.exit(main())

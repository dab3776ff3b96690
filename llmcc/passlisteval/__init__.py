"""PassListEval: no pass list reaches a user's object until it has survived the suite.

The verdict on a list is computed once per (canonical list, toolchain, suite)
and kept in the local cache; concurrent compiles needing the same verdict wait
on one filelock instead of evaluating it twice. Verdicts never come from the
shared tier: a verdict from Redis would be a claim, not a proof.

Three kinds of verdict are stored: passed, rejected, and inconclusive (only
timeouts or tools that could not start: machine load, not the list, may be to
blame). An inconclusive verdict is never a pass; it is kept with an expiry
(``retry_after``, an hour, doubling for each inconclusive retry), so that a
loaded machine does not repeat the suite for every TU, and is evaluated again
after that.

The suite is explicit. Each verdict records which suite earned it (mode,
programs, csmith or not). Installing csmith after verdicts were earned on the
suite without it does not throw them away: they stay valid for it (``doctor``
says so, and names that suite as the weaker one) until the user re-evaluates
(``llmcc-admin warmup --reevaluate``).
"""

from __future__ import annotations

import hashlib
import os
import time

from ..candidate import Candidate
from ..outcomes import INCONCLUSIVE, Reason
from . import shipped as _shipped
from . import suite as _suite
from .limits import Limits

MODES = ("full", "quick", "off")
INCONCLUSIVE_RETRY_S = 3600.0
MAX_BACKOFF = 16
"""An inconclusive retry that is inconclusive again waits twice as long, up to 16 hours: a
list that really hangs opt must not cost a long timeout every hour forever."""


def verdict_key(
    canonical: str, toolchain_id: str, suite_digest: str, mode: str, excluded: str = ""
) -> str:
    """*excluded*: the programs this machine's suite left out; a verdict holds for one suite."""
    h = hashlib.blake2b(digest_size=20)
    for part in ("verdict", canonical, toolchain_id, suite_digest, mode, excluded):
        h.update(part.encode())
        h.update(b"\0")
    return h.hexdigest()


def expired(v: dict, now: float | None = None) -> bool:
    """An inconclusive verdict past its retry time (conclusive verdicts never expire)."""
    if not v.get("inconclusive"):
        return False
    try:
        return float(v.get("retry_after", 0)) <= (time.time() if now is None else now)
    except (TypeError, ValueError):
        return True


def suite_text(info: dict) -> str:
    """``quick suite, 30 programs (4 csmith)``; a suite without csmith is named as weaker."""
    text = f"{info.get('mode', '?')} suite, {info.get('programs', '?')} programs"
    if info.get("csmith"):
        return text + f" ({info.get('csmith_programs', '?')} csmith)"
    return text + ", without csmith (weaker: no random programs; apt-get install csmith)"


def verdict_text(v: dict) -> str:
    """How progress output names a verdict: a timeout is inconclusive, never REJECTED."""
    fails = v.get("failures") or []
    if v.get("passed"):
        return "passed"
    kinds = {f.get("failure") for f in fails}
    if v.get("inconclusive"):
        if kinds <= INCONCLUSIVE:
            return "inconclusive (timeout)"
        if Reason.SUITE_NO_SPACE in kinds:
            return "inconclusive (no disk space for the suite)"
        return f"inconclusive ({', '.join(sorted(k for k in kinds if k))})"
    first = fails[0] if fails else {}
    return f"REJECTED ({first.get('failure', v.get('reason', '?'))} in {first.get('program', '-')})"


def _unavailable(
    canonical: str, failure: Reason, detail: str, reason: Reason | None = None, **extra
) -> dict:
    """A verdict that could not be made here (not stored, never a pass); plain strings, as
    in stored verdicts (a record's detail is their repr)."""
    why = {"reason": reason.value} if reason is not None else {}
    return {"pipeline": canonical, "passed": False, **why, **extra,
            "failures": [{"program": "-", "failure": failure.value, "detail": detail}]}  # fmt: skip


class Evaluator:
    """Verdicts for one toolchain, backed by the local cache directory."""

    def __init__(
        self,
        clang: str,
        opt: str,
        toolchain_id: str,
        root: str,
        mode: str = "full",
        jobs: int = 2,
        cache=None,
        log=None,
        limits: Limits | None = None,
        progress_after: float | None = None,
        inconclusive_retry: float = INCONCLUSIVE_RETRY_S,
        shipped_dir: str | None = None,
    ) -> None:
        if mode not in MODES:
            raise ValueError(f"LLMCC_EVAL must be one of {MODES}, not {mode!r}")
        self.clang, self.opt, self.toolchain_id = clang, opt, toolchain_id
        self.root, self.mode, self.jobs = root, mode, jobs
        self.cache = cache
        self.log = log or (lambda event, **kw: None)
        self.limits = limits or Limits()
        self.progress_after = progress_after
        self.inconclusive_retry = inconclusive_retry
        self.evaluations = 0
        self.csmith = mode != "off" and _suite.csmith_available()
        self._programs = _suite.all_programs(mode, self.csmith) if mode != "off" else []
        self._digest = _suite.suite_digest(self._programs) if mode != "off" else "off"
        self._manifest: dict | None = None
        # The suite without csmith: its verdicts stay valid once csmith is installed.
        self._weaker: tuple[list, str] | None = None
        if self.csmith:
            progs = _suite.all_programs(mode, csmith=False)
            self._weaker = (progs, _suite.suite_digest(progs))
        self._weaker_manifest: dict | None = None
        self.served_weaker: set[str] = set()
        """Candidates whose verdict came from the suite without csmith (for the records)."""
        self.no_space: str | None = None
        # Shipped verdicts (llmcc.passlisteval.shipped): None is the package's, "" none.
        self.shipped_dir = _shipped.SHIPPED_DIR if shipped_dir is None else shipped_dir
        self._binaries: tuple[str, str] | None = None
        self.shipped_used = 0

    @classmethod
    def for_toolchain(cls, tc, root: str, mode: str = "full", jobs: int = 2, cache=None,
                      log=None, cfg=None) -> Evaluator:  # fmt: skip
        """Verdicts hold for one clang and one opt: both identities key them.

        *cfg*: a Config, for the time limits (LLMCC_EVAL_TIMEOUT, LLMCC_EVAL_TIMEOUT_SCALE)
        and the heartbeat (LLMCC_PROGRESS_AFTER)."""
        toolchain_id = tc.identity() + "|" + tc.opt_identity()
        kw: dict = {}
        if cfg is not None:
            d = Limits()
            kw["limits"] = Limits(getattr(cfg, "eval_timeout", d.floor),
                                  getattr(cfg, "eval_timeout_scale", d.scale))  # fmt: skip
            kw["progress_after"] = getattr(cfg, "progress_after", None)
        return cls(tc.clang, tc.opt, toolchain_id, root, mode, jobs, cache=cache, log=log, **kw)

    def _dir(self, digest: str) -> str:
        tc = hashlib.blake2b(self.toolchain_id.encode(), digest_size=8).hexdigest()
        return os.path.join(self.root, "passlisteval", tc, digest)

    @property
    def suite_dir(self) -> str:
        return self._dir(self._digest)

    def suite_info(self) -> dict:
        """The suite verdicts are earned on now: mode, programs, csmith or not."""
        info = _suite.describe(self._programs, self.mode, self._digest)
        m = self._manifest or (_suite.load(self.suite_dir) if self.mode != "off" else None)
        if m is not None:
            info["programs"], info["excluded"] = len(m["programs"]), len(m["excluded"])
        return info

    def weaker_info(self) -> dict | None:
        """The suite without csmith, when csmith is installed (its verdicts still count)."""
        if self._weaker is None:
            return None
        return _suite.describe(self._weaker[0], self.mode, self._weaker[1])

    def _lock(self, name: str, timeout: float = 3600):
        from filelock import FileLock

        d = os.path.join(self.root, "locks")
        os.makedirs(d, exist_ok=True)
        return FileLock(os.path.join(d, name + ".lock"), timeout=timeout)

    def manifest(self) -> dict:
        """The prepared suite (preparing it now if needed). Raises suite.NoSpace."""
        if self._manifest is None:
            m = _suite.load(self.suite_dir)
            if m is None:
                with self._lock("suite-" + self._digest):
                    m = _suite.load(self.suite_dir)
                    if m is None:
                        self.log("suite_prepare", dir=self.suite_dir, programs=len(self._programs))
                        m = _suite.prepare(self.clang, self._programs, self.suite_dir, self.jobs,
                                           self.progress_after)  # fmt: skip
            self._manifest = m
        return self._manifest

    def prepared(self) -> dict | None:
        """The manifest, or None where the suite does not fit on the disk (said once)."""
        if self._manifest is not None:
            return self._manifest
        m = _suite.load(self.suite_dir)
        if m is not None:
            self._manifest = m
            return m
        if self.no_space is None:
            self.no_space = _suite.no_space(self.suite_dir)
            if self.no_space is None:
                try:
                    return self.manifest()
                except _suite.NoSpace as e:
                    self.no_space = str(e)
                    _suite.mark_no_space(self.suite_dir, str(e))
            self._report_no_space()
        return None

    def _report_no_space(self) -> None:
        from ..cache.tiers import warn_once

        if self.cache is not None:
            self.cache.stats.add("suite_no_space")
            self.cache.stats.add_to("errors_by_kind", Reason.SUITE_NO_SPACE)
        self.log("suite_no_space", dir=self.suite_dir, problem=self.no_space)
        warn_once(
            f"{self.no_space}; building with clang -Oz (and no new pass lists) until there "
            "is space",
            "suite-nospace:" + self.suite_dir,
        )

    def key(self, canonical: str, mode: str | None = None, options: tuple[str, ...] = ()) -> str:
        """Keyed by the candidate's text form: a list with codegen options is another
        candidate (without options the key is the one verdicts always had)."""
        text = Candidate(canonical, options).text()
        return verdict_key(
            text, self.toolchain_id, self._digest, mode or self.mode, self._excluded()
        )

    def _excluded(self) -> str:
        m = self._manifest or _suite.load(self.suite_dir)
        if m is None:
            if self.cache is not None and not self.cache.writable:
                return "?"  # no suite here and none can be prepared: no verdict matches
            m = self.manifest()
        return ",".join(sorted(m["excluded"]))

    def _stored(self, text: str, digest: str, manifest: dict | None) -> tuple[str, dict | None]:
        if manifest is None:
            return "", None
        key = verdict_key(text, self.toolchain_id, digest, self.mode,
                          ",".join(sorted(manifest["excluded"])))  # fmt: skip
        got = self.cache.get_verdict(key) if self.cache is not None else None
        return key, got if isinstance(got, dict) else None

    def lookup(
        self, canonical: str, options: tuple[str, ...] = (), include_expired: bool = False
    ) -> dict | None:
        """The stored verdict, without preparing or evaluating anything.

        Preference: a conclusive verdict on this suite, then one earned on the suite
        without csmith (installing csmith keeps it valid), then an inconclusive one
        on this suite while it has not expired (or always, with *include_expired*).
        """
        if self.mode == "off":
            return None
        text = Candidate(canonical, options).text()
        if self.cache is None:
            return self.shipped(text)
        if self._manifest is None:
            self._manifest = _suite.load(self.suite_dir)  # None: not prepared (yet)
        _key, cur = self._stored(text, self._digest, self._manifest)
        if cur is not None:
            cur.setdefault("suite", _suite.describe(self._programs, self.mode, self._digest))
            if not cur.get("inconclusive"):
                return cur
        if self._weaker is not None:
            progs, digest = self._weaker
            if self._weaker_manifest is None:
                self._weaker_manifest = _suite.load(self._dir(digest))
            _key, w = self._stored(text, digest, self._weaker_manifest)
            if w is not None and not w.get("inconclusive"):
                w.setdefault("suite", _suite.describe(progs, self.mode, digest))
                w["weaker_suite"] = True
                self.served_weaker.add(text)
                return w
        got = self.shipped(text)
        if got is not None:  # a conclusive verdict earned by these very binaries
            return got
        if cur is not None and (include_expired or not expired(cur)):
            return cur
        return None

    def binary_hashes(self) -> tuple[str, str]:
        """(opt sha256, clang sha256), cached by (path, size, mtime) in the cache dir."""
        if self._binaries is None:
            self._binaries = (_shipped.content_hash(self.opt, self.root),
                              _shipped.content_hash(self.clang, self.root))  # fmt: skip
        return self._binaries

    def shipped(self, text: str) -> dict | None:
        """The package's verdict on *text*, if these exact opt and clang binaries earned it
        on this suite (or on the suite without csmith) in this mode."""
        if not self.shipped_dir or not _shipped.groups(self.shipped_dir):
            return None
        try:
            opt_sha, clang_sha = self.binary_hashes()
        except OSError:
            return None
        digests = {self._digest} | ({self._weaker[1]} if self._weaker else set())
        v = _shipped.find(self.shipped_dir, opt_sha, clang_sha, self.mode, digests, text)
        if v is not None:
            self.shipped_used += 1
            self.log("shipped_verdict", pipeline=text, passed=v.get("passed"), mode=self.mode)
        return v

    def cached(self, canonical: str, options: tuple[str, ...] = ()) -> dict | None:
        return self.lookup(canonical, options)

    def pending(self, canonical: str, options: tuple[str, ...] = ()) -> dict:
        """For a provisional decision: the verdict key to watch and when to retry anyway."""
        text = Candidate(canonical, options).text()
        key, v = self._stored(text, self._digest, self._manifest or _suite.load(self.suite_dir))
        out: dict = {"verdict": key or None}
        if v is not None and v.get("inconclusive") and v.get("retry_after"):
            out["retry_after"] = float(v["retry_after"])
        return out

    def state(self, canonical: str, options: tuple[str, ...] = ()) -> tuple[str, str]:
        """(passed | rejected | inconclusive | not yet evaluated, detail), for ``doctor``.

        Reads only: never prepares the suite or evaluates."""
        v = self.lookup(canonical, options, include_expired=True)
        if v is None:
            return "not yet evaluated", ""
        s = v.get("suite") or {}
        where = f"{s.get('mode', self.mode)} suite, {s.get('programs', '?')} programs, " + (
            "with csmith" if s.get("csmith") else "without csmith"
        )
        if v.get("weaker_suite"):
            where += "; csmith is installed now: llmcc-admin warmup --reevaluate"
        fails = v.get("failures") or [{}]
        first = f"{fails[0].get('failure', '?')} in {fails[0].get('program', '?')}"
        if v.get("passed"):
            return "passed", where
        if v.get("inconclusive"):
            when = float(v.get("retry_after", 0))
            retry = "retry due"
            if when > time.time():
                retry = "retried after " + time.strftime("%H:%M", time.localtime(when))
            return "inconclusive", f"{first}; {retry}; {where}"
        return "rejected", f"{v.get('reason') or first}; {where}"

    def verdict(
        self,
        canonical: str,
        stop_early: bool = True,
        options: tuple[str, ...] = (),
        reevaluate: bool = False,
        retry_inconclusive: bool = False,
    ) -> dict:
        """Cached verdict, or evaluate now (once across all concurrent llmcc processes).

        *options*: the candidate's codegen options, which every suite program's codegen
        then runs with. *reevaluate*: ignore stored verdicts and evaluate on this suite
        (after installing csmith). *retry_inconclusive*: evaluate again even if an
        inconclusive verdict has not expired (``warmup``, ``check-passes``: asked for).
        """
        if self.mode == "off":
            return {"pipeline": canonical, "passed": True, "skipped": "LLMCC_EVAL=off"}
        started = time.time()

        def usable(got: dict | None) -> bool:
            if got is None:
                return False
            if got.get("inconclusive") and retry_inconclusive:
                return float(got.get("time", 0)) >= started  # another process just retried
            return True

        if not reevaluate:
            got = self.lookup(canonical, options)
            if usable(got):
                return got  # type: ignore[return-value]
        if self.cache is not None and not self.cache.writable:
            # Evaluating without storing would repeat the suite for every TU.
            return _unavailable(canonical, Reason.NO_VERDICT_STORE,
                                "read-only cache: cannot evaluate new lists",
                                reason=Reason.NO_VERDICT_STORE)  # fmt: skip
        m = self.prepared()
        if m is None:
            # Inconclusive: the disk, not the list. Not stored; the mark stops retries.
            return _unavailable(canonical, Reason.SUITE_NO_SPACE, str(self.no_space),
                                inconclusive=True)  # fmt: skip
        if not m.get("complete", True):
            # Fail closed: a suite that lost its own programs (a noexec cache dir, a broken
            # toolchain) or most csmith seeds would pass lists it never really ran.
            return _unavailable(
                canonical, Reason.SUITE_INCOMPLETE,
                f"{len(m['excluded'])} programs excluded, e.g. "
                + "; ".join(f"{k}: {v}" for k, v in list(m["excluded"].items())[:2]),
                reason=Reason.SUITE_INCOMPLETE, inconclusive=True,
            )  # fmt: skip
        key = self.key(canonical, options=options)
        with self._lock("eval-" + key):
            if not reevaluate:
                got = self.lookup(canonical, options)
                if usable(got):
                    return got  # type: ignore[return-value]
            from .evaluate import evaluate

            v = evaluate(
                canonical,
                self.clang,
                self.opt,
                self.suite_dir,
                m,
                self.jobs,
                stop_early=stop_early,
                options=options,
                limits=self.limits,
                progress_after=self.progress_after,
            )
            v["mode"] = self.mode
            v["suite"] = self.suite_info()
            v["time"] = round(time.time(), 3)
            # Timeouts depend on machine load: a verdict made only of timeouts is
            # inconclusive. It rejects the list for now, is kept until its retry time
            # (so a loaded machine does not repeat the suite per TU) and never passes.
            v["inconclusive"] = bool(v["failures"]) and all(
                f["failure"] in INCONCLUSIVE for f in v["failures"]
            )
            if v["inconclusive"]:
                _k, prev = self._stored(Candidate(canonical, options).text(), self._digest, m)
                attempts = int(prev.get("attempts", 0)) + 1 if prev and prev.get(
                    "inconclusive") else 1  # fmt: skip
                v["attempts"] = attempts
                v["retry_after"] = round(
                    time.time() + self.inconclusive_retry * min(2 ** (attempts - 1), MAX_BACKOFF),
                    3,
                )
            self.evaluations += 1
            self.log(
                "passlisteval",
                **{k: v[k] for k in ("pipeline", "passed", "seconds", "inconclusive")},
                failures=v["failures"][:3],
                mode=self.mode,
                suite=v["suite"],
            )
            if self.cache is not None:
                self.cache.put_verdict(key, v)
            return v

"""PassListEval: no pass list reaches a user's object until it has survived the suite.

The verdict on a list is computed once per (canonical list, toolchain, suite)
and kept in the local cache; concurrent compiles needing the same verdict wait
on one filelock instead of evaluating it twice. Verdicts never come from the
shared tier: a verdict from Redis would be a claim, not a proof.
"""

from __future__ import annotations

import hashlib
import os

from ..candidate import Candidate
from . import suite as _suite

MODES = ("full", "quick", "off")
# Failures that say more about the machine (load, a failed fork) than about the list.
TIMEOUT_FAILURES = frozenset({"opt-timeout", "run-timeout", "tool-unavailable"})


def verdict_key(
    canonical: str, toolchain_id: str, suite_digest: str, mode: str, excluded: str = ""
) -> str:
    """*excluded*: the programs this machine's suite left out; a verdict holds for one suite."""
    h = hashlib.blake2b(digest_size=20)
    for part in ("verdict", canonical, toolchain_id, suite_digest, mode, excluded):
        h.update(part.encode())
        h.update(b"\0")
    return h.hexdigest()


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
    ) -> None:
        if mode not in MODES:
            raise ValueError(f"LLMCC_EVAL must be one of {MODES}, not {mode!r}")
        self.clang, self.opt, self.toolchain_id = clang, opt, toolchain_id
        self.root, self.mode, self.jobs = root, mode, jobs
        self.cache = cache
        self.log = log or (lambda event, **kw: None)
        self.evaluations = 0
        self._programs = _suite.all_programs(mode) if mode != "off" else []
        self._digest = _suite.suite_digest(self._programs) if mode != "off" else "off"
        self._manifest: dict | None = None

    @classmethod
    def for_toolchain(cls, tc, root: str, mode: str = "full", jobs: int = 2, cache=None,
                      log=None) -> Evaluator:  # fmt: skip
        """Verdicts hold for one clang and one opt: both identities key them."""
        toolchain_id = tc.identity() + "|" + tc.opt_identity()
        return cls(tc.clang, tc.opt, toolchain_id, root, mode, jobs, cache=cache, log=log)

    @property
    def suite_dir(self) -> str:
        tc = hashlib.blake2b(self.toolchain_id.encode(), digest_size=8).hexdigest()
        return os.path.join(self.root, "passlisteval", tc, self._digest)

    def _lock(self, name: str, timeout: float = 3600):
        from filelock import FileLock

        d = os.path.join(self.root, "locks")
        os.makedirs(d, exist_ok=True)
        return FileLock(os.path.join(d, name + ".lock"), timeout=timeout)

    def manifest(self) -> dict:
        if self._manifest is None:
            m = _suite.load(self.suite_dir)
            if m is None:
                with self._lock("suite-" + self._digest):
                    m = _suite.load(self.suite_dir)
                    if m is None:
                        self.log("suite_prepare", dir=self.suite_dir, programs=len(self._programs))
                        m = _suite.prepare(self.clang, self._programs, self.suite_dir, self.jobs)
            self._manifest = m
        return self._manifest

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

    def cached(self, canonical: str, options: tuple[str, ...] = ()) -> dict | None:
        if self.cache is None:
            return None
        return self.cache.get_verdict(self.key(canonical, options=options))

    def verdict(
        self, canonical: str, stop_early: bool = True, options: tuple[str, ...] = ()
    ) -> dict:
        """Cached verdict, or evaluate now (once across all concurrent llmcc processes).

        *options*: the candidate's codegen options, which every suite program's codegen
        then runs with."""
        if self.mode == "off":
            return {"pipeline": canonical, "passed": True, "skipped": "LLMCC_EVAL=off"}
        got = self.cached(canonical, options)
        if got is not None:
            return got
        if self.cache is not None and not self.cache.writable:
            # Evaluating without storing would repeat the suite for every TU.
            return {
                "pipeline": canonical,
                "passed": False,
                "reason": "no-verdict-store",
                "failures": [
                    {
                        "program": "-",
                        "failure": "no-verdict-store",
                        "detail": "read-only cache: cannot evaluate new lists",
                    }
                ],
            }
        m = self.manifest()
        if not m.get("complete", True):
            # Fail closed: a suite that lost its own programs (a noexec cache dir, a broken
            # toolchain) or most csmith seeds would pass lists it never really ran.
            return {
                "pipeline": canonical,
                "passed": False,
                "reason": "suite-incomplete",
                "inconclusive": True,
                "failures": [
                    {
                        "program": "-",
                        "failure": "suite-incomplete",
                        "detail": f"{len(m['excluded'])} programs excluded, e.g. "
                        + "; ".join(f"{k}: {v}" for k, v in list(m["excluded"].items())[:2]),
                    }
                ],
            }
        key = self.key(canonical, options=options)
        with self._lock("eval-" + key):
            got = self.cached(canonical, options)
            if got is not None:
                return got
            from .evaluate import evaluate

            v = evaluate(
                canonical,
                self.clang,
                self.opt,
                self.suite_dir,
                self.manifest(),
                self.jobs,
                stop_early=stop_early,
                options=options,
            )
            v["mode"] = self.mode
            # Timeouts depend on machine load: a rejection made only of timeouts rejects the
            # list for this compile but is not stored, so the next compile evaluates again.
            v["inconclusive"] = bool(v["failures"]) and all(
                f["failure"] in TIMEOUT_FAILURES for f in v["failures"]
            )
            self.evaluations += 1
            self.log(
                "passlisteval",
                **{k: v[k] for k in ("pipeline", "passed", "seconds")},
                failures=v["failures"][:3],
                mode=self.mode,
            )
            if self.cache is not None and not v["inconclusive"]:
                self.cache.put_verdict(key, v)
            return v

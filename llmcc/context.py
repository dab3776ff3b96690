"""The per-process state the TUs of one invocation share: configuration, toolchain, cache,
stats, log and the advisor's identity, and what is built on a TU's first need of it (the
advisor, the pass registry, the PassListEval evaluator).

Its own module so that every step of the per-TU chain (pipeline, choose, install) and the
tuner can take it without importing the pipeline.
"""

from __future__ import annotations

from dataclasses import dataclass

from .cache.tiers import Cache
from .passlist import PassRegistry
from .passlist.load import load_registry
from .record import Logger
from .toolchain import Toolchain


@dataclass
class Context:
    """Per-process state shared by the TUs of one invocation."""

    cfg: object
    tc: Toolchain
    cache: Cache
    stats: object
    log: Logger
    advisor_identity: str
    _advisor: object = None
    _registry: PassRegistry | None = None
    _evaluator: object = None

    def advisor(self):
        if self._advisor is None:
            from .advisor.select import make

            self._advisor = make(self.cfg)
        return self._advisor

    def registry(self) -> PassRegistry:
        if self._registry is None:
            self._registry = load_registry(self.tc, self.cache)
        return self._registry

    def put_passlist(
        self,
        key: str,
        pipeline: str | None,
        provenance: str | None,
        share: bool = True,
        sizes: dict | None = None,
        provisional: dict | None = None,
    ) -> None:
        """*provisional*: the decision was made while a candidate was unavailable (see
        llmcc.provisional); such an entry stays local, and is decided again later."""
        meta = {
            "pipeline": pipeline,
            "provenance": provenance,
            "advisor": self.advisor_identity,
            "llvm": self.tc.major,
            "sizes": sizes or {},
        }
        if provisional is not None:
            meta["provisional"] = provisional
            share = False
        self.cache.put_passlist(key, meta, share=share)

    def built_evaluator(self):
        """The evaluator if a trial already needed it, else None (never prepares the suite)."""
        return self._evaluator

    def evaluations(self) -> int:
        """How many lists this process ran through PassListEval (for the stats)."""
        return self._evaluator.evaluations if self._evaluator is not None else 0

    def evaluator(self):
        if self._evaluator is None:
            from .passlisteval import Evaluator

            root = self.cache.local.root if self.cache.local is not None else None
            if root is None:
                return None
            self._evaluator = Evaluator.for_toolchain(
                self.tc, root, self.cfg.eval_mode, self.cfg.eval_jobs, cache=self.cache,
                log=self.log, cfg=self.cfg,
            )  # fmt: skip
        return self._evaluator

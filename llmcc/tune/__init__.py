"""Tuning: the corpus, the search for pass lists, and the library chosen from it.

The tuner's public API (lazy, so ``llmcc.tune.corpus`` stays light):

``tune_records(record_dir, budget=100, jobs=None, state_dir=None, seed=1, scheduler=None,
progress=None, cfg=None) -> dict``
    tune every TU recorded under *record_dir* (a directory with ``tus/``, or a list of
    them) and put the winners into the cache; resumable through *state_dir*.
``record_build(command, state_dir, env=None, cwd=None) -> int``
    run a build once through llmcc with LLMCC_RECORD set (``<state_dir>/records``).
"""


def __getattr__(name: str):
    if name in ("tune_records", "record_build"):
        from . import run

        return getattr(run, name)
    raise AttributeError(name)

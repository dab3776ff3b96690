"""Where the tuner's tasks run: a local process pool, or a Dask distributed cluster.

Both look the same to llmcc.tune.run: ``submit(fn, task)``, ``as_completed``,
``close``. No job distribution of our own: concurrent.futures locally, Dask's
scheduler across machines (``dask scheduler`` on one, ``dask worker tcp://HOST:8786``
on each machine with the same LLVM).
"""

from __future__ import annotations

import multiprocessing
import os
import uuid
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures import as_completed as _as_completed

from . import worker


class LocalBackend:
    """All local cores (or *jobs*); Ctrl-C stops the workers at their next trial."""

    def __init__(self, jobs: int | None = None) -> None:
        ctx = multiprocessing.get_context("fork")
        self._stop = ctx.Event()
        self.jobs = max(1, jobs or os.cpu_count() or 1)
        self._ex = ProcessPoolExecutor(self.jobs, mp_context=ctx,
                                       initializer=worker.init_worker,
                                       initargs=(self._stop,))  # fmt: skip

    def submit(self, fn, task: dict) -> Future:
        return self._ex.submit(fn, task)

    def as_completed(self, futures):
        return _as_completed(futures)

    def close(self, cancel: bool = False) -> None:
        if cancel:
            self._stop.set()
        self._ex.shutdown(wait=True, cancel_futures=cancel)


class DaskBackend:
    """A Dask distributed scheduler at *address* (``tcp://HOST:8786``) or a Client-like object."""

    def __init__(self, address) -> None:
        try:
            from distributed import Client, Event
        except ImportError as e:  # the optional extra
            raise RuntimeError(
                "--scheduler needs Dask: pip install 'llmcc[tune]' (dask[distributed])"
            ) from e
        self._own = isinstance(address, str)
        self.client = Client(address) if self._own else address
        self.stop_name = f"llmcc-tune-stop-{uuid.uuid4().hex[:12]}"
        self._event = Event(self.stop_name, client=self.client)
        self._futures: list = []

    def submit(self, fn, task: dict):
        # pure=False: two TUs with equal tasks are still two tasks; the stop event's name
        # lets a running search end at its next trial when the client is interrupted.
        fut = self.client.submit(fn, {**task, "dask_stop": self.stop_name}, pure=False)
        self._futures.append(fut)
        return fut

    def as_completed(self, futures):
        from distributed import as_completed

        return as_completed(futures)

    def close(self, cancel: bool = False) -> None:
        if cancel:
            try:
                self._event.set()
                self.client.cancel(self._futures)
            except Exception:
                pass
        if self._own:
            self.client.close()


def make(scheduler=None, jobs: int | None = None):
    return DaskBackend(scheduler) if scheduler is not None else LocalBackend(jobs)

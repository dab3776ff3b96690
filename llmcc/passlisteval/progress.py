"""A heartbeat on the terminal during long waits (suite preparation, an evaluation).

A first-use evaluation can take minutes; silence looks like a hang. The
heartbeat prints a line to stderr only when stderr is a terminal, so build
logs, pipes and files get exactly what they would get without it.
"""

from __future__ import annotations

import sys
import threading
import time

AFTER = 5.0
"""Seconds of silence before the first line (LLMCC_PROGRESS_AFTER)."""
EVERY = 10.0
"""Seconds between lines."""


def _is_tty(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError, OSError):
        return False


class Heartbeat:
    """``with Heartbeat(label, total) as hb: ... hb.step()``; prints ``label: done/total, Ns``."""

    def __init__(
        self,
        label: str,
        total: int,
        after: float | None = None,
        stream=None,
        unit: str = "programs",
    ) -> None:
        self.label, self.total, self.unit = label, total, unit
        self.after = AFTER if after is None else after
        self.stream = sys.stderr if stream is None else stream
        self.enabled = _is_tty(self.stream)
        self.done = 0
        self.printed = False
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._start = time.monotonic()

    def step(self, n: int = 1) -> None:
        with self._lock:
            self.done += n

    def _line(self, text: str) -> None:
        try:
            self.stream.write(f"llmcc: {self.label}: {text}\n")
            self.stream.flush()
            self.printed = True
        except (OSError, ValueError):
            self.enabled = False  # the terminal went away; the work goes on

    def _status(self) -> str:
        secs = time.monotonic() - self._start
        return f"{self.done}/{self.total} {self.unit}, {secs:.0f}s"

    def _beat(self, wait: float) -> None:
        while not self._stop.wait(wait):
            if not self.enabled:
                return
            self._line(self._status())
            wait = EVERY

    def __enter__(self) -> Heartbeat:
        self._start = time.monotonic()
        if self.enabled:
            wait = self.after
            if wait <= 0:
                self._line(self._status())  # at once, not racing a quick finish
                wait = EVERY
            self._thread = threading.Thread(target=self._beat, args=(wait,), daemon=True)
            self._thread.start()
        return self

    def finish(self, outcome: str) -> None:
        """Close the story on the terminal: only if a heartbeat line was printed."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
            self._thread = None
        if self.enabled and self.printed:
            self._line(f"{outcome} ({self._status()})")

    def __exit__(self, *exc) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
            self._thread = None

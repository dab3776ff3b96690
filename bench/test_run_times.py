"""Two default test runs compared, from their pytest JUnit reports.

    PYTEST_ADDOPTS=--junitxml=/tmp/before.xml bash .ci/run     # in a clone of the old commit
    PYTEST_ADDOPTS=--junitxml=/tmp/after.xml bash .ci/run      # in a clone of the new one
    python bench/test_run_times.py /tmp/before.xml /tmp/after.xml

A refactor that moves tests between files and adds new ones cannot be judged by the total
alone, so this prints both: each run's wall total and test count, and the time of the tests
the two runs share, matched by test name (a test that moved to another file keeps its name;
parametrized cases by name and parameters). Tests only one run has are summed apart.
"""

from __future__ import annotations

import argparse
import xml.etree.ElementTree as ET


def cases(path: str) -> tuple[float, dict[str, float]]:
    """(the run's own wall time, seconds by test name) of one JUnit report."""
    root = ET.parse(path).getroot()
    suites = [root] if root.tag == "testsuite" else list(root.iter("testsuite"))
    total = sum(float(s.get("time", 0)) for s in suites)
    times: dict[str, float] = {}
    for c in root.iter("testcase"):
        name = c.get("name", "")
        times[name] = times.get(name, 0.0) + float(c.get("time", 0))
    return total, times


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("before")
    ap.add_argument("after")
    ns = ap.parse_args()
    (t0, a), (t1, b) = cases(ns.before), cases(ns.after)
    shared = sorted(a.keys() & b.keys())
    s0, s1 = sum(a[n] for n in shared), sum(b[n] for n in shared)
    print(f"{'':28} {'before':>10} {'after':>10} {'ratio':>7}")
    print(f"{'whole run (s)':28} {t0:10.1f} {t1:10.1f} {t1 / t0:7.3f}")
    print(f"{'tests':28} {len(a):10d} {len(b):10d}")
    print(f"{'shared tests: ' + str(len(shared)) + ' (s)':28} {s0:10.1f} {s1:10.1f} {s1 / s0:7.3f}")
    print(f"{'only in one run (s)':28} {sum(a[n] for n in a.keys() - b.keys()):10.1f} "
          f"{sum(b[n] for n in b.keys() - a.keys()):10.1f}")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

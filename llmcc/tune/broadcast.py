"""Cross-broadcast: the best candidates of each TU, tried on every other TU.

The paper broadcasts its top lists to every program; a list that wins on one
file of a package often wins on its siblings, and the trial that finds out is
far cheaper than the random search that found the list.
"""

from __future__ import annotations

from .worker import rank

TOP_PER_TU = 3


def ranked_winners(rows_by_tu: dict[str, list[dict]], ref_sizes: dict[str, int]) -> list[str]:
    """Distinct winning candidates, most useful first.

    Each TU contributes its TOP_PER_TU best candidates that beat -Oz; they are
    ranked by how many TUs they are the best for, then by their summed relative
    saving, then by text (a stable order, the same on every run).
    """
    firsts: dict[str, int] = {}
    saving: dict[str, float] = {}
    for tu, rows in sorted(rows_by_tu.items()):
        ok = sorted((r for r in rows if r.get("rejected") is None and r.get("size") is not None),
                    key=rank)  # fmt: skip
        seen: list[str] = []
        for r in ok:
            if r["candidate"] in seen:
                continue
            seen.append(r["candidate"])
            ref = ref_sizes.get(tu) or 0
            saving[r["candidate"]] = saving.get(r["candidate"], 0.0) + (
                (ref - r["size"]) / ref if ref else 0.0
            )
            if len(seen) == 1:
                firsts[r["candidate"]] = firsts.get(r["candidate"], 0) + 1
            if len(seen) >= TOP_PER_TU:
                break
    return sorted(saving, key=lambda c: (-firsts.get(c, 0), -saving[c], c))


def for_tu(ranked: list[str], tried: set[str]) -> list[str]:
    """The broadcast a TU still needs: the ranked winners it has not tried."""
    return [c for c in ranked if c not in tried]

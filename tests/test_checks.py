"""The per-TU checks on object facts, without clang (the unit layer).

``llmcc.checks.compare`` is the last wall before a candidate object replaces the
``clang -Oz`` one. These pin each rule on hand-made :class:`ObjectInfo` values, so a
loosened check fails here in milliseconds; test_trial.py and test_driver.py run the same
checks on real objects.
"""

from __future__ import annotations

import pytest

from llmcc import checks
from llmcc.objinfo import ObjectInfo
from llmcc.outcomes import REMEMBERED, Reason, summarize

REF = ObjectInfo(text=100, data=20, bss=8, strong=frozenset({"f", "g"}),
                 undefined=frozenset({"printf"}))  # fmt: skip


def _cand(**changes) -> ObjectInfo:
    fields = {"text": 90, "data": 20, "bss": 8, "strong": REF.strong, "undefined": REF.undefined}
    return ObjectInfo(**{**fields, **changes})


def _by_check(results: list[dict]) -> dict[str, bool]:
    return {r["check"]: r["ok"] for r in results}


def test_a_smaller_object_with_the_same_interface_passes_every_check():
    results = checks.compare(REF, _cand())
    assert _by_check(results) == {"symbols": True, "references": True, "smaller": True,
                                  "bss": True}  # fmt: skip
    assert checks.passed(results) and checks.first_failure(results) is None


@pytest.mark.parametrize(
    ("cand", "failing"),
    [
        (_cand(text=100), "smaller"),  # equal is not smaller: the tie goes to -Oz
        (_cand(text=80, data=41), "smaller"),  # .data counts as much as .text
        (_cand(bss=9), "bss"),  # a smaller .text bought with a larger .bss is no win
        (_cand(strong=frozenset({"f"})), "symbols"),  # g vanished: a link error elsewhere
        (_cand(strong=frozenset({"f", "g", "h"})), "symbols"),  # h may clash at link time
        (_cand(undefined=frozenset({"printf", "memset"})), "references"),  # invented call
    ],
)
def test_each_rule_rejects_on_its_own(cand, failing):
    results = checks.compare(REF, cand)
    assert [c for c, ok in _by_check(results).items() if not ok] == [failing]
    assert not checks.passed(results) and checks.first_failure(results) == failing


def test_fewer_undefined_references_and_a_smaller_bss_are_fine():
    assert checks.passed(checks.compare(REF, _cand(undefined=frozenset(), bss=0)))


def test_symbols_come_first_when_several_checks_fail():
    """The record names the most serious problem: a changed interface before a size."""
    results = checks.compare(REF, _cand(text=500, strong=frozenset({"f"})))
    assert checks.first_failure(results) == "symbols"


def test_the_detail_names_the_missing_and_extra_symbols_and_both_sizes():
    d = {
        r["check"]: r["detail"]
        for r in checks.compare(
            REF,
            _cand(text=200, strong=frozenset({"f", "h"}), undefined=frozenset({"printf", "bcmp"})),
        )
    }
    assert "missing=['g']" in d["symbols"] and "extra=['h']" in d["symbols"]
    assert "bcmp" in d["references"] and "220 vs 120" in d["smaller"]


@pytest.mark.parametrize(
    ("check", "reason", "fallback"),
    [
        ("smaller", Reason.CHECK_SMALLER, "not-smaller"),
        ("symbols", Reason.CHECK_SYMBOLS, "symbols-differ"),
        ("references", Reason.CHECK_REFERENCES, "new-references"),
        ("bss", Reason.CHECK_BSS, "bss-larger"),
    ],
)
def test_every_check_has_a_rejection_and_a_remembered_fallback(check, reason, fallback):
    """A check whose failure had no verdict to remember would be re-tried on every build
    (the larger .bss once was)."""
    assert Reason.of_check(check) is reason and not reason.transient
    assert summarize([reason]) == fallback and fallback in REMEMBERED


def test_compare_reports_exactly_the_checks_that_have_reasons():
    names = [r["check"] for r in checks.compare(REF, _cand())]
    assert all(Reason.of_check(n).value == f"check:{n}" for n in names)

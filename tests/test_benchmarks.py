"""bench/benchmarks.py: the document and plots carry the measured numbers, the corpus stays
on the training split, and the measuring helpers measure what they say."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BENCH = os.path.join(ROOT, "bench")
sys.path.insert(0, BENCH)

import benchdoc  # noqa: E402
import benchmarks  # noqa: E402
import common  # noqa: E402
from conftest import clang, requires_clang  # noqa: E402

import build  # noqa: E402

PNG = b"\x89PNG\r\n\x1a\n"


def _sizes(oz: dict, **others: dict) -> dict:
    return {benchdoc.OZ: oz, **others}


def results() -> dict:
    """A small fixed measurement: two packages, every section filled in."""
    hello = _sizes(
        {"a.o": [1000, 2000], "b.o": [3000, 5000]},
        **{
            "clang -Os": {"a.o": [1100, 2100], "b.o": [3300, 5300]},
            "gcc -Os": {"a.o": [1200, 2500], "b.o": [2800, 4800]},
            benchdoc.LLMCC: {"a.o": [900, 1900], "b.o": [2700, 4700]},
        },
    )
    lib = _sizes(
        {"x.o": [500, 900], "only-oz.o": [77, 100]},
        **{
            "clang -Os": {"x.o": [510, 910]},
            "gcc -Os": {"x.o": [520, 920]},
            benchdoc.LLMCC: {"x.o": [450, 850]},
        },
    )
    times = {
        "clang -Oz": [1.0, 1.2, 0.8],
        "llmcc cold": [12.0, 11.0, 13.0],
        "llmcc warm": [0.5, 0.4, 0.6],
        "ccache warm": [0.125, 0.125, 0.125],
        "llmcc pass-through": [1.1, 1.1, 1.1],
    }
    return {
        "mode": "quick",
        "wall_s": 120.0,
        "warmup_s": 42.5,
        "machine": {
            "date": "2026-12-02 02:00 UTC",
            "cpu": "Test CPU 9000",
            "cores": 2,
            "memory_gib": 24.0,
            "load_avg_start": [3.5, 2.0, 1.0],
            "load_avg_end": [1.0, 1.0, 1.0],
            "clang": "/usr/bin/clang-19",
            "llvm": {"clang-19": "Debian clang version 19.1.7"},
            "gcc": "gcc 12.2.0",
        },
        "config": {"jobs": 2, "repeats": 3, "eval": "quick", "tune_budget": 6},
        "packages": {
            "hello": {
                "sizes": hello,
                "times": times,
                "notes": ["a note about hello"],
                "cold_report": {"summary": {"tus": 2, "optimized": 2}, "fallback_reasons": {}},
                "warm_stats": [{"direct_hits": 2, "object_hits": 0, "misses": 0}],
            },
            "lib": {
                "sizes": lib,
                "times": {"clang -Oz": [2.0], "llmcc cold": [5.0]},
                "cold_report": {
                    "summary": {"tus": 1, "optimized": 0},
                    "fallback_reasons": {"no-candidate-smaller": 1},
                },
                "tune": {"budget": 6, "seconds": 33.3, "summary": {"improved": 1, "tus": 1}},
            },
        },
        "startup": {
            "runs": 20,
            "startup": {
                "--version (pass-through)": {"clang_ms": 21.3, "llmcc_ms": 40.7, "ratio": 1.91}
            },
        },
        "model": {"status": "skipped", "why": "no model is shipped (issue 11 is open)"},
        "scaling": {
            "duktape_version": "2.7.0-2",
            "count_tu": "mid.c",
            "by_size": [
                {
                    "tu": "tiny.c",
                    "lines": 9,
                    "ir_bytes": 1000,
                    "clang_oz": {"s": 0.5, "rss_kib": 100 * 1024},
                    "llmcc_cold": {"s": 2.0, "rss_kib": 120 * 1024},
                    "llmcc_warm": {"s": 0.05, "rss_kib": 30 * 1024},
                },
                {
                    "tu": "duktape.c",
                    "lines": 101351,
                    "ir_bytes": 9000000,
                    "clang_oz": {"s": 20.0, "rss_kib": 500 * 1024},
                    "llmcc_cold": {"s": 200.0, "rss_kib": 777 * 1024},
                    "llmcc_warm": {"s": 0.3, "rss_kib": 40 * 1024},
                },
            ],
            "by_count": [
                {"tus": 1, "clang_oz_s": 1.0, "llmcc_cold_s": 6.0},
                {"tus": 4, "clang_oz_s": 2.0, "llmcc_cold_s": 24.0},
            ],
        },
    }


def test_render_writes_the_given_numbers_and_three_plots(tmp_path):
    out = tmp_path / "docs" / "BENCHMARKS.md"
    img = tmp_path / "docs" / "benchmarks"
    written = benchdoc.render(results(), str(out), str(img))
    assert str(out) in written
    for name in ("size.png", "build-time.png", "scaling.png"):
        data = (img / name).read_bytes()
        assert data.startswith(PNG) and len(data) > 5000, name
    md = out.read_text()
    assert "Quick run" in md and "Measured under load" in md  # labelled as what it is
    # hello: -Oz 4,000 bytes; -Os 4,400 (+10.00 %); llmcc 3,600 (-10.00 %)
    assert "| hello (2 TUs) | 4,000 | 4,400 (+10.00 %)" in md
    assert "3,600 (-10.00 %)" in md
    # lib: only x.o is common to every variant, so only-oz.o is not in the totals
    assert "| lib (1 TUs) | 500 |" in md and "450 (-10.00 %)" in md
    # geomean per TU of llmcc/-Oz for hello: sqrt(0.9 * 0.9) = 0.9000
    assert "0.9000" in md
    # pooled over all three common TUs (a, b, x): llmcc 0.9 each
    assert "| **all 3 TUs** |" in md and "**0.9000**" in md
    # llmcc against gcc -Os, hello: 1 - 3600/4000 = 10.00 %
    assert "| hello | 10.00 % | 18.18 % | 10.00 % |" in md
    # build time: cold 12/1.0 = 12.00x, warm 0.5/1.0, warm vs ccache 0.5/0.125 = 4.00
    assert "| hello | 1.00 s | 12.00× | 0.50× | 1.10× | - | 0.12× | - | - | 4.00 |" in md
    assert "| lib | 2.00 s | 2.50× |" in md
    assert "40.7 ms" in md and "1.91" in md
    assert "Not measured: no model is shipped (issue 11 is open)." in md
    assert (
        "| `duktape.c` | 101,351 | 9,000,000 | 20.00 s | 200.00 s (10.0×) | 0.30 s | 500 | 777 |"
        in md
    )
    assert "| 4 | 2.00 s | 24.00 s | 12.0× |" in md
    assert "fallback reasons" in md and "no-candidate-smaller 1" in md
    assert "budget 6: 1 of 1 TUs below -Oz, 33.3 s" in md
    assert "Note: a note about hello." in md
    assert "Test CPU 9000" in md and "Debian clang version 19.1.7" in md
    assert "](benchmarks/size.png)" in md


def test_totals_count_only_the_tus_every_variant_built():
    sizes = results()["packages"]["lib"]["sizes"]
    t = benchdoc.totals(sizes)
    assert t[benchdoc.OZ] == {"text_data": 500, "file": 900, "tus": 1}
    assert t[benchdoc.LLMCC]["text_data"] == 450


def test_geomean_is_over_tus_not_over_package_totals():
    sizes = _sizes({"a.o": [100, 0], "b.o": [10000, 0]}, v={"a.o": [50, 0], "b.o": [10000, 0]})
    g = benchdoc.tu_geomeans(sizes)
    assert g["v"] == pytest.approx((0.5 * 1.0) ** 0.5)  # the total would say 0.995


def test_held_out_packages_are_refused_and_training_ones_accepted():
    with pytest.raises(SystemExit, match="held out"):
        benchmarks.training_package("libyaml")
    with pytest.raises(SystemExit, match="not corpus packages"):
        benchmarks.training_package("duktape")
    assert benchmarks.training_package("zlib").split == "train"


def test_heldout_build_measures_only_held_out_packages_and_sizes_per_tu():
    import heldout_build

    with pytest.raises(SystemExit, match="training package"):
        heldout_build.heldout_package("zlib")
    oz = {"a.o": [100, 0], "b.o": [200, 0], "c.o": [0, 0]}
    got = heldout_build.size_pct({"a.o": [90, 0], "b.o": [200, 0], "d.o": [1, 0]}, oz)
    assert got == pytest.approx(100 * (1 - 0.9**0.5), abs=1e-3)  # a and b only


def test_wrapper_runs_the_environment_compiler_with_its_flags_last(tmp_path):
    cc, cxx = common.write_wrappers(str(tmp_path))
    env = dict(os.environ, BENCH_CC="echo cc", BENCH_CXX="echo cxx", BENCH_FLAGS="-Oz -g0")
    r = subprocess.run([cc, "-O2", "-c", "a b.c"], env=env, capture_output=True, text=True)
    assert r.stdout == "cc -O2 -c a b.c -Oz -g0\n"
    r = subprocess.run([cxx, "-O3"], env=env, capture_output=True, text=True)
    assert r.stdout == "cxx -O3 -Oz -g0\n"


# Where -O2 and -Oz give different code: -O2 unrolls and vectorizes the loop.
LOOP = "int sum(const int *a, int n) { int s = 0; for (int i = 0; i < n; i++) s += a[i] * 3; " \
    "return s; }\n"
MAKEFILE = "libbz2.a: x.o\n\tar rc $@ x.o\nbzip2: x.o\n\ttouch $@\n" \
    "x.o: x.c\n\t$(CC) $(CFLAGS) -c x.c -o x.o\n"  # bzip2's plain-make recipe


@requires_clang
def test_rebuild_baseline_is_clang_oz_even_under_the_packages_o2(tmp_path):
    """bench/build.py rebuild's ``clang -Oz`` row: the package's CFLAGS=-O2 must not win
    (CC="clang -Oz" with CFLAGS=-O2 compiled every TU at -O2)."""
    src = tmp_path / "bzip2-1.0"
    src.mkdir()
    (src / "x.c").write_text(LOOP)
    (src / "Makefile").write_text(MAKEFILE)
    cc = clang()
    ref = {}
    for opt in ("-Oz", "-O2"):
        out = tmp_path / f"ref{opt}.o"
        subprocess.run([cc, "-O2", "-D_FILE_OFFSET_BITS=64", "-c", "x.c", "-o", str(out), opt],
                       cwd=src, check=True)  # fmt: skip
        ref[opt] = out.read_bytes()
    assert ref["-Oz"] != ref["-O2"]  # else this test could not tell the two builds apart
    work = tmp_path / "work"
    work.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("CFLAGS", "CC", "MAKEFLAGS")}
    for compiler in (cc, f"env {cc}"):  # the baseline; a compiler command of two words
        assert build._build(str(src), compiler, env, str(work)) > 0
        assert (work / "src" / "x.o").read_bytes() == ref["-Oz"], compiler


def test_measured_peak_memory_includes_a_grandchild(tmp_path):
    grow = f"{sys.executable} -c 'b = bytearray(200 << 20); b[::4096] = b\"x\" * len(b[::4096])'"
    secs, rss = common.measured(["sh", "-c", grow], str(tmp_path))
    assert rss > 150 * 1024 and secs > 0
    with pytest.raises(RuntimeError, match="failed"):
        common.measured(["sh", "-c", "echo oops >&2; exit 3"], str(tmp_path))


def test_only_a_default_run_on_an_idle_machine_goes_without_a_warning_banner():
    res = results()
    res["mode"] = "full"
    res["machine"]["load_avg_start"] = [0.2, 0.3, 0.4]
    md = benchdoc.markdown(res, "benchmarks")
    assert "Quick run" not in md and "Reduced run" not in md and "under load" not in md
    res["config"]["reduced"] = ["1 round(s) instead of 3"]
    md = benchdoc.markdown(res, "benchmarks")
    assert "> **Reduced run**: 1 round(s) instead of 3." in md


@pytest.mark.slow
def test_quick_run_end_to_end_writes_a_document_from_its_own_measurements(tmp_path):
    """The whole --quick path on make-hello: warmup, every build variant, tune, start-up,
    the document. Slow (minutes: its own PassListEval warmup)."""
    out = tmp_path / "BENCHMARKS.md"
    res_json = tmp_path / "res.json"
    args = [
        "--quick",
        "--no-scaling",
        "--tune-budget",
        "1",
        "--startup-runs",
        "1",
        "--cache-dir",
        str(tmp_path / "cache"),
        "--out",
        str(out),
        "--json",
        str(res_json),
    ]
    assert benchmarks.main(args) == 0
    import json

    res = json.loads(res_json.read_text())
    hello = res["packages"]["make-hello"]
    assert set(hello["sizes"][benchdoc.OZ]) == {"hash.o", "main.o", "report.o", "table.o"}
    for v, objs in hello["sizes"].items():  # llmcc never larger than -Oz, per TU
        if v.startswith("llmcc"):
            assert all(objs[t][0] <= hello["sizes"][benchdoc.OZ][t][0] for t in objs), v
    assert hello["warm_stats"][0]["misses"] == 0
    md = out.read_text()
    total = sum(s[0] for s in hello["sizes"][benchdoc.OZ].values())
    assert f"| make-hello (4 TUs) | {total:,} |" in md
    assert (tmp_path / "benchmarks" / "size.png").read_bytes().startswith(PNG)


def test_test_run_times_compares_shared_tests_by_name_even_after_a_move(tmp_path):
    import test_run_times

    def report(name: str, cases: list[tuple[str, str, float]], wall: float) -> str:
        rows = "".join(f'<testcase classname="{c}" name="{n}" time="{t}"/>' for c, n, t in cases)
        (tmp_path / name).write_text(f'<testsuites><testsuite time="{wall}">{rows}'
                                     "</testsuite></testsuites>")  # fmt: skip
        return str(tmp_path / name)

    before = report("a.xml", [("tests.test_cache", "test_keys", 2.0),
                              ("tests.test_cache", "test_redis", 3.0)], 10.0)  # fmt: skip
    after = report("b.xml", [("tests.test_cache_keys", "test_keys", 1.5),
                             ("tests.test_cache_redis", "test_redis", 3.5),
                             ("tests.test_new", "test_new", 4.0)], 12.0)  # fmt: skip
    assert test_run_times.cases(before) == (10.0, {"test_keys": 2.0, "test_redis": 3.0})
    r = subprocess.run([sys.executable, os.path.join(BENCH, "test_run_times.py"), before, after],
                       capture_output=True, text=True, check=True)  # fmt: skip
    lines = {ln[:28].strip(): ln[28:].split() for ln in r.stdout.splitlines()[1:]}
    assert lines["whole run (s)"] == ["10.0", "12.0", "1.200"]
    assert lines["shared tests: 2 (s)"] == ["5.0", "5.0", "1.000"]
    assert lines["only in one run (s)"] == ["0.0", "4.0"]

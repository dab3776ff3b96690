"""docs/BENCHMARKS.md and its PNG plots from one results dict of bench/benchmarks.py.

Pure: it measures nothing, so the document's generation is testable on a small fixed
input (tests/test_benchmarks.py) and can be redone from a saved results file
(``bench/benchmarks.py --render FILE``).
"""

from __future__ import annotations

import os

from common import geomean, median

OZ = "clang -Oz"
LLMCC = "llmcc (default advisor)"
TIME_ROWS = [
    ("llmcc cold", "llmcc, cold cache"),
    ("llmcc warm", "llmcc, warm cache (clean tree)"),
    ("llmcc pass-through", "llmcc, pass-through (LLMCC_DISABLE=1)"),
    ("ccache cold", "ccache, cold"),
    ("ccache warm", "ccache, warm"),
    ("sccache cold", "sccache, cold"),
    ("sccache warm", "sccache, warm"),
]


def common_tus(sizes: dict[str, dict[str, list[int]]]) -> list[str]:
    """The TUs every variant of a package built (a per-TU comparison needs all of them)."""
    sets = [set(v) for v in sizes.values()]
    return sorted(set.intersection(*sets)) if sets else []


def totals(sizes: dict[str, dict[str, list[int]]]) -> dict[str, dict]:
    """variant -> {text_data, file, tus} summed over the TUs common to all variants."""
    tus = common_tus(sizes)
    return {
        v: {
            "text_data": sum(s[t][0] for t in tus),
            "file": sum(s[t][1] for t in tus),
            "tus": len(tus),
        }
        for v, s in sizes.items()
    }


def tu_geomeans(sizes: dict[str, dict[str, list[int]]], base: str = OZ) -> dict[str, float]:
    """variant -> geomean over TUs of size / base size (.text+.data): the project's metric."""
    tus = [t for t in common_tus(sizes) if sizes[base][t][0] > 0]
    out = {}
    for v, s in sizes.items():
        g = geomean([s[t][0] / sizes[base][t][0] for t in tus if s[t][0] > 0])
        if g is not None:
            out[v] = g
    return out


def pooled_geomeans(packages: dict[str, dict], base: str = OZ) -> dict[str, float]:
    """variant -> geomean of size / base over every TU of every package (each TU once)."""
    ratios: dict[str, list[float]] = {}
    for p in packages.values():
        sizes = p["sizes"]
        for t in common_tus(sizes):
            if sizes[base][t][0] > 0:
                for v, s in sizes.items():
                    ratios.setdefault(v, []).append(s[t][0] / sizes[base][t][0])
    return {v: g for v, r in ratios.items() if (g := geomean(r)) is not None}


def pct(x: float, base: float) -> str:
    """Signed change of x against base: '-2.20 %' is 2.2 % smaller."""
    return f"{100.0 * (x / base - 1):+.2f} %" if base else "-"


def saved(x: float, alt: float) -> float:
    """Percent by which x is smaller than alt."""
    return 100.0 * (1 - x / alt) if alt else 0.0


ORDER = [
    OZ,
    "clang -Os",
    "clang -Oz -mllvm -enable-machine-outliner",
    "gcc -Os",
    LLMCC,
    "llmcc (library only)",
    "llmcc (tune)",
]


def variants(res: dict) -> list[str]:
    """Size variants: clang -Oz first, the alternatives, then llmcc's modes; others last."""
    seen: list[str] = []
    for p in res.get("packages", {}).values():
        for v in p.get("sizes", {}):
            if v not in seen:
                seen.append(v)
    return sorted(seen, key=lambda v: (ORDER.index(v) if v in ORDER else len(ORDER), v))


def _table(head: list[str], rows: list[list[str]], left: int = 1) -> list[str]:
    """A markdown table; the first *left* columns are text, the rest numbers."""
    right = "|" + "|".join(["---"] * left + ["---:"] * (len(head) - left)) + "|"
    return ["| " + " | ".join(head) + " |", right] + ["| " + " | ".join(r) + " |" for r in rows]


def _n(x: float | int | None) -> str:
    return "-" if x is None else f"{x:,}"


def _s(x: float | None) -> str:
    return "-" if x is None else f"{x:.2f} s"


def time_ratios(p: dict) -> dict[str, float]:
    """variant -> median seconds / median clang -Oz seconds, from the same rounds."""
    base = median(p.get("times", {}).get(OZ, []))
    return {k: median(v) / base for k, v in p.get("times", {}).items() if k != OZ and v and base}


def _machine(res: dict) -> list[str]:
    m = res.get("machine", {})
    cfg = res.get("config", {})
    load = m.get("load_avg_start") or ["?"]
    lines = [
        "## Machine and run",
        "",
        f"- date: {m.get('date')}; llmcc commit {m.get('llmcc_commit')}; whole run "
        f"{res.get('wall_s', 0) / 60:.1f} min"
        + (
            " (" + ", ".join(f"{k} {v:.0f} s" for k, v in res["phase_s"].items()) + ")"
            if res.get("phase_s")
            else ""
        ),
        f"- CPU: {m.get('cpu')}, {m.get('cores')} cores, {m.get('memory_gib')} GiB; "
        f"{m.get('os')}, Linux {m.get('kernel')}, Python {m.get('python')}",
        f"- load average at the start: {', '.join(str(x) for x in load)}; at the end: "
        f"{', '.join(str(x) for x in m.get('load_avg_end') or ['?'])}",
        f"- compiler measured: {m.get('clang')}; installed LLVM: "
        + "; ".join(f"{k}: {v}" for k, v in (m.get("llvm") or {}).items()),
        f"- gcc: {m.get('gcc')}; ccache: {m.get('ccache') or 'not installed'}; sccache: "
        f"{m.get('sccache') or 'not installed'}; {m.get('make')}",
        f"- settings: `make -j{cfg.get('jobs')}`, {cfg.get('repeats')} interleaved round(s) per "
        f"package (times are medians), `LLMCC_EVAL={cfg.get('eval')}`, tune budget "
        f"{cfg.get('tune_budget')} trials per TU, PassListEval verdicts of the library "
        + (
            f"reused from an earlier run ({res['warmup_reused']})"
            if res.get("warmup_reused")
            else f"computed first by `llmcc-admin warmup` in {res.get('warmup_s')} s"
        ),
        "",
    ]
    return lines


def _size_section(res: dict, img_rel: str) -> list[str]:
    pk = res.get("packages", {})
    vs = variants(res)
    lines = [
        "## Size",
        "",
        "`.text`+`.data` bytes (llvm-size, read by `llmcc.objinfo`: the driver's checks' own "
        "measure) summed over each package's TUs, and the change against `clang -Oz` "
        "from the same run (negative: smaller).",
        "",
    ]
    rows, allg = [], {v: [] for v in vs}
    for name, p in pk.items():
        t = totals(p["sizes"])
        base = t.get(OZ, {}).get("text_data", 0)
        rows.append(
            [f"{name} ({t.get(OZ, {}).get('tus', 0)} TUs)", _n(base)]
            + [
                f"{_n(t[v]['text_data'])} ({pct(t[v]['text_data'], base)})" if v in t else "-"
                for v in vs[1:]
            ]
        )
        g = tu_geomeans(p["sizes"])
        for v in vs:
            if v in g:
                allg[v].append(g[v])
    lines += _table(["package", OZ, *vs[1:]], rows)
    lines += ["", "Geometric mean over TUs of size / `clang -Oz` size, per package:", ""]
    grows = []
    for name, p in pk.items():
        g = tu_geomeans(p["sizes"])
        grows.append([name] + [f"{g[v]:.4f}" if v in g else "-" for v in vs[1:]])
    pooled = pooled_geomeans(pk)
    n_all = sum(len(common_tus(p["sizes"])) for p in pk.values())
    grows.append(
        [f"**all {n_all} TUs**"] + [f"**{pooled[v]:.4f}**" if v in pooled else "-" for v in vs[1:]]
    )
    lines += _table(["package", *vs[1:]], grows)
    lines += [
        "",
        f"![size against clang -Oz and llmcc against each alternative]({img_rel}/size.png)",
        "",
        "Whole object files (bytes on disk, `-g0`), summed the same way:",
        "",
    ]
    frows = []
    for name, p in pk.items():
        t = totals(p["sizes"])
        base = t.get(OZ, {}).get("file", 0)
        frows.append(
            [name, _n(base)]
            + [f"{_n(t[v]['file'])} ({pct(t[v]['file'], base)})" if v in t else "-" for v in vs[1:]]
        )
    lines += _table(["package", OZ, *vs[1:]], frows)
    if LLMCC in vs:
        lines += [
            "",
            f"How much smaller `{LLMCC}` is than each alternative (`.text`+`.data`, "
            "package totals; negative: larger):",
            "",
        ]
        srows = []
        for name, p in pk.items():
            t = totals(p["sizes"])
            me = t.get(LLMCC, {}).get("text_data")
            srows.append(
                [name]
                + [
                    f"{saved(me, t[v]['text_data']):.2f} %" if me and v in t else "-"
                    for v in vs
                    if v != LLMCC
                ]
            )
        lines += _table(["package", *[v for v in vs if v != LLMCC]], srows)
    lines += [
        "",
        "What llmcc did in the cold build (decision records, `llmcc.report`) and what "
        "the tuner did:",
        "",
    ]
    drows = []
    for name, p in pk.items():
        rep = p.get("cold_report") or {}
        s = rep.get("summary", {})
        why = ", ".join(f"{k} {n}" for k, n in (rep.get("fallback_reasons") or {}).items()) or "-"
        tn = p.get("tune") or {}
        ts = tn.get("summary", {})
        tune = (
            (
                f"budget {tn.get('budget')}: {ts.get('improved')} of {ts.get('tus')} TUs below "
                f"-Oz, {tn.get('seconds')} s"
                + (" (some TU undecided)" if tn.get("undecided") else "")
            )
            if tn
            else p.get("tune_skipped", "not run")
        )
        drows.append([name, f"{s.get('optimized', '-')} of {s.get('tus', '-')}", why, tune])
    lines += _table(
        ["package", "TUs optimized (rest: exact -Oz)", "fallback reasons", "llmcc-admin tune"],
        drows,
        left=4,
    )
    notes = sorted({n for p in pk.values() for n in p.get("notes", [])})
    if notes:
        lines += [""] + [f"Note: {n}." for n in notes]
    lines += ["", "<details><summary>Per TU (.text+.data bytes)</summary>", ""]
    trows = []
    for name, p in pk.items():
        for tu in sorted(set().union(*[set(s) for s in p["sizes"].values()])):
            trows.append(
                [f"{name}: `{tu}`"]
                + [_n(p["sizes"][v][tu][0]) if tu in p["sizes"].get(v, {}) else "-" for v in vs]
            )
    lines += [*_table(["TU", *vs], trows), "", "</details>", ""]
    return lines


def _time_section(res: dict, img_rel: str) -> list[str]:
    pk = res.get("packages", {})
    cfg = res.get("config", {})
    lines = [
        "## Build time",
        "",
        f"Wall time of the package's `make -j{cfg.get('jobs')}` steps (configure excluded, "
        "done once), from a clean copy of the configured tree each time; medians of "
        f"{cfg.get('repeats')} interleaved round(s), as ratios against `clang -Oz` of the "
        "same rounds. Cold: a fresh llmcc cache holding only the library's PassListEval "
        "verdicts. Warm: the same build again from a clean tree, cache kept. ccache and "
        "sccache wrap the same `clang -Oz`.",
        "",
    ]
    head = ["package", "clang -Oz", *[label for _, label in TIME_ROWS], "llmcc warm / ccache warm"]
    rows = []
    for name, p in pk.items():
        base = median(p.get("times", {}).get(OZ, []))
        r = time_ratios(p)
        warm_cc = (
            median(p["times"]["llmcc warm"]) / median(p["times"]["ccache warm"])
            if p.get("times", {}).get("ccache warm") and p["times"].get("llmcc warm")
            else None
        )
        rows.append(
            [name, _s(base)]
            + [f"{r[k]:.2f}×" if k in r else "-" for k, _ in TIME_ROWS]
            + [f"{warm_cc:.2f}" if warm_cc else "-"]
        )
    lines += _table(head, rows)
    hits = []
    for name, p in pk.items():
        for w in p.get("warm_stats", [])[:1]:
            hits.append(
                f"{name} {w.get('direct_hits')} direct + {w.get('object_hits')} object "
                f"hits, {w.get('misses')} misses"
            )
    if hits:
        lines += ["", "Warm builds, first round: " + "; ".join(hits) + "."]
    lines += ["", f"![build time ratios against clang -Oz]({img_rel}/build-time.png)", ""]
    return lines


def _startup_section(res: dict) -> list[str]:
    st = res.get("startup") or {}
    rows = [
        [f"`{k}`", f"{v['clang_ms']} ms", f"{v['llmcc_ms']} ms", f"{v['ratio']:.2f}"]
        for k, v in (st.get("startup") or {}).items()
    ]
    lines = [
        "## Driver start-up",
        "",
        f"`bench/build.py startup` (the hot path's benchmark), medians of {st.get('runs')} "
        "runs per call, in this run:",
        "",
    ]
    return (
        lines
        + (_table(["call", "clang", "llmcc", "ratio"], rows) if rows else ["(not run)"])
        + [""]
    )


def _model_section(res: dict) -> list[str]:
    m = res.get("model") or {"status": "skipped", "why": "not run"}
    lines = ["## Model", ""]
    if m.get("status") != "measured":
        return [*lines, f"Not measured: {m.get('why')}.", ""]
    kind = (
        "a test fixture (measures llmcc's machinery, not a real model)"
        if m.get("fixture")
        else "as configured"
    )
    rows = [
        ["latency per TU, p50 (server warm)", f"{m['p50_s']} s"],
        ["latency per TU, p95 (server warm)", f"{m['p95_s']} s"],
        ["TUs sent to the model", f"{m['queried']} of {m['tus']}"],
        ["server peak memory (VmHWM)", f"{_n(m.get('server_peak_kib'))} KiB"],
        ["zlib cold `make -j` with the server up", _s(m.get("make_seconds"))],
        ["throughput under make -j", f"{m.get('tus_per_s')} TUs/s"],
    ]
    head = f"Model `{m.get('model')}`, {kind}; zlib's library TUs."
    return [*lines, head, "", *_table(["measure", "value"], rows), ""]


def _scaling_section(res: dict, img_rel: str) -> list[str]:
    sc = res.get("scaling")
    lines = ["## Scaling", ""]
    if not sc:
        return [*lines, "(not run)", ""]
    lines += [
        f"One TU at a time, from duktape {sc.get('duktape_version')}'s separate sources up "
        "to its one-file `duktape.c` (measured only: never tuned or trained on). Wall "
        "time (median) and peak memory (largest single process of the command's tree, "
        "`wait4` maxrss). Cold: a fresh cache with the library's verdicts; warm: the same "
        "compile again (a direct-mode hit).",
        "",
    ]
    rows = []
    for r in sc.get("by_size", []):
        c, lc, lw = r["clang_oz"], r["llmcc_cold"], r["llmcc_warm"]
        rows.append(
            [
                f"`{r['tu']}`",
                _n(r["lines"]),
                _n(r["ir_bytes"]),
                _s(c["s"]),
                f"{_s(lc['s'])} ({lc['s'] / c['s']:.1f}×)",
                _s(lw["s"]),
                _n(c["rss_kib"] // 1024),
                _n(lc["rss_kib"] // 1024),
            ]
        )
    lines += _table(
        [
            "TU",
            "lines",
            "IR bytes",
            "clang -Oz",
            "llmcc cold",
            "llmcc warm",
            "clang MiB",
            "llmcc cold MiB",
        ],
        rows,
    )
    if sc.get("by_count"):
        lines += [
            "",
            f"Number of TUs: N copies of `{sc.get('count_tu')}` (each salted with one "
            "function, so none is a cache hit) in one `make -j`:",
            "",
        ]
        lines += _table(
            ["TUs", "clang -Oz", "llmcc cold", "ratio"],
            [
                [
                    str(r["tus"]),
                    _s(r["clang_oz_s"]),
                    _s(r["llmcc_cold_s"]),
                    f"{r['llmcc_cold_s'] / r['clang_oz_s']:.1f}×",
                ]
                for r in sc["by_count"]
            ],
        )
    plot = f"![time and memory against TU size and TU count]({img_rel}/scaling.png)"
    return [*lines, "", plot, ""]


def plots(res: dict, img_dir: str) -> list[str]:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    os.makedirs(img_dir, exist_ok=True)
    written = []
    pk = res.get("packages", {})
    names = list(pk)
    vs = variants(res)
    meta = {"Software": None}  # no matplotlib version in the file: reruns differ less

    fig, (a1, a2) = plt.subplots(1, 2, figsize=(13, 4.8))
    others = vs[1:]
    w = 0.8 / max(1, len(others))
    for i, v in enumerate(others):
        ys = []
        for n in names:
            t = totals(pk[n]["sizes"])
            ys.append(100 * (t[v]["text_data"] / t[OZ]["text_data"] - 1) if v in t else 0)
        bars = a1.bar([j + i * w for j in range(len(names))], ys, w, label=v)
        a1.bar_label(bars, fmt="%.1f", fontsize=6)
    a1.axhline(0, color="black", lw=0.8)
    a1.set_xticks([j + w * (len(others) - 1) / 2 for j in range(len(names))], names, rotation=20)
    a1.set_ylabel("% change of .text+.data vs clang -Oz")
    a1.set_title("Each alternative against clang -Oz")
    a1.legend(fontsize=7)
    alts = [v for v in vs if v != LLMCC]
    w = 0.8 / max(1, len(alts))
    for i, v in enumerate(alts):
        ys = []
        for n in names:
            t = totals(pk[n]["sizes"])
            ys.append(
                saved(t[LLMCC]["text_data"], t[v]["text_data"]) if LLMCC in t and v in t else 0
            )
        bars = a2.bar([j + i * w for j in range(len(names))], ys, w, label=f"vs {v}")
        a2.bar_label(bars, fmt="%.1f", fontsize=6)
    a2.axhline(0, color="black", lw=0.8)
    a2.set_xticks([j + w * (len(alts) - 1) / 2 for j in range(len(names))], names, rotation=20)
    a2.set_ylabel("% saved by llmcc (default advisor)")
    a2.set_title("llmcc against each alternative")
    a2.legend(fontsize=7)
    fig.tight_layout()
    p = os.path.join(img_dir, "size.png")
    fig.savefig(p, dpi=90, metadata=meta)
    plt.close(fig)
    written.append(p)

    fig, ax = plt.subplots(figsize=(11, 4.5))
    keys = [k for k, _ in TIME_ROWS if any(k in pk[n].get("times", {}) for n in names)]
    w = 0.8 / max(1, len(keys))
    for i, k in enumerate(keys):
        bars = ax.bar(
            [j + i * w for j in range(len(names))],
            [time_ratios(pk[n]).get(k, 0) for n in names],
            w,
            label=k,
        )
        ax.bar_label(bars, fmt="%.2f", fontsize=6)
    ax.axhline(1, color="black", lw=0.8)
    ax.set_yscale("log")
    ax.set_xticks([j + w * (len(keys) - 1) / 2 for j in range(len(names))], names, rotation=20)
    ax.set_ylabel("make wall time / clang -Oz (log)")
    ax.set_title("Build time against clang -Oz (same run, medians)")
    ax.legend(fontsize=7, ncol=2)
    fig.tight_layout()
    p = os.path.join(img_dir, "build-time.png")
    fig.savefig(p, dpi=90, metadata=meta)
    plt.close(fig)
    written.append(p)

    sc = res.get("scaling")
    if sc and sc.get("by_size"):
        fig, (b1, b2, b3) = plt.subplots(1, 3, figsize=(14, 4.2))
        xs = [r["ir_bytes"] for r in sc["by_size"]]
        for key, label in (
            ("clang_oz", "clang -Oz"),
            ("llmcc_cold", "llmcc cold"),
            ("llmcc_warm", "llmcc warm"),
        ):
            b1.plot(xs, [r[key]["s"] for r in sc["by_size"]], "o-", label=label)
            b2.plot(xs, [r[key]["rss_kib"] / 1024 for r in sc["by_size"]], "o-", label=label)
        for b, ylab in ((b1, "seconds"), (b2, "peak RSS, MiB")):
            b.set_xscale("log")
            b.set_xlabel("TU size (IR bytes, log)")
            b.set_ylabel(ylab)
            b.legend(fontsize=7)
        b1.set_yscale("log")
        b1.set_title("Time per TU")
        b2.set_title("Memory per TU")
        cs = sc.get("by_count") or []
        b3.plot([r["tus"] for r in cs], [r["clang_oz_s"] for r in cs], "o-", label="clang -Oz")
        b3.plot([r["tus"] for r in cs], [r["llmcc_cold_s"] for r in cs], "o-", label="llmcc cold")
        b3.set_xlabel("TUs in one make -j")
        b3.set_ylabel("seconds")
        b3.set_title("Time against TU count")
        b3.legend(fontsize=7)
        fig.tight_layout()
        p = os.path.join(img_dir, "scaling.png")
        fig.savefig(p, dpi=90, metadata=meta)
        plt.close(fig)
        written.append(p)
    return written


def markdown(res: dict, img_rel: str) -> str:
    m = res.get("machine", {})
    load = (m.get("load_avg_start") or [0])[0]
    lines = ["# Benchmarks", ""]
    if res.get("mode") == "quick":
        lines += [
            "> **Quick run** (`bench/benchmarks.py --quick`): a tiny subset, one round, "
            "made to test the benchmark itself. Not the project's figures; the full run "
            "(`python bench/benchmarks.py`) replaces this file.",
            "",
        ]
    cut = (res.get("config") or {}).get("reduced")
    if cut and res.get("mode") != "quick":
        lines += [f"> **Reduced run**: {'; '.join(cut)}. Not the default run's figures.", ""]
    if m.get("cores") and load > 0.5 * m["cores"]:
        lines += [
            f"> **Measured under load** (load average {load} on {m['cores']} cores at "
            "the start): times and ratios are noisy; re-measure on an idle machine.",
            "",
        ]
    lines += [
        "Made by `python bench/benchmarks.py"
        + (" --quick" if res.get("mode") == "quick" else "")
        + "`: every figure below "
        "comes from that one run, each against the `clang -Oz` of the same run. The "
        "raw results are in `bench/results/benchmarks"
        + ("-quick" if res.get("mode") == "quick" else "")
        + ".json`.",
        "",
    ]
    lines += _machine(res)
    lines += _size_section(res, img_rel)
    lines += _time_section(res, img_rel)
    lines += _startup_section(res)
    lines += _model_section(res)
    lines += _scaling_section(res, img_rel)
    lines += [
        "## How the builds are made",
        "",
        "Each package is configured once through two wrapper scripts (`bench-cc`, "
        "`bench-c++`, bench/common.py) with clang behind them, then built with every "
        "compiler by changing only the environment. The compiler's flags come after the "
        "package's own (`-O2 ... -Oz -g0`), so the last `-O` wins for clang, gcc and llmcc "
        "alike; `-g0` everywhere so that whole-object sizes are not debug info. Build "
        "recipes are the corpus's (llmcc/tune/packages.toml); packages come from the "
        "tuner's training split only. gcc builds use the tree configured for clang.",
        "",
        "The llmcc builds run with `LLMCC_EVAL` as listed above; the cold builds start from "
        "the library's verdicts (the first-use cost of PassListEval is the warmup line, paid "
        "once per machine and LLVM). The tune column is `llmcc-admin tune --budget N -- make "
        "...` on a clean tree, then a clean rebuild from the tuned cache: the objects the "
        "next build gets; the tuner's answers replace the default advisor's, and a small budget "
        "tries fewer of the library's lists than the default advisor's six, so its result "
        "can be larger. Library only is `LLMCC_MODEL=candidates`.",
        "",
        "To rerun: `apt-get install clang-19 llvm-19 gcc make cmake ccache sccache dpkg-dev "
        "autoconf automake libtool` (a `deb-src` line for the sources), then "
        "`python bench/benchmarks.py` on an otherwise idle machine; `--render "
        "bench/results/benchmarks.json` rewrites this page from the saved results.",
        "",
    ]
    return "\n".join(lines)


def render(res: dict, out: str, img_dir: str) -> list[str]:
    """Write the document and its plots; the paths written."""
    os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
    written = plots(res, img_dir)
    rel = os.path.relpath(img_dir, os.path.dirname(os.path.abspath(out)))
    with open(out, "w") as f:
        f.write(markdown(res, rel))
    return [out, *written]

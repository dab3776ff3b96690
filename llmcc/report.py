"""``llmcc-admin report``: what one build got, from its decision records (LLMCC_LOG).

Per TU the newest record of its output wins, so a log that saw several builds
reports the objects as they are now. Sizes are the checks' own measure,
``.text``+``.data`` (llvm-size's Berkeley text and data), before (the real
``clang -Oz`` object of the same compile) and after (the object the build got).

A *target* is what the objects are for, where the path says it:

* CMake: ``.../CMakeFiles/<target>.dir/...`` -> ``<target>``;
* Bazel: ``.../bin/<package>/_objs/<target>/...`` -> ``//<package>:<target>``;
* otherwise (make and the rest) the object's directory, relative to the
  directory all outputs share (``./`` for that directory itself, ``src/``...).

Link steps are pass-throughs that leave no record, so a Makefile's final
binary is not named: its objects' directory is.

Standard library only; imported by llmcc-admin, never by a compile.
"""

from __future__ import annotations

import html
import json
import os

from . import __version__
from .args import shaping_flags
from .outcomes import Reason


def read_records(path: str) -> list[dict]:
    """The decision records in *path*, oldest first; unreadable lines are skipped."""
    out = []
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            try:
                rec = json.loads(line)
            except ValueError:
                continue  # a line cut short by a full disk; the others still count
            if isinstance(rec, dict) and rec.get("event") == "decision":
                out.append(rec)
    return out


def split_candidate(text: str | None) -> tuple[str | None, str]:
    """(pass list, llmcc's codegen options) of a decision's ``pipeline``."""
    if not text:
        return None, ""
    from .candidate import split

    return split(text)


def list_origin(provenance: str | None, path: str) -> str:
    """Where the list came from, in words."""
    p = provenance or ""
    via = ""
    if path == "direct-hit":
        via = "cached object (direct mode), "
    elif path == "object-hit":
        via = "cached object, "
    if p.startswith("cache:"):
        _, tier, rest = [*p.split(":", 2), "", ""][:3]
        via += f"pass-list cache ({tier}), "
        p = rest
    if not p:
        what = "-"
    elif p == "pinned":
        what = "LLMCC_MODEL=passes:"
    elif p.startswith("model:"):
        what = f"model {p[6:]}"
    elif p.startswith("rank:"):
        what = f"model ranking {p[5:]}"
    elif p.startswith("candidates") and "#" in p:
        name, _, number = p.partition("#")
        what = f"built-in list #{number} ({name})"
    else:
        what = p
    return via + what


def target_of(output: str, base: str) -> str:
    """The target an object belongs to (module docstring), from its absolute path."""
    parts = output.split(os.sep)
    for i in range(len(parts) - 2, 0, -1):
        if parts[i].endswith(".dir") and parts[i - 1] == "CMakeFiles":
            return parts[i][: -len(".dir")]
    if "_objs" in parts:
        j = len(parts) - 1 - parts[::-1].index("_objs")
        if j + 1 < len(parts) - 1:
            start = (len(parts[:j]) - parts[:j][::-1].index("bin")) if "bin" in parts[:j] else j
            return f"//{'/'.join(parts[start:j])}:{parts[j + 1]}"
    rel = os.path.relpath(os.path.dirname(output), base)
    return "./" if rel == "." else rel + "/"


def _status(rec: dict) -> str:
    if rec.get("returncode", 0) != 0 or rec.get("path") == "failed":
        return "failed"
    oz, out = rec.get("bytes_oz"), rec.get("bytes_out")
    if isinstance(oz, int) and isinstance(out, int) and out < oz:
        return "optimized"
    return "fallback"


def build(records: list[dict], stats: dict | None = None) -> dict:
    """The report as data: summary, targets, TUs, fallback reasons (and the stats, if given)."""
    latest: dict[str, dict] = {}
    for rec in records:
        out = rec.get("output")
        if not isinstance(out, str):
            continue
        key = os.path.normpath(os.path.join(rec.get("cwd") or "/", out))
        latest.pop(key, None)  # re-insert: the order is the order of the last builds
        latest[key] = rec
    base = os.path.commonpath([os.path.dirname(k) for k in latest]) if latest else "/"
    tus = []
    for key, rec in latest.items():
        pipeline, options = split_candidate(rec.get("pipeline"))
        status = _status(rec)
        oz, out = rec.get("bytes_oz"), rec.get("bytes_out")
        sized = isinstance(oz, int) and isinstance(out, int)
        src = rec.get("source") or ""
        tus.append(
            {
                "output": os.path.relpath(key, base),
                "path": key,
                "source": src,
                "target": target_of(key, base),
                "status": status,
                "how": rec.get("path"),
                "bytes_oz": oz if sized else None,
                "bytes_out": out if sized else None,
                "saved": oz - out if sized else None,
                "saved_pct": round(100.0 * (oz - out) / oz, 2) if sized and oz else None,
                "list": pipeline if status == "optimized" else None,
                "options": options if status == "optimized" else "",
                "codegen": " ".join(["-Oz", *shaping_flags(rec.get("argv") or [], src)]),
                "origin": list_origin(rec.get("provenance"), rec.get("path", ""))
                if status == "optimized"
                else None,
                "fallback": (rec.get("fallback") or Reason.UNKNOWN.value)
                if status != "optimized"
                else None,
                "seconds": rec.get("seconds"),
                "llmcc_version": rec.get("llmcc_version"),
            }
        )
    targets: dict[str, dict] = {}
    reasons: dict[str, int] = {}
    for t in tus:
        g = targets.setdefault(
            t["target"],
            {
                "target": t["target"],
                "tus": 0,
                "optimized": 0,
                "failed": 0,
                "bytes_oz": 0,
                "bytes_out": 0,
            },
        )
        g["tus"] += 1
        g["optimized"] += t["status"] == "optimized"
        g["failed"] += t["status"] == "failed"
        if t["bytes_oz"] is not None:
            g["bytes_oz"] += t["bytes_oz"]
            g["bytes_out"] += t["bytes_out"]
        if t["fallback"] is not None:
            key = "compile failed" if t["status"] == "failed" else t["fallback"]
            reasons[key] = reasons.get(key, 0) + 1
    for g in targets.values():
        g["saved"] = g["bytes_oz"] - g["bytes_out"]
        g["saved_pct"] = round(100.0 * g["saved"] / g["bytes_oz"], 2) if g["bytes_oz"] else 0.0
    tot_oz = sum(g["bytes_oz"] for g in targets.values())
    tot_out = sum(g["bytes_out"] for g in targets.values())
    n_opt = sum(t["status"] == "optimized" for t in tus)
    summary = {
        "tus": len(tus),
        "optimized": n_opt,
        "optimized_pct": round(100.0 * n_opt / len(tus), 1) if tus else 0.0,
        "bytes_oz": tot_oz,
        "bytes_out": tot_out,
        "saved": tot_oz - tot_out,
        "saved_pct": round(100.0 * (tot_oz - tot_out) / tot_oz, 2) if tot_oz else 0.0,
        "base": base,
        "llmcc_versions": sorted({t["llmcc_version"] for t in tus if t["llmcc_version"]}),
    }
    doc = {
        "llmcc_version": __version__,
        "summary": summary,
        "targets": sorted(targets.values(), key=lambda g: (-g["saved"], g["target"])),
        "tus": tus,
        "fallback_reasons": dict(sorted(reasons.items(), key=lambda kv: (-kv[1], kv[0]))),
    }
    if stats is not None:
        doc["stats"] = stats
    return doc


def summary_line(doc: dict) -> str:
    s = doc["summary"]
    return (
        f"saved {s['saved']} bytes of {s['bytes_oz']} at clang -Oz ({s['saved_pct']:.2f}%); "
        f"{s['optimized']} of {s['tus']} TUs optimized ({s['optimized_pct']:.0f}%)"
    )


def _table(headers: list[str], rows: list[list], right: set[int]) -> list[str]:
    cells = [[str(c) for c in row] for row in rows]
    widths = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(headers)]

    def fmt(row: list[str]) -> str:
        return "  ".join(
            c.rjust(w) if i in right else c.ljust(w)
            for i, (c, w) in enumerate(zip(row, widths, strict=True))
        ).rstrip()

    return [fmt(headers), fmt(["-" * w for w in widths]), *(fmt(r) for r in cells)]


def _num(v) -> str:
    return "-" if v is None else str(v)


def text(doc: dict) -> str:
    """The terminal report: targets, TUs, fallback reasons, then the one-line summary."""
    lines = [f"llmcc report ({doc['summary']['base']})", ""]
    lines += _table(
        ["target", "TUs", "optimized", "clang -Oz", "llmcc", "saved", "%"],
        [
            [
                g["target"],
                g["tus"],
                g["optimized"],
                g["bytes_oz"],
                g["bytes_out"],
                g["saved"],
                f"{g['saved_pct']:.2f}",
            ]
            for g in doc["targets"]
        ],
        right={1, 2, 3, 4, 5, 6},
    )
    lines.append("")
    rows, lists = [], []
    for t in doc["tus"]:
        if t["status"] == "optimized":
            why = t["origin"]
            how = (t["list"] or "") + (f" ; {t['options']}" if t["options"] else "")
        else:
            why, how = f"{t['status']}: {t['fallback']}", ""
        rows.append([t["output"], _num(t["bytes_oz"]), _num(t["bytes_out"]), _num(t["saved"]),
                     t["codegen"], why])  # fmt: skip
        lists.append(how)
    table = _table(["object", "clang -Oz", "llmcc", "saved", "codegen", "list from, or reason"],
                   rows, right={1, 2, 3})  # fmt: skip
    lines += table[:2]
    for row, how in zip(table[2:], lists, strict=True):
        # The pass list on a line of its own: lists run to hundreds of characters.
        lines += [row, f"    list: {how}"] if how else [row]
    if doc["fallback_reasons"]:
        lines += ["", "not optimized, by reason:"]
        lines += [f"  {n:4}  {r}" for r, n in doc["fallback_reasons"].items()]
    st = doc.get("stats")
    if st:
        hits = st.get("local_hits", 0) + st.get("remote_hits", 0)
        lines += [
            "",
            f"cache (all builds since zero-stats): {st.get('compilations', 0)} "
            f"compilations, {hits} hits, {st.get('misses', 0)} misses, "
            f"{st.get('passthrough', 0)} passed through",
        ]
    lines += ["", summary_line(doc)]
    return "\n".join(lines) + "\n"


_CSS = """
body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#222}
h1{font-size:20px;margin:0 0 4px}.sum{font-size:16px;margin:8px 0 16px}
table{border-collapse:collapse;margin:8px 0 24px}th,td{padding:3px 8px;border-bottom:1px solid #ddd}
th{background:#f3f3f3;cursor:pointer;user-select:none;text-align:left}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
td.nw,td.st{white-space:nowrap}
th.asc::after{content:" \\25B2"}th.desc::after{content:" \\25BC"}
tr.optimized td.st{color:#1a7f37}tr.fallback td.st{color:#9a6700}tr.failed td.st{color:#cf222e}
code{font-size:12px}svg text{font:12px system-ui,sans-serif}
"""

_JS = """
(function(){
  function key(td){var v=td.getAttribute('data-v');return v===null?td.textContent:v;}
  function sortBy(tbl,i,asc){
    var ths=tbl.tHead.rows[0].cells,th=ths[i],num=th.classList.contains('n');
    for(var k=0;k<ths.length;k++){ths[k].classList.remove('asc','desc');}
    th.classList.add(asc?'asc':'desc');
    var body=tbl.tBodies[0],rows=Array.prototype.slice.call(body.rows);
    rows.sort(function(a,b){
      var x=key(a.cells[i]),y=key(b.cells[i]);
      if(num){x=parseFloat(x);y=parseFloat(y);x=isNaN(x)?-Infinity:x;y=isNaN(y)?-Infinity:y;}
      return (x<y?-1:x>y?1:0)*(asc?1:-1);
    });
    rows.forEach(function(r){body.appendChild(r);});
  }
  document.querySelectorAll('table.sortable').forEach(function(tbl){
    Array.prototype.forEach.call(tbl.tHead.rows[0].cells,function(th,i){
      th.addEventListener('click',function(){sortBy(tbl,i,!th.classList.contains('asc'));});
    });
  });
  // A link can name a sorted view: report.html#sort=tus:saved:desc (table id, column).
  var m=/^#sort=([\\w-]+):([^:]+)(:desc)?$/.exec(decodeURIComponent(location.hash));
  if(m){
    var tbl=document.getElementById(m[1]);
    if(tbl){
      Array.prototype.forEach.call(tbl.tHead.rows[0].cells,function(th,i){
        if(th.textContent===m[2]){sortBy(tbl,i,!m[3]);}
      });
    }
  }
  document.body.setAttribute('data-ready','1');
})();
"""


def _chart(targets: list[dict]) -> str:
    """Inline SVG: one bar per target, bytes saved, labelled with bytes and percent."""
    if not targets:
        return "<p>No targets.</p>"
    bar_h, gap, label_w, width = 22, 8, 220, 560
    top = max(max(g["saved"] for g in targets), 1)
    h = len(targets) * (bar_h + gap) + gap
    parts = [
        f'<svg id="chart" xmlns="http://www.w3.org/2000/svg" width="{label_w + width + 200}" '
        f'height="{h}" role="img" aria-label="bytes saved per target">'
    ]
    for i, g in enumerate(targets):
        y = gap + i * (bar_h + gap)
        w = max(0, round(width * max(g["saved"], 0) / top))
        name = html.escape(g["target"])
        parts.append(f'<text x="{label_w - 6}" y="{y + 15}" text-anchor="end">{name}</text>')
        parts.append(
            f'<rect class="bar" x="{label_w}" y="{y}" width="{w}" height="{bar_h}" '
            f'fill="#2f81f7"><title>{name}: {g["saved"]} bytes</title></rect>'
        )
        parts.append(
            f'<text x="{label_w + w + 6}" y="{y + 15}">{g["saved"]} bytes '
            f"({g['saved_pct']:.2f}% of {g['bytes_oz']})</text>"
        )
    parts.append("</svg>")
    return "".join(parts)


def _td(value, numeric: bool = False, cls: str = "") -> str:
    c = " ".join(x for x in (("n" if numeric else ""), cls) if x)
    attr = f' class="{c}"' if c else ""
    if numeric:
        data = "" if value is None else str(value)
        return f'<td{attr} data-v="{data}">{"-" if value is None else value}</td>'
    return f"<td{attr}>{html.escape(str(value if value is not None else '-'))}</td>"


def _head(cols: tuple[tuple[str, int], ...]) -> str:
    return "".join(f'<th class="n">{h}</th>' if n else f"<th>{h}</th>" for h, n in cols)


def html_page(doc: dict) -> str:
    """One standalone page (no network): summary, chart of savings per target, tables."""
    s = doc["summary"]
    tgt_head = _head(
        (
            ("target", 0),
            ("TUs", 1),
            ("optimized", 1),
            ("clang -Oz", 1),
            ("llmcc", 1),
            ("saved", 1),
            ("%", 1),
        )
    )
    tgt_rows = "".join(
        "<tr>"
        + _td(g["target"])
        + _td(g["tus"], True)
        + _td(g["optimized"], True)
        + _td(g["bytes_oz"], True)
        + _td(g["bytes_out"], True)
        + _td(g["saved"], True)
        + _td(g["saved_pct"], True)
        + "</tr>"
        for g in doc["targets"]
    )
    tu_head = _head(
        (
            ("object", 0),
            ("target", 0),
            ("status", 0),
            ("clang -Oz", 1),
            ("llmcc", 1),
            ("saved", 1),
            ("%", 1),
            ("pass list", 0),
            ("codegen", 0),
            ("list from", 0),
            ("reason", 0),
        )
    )
    tu_rows = "".join(
        f'<tr class="{t["status"]}">'
        + _td(t["output"])
        + _td(t["target"])
        + _td(t["status"], cls="st")
        + _td(t["bytes_oz"], True)
        + _td(t["bytes_out"], True)
        + _td(t["saved"], True)
        + _td(t["saved_pct"], True)
        + _td((t["list"] or "") + (f" ; {t['options']}" if t["options"] else ""))
        + _td(t["codegen"])
        + _td(t["origin"])
        + _td(t["fallback"], cls="nw")
        + "</tr>"
        for t in doc["tus"]
    )
    reasons = "".join(
        f"<tr>{_td(r)}{_td(n, True)}</tr>" for r, n in doc["fallback_reasons"].items()
    )
    reasons_html = (
        (
            f'<h2>Not optimized, by reason</h2><table class="sortable" id="reasons">'
            f"<thead><tr>{_head((('reason', 0), ('TUs', 1)))}</tr></thead>"
            f"<tbody>{reasons}</tbody></table>"
        )
        if reasons
        else ""
    )
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f"<title>llmcc report</title><style>{_CSS}</style></head><body>"
        f"<h1>llmcc report</h1><div>{html.escape(s['base'])} &middot; llmcc "
        f"{html.escape(doc['llmcc_version'])}</div>"
        f'<p class="sum" id="summary">{html.escape(summary_line(doc))}</p>'
        f"<h2>Bytes saved per target (.text+.data, against clang -Oz)</h2>{_chart(doc['targets'])}"
        f'<h2>Targets</h2><table class="sortable" id="targets"><thead><tr>{tgt_head}</tr>'
        f"</thead><tbody>{tgt_rows}</tbody></table>"
        f'<h2>Translation units</h2><table class="sortable" id="tus"><thead><tr>{tu_head}</tr>'
        f"</thead><tbody>{tu_rows}</tbody></table>{reasons_html}"
        f"<script>{_JS}</script></body></html>\n"
    )

"""``llmcc-admin report``: its numbers are the objects on disk, its page works offline."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess

import pytest
from conftest import ADMIN, clang, requires_clang, run, size_of

from llmcc import report

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EXAMPLE = os.path.join(ROOT, "examples", "make-hello")
OBJS = ("main.o", "table.o", "hash.o", "report.o")


def build_example(tmp_path, env) -> str:
    src = str(tmp_path / "make-hello")
    shutil.copytree(EXAMPLE, src, ignore=shutil.ignore_patterns("*.o", "*.d", "wordstat*"))
    r = run(["make", "CC=llmcc"], src, env)
    assert r.returncode == 0, r.stderr.decode()
    return src


def report_json(src: str, env) -> dict:
    r = run([ADMIN, "report", "--json"], src, env)
    assert r.returncode == 0, r.stderr.decode()
    return json.loads(r.stdout)


def reference_size(src: str, obj: str, tmp) -> int:
    """The real clang -Oz object of the Makefile's compile, built here, measured here."""
    out = str(tmp / ("ref-" + obj))
    cmd = [clang(), "-O2", "-Wall", "-Wextra", "-c", obj[:-2] + ".c", "-o", out, "-Oz"]
    r = run(cmd, src)
    assert r.returncode == 0, r.stderr
    return size_of(out)


def check_against_disk(doc: dict, src: str, tmp) -> None:
    tus = {t["output"]: t for t in doc["tus"]}
    assert sorted(tus) == sorted(OBJS)
    for obj, t in tus.items():
        on_disk = size_of(os.path.join(src, obj))
        assert t["bytes_out"] == on_disk, (obj, t["bytes_out"], on_disk)
        assert t["bytes_oz"] == reference_size(src, obj, tmp), obj
        assert t["saved"] == t["bytes_oz"] - t["bytes_out"]
        assert t["status"] == ("optimized" if on_disk < t["bytes_oz"] else "fallback")
        assert (t["list"] is None) == (t["status"] != "optimized")
        assert t["target"] == "./"
    s = doc["summary"]
    assert s["tus"] == 4
    assert s["bytes_out"] == sum(size_of(os.path.join(src, o)) for o in OBJS)
    assert s["bytes_oz"] == sum(t["bytes_oz"] for t in tus.values())
    assert s["saved"] == s["bytes_oz"] - s["bytes_out"]
    n_opt = sum(t["status"] == "optimized" for t in tus.values())
    assert s["optimized"] == n_opt and s["optimized_pct"] == round(100.0 * n_opt / 4, 1)
    (target,) = doc["targets"]
    assert (target["target"], target["tus"], target["saved"]) == ("./", 4, s["saved"])
    reasons: dict[str, int] = {}
    for t in tus.values():
        if t["status"] != "optimized":
            reasons[t["fallback"]] = reasons.get(t["fallback"], 0) + 1
    assert doc["fallback_reasons"] == reasons


@requires_clang
def test_report_numbers_match_the_objects_on_disk(tmp_path, llmcc_env):
    """After `make CC=llmcc`: bytes after = llvm-size of each .o the build left, bytes before
    = a clang -Oz compile of the same command; again after a rebuild served from the cache."""
    src = build_example(tmp_path, llmcc_env)
    doc = report_json(src, llmcc_env)
    check_against_disk(doc, src, tmp_path)
    assert {t["how"] for t in doc["tus"]} <= {"optimized", "fallback"}
    assert doc["stats"]["compilations"] == 4
    text = run([ADMIN, "report"], src, llmcc_env).stdout.decode()
    assert text.rstrip().splitlines()[-1] == report.summary_line(doc)
    for t in doc["tus"]:
        if t["list"]:
            assert f"    list: {t['list']}" in text

    # A clean rebuild is served from the cache: the newest record of each output counts.
    assert run(["make", "clean"], src, llmcc_env).returncode == 0
    assert run(["make", "CC=llmcc"], src, llmcc_env).returncode == 0
    again = report_json(src, llmcc_env)
    assert {t["how"] for t in again["tus"]} == {"direct-hit"}
    check_against_disk(again, src, tmp_path)
    assert again["summary"] == doc["summary"]


@requires_clang
def test_report_without_records_says_how_to_get_them(tmp_path, llmcc_env):
    env = dict(llmcc_env)
    env.pop("LLMCC_LOG")
    r = run([ADMIN, "report"], str(tmp_path), env)
    assert r.returncode != 0 and b"LLMCC_LOG" in r.stderr


def test_targets_come_from_cmake_and_bazel_paths_else_the_directory():
    base = "/w/build"
    assert report.target_of("/w/build/CMakeFiles/codec.dir/src/rle.c.o", base) == "codec"
    assert report.target_of("/w/build/lib/CMakeFiles/z.dir/a.c.o", base) == "z"
    bazel = "/x/execroot/ws/bazel-out/k8-opt/bin/lib/codec/_objs/codec/base64.o"
    assert report.target_of(bazel, "/x") == "//lib/codec:codec"
    assert report.target_of("/w/build/src/a.o", base) == "src/"
    assert report.target_of("/w/build/a.o", base) == "./"


def test_latest_record_of_an_output_wins_and_reasons_are_counted():
    recs = [
        {"event": "decision", "cwd": "/p", "output": "a.o", "source": "a.c", "path": "fallback",
         "fallback": "not-smaller", "bytes_oz": 100, "bytes_out": 100, "argv": []},
        {"event": "decision", "cwd": "/p", "output": "a.o", "source": "a.c", "path": "optimized",
         "pipeline": "default<Oz>,mergefunc ; -mllvm -enable-machine-outliner",
         "provenance": "candidates-v2#5", "bytes_oz": 100, "bytes_out": 90,
         "argv": ["-O2", "-fPIC", "-Iinc", "-DX=1", "-Wall", "-c", "a.c", "-o", "a.o"]},
        {"event": "decision", "cwd": "/p", "output": "sub/b.o", "source": "b.c",
         "path": "fallback", "fallback": "not-smaller", "bytes_oz": 50, "bytes_out": 50},
        {"event": "decision", "cwd": "/p", "output": "sub/c.o", "source": "c.c",
         "path": "failed", "returncode": 1, "fallback": "ir-emission-failed"},
    ]  # fmt: skip
    doc = report.build(recs)
    a = next(t for t in doc["tus"] if t["output"] == "a.o")
    assert (a["status"], a["saved"], a["saved_pct"]) == ("optimized", 10, 10.0)
    assert a["list"] == "default<Oz>,mergefunc"
    assert a["options"] == "-mllvm -enable-machine-outliner"
    assert a["codegen"] == "-Oz -fPIC"
    assert a["origin"] == "built-in list #5 (candidates-v2)"
    assert doc["fallback_reasons"] == {"compile failed": 1, "not-smaller": 1}
    assert doc["summary"]["saved"] == 10 and doc["summary"]["bytes_oz"] == 150
    assert doc["summary"]["optimized_pct"] == round(100 / 3, 1)
    assert [g["target"] for g in doc["targets"]] == ["./", "sub/"]


def test_html_page_is_one_standalone_file():
    doc = report.build([{"event": "decision", "cwd": "/p", "output": "a<b>.o", "source": "a.c",
                         "path": "optimized", "pipeline": "default<Oz>", "bytes_oz": 9,
                         "bytes_out": 8}])  # fmt: skip
    page = report.html_page(doc)
    assert "<script>" in page and "<style>" in page and "<svg" in page
    assert not re.search(r"<(script|link|img|iframe)[^>]*(src|href)=", page)
    assert "url(" not in page and "@import" not in page
    assert "a&lt;b&gt;.o" in page and "a<b>.o" not in page


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.slow
@requires_clang
@pytest.mark.skipif(_chromium() is None, reason="chromium not installed (apt-get install chromium)")
def test_report_html_renders_in_headless_chromium(tmp_path, llmcc_env):
    """The page of a real build: its script runs without errors, the chart and tables render,
    a column sorts; the screenshot is kept beside the page for a look."""
    src = build_example(tmp_path, llmcc_env)
    page = str(tmp_path / "report.html")
    r = run([ADMIN, "report", "--html", page], src, llmcc_env)
    assert r.returncode == 0, r.stderr
    doc = report_json(src, llmcc_env)
    shot = str(tmp_path / "report.png")
    base = [_chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
            "--disable-extensions", "--enable-logging=stderr", "--v=0",
            f"--user-data-dir={tmp_path / 'profile'}", "--window-size=1400,1000"]  # fmt: skip
    url = "file://" + page
    p = subprocess.run([*base, f"--screenshot={shot}", url], capture_output=True, text=True,
                       timeout=180)  # fmt: skip
    assert os.path.getsize(shot) > 10_000, p.stderr[-2000:]
    with open(shot, "rb") as f:
        assert f.read(8) == b"\x89PNG\r\n\x1a\n"
    d = subprocess.run([*base, "--dump-dom", url + "#sort=tus:saved:desc"], capture_output=True,
                       text=True, timeout=180)  # fmt: skip
    for log in (p.stderr, d.stderr):
        assert "Uncaught" not in log and "SyntaxError" not in log, log[-2000:]
    dom = d.stdout
    assert 'data-ready="1"' in dom, "the page's script did not run to its end"
    assert dom.count('class="bar"') == len(doc["targets"])
    body = dom.split('id="tus"', 1)[1].split("</tbody>", 1)[0]
    shown = [int(v) for v in re.findall(r'<td class="n" data-v="([^"]*)">', body)[2::4]]
    want = sorted((t["saved"] for t in doc["tus"]), reverse=True)
    assert shown == want, (shown, want)
    shutil.copy(shot, os.environ.get("LLMCC_REPORT_SHOT", str(tmp_path / "kept.png")))

"""The tuning corpus: issue 10's package list and split, fetch/unpack, and builds that record.

Local "packages" are real Debian native source packages (``dpkg-source -b``) so that the
fetch step's unpack and manifest run exactly as on a real one, and the build goes through
the real llmcc driver with LLMCC_RECORD set.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import textwrap
from pathlib import Path

import pytest
from conftest import ADMIN, PRIMARY, requires_clang

from llmcc.tune import corpus

# Issue 10, "The training corpus", verbatim order.
ISSUE_10 = [
    "zlib",
    "bzip2",
    "libyaml",
    "jansson",
    "cjson",
    "brotli",
    "libsodium",
    "libzstd",
    "libpng1.6",
    "giflib",
    "libwebp",
    "libogg",
    "libvorbis",
    "flac",
    "opus",
    "speex",
    "pcre2",
    "libonig",
    "json-c",
    "libxml2",
    "libarchive",
    "libevent",
    "libuv1",
    "lmdb",
    "libffi",
    "nettle",
    "libtasn1-6",
    "libidn2",
    "libunistring",
    "jq",
    "gzip",
    "bc",
    "less",
    "nano",
    "readline",
    "cmark",
    "tinyxml2",
    "snappy",
    "leveldb",
    "fmtlib",
    "re2",
    "zopfli",
    "libdeflate",
    "libb2",
    "lzo2",
    "libmd",
    "libbsd",
    "iniparser",
    "libconfuse",
    "libsamplerate",
]

needs_dpkg_source = pytest.mark.skipif(not shutil.which("dpkg-source"), reason="no dpkg-source")


def test_every_issue_10_package_is_listed_exactly_once_and_nothing_else():
    listed = corpus.names(corpus.load_packages())
    assert len(listed) == len(set(listed)) == 50
    assert listed == ISSUE_10


def test_heldout_split_is_at_least_eight_packages_with_reasons_and_disjoint_from_training():
    pkgs = corpus.load_packages()
    train, held = corpus.names(pkgs, "train"), corpus.names(pkgs, "heldout")
    assert len(held) >= 8
    assert not set(train) & set(held)
    assert sorted(train + held) == sorted(ISSUE_10)
    assert all(p.reason for p in pkgs if p.heldout)
    # zlib and bzip2 chose the current candidate lists: they cannot be held out.
    assert {"zlib", "bzip2"} <= set(train)


def test_manifest_covers_fetched_packages_with_their_split(tmp_path):
    pkgs = corpus.load_packages()
    m = json.loads(corpus.MANIFEST_FILE.read_text())["packages"]
    split = {p.name: p.split for p in pkgs}
    assert set(m) <= set(split)
    for name, e in m.items():
        assert e["split"] == split[name], name
        assert len(e["dsc_sha256"]) == 64 and e["version"], name


def test_unknown_heldout_name_or_recipe_key_is_an_error(tmp_path):
    bad = tmp_path / "p.toml"
    bad.write_text('[heldout]\nnope = "x"\n[packages.zlib]\n')
    with pytest.raises(ValueError, match="nope"):
        corpus.load_packages(bad)
    bad.write_text('[packages.zlib]\nconfigur = ["--typo"]\n')
    with pytest.raises(ValueError, match="configur"):
        corpus.load_packages(bad)
    with pytest.raises(ValueError, match="not corpus packages"):
        corpus.select(corpus.load_packages(), ["zlib", "openssl"])


def test_training_enumeration_never_yields_heldout_records(tmp_path):
    pkgs = corpus.load_packages()
    c = corpus.Corpus(tmp_path)
    for name in ("zlib", "libyaml"):
        tus = c.records(name) / "tus"
        tus.mkdir(parents=True)
        (tus / f"{name}0.json").write_text(json.dumps({"package": name}))
    train = corpus.tu_records(tmp_path, "train", pkgs)
    held = corpus.tu_records(tmp_path, "heldout", pkgs)
    assert [p.parent.parent.name for p in train] == ["zlib"]
    assert [p.parent.parent.name for p in held] == ["libyaml"]


def test_parse_dsc_reads_a_clearsigned_dsc(tmp_path):
    dsc = tmp_path / "x_1.0-1.dsc"
    dsc.write_text(
        textwrap.dedent("""\
        -----BEGIN PGP SIGNED MESSAGE-----
        Hash: SHA512

        Format: 3.0 (quilt)
        Source: x
        Version: 1:1.0-1
        Checksums-Sha256:
         aa 10 x_1.0.orig.tar.gz
         bb 20 x_1.0-1.debian.tar.xz
        Files:
         cc 10 x_1.0.orig.tar.gz
        -----BEGIN PGP SIGNATURE-----

        iQ==
        -----END PGP SIGNATURE-----
        """)
    )
    info = corpus.parse_dsc(dsc)
    assert info["source"] == "x" and info["version"] == "1:1.0-1"
    assert [f["name"] for f in info["files"]] == ["x_1.0.orig.tar.gz", "x_1.0-1.debian.tar.xz"]
    assert info["files"][1] == {"sha256": "bb", "size": 20, "name": "x_1.0-1.debian.tar.xz"}


def test_autotools_inputs_newer_than_their_outputs_trigger_autoreconf(tmp_path):
    """Debian patches that touch configure.ac or a Makefile.am make a plain build rerun a
    mismatched automake (libevent, libxml2); the plan then starts with autoreconf."""
    for f in ("configure", "configure.ac", "Makefile.in", "Makefile.am"):
        (tmp_path / f).write_text("#\n")
    old, new = 1_700_000_000, 1_700_000_100

    def plan_argv0() -> list[str]:
        steps = corpus.plan("autotools", tmp_path, corpus.Recipe(), "cc", "c++", 2, {})
        return [argv[0] for argv, _, _ in steps]

    for f in ("configure.ac", "Makefile.am", "configure", "Makefile.in"):
        os.utime(tmp_path / f, (new, new) if f.endswith(".in") or f == "configure" else (old, old))
    assert plan_argv0() == ["./configure", "make"]
    os.utime(tmp_path / "Makefile.am", (new + 1, new + 1))
    assert plan_argv0() == ["autoreconf", "./configure", "make"]
    (tmp_path / "configure.ac").unlink()  # a hand-written configure (zlib): never regenerated
    assert plan_argv0() == ["./configure", "make"]


def test_static_and_pic_twins_of_one_source_are_recorded_once(tmp_path):
    tus = tmp_path / "tus"
    tus.mkdir()
    base = ["-DHAVE_CONFIG_H", "-I.", "-O2", "-c", "a.c"]
    variants = {
        "static": [*base, "-o", "a.o"],
        "pic": [*base, "-fPIC", "-DPIC", "-o", ".libs/a.o"],
        "selftest": [*base, "-D_V_SELFTEST", "-o", "test-a.o"],  # other code: kept
    }
    for name, argv in variants.items():
        rec = {"source": "/w/a.c", "cwd": "/w", "argv": argv}
        (tus / f"{name}.json").write_text(json.dumps(rec))
        (tus / f"{name}.ll").write_text("; ir\n")
    assert corpus._drop_twins(tmp_path) == 1
    assert sorted(p.name for p in tus.iterdir()) == [
        "pic.json",
        "pic.ll",
        "selftest.json",
        "selftest.ll",
    ]


# ---------------------------------------------------------------- local packages, real tools


def _native_package(tmp: Path, name: str, files: dict[str, str]) -> Path:
    """A Debian native source package (.dsc + tarball) holding *files*; its directory."""
    root = tmp / "pkgsrc" / name
    top = root / f"{name}-1.0"
    (top / "debian" / "source").mkdir(parents=True)
    (top / "debian" / "source" / "format").write_text("3.0 (native)\n")
    (top / "debian" / "control").write_text(
        f"Source: {name}\nMaintainer: T <t@example.org>\n\n"
        f"Package: {name}\nArchitecture: any\nDescription: test\n test\n"
    )
    (top / "debian" / "changelog").write_text(
        f"{name} (1.0) unstable; urgency=low\n\n  * Test.\n\n"
        " -- T <t@example.org>  Mon, 01 Jan 2024 00:00:00 +0000\n"
    )
    for rel, text in files.items():
        p = top / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text)
        if rel == "configure":
            p.chmod(0o755)
    r = subprocess.run(["dpkg-source", "-b", top.name], cwd=root, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    shutil.rmtree(top)
    return root


def _package_list(tmp: Path, names: list[str], heldout: str | None = None) -> Path:
    p = tmp / "packages.toml"
    held = f'[heldout]\n{heldout} = "test"\n' if heldout else ""
    p.write_text(held + "".join(f"[packages.{n}]\n" for n in names))
    return p


def _admin(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [ADMIN, "corpus", *args], cwd=cwd, capture_output=True, text=True, timeout=600
    )


def _stage(tmp: Path, name: str, files: dict[str, str], recipe: str = "") -> tuple[Path, Path]:
    """Corpus dir with *name*'s .dsc already downloaded (fetch then needs no apt), and the
    package list naming it (with *recipe* lines)."""
    src = _native_package(tmp, name, files)
    cdir = tmp / "corpus"
    shutil.copytree(src, cdir / "src" / name)
    plist = _package_list(tmp, [name])
    plist.write_text(plist.read_text() + recipe)
    return cdir, plist


MAKEFILE_PKG = {
    "Makefile": "all: tool\ntool: a.o b.o\n\t$(CC) -o $@ a.o b.o\n"
    "%.o: %.c\n\t$(CC) -O2 -c $< -o $@\n",
    "a.c": "int helper(int x);\nint main(void) { return helper(2) - 4; }\n",
    "b.c": "int helper(int x) { int s = 0; for (int i = 0; i < x; i++) s += x; return s; }\n",
}


@needs_dpkg_source
def test_fetch_unpacks_once_and_writes_the_manifest(tmp_path):
    cdir, plist = _stage(tmp_path, "tiny", MAKEFILE_PKG)
    man = tmp_path / "manifest.json"
    r = _admin(
        "fetch",
        "--dir",
        str(cdir),
        "--packages-file",
        str(plist),
        "--manifest",
        str(man),
        cwd=tmp_path,
    )
    assert r.returncode == 0, r.stdout + r.stderr
    assert (cdir / "src" / "tiny" / "source" / "a.c").is_file()
    entry = json.loads(man.read_text())["packages"]["tiny"]
    dsc = cdir / "src" / "tiny" / "tiny_1.0.dsc"
    assert entry["version"] == "1.0" and entry["split"] == "train"
    assert entry["dsc_sha256"] == hashlib.sha256(dsc.read_bytes()).hexdigest()
    # Idempotent: a second fetch neither downloads nor unpacks again.
    marker = cdir / "src" / "tiny" / "source" / "marker"
    marker.write_text("kept")
    r = _admin(
        "fetch", "--dir", str(cdir), "--packages-file", str(plist), "--no-manifest", cwd=tmp_path
    )
    assert r.returncode == 0, r.stdout + r.stderr
    assert marker.read_text() == "kept"


def _records(cdir: Path, name: str) -> list[dict]:
    return [
        json.loads(p.read_text()) for p in sorted((cdir / "records" / name / "tus").glob("*.json"))
    ]


@requires_clang
@needs_dpkg_source
def test_build_records_every_tu_of_a_make_package_through_llmcc(tmp_path):
    cdir, plist = _stage(tmp_path, "tiny", MAKEFILE_PKG)
    common = ("--dir", str(cdir), "--packages-file", str(plist))
    assert _admin("fetch", *common, "--no-manifest", cwd=tmp_path).returncode == 0
    r = _admin("build", *common, "--clang", f"clang-{PRIMARY}", cwd=tmp_path)
    assert r.returncode == 0, r.stdout + r.stderr + (cdir / "logs" / "tiny.log").read_text()
    recs = _records(cdir, "tiny")
    work = cdir / "build" / "tiny"
    assert sorted(os.path.basename(r["source"]) for r in recs) == ["a.c", "b.c"]
    for rec in recs:
        assert rec["package"] == "tiny"
        assert rec["source"].startswith(str(work))
        ir = (cdir / "records" / "tiny" / "tus" / f"{rec['id']}.ll").read_bytes()
        assert hashlib.sha256(ir).hexdigest() == rec["ir_sha256"]
        assert b"define" in ir
    # The build's own program works: its objects are clang -Oz's.
    assert subprocess.run([str(work / "tool")]).returncode == 0
    st = json.loads((cdir / "state.json").read_text())["tiny"]["build"]
    assert st["status"] == "ok" and st["tus"] == 2
    # A rerun skips the finished package; status shows its TUs.
    r = _admin("build", *common, cwd=tmp_path)
    assert r.returncode == 0 and "done (2 TUs)" in r.stdout
    r = _admin("status", *common, "--json", cwd=tmp_path)
    row = json.loads(r.stdout)[0]
    assert (row["built"], row["tus"], row["split"]) == ("ok", 2, "train")


@requires_clang
@needs_dpkg_source
def test_configure_probes_are_not_recorded(tmp_path):
    files = {
        # A hand-written configure (like zlib's) that probes the compiler with -O2 -c.
        "configure": "#!/bin/sh\nset -e\necho 'int probe;' > conftest.c\n"
        '"$CC" $CFLAGS -c conftest.c -o conftest.o\nrm -f conftest.*\n'
        "printf 'all: lib.o\\nlib.o: lib.c\\n\\t$(CC) $(CFLAGS) -c lib.c -o lib.o\\n' > Makefile\n",
        "lib.c": "int twice(int x) { return 2 * x; }\n",
    }
    cdir, plist = _stage(tmp_path, "probed", files)
    common = ("--dir", str(cdir), "--packages-file", str(plist))
    assert _admin("fetch", *common, "--no-manifest", cwd=tmp_path).returncode == 0
    r = _admin("build", *common, "--clang", f"clang-{PRIMARY}", cwd=tmp_path)
    assert r.returncode == 0, r.stdout + r.stderr + (cdir / "logs" / "probed.log").read_text()
    assert [os.path.basename(r["source"]) for r in _records(cdir, "probed")] == ["lib.c"]


@requires_clang
@needs_dpkg_source
def test_recipe_dirs_build_only_the_listed_directories(tmp_path):
    rule = "all: x.o\nx.o: x.c\n\t$(CC) -O2 -c x.c -o x.o\n"
    files = {
        "Makefile": "all:\n\t$(MAKE) -C lib\n\t$(MAKE) -C tests\n",
        "lib/Makefile": rule,
        "lib/x.c": "int lib_x(void) { return 1; }\n",
        "tests/Makefile": rule,
        "tests/x.c": "int test_x(void) { return 2; }\n",
    }
    cdir, plist = _stage(tmp_path, "subdirs", files, 'dirs = ["lib"]\n')
    common = ("--dir", str(cdir), "--packages-file", str(plist))
    assert _admin("fetch", *common, "--no-manifest", cwd=tmp_path).returncode == 0
    r = _admin("build", *common, "--clang", f"clang-{PRIMARY}", cwd=tmp_path)
    assert r.returncode == 0, r.stdout + r.stderr + (cdir / "logs" / "subdirs.log").read_text()
    srcs = [
        os.path.relpath(r["source"], cdir / "build" / "subdirs") for r in _records(cdir, "subdirs")
    ]
    assert srcs == ["lib/x.c"]


@needs_dpkg_source
def test_failed_build_keeps_log_tail_and_is_retried_only_with_retry(tmp_path):
    files = {
        "Makefile": "all:\n\t@echo counted >> ../../attempts\n\t@echo broken-on-purpose; false\n"
    }
    cdir, plist = _stage(tmp_path, "broken", files)
    common = ("--dir", str(cdir), "--packages-file", str(plist))
    assert _admin("fetch", *common, "--no-manifest", cwd=tmp_path).returncode == 0
    r = _admin("build", *common, cwd=tmp_path)
    assert r.returncode == 1
    st = json.loads((cdir / "state.json").read_text())["broken"]["build"]
    assert st["status"] == "failed" and "broken-on-purpose" in st["log_tail"]
    attempts = cdir / "attempts"
    assert attempts.read_text().count("counted") == 1
    assert _admin("build", *common, cwd=tmp_path).returncode == 1
    assert attempts.read_text().count("counted") == 1  # not retried
    assert _admin("build", *common, "--retry", cwd=tmp_path).returncode == 1
    assert attempts.read_text().count("counted") == 2


@pytest.mark.slow
@requires_clang
def test_fetch_and_build_a_real_package_records_its_tus(tmp_path):
    """libmd (autotools, ~10 TUs) from apt through the whole corpus flow."""
    common = ("--dir", str(tmp_path / "corpus"), "--packages", "libmd")
    r = _admin("fetch", *common, "--no-manifest", cwd=tmp_path)
    if r.returncode != 0 and "Failed to fetch" in r.stdout + r.stderr:
        pytest.skip("apt-get source libmd failed: " + r.stdout[-300:])
    assert r.returncode == 0, r.stdout + r.stderr
    r = _admin("build", *common, "--clang", f"clang-{PRIMARY}", cwd=tmp_path)
    assert r.returncode == 0, r.stdout + r.stderr
    recs = _records(tmp_path / "corpus", "libmd")
    assert len(recs) >= 8
    assert {os.path.basename(r["source"]) for r in recs} >= {"md5.c", "sha2.c"}

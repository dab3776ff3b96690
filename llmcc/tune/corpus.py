"""The tuning corpus of issue 10: fetch Debian sources, build them through llmcc recording
every TU, and report what is there.

The tuner (library selection) and the model's dataset builder read the same packages, split
the same way, so the list, the split and the per-package recipes live in one data file
(``packages.toml``) and one module. Sources, IR and recordings stay in the corpus directory
(``$LLMCC_CORPUS``, default ``~/.cache/llmcc-corpus``), never in the repository; what is
committed is the manifest (versions and ``.dsc`` hashes) and the status table in
docs/corpus.md, so that anyone can regenerate the rest.

Layout of a corpus directory::

    src/<pkg>/         apt-get source --download-only files, and source/ (dpkg-source -x)
    build/<pkg>/       a fresh copy of source/ that the build runs in (deleted and redone)
    records/<pkg>/     LLMCC_RECORD of that build: tus/<id>.ll + tus/<id>.json
    logs/<pkg>.log     the build's output; logs/<pkg>.jsonl: llmcc's decision log
    state.json         per package: fetch and build status, so reruns skip finished work
    manifest.json      the fetched versions (also merged into the committed manifest)
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from ..fsutil import write_atomic

DATA_FILE = Path(__file__).with_name("packages.toml")
MANIFEST_FILE = Path(__file__).with_name("corpus-manifest.json")
DEFAULT_TIMEOUT = 1800.0
RECIPE_KEYS = frozenset(
    {"system", "subdir", "configure", "make", "dirs", "env", "timeout", "steps"}
)
SYSTEMS = ("autotools", "cmake", "make")
# Where llmcc's console scripts are: beside this interpreter (a venv or an install).
BIN = os.path.dirname(sys.executable)


@dataclass(frozen=True)
class Recipe:
    """How one package is built; every field optional, the default autodetects."""

    system: str | None = None
    subdir: str = ""
    configure: tuple[str, ...] = ()
    # make invocations, each a tuple of variables/targets, run in order; () is one plain make.
    make: tuple[tuple[str, ...], ...] = ()
    env: dict[str, str] = field(default_factory=dict)
    timeout: float = DEFAULT_TIMEOUT
    # Extra shell commands run in the build directory before configuring (e.g. a generator
    # the package's Debian rules would run). Plain argv lists, no shell.
    steps: tuple[tuple[str, ...], ...] = ()
    # Run make (with the ``make`` arguments) in each of these directories, in order, instead
    # of once at the top: how a package's libraries and programs build without its tests.
    dirs: tuple[str, ...] = ()


@dataclass(frozen=True)
class Package:
    name: str
    heldout: bool
    reason: str
    recipe: Recipe

    @property
    def split(self) -> str:
        return "heldout" if self.heldout else "train"


def _recipe(name: str, raw: dict) -> Recipe:
    unknown = set(raw) - RECIPE_KEYS
    if unknown:
        raise ValueError(f"{name}: unknown recipe keys {sorted(unknown)}")
    system = raw.get("system")
    if system is not None and system not in SYSTEMS:
        raise ValueError(f"{name}: system must be one of {SYSTEMS}, not {system!r}")
    return Recipe(
        system=system,
        subdir=str(raw.get("subdir", "")),
        configure=tuple(str(a) for a in raw.get("configure", ())),
        make=_invocations(raw.get("make", ())),
        env={str(k): str(v) for k, v in raw.get("env", {}).items()},
        timeout=float(raw.get("timeout", DEFAULT_TIMEOUT)),
        steps=tuple(tuple(str(a) for a in s) for s in raw.get("steps", ())),
        dirs=tuple(str(d) for d in raw.get("dirs", ())),
    )


def _invocations(raw: list) -> tuple[tuple[str, ...], ...]:
    """``make = ["a", "b"]`` is one invocation; ``make = [["x"], ["a", "b"]]`` is two."""
    if raw and all(isinstance(a, list) for a in raw):
        return tuple(tuple(str(a) for a in inv) for inv in raw)
    return (tuple(str(a) for a in raw),) if raw else ()


def load_packages(path: str | os.PathLike | None = None) -> list[Package]:
    """The corpus list in file order; a held-out name that is not a package is an error."""
    with open(path or DATA_FILE, "rb") as f:
        data = tomllib.load(f)
    raw_pkgs: dict = data.get("packages", {})
    heldout: dict = data.get("heldout", {})
    stray = sorted(set(heldout) - set(raw_pkgs))
    if stray:
        raise ValueError(f"held-out names that are not corpus packages: {stray}")
    return [
        Package(name, name in heldout, str(heldout.get(name, "")), _recipe(name, raw or {}))
        for name, raw in raw_pkgs.items()
    ]


def names(packages: list[Package], split: str = "all") -> list[str]:
    """Package names of one split: "train", "heldout" or "all"."""
    if split not in ("train", "heldout", "all"):
        raise ValueError(f"split must be train, heldout or all, not {split!r}")
    return [p.name for p in packages if split == "all" or p.split == split]


def select(packages: list[Package], wanted: list[str] | None, split: str = "all") -> list[Package]:
    """The packages named in *wanted* (all if None) within *split*; unknown names are errors."""
    known = {p.name: p for p in packages}
    if wanted:
        bad = [w for w in wanted if w not in known]
        if bad:
            raise ValueError(f"not corpus packages: {', '.join(bad)}")
        chosen = [known[w] for w in dict.fromkeys(wanted)]
    else:
        chosen = list(packages)
    return [p for p in chosen if split == "all" or p.split == split]


def default_dir(env: dict[str, str] | None = None) -> str:
    env = os.environ if env is None else env
    if env.get("LLMCC_CORPUS"):
        return os.path.abspath(env["LLMCC_CORPUS"])
    return os.path.join(os.path.expanduser("~"), ".cache", "llmcc-corpus")


def _sha256(path: str | os.PathLike) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _write_json(path: str | os.PathLike, data: dict) -> None:
    os.makedirs(os.path.dirname(os.fspath(path)) or ".", exist_ok=True)
    write_atomic(os.fspath(path), (json.dumps(data, indent=1, sort_keys=True) + "\n").encode())


def _read_json(path: str | os.PathLike) -> dict:
    try:
        with open(path) as f:
            data = json.load(f)
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as e:
        raise SystemExit(f"llmcc-admin corpus: {path} is unreadable ({e}); move it aside") from e
    return data if isinstance(data, dict) else {}


class Corpus:
    """Paths and state of one corpus directory."""

    def __init__(self, root: str | os.PathLike) -> None:
        self.root = Path(os.path.abspath(root))

    def src(self, pkg: str) -> Path:
        return self.root / "src" / pkg

    def tree(self, pkg: str) -> Path:
        return self.src(pkg) / "source"

    def work(self, pkg: str) -> Path:
        return self.root / "build" / pkg

    def records(self, pkg: str) -> Path:
        return self.root / "records" / pkg

    def log(self, pkg: str) -> Path:
        return self.root / "logs" / f"{pkg}.log"

    @property
    def state_path(self) -> Path:
        return self.root / "state.json"

    @property
    def manifest_path(self) -> Path:
        return self.root / "manifest.json"

    def state(self) -> dict:
        return _read_json(self.state_path)

    def update_state(self, pkg: str, part: str, value: dict) -> None:
        """Re-read, change one entry, write atomically: one package's result is never lost."""
        st = self.state()
        st.setdefault(pkg, {})[part] = value
        _write_json(self.state_path, st)

    def tu_records(self, pkg: str) -> list[Path]:
        """The recorded TUs (their .json) of one package, sorted."""
        return sorted((self.records(pkg) / "tus").glob("*.json"))


def tu_records(
    root: str | os.PathLike, split: str = "train", packages: list[Package] | None = None
) -> list[Path]:
    """Every recorded TU of one split: the only way the tuner and dataset builder should
    enumerate the corpus, so that held-out packages never leak into selection."""
    c = Corpus(root)
    pkgs = packages if packages is not None else load_packages()
    return [r for n in names(pkgs, split) for r in c.tu_records(n)]


# ---------------------------------------------------------------------------- fetch


def parse_dsc(path: str | os.PathLike) -> dict:
    """Source, Version and the Checksums-Sha256 file list of a (possibly signed) .dsc."""
    fields: dict[str, str] = {}
    key = None
    with open(path, encoding="utf-8", errors="replace") as f:
        lines = f.read().splitlines()
    if lines and lines[0].startswith("-----BEGIN PGP SIGNED MESSAGE"):
        lines = lines[lines.index("") + 1 :] if "" in lines else lines[1:]
    for line in lines:
        if line.startswith("-----BEGIN PGP SIGNATURE"):
            break
        if line[:1] in (" ", "\t") and key:
            fields[key] += "\n" + line.strip()
        elif ":" in line:
            key, _, value = line.partition(":")
            fields[key] = value.strip()
    files = []
    for row in fields.get("Checksums-Sha256", "").splitlines():
        parts = row.split()
        if len(parts) == 3:
            files.append({"sha256": parts[0], "size": int(parts[1]), "name": parts[2]})
    return {
        "source": fields.get("Source", ""),
        "version": fields.get("Version", ""),
        "files": files,
    }


def _find_dsc(d: Path) -> Path | None:
    dscs = sorted(d.glob("*.dsc"), key=lambda p: p.stat().st_mtime)
    return dscs[-1] if dscs else None


def _complete(d: Path, dsc: Path) -> bool:
    """Every file the .dsc names is there with its checksum (a killed download is not)."""
    for f in parse_dsc(dsc)["files"]:
        p = d / f["name"]
        if not p.is_file() or p.stat().st_size != f["size"] or _sha256(p) != f["sha256"]:
            return False
    return True


def _tail(text: str, n: int = 25) -> str:
    return "\n".join(text.rstrip().splitlines()[-n:])


def fetch_one(corpus: Corpus, pkg: str) -> dict:
    """Download (if needed) and unpack (if needed) one source package; a state entry."""
    d = corpus.src(pkg)
    d.mkdir(parents=True, exist_ok=True)
    dsc = _find_dsc(d)
    if dsc is None or not _complete(d, dsc):
        try:
            r = subprocess.run(
                ["apt-get", "source", "--download-only", "-qq", pkg],
                cwd=d,
                capture_output=True,
                text=True,
                timeout=900,
            )
        except (OSError, subprocess.TimeoutExpired) as e:
            return {"status": "failed", "error": f"apt-get source: {e}"}
        dsc = _find_dsc(d)
        if r.returncode != 0 or dsc is None or not _complete(d, dsc):
            err = "\n".join(
                ln
                for ln in (r.stderr + r.stdout).splitlines()
                if not ln.startswith("W: Download is performed unsandboxed")
            )
            return {"status": "failed", "error": _tail(err or f"rc={r.returncode}", 8)}
    info = parse_dsc(dsc)
    dsc_sha = _sha256(dsc)
    stamp = d / ".unpacked"
    tree = corpus.tree(pkg)
    if not (tree.is_dir() and stamp.is_file() and stamp.read_text().strip() == dsc_sha):
        if tree.exists():
            shutil.rmtree(tree)
        stamp.unlink(missing_ok=True)
        try:
            r = subprocess.run(
                ["dpkg-source", "-x", dsc.name, "source"],
                cwd=d,
                capture_output=True,
                text=True,
                timeout=900,
            )
        except (OSError, subprocess.TimeoutExpired) as e:
            return {"status": "failed", "error": f"dpkg-source -x: {e}"}
        if r.returncode != 0 or not tree.is_dir():
            return {"status": "failed", "error": _tail(r.stderr + r.stdout, 8)}
        stamp.write_text(dsc_sha + "\n")
    return {
        "status": "ok",
        "source": info["source"],
        "version": info["version"],
        "dsc": dsc.name,
        "dsc_sha256": dsc_sha,
        "files": {f["name"]: f["sha256"] for f in info["files"]},
    }


def manifest_entry(fetched: dict) -> dict:
    return {k: fetched[k] for k in ("source", "version", "dsc", "dsc_sha256", "files")}


def merge_manifest(
    path: str | os.PathLike, entries: dict[str, dict], packages: list[Package]
) -> dict:
    """Add/replace *entries* in the manifest at *path*; keep the others; record the split."""
    m = _read_json(path)
    pk = m.get("packages") if isinstance(m.get("packages"), dict) else {}
    split = {p.name: p.split for p in packages}
    for name, e in entries.items():
        pk[name] = {**e, "split": split.get(name, "train")}
    out = {"format": 1, "distribution": "debian bookworm", "packages": pk}
    _write_json(path, out)
    return out


def cmd_fetch(corpus: Corpus, pkgs: list[Package], manifest: str | None, all_pkgs) -> int:
    entries, failed = {}, []
    for p in pkgs:
        res = fetch_one(corpus, p.name)
        corpus.update_state(p.name, "fetch", {**res, "time": round(time.time())})
        if res["status"] == "ok":
            entries[p.name] = manifest_entry(res)
            print(f"{p.name:16} {res['version']:28} ok")
        else:
            failed.append(p.name)
            lines = res["error"].splitlines() or ["?"]
            first = next((ln for ln in lines if ln.startswith("E:")), lines[-1])
            print(f"{p.name:16} {'':28} FAILED: {first}")
    merge_manifest(corpus.manifest_path, entries, all_pkgs)
    if manifest:
        try:
            merge_manifest(manifest, entries, all_pkgs)
        except OSError as e:
            print(f"llmcc-admin corpus: cannot update {manifest}: {e}", file=sys.stderr)
    print(
        f"fetched {len(entries)} of {len(pkgs)}"
        + (f"; failed: {' '.join(failed)}" if failed else "")
    )
    return 1 if failed else 0


# ---------------------------------------------------------------------------- build


def detect_system(top: Path) -> str | None:
    """The package's own build system, preferring what needs no generator tools."""
    if (top / "configure").is_file():
        return "autotools"
    if (top / "CMakeLists.txt").is_file():
        return "cmake"
    if any((top / m).is_file() for m in ("GNUmakefile", "Makefile", "makefile")):
        return "make"
    if (top / "configure.ac").is_file() or (top / "configure.in").is_file():
        return "autotools"  # autoreconf first
    return None


def compilers() -> tuple[str, str]:
    """llmcc and llmc++ of this installation (absolute, so no PATH lookup can miss)."""
    cc = os.path.join(BIN, "llmcc")
    cxx = os.path.join(BIN, "llmc++")
    if not (os.access(cc, os.X_OK) and os.access(cxx, os.X_OK)):
        cc, cxx = shutil.which("llmcc") or cc, shutil.which("llmc++") or cxx
    return cc, cxx


def build_env(
    corpus: Corpus, pkg: Package, clang: str, cc: str, cxx: str, base: dict[str, str] | None = None
) -> dict[str, str]:
    """The recording environment: llmcc as CC/CXX, its records and logs in the corpus."""
    base = dict(os.environ if base is None else base)
    env = {
        k: v
        for k, v in base.items()
        if not k.startswith("LLMCC_")
        and k
        not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL", "CFLAGS", "CXXFLAGS", "CPPFLAGS", "LDFLAGS")
    }
    env.update(
        PATH=BIN + os.pathsep + base.get("PATH", "/usr/bin:/bin"),
        CC=cc,
        CXX=cxx,
        LC_ALL="C",
        LLMCC_CLANG=clang,
        LLMCC_DIR=str(corpus.root / "cache"),
        LLMCC_LOG=str(corpus.root / "logs" / f"{pkg.name}.jsonl"),
        LLMCC_RECORD=str(corpus.records(pkg.name)),
        LLMCC_RECORD_PACKAGE=pkg.name,
        LLMCC_RECORD_ROOT=str(corpus.work(pkg.name)),
    )
    env.update(pkg.recipe.env)
    return env


def _configure_env(env: dict[str, str]) -> dict[str, str]:
    """Configure-time probes go straight to clang: no conftest.c recorded, no llmcc cost."""
    out = {k: v for k, v in env.items() if not k.startswith("LLMCC_RECORD")}
    out["LLMCC_DISABLE"] = "1"
    return out


def _is_autoconf(configure: Path) -> bool:
    """An Autoconf script takes --disable-static; hand-written ones (zlib's) reject it."""
    with open(configure, "rb") as f:
        return b"Generated by GNU Autoconf" in f.read(4096)


def _stale_autotools(top: Path) -> bool:
    """Debian's patches touched configure.ac or a Makefile.am: make would rerun automake, and
    fail on a version mismatch, so regenerate everything first (as dh_autoreconf does)."""
    conf = top / "configure"
    if not (top / "configure.ac").is_file() and not (top / "configure.in").is_file():
        return False  # a hand-written configure (zlib)
    t = conf.stat().st_mtime
    for src in ("configure.ac", "configure.in", "aclocal.m4"):
        if (top / src).is_file() and (top / src).stat().st_mtime > t:
            return True
    for dirpath, dirnames, filenames in os.walk(top):
        dirnames[:] = [d for d in dirnames if not d.startswith(".") and d != "debian"]
        if "Makefile.am" in filenames and "Makefile.in" in filenames:
            d = Path(dirpath)
            if (d / "Makefile.am").stat().st_mtime > (d / "Makefile.in").stat().st_mtime:
                return True
    return False


def _make_steps(
    argv: list[str], where: Path, recipe: Recipe, env: dict[str, str]
) -> list[tuple[list[str], Path, dict[str, str]]]:
    """make in each of the recipe's dirs (or the top), each of its invocations in turn."""
    return [
        ([*argv, *inv], where / d, env)
        for d in recipe.dirs or ("",)
        for inv in recipe.make or ((),)
    ]


def plan(
    system: str, top: Path, recipe: Recipe, cc: str, cxx: str, jobs: int, env: dict[str, str]
) -> list[tuple[list[str], Path, dict[str, str]]]:
    """The build's steps: (argv, cwd, env). Configure steps run without recording."""
    cenv = _configure_env(env)
    steps: list[tuple[list[str], Path, dict[str, str]]] = [
        (list(s), top, cenv) for s in recipe.steps
    ]
    if system == "autotools":
        # CC, CXX (and CFLAGS=-O2: llmcc leaves unoptimized compiles alone) come from the
        # environment, which zlib's hand-written configure also reads.
        cenv = {"CFLAGS": "-O2", "CXXFLAGS": "-O2", **cenv}
        env = {"CFLAGS": "-O2", "CXXFLAGS": "-O2", **env}
        opts: list[str] = []
        if not (top / "configure").is_file() or _stale_autotools(top):
            steps.append((["autoreconf", "-fi"], top, cenv))
            opts = ["--disable-static", "--disable-dependency-tracking"]
        elif _is_autoconf(top / "configure"):
            opts = ["--disable-static", "--disable-dependency-tracking"]
        steps.append((["./configure", *opts, *recipe.configure], top, cenv))
        steps += _make_steps(["make", f"-j{jobs}"], top, recipe, env)
    elif system == "cmake":
        b = top / "_llmcc_build"
        steps.append(
            (
                [
                    "cmake",
                    "-S",
                    str(top),
                    "-B",
                    str(b),
                    "-G",
                    "Unix Makefiles",
                    "-DCMAKE_BUILD_TYPE=Release",
                    f"-DCMAKE_C_COMPILER={cc}",
                    f"-DCMAKE_CXX_COMPILER={cxx}",
                    "-DBUILD_TESTING=OFF",
                    *recipe.configure,
                ],
                top,
                cenv,
            )
        )
        steps += _make_steps(["make", f"-j{jobs}"], b, recipe, env)
    elif system == "make":
        steps += _make_steps(["make", f"-j{jobs}", f"CC={cc}", f"CXX={cxx}"], top, recipe, env)
    else:
        raise ValueError(f"no build system for {top}")
    return steps


def _run_step(argv: list[str], cwd: Path, env: dict[str, str], log, timeout: float) -> int:
    """Run one step niced, in its own process group (a timeout kills the whole build)."""
    log.write(f"\n$ (cd {cwd} && {' '.join(argv)})\n")
    log.flush()
    p = subprocess.Popen(
        ["nice", "-n", "10", *argv],
        cwd=cwd,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        return p.wait(timeout=max(timeout, 1.0))
    except BaseException:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(p.pid, signal.SIGTERM)
        try:
            p.wait(timeout=10)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(p.pid, signal.SIGKILL)
            p.wait()
        raise


def _source_of(record: Path) -> str:
    try:
        return str(json.loads(record.read_text()).get("source") or "")
    except (OSError, ValueError):
        return ""


def _prune_foreign(records: Path, work: Path) -> int:
    """Drop records of sources outside the build tree (compiler probes in /tmp)."""
    n = 0
    for j in sorted((records / "tus").glob("*.json")):
        src = _source_of(j)
        if not os.path.abspath(src).startswith(str(work) + os.sep):
            j.unlink(missing_ok=True)
            j.with_suffix(".ll").unlink(missing_ok=True)
            n += 1
    return n


PIC_FLAGS = frozenset({"-fPIC", "-fpic", "-DPIC", "-fPIE", "-fpie"})


def _flags_key(rec: dict) -> tuple:
    """A TU's command line without its output and PIC flags, as a multiset."""
    argv, out, skip = rec.get("argv") or [], [], False
    for a in argv:
        if skip:
            skip = False
        elif a == "-o":
            skip = True
        elif not (a.startswith("-o") and len(a) > 2) and a not in PIC_FLAGS:
            out.append(a)
    return (rec.get("source"), rec.get("cwd"), tuple(sorted(out)))


def _drop_twins(records: Path) -> int:
    """Keep one record per (source, flags up to output and PIC): a build that compiles a
    source both for a static and a shared library (or, like libunistring, once more to list
    its symbols) would otherwise weigh that TU twice in every selection. The PIC one stays,
    as the object a shared library ships."""
    groups: dict[tuple, list[tuple[bool, str, Path]]] = {}
    for j in sorted((records / "tus").glob("*.json")):
        try:
            rec = json.loads(j.read_text())
        except (OSError, ValueError):
            continue
        pic = any(a in PIC_FLAGS for a in rec.get("argv") or [])
        groups.setdefault(_flags_key(rec), []).append((not pic, j.name, j))
    n = 0
    for twins in groups.values():
        for _, _, j in sorted(twins)[1:]:
            j.unlink(missing_ok=True)
            j.with_suffix(".ll").unlink(missing_ok=True)
            n += 1
    return n


def build_one(
    corpus: Corpus,
    pkg: Package,
    clang: str = "clang-19",
    jobs: int = 2,
    timeout: float | None = None,
    base_env: dict[str, str] | None = None,
) -> dict:
    """Build one fetched package from a fresh copy, recording its TUs; a state entry."""
    tree = corpus.tree(pkg.name)
    if not tree.is_dir():
        return {"status": "failed", "error": "not fetched (run: llmcc-admin corpus fetch)"}
    work, rec = corpus.work(pkg.name), corpus.records(pkg.name)
    for d in (work, rec):
        if d.exists():
            shutil.rmtree(d)
    work.parent.mkdir(parents=True, exist_ok=True)
    shutil.copytree(tree, work, symlinks=True)
    rec.mkdir(parents=True)
    top = work / pkg.recipe.subdir
    system = pkg.recipe.system or detect_system(top)
    if system is None:
        return {"status": "failed", "error": f"no configure, CMakeLists.txt or Makefile in {top}"}
    cc, cxx = compilers()
    env = build_env(corpus, pkg, clang, cc, cxx, base_env)
    logp = corpus.log(pkg.name)
    logp.parent.mkdir(parents=True, exist_ok=True)
    Path(env["LLMCC_LOG"]).unlink(missing_ok=True)
    limit = pkg.recipe.timeout if timeout is None else timeout
    start = time.monotonic()
    result = {"system": system, "clang": clang, "jobs": jobs}
    with open(logp, "w") as log:
        for argv, cwd, step_env in plan(system, top, pkg.recipe, cc, cxx, jobs, env):
            left = limit - (time.monotonic() - start)
            try:
                rc = _run_step(argv, cwd, step_env, log, left)
            except subprocess.TimeoutExpired:
                result.update(status="timeout", step=argv[0], error=f"over {limit:.0f} s")
                break
            except OSError as e:
                result.update(status="failed", step=argv[0], error=str(e))
                break
            if rc != 0:
                result.update(status="failed", step=" ".join(argv[:2]), error=f"exit {rc}")
                break
        else:
            result["status"] = "ok"
    result["seconds"] = round(time.monotonic() - start, 1)
    result["pruned"] = _prune_foreign(rec, work)
    result["twins"] = _drop_twins(rec)
    recs = corpus.tu_records(pkg.name)
    result["tus"] = len(recs)
    # Fewer sources than TUs: some source was compiled twice (static and PIC objects).
    result["sources"] = len({_source_of(r) for r in recs})
    if result["status"] == "ok" and result["tus"] == 0:
        result.update(status="failed", error="built, but no TU was recorded")
    if result["status"] != "ok":
        result["log_tail"] = _tail(logp.read_text(errors="replace"), 30)
    return result


def cmd_build(corpus: Corpus, pkgs: list[Package], ns: argparse.Namespace) -> int:
    failed = []
    for p in pkgs:
        prev = corpus.state().get(p.name, {}).get("build", {})
        if prev.get("status") == "ok" and not ns.force:
            print(f"{p.name:16} done ({prev.get('tus')} TUs); --force rebuilds")
            continue
        if prev.get("status") in ("failed", "timeout") and not (ns.retry or ns.force):
            print(f"{p.name:16} {prev['status']} before ({prev.get('error')}); --retry retries")
            failed.append(p.name)
            continue
        print(f"{p.name:16} building ...", end="", flush=True)
        res = build_one(corpus, p, clang=ns.clang, jobs=ns.jobs, timeout=ns.timeout)
        corpus.update_state(p.name, "build", {**res, "time": round(time.time())})
        if res["status"] == "ok":
            print(f" ok: {res['tus']} TUs in {res['seconds']:.0f} s")
        else:
            failed.append(p.name)
            where = f" at {res['step']}" if res.get("step") else ""
            print(f" {res['status']}{where}: {res.get('error')} (log: {corpus.log(p.name)})")
    if failed:
        print(f"not built: {' '.join(failed)}")
    return 1 if failed else 0


# ---------------------------------------------------------------------------- status


def status_rows(corpus: Corpus, pkgs: list[Package]) -> list[dict]:
    st = corpus.state()
    rows = []
    for p in pkgs:
        s = st.get(p.name, {})
        f, b = s.get("fetch", {}), s.get("build", {})
        rows.append(
            {
                "package": p.name,
                "split": p.split,
                "version": f.get("version", ""),
                "fetched": f.get("status", "-"),
                "built": b.get("status", "-"),
                "tus": len(corpus.tu_records(p.name)),
                "system": b.get("system", ""),
                "seconds": b.get("seconds"),
                "sources": b.get("sources"),
                "error": f.get("error", "") if f.get("status") == "failed" else b.get("error", ""),
            }
        )
    return rows


def format_table(rows: list[dict], markdown: bool = False) -> str:
    cols = ("package", "split", "version", "fetched", "built", "tus", "system", "seconds")

    def cell(r: dict, c: str) -> str:
        v = r[c]
        if c == "seconds":
            return "" if v is None else f"{v:.0f}"
        if c in ("built", "fetched") and v not in ("ok", "-") and r["error"]:
            lines = r["error"].splitlines()
            why = next((ln for ln in lines if ln.startswith("E:")), lines[-1])
            if "404" in why and "Failed to fetch" in why:
                why = "apt: 404 Not Found for " + why.split("/")[-1].split()[0]
            return f"{v} ({why[:70]})"
        return str(v)

    table = [[cell(r, c) for c in cols] for r in rows]
    tot = {s: sum(r["tus"] for r in rows if r["split"] == s) for s in ("train", "heldout")}
    built = sum(r["built"] == "ok" for r in rows)
    foot = (
        f"{built} of {len(rows)} built; TUs recorded: {tot['train']} training, "
        f"{tot['heldout']} held out"
    )
    if markdown:
        head = (
            "| "
            + " | ".join(cols)
            + " |\n|"
            + "".join(" ---: |" if c in ("tus", "seconds") else " --- |" for c in cols)
        )
        body = "\n".join("| " + " | ".join(r) + " |" for r in table)
        return f"{head}\n{body}\n\n{foot}\n"
    w = [max(len(c), *(len(r[i]) for r in table)) if table else len(c) for i, c in enumerate(cols)]
    lines = ["  ".join(c.ljust(w[i]) for i, c in enumerate(cols))]
    lines += ["  ".join(r[i].ljust(w[i]) for i in range(len(cols))) for r in table]
    return "\n".join(lines) + "\n" + foot + "\n"


# ---------------------------------------------------------------------------- command line


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("action", choices=("fetch", "build", "status"))
    p.add_argument(
        "--dir", help="corpus directory (default: $LLMCC_CORPUS or ~/.cache/llmcc-corpus)"
    )
    p.add_argument(
        "--packages",
        action="append",
        metavar="A,B",
        help="only these packages (comma-separated; repeatable)",
    )
    p.add_argument("--split", choices=("train", "heldout", "all"), default="all")
    p.add_argument("--clang", default="clang-19", help="LLMCC_CLANG for builds (clang-19)")
    p.add_argument("--jobs", type=int, default=2, help="make -jN within one package (2)")
    p.add_argument("--timeout", type=float, help="seconds per package (recipe, else 1800)")
    p.add_argument("--retry", action="store_true", help="build: retry failed packages")
    p.add_argument("--force", action="store_true", help="build: rebuild finished ones too")
    p.add_argument(
        "--manifest",
        default=str(MANIFEST_FILE),
        help="fetch: also merge versions into this manifest (the committed one)",
    )
    p.add_argument("--no-manifest", action="store_true", help="fetch: only the corpus's copy")
    p.add_argument("--json", action="store_true", help="status: machine-readable")
    p.add_argument("--markdown", action="store_true", help="status: a markdown table")
    p.add_argument("--packages-file", help=argparse.SUPPRESS)  # tests: another list


def main(ns: argparse.Namespace) -> int:
    try:
        all_pkgs = load_packages(ns.packages_file)
        wanted = [w for arg in ns.packages or () for w in arg.split(",") if w]
        pkgs = select(all_pkgs, wanted or None, ns.split)
    except (OSError, ValueError, tomllib.TOMLDecodeError) as e:
        print(f"llmcc-admin corpus: {e}", file=sys.stderr)
        return 2
    corpus = Corpus(ns.dir or default_dir())
    corpus.root.mkdir(parents=True, exist_ok=True)
    if ns.action == "fetch":
        return cmd_fetch(corpus, pkgs, None if ns.no_manifest else ns.manifest, all_pkgs)
    if ns.action == "build":

        def _term(signum, frame):  # a killed build must take its make tree with it
            raise KeyboardInterrupt

        signal.signal(signal.SIGTERM, _term)
        try:
            return cmd_build(corpus, pkgs, ns)
        except KeyboardInterrupt:
            print("\ninterrupted; finished packages are kept, rerun to continue", file=sys.stderr)
            return 130
    rows = status_rows(corpus, pkgs)
    if ns.json:
        print(json.dumps(rows, indent=1))
    else:
        print(f"corpus: {corpus.root}")
        print(format_table(rows, ns.markdown), end="")
    return 0


if __name__ == "__main__":
    ap = argparse.ArgumentParser(
        prog="python -m llmcc.tune.corpus",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_arguments(ap)
    sys.exit(main(ap.parse_args()))

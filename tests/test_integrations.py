"""Real builds through llmcc: make, CMake (toolchain file and launcher), Ninja, Bazel.

No mocks: each test builds one of examples/ (or a Debian source package) with
the real build tool, runs the project's own checks, and reads llmcc's decision
records to see that every TU went through the pipeline. The build tools come
from apt: as root a missing one is installed, otherwise the test is skipped
naming the package. Example trees are copied to a temp dir first, so header
touches and build outputs never land in the checkout.
"""

from __future__ import annotations

import filecmp
import functools
import os
import re
import shutil
import subprocess
import time
from types import SimpleNamespace

import pytest
from conftest import BIN, LLMCC, LLMCXX, PRIMARY, clang, make_env, records, requires_clang, run
from conftest import size_of as _size_of
from debsrc import debian_source

pytestmark = requires_clang

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EXAMPLES = os.path.join(ROOT, "examples")
TOOLCHAIN_FILE = os.path.join(ROOT, "wrappers", "cmake", "llmcc.cmake")
APT_PACKAGE = {"make": "make", "cmake": "cmake", "ninja": "ninja-build", "bazel": "bazel-bootstrap"}

MAKE_CFLAGS = "-O2 -Wall -Wextra"
MAKE_OBJECTS = {"main.o", "table.o", "hash.o", "report.o"}
CMAKE_SOURCES = {"ring.c", "crc.c", "stats.cpp", "test_ring.c", "test_stats.cpp"}


@functools.cache
def _tool(name: str) -> str | None:
    path = shutil.which(name)
    if path is None and os.geteuid() == 0 and shutil.which("apt-get"):
        subprocess.run(["apt-get", "install", "-y", "-qq", "--no-install-recommends",
                        APT_PACKAGE[name]], capture_output=True, timeout=1200)  # fmt: skip
        path = shutil.which(name)
    return path


def need(name: str) -> str:
    path = _tool(name)
    if path is None:
        pytest.skip(f"{name} is not installed (apt-get install {APT_PACKAGE[name]})")
    return path


def size_of(obj: str) -> int:
    return _size_of(obj, PRIMARY)


def copy_example(name: str, dest: str) -> str:
    shutil.copytree(os.path.join(EXAMPLES, name), dest,
                    ignore=shutil.ignore_patterns("build", "bazel-*", "*.o", "*.d", "wordstat",
                                                  "wordstat.out", "user.bazelrc"))  # fmt: skip
    return dest


def touch_newer(path: str, than: list[str]) -> None:
    """Touch *path* so that it is newer than every file in *than* (which must stay past)."""
    latest = max(os.stat(p).st_mtime for p in than)
    while time.time() <= latest + 0.01:  # only waits on a filesystem with a coarse clock
        time.sleep(0.05)
    os.utime(path)
    assert os.stat(path).st_mtime > latest


def sources(recs: list[dict]) -> list[str]:
    return sorted(os.path.basename(r["source"]) for r in recs)


def assert_optimized_where_possible(recs: list[dict]) -> None:
    """Every TU has a decision; at least one beat clang -Oz; none is bigger than it."""
    assert recs and all(r["path"] in ("optimized", "fallback") for r in recs), recs
    assert any(r["path"] == "optimized" for r in recs)
    for r in recs:
        assert r["bytes_out"] <= r["bytes_oz"]
        assert (r["bytes_out"] < r["bytes_oz"]) == (r["path"] == "optimized")


def check(r: subprocess.CompletedProcess, what: str) -> None:
    out = r.stdout.decode(errors="replace") + r.stderr.decode(errors="replace")
    assert r.returncode == 0, f"{what} failed ({r.returncode}):\n{out[-6000:]}"


# -- make -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def make_build(tmp_path_factory, warm_store):
    """examples/make-hello built and checked twice: CC=llmcc, and CC=clang with -Oz added."""
    need("make")
    base = str(tmp_path_factory.mktemp("make"))
    env = make_env(base, warm_store)
    tree = copy_example("make-hello", os.path.join(base, "llmcc"))
    ref = copy_example("make-hello", os.path.join(base, "clang"))
    res = run(["make", "-s", f"CC={LLMCC}", f"CFLAGS={MAKE_CFLAGS}", "check"], cwd=tree, env=env)
    check(res, "make CC=llmcc check")
    ref_res = run(["make", "-s", f"CC={clang()}", f"CFLAGS={MAKE_CFLAGS} -Oz", "check"], cwd=ref,
                  env=env)  # fmt: skip
    check(ref_res, "make CC=clang check")
    return SimpleNamespace(tree=tree, ref=ref, env=env, res=res, ref_res=ref_res,
                           records=records(env))  # fmt: skip


def test_make_check_passes_and_prints_exactly_what_clang_build_prints(make_build):
    assert make_build.res.stdout == make_build.ref_res.stdout == b"wordstat: check passed\n"
    assert make_build.res.stderr == make_build.ref_res.stderr == b""


def test_make_objects_are_optimized_or_byte_identical_to_clang_oz(make_build):
    recs = make_build.records
    assert sorted(r["output"] for r in recs) == sorted(MAKE_OBJECTS)  # one decision per TU
    assert_optimized_where_possible(recs)
    for r in recs:
        ours, theirs = (os.path.join(d, r["output"]) for d in (make_build.tree, make_build.ref))
        if r["path"] == "optimized":
            assert size_of(ours) == r["bytes_out"] < size_of(theirs) == r["bytes_oz"]
        else:
            assert filecmp.cmp(ours, theirs, shallow=False)


def test_make_depfiles_are_byte_identical_to_clangs(make_build):
    for obj in MAKE_OBJECTS:
        dep = obj.replace(".o", ".d")
        with (
            open(os.path.join(make_build.tree, dep), "rb") as a,
            open(os.path.join(make_build.ref, dep), "rb") as b,
        ):
            assert a.read() == b.read(), dep


def test_make_rebuilds_exactly_the_objects_that_include_a_touched_header(make_build):
    argv = ["make", "-s", f"CC={LLMCC}", f"CFLAGS={MAKE_CFLAGS}"]
    tree, env = make_build.tree, make_build.env
    assert run([*argv, "-q", "wordstat"], cwd=tree, env=env).returncode == 0  # up to date
    before = len(records(env))
    # report.h is included by report.c and main.c only (see the example's headers).
    touch_newer(os.path.join(tree, "report.h"), [os.path.join(tree, o) for o in MAKE_OBJECTS])
    check(run([*argv, "check"], cwd=tree, env=env), "make check after touching report.h")
    assert sources(records(env)[before:]) == ["main.c", "report.c"]
    assert run([*argv, "-q", "wordstat"], cwd=tree, env=env).returncode == 0


def test_make_stops_on_a_compile_error_exactly_as_with_clang(tmp_path, warm_store):
    need("make")
    env = make_env(str(tmp_path), warm_store)
    results = []
    for cc, extra in ((LLMCC, ""), (clang(), " -Oz")):
        tree = copy_example("make-hello", str(tmp_path / "src"))
        with open(os.path.join(tree, "table.c"), "a") as f:
            f.write("int broken(void) { return undeclared_name; }\n")
        r = run(["make", "-s", f"CC={cc}", f"CFLAGS={MAKE_CFLAGS}{extra}"], cwd=tree, env=env)
        results.append((r.returncode, r.stdout, r.stderr))
        shutil.rmtree(tree)
    assert results[0] == results[1]
    assert results[0][0] == 2 and b"undeclared_name" in results[0][2]
    assert b"Error 1" in results[0][2]  # clang's own exit status, as make reports it


def test_savings_script_prints_each_objects_size_under_llmcc_and_clang_oz(tmp_path, warm_store):
    need("make")
    env = make_env(str(tmp_path), warm_store)
    work = str(tmp_path / "work")
    r = run([os.path.join(BIN, "python"), os.path.join(EXAMPLES, "savings.py"), "--keep", work],
            cwd=str(tmp_path), env=env)  # fmt: skip
    check(r, "examples/savings.py")
    rows = {ln.split()[0]: ln.split() for ln in r.stdout.decode().splitlines()[1:]}
    assert set(rows) == MAKE_OBJECTS | {"total"}
    recs = records({"LLMCC_LOG": os.path.join(work, "llmcc.jsonl")})
    for rec in recs:
        assert rows[rec["output"]][1:3] == [str(rec["bytes_oz"]), str(rec["bytes_out"])]
    total = [sum(rec[k] for rec in recs) for k in ("bytes_oz", "bytes_out")]
    assert [int(x) for x in rows["total"][1:3]] == total and total[1] < total[0]


# -- CMake ------------------------------------------------------------------------


def cmake_cache(build: str) -> dict[str, str]:
    out = {}
    with open(os.path.join(build, "CMakeCache.txt")) as f:
        for line in f:
            m = re.match(r"^([A-Za-z_0-9]+):[A-Z]+=(.*)$", line.rstrip("\n"))
            if m:
                out[m.group(1)] = m.group(2)
    return out


def _compiler_file(build: str, lang: str) -> dict[str, str]:
    """CMakeFiles/<version>/CMake<lang>Compiler.cmake: what CMake learned about the compiler."""
    (ver,) = [d for d in os.listdir(os.path.join(build, "CMakeFiles")) if d[0].isdigit()]
    values = {}
    with open(os.path.join(build, "CMakeFiles", ver, f"CMake{lang}Compiler.cmake")) as f:
        for line in f:
            m = re.match(r'set\((CMAKE_\w+)\s+"?([^")]*)"?\)', line)
            if m:
                values[m.group(1)] = m.group(2)
    return values


def compiler_path(build: str, lang: str) -> str:
    return _compiler_file(build, lang)[f"CMAKE_{lang}_COMPILER"]


def compiler_facts(build: str, lang: str) -> dict[str, str]:
    """Identification and ABI detection results (from the -v output and link lines)."""
    keep = re.compile(rf"CMAKE_{lang}_(COMPILER_ID|COMPILER_VERSION|IMPLICIT_\w+|"
                      r"SIZEOF_DATA_PTR|COMPILER_ABI|LIBRARY_ARCHITECTURE)$")  # fmt: skip
    return {k: v for k, v in _compiler_file(build, lang).items() if keep.match(k)}


def configure(src: str, build: str, env: dict, *args: str) -> None:
    check(run(["cmake", "-S", src, "-B", build, "-DCMAKE_BUILD_TYPE=Release", *args], cwd=src,
              env=env), "cmake configure")  # fmt: skip


@pytest.fixture(scope="module")
def ninja_build(tmp_path_factory, warm_store):
    """examples/cmake-lib configured with the toolchain file, built with Ninja, tested."""
    need("cmake")
    need("ninja")
    base = str(tmp_path_factory.mktemp("cmake-ninja"))
    env = make_env(base, warm_store)
    src = copy_example("cmake-lib", os.path.join(base, "src"))
    build = os.path.join(base, "build")
    configure(src, build, env, "-G", "Ninja", f"-DCMAKE_TOOLCHAIN_FILE={TOOLCHAIN_FILE}")
    check(run(["cmake", "--build", build], cwd=base, env=env), "ninja build")
    recs = records(env)
    ctest = run(["ctest", "--output-on-failure"], cwd=build, env=env)
    return SimpleNamespace(src=src, build=build, env=env, records=recs, ctest=ctest, base=base)


def test_cmake_toolchain_file_identifies_the_wrapped_clang_and_its_abi(ninja_build, tmp_path):
    cache = cmake_cache(ninja_build.build)
    assert compiler_path(ninja_build.build, "C") == os.path.join(BIN, "llmcc")
    assert compiler_path(ninja_build.build, "CXX") == os.path.join(BIN, "llmc++")
    ar = run([clang(), "-print-prog-name=llvm-ar"], cwd=".").stdout.decode().strip()
    assert cache["CMAKE_AR"] == ar and ar.startswith(f"/usr/lib/llvm-{PRIMARY}/")
    assert cache["CMAKE_RANLIB"] == ar.replace("llvm-ar", "llvm-ranlib")
    # check_c_source_compiles ran a try_compile, which re-read the toolchain file.
    assert cache["RINGSTAT_HAVE_BUILTIN_POPCOUNT"] == "1"
    # Identification and ABI detection (-v output, link lines) through llmcc learn exactly
    # what they learn from clang itself.
    plain = str(tmp_path / "plain")
    configure(ninja_build.src, plain, ninja_build.env, "-G", "Ninja",
              f"-DCMAKE_C_COMPILER={clang()}",
              f"-DCMAKE_CXX_COMPILER={clang().replace('clang', 'clang++')}")  # fmt: skip
    for lang in ("C", "CXX"):
        ours, theirs = compiler_facts(ninja_build.build, lang), compiler_facts(plain, lang)
        assert ours[f"CMAKE_{lang}_COMPILER_ID"] == "Clang"
        assert ours[f"CMAKE_{lang}_COMPILER_VERSION"].startswith(f"{PRIMARY}.")
        assert f"CMAKE_{lang}_IMPLICIT_LINK_LIBRARIES" in ours
        assert ours == theirs


def test_cmake_ninja_build_passes_ctest_with_optimized_objects(ninja_build):
    check(ninja_build.ctest, "ctest")
    assert b"100% tests passed" in ninja_build.ctest.stdout
    assert sources(ninja_build.records) == sorted(CMAKE_SOURCES)
    assert_optimized_where_possible(ninja_build.records)


def test_ninja_rebuilds_exactly_the_objects_that_include_a_touched_header(ninja_build):
    build, env = ninja_build.build, ninja_build.env
    assert b"no work to do" in run(["ninja", "-C", build, "-n"], cwd=build, env=env).stdout
    objs = [os.path.join(d, f) for d, _, fs in os.walk(build) for f in fs if f.endswith(".o")]
    before = len(records(env))
    # crc.h is included by crc.c and tests/test_ring.c only.
    touch_newer(os.path.join(ninja_build.src, "include", "ringstat", "crc.h"), objs)
    check(run(["ninja", "-C", build], cwd=build, env=env), "ninja rebuild")
    assert sources(records(env)[before:]) == ["crc.c", "test_ring.c"]
    assert b"no work to do" in run(["ninja", "-C", build, "-n"], cwd=build, env=env).stdout
    check(run(["ctest"], cwd=build, env=env), "ctest after the rebuild")


def test_cmake_launcher_route_compiles_through_llmcc(tmp_path, warm_store):
    need("cmake")
    need("make")
    env = make_env(str(tmp_path), warm_store)
    del env["LLMCC_CLANG"]  # the launcher's argv[1] names the compiler
    src = copy_example("cmake-lib", str(tmp_path / "src"))
    build = str(tmp_path / "build")
    configure(src, build, env, "-G", "Unix Makefiles",
              f"-DCMAKE_C_COMPILER={clang()}",
              f"-DCMAKE_CXX_COMPILER={clang().replace('clang', 'clang++')}",
              f"-DCMAKE_C_COMPILER_LAUNCHER={LLMCC}",
              f"-DCMAKE_CXX_COMPILER_LAUNCHER={LLMCC}")  # fmt: skip
    assert records(env) == []  # configure-time checks do not use the launcher
    check(run(["make", "-C", build, "-j2"], cwd=build, env=env), "make")
    recs = records(env)
    assert sources(recs) == sorted(CMAKE_SOURCES)
    assert_optimized_where_possible(recs)
    check(run(["ctest", "--output-on-failure"], cwd=build, env=env), "ctest")


def test_llmcxx_wraps_the_clangxx_beside_llmcc_clang(tmp_path, warm_store):
    """llmc++ with only LLMCC_CLANG set must not pick another LLVM's clang++ from PATH."""
    env = make_env(str(tmp_path), warm_store)
    out = run([LLMCXX, "-print-prog-name=llvm-ar"], cwd=str(tmp_path), env=env).stdout
    assert out.decode().strip() == f"/usr/lib/llvm-{PRIMARY}/bin/llvm-ar"


# -- Bazel ------------------------------------------------------------------------


def bazel(ws: str, env: dict, root: str, *args: str) -> subprocess.CompletedProcess:
    # --batch: no server outlives the test.
    return run(["bazel", f"--output_user_root={root}", "--batch", *args], cwd=ws, env=env,
               timeout=900)  # fmt: skip


def _bazel_workspace(base: str, warm_store) -> tuple[str, dict, str, str]:
    """examples/bazel with the llmcc toolchain: (workspace, env, output root, record log)."""
    need("bazel")
    if not os.path.isdir("/usr/share/bazel/platforms"):
        pytest.skip("written for Debian's bazel-bootstrap 4.2.3 (no /usr/share/bazel/platforms)")
    env = make_env(base, warm_store, LLMCC_BIN=BIN)
    # The workspace finds the toolchain at ../../wrappers/bazel, as in the checkout.
    os.symlink(os.path.join(ROOT, "wrappers"), os.path.join(base, "wrappers"))
    ws = copy_example("bazel", os.path.join(base, "examples", "bazel"))
    log = os.path.join(base, "bazel.jsonl")
    with open(os.path.join(ws, "user.bazelrc"), "w") as f:
        f.write(f"build --sandbox_writable_path={base}\n"
                f"build --action_env=LLMCC_LOG={log}\n"
                "build --action_env=LLMCC_EVAL=quick\n")  # fmt: skip
    return ws, env, os.path.join(base, "bazel-root"), log


def test_bazel_example_builds_and_tests_with_the_llmcc_toolchain(tmp_path, warm_store):
    ws, env, root, log = _bazel_workspace(str(tmp_path), warm_store)
    # Platform-based toolchain resolution (register_toolchains in WORKSPACE).
    check(bazel(ws, env, root, "test", "--test_output=errors", "//..."), "bazel test //...")
    demo = run([os.path.join(ws, "bazel-bin", "codec_demo")], cwd=ws)
    check(demo, "codec_demo")
    assert demo.stdout.count(b" ok\n") == 3
    recs = [r for r in records({"LLMCC_LOG": log}) if r["path"] in ("optimized", "fallback")]
    # The library is compiled twice (.o for the binary, .pic.o for the test).
    assert set(sources(recs)) == {"base64.c", "rle.c", "demo.c", "codec_test.cc"}
    assert_optimized_where_possible(recs)
    assert all(r["output"].startswith("bazel-out/") for r in recs)


@pytest.mark.slow
def test_bazel_example_builds_through_crosstool_top(tmp_path, warm_store):
    """The same toolchain the way Bazel found toolchains before platform resolution: a
    second full Bazel build, so in the slow suite."""
    ws, env, root, log = _bazel_workspace(str(tmp_path), warm_store)
    check(bazel(ws, env, root, "build", "--noincompatible_enable_cc_toolchain_resolution",
                "--crosstool_top=@llmcc_toolchain//crosstool", "//:codec_demo"),
          "bazel build --crosstool_top")  # fmt: skip
    assert sources(records({"LLMCC_LOG": log})) == ["base64.c", "demo.c", "rle.c"]
    check(run([os.path.join(ws, "bazel-bin", "codec_demo")], cwd=ws), "codec_demo")


# -- A Debian source package ------------------------------------------------------


@pytest.mark.slow
def test_debian_jansson_builds_and_passes_ctest_with_the_toolchain_file(tmp_path, warm_store):
    need("cmake")
    need("ninja")
    src = debian_source("jansson")  # apt-get source, cached outside the checkout
    env = make_env(str(tmp_path), warm_store)
    build = str(tmp_path / "build")
    configure(src, build, env, "-G", "Ninja", f"-DCMAKE_TOOLCHAIN_FILE={TOOLCHAIN_FILE}",
              "-DJANSSON_BUILD_DOCS=OFF", "-DJANSSON_EXAMPLES=OFF")  # fmt: skip
    check(run(["cmake", "--build", build, "-j2"], cwd=build, env=env, timeout=1800), "build")
    recs = records(env)
    assert len(recs) >= 25  # the library and its test programs, one decision per TU
    assert_optimized_where_possible(recs)
    r = run(["ctest", "-j2"], cwd=build, env=env)
    check(r, "jansson's ctest")
    assert b"100% tests passed" in r.stdout

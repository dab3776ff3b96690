"""`llmcc_toolchain`: a repository holding the llmcc C/C++ toolchain for this machine.

Like Bazel's own cc_configure, it looks at the machine when the repository is
fetched: where llmcc is, which clang llmcc wraps, that clang's system include
directories and the llvm-ar beside it. It writes

  @<name>//:llmcc-cc         the `gcc` tool: a script that runs llmcc with its
                             cache dir and clang pinned (Bazel's actions have no HOME);
  @<name>//:toolchain        a toolchain() for platform-based resolution
                             (register_toolchains("@<name>//:all"));
  @<name>//crosstool         a cc_toolchain_suite for --crosstool_top (Bazel < 7).

Changing LLMCC_BIN, LLMCC_CLANG, LLMCC_DIR or PATH re-runs the detection.
"""

_ENV = ["LLMCC_BIN", "LLMCC_CLANG", "LLMCC_DIR", "XDG_CACHE_HOME", "HOME", "PATH"]

# uname -m -> (Bazel's --cpu value, @platforms cpu constraint)
_CPUS = {
    "x86_64": ("k8", "x86_64"),
    "amd64": ("k8", "x86_64"),
    "aarch64": ("aarch64", "aarch64"),
    "arm64": ("aarch64", "aarch64"),
}

def _run(rctx, args, what):
    r = rctx.execute(args)
    if r.return_code != 0:
        fail("llmcc_toolchain: %s failed (exit %d):\n%s%s" % (what, r.return_code, r.stdout, r.stderr))
    return r

def _find_llmcc(rctx):
    if rctx.attr.llmcc:
        return rctx.attr.llmcc
    bindir = rctx.os.environ.get("LLMCC_BIN", "")
    if bindir:
        for cand in (bindir + "/llmcc", bindir):
            if rctx.path(cand).exists and rctx.path(cand).basename == "llmcc":
                return str(rctx.path(cand))
        fail("llmcc_toolchain: LLMCC_BIN=%s holds no llmcc" % bindir)
    found = rctx.which("llmcc")
    if found == None:
        fail("llmcc_toolchain: llmcc not found on PATH; install it (pip install llmcc) " +
             "or set LLMCC_BIN to the directory holding it")
    return str(found)

def _cache_dir(rctx):
    if rctx.attr.cache_dir:
        return rctx.attr.cache_dir
    env = rctx.os.environ
    if env.get("LLMCC_DIR"):
        return env["LLMCC_DIR"]
    if env.get("XDG_CACHE_HOME"):
        return env["XDG_CACHE_HOME"] + "/llmcc"
    if env.get("HOME"):
        return env["HOME"] + "/.cache/llmcc"
    fail("llmcc_toolchain: no cache dir: set LLMCC_DIR or the cache_dir attribute")

def _include_dirs(rctx, clang):
    """The `#include <...>` search list of `clang -E -v`, for C and C++, as compiles will see it."""
    dirs = []
    for lang in ("c", "c++"):
        for extra in ([], ["-no-canonical-prefixes"]):
            r = _run(rctx, [clang, "-E", "-x", lang, "-v", "/dev/null"] + extra, "include probe")
            inside = False
            for line in r.stderr.splitlines():
                if line.startswith("#include <...> search starts here"):
                    inside = True
                elif line.startswith("End of search list"):
                    inside = False
                elif inside:
                    # rctx.path normalizes "/usr/lib/gcc/.../../../include", as Bazel requires.
                    d = str(rctx.path(line.strip().replace(" (framework directory)", "")))
                    if d not in dirs:
                        dirs.append(d)
    return dirs

def _llvm_tool(rctx, llvm_bin, name):
    p = llvm_bin + "/" + name
    return p if rctx.path(p).exists else "/bin/false"

def _sh_quote(s):
    return "'" + s.replace("'", "'\\''") + "'"

def _impl(rctx):
    llmcc = _find_llmcc(rctx)
    clang = rctx.attr.clang
    if not clang:
        # llmcc passes -print-* to the clang it wraps; the answer is inside that LLVM install.
        clang = _run(rctx, [llmcc, "-print-prog-name=clang"], "llmcc -print-prog-name=clang").stdout.strip()
    if not clang.startswith("/"):
        fail("llmcc_toolchain: cannot locate the clang llmcc wraps (got %r); set LLMCC_CLANG" % clang)
    llvm_bin = clang.rpartition("/")[0]
    ar = llvm_bin + "/llvm-ar"
    if not rctx.path(ar).exists:
        fail("llmcc_toolchain: %s missing; install the llvm package matching %s" % (ar, clang))
    cache_dir = _cache_dir(rctx)
    if not cache_dir.startswith("/"):
        # Actions run in per-action sandbox directories: a relative dir would be a new one each time.
        fail("llmcc_toolchain: the cache dir must be an absolute path, not %r" % cache_dir)
    _run(rctx, ["mkdir", "-p", cache_dir], "mkdir " + cache_dir)

    arch = _run(rctx, ["uname", "-m"], "uname -m").stdout.strip()
    if arch not in _CPUS:
        fail("llmcc_toolchain: unsupported machine %r (known: %s)" % (arch, ", ".join(_CPUS)))
    cpu, constraint = _CPUS[arch]

    ld = rctx.which("ld")
    tool_paths = {
        "gcc": "llmcc-cc",
        "cpp": "/bin/false",
        "ar": ar,
        "ld": str(ld) if ld else "/bin/false",
        "nm": _llvm_tool(rctx, llvm_bin, "llvm-nm"),
        "objcopy": _llvm_tool(rctx, llvm_bin, "llvm-objcopy"),
        "objdump": _llvm_tool(rctx, llvm_bin, "llvm-objdump"),
        "strip": _llvm_tool(rctx, llvm_bin, "llvm-strip"),
        "dwp": _llvm_tool(rctx, llvm_bin, "llvm-dwp"),
        "gcov": "/bin/false",
        "llvm-cov": _llvm_tool(rctx, llvm_bin, "llvm-cov"),
    }

    rctx.file("llmcc-cc", executable = True, content = """#!/bin/sh
# Generated by @llmcc_bazel//:repositories.bzl: the `gcc` tool of the llmcc toolchain.
#
# Bazel runs actions with HOME unset and PWD=/proc/self/cwd, and its sandbox
# mounts the home directory read-only, so llmcc's default cache location is
# unusable in an action. This script pins the cache dir chosen at fetch time
# (an --action_env=LLMCC_DIR=... still wins). Make it writable in the sandbox with
#   build --sandbox_writable_path={cache}
# Without that llmcc reads the cache but stores nothing: TUs are still optimized
# with the pass lists it has already vetted, and nothing new is learned.
# LLMCC_CLANG is pinned: the include dirs and llvm-ar of this toolchain are that LLVM's.
if [ -z "${{LLMCC_DIR:-}}" ]; then LLMCC_DIR={cache_q}; fi
LLMCC_CLANG={clang_q}
export LLMCC_DIR LLMCC_CLANG
unset LLMCC_CLANGXX
exec {llmcc_q} "$@"
""".format(cache = cache_dir, cache_q = _sh_quote(cache_dir), clang_q = _sh_quote(clang), llmcc_q = _sh_quote(llmcc)))

    config_bzl = str(Label("//:toolchain_config.bzl"))
    constraints = ["@platforms//cpu:" + constraint, "@platforms//os:linux"]
    rctx.file("BUILD.bazel", """# Generated by @llmcc_bazel//:repositories.bzl for {llmcc} wrapping {clang}.
load("{config_bzl}", "llmcc_cc_toolchain_config")
load("@rules_cc//cc:defs.bzl", "cc_toolchain")

package(default_visibility = ["//visibility:public"])

exports_files(["llmcc-cc"])

# What the sandbox needs: only the wrapper. llmcc, clang and the system headers are
# absolute paths outside the execroot, which the sandbox mounts read-only.
filegroup(name = "wrapper", srcs = ["llmcc-cc"])

filegroup(name = "empty")

llmcc_cc_toolchain_config(
    name = "config",
    cpu = "{cpu}",
    cxx_builtin_include_directories = {includes},
    tool_paths = {tool_paths},
)

cc_toolchain(
    name = "cc",
    all_files = ":wrapper",
    ar_files = ":empty",
    as_files = ":wrapper",
    compiler_files = ":wrapper",
    dwp_files = ":empty",
    linker_files = ":wrapper",
    objcopy_files = ":empty",
    strip_files = ":empty",
    supports_param_files = 1,
    toolchain_config = ":config",
    toolchain_identifier = "llmcc-{cpu}",
)

toolchain(
    name = "toolchain",
    exec_compatible_with = {constraints},
    target_compatible_with = {constraints},
    toolchain = ":cc",
    toolchain_type = "@bazel_tools//tools/cpp:toolchain_type",
)
""".format(
        llmcc = llmcc,
        clang = clang,
        config_bzl = config_bzl,
        cpu = cpu,
        includes = repr(_include_dirs(rctx, clang)),
        tool_paths = repr(tool_paths),
        constraints = repr(constraints),
    ))

    # A separate package: register_toolchains("@<name>//:all") never loads it, so
    # Bazel versions without cc_toolchain_suite are unaffected.
    rctx.file("crosstool/BUILD.bazel", """# --crosstool_top=@{name}//crosstool (Bazel < 7 without toolchain resolution)
load("@rules_cc//cc:defs.bzl", "cc_toolchain_suite")

cc_toolchain_suite(
    name = "crosstool",
    toolchains = {{
        "{cpu}": "//:cc",
        "{cpu}|clang": "//:cc",
    }},
    visibility = ["//visibility:public"],
)
""".format(name = rctx.name, cpu = cpu))

llmcc_toolchain = repository_rule(
    implementation = _impl,
    doc = "Detects llmcc and the clang it wraps, and defines the llmcc C/C++ toolchain.",
    attrs = {
        "llmcc": attr.string(doc = "Absolute path of llmcc (default: $LLMCC_BIN/llmcc, then PATH)."),
        "clang": attr.string(doc = "Absolute path of the clang to wrap (default: the one llmcc picks)."),
        "cache_dir": attr.string(
            doc = "llmcc's cache dir inside actions (default: $LLMCC_DIR, else ~/.cache/llmcc).",
        ),
    },
    environ = _ENV,
    local = True,
)

# -- Offline stand-ins for Debian's bazel-bootstrap 4.2.3 ---------------------------

def _linked_repo_impl(rctx):
    src = None
    for p in rctx.attr.paths:
        if rctx.path(p).exists:
            src = rctx.path(p)
            break
    if src == None and rctx.attr.marker:
        src = rctx.path(rctx.attr.marker).dirname
    if src == None:
        fail("none of %s exists" % rctx.attr.paths)
    for child in src.readdir():
        rctx.symlink(child, child.basename)

_linked_repo = repository_rule(
    implementation = _linked_repo_impl,
    attrs = {
        "paths": attr.string_list(doc = "Directories to use, the first that exists."),
        "marker": attr.label(doc = "Else the directory of this file."),
    },
    local = True,
)

def llmcc_offline_dependencies():
    """Bazel 4.2.3 (Debian's bazel-bootstrap) without network access only.

    Its @bazel_tools loads @rules_cc, @rules_java, @platforms and, for every test,
    @remote_coverage_tools, all of which it would otherwise download. These stand-ins
    re-export the native rules (offline/) and use Debian's platforms package. Call it
    first in WORKSPACE; it is the same as passing
    --override_repository=<name>=<dir> for each. Not for Bazel 7+: use Bzlmod there.
    """
    _linked_repo(name = "rules_cc", marker = Label("//offline/rules_cc:BUILD"))
    _linked_repo(name = "rules_java", marker = Label("//offline/rules_java:BUILD"))
    _linked_repo(
        name = "remote_coverage_tools",
        marker = Label("//offline/remote_coverage_tools:BUILD"),
    )
    _linked_repo(
        name = "platforms",
        paths = ["/usr/share/bazel/platforms", "/usr/share/bazel/tools/platforms"],
    )

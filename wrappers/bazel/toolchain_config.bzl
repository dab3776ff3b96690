"""`llmcc_cc_toolchain_config`: a Unix C/C++ toolchain whose compiler is llmcc.

The `gcc` tool (Bazel's compiler and linker driver) is a wrapper script that
runs llmcc; llmcc optimizes compiles and passes links and everything else to
the clang it wraps, so the features here are those of a plain clang toolchain.
Loads go through @rules_cc so that the same file works with Bazel 4.2.3 (with
the offline stub in offline/rules_cc) and with rules_cc from the registry.
"""

load("@rules_cc//cc:action_names.bzl", "ACTION_NAMES")
load(
    "@rules_cc//cc:cc_toolchain_config_lib.bzl",
    "feature",
    "flag_group",
    "flag_set",
    "tool_path",
    "with_feature_set",
)

_COMPILE = [
    ACTION_NAMES.assemble,
    ACTION_NAMES.preprocess_assemble,
    ACTION_NAMES.linkstamp_compile,
    ACTION_NAMES.c_compile,
    ACTION_NAMES.cpp_compile,
    ACTION_NAMES.cpp_header_parsing,
    ACTION_NAMES.cpp_module_compile,
    ACTION_NAMES.cpp_module_codegen,
    ACTION_NAMES.lto_backend,
    ACTION_NAMES.clif_match,
]

_CXX_COMPILE = [
    ACTION_NAMES.linkstamp_compile,
    ACTION_NAMES.cpp_compile,
    ACTION_NAMES.cpp_header_parsing,
    ACTION_NAMES.cpp_module_compile,
    ACTION_NAMES.cpp_module_codegen,
    ACTION_NAMES.lto_backend,
    ACTION_NAMES.clif_match,
]

_LINK = [
    ACTION_NAMES.cpp_link_executable,
    ACTION_NAMES.cpp_link_dynamic_library,
    ACTION_NAMES.cpp_link_nodeps_dynamic_library,
]

def _flags(actions, flags, features = None):
    return flag_set(
        actions = actions,
        flag_groups = [flag_group(flags = flags)],
        with_features = [with_feature_set(features = features)] if features else [],
    )

def _impl(ctx):
    a = ctx.attr
    compile_sets = [_flags(_COMPILE, a.compile_flags)] if a.compile_flags else []
    compile_sets += [
        _flags(_COMPILE, a.dbg_compile_flags, ["dbg"]),
        _flags(_COMPILE, a.opt_compile_flags, ["opt"]),
    ]
    if a.cxx_flags:
        compile_sets.append(_flags(_CXX_COMPILE, a.cxx_flags))
    link_sets = [_flags(_LINK, a.link_flags)] if a.link_flags else []
    if a.opt_link_flags:
        link_sets.append(_flags(_LINK, a.opt_link_flags, ["opt"]))

    # Order matters: the user's copts/linkopts come after the defaults so they win,
    # and the default libraries come last on the link line.
    features = [
        feature(name = "default_compile_flags", enabled = True, flag_sets = compile_sets),
        feature(name = "default_link_flags", enabled = True, flag_sets = link_sets),
        feature(name = "supports_pic", enabled = True),
        feature(name = "supports_dynamic_linker", enabled = True),
        feature(name = "dbg"),
        feature(name = "opt"),
        feature(name = "fastbuild"),
        feature(
            name = "user_compile_flags",
            enabled = True,
            flag_sets = [flag_set(
                actions = _COMPILE,
                flag_groups = [flag_group(
                    flags = ["%{user_compile_flags}"],
                    iterate_over = "user_compile_flags",
                    expand_if_available = "user_compile_flags",
                )],
            )],
        ),
        feature(
            name = "unfiltered_compile_flags",
            enabled = True,
            flag_sets = [_flags(_COMPILE, a.unfiltered_compile_flags)] if a.unfiltered_compile_flags else [],
        ),
        feature(
            name = "user_link_flags",
            enabled = True,
            flag_sets = [flag_set(
                actions = _LINK,
                flag_groups = [flag_group(
                    flags = ["%{user_link_flags}"],
                    iterate_over = "user_link_flags",
                    expand_if_available = "user_link_flags",
                )] + ([flag_group(flags = a.link_libs)] if a.link_libs else []),
            )],
        ),
    ]
    return cc_common.create_cc_toolchain_config_info(
        ctx = ctx,
        features = features,
        cxx_builtin_include_directories = a.cxx_builtin_include_directories,
        toolchain_identifier = "llmcc-" + a.cpu,
        host_system_name = "local",
        target_system_name = "local",
        target_cpu = a.cpu,
        target_libc = "local",
        compiler = "clang",
        abi_version = "local",
        abi_libc_version = "local",
        tool_paths = [tool_path(name = k, path = v) for k, v in a.tool_paths.items()],
    )

llmcc_cc_toolchain_config = rule(
    implementation = _impl,
    doc = "CcToolchainConfigInfo for a clang-compatible toolchain whose `gcc` tool runs llmcc.",
    attrs = {
        "cpu": attr.string(mandatory = True, doc = "Bazel's cpu name, e.g. k8 or aarch64."),
        "tool_paths": attr.string_dict(
            mandatory = True,
            doc = "gcc (the llmcc wrapper script), ar, ld, ... as for cc_common.",
        ),
        "cxx_builtin_include_directories": attr.string_list(
            doc = "The wrapped clang's system include directories (from `clang -E -v`).",
        ),
        "compile_flags": attr.string_list(),
        "cxx_flags": attr.string_list(default = ["-std=c++17"]),
        "dbg_compile_flags": attr.string_list(default = ["-g"]),
        "opt_compile_flags": attr.string_list(
            default = ["-O2", "-DNDEBUG", "-ffunction-sections", "-fdata-sections"],
        ),
        "unfiltered_compile_flags": attr.string_list(
            # Reproducible objects (and cache hits): no paths or clocks in the output.
            default = [
                "-no-canonical-prefixes",
                "-Wno-builtin-macro-redefined",
                "-D__DATE__=\"redacted\"",
                "-D__TIMESTAMP__=\"redacted\"",
                "-D__TIME__=\"redacted\"",
            ],
        ),
        "link_flags": attr.string_list(default = ["-no-canonical-prefixes"]),
        "opt_link_flags": attr.string_list(default = ["-Wl,--gc-sections"]),
        "link_libs": attr.string_list(default = ["-lstdc++", "-lm"]),
    },
)

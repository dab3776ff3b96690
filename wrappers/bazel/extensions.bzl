"""Bzlmod (Bazel 7+): `llmcc = use_extension("@llmcc_bazel//:extensions.bzl", "llmcc")`.

Creates the repository `llmcc_toolchain`; optional tags set its attributes:

    llmcc.configure(cache_dir = "/var/cache/llmcc")
"""

load(":repositories.bzl", "llmcc_toolchain")

_configure = tag_class(attrs = {
    "llmcc": attr.string(),
    "clang": attr.string(),
    "cache_dir": attr.string(),
})

def _impl(mctx):
    attrs = {}
    for mod in mctx.modules:
        for tag in mod.tags.configure:
            for key in ("llmcc", "clang", "cache_dir"):
                if getattr(tag, key):
                    attrs[key] = getattr(tag, key)
    llmcc_toolchain(name = "llmcc_toolchain", **attrs)

llmcc = module_extension(implementation = _impl, tag_classes = {"configure": _configure})

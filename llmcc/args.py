"""Argument classification, after ccache's argprocessing.

Decides whether a clang command line is something llmcc optimizes (a
compile-only call turning C/C++ sources into object or assembly files) and, if
so, splits it into one job per translation unit. Anything else is passed to the
real clang untouched, and the reason is recorded so that ``llmcc-admin stats``
can say why an invocation was not optimized.

The original argv is never rewritten for the user's own compile except for the
``-Oz`` llmcc appends; the derived command lines for the IR and codegen steps
are built here too, so that all knowledge of clang's flags lives in one module.
"""

from __future__ import annotations

import os

# Options whose value is the next argument (when not written joined).
SEPARATE_ARG = frozenset(
    [
        "-o",
        "-x",
        "-I",
        "-D",
        "-U",
        "-include",
        "-imacros",
        "-isystem",
        "-iquote",
        "-idirafter",
        "-iprefix",
        "-iwithprefix",
        "-iwithprefixbefore",
        "-isysroot",
        "-isystem-after",
        "-imultilib",
        "-ivfsoverlay",
        "-include-pch",
        "-MF",
        "-MT",
        "-MQ",
        "-MJ",
        "-Xclang",
        "-Xlinker",
        "-Xassembler",
        "-Xpreprocessor",
        "-Xopenmp-target",
        "-target",
        "-L",
        "-u",
        "-T",
        "-z",
        "-aux-info",
        "--param",
        "-mllvm",
        "-resource-dir",
        "-gcc-toolchain",
        "--sysroot",
        "-F",
        "-framework",
        "-dependency-file",
        "-serialize-diagnostics",
        "--serialize-diagnostics",
        "-working-directory",
        "-cxx-isystem",
        "-iframework",
        "-install_name",
        "-segaddr",
        "-sectcreate",
        "--gcc-toolchain",
        "-B",
        "--prefix",
        "--target",
        "--include-directory",
        "--define-macro",
        "--undefine-macro",
        "-Xcuda-fatbinary",
        "-Xcuda-ptxas",
        "-Xarch_host",
        "-Xarch_device",
        "-fmodule-file",
        "-module-dependency-dir",
        "-fdebug-compilation-dir",
        "-ffile-compilation-dir",
        "-fmodules-cache-path",
    ]
)

C_EXT = {".c": "c", ".i": "c"}
CXX_EXT = {ext: "c++" for ext in (".cc", ".cp", ".cpp", ".cxx", ".c++", ".C", ".CPP", ".ii")}
SOURCE_LANG = {**C_EXT, **CXX_EXT}
X_LANG = {"c": "c", "c++": "c++", "cpp-output": "c", "c++-cpp-output": "c++"}

# Whole-option matches that make an invocation something other than a plain compile.
PASSTHROUGH_EXACT = {
    "-E": "preprocess",
    "-M": "dependencies-only",
    "-MM": "dependencies-only",
    "-emit-llvm": "emit-llvm",
    "-fsyntax-only": "syntax-only",
    "-###": "driver-dry-run",
    "-v": "verbose",
    "--verbose": "verbose",
    "--version": "version",
    "-dumpversion": "version",
    "-dumpmachine": "version",
    "-dumpspecs": "version",
    "--help": "help",
    "-help": "help",
    "-save-temps": "save-temps",
    "--coverage": "instrumentation",
    "-fprofile-arcs": "instrumentation",
    "-ftest-coverage": "instrumentation",
    "-fcoverage-mapping": "instrumentation",
    "-fprofile-instr-generate": "instrumentation",
    "-fprofile-generate": "instrumentation",
    "-fcs-profile-generate": "instrumentation",
    "-fxray-instrument": "instrumentation",
    "-pg": "instrumentation",
    "-finstrument-functions": "instrumentation",
    "-fembed-bitcode": "embed-bitcode",
    "-ffat-lto-objects": "lto",
    "-fsave-optimization-record": "optimization-record",
    "-ftime-trace": "time-trace",
    "-fmodules": "clang-modules",
    "-fcxx-modules": "clang-modules",
    "--precompile": "clang-modules",
    "-arch": "multi-arch",
    # They write the output path or the command line into the object, or a file named
    # after -o that the split pipeline (temp IR, temp objects) would get wrong.
    "-gsplit-dwarf": "split-dwarf",
    "-frecord-command-line": "record-command-line",
    "-grecord-command-line": "record-command-line",
    "-frecord-gcc-switches": "record-command-line",
    "-MJ": "compilation-database",
    # Phases that replace -c, and other driver modes.
    "-emit-ast": "emit-ast",
    "--analyze": "static-analyzer",
    "-cc1": "cc1",
    "-cc1as": "cc1",
    # Instrumentation that clang's optimization pipeline adds, which plain opt would skip.
    "-fpseudo-probe-for-profiling": "instrumentation",
    "-fmemory-profile": "instrumentation",
    # Options for LLVM itself: opt would not see them.
    "-mllvm": "mllvm",
    "--output": "long-output-option",
    "--": "end-of-options",
    "-": "stdin",
}

# Prefix matches (checked after PASSTHROUGH_EXACT).
PASSTHROUGH_PREFIX = (
    ("-print-", "print"),
    ("--print-", "print"),
    ("-flto", "lto"),
    ("-fsanitize=", "sanitizer"),
    ("-fsanitize-coverage", "instrumentation"),
    ("-fprofile-generate=", "instrumentation"),
    ("-fprofile-instr-generate=", "instrumentation"),
    ("-fcs-profile-generate=", "instrumentation"),
    ("-fprofile-use", "profile-use"),
    ("-fprofile-instr-use", "profile-use"),
    ("-fprofile-sample-use", "profile-use"),
    ("-fauto-profile", "profile-use"),
    ("-fembed-bitcode=", "embed-bitcode"),
    ("-fthinlto-index=", "lto"),
    ("-fpass-plugin=", "pass-plugin"),
    ("-fplugin=", "pass-plugin"),
    ("-save-temps=", "save-temps"),
    ("-fsave-optimization-record=", "optimization-record"),
    ("-ftime-trace=", "time-trace"),
    ("-fxray-instrument", "instrumentation"),
    ("-fmodule-output", "clang-modules"),
    ("--serialize-diagnostics", "serialize-diagnostics"),
    ("-gsplit-dwarf=", "split-dwarf"),
    ("-MJ", "compilation-database"),
    ("-fmemory-profile=", "instrumentation"),
    ("--driver-mode=", "driver-mode"),
    ("--output=", "long-output-option"),
)

# Flags that only matter to the preprocessor and front end. They are dropped from
# the codegen step (whose input is IR) so that clang has nothing to warn about.
DEPFLAGS_SEPARATE = frozenset({"-MF", "-MT", "-MQ"})
DEPFLAGS_ALONE = frozenset({"-MD", "-MMD", "-MP", "-MG"})


OPT_LEVELS = frozenset({"0", "1", "2", "3", "4", "s", "z", "g", "fast"})


def _optlevel(arg: str) -> str | None:
    """The level of ``-O<level>``/``--optimize[=level]``; None for anything else (``-ObjC``)."""
    if arg == "-O":
        return "1"
    if arg.startswith("-O") and (arg[2:] in OPT_LEVELS or arg[2:].isdigit()):
        return arg[2:]
    if arg == "--optimize":
        return "1"
    if arg.startswith("--optimize="):
        return arg.partition("=")[2] or "1"
    return None


def expand_response_files(argv: list[str], depth: int = 0) -> list[str] | None:
    """Expand ``@file`` arguments for analysis; None if one cannot be read.

    clang reads response files with GNU quoting rules, which ``shlex`` follows
    for the common cases (quotes, backslashes, newlines).
    """
    out: list[str] = []
    for arg in argv:
        if arg.startswith("@") and len(arg) > 1:
            if depth > 8:
                return None
            import shlex

            try:
                with open(arg[1:], encoding="utf-8") as f:
                    text = f.read()
            except (OSError, ValueError):
                return None
            if "\\" in text:
                # clang's GNU tokenizer and shlex disagree on backslashes inside quotes; the
                # expansion feeds the reference compile, so it must be exact or not at all.
                return None
            try:
                inner = shlex.split(text, comments=False, posix=True)
            except ValueError:
                return None
            expanded = expand_response_files(inner, depth + 1)
            if expanded is None:
                return None
            out.extend(expanded)
        else:
            out.append(arg)
    return out


def ir_command(
    flags: list[str], source: str, ir_path: str, dep_path: str | None = None
) -> list[str]:
    """clang arguments for unoptimized IR the way the driver emits it (``-Oz`` attributes,
    no LLVM passes): for the driver, the PassListEval suite and the tuner alike."""
    argv = [*flags, "-Oz", "-Xclang", "-disable-llvm-passes", "-S", "-emit-llvm", source,
            "-o", ir_path]  # fmt: skip
    if dep_path is not None:
        argv += ["-MD", "-MF", dep_path]
    return argv


def codegen_command(
    flags: list[str],
    bitcode: str,
    out: str,
    asm: bool = False,
    options: tuple[str, ...] = (),
) -> list[str]:
    """clang arguments for codegen of optimized IR: the one place this command line is built.

    *flags* are the user's codegen flags (or the suite's); *options* a candidate's
    allowed codegen options, e.g. ``-mllvm -enable-machine-outliner``.
    """
    return [
        *flags,
        "-Oz",
        "-Xclang",
        "-disable-llvm-optzns",
        "-Wno-unused-command-line-argument",
        *options,
        "-S" if asm else "-c",
        "-x",
        "ir",
        bitcode,
        "-o",
        out,
    ]


def size_build(argv: list[str]) -> list[str]:
    """*argv* as a size build: ``-Oz`` last, so it wins over the user's ``-O`` (the
    reference compile, and the driver's safety net for a bug before it)."""
    return [*argv, "-Oz"]


def o0_executable_command(flags: list[str], source: str, exe: str) -> list[str]:
    """clang arguments for a PassListEval program's executable at ``-O0`` (the paper links
    its tests at a conservative level): the suite's reference build from the source, and a
    candidate's object linked (``-lm``: the programs use the math library)."""
    return [*flags, "-O0", source, "-lm", "-o", exe]


COLOR_FLAG = ("-fcolor-diagnostics",)
COLOR_CHOICE = {
    "-fcolor-diagnostics": "on",
    "-fdiagnostics-color": "on",
    "-fdiagnostics-color=always": "on",
    "-fno-color-diagnostics": "off",
    "-fno-diagnostics-color": "off",
    "-fdiagnostics-color=never": "off",
    "-fdiagnostics-color=auto": "auto",
}
# LLVM's list for terminals without a terminfo entry (and, from LLVM 19, for all of them:
# llvm/lib/Support/Unix/Process.inc, terminalHasColors).
_COLOR_TERMS_EXACT = ("ansi", "cygwin", "linux")
_COLOR_TERMS_PREFIX = ("screen", "xterm", "vt100", "rxvt")


def _term_in_llvm_list(term: str) -> bool:
    return term in _COLOR_TERMS_EXACT or term.startswith(_COLOR_TERMS_PREFIX) or (
        term.endswith("color")
    )


def _terminfo_colors(term: str) -> bool:
    """LLVM before 19 (built with terminfo, as Debian's is): a TERM terminfo does not know
    means no colour; its ``colors`` capability decides, and without one the list does."""
    try:
        import curses

        curses.setupterm(term, 2)
        colors = curses.tigetnum("colors")
    except Exception:  # unknown terminal, no terminfo database, no curses module
        return False
    return colors > 0 if colors >= 0 else _term_in_llvm_list(term)


def auto_color(argv: list[str], env: dict[str, str], stderr_tty: bool, major: int | None) -> bool:
    """Would clang colour its diagnostics if it wrote to our stderr itself, while llmcc
    captures them? Then its captured compiles need ``-fcolor-diagnostics`` for the user to
    see what clang would have shown.

    clang's own rule (measured with clang-16/19/22 under a pseudo-terminal): the last of
    ``-f[no-]color-diagnostics``/``-f[no-]diagnostics-color[=always|never|auto]`` wins;
    otherwise (or ``=auto``) colour iff stderr is a terminal whose TERM has colours and,
    from clang 17, ``NO_COLOR`` is unset or empty. ``CLICOLOR``/``CLICOLOR_FORCE`` mean
    nothing to clang, so nothing to llmcc. An explicit "on" needs no help (clang colours
    into the pipe); an explicit "off" is kept.
    """
    choice = "auto"
    for arg in argv:
        choice = COLOR_CHOICE.get(arg, choice)
    if choice != "auto" or not stderr_tty:
        return False
    if env.get("NO_COLOR") and (major is None or major >= 17):
        return False
    term = env.get("TERM") or ""
    if not term:
        return False
    if major is not None and major < 19:
        return _terminfo_colors(term)
    return _term_in_llvm_list(term)


class TranslationUnit:
    """One source of a compile-only call, with everything needed to rebuild its steps.

    ``argv`` is the user's (response files expanded) minus the call's other
    sources; ``depfile`` is where clang writes the user's dependency file, if
    the user asked for one.
    """

    def __init__(
        self,
        source: str,
        lang: str,
        output: str,
        argv: list[str],
        source_index: int,
        emit_asm: bool,
        depfile: str | None,
    ) -> None:
        self.source = source
        self.lang = lang
        self.output = output
        self.argv = argv
        self.source_index = source_index
        self.emit_asm = emit_asm
        self.depfile = depfile
        self.color = False
        """Set by the driver when clang, writing to llmcc's stderr itself, would colour
        (``auto_color``): the compiles whose diagnostics the user sees get the colour flag."""

    def depfile_target(self) -> str:
        """clang's default dependency target: the -o path, else the object it would write."""
        if any(a == "-o" or (a.startswith("-o") and not a.startswith("-objc")) for a in self.argv):
            return self.output
        return os.path.splitext(os.path.basename(self.source))[0] + ".o"

    def reference_argv(self) -> list[str]:
        """The user's own compile as a size build: their flags, then ``-Oz``.

        With ``color``, ``-fcolor-diagnostics`` too: its stderr is captured (a pipe, never
        a terminal), and it is what the user sees. Only when the user gave no colour option
        (or ``=auto``), so nothing the user asked for is overridden.
        """
        return size_build([*self.argv, *COLOR_FLAG] if self.color else self.argv)

    def depfile_argv(self) -> list[str]:
        """A preprocessor-only run that writes the user's dependency file, for an object
        hit (the reference compile, which would have written it, did not run).

        The user's own dependency flags, output to /dev/null, so the target is named
        explicitly where the user did not: the one clang would have named.
        """
        assert self.depfile is not None
        argv = [a for a in self.reference_argv() if a not in ("-c", "-S")]
        argv = [*replace_output(argv, os.devnull), "-E"]
        if not any(a.startswith(("-MT", "-MQ")) or (a.startswith("-Wp,") and
                                                      ("-MT" in a or "-MQ" in a))
                   for a in argv):  # fmt: skip
            # The target clang would have named: the output (-o /dev/null here).
            argv += ["-MQ", self.depfile_target()]
        if "-MF" not in argv and not any(a.startswith(("-MF", "-Wp,")) for a in argv):
            argv += ["-MF", self.depfile]
        return argv

    def _without(self, drop_output: bool = True) -> list[str]:
        """The argv minus the source, output, mode and dependency-file flags."""
        out: list[str] = []
        skip = False
        for i, arg in enumerate(self.argv):
            if skip:
                skip = False
                continue
            if i == self.source_index:
                continue
            if arg in ("-c", "-S") or arg in DEPFLAGS_ALONE:
                continue
            if arg in DEPFLAGS_SEPARATE or (drop_output and arg == "-o"):
                skip = True
                continue
            if any(arg.startswith(f) and len(arg) > len(f) for f in DEPFLAGS_SEPARATE):
                continue
            if drop_output and arg.startswith("-o") and len(arg) > 2:
                continue
            if arg.startswith(("-Wp,-MD,", "-Wp,-MMD,")):
                continue
            out.append(arg)
        return out

    def ir_argv(self, ir_path: str, dep_path: str) -> list[str]:
        """Unoptimized IR as the FTD models saw it, plus a full include list for the cache."""
        return ir_command(self._without(), self.source, ir_path, dep_path)

    def codegen_argv(
        self, bitcode: str, out: str, asm: bool = False, options: tuple[str, ...] = ()
    ) -> list[str]:
        """Codegen of optimized IR with the user's own target and codegen flags.

        Front-end-only flags are harmless on IR input apart from a warning, which
        is silenced; dropping ``-x`` keeps clang from reading the IR as C.
        *options*: the candidate's allowed codegen options (llmcc.candidate).
        """
        flags: list[str] = []
        skip = False
        for arg in self._without():
            if skip:
                skip = False
                continue
            if arg == "-x":
                skip = True
                continue
            if arg.startswith("-x") and len(arg) > 2:
                continue
            flags.append(arg)
        return codegen_command(flags, bitcode, out, asm, options)

    def object_argv(self, out: str) -> list[str]:
        """A reference *object* for ``-S`` calls, whose checks need object sizes."""
        return [*self._without(), "-Oz", "-c", self.source, "-o", out]

    def codegen_flags(self) -> list[str]:
        """The flags that can change the object for a given IR (the object-key part)."""
        return self.codegen_argv("<ir>", "<out>", self.emit_asm)


class Classification:
    """The verdict on one command line: a pass-through reason, or the units to optimize."""

    def __init__(
        self,
        passthrough: str | None = None,
        units: list[TranslationUnit] | None = None,
        optlevel: str | None = None,
    ) -> None:
        self.passthrough = passthrough
        self.units = units or []
        self.optlevel = optlevel


def _source_lang(arg: str, xlang: str | None) -> str | None:
    if xlang is not None:
        return X_LANG.get(xlang, "")
    return SOURCE_LANG.get(os.path.splitext(arg)[1])


def replace_output(argv: list[str], new: str) -> list[str]:
    """*argv* writing to *new* instead of its ``-o`` (joined or separate)."""
    out: list[str] = []
    skip = False
    for a in argv:
        if skip:
            skip = False
            continue
        if a == "-o":
            skip = True
            continue
        if a.startswith("-o") and len(a) > 2 and not a.startswith("-objc"):
            continue
        out.append(a)
    return [*out, "-o", new]


def _default_output(source: str, asm: bool) -> str:
    stem = os.path.splitext(os.path.basename(source))[0]
    return stem + (".s" if asm else ".o")


def _depfile_path(output: str, explicit: str | None) -> str:
    # clang: -MF wins; else the output with its extension replaced by ".d".
    if explicit is not None:
        return explicit
    return os.path.splitext(output)[0] + ".d"


MAX_EXPANDED_CHARS = 100_000


def _special_path(path: str | None) -> bool:
    """Not a regular file llmcc may replace: a device, a FIFO, a link to one, or stdout."""
    if path is None:
        return False
    if path == "-" or path.startswith(("/dev/", "/proc/")):
        return True
    try:
        st = os.stat(path)
    except OSError:
        return False  # not there yet: clang will create a regular file
    import stat

    return not stat.S_ISREG(st.st_mode)


def classify(argv: list[str]) -> Classification:
    """Classify a clang command line (without argv[0]).

    Returns a pass-through reason, or one TranslationUnit per source.
    """
    expanded = expand_response_files(argv)
    if expanded is None:
        return Classification(passthrough="unreadable-response-file")
    args = expanded
    if len(args) > len(argv) and sum(len(a) + 1 for a in args) > MAX_EXPANDED_CHARS:
        # A response file exists to dodge the argv limit: expanded, it may not fit.
        return Classification(passthrough="long-command-line")
    mode: str | None = None
    output: str | None = None
    optlevel: str | None = None
    xlang: str | None = None
    sources: list[tuple[int, str, str]] = []
    deps = False
    mf: str | None = None
    has_mt = False
    x_after_source = False
    skip = False
    inputs_other = 0
    for i, arg in enumerate(args):
        if skip:
            skip = False
            continue
        if arg in PASSTHROUGH_EXACT:
            return Classification(passthrough=PASSTHROUGH_EXACT[arg])
        for prefix, reason in PASSTHROUGH_PREFIX:
            if arg.startswith(prefix):
                return Classification(passthrough=reason)
        if arg in ("-c", "-S"):
            # clang: -c and -S together produce assembly ("-S" wins).
            mode = "S" if "S" in (mode, arg[1]) else "c"
            continue
        lvl = _optlevel(arg)
        if lvl is not None:
            optlevel = lvl
            continue
        if arg == "-o":
            if i + 1 >= len(args):
                return Classification(passthrough="missing-output")
            output = args[i + 1]
            skip = True
            continue
        if arg.startswith("-o") and not arg.startswith("-objc"):
            output = arg[2:]
            continue
        if arg == "-x":
            if i + 1 >= len(args):
                return Classification(passthrough="bad-x")
            xlang = None if args[i + 1] == "none" else args[i + 1]
            x_after_source = x_after_source or bool(sources)
            skip = True
            continue
        if arg.startswith("-x") and len(arg) > 2:
            xlang = None if arg[2:] == "none" else arg[2:]
            x_after_source = x_after_source or bool(sources)
            continue
        if arg in ("-MD", "-MMD"):
            deps = True
            continue
        if arg.startswith(("-Wp,-MD,", "-Wp,-MMD,")):
            deps = True
            mf = arg.split(",", 2)[2]
            continue
        if arg.startswith("-Wp,") and ("-M" in arg or "-E" in arg):
            return Classification(passthrough="preprocessor-dependency-options")
        if arg == "-MF":
            if i + 1 >= len(args):
                return Classification(passthrough="bad-dependency-options")
            mf = args[i + 1]
            skip = True
            continue
        if arg.startswith("-MF"):
            mf = arg[3:]
            continue
        if arg in ("-MT", "-MQ") or (arg.startswith(("-MT", "-MQ")) and len(arg) > 3):
            has_mt = True
            skip = arg in ("-MT", "-MQ")
            continue
        if arg == "-Xclang" and i + 1 < len(args):
            nxt = args[i + 1]
            if nxt.startswith(("-emit", "-load", "-plugin", "-add-plugin", "-fpass-plugin")) or (
                nxt.startswith("-disable-llvm") or nxt in ("-ast-dump", "-ast-print")
            ):
                return Classification(passthrough="xclang-action")
            skip = True
            continue
        if arg in SEPARATE_ARG:
            if i + 1 >= len(args):
                return Classification(passthrough="missing-option-value")
            skip = True
            continue
        if arg.startswith("-"):
            continue
        # A positional argument: an input file.
        lang = _source_lang(arg, xlang)
        if lang in ("c", "c++"):
            sources.append((i, arg, lang))
        elif lang == "":
            return Classification(passthrough=f"language-{xlang}")
        else:
            ext = os.path.splitext(arg)[1].lower()
            if ext in (".s", ".sx", ".asm"):
                return Classification(passthrough="assembler-source")
            if ext in (".m", ".mm"):
                return Classification(passthrough="objective-c")
            if ext in (".ll", ".bc"):
                return Classification(passthrough="ir-input")
            if ext in (".cu", ".hip", ".cl", ".cppm", ".ixx"):
                return Classification(passthrough="language" + ext)
            if ext in (".h", ".hh", ".hpp", ".hxx"):
                return Classification(passthrough="header-input")
            inputs_other += 1

    if mode is None:
        return Classification(passthrough="link-or-other", optlevel=optlevel)
    if not sources:
        return Classification(passthrough="no-source", optlevel=optlevel)
    if inputs_other:
        return Classification(passthrough="non-source-input", optlevel=optlevel)
    if optlevel is None or optlevel in ("0", "g"):
        return Classification(passthrough=f"optlevel-{optlevel or 'none'}", optlevel=optlevel)
    if output == "-":
        return Classification(passthrough="output-to-stdout", optlevel=optlevel)
    if _special_path(output) or _special_path(mf):
        # /dev/null, /dev/stdout, a FIFO: clang writes into them; llmcc would rename a
        # temp file over them (or read them back as the reference object).
        return Classification(passthrough="special-output", optlevel=optlevel)
    if x_after_source:
        # Splitting per source, or moving the source behind every flag, would change
        # which -x applies to it.
        return Classification(passthrough="x-after-source", optlevel=optlevel)
    if len(sources) > 1 and (output is not None or mf is not None or has_mt):
        # clang itself rejects -o with several sources; -MF/-MT would be shared.
        return Classification(passthrough="multiple-sources-shared-output", optlevel=optlevel)

    asm = mode == "S"
    units = []
    source_positions = {pos for pos, _, _ in sources}
    for pos, src, lang in sources:
        # Keep flag order (and hence -x scoping) by deleting only the other sources.
        tu_argv = [a for j, a in enumerate(args) if j == pos or j not in source_positions]
        index = pos - sum(1 for p in source_positions if p < pos)
        out = output if output is not None else _default_output(src, asm)
        depfile = _depfile_path(out, mf) if deps else None
        units.append(TranslationUnit(src, lang, out, tu_argv, index, asm, depfile))
    return Classification(units=units, optlevel=optlevel)


# Flags that cannot change the object for a given IR; the report's "codegen" column
# leaves them out so that what remains is what shaped the code (-fPIC, -g, -march...).
_FRONTEND_PREFIXES = (
    "-I",
    "-D",
    "-U",
    "-W",
    "-std=",
    "-M",
    "-isystem",
    "-iquote",
    "-idirafter",
    "-include",
    "-imacros",
    "-fdiagnostics",
    "-fcolor",
    "-fno-color",
    "-fno-diagnostics",
    "-pedantic",
    "-w",
    "--std",
)
_FRONTEND_SEPARATE = frozenset(
    {
        "-I",
        "-D",
        "-U",
        "-include",
        "-imacros",
        "-isystem",
        "-iquote",
        "-idirafter",
        "-MF",
        "-MT",
        "-MQ",
    }
)
_OUTPUT_FLAGS = frozenset({"-c", "-S", "-o"})


def shaping_flags(argv: list[str], source: str) -> list[str]:
    """The user's flags that shape the object (no includes, defines, warnings, outputs):
    what ``llmcc-admin report`` shows as a TU's codegen options."""
    out: list[str] = []
    skip = False
    for arg in argv:
        if skip:
            skip = False
            continue
        if arg in _FRONTEND_SEPARATE or arg == "-o":
            skip = True
            continue
        if arg == source or arg in _OUTPUT_FLAGS or arg.startswith("-o"):
            continue
        if arg.startswith(_FRONTEND_PREFIXES):
            continue
        if arg.startswith("-O") and not arg.startswith("-ObjC"):
            continue  # every optimized compile is a size build: -Oz (the report says so)
        out.append(arg)
    return out

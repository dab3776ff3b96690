"""Argument classification and the derived command lines, without clang (the unit layer).

``llmcc.args`` decides, for every command line a build hands us, whether llmcc may
optimize it or must pass it to clang untouched. A wrong "optimize" here is a wrong build
flag somewhere; a wrong "pass through" is a lost saving. The integration layer
(test_driver.py) proves parity with the real clang; these pin the classifier's rules one
by one, in milliseconds.
"""

from __future__ import annotations

import os

import pytest

from llmcc import args
from llmcc.args import classify, expand_response_files, replace_output, shaping_flags

PASSTHROUGH = {
    "preprocess": (["-O2", "-E", "a.c"], "preprocess"),
    "deps-only": (["-O2", "-MM", "a.c"], "dependencies-only"),
    "link": (["-O2", "a.c", "-o", "a"], "link-or-other"),
    "dry-run": (["-###", "-O2", "-c", "a.c"], "driver-dry-run"),
    "version": (["--version"], "version"),
    "print-prefix": (["-print-prog-name=ld"], "print"),
    "assembler": (["-O2", "-c", "a.s"], "assembler-source"),
    "assembler-cpp": (["-O2", "-c", "a.S"], "assembler-source"),
    "emit-llvm": (["-O2", "-c", "-emit-llvm", "a.c"], "emit-llvm"),
    "lto": (["-O2", "-flto=thin", "-c", "a.c"], "lto"),
    "sanitizer": (["-O2", "-fsanitize=address", "-c", "a.c"], "sanitizer"),
    "no-optlevel": (["-c", "a.c"], "optlevel-none"),
    "O0": (["-O0", "-c", "a.c"], "optlevel-0"),
    "Og": (["-Og", "-c", "a.c"], "optlevel-g"),
    "ObjC-is-no-optlevel": (["-c", "-ObjC", "a.c"], "optlevel-none"),
    "objective-c-source": (["-O2", "-c", "a.m"], "objective-c"),
    "unknown-x": (["-O2", "-c", "-x", "objective-c", "a.c"], "language-objective-c"),
    "ir-input": (["-O2", "-c", "a.ll"], "ir-input"),
    "cuda": (["-O2", "-c", "a.cu"], "language.cu"),
    "header": (["-O2", "-c", "a.h"], "header-input"),
    "other-input": (["-O2", "-c", "a.c", "lib.a"], "non-source-input"),
    "no-source": (["-O2", "-c"], "no-source"),
    "stdout": (["-O2", "-c", "a.c", "-o", "-"], "output-to-stdout"),
    "dev-null": (["-O2", "-c", "a.c", "-o", "/dev/null"], "special-output"),
    "depfile-dev-null": (["-O2", "-c", "a.c", "-MD", "-MF", "/dev/null"], "special-output"),
    "x-after-source": (["-O2", "-c", "a.c", "-x", "c++"], "x-after-source"),
    "shared-output": (["-O2", "-c", "a.c", "b.c", "-o", "x.o"], "multiple-sources-shared-output"),
    "shared-depfile": (
        ["-O2", "-c", "a.c", "b.c", "-MD", "-MF", "x.d"],
        "multiple-sources-shared-output",
    ),
    "dangling-I": (["-O2", "-c", "a.c", "-I"], "missing-option-value"),
    "dangling-o": (["-O2", "-c", "a.c", "-o"], "missing-output"),
    "dangling-x": (["-O2", "-c", "-x"], "bad-x"),
    "mllvm": (["-O2", "-mllvm", "-inline-threshold=1", "-c", "a.c"], "mllvm"),
    "xclang-action": (["-O2", "-Xclang", "-emit-obj", "-c", "a.c"], "xclang-action"),
    "xclang-disable-llvm": (
        ["-O2", "-Xclang", "-disable-llvm-passes", "-c", "a.c"],
        "xclang-action",
    ),
    "wp-preprocess": (["-O2", "-Wp,-E", "-c", "a.c"], "preprocessor-dependency-options"),
    "split-dwarf": (["-O2", "-gsplit-dwarf", "-c", "a.c"], "split-dwarf"),
    "record-command-line": (["-O2", "-frecord-command-line", "-c", "a.c"], "record-command-line"),
    "compilation-database": (["-O2", "-c", "a.c", "-MJa.json"], "compilation-database"),
    "long-output-option": (["-O2", "-c", "a.c", "--output=x.o"], "long-output-option"),
    "stdin": (["-O2", "-x", "c", "-c", "-"], "stdin"),
    "end-of-options": (["-O2", "-c", "--", "a.c"], "end-of-options"),
    "driver-mode": (["--driver-mode=cl", "-O2", "-c", "a.c"], "driver-mode"),
    "plugin": (["-O2", "-fpass-plugin=x.so", "-c", "a.c"], "pass-plugin"),
    "profile-use": (["-O2", "-fprofile-use=x.prof", "-c", "a.c"], "profile-use"),
}


@pytest.mark.parametrize("case", sorted(PASSTHROUGH))
def test_command_lines_llmcc_must_not_optimize_pass_through_with_their_reason(case):
    argv, reason = PASSTHROUGH[case]
    c = classify(argv)
    assert (c.passthrough, c.units) == (reason, [])


@pytest.mark.parametrize(
    ("argv", "level"),
    [
        (["-O2", "-c", "a.c"], "2"),
        (["-Os", "-c", "a.c"], "s"),
        (["-Oz", "-c", "a.c"], "z"),
        (["-O", "-c", "a.c"], "1"),
        (["-Ofast", "-c", "a.c"], "fast"),
        (["--optimize=3", "-c", "a.c"], "3"),
        (["--optimize", "-c", "a.c"], "1"),
        (["-O0", "-O3", "-c", "a.c"], "3"),  # the last one wins, as in clang
    ],
)
def test_an_optimized_compile_is_one_unit_with_the_last_optimization_level(argv, level):
    c = classify(argv)
    assert c.passthrough is None and c.optlevel == level
    (tu,) = c.units
    assert (tu.source, tu.lang, tu.output, tu.emit_asm, tu.depfile) == (
        "a.c", "c", "a.o", False, None)  # fmt: skip


def test_each_source_becomes_its_own_unit_with_the_other_sources_removed():
    c = classify(["-O2", "-DX=1", "-c", "a.c", "-Iinc", "sub/b.cpp", "-Wall"])
    a, b = c.units
    assert (a.source, a.lang, a.output) == ("a.c", "c", "a.o")
    assert (b.source, b.lang, b.output) == ("sub/b.cpp", "c++", "b.o")  # in the working dir
    assert a.argv == ["-O2", "-DX=1", "-c", "a.c", "-Iinc", "-Wall"]
    assert b.argv == ["-O2", "-DX=1", "-c", "-Iinc", "sub/b.cpp", "-Wall"]
    assert a.argv[a.source_index] == "a.c" and b.argv[b.source_index] == "sub/b.cpp"


@pytest.mark.parametrize(
    ("argv", "lang"),
    [
        (["-O2", "-c", "a.cc"], "c++"),
        (["-O2", "-c", "a.C"], "c++"),
        (["-O2", "-c", "a.i"], "c"),
        (["-O2", "-c", "a.ii"], "c++"),
        (["-O2", "-c", "-x", "c++", "a.c"], "c++"),
        (["-O2", "-c", "-xc", "a.cpp"], "c"),
        (["-O2", "-c", "-x", "c++", "-x", "none", "a.c"], "c"),  # -x none: back to the suffix
    ],
)
def test_language_comes_from_the_suffix_unless_x_says_otherwise(argv, lang):
    (tu,) = classify(argv).units
    assert tu.lang == lang


def test_s_wins_over_c_and_writes_assembly_named_after_the_source():
    (tu,) = classify(["-O2", "-c", "-S", "dir/a.c"]).units
    assert tu.emit_asm and tu.output == "a.s"
    (tu,) = classify(["-O2", "-S", "-c", "a.c", "-oout.s"]).units
    assert tu.emit_asm and tu.output == "out.s"


@pytest.mark.parametrize(
    ("flags", "depfile"),
    [
        (["-MD"], "obj/a.d"),  # the output's name with .d
        (["-MMD", "-MF", "deps/x.d"], "deps/x.d"),
        (["-MD", "-MFjoined.d"], "joined.d"),
        (["-Wp,-MD,wp.d"], "wp.d"),
        (["-MF", "ignored.d"], None),  # -MF alone writes no dependency file
    ],
)
def test_the_dependency_file_path_follows_clangs_rules(flags, depfile):
    (tu,) = classify(["-O2", "-c", "a.c", "-o", "obj/a.o", *flags]).units
    assert tu.depfile == depfile


def test_depfile_target_is_the_output_only_when_one_was_given():
    (with_o,) = classify(["-O2", "-c", "src/a.c", "-o", "obj/a.o", "-MD"]).units
    (without,) = classify(["-O2", "-c", "src/a.c", "-MD"]).units
    assert with_o.depfile_target() == "obj/a.o"
    assert without.depfile_target() == "a.o"


def test_reference_is_the_users_command_plus_oz_and_colour_only_when_asked():
    (tu,) = classify(["-O2", "-g", "-c", "a.c", "-o", "a.o"]).units
    assert tu.reference_argv() == ["-O2", "-g", "-c", "a.c", "-o", "a.o", "-Oz"]
    tu.color = True
    assert tu.reference_argv() == ["-O2", "-g", "-c", "a.c", "-o", "a.o",
                                   "-fcolor-diagnostics", "-Oz"]  # fmt: skip


def test_ir_command_line_keeps_the_users_flags_and_drops_outputs_and_their_depfile():
    argv = ["-O2", "-DX", "-fPIC", "-c", "a.c", "-o", "a.o", "-MMD", "-MP", "-MF", "a.d",
            "-MT", "tgt", "-MQjoined", "-Wp,-MD,wp.d"]  # fmt: skip
    (tu,) = classify(argv).units
    ir = tu.ir_argv("t.ll", "t.d")
    assert ir == ["-O2", "-DX", "-fPIC", "-Oz", "-Xclang", "-disable-llvm-passes", "-S",
                  "-emit-llvm", "a.c", "-o", "t.ll", "-MD", "-MF", "t.d"]  # fmt: skip


def test_codegen_command_line_reads_ir_with_the_users_codegen_flags():
    (tu,) = classify(["-x", "c", "-O2", "-fPIC", "-march=x86-64-v2", "-c", "a.c", "-o",
                      "a.o", "-MD"]).units  # fmt: skip
    cg = tu.codegen_argv("t.bc", "t.o", options=("-mllvm", "-enable-machine-outliner"))
    assert cg == ["-O2", "-fPIC", "-march=x86-64-v2", "-Oz", "-Xclang", "-disable-llvm-optzns",
                  "-Wno-unused-command-line-argument", "-mllvm", "-enable-machine-outliner",
                  "-c", "-x", "ir", "t.bc", "-o", "t.o"]  # fmt: skip
    assert "-S" in tu.codegen_argv("t.bc", "t.s", asm=True)
    # The object key's part: the same for the same flags, and it sees -fPIC.
    (plain,) = classify(["-O2", "-c", "a.c"]).units
    assert tu.codegen_flags() != plain.codegen_flags()
    (again,) = classify(["-O2", "-c", "a.c", "-o", "elsewhere.o"]).units
    assert again.codegen_flags() == plain.codegen_flags()


def test_object_argv_turns_an_assembly_call_into_a_reference_object():
    (tu,) = classify(["-O2", "-S", "a.c", "-o", "a.s"]).units
    assert tu.object_argv("ref.o") == ["-O2", "-Oz", "-c", "a.c", "-o", "ref.o"]


@pytest.mark.parametrize(
    "argv",
    [
        ["-O2", "-c", "a.c", "-o", "a.o"],
        ["-O2", "-c", "a.c", "-oa.o"],
        ["-o", "a.o", "-objc-arc", "-c", "a.c"],
    ],
)
def test_replace_output_replaces_joined_and_separate_o_but_not_objc_flags(argv):
    out = replace_output(argv, "new.o")
    assert out[-2:] == ["-o", "new.o"] and "a.o" not in out and "-oa.o" not in out
    assert ("-objc-arc" in out) == ("-objc-arc" in argv)


def test_shaping_flags_keep_what_changes_code_and_drop_includes_warnings_outputs():
    argv = ["-O2", "-I", "inc", "-DX", "-Wall", "-std=c11", "-fPIC", "-g", "-c", "a.c",
            "-o", "a.o", "-MF", "a.d", "-march=native"]  # fmt: skip
    assert shaping_flags(argv, "a.c") == ["-fPIC", "-g", "-march=native"]


def test_response_files_are_expanded_nested_and_refused_when_ambiguous(tmp_path):
    (tmp_path / "inner.rsp").write_text('-DNAME="two words"\n-c\n')
    (tmp_path / "outer.rsp").write_text(f"-O2 @{tmp_path / 'inner.rsp'} a.c\n")
    assert expand_response_files([f"@{tmp_path / 'outer.rsp'}"]) == [
        "-O2", "-DNAME=two words", "-c", "a.c"]  # fmt: skip
    (tmp_path / "bs.rsp").write_text('"-DZ=a\\\\b"\n')  # clang and shlex disagree here
    assert expand_response_files([f"@{tmp_path / 'bs.rsp'}"]) is None
    assert expand_response_files([f"@{tmp_path / 'missing.rsp'}"]) is None
    (tmp_path / "loop.rsp").write_text(f"@{tmp_path / 'loop.rsp'}\n")
    assert expand_response_files([f"@{tmp_path / 'loop.rsp'}"]) is None  # bounded depth
    assert classify([f"@{tmp_path / 'missing.rsp'}"]).passthrough == "unreadable-response-file"


def test_a_response_file_too_long_to_expand_passes_through(tmp_path):
    (tmp_path / "big.rsp").write_text(" ".join(f"-DM{i}=1" for i in range(20_000)))
    c = classify(["-O2", "-c", "a.c", f"@{tmp_path / 'big.rsp'}"])
    assert c.passthrough == "long-command-line"


def test_a_response_file_compile_is_classified_from_its_contents(tmp_path):
    (tmp_path / "c.rsp").write_text("-O2 -c a.c -o a.o\n")
    (tu,) = classify([f"@{tmp_path / 'c.rsp'}"]).units
    assert tu.argv == ["-O2", "-c", "a.c", "-o", "a.o"]


def test_a_fifo_output_is_special_but_a_missing_file_is_not(tmp_path):
    fifo = str(tmp_path / "fifo.o")
    os.mkfifo(fifo)
    assert classify(["-O2", "-c", "a.c", "-o", fifo]).passthrough == "special-output"
    assert classify(["-O2", "-c", "a.c", "-o", str(tmp_path / "new.o")]).passthrough is None


def test_every_exact_passthrough_flag_has_a_reason_word():
    """Stats group pass-throughs by reason: an empty or spaced reason would be unreadable."""
    for flag, reason in {**args.PASSTHROUGH_EXACT, **dict(args.PASSTHROUGH_PREFIX)}.items():
        assert reason and " " not in reason, flag

"""Pipeline text grammar: canonical printing, tolerance and strictness.

Model output is untrusted, so these tests pin both what is forgiven
(presentation) and what is refused (structure), plus a fuzz property that
nothing but PassListError ever escapes ``parse``.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from llmcc.passlist import Pass, PassListError, Pipeline, parse
from llmcc.passlist.grammar import MAX_DEPTH, MAX_TEXT


def test_flat_list_round_trips() -> None:
    p = parse("sroa,instcombine,simplifycfg")
    assert p.text() == "sroa,instcombine,simplifycfg"
    assert parse(p.text()) == p
    assert [q.name for q in p] == ["sroa", "instcombine", "simplifycfg"]


def test_whitespace_and_newlines_are_ignored_between_tokens() -> None:
    text = "  function( instcombine ,\n\tsimplifycfg< keep-loops ; no-switch-to-lookup > ),\ngvn\n"
    want = "function(instcombine,simplifycfg<keep-loops;no-switch-to-lookup>),gvn"
    assert parse(text).text() == want


@pytest.mark.parametrize("quoted", ["'sroa,gvn'", '"sroa,gvn"', "  ' sroa , gvn '  "])
def test_surrounding_quotes_are_stripped(quoted: str) -> None:
    assert parse(quoted).text() == "sroa,gvn"


@pytest.mark.parametrize(
    "pasted",
    [
        "-passes=sroa,gvn",
        "--passes=sroa,gvn",
        "-passes='sroa,gvn'",
        '--passes="sroa,gvn"',
        "-p sroa,gvn",
        "-p 'sroa,gvn'",
        "-p='sroa,gvn'",
        "-p'sroa,gvn'",
        "'-passes=sroa,gvn'",
        "--passes sroa,gvn",
    ],
)
def test_command_line_prefix_is_stripped(pasted: str) -> None:
    assert parse(pasted).text() == "sroa,gvn"


def test_single_module_wrapper_is_removed() -> None:
    assert parse("module(globaldce,function(sroa))").text() == "globaldce,function(sroa)"
    assert parse("module(module(globaldce))").text() == "globaldce"
    assert parse("module(a,b)") == parse("a,b")


def test_module_wrapper_is_kept_when_not_alone() -> None:
    assert parse("module(a),b").text() == "module(a),b"


def test_constructed_pipeline_unwraps_module_too() -> None:
    p = Pipeline((Pass("module", None, (Pass("a"), Pass("b"))),))
    assert p.text() == "a,b"
    assert parse(p.text()) == p


def test_empty_params_as_printed_by_opt_mean_no_params() -> None:
    # opt -print-pipeline-passes writes early-cse<>, gvn<>; opt reads them as bare.
    assert parse("function(early-cse<>,gvn<>)").text() == "function(early-cse,gvn)"


def test_params_are_kept_as_raw_text() -> None:
    p = parse("default<Oz>,function(simplifycfg<no-switch-to-lookup;keep-loops>)")
    assert p[0] == Pass("default", "Oz")
    assert p[1].children == (Pass("simplifycfg", "no-switch-to-lookup;keep-loops"),)


@pytest.mark.parametrize(
    "text, name, params",
    [
        ("print<structural-hash><detailed>", "print", "structural-hash><detailed"),
        ("require<domtree>", "require", "domtree"),
        ("alloc-token<mode=<increment>>", "alloc-token", "mode=<increment>"),
        ("loop-unroll<O3;full-unroll-max=8>", "loop-unroll", "O3;full-unroll-max=8"),
        ("x<a:b,c.d=1>", "x", "a:b,c.d=1"),
    ],
)
def test_nested_angle_brackets_parse_and_round_trip(text: str, name: str, params: str) -> None:
    p = parse(text)
    assert (p[0].name, p[0].params, p[0].children) == (name, params, None)
    assert p.text() == text


@pytest.mark.parametrize(
    "text",
    [
        "cgscc(devirt<4>(inline,function(sroa)))",
        "function<eager-inv>(loop-mssa(licm),loop(indvars))",
        "repeat<2>(function(instcombine))",
    ],
)
def test_adaptors_carry_children(text: str) -> None:
    p = parse(text)
    assert p.text() == text
    assert p[0].children


def test_names_are_preorder_including_adaptors() -> None:
    p = parse("always-inline,function(instcombine,loop-mssa(licm)),cgscc(inline)")
    assert p.names() == [
        "always-inline",
        "function",
        "instcombine",
        "loop-mssa",
        "licm",
        "cgscc",
        "inline",
    ]
    assert [q.name for q in p.leaves()] == ["always-inline", "instcombine", "licm", "inline"]
    assert p.depth() == 2


def test_top_level_sequence_protocol_and_prepend() -> None:
    p = parse("b,c")
    assert len(p) == 2 and list(p) == [Pass("b"), Pass("c")]
    q = p.prepend(Pass("a"))
    assert q.text() == "a,b,c" and p.text() == "b,c"  # immutable
    assert str(q) == q.text()


def test_digest_identifies_pipelines_across_spellings() -> None:
    a = parse("module(sroa , gvn)")
    b = parse("-passes='sroa,gvn'")
    assert a.digest() == b.digest()
    assert len(a.digest()) == 64 and int(a.digest(), 16) >= 0
    assert a.digest() != parse("gvn,sroa").digest()


@pytest.mark.parametrize(
    "bad",
    [
        "",
        "   ",
        "''",
        ",",
        "a,",
        ",a",
        "a,,b",
        "a(",
        "a)",
        "a(b",
        "a(b))",
        "(a)",
        "a()",
        "a(,b)",
        "a(b,)",
        "a<b",
        "a>b",
        "a<b>>",
        "a<><b>",
        "a<b<>>",
        "<a>",
        "a b",
        "inst combine",
        "a;b",
        "a(b)c",
        "a<b>c",
        "a<b>(c)<d>",
        "a@b",
        "a<b c>",
        "a<(b)>",
        "a<b'>",
        "'a",
        "a\x00",
        "ïnstcombine",
        "a/b",
    ],
)
def test_malformed_input_raises_passlisterror(bad: str) -> None:
    with pytest.raises(PassListError) as info:
        parse(bad)
    assert isinstance(info.value, ValueError)
    assert str(info.value)  # a message a human can act on


def test_error_messages_name_the_problem() -> None:
    cases = {
        "": "empty",
        "a,,b": "stray ','",
        "a)": "unbalanced ')'",
        "a(b": "unbalanced '('",
        "a<b": "unbalanced '<'",
        "a@b": "illegal character '@'",
        "inst combine": "whitespace",
    }
    for text, fragment in cases.items():
        with pytest.raises(PassListError, match=re.escape(fragment)):
            parse(text)


def test_length_limit() -> None:
    ok = ",".join(["gvn"] * (MAX_TEXT // 4))
    assert len(parse(ok).text()) <= MAX_TEXT
    with pytest.raises(PassListError, match="too long"):
        parse(",".join(["gvn"] * (MAX_TEXT // 4 + 2)))
    with pytest.raises(PassListError, match="too long"):
        parse(" " * (40 * MAX_TEXT) + "gvn")


def test_nesting_depth_limit() -> None:
    def nested(n: int) -> str:
        return "function(" * n + "sroa" + ")" * n

    assert parse(nested(MAX_DEPTH)).depth() == MAX_DEPTH
    with pytest.raises(PassListError, match="nesting"):
        parse(nested(MAX_DEPTH + 1))
    assert parse("a" + "<b" * MAX_DEPTH + ">" * MAX_DEPTH)
    with pytest.raises(PassListError, match="nested"):
        parse("a" + "<b" * (MAX_DEPTH + 1) + ">" * (MAX_DEPTH + 1))


def test_non_string_input_raises_passlisterror() -> None:
    with pytest.raises(PassListError):
        parse(None)  # type: ignore[arg-type]
    with pytest.raises(PassListError):
        parse(b"sroa")  # type: ignore[arg-type]


# ---------------------------------------------------------------- fuzzing
_ALPHABET = "abcio-_.;=,:<>() \n\t'\"pP0123456789@[]|"
_FUZZ = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _check_any(text: str) -> None:
    try:
        p = parse(text)
    except PassListError:
        return
    canonical = p.text()
    again = parse(canonical)
    assert again == p
    assert again.text() == canonical
    assert parse(p.text()).digest() == p.digest()


@_FUZZ
@given(st.text(alphabet=_ALPHABET, max_size=80))
def test_parse_only_raises_passlisterror_and_is_idempotent(text: str) -> None:
    _check_any(text)


@_FUZZ
@given(st.text(max_size=60))
def test_parse_survives_arbitrary_unicode(text: str) -> None:
    _check_any(text)


_names = st.text(alphabet="abcz09_.-", min_size=1, max_size=6)
_params = st.text(alphabet="aOz19;=:.,-", min_size=1, max_size=6)
_leaf = st.builds(Pass, _names, st.none() | _params)


def _with_children(children: st.SearchStrategy[list[Pass]]) -> st.SearchStrategy[Pass]:
    return st.builds(lambda n, p, c: Pass(n, p, tuple(c)), _names, st.none() | _params, children)


_passes = st.recursive(
    _leaf, lambda inner: _with_children(st.lists(inner, min_size=1, max_size=3)), max_leaves=8
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_passes, min_size=1, max_size=4), st.sampled_from(["", " ", "\n  "]))
def test_generated_pipelines_round_trip_through_any_spacing(passes: list[Pass], space: str) -> None:
    p = Pipeline(tuple(passes))
    spaced = p.text().replace(",", space + "," + space).replace("(", "(" + space)
    assert parse(spaced) == p
    assert parse(f"-passes='{p.text()}'") == p

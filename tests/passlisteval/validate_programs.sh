#!/usr/bin/env bash
# Validate the PassListEval self-checking programs across clang versions and
# optimisation levels.  Usage:
#   tests/passlisteval/validate_programs.sh            # all programs
#   tests/passlisteval/validate_programs.sh FILE...    # only these programs
# Environment: JOBS (default 2), VERSIONS (default "16 19 22"),
#              LEVELS (default "-O0 -O2 -Oz"), SAN_VERSION (default 19),
#              MAX_O0_MS (default 150: fail if one -O0 run uses more CPU time).
#
# Per program and per compiler version N:
#   * clang-N -std=c11|c++17 -pedantic -Wall -Wextra -Werror -fsyntax-only
#   * clang-N {LEVELS} -Wall -Wextra -Werror -ffp-contract=off ... -lm
#     (default -std; this subsumes a plain -Wall -Wextra -Werror -fsyntax-only)
#   * each binary is run under `timeout 10`: exit status must be 0, the last
#     stdout line must be "ok", and stdout must be identical across all builds
# plus one clang-${SAN_VERSION} -O1 -fsanitize=undefined,address
# -fno-sanitize-recover=all build that must run clean with identical stdout.
set -u

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
PROGDIR="$ROOT/llmcc/passlisteval/programs"
JOBS="${JOBS:-2}"
VERSIONS="${VERSIONS:-16 19 22}"
LEVELS="${LEVELS:--O0 -O2 -Oz}"
SAN_VERSION="${SAN_VERSION:-19}"
# CPU budget (ms) for one -O0 run here; the suite must stay well under 0.3 s on slow runners.
MAX_O0_MS="${MAX_O0_MS:-150}"
export VERSIONS LEVELS SAN_VERSION MAX_O0_MS

# ---- single-program worker -------------------------------------------------
if [ "${1:-}" = "--one" ]; then
    # Buffer the worker's report so parallel jobs do not interleave lines.
    report="$("$0" --inner "$2" 2>&1)"
    rc=$?
    printf '%s\n' "$report"
    exit $rc
fi
if [ "${1:-}" = "--inner" ]; then
    src="$2"
    name="$(basename "$src")"
    work="$(mktemp -d "${TMPDIR:-/tmp}/ple_validate.XXXXXX")"
    trap 'rm -rf "$work"' EXIT
    case "$src" in
        *.cpp) drv=clang++ ;;
        *.c)   drv=clang ;;
        *) echo "FAIL $name: unknown extension"; exit 1 ;;
    esac
    fail() { echo "FAIL $name: $*"; exit 1; }
    ref=""
    max_ms=0
    for v in $VERSIONS; do
        cc="/usr/bin/$drv-$v"
        [ -x "$cc" ] || fail "compiler $cc missing"
        case "$src" in *.cpp) std=-std=c++17 ;; *) std=-std=c11 ;; esac
        if ! "$cc" $std -pedantic -Wall -Wextra -Werror -fsyntax-only "$src" >"$work/syn.log" 2>&1; then
            cat "$work/syn.log" | head -20; fail "warnings/errors with $drv-$v $std -pedantic"
        fi
        for lvl in $LEVELS; do
            exe="$work/p_${v}${lvl}"
            # Warnings are errors at every level (with the compiler's default -std).
            if ! "$cc" $lvl -Wall -Wextra -Werror -ffp-contract=off "$src" -o "$exe" -lm >"$work/cc.log" 2>&1; then
                head -20 "$work/cc.log"; fail "compile failed or warned ($drv-$v $lvl)"
            fi
            # Measure CPU time (user+sys) rather than wall time: the latter is
            # meaningless on a loaded machine.
            TIMEFORMAT='%3U %3S'
            { time timeout 10 "$exe" >"$work/out_${v}${lvl}" 2>"$work/err"; } 2>"$work/time"
            rc=$?
            if [ $rc -ne 0 ]; then
                head -20 "$work/err"; fail "exit status $rc ($drv-$v $lvl)"
            fi
            ms=$(awk '{ printf "%d", ($1 + $2) * 1000 }' "$work/time")
            if [ "$lvl" = "-O0" ]; then
                [ "$ms" -gt "$max_ms" ] && max_ms=$ms
                [ "$ms" -gt "$MAX_O0_MS" ] && fail "-O0 run used ${ms} ms CPU (> MAX_O0_MS=$MAX_O0_MS) with $drv-$v"
            fi
            if [ -z "$ref" ]; then
                ref="$work/out_${v}${lvl}"
                [ -s "$ref" ] || fail "empty stdout ($drv-$v $lvl)"
                [ "$(tail -n1 "$ref")" = "ok" ] || fail "last stdout line is not 'ok'"
            elif ! cmp -s "$ref" "$work/out_${v}${lvl}"; then
                diff "$ref" "$work/out_${v}${lvl}" | head -10
                fail "stdout differs ($drv-$v $lvl vs first build)"
            fi
        done
    done
    # sanitizer build
    cc="/usr/bin/$drv-$SAN_VERSION"
    exe="$work/p_san"
    if ! "$cc" -O1 -g -ffp-contract=off -fsanitize=undefined,address \
            -fno-sanitize-recover=all "$src" -o "$exe" -lm >"$work/cc.log" 2>&1; then
        head -20 "$work/cc.log"; fail "sanitizer compile failed"
    fi
    ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1 \
        timeout 60 "$exe" >"$work/out_san" 2>"$work/err"
    rc=$?
    if [ $rc -ne 0 ]; then
        head -30 "$work/err"; fail "sanitizer run exit status $rc"
    fi
    if [ -s "$work/err" ]; then
        head -30 "$work/err"; fail "sanitizer run wrote to stderr"
    fi
    cmp -s "$ref" "$work/out_san" || fail "sanitizer stdout differs"
    echo "PASS $name (-O0 cpu ${max_ms} ms)"
    exit 0
fi

# ---- driver ----------------------------------------------------------------
shopt -s nullglob
start=$(date +%s)
if [ $# -gt 0 ]; then
    files=("$@")
else
    files=("$PROGDIR"/[0-9][0-9][0-9]_*.c "$PROGDIR"/[0-9][0-9][0-9]_*.cpp)
fi
nc=0; ncpp=0
for f in "${files[@]}"; do
    case "$f" in *.cpp) ncpp=$((ncpp+1));; *.c) nc=$((nc+1));; esac
done
# Duplicate number prefixes are a bug.
dups=$(for f in "${files[@]}"; do basename "$f" | cut -c1-3; done | sort | uniq -d)
log="$(mktemp "${TMPDIR:-/tmp}/ple_validate_log.XXXXXX")"
printf '%s\n' "${files[@]}" | xargs -P "$JOBS" -n 1 "$0" --one >"$log" 2>&1
npass=$(grep -c '^PASS ' "$log")
nfail=$(grep -c '^FAIL ' "$log")
grep -v '^PASS ' "$log"
echo "slowest -O0 runs (CPU ms):"
grep '^PASS ' "$log" | sed 's/^PASS \(.*\) (-O0 cpu \([0-9]*\) ms)$/\2 \1/' | sort -rn | head -5 | sed 's/^/  /'
rm -f "$log"
end=$(date +%s)
echo "programs: ${#files[@]} (C: $nc, C++: $ncpp)  pass: $npass  fail: $nfail  time: $((end-start))s"
if [ -n "$dups" ]; then echo "duplicate number prefixes: $dups"; exit 1; fi
[ "$nfail" -eq 0 ] && [ "$npass" -eq "${#files[@]}" ]

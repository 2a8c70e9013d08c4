#!/usr/bin/env bash
# Regenerates crates/mlpy-cli/link-order.txt: the functions the CLI runs on start-up, on exit
# and on every program of the test corpus (corpus/), those most programs share first. The
# linker places them together at the start of the code (crates/mlpy-cli/build.rs), so a run
# maps the code it executes instead of 64 KB fault-around windows scattered over 6 MB (peak
# RSS; docs/performance.md). The benchmark workloads are not profiled. Symbols carry rustc's
# hashes, which change with the toolchain and with a crate's dependency list (adding or
# removing one renames every symbol of that crate and its dependents): rerun after such a
# change or a large refactor (names missing from the binary are skipped, so a stale list only
# loses the gain).
# Usage: scripts/link-order.sh   (needs valgrind; about 10 minutes on 2 cores)
set -euo pipefail
cd "$(dirname "$0")/.."
MLPY_NO_LINK_ORDER=1 cargo build --release -p mlpy-cli -q
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export MLPY="$PWD/target/release/mlpy" WORK="$work"
# profile NAME DIR ARGS...: callgrind profile of `mlpy ARGS...` run in DIR.
profile() {
    (cd "$2" && timeout 120 valgrind --tool=callgrind --demangle=no \
        --callgrind-out-file="$WORK/$1.cg" "$MLPY" "${@:3}" >/dev/null 2>&1 </dev/null) || true
}
export -f profile
profile hello . run examples/hello.ml
printf 'x = ;\n' >"$work/bad.ml"
profile syntax-error . run "$work/bad.ml"
profile check . check examples/hello.ml
# Each corpus program with its grants, bounded by fuel so none runs long under valgrind.
find corpus -name '*.ml' ! -name '_*' | sort | nl -w1 -s' ' | xargs -P "$(nproc)" -L1 bash -c '
    n=$0 file=$1
    grants=$(sed -n "s|^// allow: *||p" "$file" | sed "s/^/--allow=/")
    # shellcheck disable=SC2086
    profile "corpus-$n" "$(dirname "$file")" run --tz UTC --fuel 3000000 $grants "$(basename "$file")"
'
python3 scripts/link-order.py --binary "$MLPY" "$work/hello.cg" "$work"/corpus-*.cg "$work/syntax-error.cg" "$work/check.cg" >crates/mlpy-cli/link-order.txt
wc -l crates/mlpy-cli/link-order.txt

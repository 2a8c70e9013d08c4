#!/usr/bin/env bash
# Regenerates crates/mlpy-cli/link-order.txt: the functions the CLI runs on start-up, on the
# benchmark workloads (at small sizes) and on exit, those every run shares first. The linker
# places them together at the start of the code (crates/mlpy-cli/build.rs), so a run maps
# about 0.9 MB of the executable instead of pages scattered over 5 MB (peak RSS;
# docs/performance.md). Symbols carry rustc's hashes, which change with the toolchain and with
# a crate's dependency list (adding or removing one renames every symbol of that crate and its
# dependents): rerun after such a change or a large refactor (names missing from the binary
# are skipped, so a stale list only loses the gain).
# Usage: scripts/link-order.sh   (needs valgrind)
set -euo pipefail
cd "$(dirname "$0")/.."
MLPY_NO_LINK_ORDER=1 cargo build --release -p mlpy-cli -q
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
profile() {  # profile NAME ARGS...
    valgrind --tool=callgrind --demangle=no --callgrind-out-file="$work/$1.cg" \
        target/release/mlpy "${@:2}" >/dev/null 2>&1 || true
}
profile hello run examples/hello.ml
for w in benches/workloads/*.ml; do
    name=$(basename "$w" .ml)
    # Same code at a small size: every loop bound and fib's argument shrunk.
    sed -E 's/\b[0-9]{5,}\b/2000/g; s/fib\(3[0-9]\)/fib(15)/g' "$w" >"$work/$name.ml"
    profile "$name" run "$work/$name.ml"
done
printf 'x = ;\n' >"$work/bad.ml"
profile syntax-error run "$work/bad.ml"
profile check check examples/hello.ml
profiles=()
for name in hello fib loop strings arrays objects closures syntax-error check; do
    profiles+=("$work/$name.cg")
done
python3 scripts/link-order.py "${profiles[@]}" >crates/mlpy-cli/link-order.txt
wc -l crates/mlpy-cli/link-order.txt

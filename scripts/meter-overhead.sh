#!/usr/bin/env bash
# Measures the cost of the sandbox meters (fuel + memory-limit check): builds the CLI twice,
# normally and with `--cfg mlpy_unmetered` (a build that exists only for this measurement), and
# counts the instructions each executes on the benchmark workloads under callgrind, which is
# deterministic on a noisy machine. Prints one line per workload: Ir metered, Ir unmetered, overhead.
# Usage: scripts/meter-overhead.sh [WORKLOAD...]   (needs valgrind)
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -p mlpy-cli -q
RUSTFLAGS="--cfg mlpy_unmetered" cargo build --release -p mlpy-cli -q --target-dir target/unmetered
workloads=("$@")
[ ${#workloads[@]} -eq 0 ] && workloads=(fib loop strings arrays objects closures)
ir() {
    local out
    out=$(mktemp)
    valgrind --tool=callgrind --callgrind-out-file=/dev/null "$1" run "benches/workloads/$2.ml" \
        >/dev/null 2>"$out"
    grep -o 'Collected : [0-9]*' "$out" | grep -o '[0-9]*$'
    rm -f "$out"
}
printf '%-10s %16s %16s %9s\n' workload metered unmetered overhead
for w in "${workloads[@]}"; do
    m=$(ir target/release/mlpy "$w")
    u=$(ir target/unmetered/release/mlpy "$w")
    printf '%-10s %16s %16s %8.2f%%\n' "$w" "$m" "$u" "$(awk -v m="$m" -v u="$u" 'BEGIN { print (m - u) * 100 / u }')"
done

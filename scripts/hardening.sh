#!/usr/bin/env bash
# Long hardening runs (docs/fuzzing.md): the differential test over many seeds, the 10,000-run
# soak, and each fuzz target for a while. Usage:
#   scripts/hardening.sh [diff|soak|fuzz|all] [FUZZ_SECONDS (default 600)] [DIFF_PROGRAMS (default 20000)]
# Everything runs niced; fuzzing needs nightly + cargo-fuzz (`cargo install cargo-fuzz`).
set -euo pipefail
cd "$(dirname "$0")/.."
what="${1:-all}"
secs="${2:-600}"
programs="${3:-20000}"

diff() {
    # Seeds are independent streams: a mismatch report names the program seed to replay with
    # MLPY_DIFF_DUMP=<case>.
    for seed in 11 12 13 14; do
        MLPY_DIFF_SEED=$seed MLPY_DIFF_COUNT=$((programs / 4)) MLPY_DIFF_SHOW=10 \
            nice -n 10 cargo test --release --test differential vm_and -- --nocapture
    done
}

soak() {
    nice -n 10 cargo test --release --test soak -- --ignored --nocapture
}

fuzz() {
    cd fuzz
    for target in parse run run_generated; do
        mkdir -p "corpus/$target"
        # Seed corpora: the ML corpus (and, for parse, the parser's golden files).
        find ../corpus -name '*.ml' -exec cp {} "corpus/$target/" \;
        if [ "$target" = parse ]; then cp ../crates/mlpy-syntax/test_data/*/*.ml corpus/parse/; fi
        nice -n 10 cargo +nightly fuzz run -O "$target" "corpus/$target" -- \
            -max_total_time="$secs" -max_len=4096 -timeout=30 -rss_limit_mb=3072
    done
}

case "$what" in
    diff) diff ;;
    soak) soak ;;
    fuzz) fuzz ;;
    all) diff; soak; fuzz ;;
    *) echo "usage: $0 [diff|soak|fuzz|all] [FUZZ_SECONDS] [DIFF_PROGRAMS]" >&2; exit 2 ;;
esac

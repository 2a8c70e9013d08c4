#!/usr/bin/env bash
# Runs every test of the project: formatting, lints, Rust unit/integration tests (incl. parser
# test data), and the ML corpus on the VM (the corpus runner drives the `mlpy` binary).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo fmt --all -- --check
cargo clippy --workspace --all-targets -q -- -D warnings
cargo build -p mlpy-cli -q
cargo test --workspace -q
# The criterion benches run once each as tests, checking their checksums, so they cannot rot.
cargo test -p mlpy-tests --benches -q
# The Python wheel: built into a venv with maturin, then its pytest suite (guide examples, API).
./scripts/test-python.sh

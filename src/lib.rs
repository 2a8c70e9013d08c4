//! Test-only package: see tests/ and benches/.

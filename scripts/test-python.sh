#!/usr/bin/env bash
# Builds the mlpy Python extension (crates/mlpy-python) into a virtual environment with
# `maturin develop` and runs its pytest suite (the integration guide's examples and the API).
# Optimised dev profile in its own target dir: quick to build in CI, fast enough for the
# timing tests. Extra arguments go to pytest. Set MLPY_PY_VENV to reuse another venv.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
venv=${MLPY_PY_VENV:-$root/target/python-venv}
if [ ! -x "$venv/bin/python" ]; then
    # System site packages: reuse an installed pytest/maturin instead of downloading them.
    "${PYTHON:-python3}" -m venv --system-site-packages "$venv"
fi
"$venv/bin/python" -c "import pytest" 2>/dev/null || "$venv/bin/python" -m pip install -q pytest
if "$venv/bin/python" -m maturin --version >/dev/null 2>&1; then
    maturin=("$venv/bin/python" -m maturin)
elif base=$("${PYTHON:-python3}" -c "import sys; print(sys.executable)") &&
    "$base" -m maturin --version >/dev/null 2>&1; then
    maturin=("$base" -m maturin)
else
    "$venv/bin/python" -m pip install -q "maturin>=1.5,<2"
    maturin=("$venv/bin/python" -m maturin)
fi
# Flask: the guide's web example needs it (installed from PyPI when missing; skipped, with a
# warning, only if that fails).
"$venv/bin/python" -c "import flask" 2>/dev/null || "$venv/bin/python" -m pip install -q flask ||
    echo "test-python.sh: Flask could not be installed; the guide's web example will be skipped" >&2
export CARGO_TARGET_DIR=${MLPY_PY_TARGET:-$root/target/python}
export CARGO_PROFILE_DEV_OPT_LEVEL=2 CARGO_PROFILE_DEV_DEBUG=0
VIRTUAL_ENV=$venv "${maturin[@]}" develop -q -m crates/mlpy-python/Cargo.toml
"$venv/bin/python" -m pytest -q crates/mlpy-python/tests "$@"

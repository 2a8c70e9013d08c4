"""Capability tokens count their uses (python-api.md §7.3) on the VM and in emitted Python,
stop granting at ``max_usage_count`` or ``expires_at``; ``hasCapability`` queries are no
violations; registries hold any number of bridge functions."""

from __future__ import annotations

import contextlib
import copy
import io
import pickle
import time

import pytest

import mlpy
from mlpy.ml.errors.exceptions import MLError
from mlpy.ml.transpiler import execute_ml_code_sandbox, transpile_ml_code
from mlpy.runtime.capabilities import CapabilityContext, create_capability_token
from mlpy.runtime.sandbox import SandboxConfig
from mlpy.stdlib.registry import StandardLibraryRegistry

SEEN: list[int] = []


@pytest.fixture
def counter(tmp_path, monkeypatch):
    """Module ``counter``: ``counter.hit()`` needs ``use:counter`` and reports the token's
    ``usage_count`` as Python sees it during the call (``counter_impl.TOKEN``)."""
    (tmp_path / "counter_impl.py").write_text(
        "TOKEN = None\n"
        "def hit():\n"
        "    return TOKEN.usage_count if TOKEN is not None else -1\n"
        "def nap(seconds):\n"
        "    import time\n"
        "    time.sleep(seconds)\n"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    reg = StandardLibraryRegistry()
    reg.register_module("counter", description="counts")
    reg.register_bridge_function("counter", "hit", "counter_impl", "hit", ["use:counter"])
    reg.register_bridge_function("counter", "nap", "counter_impl", "nap")
    import counter_impl

    yield counter_impl
    counter_impl.TOKEN = None
    reg.unregister_module("counter")


THREE_HITS = (
    "import counter;\n"
    "seen = [counter.hit(), counter.hit()];\n"
    "try { counter.hit(); } except (e) { denied = e.type; }\n"
)


@pytest.mark.parametrize("via", ["capabilities", "context", "run"])
def test_vm_runs_count_token_uses_and_stop_at_the_limit(counter, via):
    token = create_capability_token("use:counter", max_usage_count=2)
    counter.TOKEN = token
    if via == "capabilities":
        r = execute_ml_code_sandbox(THREE_HITS, capabilities=[token])
    elif via == "context":
        ctx = CapabilityContext("c")
        ctx.add_capability(token)
        r = execute_ml_code_sandbox(THREE_HITS, context=ctx)
    else:
        r = mlpy.run(THREE_HITS, capabilities=[token])
    assert r.success, r.error
    assert r.variables["seen"] == [1, 2], "the count is live while the run goes on"
    assert r.variables["denied"] == "CapabilityError", "a used-up token stops granting mid-run"
    assert r.capability_violations == ["use:counter"]
    assert token.usage_count == 2 and token.last_used_at is not None
    assert not token.is_valid()
    r = mlpy.run("import counter;\ncounter.hit();", capabilities=[token])
    assert r.error.kind == "CapabilityError", "later runs are not granted either"
    assert token.usage_count == 2


def test_tokens_without_limit_count_every_use_and_engines_keep_the_token(counter):
    token = create_capability_token("use:counter")
    engine = mlpy.Engine(capabilities=[token])
    for _ in range(3):
        assert engine.run("import counter;\ncounter.hit(); counter.hit();").success
    assert token.usage_count == 6
    assert token.to_dict()["usage_count"] == 6
    # Queries, help and unguarded calls are no uses.
    assert mlpy.run(
        'import counter;\nh = hasCapability("use:counter"); counter.nap(0);\n', capabilities=[token]
    ).variables["h"] is True
    assert token.usage_count == 6


def test_token_expiry_stops_granting_mid_run(counter):
    token = create_capability_token("use:counter", expires_in=0.5)
    src = (
        "import counter;\n"
        "first = counter.hit();\n"
        "counter.nap(1.5);\n"
        "try { counter.hit(); } except (e) { later = e.type; }\n"
    )
    r = mlpy.run(src, capabilities=[token])
    assert r.success, r.error
    assert r.variables["later"] == "CapabilityError"
    assert token.usage_count == 1


def test_library_capabilities_count_on_their_tokens(tmp_path):
    (tmp_path / "a.txt").write_text("A")
    read = create_capability_token(
        "file", resource_patterns=[f"{tmp_path}/*"], allowed_operations={"read"}, max_usage_count=2
    )
    src = (
        f'import file;\na = file.read("{tmp_path}/a.txt");\nb = file.read("{tmp_path}/a.txt");\n'
        f'try {{ file.read("{tmp_path}/a.txt"); }} except (e) {{ c = e.type; }}\n'
        'info = getCapabilityInfo("file.read");\n'
    )
    r = mlpy.run(src, capabilities=[read])
    assert r.success, r.error
    assert (r.variables["a"], r.variables["b"], r.variables["c"]) == ("A", "A", "CapabilityError")
    assert r.variables["info"] is None, "used up: no longer granted"
    assert read.usage_count == 2
    env = create_capability_token("env", allowed_operations={"read"}, max_usage_count=1)
    r = execute_ml_code_sandbox(
        'import env;\nx = env.get("K");\ntry { env.get("K"); } except (e) { y = e.type; }\n',
        capabilities=[env],
        sandbox_config=SandboxConfig(extra_env={"K": "v"}),
    )
    assert (r.variables["x"], r.variables["y"]) == ("v", "CapabilityError")
    assert env.usage_count == 1 and r.capability_violations == ["env.read"]
    paths = create_capability_token("path", allowed_operations={"read"})
    r = mlpy.run(f'import path;\nfound = path.glob("{tmp_path}/*.txt");\n', capabilities=[paths])
    assert r.variables["found"] == [f"{tmp_path}/a.txt"], r.error
    assert paths.usage_count == 1, "one search, one use"


def test_get_capability_info_reports_a_tokens_uses():
    token = create_capability_token("env", allowed_operations={"read"}, max_usage_count=5)
    r = mlpy.run(
        'import env;\nenv.get("X");\ninfo = getCapabilityInfo("env.read");\n', capabilities=[token]
    )
    assert r.success, r.error
    info = r.variables["info"]
    assert (info["usage_count"], info["max_usage"]) == (1, 5), info


def test_token_counters_copy_and_pickle_with_their_values(counter):
    token = create_capability_token("use:counter", max_usage_count=10)
    token.use_token()
    clone = copy.deepcopy(token)
    assert clone.usage_count == 1 and clone == token
    clone.use_token()
    assert (clone.usage_count, token.usage_count) == (2, 1), "a copy counts on its own"
    shallow = copy.copy(token)
    shallow.use_token()
    assert (shallow.usage_count, token.usage_count) == (2, 1)
    restored = pickle.loads(pickle.dumps(token))
    assert restored.usage_count == 1 and restored.is_valid()
    assert type(token).from_dict(token.to_dict()).usage_count == 1


def test_emitted_python_counts_uses_on_the_threads_context(counter):
    token = create_capability_token("use:counter", max_usage_count=2)
    counter.TOKEN = token
    code, issues, _ = transpile_ml_code(THREE_HITS)
    assert code, issues
    ctx = CapabilityContext("t")
    ctx.add_capability(token)
    ns: dict = {}
    with ctx, contextlib.redirect_stdout(io.StringIO()):
        exec(code, ns)
    assert ns["seen"] == [1, 2] and ns["denied"] == "CapabilityError"
    assert token.usage_count == 2
    env = create_capability_token("env", allowed_operations={"read"}, max_usage_count=1)
    ctx = CapabilityContext("e")
    ctx.add_capability(env)
    code, issues, _ = transpile_ml_code('import env;\nx = env.get("HOME");\ny = env.get("HOME");\n')
    assert code, issues
    with ctx, pytest.raises(MLError) as e:
        exec(code, {})
    assert e.value.kind == "CapabilityError" and env.usage_count == 1
    # Grants baked in at transpile time are no tokens: nothing to count.
    code, _, _ = transpile_ml_code(THREE_HITS, grants=["use:counter"])
    exec(code, ns := {})
    assert "denied" not in ns and token.usage_count == 2


def test_has_capability_queries_are_no_violations(counter):
    src = (
        'a = hasCapability("read:database");\n'
        'b = hasCapability("file.read");\n'
        'i = getCapabilityInfo("use:counter");\n'
    )
    r = execute_ml_code_sandbox(src)
    assert r.success and r.variables["a"] is False and r.variables["b"] is False
    assert r.capability_violations == []
    r = execute_ml_code_sandbox("import counter;\ntry { counter.hit(); } except (e) { d = e.type; }\n")
    assert r.variables["d"] == "CapabilityError" and r.capability_violations == ["use:counter"]


def test_a_registry_holds_a_thousand_bridge_functions(tmp_path, monkeypatch):
    (tmp_path / "many_impl.py").write_text(
        "def make(i):\n    return lambda x: x * 1000 + i\n"
        + "".join(f"f{i} = make({i})\n" for i in range(1000))
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    reg = StandardLibraryRegistry()
    reg.register_module("many")
    try:
        for i in range(1000):
            reg.register_bridge_function("many", f"f{i}", "many_impl", f"f{i}")
        r = mlpy.run("import many;\nr = [many.f0(1), many.f499(2), many.f999(3)];\n")
        assert r.success, r.error
        assert r.variables["r"] == [1000, 2499, 3999]
    finally:
        reg.unregister_module("many")

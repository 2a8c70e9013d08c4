"""Every example of python-integration-guide.rst, run unchanged (tests/guide/ holds the code
blocks verbatim). Only names the guide uses but never defines are supplied (python-api.md
§12): helper methods it forgets, the undefined ``SecurityError``, and imports an example takes
for granted from an earlier section."""

from __future__ import annotations

import importlib
import sys
import time
import types

import pytest

from conftest import block_string, run_block
from mlpy.ml.transpiler import execute_ml_code_sandbox, transpile_ml_code


class SecurityError(Exception):
    """The guide raises it but never defines it."""


def test_quick_start(capsys):
    run_block("quick_start")
    out = capsys.readouterr().out
    assert "✅ Transpilation successful!" in out
    assert "Hello, World!" in out


def test_file_based_transpilation(in_tmp, capsys):
    (in_tmp / "proj" / "sub").mkdir(parents=True)
    (in_tmp / "proj" / "a.ml").write_text('x = 1 + 2;\nprint("a:" + x);\n')
    (in_tmp / "proj" / "sub" / "b.ml").write_text("function f(n) { return n * 2; }\ny = f(21);\n")
    (in_tmp / "proj" / "bad.ml").write_text("x = (1 + ;\n")
    ns = run_block("file_based")
    ns["transpile_ml_project"](str(in_tmp / "proj"))
    out = capsys.readouterr().out
    assert "✅ a.ml → a.py" in out and "✅ b.ml → b.py" in out
    assert "❌ Failed to transpile bad.ml:" in out and "  - Line 1: " in out
    assert (in_tmp / "proj" / "a.py").is_file()
    source_map = (in_tmp / "proj" / "sub" / "b.py.map").read_text()
    assert '"version": 3' in source_map or '"version":3' in source_map
    g: dict = {}
    exec((in_tmp / "proj" / "sub" / "b.py").read_text(), g)
    assert g["y"] == 42


def test_security_validation_only():
    ns = run_block("security_validation")
    validate = ns["validate_user_script"]
    assert validate("x = 1 + 2;") == (True, "Script is secure")
    ok, message = validate('eval("1 + 1");')
    assert not ok and message.startswith("Critical security issues found: ")


def test_basic_sandboxed_execution():
    ns = run_block("basic_sandbox")
    run = ns["run_user_script_safely"]
    ok = run("total = 0; for (i in range(10)) { total = total + i; } print(total);")
    assert ok["output"] == "45\n"
    assert ok["execution_time"] > 0 and ok["memory_used"] > 0
    timed_out = run("while (true) { }", max_runtime=0.2)
    assert timed_out["error"].kind == "Timeout"
    rejected = run('eval("1");')
    assert rejected["error"].kind == "SecurityError"
    assert any(i.severity == "critical" for i in rejected["security_violations"])


def test_advanced_sandbox_configuration():
    def _get_capabilities_for_type(self, script_type):
        return {"data_processing": ["file.read"], "web_service": ["network.https"]}.get(script_type, [])

    def _process_sandbox_result(self, result):
        return result

    ns = run_block("advanced_sandbox", {"execute_ml_code_sandbox": execute_ml_code_sandbox})
    runner_cls = ns["MLScriptRunner"]
    runner_cls._get_capabilities_for_type = _get_capabilities_for_type
    runner_cls._process_sandbox_result = _process_sandbox_result
    runner = runner_cls()
    for kind in ("data_processing", "web_service", "default"):
        assert type(runner.create_sandbox_config(kind)).__name__ == "SandboxConfig"
    result = runner.execute_script(
        "print(greeting + ' ' + str(count * 2) + ' ' + str(len(items)));",
        context_data={"greeting": "hi", "count": 21, "items": ["a", 1, 2.5]},
    )
    assert result.success, result.error
    assert result.output == "hi 42 3\n"
    denied = runner.execute_script('import file; x = file.read("/etc/passwd");')
    assert not denied.success and denied.error.kind == "CapabilityError"


def test_mltranspiler_class_usage():
    ns = run_block("transpiler_class")
    compiler = ns["ProjectMLCompiler"]({"strict_security": True, "security_policy": "strict"})
    ok = compiler.compile_module("calc", "function sq(x) { return x * x; }\ny = sq(7);\n")
    assert ok["success"] and ok["source_map"] and ok["ast"] is not None
    assert compiler.compile_module("calc", "function sq(x) { return x * x; }\ny = sq(7);\n") is ok
    assert compiler.compile_module("broken", "y = (;") == {"success": False, "error": "Parsing failed"}
    strict = compiler.compile_module("evil", 'eval("1");')
    assert strict["success"] is False and strict["security_issues"]
    permissive = ns["ProjectMLCompiler"]({"security_policy": "permissive", "strict_security": False})
    assert permissive.compile_module("evil", 'eval("1");')["success"] is False  # critical finding


def test_context_data_injection():
    ns = run_block("context_injection", {"transpile_ml_code": transpile_ml_code})
    out = ns["execute_ml_with_context"](
        "total = price * qty; label = name + '!'; ok = flag;",
        {"price": 2.5, "qty": 4, "name": "widget", "flag": True, "tags": ["a", "b"], "dims": {"w": 3}},
    )
    assert out["total"] == 10.0 and out["label"] == "widget!" and out["ok"] is True
    assert out["tags"] == ["a", "b"] and out["dims"] == {"w": 3}


def test_standard_library_bridge(capsys):
    ns = run_block("stdlib_bridge", {"transpile_ml_code": transpile_ml_code})
    ns["demonstrate_stdlib_bridge"]()
    out = capsys.readouterr().out
    assert "Generated Python with stdlib bridges:" in out
    last = out.strip().splitlines()[-1]
    assert last.startswith("Final result: ")
    float(last.removeprefix("Final result: "))


def _callbacks_namespace():
    calls: list = []

    def fetch_user_data(user_id):
        calls.append(("fetch", user_id))
        return {"id": user_id, "name": "Ada", "email": "ada@example.com"}

    def log_analytics_event(event, detail):
        calls.append(("log", event, detail))

    def validate_business_rules(value):
        return "@" in value

    def _get_stdlib_environment(self):
        return {}

    ns = run_block(
        "python_callbacks",
        {
            "transpile_ml_code": transpile_ml_code,
            "time": time,
            "fetch_user_data": fetch_user_data,
            "log_analytics_event": log_analytics_event,
            "validate_business_rules": validate_business_rules,
        },
    )
    ns["MLCallbackHandler"]._get_stdlib_environment = _get_stdlib_environment
    return ns, calls


def test_python_to_ml_callbacks(capsys):
    ns, calls = _callbacks_namespace()
    ns["example_python_callbacks"]()
    out = capsys.readouterr().out
    assert "User logged in: Ada" in out
    assert "Execution result: {'success': True" in out
    assert calls == [("fetch", 123), ("log", "user_login", "ada@example.com")]


def test_ml_to_python_bridge_extensions(in_tmp, monkeypatch):
    pkg = in_tmp / "custom_bridges"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "database.py").write_text(
        "ROWS = [{'id': 1, 'name': 'a'}]\n"
        "def create_connection(url):\n    return url.startswith('sqlite')\n"
        "def execute_query(sql):\n    return [dict(r) for r in ROWS]\n"
        "def insert_record(table, data):\n    ROWS.append(data)\n    return True\n"
        "def update_record(table, data):\n    raise RuntimeError('read-only table ' + table)\n"
    )
    (in_tmp / "database.ml").write_text('function describe() { return "orm"; }\n')
    monkeypatch.syspath_prepend(str(in_tmp))
    importlib.invalidate_caches()
    ns = run_block("bridge_extensions", {"transpile_ml_code": transpile_ml_code})
    bridge = ns["CustomMLBridge"]()
    info = bridge.registry.get_module("database")
    assert sorted(info.functions) == ["connect", "insert", "query", "update"]
    assert isinstance(info.functions["query"], ns["BridgeFunction"])
    assert bridge.execute_ml_with_custom_modules("x = 1 + 1;") is True
    script = (
        "import database;\n"
        'ok = database.connect("sqlite://");\n'
        'rows = database.query("select * from t");\n'
        'added = database.insert("t", {id: 2, name: "b"});\n'
        "kind = database.describe();\n"
        'try { database.update("t", {}); } except (e) { failed = str(e); }\n'
    )
    caps = ["read:database", "write:database"]
    result = execute_ml_code_sandbox(script, capabilities=caps)
    assert result.success, result.error
    v = result.variables
    assert v["ok"] is True and v["rows"] == [{"id": 1, "name": "a"}] and v["added"] is True
    assert v["kind"] == "orm" and v["failed"] == "read-only table t"
    denied = execute_ml_code_sandbox(script, capabilities=["read:database"])
    assert denied.error.kind == "CapabilityError" and "write:database" in denied.error.message
    assert denied.capability_violations == ["write:database"]


def test_bidirectional_data_flow(capsys):
    callbacks, _ = _callbacks_namespace()
    ns = run_block("bidirectional", callbacks)
    ns["demo_bidirectional_interaction"]()
    out = capsys.readouterr().out
    assert "ML Event: algorithm_start - Processing 5 items" in out
    assert "ML Event: item_processed - {'index': 4, 'value': 25}" in out
    assert "'processed_data': [[1, 4, 9, 16, 25]]" in out
    assert "'final_count': 5" in out
    assert "'execution_success': True" in out


def test_configuration_processing(in_tmp):
    (in_tmp / "config").mkdir()
    (in_tmp / "config" / "database.ml").write_text(block_string("config_processing", "// database.ml"))
    ns = run_block("config_processing", {"SecurityError": SecurityError})
    assert ns["db_host"] == "localhost"
    assert ns["max_conns"] == 20
    features = ns["config_processor"].get_config_value("database", "features")
    assert features == {"enable_logging": True, "debug_mode": False, "max_upload_size": 10485760}


def test_dynamic_scripting_plugins(in_tmp, capsys):
    (in_tmp / "plugins").mkdir()
    (in_tmp / "plugins" / "data_validator.ml").write_text(block_string("plugin_system", "// data_validator.ml"))
    ns = run_block("plugin_system", {"SecurityError": SecurityError})
    assert "User data is valid" in capsys.readouterr().out
    bad = ns["plugin_system"].execute_plugin("data_validator", {"name": "J", "email": "nope", "age": 7})
    assert bad["success"] and bad["output"]["valid"] is False
    assert bad["output"]["errors"] == [
        "Name must be at least 2 characters",
        "Invalid email format",
        "Age must be between 13 and 120",
    ]
    assert (in_tmp / "plugins" / "data_validator.py").is_file()


def test_secure_user_script_execution():
    pytest.importorskip("flask")
    stubs = {
        "_generate_execution_id": lambda self, user_id, code: f"{user_id}-{abs(hash(code)) % 10**8}",
        "_get_cache_key": lambda self, code, context: (code, repr(sorted((context or {}).items()))),
        "_create_error_response": lambda self, message, issues=None: {
            "success": False,
            "error": message,
            "issues": issues or [],
        },
        "_cleanup_execution": lambda self, execution_id: self.active_executions.pop(execution_id, None),
    }
    ns = run_block("secure_executor")
    cls = ns["SecureMLExecutor"]
    for name, fn in stubs.items():
        setattr(cls, name, fn)
    client = ns["app"].test_client()
    r = client.post("/execute_ml", json={"user_id": "u1", "script": "x = a * 2; print(x);", "context": {"a": 21}})
    body = r.get_json()
    assert body["success"] is True and body["output"] == "42\n" and body["memory_used"] > 0
    r = client.post("/execute_ml", json={"user_id": "u1", "script": "while (true) { }"})
    assert r.get_json()["success"] is False and "Timeout" in r.get_json()["error"]
    r = client.post("/execute_ml", json={"user_id": "u1", "script": 'eval("1");'})
    assert r.get_json()["error"] == "Security validation failed"
    stats = client.get("/ml_stats").get_json()
    assert stats["total"] == 2 and stats["successful"] == 1 and stats["failed"] == 1

"""Emitted Python inside a host that has the wheel: registered bridge modules (P-155) and the
thread's active CapabilityContext (P-165, D3)."""

from __future__ import annotations

import contextlib
import io

import pytest

import mlpy
from mlpy.ml.errors.exceptions import MLError
from mlpy.ml.transpiler import transpile_ml_code
from mlpy.runtime.capabilities import CapabilityContext, create_capability_token
from mlpy.stdlib.registry import StandardLibraryRegistry


def _run(source: str, **kwargs) -> dict:
    code, issues, _ = transpile_ml_code(source, **kwargs)
    assert code, issues
    ns: dict = {}
    with contextlib.redirect_stdout(io.StringIO()):
        exec(code, ns)
    return ns


@pytest.fixture
def shapes(tmp_path, monkeypatch):
    (tmp_path / "shapes_impl.py").write_text(
        "def area(w, h):\n    return w * h\n"
        "def fail(msg):\n    raise ValueError(msg)\n"
    )
    (tmp_path / "shapes.ml").write_text('function unit() { return "cm"; }\n')
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.chdir(tmp_path)
    reg = StandardLibraryRegistry()
    reg.register_module("shapes", source_file="shapes.ml", capabilities_required=["use:shapes"],
                        description="Shapes in the plane")
    reg.register_bridge_function("shapes", "area", "shapes_impl", "area", ["compute:area"],
                                 description="Area of a rectangle")
    reg.register_bridge_function("shapes", "fail", "shapes_impl", "fail")
    reg.register_bridge_function("shapes", "gone", "no_such_module_xyz", "f")
    yield reg
    reg.unregister_module("shapes")


def _context(*types: str) -> CapabilityContext:
    ctx = CapabilityContext("test")
    for t in types:
        ctx.add_capability(create_capability_token(t))
    return ctx


def test_bridge_modules_work_in_emitted_python_with_the_thread_context(shapes):
    src = (
        "import shapes;\n"
        "a = shapes.area(3, 4);\n"
        "u = shapes.unit();\n"
        "h = help(shapes.area);\n"
        "caps = requiredCapabilities(shapes.area);\n"
        "has = has_module(\"shapes\");\n"
        "try { shapes.fail(\"boom\"); } except (e) { failed = str(e); }\n"
        "try { shapes.gone(); } except (e) { gone = str(e); }\n"
    )
    with _context("use:shapes", "compute:area"):
        ns = _run(src)
    assert ns["a"] == 12 and ns["u"] == "cm", "bridge and ML source members side by side"
    assert ns["h"] == "Area of a rectangle\nRequires: use:shapes, compute:area"
    assert ns["caps"] == ["use:shapes", "compute:area"] and ns["has"] is True
    assert ns["failed"] == "boom"
    assert ns["gone"].startswith("bridge function shapes.gone is unavailable: ")


def test_bridge_capabilities_are_checked_in_emitted_python(shapes):
    src = "import shapes;\ntry { a = shapes.area(3, 4); } except (e) { denied = str(e); }\n"
    with _context("use:shapes"):
        ns = _run(src)
    assert "compute:area" in ns["denied"] and "a" not in ns
    ns = _run(src, grants=["use:shapes", "compute:area"])
    assert ns["a"] == 12, "grants baked in at transpile time count too"
    with pytest.raises(MLError) as e:
        _run("import shapes;\na = shapes.area(1, 2);\n")
    assert e.value.kind == "CapabilityError"


def test_the_thread_context_grants_system_capabilities(tmp_path):
    (tmp_path / "data.txt").write_text("hello")
    src = f'import file;\ntry {{ t = file.read("{tmp_path}/data.txt"); }} except (e) {{ t = e.type; }}\n'
    assert _run(src)["t"] == "CapabilityError", "no context, no grant: denied (D3)"
    allowed = CapabilityContext("files")
    allowed.add_capability(
        create_capability_token("file", resource_patterns=[f"{tmp_path}/*"], allowed_operations={"read"})
    )
    code, _, _ = transpile_ml_code(src)
    with allowed:
        ns: dict = {}
        exec(code, ns)
        assert ns["t"] == "hello"
        child = allowed.create_child_context("child")
        with child:
            ns = {}
            exec(code, ns)
            assert ns["t"] == "hello", "a child context inherits its parent's grants"
    elsewhere = CapabilityContext("elsewhere")
    elsewhere.add_capability(
        create_capability_token("file", resource_patterns=["/nowhere/*"], allowed_operations={"read"})
    )
    with elsewhere:
        ns = {}
        exec(code, ns)
        assert ns["t"] == "CapabilityError", "resource patterns of the context apply"
    ns = {}
    exec(code, ns)
    assert ns["t"] == "CapabilityError", "the context ends with its block"


def test_parse_result_lists_the_top_level_statements():
    from mlpy.ml.transpiler import MLTranspiler

    ast, issues = MLTranspiler().parse_with_security_analysis(
        "import math;\nx = 1;\nfunction f(a) { return a; }\nprint(f(x));\n"
    )
    assert not issues
    assert [(i.node_type, i.name, i.line, i.column) for i in ast.items] == [
        ("ImportStatement", "math", 1, 1),
        ("AssignmentStatement", "x", 2, 1),
        ("FunctionDefinition", "f", 3, 1),
        ("ExpressionStatement", None, 4, 1),
    ]
    assert MLTranspiler().parse_with_security_analysis("x = ;")[0] is None


def test_source_map_debug_info_and_traceback_mapping():
    from mlpy.ml.transpiler import map_python_traceback

    src = "x = 1;\nfunction g(d) {\n    y = d + 1;\n    return 10 / d;\n}\nz = g(0);\n"
    code, _, smap = transpile_ml_code(src, "calc.ml", generate_source_maps=True)
    info = smap["debugInfo"]
    assert info["symbolTable"]["g"] == {
        "type": "function",
        "defined_at": {"line": 2, "column": 1, "file": "calc.ml"},
        "node_type": "FunctionDefinition",
        "scope_level": 0,
    }
    assert info["symbolTable"]["y"]["scope_level"] == 1
    assert info["scopeInformation"][0]["name"] == "g"
    assert info["scopeInformation"][0]["start"] == {"line": 2, "column": 1}
    named = [m for m in info["detailedMappings"] if m.get("name") == "z"]
    assert named and named[0]["original"] == {"line": 6, "column": 1}
    with pytest.raises(MLError) as e:
        exec(code, {})
    assert e.value.kind == "ZeroDivisionError"
    assert map_python_traceback(e.value, smap) == [(6, 1), (4, 5)], "call site, then the failing line"


def test_mixed_modules_reach_emitted_python_without_an_import_path(tmp_path, monkeypatch):
    """A registered module's ML source file is embedded when the program imports it, wherever
    the file lives (not on the import roots, not in the working directory)."""
    lib = tmp_path / "lib"
    lib.mkdir()
    (lib / "units_impl.py").write_text("def scale(x):\n    return x * 10\n")
    (lib / "units_src.ml").write_text('function name() { return "metre"; }\n')
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.syspath_prepend(str(lib))
    monkeypatch.chdir(elsewhere)
    reg = StandardLibraryRegistry()
    reg.register_module("units", source_file=str(lib / "units_src.ml"))
    reg.register_bridge_function("units", "scale", "units_impl", "scale")
    try:
        ns = _run("import units;\nn = units.name();\ns = units.scale(4);\n")
        assert (ns["n"], ns["s"]) == ("metre", 40), "ML and bridge members side by side"
        r = mlpy.run("import units;\nn = units.name();\ns = units.scale(4);\n")
        assert r.variables == {"n": "metre", "s": 40}, "the VM agrees"
    finally:
        reg.unregister_module("units")

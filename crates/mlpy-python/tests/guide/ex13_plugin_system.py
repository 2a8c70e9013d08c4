# Verbatim from python-integration-guide.rst, section "2. Dynamic Scripting in Python Apps".
from mlpy.ml.transpiler import MLTranspiler, execute_ml_code_sandbox
from mlpy.runtime.sandbox import SandboxConfig
import importlib
import tempfile
from pathlib import Path

class MLPluginSystem:
    """Plugin system using ML scripts for business logic."""

    def __init__(self, plugins_dir="./plugins"):
        self.plugins_dir = Path(plugins_dir)
        self.plugins_dir.mkdir(exist_ok=True)
        self.loaded_plugins = {}
        self.transpiler = MLTranspiler()

    def install_plugin(self, plugin_name, ml_source, plugin_config=None):
        """Install a new ML plugin."""

        # Validate plugin security
        security_issues = self.transpiler.validate_security_only(ml_source)
        if any(issue.severity == "critical" for issue in security_issues):
            raise SecurityError("Plugin contains critical security issues")

        # Save plugin source
        plugin_file = self.plugins_dir / f"{plugin_name}.ml"
        plugin_file.write_text(ml_source)

        # Transpile to Python for faster loading
        python_code, issues, source_map = self.transpiler.transpile_to_python(
            source_code=ml_source,
            source_file=str(plugin_file)
        )

        if not python_code:
            raise ValueError(f"Plugin compilation failed: {issues}")

        # Save transpiled Python
        python_file = self.plugins_dir / f"{plugin_name}.py"
        python_file.write_text(python_code)

        # Register plugin
        self.loaded_plugins[plugin_name] = {
            "ml_source": ml_source,
            "python_code": python_code,
            "source_map": source_map,
            "config": plugin_config or {},
            "installed": True
        }

        return True

    def execute_plugin(self, plugin_name, input_data=None, context=None):
        """Execute a plugin with input data and context."""

        if plugin_name not in self.loaded_plugins:
            self._load_plugin(plugin_name)

        plugin = self.loaded_plugins[plugin_name]

        # Create plugin execution environment
        plugin_env = {
            "__builtins__": __builtins__,
            "input_data": input_data,
            "context": context or {},
            "plugin_config": plugin.get("config", {})
        }

        # Execute plugin in sandbox
        sandbox_config = SandboxConfig(
            max_execution_time=10.0,
            max_memory_mb=100,
            allow_network=plugin["config"].get("allow_network", False)
        )

        result = execute_ml_code_sandbox(
            source_code=plugin["ml_source"],
            capabilities=plugin["config"].get("capabilities", []),
            context=plugin_env,
            sandbox_config=sandbox_config
        )

        return {
            "success": result.success,
            "output": result.output,
            "error": result.error,
            "execution_time": result.execution_time
        }

    def list_plugins(self):
        """List all available plugins."""
        plugins = []

        for ml_file in self.plugins_dir.glob("*.ml"):
            plugin_name = ml_file.stem
            plugins.append({
                "name": plugin_name,
                "file": str(ml_file),
                "loaded": plugin_name in self.loaded_plugins
            })

        return plugins

    def _load_plugin(self, plugin_name):
        """Load plugin from disk."""
        plugin_file = self.plugins_dir / f"{plugin_name}.ml"

        if not plugin_file.exists():
            raise FileNotFoundError(f"Plugin not found: {plugin_name}")

        ml_source = plugin_file.read_text()
        self.install_plugin(plugin_name, ml_source)

# Example plugin (plugins/data_validator.ml)
"""
// data_validator.ml - Data validation plugin

function validate_email(email) {
    // Simple email validation
    if (email.indexOf("@") == -1) {
        return false;
    }
    if (email.indexOf(".") == -1) {
        return false;
    }
    return true;
}

function validate_user_data(user_data) {
    errors = [];

    if (!user_data.name || user_data.name.length < 2) {
        errors = collections.append(errors, "Name must be at least 2 characters");
    }

    if (!validate_email(user_data.email)) {
        errors = collections.append(errors, "Invalid email format");
    }

    if (user_data.age < 13 || user_data.age > 120) {
        errors = collections.append(errors, "Age must be between 13 and 120");
    }

    return {
        valid: errors.length == 0,
        errors: errors
    };
}

// Main plugin execution
validation_result = validate_user_data(input_data);
plugin_output = validation_result;
"""

# Usage
plugin_system = MLPluginSystem()

# User registration validation
user_data = {"name": "John", "email": "john@example.com", "age": 25}
result = plugin_system.execute_plugin("data_validator", user_data)

if result["success"] and result["output"]["valid"]:
    print("User data is valid")
else:
    print("Validation errors:", result["output"]["errors"])

# Verbatim from python-integration-guide.rst, section "Custom Transpiler Instance".
from mlpy.ml.transpiler import MLTranspiler
from mlpy.ml.errors.context import ErrorContext

class ProjectMLCompiler:
    """Custom ML compiler for a specific project."""

    def __init__(self, project_config):
        self.transpiler = MLTranspiler()
        self.project_config = project_config
        self.compilation_cache = {}

    def compile_module(self, module_name, ml_source):
        """Compile an ML module with project-specific settings."""

        # Check cache first
        cache_key = f"{module_name}:{hash(ml_source)}"
        if cache_key in self.compilation_cache:
            return self.compilation_cache[cache_key]

        # Parse with security analysis
        ast, security_issues = self.transpiler.parse_with_security_analysis(
            source_code=ml_source,
            source_file=f"{module_name}.ml"
        )

        if ast is None:
            return {"success": False, "error": "Parsing failed"}

        # Apply project security policy
        if not self._validate_project_security(security_issues):
            return {"success": False, "security_issues": security_issues}

        # Transpile to Python
        python_code, trans_issues, source_map = self.transpiler.transpile_to_python(
            source_code=ml_source,
            source_file=f"{module_name}.ml",
            strict_security=self.project_config.get("strict_security", True),
            generate_source_maps=True
        )

        result = {
            "success": python_code is not None,
            "python_code": python_code,
            "source_map": source_map,
            "issues": trans_issues,
            "ast": ast
        }

        # Cache successful compilations
        if result["success"]:
            self.compilation_cache[cache_key] = result

        return result

    def _validate_project_security(self, security_issues):
        """Apply project-specific security validation."""
        policy = self.project_config.get("security_policy", "strict")

        if policy == "permissive":
            # Allow warnings, block only critical issues
            return not any(issue.severity == "critical" for issue in security_issues)

        elif policy == "strict":
            # Block any security issues
            return len(security_issues) == 0

        else:  # custom policy
            # Apply custom validation logic
            return self.project_config["security_validator"](security_issues)

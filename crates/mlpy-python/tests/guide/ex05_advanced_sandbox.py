# Verbatim from python-integration-guide.rst, section "Advanced Sandbox Configuration".
from mlpy.runtime.sandbox import SandboxConfig, SandboxResult
from mlpy.runtime.capabilities.tokens import CapabilityToken

class MLScriptRunner:
    """Advanced ML script runner with configurable security."""

    def __init__(self, trusted_mode=False):
        self.trusted_mode = trusted_mode
        self.results_cache = {}

    def create_sandbox_config(self, script_type):
        """Create sandbox config based on script type."""

        if script_type == "data_processing":
            return SandboxConfig(
                max_execution_time=30.0,
                max_memory_mb=500,
                allow_network=False,
                allow_file_system=True,
                allowed_file_patterns=["./data/**/*.csv", "./output/**/*"],
                max_file_operations=1000
            )

        elif script_type == "web_service":
            return SandboxConfig(
                max_execution_time=5.0,
                max_memory_mb=50,
                allow_network=True,
                allowed_domains=["api.example.com"],
                rate_limit_requests=100
            )

        else:  # Default: minimal permissions
            return SandboxConfig(
                max_execution_time=1.0,
                max_memory_mb=25,
                allow_network=False,
                allow_file_system=False
            )

    def execute_script(self, ml_code, script_type="default", context_data=None):
        """Execute ML script with appropriate security settings."""

        sandbox_config = self.create_sandbox_config(script_type)

        # Add context data to the execution environment
        if context_data:
            # Inject context as ML variables
            ml_code = self._inject_context_data(ml_code, context_data)

        result = execute_ml_code_sandbox(
            source_code=ml_code,
            capabilities=self._get_capabilities_for_type(script_type),
            sandbox_config=sandbox_config
        )

        return self._process_sandbox_result(result)

    def _inject_context_data(self, ml_code, context_data):
        """Inject Python context data as ML variables."""
        context_ml = []
        for key, value in context_data.items():
            if isinstance(value, str):
                context_ml.append(f'{key} = "{value}";')
            elif isinstance(value, (int, float)):
                context_ml.append(f'{key} = {value};')
            elif isinstance(value, list):
                items = ', '.join(f'"{item}"' if isinstance(item, str) else str(item)
                                for item in value)
                context_ml.append(f'{key} = [{items}];')

        return '\n'.join(context_ml) + '\n\n' + ml_code

# Verbatim from python-integration-guide.rst, section "Basic Sandboxed Execution".
from mlpy.ml.transpiler import execute_ml_code_sandbox
from mlpy.runtime.sandbox import SandboxConfig

def run_user_script_safely(ml_code, max_runtime=5.0):
    """Execute user-provided ML code with safety limits."""

    # Configure sandbox limits
    sandbox_config = SandboxConfig(
        max_execution_time=max_runtime,
        max_memory_mb=100,
        allow_network=False,
        allow_file_system=False,
        temp_dir_only=True
    )

    # Execute with sandbox
    result = execute_ml_code_sandbox(
        source_code=ml_code,
        source_file="user_script.ml",
        capabilities=["execute:calculations"],  # Minimal capabilities
        sandbox_config=sandbox_config
    )

    if result.success:
        return {
            "output": result.output,
            "execution_time": result.execution_time,
            "memory_used": result.memory_used
        }
    else:
        return {
            "error": result.error,
            "security_violations": result.security_issues
        }

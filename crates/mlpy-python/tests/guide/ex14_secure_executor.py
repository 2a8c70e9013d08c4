# Verbatim from python-integration-guide.rst, section "3. Secure User Script Execution".
from mlpy.ml.transpiler import validate_ml_security, execute_ml_code_sandbox
from mlpy.runtime.sandbox import SandboxConfig, SandboxResult
from mlpy.runtime.capabilities.tokens import CapabilityToken
import time
import hashlib
import logging

class SecureMLExecutor:
    """Secure execution of user-provided ML code for web applications."""

    def __init__(self, max_concurrent_executions=10):
        self.max_concurrent_executions = max_concurrent_executions
        self.execution_cache = {}
        self.active_executions = {}
        self.execution_stats = {"total": 0, "successful": 0, "failed": 0}

        # Set up logging
        logging.basicConfig(level=logging.INFO)
        self.logger = logging.getLogger(__name__)

    def execute_user_script(self, user_id, script_code, execution_context=None):
        """Execute user-provided ML script with comprehensive security."""

        # Generate execution ID
        execution_id = self._generate_execution_id(user_id, script_code)

        # Check execution limits
        if not self._check_execution_limits(user_id):
            return self._create_error_response("Execution limit exceeded")

        # Security pre-validation
        security_result = self._validate_security(script_code, execution_id)
        if not security_result["safe"]:
            return self._create_error_response(
                "Security validation failed",
                security_result["issues"]
            )

        # Check cache
        cache_key = self._get_cache_key(script_code, execution_context)
        if cache_key in self.execution_cache:
            cached_result = self.execution_cache[cache_key]
            if time.time() - cached_result["timestamp"] < 300:  # 5 min cache
                return cached_result["result"]

        # Execute with monitoring
        try:
            result = self._execute_with_monitoring(
                execution_id, user_id, script_code, execution_context
            )

            # Cache successful results
            if result["success"]:
                self.execution_cache[cache_key] = {
                    "result": result,
                    "timestamp": time.time()
                }

            return result

        except Exception as e:
            self.logger.error(f"Execution {execution_id} failed: {e}")
            return self._create_error_response(f"Execution failed: {str(e)}")

        finally:
            self._cleanup_execution(execution_id)

    def _validate_security(self, script_code, execution_id):
        """Comprehensive security validation."""

        self.logger.info(f"Validating security for execution {execution_id}")

        # Static security analysis
        security_issues = validate_ml_security(script_code)

        # Check for critical issues
        critical_issues = [issue for issue in security_issues
                         if issue.severity == "critical"]

        if critical_issues:
            self.logger.warning(f"Critical security issues in {execution_id}: {critical_issues}")
            return {"safe": False, "issues": critical_issues}

        # Check script complexity (prevent resource exhaustion)
        complexity_check = self._analyze_script_complexity(script_code)
        if complexity_check["too_complex"]:
            return {"safe": False, "issues": ["Script too complex"]}

        # Additional custom security rules
        custom_violations = self._check_custom_security_rules(script_code)
        if custom_violations:
            return {"safe": False, "issues": custom_violations}

        return {"safe": True, "issues": security_issues}

    def _execute_with_monitoring(self, execution_id, user_id, script_code, context):
        """Execute script with comprehensive monitoring."""

        self.logger.info(f"Starting execution {execution_id} for user {user_id}")
        start_time = time.time()

        # Track active execution
        self.active_executions[execution_id] = {
            "user_id": user_id,
            "start_time": start_time,
            "status": "running"
        }

        # Create restrictive sandbox config
        sandbox_config = SandboxConfig(
            max_execution_time=5.0,     # 5 second limit
            max_memory_mb=50,           # 50MB RAM limit
            max_output_length=10000,    # 10KB output limit
            allow_network=False,        # No network access
            allow_file_system=False,    # No file system access
            temp_dir_only=True,         # Temporary files only
            max_file_operations=100     # Limited file ops
        )

        # Minimal capabilities for user scripts
        capabilities = ["execute:calculations"]  # Only basic calculations

        # Add user context safely
        safe_context = self._sanitize_context(context or {})

        # Execute in sandbox
        result = execute_ml_code_sandbox(
            source_code=script_code,
            source_file=f"user_script_{execution_id}.ml",
            capabilities=capabilities,
            context=safe_context,
            sandbox_config=sandbox_config
        )

        # Process results
        execution_time = time.time() - start_time

        self.logger.info(f"Execution {execution_id} completed in {execution_time:.2f}s")

        # Update stats
        self.execution_stats["total"] += 1
        if result.success:
            self.execution_stats["successful"] += 1
        else:
            self.execution_stats["failed"] += 1

        return self._process_sandbox_result(result, execution_id, execution_time)

    def _sanitize_context(self, context):
        """Sanitize user-provided context data."""
        sanitized = {}

        for key, value in context.items():
            # Only allow safe keys and values
            if key.startswith("_"):
                continue  # Skip private keys

            if isinstance(value, (str, int, float, bool)):
                sanitized[key] = value
            elif isinstance(value, list):
                # Only allow lists of primitive types
                if all(isinstance(item, (str, int, float, bool)) for item in value):
                    sanitized[key] = value[:100]  # Limit list size
            elif isinstance(value, dict):
                # Recursively sanitize nested dicts
                sanitized[key] = self._sanitize_context(value)

        return sanitized

    def _analyze_script_complexity(self, script_code):
        """Analyze script complexity to prevent resource exhaustion."""

        # Simple complexity metrics
        line_count = len(script_code.splitlines())
        char_count = len(script_code)

        # Check for potentially expensive patterns
        expensive_patterns = [
            "while", "for", "function", "recursion"  # Could be used for loops
        ]

        pattern_count = sum(script_code.count(pattern) for pattern in expensive_patterns)

        # Complexity thresholds
        if line_count > 100:
            return {"too_complex": True, "reason": "Too many lines"}

        if char_count > 5000:
            return {"too_complex": True, "reason": "Script too long"}

        if pattern_count > 10:
            return {"too_complex": True, "reason": "Too many loops/functions"}

        return {"too_complex": False}

    def _check_custom_security_rules(self, script_code):
        """Check application-specific security rules."""
        violations = []

        # Example: Block certain function names
        forbidden_functions = ["eval", "exec", "import", "__"]
        for func in forbidden_functions:
            if func in script_code:
                violations.append(f"Forbidden function: {func}")

        # Example: Limit string concatenation to prevent DoS
        if script_code.count("+") > 50:
            violations.append("Too many string operations")

        return violations

    def _check_execution_limits(self, user_id):
        """Check per-user execution limits."""
        # Implementation would check user's quota, rate limits, etc.
        return len(self.active_executions) < self.max_concurrent_executions

    def _process_sandbox_result(self, sandbox_result, execution_id, execution_time):
        """Process sandbox execution result."""

        if sandbox_result.success:
            return {
                "success": True,
                "output": sandbox_result.output[:1000],  # Limit output size
                "execution_time": execution_time,
                "memory_used": sandbox_result.memory_used,
                "execution_id": execution_id
            }
        else:
            self.logger.warning(f"Execution {execution_id} failed: {sandbox_result.error}")
            return {
                "success": False,
                "error": str(sandbox_result.error)[:500],  # Limit error message
                "execution_time": execution_time,
                "execution_id": execution_id
            }

    def get_execution_stats(self):
        """Get system execution statistics."""
        return {
            **self.execution_stats,
            "active_executions": len(self.active_executions),
            "cache_size": len(self.execution_cache)
        }

# Usage in web application (Flask example)
from flask import Flask, request, jsonify

app = Flask(__name__)
ml_executor = SecureMLExecutor()

@app.route('/execute_ml', methods=['POST'])
def execute_ml_endpoint():
    """Web endpoint for secure ML script execution."""

    try:
        data = request.get_json()
        user_id = data.get('user_id')
        script_code = data.get('script')
        context = data.get('context', {})

        if not user_id or not script_code:
            return jsonify({"error": "user_id and script are required"}), 400

        # Execute user script securely
        result = ml_executor.execute_user_script(user_id, script_code, context)

        return jsonify(result)

    except Exception as e:
        return jsonify({"error": str(e)}), 500

@app.route('/ml_stats')
def ml_stats():
    """Get ML execution statistics."""
    return jsonify(ml_executor.get_execution_stats())

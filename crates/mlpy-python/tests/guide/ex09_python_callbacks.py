# Verbatim from python-integration-guide.rst, section "Python → ML Callbacks".
class MLCallbackHandler:
    """Handle callbacks from ML code to Python functions."""

    def __init__(self):
        self.callback_registry = {}
        self.call_history = []

    def register_callback(self, name, python_function, capabilities=None):
        """Register a Python function as ML-callable."""
        self.callback_registry[name] = {
            "function": python_function,
            "capabilities": capabilities or [],
            "call_count": 0
        }

    def create_ml_environment(self, ml_code):
        """Create ML code with registered callbacks available."""

        # Generate ML function declarations for Python callbacks
        callback_declarations = []
        for name, info in self.callback_registry.items():
            # Create ML function that calls Python callback
            callback_declarations.append(f'''
            function {name}(...args) {{
                // This function bridges to Python callback
                return __python_callback("{name}", args);
            }}
            ''')

        # Combine callbacks with user ML code
        full_ml_code = '\n'.join(callback_declarations) + '\n' + ml_code

        return full_ml_code

    def execute_with_callbacks(self, ml_code):
        """Execute ML code with Python callback support."""

        # Prepare ML code with callbacks
        enhanced_ml_code = self.create_ml_environment(ml_code)

        # Transpile to Python
        python_code, issues, _ = transpile_ml_code(enhanced_ml_code)

        if python_code:
            # Create execution environment with callback handler
            callback_env = self._create_callback_environment()

            try:
                exec(python_code, callback_env)
                return {"success": True, "calls": self.call_history}
            except Exception as e:
                return {"success": False, "error": str(e)}

        return {"success": False, "transpilation_issues": issues}

    def _create_callback_environment(self):
        """Create Python execution environment with callback support."""

        def python_callback_handler(callback_name, args):
            """Handle ML calls to Python functions."""
            if callback_name in self.callback_registry:
                info = self.callback_registry[callback_name]

                # Record call
                call_record = {
                    "function": callback_name,
                    "args": args,
                    "timestamp": time.time()
                }
                self.call_history.append(call_record)

                # Update call count
                info["call_count"] += 1

                # Execute Python function
                try:
                    return info["function"](*args)
                except Exception as e:
                    raise RuntimeError(f"Callback {callback_name} failed: {e}")

            else:
                raise RuntimeError(f"Unknown callback: {callback_name}")

        return {
            "__builtins__": __builtins__,
            "__python_callback": python_callback_handler,
            # Add mlpy stdlib
            "print": print,
            **self._get_stdlib_environment()
        }

# Usage example
def example_python_callbacks():
    """Demonstrate Python → ML callback pattern."""

    handler = MLCallbackHandler()

    # Register Python functions as ML callbacks
    handler.register_callback("fetch_data", fetch_user_data)
    handler.register_callback("log_event", log_analytics_event)
    handler.register_callback("validate_input", validate_business_rules)

    # ML code that calls Python functions
    ml_script = '''
    // ML script using Python callbacks
    user_id = 123;
    user_data = fetch_data(user_id);

    if (validate_input(user_data.email)) {
        log_event("user_login", user_data.email);
        print("User logged in: " + user_data.name);
    } else {
        log_event("invalid_login_attempt", user_id);
        print("Invalid login attempt");
    }
    '''

    result = handler.execute_with_callbacks(ml_script)
    print(f"Execution result: {result}")

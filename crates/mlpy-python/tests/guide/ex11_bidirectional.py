# Verbatim from python-integration-guide.rst, section "Bidirectional Data Flow".
class MLPythonBridge:
    """Advanced bidirectional Python ↔ ML interaction."""

    def __init__(self):
        self.shared_state = {}
        self.ml_callbacks = MLCallbackHandler()
        self.data_transformers = {}

    def setup_bidirectional_bridge(self):
        """Set up bidirectional data flow."""

        # Python → ML: Data injection
        self.ml_callbacks.register_callback("get_shared_data", self._get_shared_data)
        self.ml_callbacks.register_callback("set_shared_data", self._set_shared_data)

        # ML → Python: Result collection
        self.ml_callbacks.register_callback("emit_result", self._collect_ml_result)
        self.ml_callbacks.register_callback("emit_event", self._handle_ml_event)

    def _get_shared_data(self, key):
        """Provide Python data to ML code."""
        return self.shared_state.get(key)

    def _set_shared_data(self, key, value):
        """Receive data from ML code."""
        self.shared_state[key] = value
        return True

    def _collect_ml_result(self, result_type, data):
        """Collect results from ML computation."""
        if result_type not in self.shared_state:
            self.shared_state[result_type] = []
        self.shared_state[result_type].append(data)

    def _handle_ml_event(self, event_type, event_data):
        """Handle events emitted by ML code."""
        print(f"ML Event: {event_type} - {event_data}")
        # Could trigger Python-side event handlers

    def run_interactive_ml_session(self, ml_code):
        """Run ML code with full bidirectional interaction."""

        # Set up initial shared state
        self.shared_state.update({
            "config": {"debug": True, "max_iterations": 100},
            "input_data": [1, 2, 3, 4, 5],
            "results": []
        })

        # Execute ML code with bidirectional bridge
        result = self.ml_callbacks.execute_with_callbacks(ml_code)

        return {
            "execution_success": result["success"],
            "final_state": self.shared_state,
            "interaction_history": self.ml_callbacks.call_history
        }

# Example usage
def demo_bidirectional_interaction():
    """Demonstrate complex Python ↔ ML interaction."""

    bridge = MLPythonBridge()
    bridge.setup_bidirectional_bridge()

    ml_algorithm = '''
    // ML algorithm with Python interaction
    config = get_shared_data("config");
    input_data = get_shared_data("input_data");

    emit_event("algorithm_start", "Processing " + input_data.length + " items");

    processed_data = [];
    for (i = 0; i < input_data.length; i = i + 1) {
        value = input_data[i];
        processed_value = value * value;
        processed_data = collections.append(processed_data, processed_value);

        emit_event("item_processed", {"index": i, "value": processed_value});
    }

    emit_result("processed_data", processed_data);
    set_shared_data("final_count", processed_data.length);

    emit_event("algorithm_complete", "Processing finished");
    '''

    result = bridge.run_interactive_ml_session(ml_algorithm)
    print("Final result:", result)

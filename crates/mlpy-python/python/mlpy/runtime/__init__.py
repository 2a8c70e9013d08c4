"""Runtime services: sandboxed execution and capabilities."""

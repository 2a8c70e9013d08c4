# Verbatim from python-integration-guide.rst, section "1. Configuration Processing with ML".
from mlpy.ml.transpiler import transpile_ml_code, validate_ml_security
from pathlib import Path
import json

class MLConfigProcessor:
    """Process configuration files written in ML."""

    def __init__(self, config_dir="./config"):
        self.config_dir = Path(config_dir)
        self.loaded_configs = {}

    def load_config(self, config_name):
        """Load and validate ML configuration file."""
        config_file = self.config_dir / f"{config_name}.ml"

        if not config_file.exists():
            raise FileNotFoundError(f"Config file not found: {config_file}")

        ml_config = config_file.read_text()

        # Security validation first
        security_issues = validate_ml_security(ml_config, str(config_file))
        if security_issues:
            raise SecurityError(f"Config security issues: {security_issues}")

        # Transpile and execute config
        python_code, issues, _ = transpile_ml_code(
            source_code=ml_config,
            source_file=str(config_file),
            strict_security=True
        )

        if not python_code:
            raise ValueError(f"Config compilation failed: {issues}")

        # Execute config in controlled environment
        config_globals = {"__builtins__": {}}
        config_locals = {}

        exec(python_code, config_globals, config_locals)

        # Extract configuration values
        config_data = {k: v for k, v in config_locals.items()
                      if not k.startswith('__')}

        self.loaded_configs[config_name] = config_data
        return config_data

    def get_config_value(self, config_name, key_path, default=None):
        """Get nested configuration value using dot notation."""
        if config_name not in self.loaded_configs:
            self.load_config(config_name)

        config = self.loaded_configs[config_name]

        # Navigate nested keys: "database.connection.host"
        keys = key_path.split('.')
        value = config

        for key in keys:
            if isinstance(value, dict) and key in value:
                value = value[key]
            else:
                return default

        return value

# Example ML configuration file (config/database.ml)
"""
// database.ml - Database configuration in ML

database = {
    connection: {
        host: "localhost",
        port: 5432,
        name: "myapp_production"
    },
    pool: {
        min_connections: 2,
        max_connections: 20,
        timeout: 30
    }
};

cache = {
    type: "redis",
    host: "cache.example.com",
    ttl: 3600
};

features = {
    enable_logging: true,
    debug_mode: false,
    max_upload_size: 10 * 1024 * 1024  // 10MB
};
"""

# Usage
config_processor = MLConfigProcessor()
db_host = config_processor.get_config_value("database", "database.connection.host")
max_conns = config_processor.get_config_value("database", "database.pool.max_connections")

# Verbatim from python-integration-guide.rst, section "ML → Python Bridge Extensions".
from mlpy.stdlib.registry import StandardLibraryRegistry, BridgeFunction

class CustomMLBridge:
    """Create custom ML → Python bridges."""

    def __init__(self):
        self.registry = StandardLibraryRegistry()
        self._register_custom_modules()

    def _register_custom_modules(self):
        """Register custom modules with the ML standard library."""

        # Register a custom database module
        self.registry.register_module(
            name="database",
            source_file="database.ml",  # Would contain ML interface
            capabilities_required=["read:database", "write:database"],
            description="Database operations with ORM",
            python_bridge_modules=["sqlalchemy", "psycopg2"]
        )

        # Register bridge functions for database module
        db_functions = [
            ("connect", "custom_bridges.database", "create_connection", ["read:database"]),
            ("query", "custom_bridges.database", "execute_query", ["read:database"]),
            ("insert", "custom_bridges.database", "insert_record", ["write:database"]),
            ("update", "custom_bridges.database", "update_record", ["write:database"]),
        ]

        for ml_name, py_module, py_func, caps in db_functions:
            self.registry.register_bridge_function(
                module_name="database",
                ml_name=ml_name,
                python_module=py_module,
                python_function=py_func,
                capabilities_required=caps
            )

    def execute_ml_with_custom_modules(self, ml_code):
        """Execute ML code with access to custom bridge modules."""

        # ML code can now use: import database; database.query(...);
        python_code, issues, _ = transpile_ml_code(ml_code)

        if python_code:
            # The generated Python code will automatically use our bridges
            # through the registry system
            exec(python_code)
            return True

        return False

# Custom bridge implementation
# custom_bridges/database.py
"""
import sqlalchemy
from typing import Any, Dict, List

_connection = None

def create_connection(database_url: str) -> bool:
    global _connection
    try:
        _connection = sqlalchemy.create_engine(database_url)
        return True
    except Exception:
        return False

def execute_query(sql: str) -> List[Dict[str, Any]]:
    if not _connection:
        raise RuntimeError("No database connection")

    result = _connection.execute(sqlalchemy.text(sql))
    return [dict(row) for row in result]

def insert_record(table: str, data: Dict[str, Any]) -> bool:
    # Implementation with capability checks
    pass
"""

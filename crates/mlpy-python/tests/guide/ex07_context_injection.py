# Verbatim from python-integration-guide.rst, section "Context Data Injection".
def execute_ml_with_context(ml_code, python_context):
    """Execute ML code with Python data context."""

    # Convert Python data to ML variable declarations
    context_declarations = []
    for key, value in python_context.items():
        if isinstance(value, dict):
            # Convert Python dict to ML object
            ml_obj = _python_dict_to_ml_object(value)
            context_declarations.append(f"{key} = {ml_obj};")
        elif isinstance(value, list):
            # Convert Python list to ML array
            ml_array = _python_list_to_ml_array(value)
            context_declarations.append(f"{key} = {ml_array};")
        else:
            # Simple values
            context_declarations.append(f"{key} = {repr(value)};")

    # Prepend context to ML code
    full_ml_code = '\n'.join(context_declarations) + '\n' + ml_code

    # Execute and capture results
    python_code, issues, source_map = transpile_ml_code(full_ml_code)

    if python_code:
        # Execute with result capture
        result_namespace = {}
        exec(python_code, {"__builtins__": __builtins__}, result_namespace)
        return result_namespace

    return None

def _python_dict_to_ml_object(py_dict):
    """Convert Python dictionary to ML object literal."""
    items = []
    for key, value in py_dict.items():
        if isinstance(value, str):
            items.append(f'{key}: "{value}"')
        else:
            items.append(f'{key}: {value}')
    return "{" + ", ".join(items) + "}"

def _python_list_to_ml_array(py_list):
    """Convert Python list to ML array literal."""
    items = []
    for item in py_list:
        if isinstance(item, str):
            items.append(f'"{item}"')
        else:
            items.append(str(item))
    return "[" + ", ".join(items) + "]"

# Verbatim from python-integration-guide.rst, section "Quick Start Example".
from mlpy.ml.transpiler import transpile_ml_code

# Simple ML code
ml_source = '''
function greet(name) {
    return "Hello, " + name + "!";
}

message = greet("World");
print(message);
'''

# Transpile to Python
python_code, issues, source_map = transpile_ml_code(
    source_code=ml_source,
    source_file="example.ml",
    strict_security=True
)

if python_code:
    print("✅ Transpilation successful!")
    # Execute the generated Python code
    exec(python_code)
else:
    print("❌ Transpilation failed:")
    for issue in issues:
        print(f"  - {issue.error.message}")

# Verbatim from python-integration-guide.rst, section "File-Based Transpilation".
from mlpy.ml.transpiler import transpile_ml_file
from pathlib import Path

def transpile_ml_project(project_dir):
    """Transpile all ML files in a project directory."""
    project_path = Path(project_dir)

    for ml_file in project_path.glob("**/*.ml"):
        output_file = ml_file.with_suffix(".py")

        python_code, issues, source_map = transpile_ml_file(
            file_path=str(ml_file),
            output_path=str(output_file),
            strict_security=True,
            generate_source_maps=True
        )

        if python_code:
            print(f"✅ {ml_file.name} → {output_file.name}")
            # Python code is automatically written to output_file
        else:
            print(f"❌ Failed to transpile {ml_file.name}:")
            for issue in issues:
                print(f"  - Line {issue.location.line}: {issue.error.message}")

# Verbatim from python-integration-guide.rst, section "Security Validation Only".
from mlpy.ml.transpiler import validate_ml_security

def validate_user_script(user_ml_code):
    """Validate ML code security without transpiling."""
    security_issues = validate_ml_security(
        source_code=user_ml_code,
        source_file="user_script.ml"
    )

    if not security_issues:
        return True, "Script is secure"

    # Categorize security issues
    critical_issues = [issue for issue in security_issues
                      if issue.severity == "critical"]

    if critical_issues:
        return False, f"Critical security issues found: {len(critical_issues)}"

    return True, f"Minor security warnings: {len(security_issues)}"

// finding: 6:1 critical dunder_identifier
// finding: 7:5 critical dunder_identifier
// finding: 8:1 critical dunder_function_call
// finding: 9:10 critical dunder_function_name
// finding: 10:7 critical dunder_member_access
__secret = 1;
x = __secret;
__import__("os");
function __init__() { return 1; }
y = x.__len;
ok = __python_callback("f", []);

// finding: 4:5 critical dangerous_builtin
// finding: 5:6 critical dangerous_builtin
// finding: 6:1 critical dangerous_builtin
f = globals;
g = [open, 1];
exit();

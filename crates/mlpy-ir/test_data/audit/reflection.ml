// finding: 5:8 critical dunder_member_access
// finding: 5:8 critical reflection_abuse
// finding: 6:9 critical dunder_member_access
// finding: 6:9 critical reflection_abuse
x = [].__class__;
y = x.a.__globals__;

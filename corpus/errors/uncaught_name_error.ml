function f() { return later_global; }
f(); // expect error: NameError: name 'later_global' is not defined
later_global = 1;

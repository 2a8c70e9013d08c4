function f() { return g; }
try { f(); } except (e) { print(str(e)); } // expect: name 'g' is not defined
g = 1;
print(f()); // expect: 1

e = "before";
try { x = 1 / 0; } except (e) { print(str(e)); } // expect: division by zero
try { print(e); } except (err) { print(str(err)); } // expect: name 'e' is not defined
print(e); // expect error: NameError: name 'e' is not defined

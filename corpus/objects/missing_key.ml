o = {a: 1};
print(o.b, o.length); // expect: None None
try { x = o["b"]; } except (e) { print(str(e)); } // expect: 'b'
try { x = o[2]; } except (e) { print(str(e)); } // expect: 2
x = o["zz"]; // expect error: KeyError: 'zz'

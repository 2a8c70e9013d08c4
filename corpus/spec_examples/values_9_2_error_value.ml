try { throw {message: "boom", code: 7}; } except (e) { print(str(e), typeof(e), e.code, e.type); }
try { throw {code: 7}; } except (e) { print(str(e)); }
try { x = {a: 1}["b"]; } except (e) { print(str(e)); }
// expect: boom unknown 7 MLUserException
// expect: User-defined exception
// expect: 'b'

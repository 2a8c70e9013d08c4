try { throw {message: "boom", code: 7}; } except (e) { print(str(e), typeof(e), e.code, e.type); } // expect: boom unknown 7 MLUserException
try { throw {code: 7}; } except (e) { print(str(e)); } // expect: User-defined exception
try { throw {message: 42}; } except (e) { print(str(e), "m=" + e); } // expect: 42 m=42
try { throw {message: "typed", type: "ValidationError"}; } except (e) { print(e.type, e.message, e.missing); } // expect: ValidationError typed None
try { throw {message: "x", data: [1]}; } except (e) { print(e.data); } // expect: [1]

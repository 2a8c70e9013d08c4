try { len(); } except (e) { print(e.type); } // expect: TypeError
try { len([1], [2]); } except (e) { print(e.type); } // expect: TypeError
try { abs("x"); } except (e) { print(e.type); } // expect: TypeError
try { x = null.field; } except (e) { print(e.type); } // expect: AttributeError
try { x = (5).field; } except (e) { print(e.type); } // expect: AttributeError

x = 5;
try { x(); } except (e) { print(str(e)); } // expect: Cannot call object of type 'int': not callable
try { "s"(); } except (e) { print(str(e)); } // expect: Cannot call object of type 'str': not callable
try { null(); } except (e) { print(str(e)); } // expect: Cannot call object of type 'NoneType': not callable
o = {};
o.k = [1];
o.k(); // expect error: TypeError

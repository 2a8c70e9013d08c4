try { for (x in 5) { } } except (e) { print(str(e)); } // expect: 'int' object is not iterable
try { for (x in null) { } } except (e) { print(str(e)); } // expect: 'NoneType' object is not iterable
try { for (x in true) { } } except (e) { print(str(e)); } // expect: 'bool' object is not iterable
for (x in 2.5) { } // expect error: TypeError: 'float' object is not iterable

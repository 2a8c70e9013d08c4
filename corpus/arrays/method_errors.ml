try { [].pop(); } except (e) { print(str(e)); } // expect: pop from empty list
try { [1].remove(5); } except (e) { print(str(e)); } // expect: list.remove(x): x not in list
try { [1].index(5); } except (e) { print(str(e)); } // expect: 5 is not in list
try { [1].nope(); } except (e) { print(str(e)); } // expect: 'list' object has no accessible method 'nope'
try { x = [1].nope; } except (e) { print(str(e)); } // expect: 'list' object has no accessible attribute 'nope'
mixed = [1, "a"];
mixed.sort(); // expect error: TypeError

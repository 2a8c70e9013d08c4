o = {};
try { o[[1]] = 2; } except (e) { print(str(e)); } // expect: unhashable type: 'list'
try { o[{}] = 2; } except (e) { print(str(e)); } // expect: unhashable type: 'dict'
try { x = o[[1]]; } except (e) { print(str(e)); } // expect: unhashable type: 'list'
print(o); // expect: {}

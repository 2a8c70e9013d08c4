// Only string keys: `o.name(args)` calls the stored function; object-method names are not methods.
calc = {double: fn(x) => x * 2, n: 5};
print(calc.double(21)); // expect: 42
try { calc.triple(1); } except (e) { print(str(e)); } // expect: ML object has no property 'triple'
try { calc.n(1); } except (e) { print(str(e)); } // expect: Property 'n' is not callable (got int)
try { calc.keys(); } except (e) { print(str(e)); } // expect: ML object has no property 'keys'
counter = {count: 0};
counter.inc = function() { counter.count = counter.count + 1; return counter.count; };
counter.inc();
print(counter.inc(), counter.count); // expect: 2 2

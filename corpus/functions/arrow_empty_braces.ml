// `fn() => {}` is an empty object, so this is fine; a block with no statement does not exist.
f = fn() => {};
print(f()); // expect: {}
g = fn() => { };
print(g()); // expect: {}

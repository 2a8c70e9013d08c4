print(help(len)); // expect: Get length of collection
// expect: Capabilities: None required
print(help(5), help("x")); // expect: No help available for 5 No help available for x
print(methods([])); // expect: ['append', 'clear', 'copy', 'count', 'extend', 'index', 'insert', 'pop', 'remove', 'reverse', 'sort']
print(methods(zip([1])[0])); // expect: ['count', 'index']

print("a\tb|" + 'it\'s' + "|\d");
print(len("x\ny"));
// expect: a	b|it's|\d
// expect: 3

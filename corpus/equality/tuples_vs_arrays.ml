t = zip([1], [2])[0];
print(t == [1, 2], t == zip([1], [2])[0], [t] == [zip([1.0], [2])[0]]); // expect: false true true

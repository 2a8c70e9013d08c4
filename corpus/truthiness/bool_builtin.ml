print(bool(0), bool(""), bool("0"), bool([]), bool({}), bool(null), bool([0]), !{k: 1}); // expect: false false true false false false true false
print(bool(0.0), bool(-0.0), bool(float("nan")), bool("false"), bool(len), bool(0.001)); // expect: false false true true true true
print(bool(zip()), bool(enumerate([1])[0]), bool(zip([1])[0][0:0])); // expect: false true false

import json;
print(json.stringify({a: 1, b: [true, null, 1.5, "é"], c: {}}));
print(json.parse('{"x": [1, 2.0, true, null]}'));
print(json.prettyPrint({a: 1, b: [1, 2]}, 2));
// expect: {"a": 1, "b": [true, null, 1.5, "\u00e9"], "c": {}}
// expect: {'x': [1, 2.0, True, None]}
// expect: {
// expect:   "a": 1,
// expect:   "b": [
// expect:     1,
// expect:     2
// expect:   ]
// expect: }

import json;
print(json.stringify({a: 1, b: [true, null, 1.5, "é"], c: {}})); // expect: {"a": 1, "b": [true, null, 1.5, "\u00e9"], "c": {}}
print(json.stringify("q\"\\\n\t\u0001\u007f😀")); // expect: "q\"\\\n\t\u0001\u007f\ud83d\ude00"
print(json.stringify([1.0, 1e16, float("inf"), -float("inf"), float("nan"), 100000000000000000000])); // expect: [1.0, 1e+16, Infinity, -Infinity, NaN, 100000000000000000000]
print(json.stringify(enumerate(["a"])), json.stringify([])); // expect: [[0, "a"]] []
o = {};
o[1] = "i"; o[true] = "t"; o[null] = "n"; o[2.5] = "f";
print(json.stringify(o)); // expect: {"1": "t", "null": "n", "2.5": "f"}
print(json.prettyPrint({a: 1, b: [1, 2], c: [], d: {}})); 
// expect: {
// expect:     "a": 1,
// expect:     "b": [
// expect:         1,
// expect:         2
// expect:     ],
// expect:     "c": [],
// expect:     "d": {}
// expect: }
print(json.prettyPrint([1, [2]], 0));
// expect: [
// expect: 1,
// expect: [
// expect: 2
// expect: ]
// expect: ]
function attempt(f) {
    try { print(f()); } except (e) { print(e.type + ": " + str(e)); }
}
attempt(fn() => json.stringify([print])); // expect: ValueError: JSON serialization failed: Object of type function is not JSON serializable
a = [1];
a.append(a);
attempt(fn() => json.stringify(a)); // expect: ValueError: JSON serialization failed: Circular reference detected
shared = [1];
print(json.stringify([shared, shared])); // expect: [[1], [1]]

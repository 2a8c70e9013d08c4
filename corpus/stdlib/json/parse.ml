import json;
print(json.parse('{"a": 1, "b": [true, false, null], "c": "x\\ny", "d": 1.5e3, "e": -0}')); // expect: {'a': 1, 'b': [True, False, None], 'c': 'x\ny', 'd': 1500.0, 'e': 0}
print(json.parse("123456789012345678901234567890"), json.parse(" 2.0 "), json.parse('"\\u00e9\\ud83d\\ude00"')); // expect: 123456789012345678901234567890 2.0 é😀
print(json.parse('[NaN, Infinity, -Infinity]'), json.parse('{"k": 1, "k": 2, "j": 3}')); // expect: [nan, inf, -inf] {'k': 2, 'j': 3}
print(json.parse("[]"), json.parse("{}"), json.parse('"\\/\\b\\f\\t\\r"') == "/" + chr(8) + chr(12) + "\t\r"); // expect: [] {} true
function attempt(f) {
    try { print(f()); } except (e) { print(e.type + ": " + str(e)); }
}
attempt(fn() => json.parse("")); // expect: ValueError: JSON parsing failed: Expecting value: line 1 column 1 (char 0)
attempt(fn() => json.parse("[1,]")); // expect: ValueError: JSON parsing failed: Expecting value: line 1 column 4 (char 3)
attempt(fn() => json.parse('{"a":1,}')); // expect: ValueError: JSON parsing failed: Expecting property name enclosed in double quotes: line 1 column 8 (char 7)
attempt(fn() => json.parse('{"a" 1}')); // expect: ValueError: JSON parsing failed: Expecting ':' delimiter: line 1 column 6 (char 5)
attempt(fn() => json.parse("[1 2]")); // expect: ValueError: JSON parsing failed: Expecting ',' delimiter: line 1 column 4 (char 3)
attempt(fn() => json.parse('"abc')); // expect: ValueError: JSON parsing failed: Unterminated string starting at: line 1 column 1 (char 0)
attempt(fn() => json.parse('"a\nb"')); // expect: ValueError: JSON parsing failed: Invalid control character at: line 1 column 3 (char 2)
attempt(fn() => json.parse('"a\\x"')); // expect: ValueError: JSON parsing failed: Invalid \escape: line 1 column 3 (char 2)
attempt(fn() => json.parse('"a\\u12"')); // expect: ValueError: JSON parsing failed: Invalid \uXXXX escape: line 1 column 4 (char 3)
attempt(fn() => json.parse("01")); // expect: ValueError: JSON parsing failed: Extra data: line 1 column 2 (char 1)
attempt(fn() => json.parse("[1,\n 2,\n x]")); // expect: ValueError: JSON parsing failed: Expecting value: line 3 column 2 (char 9)
attempt(fn() => json.parse('["é", x]')); // expect: ValueError: JSON parsing failed: Expecting value: line 1 column 7 (char 6)
attempt(fn() => json.parse(42)); // expect: ValueError: JSON parsing failed: the JSON object must be str, bytes or bytearray, not int
print(json.validate('{"a": [1]}'), json.validate("{"), json.validate(5)); // expect: true false false
print(json.safeParse('[[1]]'), json.safeParse('[[1]]', 2)); // expect: [[1]] [[1]]
attempt(fn() => json.safeParse('[[1]]', 1)); // expect: ValueError: JSON object depth exceeds maximum allowed (1)
attempt(fn() => json.safeParse('[[[1]]]', 500)); // expect: [[[1]]]
attempt(fn() => json.safeParse('1', -1)); // expect: ValueError: JSON object depth exceeds maximum allowed (-1)

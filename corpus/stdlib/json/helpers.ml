import json;
print(json.isObject({}), json.isObject([]), json.isArray([]), json.isString("s"), json.isString(1)); // expect: true false true true false
print(json.isNumber(1), json.isNumber(1.5), json.isNumber(true), json.isBoolean(false), json.isNull(null), json.isNull(0)); // expect: true true false true true false
print(json.keys({a: 1, b: 2}), json.values({a: 1, b: 2}), json.keys([1]), json.values("x")); // expect: ['a', 'b'] [1, 2] [] []
print(json.hasKey({a: 1}, "a"), json.hasKey({a: 1}, "b"), json.hasKey([1], 0)); // expect: true false false
print(json.get({a: 1}, "a"), json.get({a: 1}, "b"), json.get({a: 1}, "b", 9), json.get(5, "a", "d")); // expect: 1 None 9 d
x = {a: 1, b: 2};
print(json.merge(x, {b: 3, c: 4}), x, json.merge(1, {z: 0}), json.merge({y: 1}, null)); // expect: {'a': 1, 'b': 3, 'c': 4} {'a': 1, 'b': 2} {'z': 0} {'y': 1}

// Wrong arguments and edge inputs of the console/math/random/json/collections/functional/
// regex/log functions: both backends give the same results and messages.
import math; import random; import json; import collections; import functional; import regex; import log; import console;
function attempt(f) {
    try { print(f()); } except (e) { print(e.type + ': ' + str(e)); }
}
attempt(fn() => math.sqrt(null));
attempt(fn() => math.sqrt(1, 2));
attempt(fn() => math.log("a"));
attempt(fn() => math.log(10, "b"));
attempt(fn() => math.pow(2, "x"));
attempt(fn() => math.pow(null, 2));
attempt(fn() => math.floor("1"));
attempt(fn() => math.round([1]));
attempt(fn() => math.min("a", "b"));
attempt(fn() => math.max([1], [2]));
attempt(fn() => math.min(1, "a"));
attempt(fn() => math.sign("x"));
attempt(fn() => math.factorial(true));
attempt(fn() => math.factorial(-1.5));
attempt(fn() => math.gcd(2));
attempt(fn() => math.lcm(4, "6"));
attempt(fn() => math.atan2(1));
attempt(fn() => math.exp(null));
attempt(fn() => math.degToRad("x"));
attempt(fn() => random.setSeed(3) + random.randomInt(1));
attempt(fn() => random.randomInt("a", 5));
attempt(fn() => random.randomFloat("a"));
attempt(fn() => random.uniform(1, null));
attempt(fn() => random.shuffle("abc") == ["a"]);
attempt(fn() => random.sample("abc", 1.5));
attempt(fn() => random.randomIndices(2.5, 1));
attempt(fn() => random.randomIndices(3, "x"));
attempt(fn() => random.triangular(1));
attempt(fn() => random.triangular(1, 2, "m"));
attempt(fn() => random.randomNormal("m"));
attempt(fn() => random.setSeed());
attempt(fn() => random.choice({a: 1}));
attempt(fn() => json.parse());
attempt(fn() => json.parse(null));
attempt(fn() => json.stringify());
attempt(fn() => json.stringify({a: print}));
attempt(fn() => json.stringify([1, [2, {b: len}]]));
attempt(fn() => json.prettyPrint([1], "x"));
attempt(fn() => json.prettyPrint([1], -3));
attempt(fn() => json.safeParse("[1]", "x"));
attempt(fn() => json.get({a: 1}));
attempt(fn() => json.get({}, [1]));
attempt(fn() => json.hasKey({}, [1]));
attempt(fn() => json.merge({a: 1}));
attempt(fn() => json.keys());
attempt(fn() => collections.append([1]));
attempt(fn() => collections.get("abc", 1));
attempt(fn() => collections.get({a: 1}, 0));
attempt(fn() => collections.slice([1, 2, 3], "a"));
attempt(fn() => collections.slice([1, 2, 3], 1.5));
attempt(fn() => collections.take([1, 2], null));
attempt(fn() => collections.drop([1, 2], "x"));
attempt(fn() => collections.chunk([1, 2], "x"));
attempt(fn() => collections.chunk("abcde", 2));
attempt(fn() => collections.flatten([[1], "ab"]));
attempt(fn() => collections.zip([1], 2));
attempt(fn() => collections.sortBy([3, 1], fn(x) => [x]));
attempt(fn() => collections.sortBy([3, "a"], fn(x) => x));
attempt(fn() => collections.sort([[2], [1, 0]]));
attempt(fn() => collections.sort([1, 2], "yes"));
attempt(fn() => collections.reduce([1, 2], fn(a) => a, 0));
attempt(fn() => collections.every([1], null));
attempt(fn() => collections.indexOf("abc", "b"));
attempt(fn() => collections.contains({a: 1}, "a"));
attempt(fn() => collections.unique("abca"));
attempt(fn() => collections.length(null));
attempt(fn() => collections.isEmpty({}));
attempt(fn() => collections.removeAt([1, 2], 1.0));
attempt(fn() => functional.map(fn(x) => x, 5));
attempt(fn() => functional.map(5, [1]));
attempt(fn() => functional.filter(fn(x) => x, {a: 1, b: 0}));
attempt(fn() => functional.reduce(fn(a, b) => a + b, "abc"));
attempt(fn() => functional.take("2", [1, 2]));
attempt(fn() => functional.drop(1, "abc"));
attempt(fn() => functional.chunk(2, "abcde"));
attempt(fn() => functional.chunk("a", [1]));
attempt(fn() => functional.groupBy(fn(x) => [x], [1]));
attempt(fn() => functional.range());
attempt(fn() => functional.range(1, 5, 0));
attempt(fn() => functional.range("a"));
attempt(fn() => functional.times("3", fn(i) => i));
attempt(fn() => functional.times(-2, fn(i) => i));
attempt(fn() => functional.zipWith(fn(a, b) => a + b, [1], "x"));
attempt(fn() => functional.flatten("ab"));
attempt(fn() => functional.reverse({a: 1, b: 2}));
attempt(fn() => functional.partition(fn(x) => x, [0, 1, ""]));
attempt(fn() => functional.curry(fn(a, b) => a + b, "2"));
attempt(fn() => functional.curry(fn(a, b) => a + b, -1)());
attempt(fn() => functional.curry(fn(a, b) => a + b)(1)(2, 3));
attempt(fn() => functional.curry2(len)("a")("b"));
attempt(fn() => functional.juxt(5));
attempt(fn() => functional.juxt([len, 5]));
attempt(fn() => functional.cond([[len]]));
attempt(fn() => functional.cond(5));
attempt(fn() => functional.ifElse(len, len));
attempt(fn() => functional.memoize(fn(a, b) => a + b)(1, 2));
attempt(fn() => functional.partial());
attempt(fn() => functional.partial(5));
attempt(fn() => functional.constant());
attempt(fn() => functional.identity());
attempt(fn() => functional.repeat([1], -1));
attempt(fn() => functional.unique(["a", 1, "a", 1.0, true]));
attempt(fn() => regex.compile("a", "x"));
attempt(fn() => regex.compile(5));
attempt(fn() => regex.search("a", "a", "i"));
attempt(fn() => regex.split("a", "bab", "x"));
attempt(fn() => regex.sub("a", 5, "a"));
attempt(fn() => regex.sub("a", "b", "a", "x"));
attempt(fn() => regex.escape(5));
attempt(fn() => regex.isValid(5));
attempt(fn() => regex.findall("(a)(b)?", "a"));
attempt(fn() => regex.compile("(a)").search("a").group(1.5));
attempt(fn() => regex.compile("(a)").search("a").group(true));
attempt(fn() => regex.compile("(a)").search("a").groups(1, 2));
attempt(fn() => regex.compile("a").search("a", "x"));
attempt(fn() => regex.compile("a").split("a", "x"));
attempt(fn() => regex.compile("(?P<x>a)").search("a").expand("\g<y>"));
attempt(fn() => regex.compile("(a)").search("a").expand(5));
attempt(fn() => regex.compile("a").findall("aaa", 1, 2));
attempt(fn() => regex.compile("a").finditer("aaa", 2)[0].span());
attempt(fn() => regex.compile("a").match("ba", 1).span());
attempt(fn() => regex.compile("a").fullmatch("ab", 0, 1).span());
attempt(fn() => log.set_level(5));
attempt(fn() => log.create_logger(5));
attempt(fn() => log.info());
attempt(fn() => console.log(1, 2) == null);
// expect: TypeError: must be real number, not NoneType
// expect: TypeError: sqrt() takes exactly one argument (2 given)
// expect: TypeError: must be real number, not str
// expect: TypeError: must be real number, not str
// expect: TypeError: unsupported operand type(s) for ** or pow(): 'int' and 'str'
// expect: TypeError: unsupported operand type(s) for ** or pow(): 'NoneType' and 'int'
// expect: TypeError: must be real number, not str
// expect: TypeError: must be real number, not list
// expect: a
// expect: [2]
// expect: TypeError: '<' not supported between instances of 'str' and 'int'
// expect: TypeError: must be real number, not str
// expect: 1
// expect: TypeError: 'float' object cannot be interpreted as an integer
// expect: TypeError: gcd() takes exactly 2 arguments (1 given)
// expect: TypeError: 'str' object cannot be interpreted as an integer
// expect: TypeError: atan2() takes exactly 2 arguments (1 given)
// expect: TypeError: must be real number, not NoneType
// expect: TypeError: must be real number, not str
// expect: 34
// expect: TypeError: randrange() arguments must be integers, not 'str'
// expect: TypeError: must be real number, not str
// expect: TypeError: must be real number, not NoneType
// expect: false
// expect: TypeError: 'float' object cannot be interpreted as an integer
// expect: TypeError: 'float' object cannot be interpreted as an integer
// expect: TypeError: 'str' object cannot be interpreted as an integer
// expect: TypeError: triangular() takes at least 2 arguments (1 given)
// expect: TypeError: must be real number, not str
// expect: TypeError: must be real number, not str
// expect: TypeError: setSeed() takes exactly one argument (0 given)
// expect: TypeError: choice() argument must be an array, not 'dict'
// expect: TypeError: parse() takes exactly one argument (0 given)
// expect: ValueError: JSON parsing failed: the JSON object must be str, bytes or bytearray, not NoneType
// expect: TypeError: stringify() takes exactly one argument (0 given)
// expect: ValueError: JSON serialization failed: Object of type function is not JSON serializable
// expect: ValueError: JSON serialization failed: Object of type function is not JSON serializable
// expect: TypeError: 'str' object cannot be interpreted as an integer
// expect: [
// expect: 1
// expect: ]
// expect: TypeError: 'str' object cannot be interpreted as an integer
// expect: TypeError: get() takes at least 2 arguments (1 given)
// expect: TypeError: unhashable type: 'list'
// expect: TypeError: unhashable type: 'list'
// expect: TypeError: merge() takes exactly 2 arguments (1 given)
// expect: TypeError: keys() takes exactly one argument (0 given)
// expect: TypeError: append() takes exactly 2 arguments (1 given)
// expect: b
// expect: a
// expect: TypeError: slice indices must be integers or None or have an __index__ method
// expect: TypeError: slice indices must be integers or None or have an __index__ method
// expect: [1, 2]
// expect: TypeError: slice indices must be integers or None or have an __index__ method
// expect: TypeError: 'str' object cannot be interpreted as an integer
// expect: [['a', 'b'], ['c', 'd'], ['e']]
// expect: [1, 'ab']
// expect: TypeError: 'int' object is not iterable
// expect: [1, 3]
// expect: TypeError: '<' not supported between instances of 'str' and 'int'
// expect: [[1, 0], [2]]
// expect: [2, 1]
// expect: TypeError: <lambda>() takes 1 positional argument but 2 were given
// expect: TypeError: Cannot call object of type 'NoneType': not callable
// expect: 1
// expect: true
// expect: ['a', 'b', 'c']
// expect: TypeError: object of type 'NoneType' has no len()
// expect: true
// expect: TypeError: 'float' object cannot be interpreted as an integer
// expect: TypeError: 'int' object is not iterable
// expect: TypeError: Cannot call object of type 'int': not callable
// expect: ['a', 'b']
// expect: abc
// expect: TypeError: slice indices must be integers or None or have an __index__ method
// expect: ['b', 'c']
// expect: [['a', 'b'], ['c', 'd'], ['e']]
// expect: TypeError: 'str' object cannot be interpreted as an integer
// expect: TypeError: unhashable type: 'list'
// expect: TypeError: range() takes at least 1 argument (0 given)
// expect: ValueError: range() arg 3 must not be zero
// expect: TypeError: 'str' object cannot be interpreted as an integer
// expect: TypeError: 'str' object cannot be interpreted as an integer
// expect: []
// expect: ['1x']
// expect: ['a', 'b']
// expect: ['b', 'a']
// expect: [[1], [0, '']]
// expect: TypeError: 'str' object cannot be interpreted as an integer
// expect: TypeError: <lambda>() missing 2 required positional arguments: 'a' and 'b'
// expect: 3
// expect: TypeError: len() takes exactly one argument (2 given)
// expect: TypeError: 'int' object is not iterable
// expect: TypeError: juxt() expects a function, got 'int'
// expect: TypeError: cond() expects [predicate, action] pairs
// expect: TypeError: 'int' object is not iterable
// expect: TypeError: ifElse() takes exactly 3 arguments (2 given)
// expect: 3
// expect: TypeError: partial() takes at least 1 argument (0 given)
// expect: TypeError: partial() expects a function, got 'int'
// expect: TypeError: constant() takes exactly one argument (0 given)
// expect: TypeError: identity() takes exactly one argument (0 given)
// expect: []
// expect: ['a', 1]
// expect: TypeError: 'str' object cannot be interpreted as an integer
// expect: TypeError: compile() expected string, got 'int'
// expect: TypeError: 'str' object cannot be interpreted as an integer
// expect: TypeError: 'str' object cannot be interpreted as an integer
// expect: TypeError: sub() expected string, got 'int'
// expect: TypeError: 'str' object cannot be interpreted as an integer
// expect: TypeError: escape() expected string, got 'int'
// expect: false
// expect: [('a', '')]
// expect: None
// expect: a
// expect: TypeError: groups() takes at most 1 argument (2 given)
// expect: TypeError: 'str' object cannot be interpreted as an integer
// expect: TypeError: 'str' object cannot be interpreted as an integer
// expect: IndexError: unknown group name 'y'
// expect: TypeError: expand() expected string, got 'int'
// expect: ['a']
// expect: [2, 3]
// expect: [1, 2]
// expect: [0, 1]
// expect: TypeError: set_level() argument must be a string, not 'int'
// expect: TypeError: create_logger() argument must be a string, not 'int'
// expect: TypeError: info() takes at least 1 argument (0 given)
// expect: 1 2
// expect: true

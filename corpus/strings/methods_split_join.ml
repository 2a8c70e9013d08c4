print("a,b,,c".split(","), "  a  b ".split(), "a\tb\nc".split()); // expect: ['a', 'b', '', 'c'] ['a', 'b'] ['a', 'b', 'c']
print("a-b-c".split("-", 1), "a-b-c".rsplit("-", 1), "a b c".rsplit()); // expect: ['a', 'b-c'] ['a-b', 'c'] ['a', 'b', 'c']
print("x".join(["1", "2", "3"]), "[" + "".join([]) + "]", ", ".join(["a"])); // expect: 1x2x3 [] a
print("banana".replace("a", "o"), "banana".replace("a", "o", 2)); // expect: bonono bonona

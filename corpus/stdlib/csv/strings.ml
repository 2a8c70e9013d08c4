// read_string / write_string need no capability (Python csv dialect).
import csv;
t = csv.write_string([{name: "Ada", note: "a,b"}, {name: "Bo"}]);
print(t == "name,note\r\nAda,\"a,b\"\r\nBo,\r\n", csv.read_string(t)); // expect: true [{'name': 'Ada', 'note': 'a,b'}, {'name': 'Bo', 'note': ''}]
print(repr(csv.write_string([[1, "x\"y", null, true], ["line\nbreak", 2.5]]))); // expect: '1,"x""y",,True\r\n"line\nbreak",2.5\r\n'
print(repr(csv.write_string([{a: 1, b: 2}, {b: 3, c: 4}, "skipped"], ",", false))); // expect: '1,2\r\n3,4\r\n'
print(repr(csv.write_string([{a: 1, b: 2}, {b: 3, c: 4}]))); // expect: 'a,b\r\n1,2\r\n,3\r\n'
print(repr(csv.write_string(["solo", 7])), repr(csv.write_string([]))); // expect: 'solo\r\n7\r\n' ''
print(repr(csv.write_string([["a;b", "c"]], ";"))); // expect: '"a;b";c\r\n'
print(csv.read_string("a,b\n1,2,3\n\n4\n")); // expect: [{'a': '1', 'b': '2'}, {'a': '4'}]
print(csv.read_string("a;b\r\n\"x;\ny\";z\r\n", ";", false)); // expect: [['a', 'b'], ['x;\ny', 'z']]
print(csv.read_string(""), csv.read_string("h1,h2\n")); // expect: [] []
try { csv.read_string("a", "::"); } except (e) { print(e.type, str(e)); } // expect: TypeError "delimiter" must be a 1-character string
try { csv.read_string(5); } except (e) { print(e.type); } // expect: TypeError

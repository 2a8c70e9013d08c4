// allow: file.*:/tmp/mlpy-corpus/**
// allow: path.*:/tmp/mlpy-corpus/**
import csv;
import file;
import path;
import crypto;
// A directory of its own per run: the VM and Python halves of the corpus run concurrently.
d = "/tmp/mlpy-corpus/csv-files-" + crypto.random_hex(8);
if (path.exists(d)) { path.removeDirRecursive(d); }
f = d + "/people.csv";
print(csv.write(f, [{name: "Ada", age: 36}, {name: "Bo, Jr.", age: 7}])); // expect: None
print(repr(file.read(f))); // expect: 'name,age\nAda,36\n"Bo, Jr.",7\n'
print(csv.read(f)); // expect: [{'name': 'Ada', 'age': '36'}, {'name': 'Bo, Jr.', 'age': '7'}]
print(csv.read(f, ",", false)); // expect: [['name', 'age'], ['Ada', '36'], ['Bo, Jr.', '7']]
print(csv.count_rows(f), csv.get_headers(f)); // expect: 2 ['name', 'age']
csv.append(f, {age: 50, name: "Cy", extra: "dropped"});
csv.append(f, ["Di", 9]);
csv.append(f, "lonely");
print(csv.read(f, ",", false)); // expect: [['name', 'age'], ['Ada', '36'], ['Bo, Jr.', '7'], ['Cy', '50'], ['Di', '9'], ['lonely']]
csv.append(d + "/fresh.csv", {x: 1, y: 2});
print(repr(file.read(d + "/fresh.csv"))); // expect: '1,2\n'
csv.write(d + "/empty.csv", []);
print(file.size(d + "/empty.csv"), csv.read(d + "/empty.csv"), csv.count_rows(d + "/empty.csv"), csv.get_headers(d + "/empty.csv")); // expect: 0 [] 0 []
csv.write(d + "/tab.tsv", [["a", "b"], ["1", "2"]], "\t");
print(csv.read(d + "/tab.tsv", "\t")); // expect: [{'a': '1', 'b': '2'}]
path.removeDirRecursive(d);

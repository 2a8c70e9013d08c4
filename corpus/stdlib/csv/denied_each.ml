// csv file functions need file.read / file.write; the string functions need nothing.
import csv;
function show(f) { try { f(); } except (e) { print(e.type + ": " + str(e)); } }
show(fn() => csv.read("/tmp/x.csv")); // expect: CapabilityError: csv.read() requires capability 'file.read' for '/tmp/x.csv'
show(fn() => csv.write("/tmp/x.csv", [[1]])); // expect: CapabilityError: csv.write() requires capability 'file.write' for '/tmp/x.csv'
show(fn() => csv.count_rows("/tmp/x.csv")); // expect: CapabilityError: csv.count_rows() requires capability 'file.read' for '/tmp/x.csv'
show(fn() => csv.get_headers("/tmp/x.csv")); // expect: CapabilityError: csv.get_headers() requires capability 'file.read' for '/tmp/x.csv'
show(fn() => csv.append("/tmp/x.csv", [1])); // expect: CapabilityError: csv.append() requires capability 'file.read' for '/tmp/x.csv'
print(csv.read_string("a\n1")); // expect: [{'a': '1'}]

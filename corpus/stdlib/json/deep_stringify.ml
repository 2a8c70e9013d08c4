// D31: json.stringify past the data-depth limit is the RecursionError limit (not catchable).
// max-depth: 50
import json;
a = [];
cur = a;
for (i in range(40)) { nxt = []; cur.append(nxt); cur = nxt; }
print(len(json.stringify(a))); // expect: 82
for (i in range(30)) { nxt = []; cur.append(nxt); cur = nxt; }
try { json.stringify(a); } except (e) { print("caught"); } // expect limit: depth

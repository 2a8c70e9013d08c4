print(0 || "fallback", "a" && "b", null || 0, !0, ![], !{}, !"x"); // expect: fallback b 0 true true true false
print(1 && 0, 0 && 1, "" || null, [] || [1], 2 || 3); // expect: 0 0 None [1] 2
print(!!5, !null, !(1 == 1)); // expect: true true false
name = null;
print(name || "anonymous"); // expect: anonymous

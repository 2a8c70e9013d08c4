print(0 || "fallback", "a" && "b", null || 0, !0, ![], !{}, !"x"); // expect: fallback b 0 true true true false

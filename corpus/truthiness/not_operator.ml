print(!0, !1, !"", !"a", ![], ![1], !{}, !null, !true, !false); // expect: true false true false true false true true false true
print(typeof(!5), !!"x"); // expect: boolean true

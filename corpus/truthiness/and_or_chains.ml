print(1 && 2 && 3, 1 && 0 && 3, 0 || "" || null, 0 || "" || "last"); // expect: 3 0 None last
print(null && undefined_is_never_evaluated(), [] || {} || 0); // expect: None 0
function undefined_is_never_evaluated() { return "called"; }

function a() { try { return "try"; } finally { print("cleanup"); } }
function b() { try { return "try"; } finally { return "finally"; } }
print(a());
print(b());
// expect: cleanup
// expect: try
// expect: finally
function c() { try { x = 1 / 0; } finally { return "swallowed"; } }
print(c()); // expect: swallowed
function d() { try { throw {message: "e"}; } except (e) { return "from except"; } finally { print("d finally"); } }
print(d());
// expect: d finally
// expect: from except

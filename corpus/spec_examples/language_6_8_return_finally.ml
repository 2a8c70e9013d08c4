function a() { try { return "try"; } finally { print("cleanup"); } }
function b() { try { return "try"; } finally { return "finally"; } }
print(a());
print(b());
// expect: cleanup
// expect: try
// expect: finally

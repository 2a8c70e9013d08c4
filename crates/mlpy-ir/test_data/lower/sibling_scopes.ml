// Sibling and nested scopes sharing names: each function's own bindings, captures through
// an intermediate function that never mentions the name, a name bound in the outer function
// after the inner one reads it, and the top level reusing the names afterwards.
function first(a) {
  total = a;
  function inner() {
    return total + shared;
  }
  shared = 2;
  return inner;
}
function second(total) {
  function middle() {
    function deepest() {
      nonlocal total;
      total = total + 1;
      return total;
    }
    return deepest;
  }
  return middle;
}
function third() {
  a = 1;
  return fn(b) => a + b + total;
}
total = 10;
a = first(1)() + second(2)()() + third()(3);
shared = a;

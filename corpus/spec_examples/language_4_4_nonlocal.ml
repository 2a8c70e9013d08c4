function make() {
    n = 0;
    function next() { nonlocal n; n = n + 1; return n; }
    return next;
}
a = make(); b = make();
print(a(), a(), b()); // expect: 1 2 1

count = 0;
function bump() { nonlocal count; count = count + 1; }   // [fix] refers to the global
bump(); bump();
print(count); // expect: 2

import math;
function make() {
    n = 0;
    function next() { nonlocal n; n = n + 1; return n; }
    return next;
}
count = 0;
function bump() { nonlocal count; count = count + 1; }
c = make();
c(); bump();
print(c(), count, math.pi > 3);

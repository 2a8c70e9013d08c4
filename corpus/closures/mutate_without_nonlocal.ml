items = [];
function add(v) { items.append(v); }
add(1);
add(2);
print(items); // expect: [1, 2]
function mk() {
    state = {n: 0};
    return fn() => { state.n = state.n + 1; return state.n; };
}
c = mk();
c();
print(c()); // expect: 2

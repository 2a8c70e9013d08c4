function add(a, b) { return a + b; }
function nothing() { }
function bare() { return; }
function early(x) { if (x) { return "yes"; } print("fell through"); }
print(add(2, 3), nothing(), bare()); // expect: 5 None None
print(early(1)); // expect: yes
print(early(0)); // expect: fell through
// expect: None
print(typeof(add), callable(add), callable(3)); // expect: function true false

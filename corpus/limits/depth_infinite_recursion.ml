// max-depth: 50
// expect limit: depth
function down(n) { return down(n + 1); }
print("start"); // expect: start
down(0);
